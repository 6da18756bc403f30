"""course_lib.checks.start.check_gradient_descent_until (notebook 00): right answers pass, each
usual mistake gets its hint, an endless loop is stopped and named, grading mode raises."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.checks import CheckFailed
from course_lib.checks.start import (_CASES, check_gradient_descent_until,
                                     gradient_descent_until_reference)
from course_lib.optimizers import optimize
from tests.checker_support import (  # noqa: F401 (learner_mode: autouse fixture)
    assert_mistake_explained, learner_mode, run_checker)

PASS = f"All {len(_CASES)} cases pass: gradient_descent_until matches the reference.\n"


def right(w0, *, alpha, tol, max_steps):
    w, path = w0, [w0]
    for _ in range(max_steps):
        if (w - 5) ** 2 < tol:
            break
        w = w - alpha * 2 * (w - 5)
        path.append(w)
    return np.array(path)


def verdict(capsys, fn) -> str:
    return run_checker(capsys, check_gradient_descent_until, fn)


def test_reference_golden_values():
    # worked by hand: w - 5 is multiplied by 1 - 2 * 0.25 = 0.5 per step, J by 0.25
    path = gradient_descent_until_reference(4.0, alpha=0.25, tol=0.25, max_steps=100)
    assert path.tolist() == [4.0, 4.5, 4.75]           # J = 1, 0.25 (not below), 0.0625
    assert gradient_descent_until_reference(5.0, alpha=0.3, tol=1e-6, max_steps=9).tolist() == [5.0]
    assert gradient_descent_until_reference(-3.0, alpha=0.5, tol=1e-9, max_steps=9).tolist() == [
        -3.0, 5.0]
    # Exercise 2 of notebook 00: 39 steps at alpha = 0.9, 422 at alpha = 0.99, from w0 = 0
    assert gradient_descent_until_reference(0.0, alpha=0.9, tol=1e-6, max_steps=500).size == 40
    assert gradient_descent_until_reference(0.0, alpha=0.99, tol=1e-6, max_steps=500).size == 423
    bounce = gradient_descent_until_reference(0.0, alpha=1.0, tol=1e-6, max_steps=6)
    assert bounce.tolist() == [0.0, 10.0, 0.0, 10.0, 0.0, 10.0, 0.0]


@pytest.mark.parametrize("case", _CASES, ids=[c[0][:40] for c in _CASES])
def test_reference_is_plain_gradient_descent_cut_at_tol(case):
    _, w0, alpha, tol, max_steps = case
    path = gradient_descent_until_reference(w0, alpha=alpha, tol=tol, max_steps=max_steps)
    full = optimize("gd", lambda w: 2 * (w - 5), w0, n_steps=max_steps, lr=alpha)
    np.testing.assert_array_equal(path, full[:path.size])
    J = (path - 5) ** 2
    assert np.all(J[:-1] >= tol)                      # it did not stop early
    assert J[-1] < tol or path.size == max_steps + 1  # it stopped below tol, or at max_steps
    assert path.size == right(w0, alpha=alpha, tol=tol, max_steps=max_steps).size


def test_cases_cover_the_edges():
    sizes = [gradient_descent_until_reference(w0, alpha=a, tol=t, max_steps=n).size - 1
             for _, w0, a, t, n in _CASES]
    assert 0 in sizes                                            # a start already below tol
    assert 1 in sizes                                            # alpha = 0.5: one step
    never = [n for (_, _, a, _, n), s in zip(_CASES, sizes) if a >= 1]
    assert never and all(s == n for (_, _, a, _, n), s in zip(_CASES, sizes) if a >= 1)


def test_right_answer_passes(capsys):
    assert verdict(capsys, right) == PASS


def test_a_list_and_a_while_loop_pass_too(capsys):
    def while_loop(w0, *, alpha, tol, max_steps):
        path = [w0]
        while (path[-1] - 5) ** 2 >= tol and len(path) <= max_steps:
            path.append((1 - 2 * alpha) * (path[-1] - 5) + 5)
        return path
    assert verdict(capsys, while_loop) == PASS


def test_not_implemented(capsys):
    def stub(w0, *, alpha, tol, max_steps):
        raise NotImplementedError("replace this line with your code")
    out = verdict(capsys, stub)
    assert out.startswith("not implemented yet: gradient_descent_until still raises")


def _variant(*, step=lambda w, a: w - a * 2 * (w - 5), stop=lambda J, t: J < t, test_w0=True,
             extra=0, drop_first=False, drop_last=False):
    def fn(w0, *, alpha, tol, max_steps):
        w, path = w0, [w0]
        for k in range(max_steps + extra):
            if (k > 0 or test_w0) and stop((w - 5) ** 2, tol):
                break
            w = step(w, alpha)
            path.append(w)
        path = path[1:] if drop_first else path
        return path[:-1] if drop_last else path
    return fn


MISTAKES = [
    ("sign error", _variant(step=lambda w, a: w + a * 2 * (w - 5)), "Case 1 of", "downhill"),
    ("alpha forgotten", _variant(step=lambda w, a: w - 2 * (w - 5)), "Case 1 of",
     "scaled by the learning rate"),
    ("factor 2 forgotten", _variant(step=lambda w, a: w - a * (w - 5)), "Case 1 of",
     "the factor 2 is missing"),
    ("w0 not tested", _variant(test_w0=False), "Case 4 of", "0 steps"),
    ("<= instead of <", _variant(stop=lambda J, t: J <= t), "Case 5 of", "use <, not <="),
    ("w0 left out", _variant(drop_first=True), "Case 1 of", "starts with w0 itself"),
    ("last w left out", _variant(drop_last=True), "Case 1 of", "the last one included"),
    ("one step too few", _variant(extra=-1), "Case 8 of", "not one fewer"),
    ("one step too many", _variant(extra=1), "Case 8 of", "not one more"),
]


@pytest.mark.parametrize("label, fn, case, hint", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_usual_mistake_gets_its_hint(capsys, label, fn, case, hint):
    assert_mistake_explained(verdict(capsys, fn), case, hint)


def test_a_loop_without_max_steps_is_stopped_and_named(capsys, monkeypatch):
    monkeypatch.setattr("course_lib.checks.start.TIME_LIMIT_S", 0.3)

    def endless(w0, *, alpha, tol, max_steps):
        path = [w0]
        while (path[-1] - 5) ** 2 >= tol:
            path.append(path[-1] - alpha * 2 * (path[-1] - 5))
        return path
    out = verdict(capsys, endless)
    assert out.startswith("Case 8 of"), out
    assert "still running after 0.3 s" in out and "for step in range(max_steps)" in out


def test_other_outputs_are_named(capsys):
    out = verdict(capsys, lambda w0, *, alpha, tol, max_steps: 39)
    assert out.startswith("Case 1 of") and "should be a 1-D array of numbers" in out
    out = verdict(capsys, lambda w0, *, alpha, tol, max_steps: ["w0", "w1"])
    assert "should be a list or array of numbers" in out


def test_modifying_nothing_and_the_same_answer_twice(capsys):
    memory = []

    def constant(w0, *, alpha, tol, max_steps):
        if not memory:
            memory.append(right(w0, alpha=alpha, tol=tol, max_steps=max_steps))
        return memory[0]
    out = verdict(capsys, constant)
    assert out.startswith("Case 2 of") and "Mismatch in the path" in out


def test_grading_mode_raises_after_the_message(capsys, monkeypatch):
    monkeypatch.setenv("COURSE_LIB_CHECKS", "raise")
    with pytest.raises(CheckFailed):
        check_gradient_descent_until(_variant(step=lambda w, a: w - 2 * (w - 5)))
    assert "scaled by the learning rate" in capsys.readouterr().out
    assert check_gradient_descent_until(right) is None
    assert capsys.readouterr().out == PASS
