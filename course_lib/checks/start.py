"""Checker for notebook 00's practice exercise: gradient descent that stops by itself.

The learner writes ``gradient_descent_until(w0, *, alpha, tol, max_steps)``: gradient descent on
the course's running example :math:`J(w) = (w - 5)^2` from ``w0``, stopping as soon as
:math:`J(w) < tol` (a start already below ``tol`` takes no step) or after ``max_steps`` steps
(:math:`\\alpha \\ge 1` never gets there). It returns every ``w`` visited, ``w0`` first, so
``len(path) - 1`` is the number of steps. The reference is ``course_lib.optimizers.optimize``'s
plain gradient descent, cut after the first ``w`` with :math:`J(w) < tol`.
"""

from __future__ import annotations

import contextlib
import signal
import threading

import numpy as np

from course_lib.checks._core import fmt, run
from course_lib.optimizers import optimize

TIME_LIMIT_S = 3.0  # a loop without max_steps never ends at alpha = 1: stop it and say so


def gradient_descent_until_reference(w0, *, alpha, tol, max_steps):
    """Every w of gradient descent on J(w) = (w - 5)^2 until J(w) < tol, at most ``max_steps``
    steps; shape (n_steps + 1,), ``w0`` first."""
    path = optimize("gd", lambda w: 2 * (w - 5), float(w0), n_steps=max_steps, lr=alpha)
    below = np.flatnonzero((path - 5) ** 2 < tol)
    return path[:below[0] + 1] if below.size else path


def _descend(w0, alpha, tol, max_steps, *, step=None, below=None, test_w0=True):
    """The loop with one usual mistake planted: another step, stop test, or no test of w0."""
    step = step or (lambda w, a: w - a * 2 * (w - 5))
    below = below or (lambda J, t: J < t)
    w, path = float(w0), [float(w0)]
    if test_w0 and below((w - 5) ** 2, tol):
        return np.array(path)
    for _ in range(max(max_steps, 0)):
        w = step(w, alpha)
        path.append(w)
        if below((w - 5) ** 2, tol):
            break
    return np.array(path)


def _mistakes(w0, alpha, tol, max_steps, ref):
    """``(hint, the path that mistake gives)`` for the usual mistakes, most telling first."""
    args = (w0, alpha, tol, max_steps)
    return [
        ("gradient descent steps downhill, against the gradient: w = w - alpha * 2 * (w - 5) "
         "(with + every step goes uphill and J grows).",
         _descend(*args, step=lambda w, a: w + a * 2 * (w - 5))),
        ("the step is scaled by the learning rate: w = w - alpha * 2 * (w - 5) (without alpha "
         "every step jumps to the mirror image 10 - w and J never falls).",
         _descend(*args, step=lambda w, a: w - 2 * (w - 5))),
        ("the gradient of J(w) = (w - 5)^2 is dJ/dw = 2 * (w - 5): the factor 2 is missing.",
         _descend(*args, step=lambda w, a: w - a * (w - 5))),
        ("test J(w) < tol before the first step too: a start already below tol takes 0 steps "
         "and the path is just [w0].",
         _descend(*args, test_w0=False)),
        ("stop when J(w) < tol, strictly below: J(w) == tol is not yet below it (use <, not <=).",
         _descend(*args, below=lambda J, t: J <= t)),
        ("the path starts with w0 itself, then one w per step.", ref[1:]),
        ("stop after max_steps steps, not one fewer: the path then holds max_steps + 1 values "
         "(w0 and one per step); and keep the last w.", _descend(w0, alpha, tol, max_steps - 1)),
        ("stop after max_steps steps, not one more: the path then holds max_steps + 1 values "
         "(w0 and one per step).", _descend(w0, alpha, tol, max_steps + 1)),
        ("append w after every step, the last one included.", ref[:-1]),
    ]


def _seeded_cases():
    """Two random starts, rates and tolerances, rounded so that a learner can type them."""
    r = np.random.default_rng(2600)
    cases = []
    for _ in range(2):
        w0 = round(float(r.uniform(-15, 25)), 2)
        alpha = round(float(r.uniform(0.05, 0.95)), 2)
        tol = 10.0 ** int(r.integers(-8, -2))
        cases.append((f"seeded: w0 = {w0:g}, alpha = {alpha:g}, tol = {tol:g}", w0, alpha, tol,
                      200))
    return cases


