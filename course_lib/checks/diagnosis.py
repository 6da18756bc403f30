"""Checker for the bias-and-variance exercise (01): two gaps and the verdict they give.

The learner writes ``bias_variance(train_err, dev_err, bayes_err, *, tol)`` returning
``(avoidable_bias, variance, verdict)``: ``train_err - bayes_err``, ``dev_err - train_err`` and one
of ``course_lib.diagnosis.DIAGNOSES``, where a gap is high when it is larger than ``tol``. The
reference is :mod:`course_lib.diagnosis` (``error_gaps`` and ``diagnose``).
"""

from __future__ import annotations

from course_lib.checks._core import close, fmt, run
from course_lib.diagnosis import DIAGNOSES, diagnose, error_gaps

_CASES = [  # (label, train, dev, Bayes, tol)
    ("the lecture's 1% / 11%, Bayes 0%, tol 3", 1.0, 11.0, 0.0, 3.0),
    ("15% / 16% on blurry images whose Bayes error is 15%, tol 3", 15.0, 16.0, 15.0, 3.0),
    ("the lecture's 15% / 30%, Bayes 0%, tol 3", 15.0, 30.0, 0.0, 3.0),
    ("the lecture's 15% / 16%, Bayes 0%, tol 3", 15.0, 16.0, 0.0, 3.0),
    ("a speech task: 8% / 9%, humans (Bayes) 7.5%, tol 1", 8.0, 9.0, 7.5, 1.0),
    ("dev below train: 10% / 8%, Bayes 2%, tol 3", 10.0, 8.0, 2.0, 3.0),
    ("both gaps exactly tol: 5% / 8%, Bayes 2%, tol 3", 5.0, 8.0, 2.0, 3.0),
    ("errors as fractions: 0.02 / 0.10, Bayes 0.01, tol 0.03", 0.02, 0.10, 0.01, 0.03),
]

_BAYES_HINT = ("the avoidable bias is measured against the Bayes error, not against 0%: "
               "avoidable_bias = train_err - bayes_err.")


def _verdict(high_bias: bool, high_variance: bool) -> str:
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    return "high variance" if high_variance else "low bias and low variance"


def _mistaken_verdicts(train, dev, bayes, tol):
    """(hint, the verdict that mistake gives) for the usual wrong readings of the two gaps."""
    bias, variance = train - bayes, dev - train
    return [
        (_BAYES_HINT, _verdict(train > tol, variance > tol)),
        ("a gap of exactly tol is not high: compare with >, not >=.",
         _verdict(bias >= tol, variance >= tol)),
        ("the variance is dev_err - train_err (the gap between the two), not dev_err - bayes_err.",
         _verdict(bias > tol, dev - bayes > tol)),
        ("both problems can come at once: test both gaps, and return 'high bias and high "
         "variance' when both are larger than tol.",
         "high bias" if bias > tol and variance > tol else None),
        ("use the tol argument, not a fixed 3 points: what counts as high depends on the task "
         "(and on the unit of the errors).", _verdict(bias > 3.0, variance > 3.0)),
    ]


def check_bias_variance(bias_variance) -> None:
    """Check ``bias_variance(train_err, dev_err, bayes_err, *, tol)`` -> gaps and verdict."""

    def body(c):
        for label, train, dev, bayes, tol in _CASES:
            c.case(label)
            out = c.call(train, dev, bayes, tol=tol)
            bias, variance, verdict = c.unpack(out, ("avoidable_bias", "variance", "verdict"))
            ref_bias, ref_variance = error_gaps(train, dev, bayes)
            expected = diagnose(train, dev, bayes, tol=tol)
            c.number(bias, ref_bias, "avoidable_bias", rtol=1e-9, atol=1e-12, mistakes=[
                (_BAYES_HINT, train),
                ("avoidable bias is training error minus Bayes error, not the other way round.",
                 -ref_bias),
                ("return (avoidable_bias, variance, verdict) in this order.",
                 ref_variance if close(variance, ref_bias, rtol=1e-9, atol=1e-12) else None)],
                hint="avoidable_bias = train_err - bayes_err.")
            c.number(variance, ref_variance, "variance", rtol=1e-9, atol=1e-12, mistakes=[
                ("keep the sign: a dev error below the training error gives a negative variance "
                 "(no abs()), a hint that the dev set differs from the training set.",
                 abs(ref_variance)),
                ("the variance is dev_err - train_err (the gap between the two), not "
                 "dev_err - bayes_err.", dev - bayes),
                ("variance is dev error minus training error, not the other way round.",
                 -ref_variance)],
                hint="variance = dev_err - train_err.")
            if not isinstance(verdict, str) or verdict not in DIAGNOSES:
                listed = ", ".join(repr(d) for d in DIAGNOSES)
                shown = repr(verdict) if isinstance(verdict, str) else fmt(verdict)
                c.fail(f"the verdict is {shown}; it should be one of {listed}.",
                       f"spell it exactly as listed: here return {expected!r}.")
            if verdict != expected:
                hint = next((h for h, wrong in _mistaken_verdicts(train, dev, bayes, tol)
                             if wrong == verdict and wrong != expected),
                            "a gap is high when it is larger than tol: high bias if "
                            "avoidable_bias > tol, high variance if variance > tol.")
                c.fail(f"wrong verdict (avoidable bias {fmt(ref_bias)}, variance "
                       f"{fmt(ref_variance)}, tol {fmt(tol)}).\n"
                       f"  expected: {expected}\n  got:      {verdict}", hint)

    run("bias_variance", bias_variance, body, len(_CASES))
