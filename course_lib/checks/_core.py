"""Machinery shared by every exercise checker: call safely, compare, spot mutation, print.

A checker body receives a :class:`Checker` and walks through its cases. Anything wrong raises
:class:`Fail` (the text to print) or :class:`NotYet` (the learner has not written the function);
:func:`run` catches both, prints one plain-words message, never a traceback, and returns None.

Grading: with the environment variable ``COURSE_LIB_CHECKS=raise`` in the kernel, a check that does
not pass prints the same message and then raises :class:`CheckFailed`, whose traceback is one line,
so the cell fails and nbgrader's autograder gives the exercise zero points. The course's
``grading/nbgrader_config.py`` sets it only in the kernels nbgrader itself starts (autograde,
validate); in JupyterLab and under nbval nothing changes: no traceback, Run All continues, and the
printed text is identical.
"""

from __future__ import annotations

import copy
import os
import warnings

import numpy as np

NOT_YET = ("not implemented yet: {name} still raises NotImplementedError. Replace that line in the "
           "exercise cell with your code, run that cell, then run this one again.")


MODE_VARIABLE = "COURSE_LIB_CHECKS"  # "raise": a check that does not pass raises CheckFailed


class CheckFailed(AssertionError):
    """A check did not pass, raised only in grading mode (``COURSE_LIB_CHECKS=raise``).

    The verdict is already printed above; IPython shows only this one line, not a traceback.
    """

    def _render_traceback_(self) -> list[str]:
        return [f"CheckFailed: {self}"]


def grading_mode() -> bool:
    """True when the kernel runs under the autograder (``COURSE_LIB_CHECKS=raise``)."""
    return os.environ.get(MODE_VARIABLE, "").strip().lower() == "raise"


class Fail(Exception):
    """The learner's function failed a case; the message is what the learner reads."""


class NotYet(Exception):
    """The learner's function raised NotImplementedError."""


def fmt(x, *, width: int = 6) -> str:
    """Short, rounded, deterministic text for a number or an array (never a NumPy repr)."""
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, float, np.integer, np.floating)):
        return f"{float(x):.6g}" if isinstance(x, (float, np.floating)) else str(int(x))
    if isinstance(x, np.ndarray):
        flat = x.ravel()
        shown = ", ".join(fmt(v) for v in flat[:width])
        more = ", ..." if flat.size > width else ""
        return f"[{shown}{more}] (shape {shape_str(x.shape)})"
    if isinstance(x, (list, tuple)):
        return f"{type(x).__name__} of {len(x)} items"
    return type(x).__name__