_CASES = [  # (label, w0, alpha, tol, max_steps)
    ("the notebook's Exercise 2: w0 = 0, alpha = 0.9, tol = 1e-6", 0.0, 0.9, 1e-6, 100),
    ("smooth steps from w0 = 20: alpha = 0.1, tol = 1e-3", 20.0, 0.1, 1e-3, 100),
    ("alpha = 0.5 lands on the minimum in one step, from w0 = -3", -3.0, 0.5, 1e-9, 100),
    ("w0 = 5.0005: J(w0) = 2.5e-7 is already below tol = 1e-6, so 0 steps", 5.0005, 0.3, 1e-6,
     100),
    ("w0 = 4, alpha = 0.25, tol = 0.25: J is exactly 0.25 after one step, not yet below tol",
     4.0, 0.25, 0.25, 100),
    *_seeded_cases(),
    ("alpha = 1 bounces forever: stop after max_steps = 50", 0.0, 1.0, 1e-6, 50),
    ("alpha = 1.1 diverges: stop after max_steps = 30", 0.0, 1.1, 1e-6, 30),
]


class _TooLong(BaseException):
    """The learner's function ran past TIME_LIMIT_S (not an Exception: c.call lets it through)."""


@contextlib.contextmanager
def _time_limit(seconds):
    """Interrupt the block after ``seconds`` where the platform allows it (Unix, main thread)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise _TooLong()

    previous = signal.signal(signal.SIGALRM, interrupt)
    earlier_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if earlier_delay:  # someone else's timer was running: give it back (roughly)
            signal.setitimer(signal.ITIMER_REAL, max(earlier_delay - seconds, 1e-3))


def _as_path(c, got):
    """The learner's path as a float array (a list of numbers is fine too)."""
    if isinstance(got, (list, tuple)):
        try:
            got = np.array(got, dtype=float)
        except (TypeError, ValueError):
            c.fail(f"the path should be a list or array of numbers, got {fmt(got)}.",
                   "collect every w in a list, w0 first, and return np.array(path).")
    if not isinstance(got, np.ndarray) or got.ndim != 1 or got.dtype.kind not in "iuf":
        c.fail(f"the path should be a 1-D array of numbers (w0, w1, ...), got {fmt(got)}.",
               "collect every w in a list, w0 first, and return np.array(path).")
    return got.astype(float)


def check_gradient_descent_until(gradient_descent_until) -> None:
    """Check ``gradient_descent_until(w0, *, alpha, tol, max_steps) -> path`` on J = (w - 5)^2."""

    def body(c):
        for label, w0, alpha, tol, max_steps in _CASES:
            c.case(label)
            try:
                with _time_limit(TIME_LIMIT_S):
                    got = c.call(w0, names=("w0",), alpha=alpha, tol=tol, max_steps=max_steps)
            except _TooLong:
                c.fail(f"gradient_descent_until was still running after {TIME_LIMIT_S:g} s "
                       f"(max_steps = {max_steps}).",
                       "stop after max_steps steps even when J never falls below tol: e.g. "
                       "for step in range(max_steps), not a while loop that only tests J.")
            path = _as_path(c, got)
            ref = gradient_descent_until_reference(w0, alpha=alpha, tol=tol, max_steps=max_steps)
            mistakes = _mistakes(w0, alpha, tol, max_steps, ref)
            if path.shape != ref.shape:
                hint = next((h for h, v in mistakes if v.shape == path.shape
                             and np.allclose(path, v, rtol=1e-6, atol=1e-9, equal_nan=True)),
                            "the loop stops as soon as J(w) < tol, or after max_steps steps; "
                            "the path holds w0 and every w after it.")
                c.fail(f"Mismatch in the path (compared with the reference): "
                       f"{ref.size - 1} steps expected, got {path.size - 1}.\n"
                       f"  expected: {fmt(ref)}\n  got:      {fmt(path)}", hint)
            c.array(path, ref, "the path", rtol=1e-9, atol=1e-9, mistakes=mistakes,
                    hint="each step is w = w - alpha * 2 * (w - 5), the w after it is appended.")

    run("gradient_descent_until", gradient_descent_until, body, len(_CASES))
