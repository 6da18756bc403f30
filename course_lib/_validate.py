"""Argument checks shared by every ``course_lib`` module (private: not part of the lessons).

Each check returns the cleaned value or raises ``ValueError`` with one message shape,
``"<name> must be <what is expected>, got <what arrived>"``, e.g.

    decay must be a number in [0, 1), got '0.9' (str)
    n_epochs must be an integer >= 0, got 2.5 (float)
    activation must be one of ['relu', 'sigmoid', 'tanh'], got 'softplus' (str)

so a learner sees which argument, what it should be, and what they passed. Numbers must be
finite (nan and inf are rejected); bools are not numbers here, although Python treats them so.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

_FLOAT = np.dtype(float)


def describe(value) -> str:
    """What arrived, for the end of a message: the value and its type; arrays by shape only."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} with dtype {value.dtype}"
    if isinstance(value, np.generic):
        return f"{value.item()!r} (numpy.{type(value).__name__})"
    if type(value) in (list, tuple):  # numpy scalars inside shown as plain numbers
        value = type(value)(x.item() if isinstance(x, np.generic) else x for x in value)
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def fail(name: str, expected: str, value):
    """Raise the course's ValueError: ``name must be expected, got value (type)``."""
    raise ValueError(f"{name} must be {expected}, got {describe(value)}")


def as_real(value):
    """``float(value)`` for a real number (numpy scalars and 0-d arrays included), else None."""
    kind = type(value)
    if kind is float or kind is int:  # the common case first: isinstance on an ABC is slower
        return float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "fiu":
        return float(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return None


def interval(low=None, high=None, *, low_open=False, high_open=False) -> str:
    """``"in [0, 1)"``, ``"> 0"``, ``">= 1"`` ...: the range in the lectures' notation."""
    if low is not None and high is not None:
        return f"in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    if low is not None:
        return f"{'>' if low_open else '>='} {low:g}"
    if high is not None:
        return f"{'<' if high_open else '<='} {high:g}"
    return ""


def number(name: str, value, *, low=None, high=None, low_open=False, high_open=False) -> float:
    """A finite real number, optionally in a range; returned as a float."""
    x = as_real(value)
    if (x is None or not math.isfinite(x)
            or (low is not None and (x < low or (low_open and x == low)))
            or (high is not None and (x > high or (high_open and x == high)))):
        where = interval(low, high, low_open=low_open, high_open=high_open)
        fail(name, f"a number {where}".rstrip(), value)
    return x


def positive(name: str, value) -> float:
    """A finite number > 0 (learning rates, eps, scales)."""
    return number(name, value, low=0.0, low_open=True)


def non_negative(name: str, value) -> float:
    """A finite number >= 0 (lambd, noise, decay_rate)."""
    return number(name, value, low=0.0)


def fraction(name: str, value) -> float:
    """A number in [0, 1): an EWA's weight on the past (beta, beta1, beta2, decay)."""
    return number(name, value, low=0.0, high=1.0, high_open=True)


def probability(name: str, value) -> float:
    """A number in (0, 1]: a keep probability."""
    return number(name, value, low=0.0, high=1.0, low_open=True)


def integer(name: str, value, *, low=None) -> int:
    """A whole number (int, numpy integer, or a float such as 64.0), optionally >= ``low``."""
    if type(value) is int:
        x = value
    elif isinstance(value, (numbers.Integral, np.integer)) and not isinstance(value, bool):
        x = int(value)
    else:
        real = as_real(value)
        x = int(real) if real is not None and math.isfinite(real) and real == int(real) else None
    if x is None or (low is not None and x < low):
        fail(name, f"an integer {interval(low)}".rstrip(), value)
    return x


def boolean(name: str, value) -> bool:
    """True or False (numpy's bools included)."""
    if not isinstance(value, (bool, np.bool_)):
        fail(name, "True or False", value)
    return bool(value)


def choice(name: str, value, options):
    """One of the keys of ``options`` (a dict or a sequence), e.g. an optimizer's name."""
    try:
        ok = value in options
    except TypeError:  # an unhashable value such as a list
        ok = False
    if not ok:
        fail(name, f"one of {sorted(options)}", value)
    return value


def function(name: str, value, *, what: str = "a function"):
    """A callable (``what`` says of what, e.g. "a function of the epoch")."""
    if not callable(value):
        fail(name, what, value)
    return value


def generator(name: str, value) -> np.random.Generator:
    """A ``numpy.random.Generator``: all randomness of the course goes through one."""
    if not isinstance(value, np.random.Generator):
        fail(name, "a numpy.random.Generator (e.g. np.random.default_rng(0))", value)
    return value


def array(name: str, value, *, ndim=None, what=None) -> np.ndarray:
    """``value`` as a float array; ``ndim`` (an int or a tuple of ints) checks its dimensions.

    ``what`` describes the expected shape for the message, e.g. ``"an array of shape (n, m)"``.
    """
    if type(value) is np.ndarray and value.dtype is _FLOAT:  # the common case, kept cheap
        if ndim is None or value.ndim == ndim:
            return value
    try:
        given = isinstance(value, np.ndarray)
        raw = value if given else np.asarray(value)
        # numpy would turn "0.5" into 0.5 and None into nan; neither is a number here
        text_or_objects = raw.dtype.kind in "USV" or (raw.dtype.kind == "O" and not given)
        arr = None if text_or_objects else np.asarray(raw, dtype=float)
    except (TypeError, ValueError):  # ragged lists, None inside a list ...
        arr = None
    if arr is None:
        fail(name, what or "an array of numbers", value)
    if ndim is not None and arr.ndim not in ((ndim,) if isinstance(ndim, int) else ndim):
        expected = what or f"an array with {ndim} dimensions"
        raise ValueError(f"{name} must be {expected}, got shape {arr.shape}")
    return arr
