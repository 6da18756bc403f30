"""course_lib.checks.diagnosis.check_bias_variance (notebook 01): a right answer passes, each
usual mistake gets its hint, an unfinished exercise says "not implemented yet", grading mode fails
the cell. The right implementation is written by hand from the lesson, not by calling the
reference."""

from __future__ import annotations

import re

import pytest

from course_lib import checks
from course_lib.checks.diagnosis import check_bias_variance
from tests.checker_support import (  # noqa: F401 (learner_mode: autouse fixture)
    assert_mistake_explained, learner_mode, run_checker)

PASS = "All 8 cases pass: bias_variance matches the reference.\n"


def bias_variance(train_err, dev_err, bayes_err, *, tol):
    avoidable_bias, variance = train_err - bayes_err, dev_err - train_err
    if avoidable_bias > tol and variance > tol:
        return avoidable_bias, variance, "high bias and high variance"
    if avoidable_bias > tol:
        return avoidable_bias, variance, "high bias"
    if variance > tol:
        return avoidable_bias, variance, "high variance"
    return avoidable_bias, variance, "low bias and low variance"


def verdict(capsys, fn) -> str:
    return run_checker(capsys, check_bias_variance, fn)


def _variant(bias=None, variance=None, verdict_of=None):
    """The right function with one part replaced: bias(t, d, b), variance(t, d, b) or
    verdict_of(bias, variance, tol) (the right gaps then)."""
    def fn(train_err, dev_err, bayes_err, *, tol):
        right_bias, right_variance, right_verdict = bias_variance(train_err, dev_err, bayes_err,
                                                                  tol=tol)
        b = bias(train_err, dev_err, bayes_err) if bias else right_bias
        v = variance(train_err, dev_err, bayes_err) if variance else right_variance
        return b, v, verdict_of(right_bias, right_variance, tol) if verdict_of else right_verdict
    return fn


def _words(high_bias, high_variance):
    return {(True, True): "high bias and high variance", (True, False): "high bias",
            (False, True): "high variance", (False, False): "low bias and low variance"}[
        (bool(high_bias), bool(high_variance))]


def test_right_answer_passes(capsys):
    assert verdict(capsys, bias_variance) == PASS


def test_numpy_numbers_pass(capsys):
    import numpy as np

    def with_numpy(train_err, dev_err, bayes_err, *, tol):
        b, v, word = bias_variance(train_err, dev_err, bayes_err, tol=tol)
        return np.float64(b), np.array(v), word
    assert verdict(capsys, with_numpy) == PASS


def test_not_implemented(capsys):
    def stub(train_err, dev_err, bayes_err, *, tol):
        raise NotImplementedError("replace this line with your code")
    out = verdict(capsys, stub)
    assert out.startswith("not implemented yet: bias_variance still raises NotImplementedError.")
    assert out.count("\n") == 1


MISTAKES = [  # (label, function, first failing case, what the message must say)
    ("bias against 0%", _variant(bias=lambda t, d, b: t), "Case 2 of 8",
     ("Mismatch in avoidable_bias", "expected: 0", "got:      15", "not against 0%")),
    ("bias sign flipped", _variant(bias=lambda t, d, b: b - t), "Case 1 of 8",
     ("expected: 1", "got:      -1", "not the other way round")),
    ("gaps swapped", lambda t, d, b, *, tol: (d - t, t - b, bias_variance(t, d, b, tol=tol)[2]),
     "Case 1 of 8", ("expected: 1", "got:      10", "in this order")),
    ("abs of the variance", _variant(variance=lambda t, d, b: abs(d - t)), "Case 6 of 8",
     ("Mismatch in variance", "expected: -2", "got:      2", "keep the sign")),
    ("variance against Bayes", _variant(variance=lambda t, d, b: d - b), "Case 1 of 8",
     ("expected: 10", "got:      11", "not dev_err - bayes_err")),
    ("variance sign flipped", _variant(variance=lambda t, d, b: t - d), "Case 1 of 8",
     ("expected: 10", "got:      -10", "not the other way round")),
    (">= instead of >", _variant(verdict_of=lambda b, v, tol: _words(b >= tol, v >= tol)),
     "Case 5 of 8", ("expected: low bias and low variance", "got:      high variance",
                     "compare with >, not >=")),
    ("only one problem reported", _variant(
        verdict_of=lambda b, v, tol: "high bias" if b > tol else _words(False, v > tol)),
     "Case 3 of 8", ("expected: high bias and high variance", "got:      high bias",
                     "both problems can come at once")),
    ("tol ignored", _variant(verdict_of=lambda b, v, tol: _words(b > 3, v > 3)), "Case 8 of 8",
     ("expected: high variance", "got:      low bias and low variance", "use the tol argument")),
]


@pytest.mark.parametrize("label, fn, case, needles", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_usual_mistake_gets_its_hint(capsys, label, fn, case, needles):
    assert_mistake_explained(verdict(capsys, fn), case, *needles)


def test_verdict_with_another_spelling_names_the_list(capsys):
    out = verdict(capsys, lambda t, d, b, *, tol: (t - b, d - t, "High Variance"))
    assert out.startswith("Case 1 of 8")
    assert "the verdict is 'High Variance'; it should be one of 'high bias'" in out
    assert "here return 'high variance'" in out


def test_verdict_as_a_pair_of_flags_fails(capsys):
    out = verdict(capsys, lambda t, d, b, *, tol: (t - b, d - t, (t - b > tol, d - t > tol)))
    assert out.startswith("Case 1 of 8") and "it should be one of" in out


def test_two_outputs_instead_of_three(capsys):
    out = verdict(capsys, lambda t, d, b, *, tol: (t - b, d - t))
    assert "should return 3 values (avoidable_bias, variance, verdict), got 2 values" in out


def test_a_constant_after_the_first_case_is_named(capsys):
    out = verdict(capsys, lambda t, d, b, *, tol: (1.0, 10.0, "high variance"))
    assert out.startswith("Case 2 of 8")
    assert "gave this same result in case 1" in out
    assert "in this order" not in out  # 1 is case 2's variance, but 10 is not its bias


def test_the_bayes_mistake_is_not_taken_for_a_constant(capsys):
    out = verdict(capsys, _variant(bias=lambda t, d, b: t))
    assert "same result" not in out and "not against 0%" in out


def test_grading_mode_raises_after_the_same_message(capsys, monkeypatch):
    monkeypatch.setenv(checks.MODE_VARIABLE, "raise")
    with pytest.raises(checks.CheckFailed):
        check_bias_variance(_variant(bias=lambda t, d, b: t))
    out = capsys.readouterr().out
    assert out.startswith("Case 2 of 8") and "not against 0%" in out
    check_bias_variance(bias_variance)  # a right answer stays quiet and raises nothing
    assert capsys.readouterr().out == PASS


def test_the_docstring_names_the_exercise():
    assert re.search(r"bias_variance\(train_err, dev_err, bayes_err, \*, tol\)",
                     check_bias_variance.__doc__)