def shape_str(shape) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def same(a, b) -> bool:
    """Exact equality of nested arrays, dicts, lists and numbers (NaN equals NaN)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        return (a.shape == b.shape and a.dtype == b.dtype
                and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a is b or a == b


def close(a, b, *, rtol: float, atol: float) -> bool:
    """True when ``a`` and ``b`` have the same shape and agree within the tolerances."""
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


class Checker:
    """Walks through the cases of one exercise and turns every problem into a plain message."""

    def __init__(self, name: str, fn, n_cases: int):
        self.name, self.fn, self.n_cases = name, fn, n_cases
        self.index, self.label = 0, ""
        self.history: list[tuple[int, object, object]] = []  # (case, got, expected)

    def case(self, label: str) -> None:
        self.index += 1
        self.label = label

    @property
    def where(self) -> str:
        return f"Case {self.index} of {self.n_cases} ({self.label})"

    def fail(self, text: str, hint: str | None = None) -> None:
        raise Fail(f"{self.where}: {text}" + (f"\nHint: {hint}" if hint else ""))

    def call(self, *args, names=(), **kwargs):
        """Call the learner's function; check it raised nothing and modified none of ``names``.

        ``names`` labels the positional arguments (rng arguments are expected to change).
        """
        watched = [(n, a, copy.deepcopy(a)) for n, a in zip(names, args)
                   if not isinstance(a, np.random.Generator)]
        watched += [(k, v, copy.deepcopy(v)) for k, v in kwargs.items()
                    if isinstance(v, (np.ndarray, dict, list))]
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                out = self.fn(*args, **kwargs)
            except NotImplementedError:
                raise NotYet() from None
            except Exception as exc:  # the learner's bug, reported without a traceback
                message = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
                text = f"{self.name} raised {type(exc).__name__}"
                self.fail(text + (f": {message}" if message else ""),
                          "fix the error named above; the case line says which inputs caused it.")
        for arg_name, now, before in watched:
            if not same(now, before):
                self.fail(f"{self.name} modified its input {arg_name}. The caller still needs it "
                          "unchanged.",
                          "work on copies (e.g. x = x.copy(), or x = x - ... instead of x -= ...).")
        return out

    def unpack(self, out, names: tuple[str, ...]):
        """Check that a function meant to return several values returned a tuple of that length."""
        if not isinstance(out, (tuple, list)) or len(out) != len(names):
            got = f"{len(out)} values" if isinstance(out, (tuple, list)) else f"a single {fmt(out)}"
            listed = ", ".join(names)
            self.fail(f"{self.name} should return {len(names)} values ({listed}), got {got}.",
                      f"end with: return {listed}")
        return tuple(out)

    def array(self, got, expected, what: str, *, rtol: float = 1e-7, atol: float = 1e-10,
              mistakes=(), hint: str | None = None, dtype_bool_ok: bool = False) -> None:
        """Compare an array output with the reference; name the usual mistake if one matches."""
        if not isinstance(got, np.ndarray):
            self.fail(f"{what} should be a NumPy array of shape {shape_str(expected.shape)}, "
                      f"got {fmt(got)}.",
                      "return the NumPy array you computed (not a list or a number).")
        if got.shape != expected.shape:
            h = None
            if got.shape == expected.shape[::-1] and got.ndim == 2:
                h = "the shape is transposed: examples are columns, W[l] has shape (n[l], n[l-1])."
            elif got.size == expected.size:
                h = (f"keep the shape {shape_str(expected.shape)} "
                     "(e.g. column vectors (n, 1), keepdims=True).")
            for mistake_hint, variant in mistakes:
                if variant is not None and np.shape(variant) == got.shape:
                    h = mistake_hint
                    break
            self.fail(f"{what} has shape {shape_str(got.shape)}, "
                      f"expected {shape_str(expected.shape)}.", h)
        if got.dtype.kind not in "biuf" or (got.dtype.kind == "b" and not dtype_bool_ok
                                            and expected.dtype.kind != "b"):
            self.fail(f"{what} has dtype {got.dtype}, expected numbers.", hint)
        self._values(got, expected, what, rtol, atol, mistakes, hint)

    def number(self, got, expected: float, what: str, *, rtol: float = 1e-7, atol: float = 1e-10,
               mistakes=(), hint: str | None = None) -> None:
        """Compare a single-number output (a float, a NumPy scalar or a 0-d array)."""
        if isinstance(got, (bool, np.bool_)) or not (
                isinstance(got, (int, float, np.integer, np.floating))
                or (isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "iuf")):
            h = ("return one number, e.g. float(...) of your result."
                 if isinstance(got, np.ndarray) else hint)
            self.fail(f"{what} should be a single number, got {fmt(got)}.", h)
        self._values(np.asarray(got, dtype=float), np.asarray(expected, dtype=float), what,
                     rtol, atol, mistakes, hint)

    def _values(self, got, expected, what, rtol, atol, mistakes, hint) -> None:
        if close(got, expected, rtol=rtol, atol=atol):
            self.history.append((self.index, got, expected))
            return
        lines = [f"Mismatch in {what} (compared with the reference).",
                 f"  expected: {fmt(expected[()] if expected.ndim == 0 else expected)}",
                 f"  got:      {fmt(got[()] if got.ndim == 0 else got)}"]
        if np.isfinite(expected).all() and not np.isfinite(got).all():
            lines.append("  (got contains nan or inf)")
        elif got.ndim > 0 and got.size > 1:
            diff = np.abs(got.astype(float) - expected)
            flat = int(np.argmax(np.where(np.isnan(diff), np.inf, diff)))
            worst = np.unravel_index(flat, diff.shape)
            index = tuple(int(i) for i in worst)
            lines.append(f"  largest difference {fmt(diff[worst])} at index {index}")
        for mistake_hint, variant in mistakes:
            if variant is not None and close(got, variant, rtol=1e-6, atol=1e-9):
                hint = mistake_hint
                break
        for case, old_got, old_expected in self.history:
            if (np.shape(old_got) == got.shape and close(got, old_got, rtol=1e-12, atol=0)
                    and not close(expected, old_expected, rtol=1e-6, atol=1e-9)):
                lines.append(f"  {self.name} gave this same result in case {case}, where the "
                             "expected value differs: does it use its inputs, or return a "
                             "constant?")
                break
        self.fail("\n".join(lines), hint)


def run(name: str, fn, body, n_cases: int) -> None:
    """Run ``body(checker)`` on the learner's ``fn`` and print exactly one verdict.

    Returns None; in grading mode (:func:`grading_mode`) a verdict other than the pass
    confirmation is followed by :class:`CheckFailed`.
    """
    verdict, passed = _verdict(name, fn, body, n_cases)
    print(verdict)
    if not passed and grading_mode():
        raise CheckFailed(f"the check of {name} did not pass (the message above says why); "
                          "no points for this exercise.")
    return None


def _verdict(name: str, fn, body, n_cases: int) -> tuple[str, bool]:
    """``(message, passed)`` for the learner's ``fn``; never raises."""
    if not callable(fn):
        return (f"{name}: expected your function, got {fmt(fn)}. Pass the function itself, "
                f"without brackets after its name: ({name}), not ({name}(...))."), False
    checker = Checker(name, fn, n_cases)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # mistaken variants may overflow on purpose
            body(checker)
    except NotYet:
        return NOT_YET.format(name=name), False
    except Fail as failure:
        return str(failure), False
    except Exception as exc:  # a defect of the checker itself: still no traceback for the learner
        return (f"The checker for {name} stopped unexpectedly ({type(exc).__name__}: {exc}). "
                "Please tell the course maintainers."), False
    return f"All {n_cases} cases pass: {name} matches the reference.", True
