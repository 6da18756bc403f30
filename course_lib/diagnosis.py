"""Reading a model's errors: how precise a dev error is, avoidable bias and variance, the recipe.

Notebook 01 writes each of these out and asserts it equal to the functions here; its figures
(``course_lib.explorers.data_splits`` and ``course_lib.explorers.bias_variance``) and the practice
checker (``course_lib.checks.diagnosis``) use them.

- :func:`split_sizes`: the train/dev/test sizes a rule such as 98/1/1 gives for ``m`` examples.
- :func:`standard_error`: the precision of an error rate measured on ``n`` examples.
- :func:`error_gaps`: avoidable bias (train - Bayes) and variance (dev - train).
- :func:`diagnose`: "high bias", "high variance", both, or neither, from those gaps.
- :func:`basic_recipe`: what to try next, bias first.
- :func:`moons_bayes_classifier`: the best possible classifier of ``course_lib.data.moons``, whose
  error on many fresh points estimates the Bayes error.

Errors may be in percent or as fractions, as long as the errors, the Bayes error and ``tol`` use
the same unit (the notebook uses percent and ``tol = 3`` percentage points).
"""

from __future__ import annotations

import math

import numpy as np

from course_lib import _validate as check

TOL = 3.0  # percentage points: the notebook's threshold for a "high" gap
DIAGNOSES = ("high bias", "high variance", "high bias and high variance",
             "low bias and low variance")
BIAS_ACTIONS = ("bigger network", "train longer / better optimizer", "other architecture")
VARIANCE_ACTIONS = ("more data", "regularization", "other architecture")
DONE = ("done",)


def split_sizes(m, fractions) -> tuple[int, int, int]:
    """``(n_train, n_dev, n_test)`` for ``m`` examples split by ``fractions`` (train, dev, test).

    Dev and test get ``round(fraction * m)`` examples each and training the rest, as
    :func:`course_lib.data.train_dev_test_split` cuts real columns.
    """
    m = check.integer("m", m, low=1)
    expected = "three numbers >= 0 summing to 1, e.g. (0.98, 0.01, 0.01)"
    if (not isinstance(fractions, (tuple, list)) or len(fractions) != 3
            or any(check.as_real(f) is None or not math.isfinite(f) or f < 0 for f in fractions)
            or not math.isclose(sum(fractions), 1.0)):
        check.fail("fractions", expected, fractions)
    n_dev, n_test = (int(round(f * m)) for f in fractions[1:])
    return m - n_dev - n_test, n_dev, n_test


def standard_error(p, n) -> float:
    """Standard error of an error rate ``p`` (a fraction) measured on ``n`` examples.

    .. math:: \\mathrm{SE} = \\sqrt{p (1 - p) / n}

    Two models whose dev errors differ by several standard errors can be told apart.
    """
    p = check.number("p", p, low=0.0, high=1.0)
    n = check.integer("n", n, low=1)
    return math.sqrt(p * (1 - p) / n)


def _errors(train_err, dev_err, bayes_err):
    return (check.non_negative("train_err", train_err), check.non_negative("dev_err", dev_err),
            check.non_negative("bayes_err", bayes_err))


def error_gaps(train_err, dev_err, bayes_err=0.0) -> tuple[float, float]:
    """``(avoidable_bias, variance)``: ``train_err - bayes_err`` and ``dev_err - train_err``.

    The avoidable bias is measured against the Bayes error (the best any classifier can do), not
    against 0; the variance keeps its sign (a dev error below the training error gives a negative
    variance, a hint that the two sets differ).
    """
    train_err, dev_err, bayes_err = _errors(train_err, dev_err, bayes_err)
    return train_err - bayes_err, dev_err - train_err


def diagnose(train_err, dev_err, bayes_err=0.0, *, tol=TOL) -> str:
    """One of :data:`DIAGNOSES`: a gap is high when it is larger than ``tol`` (same unit).

    ``diagnose(1, 11)`` is "high variance", ``diagnose(15, 16)`` "high bias",
    ``diagnose(15, 16, 15)`` "low bias and low variance" (at the Bayes error 15% is fine).
    """
    tol = check.non_negative("tol", tol)
    avoidable_bias, variance = error_gaps(train_err, dev_err, bayes_err)
    high_bias, high_variance = avoidable_bias > tol, variance > tol
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    return "high variance" if high_variance else "low bias and low variance"


def basic_recipe(train_err, dev_err, bayes_err=0.0, *, tol=TOL) -> tuple[str, ...]:
    """What to try next: :data:`BIAS_ACTIONS` first, then :data:`VARIANCE_ACTIONS`, else :data:`DONE`."""
    tol = check.non_negative("tol", tol)
    avoidable_bias, variance = error_gaps(train_err, dev_err, bayes_err)
    if avoidable_bias > tol:
        return BIAS_ACTIONS
    return VARIANCE_ACTIONS if variance > tol else DONE


def moons_bayes_classifier(X, *, noise, n_t: int = 200) -> np.ndarray:
    """The Bayes classifier of two noisy half-moons (``course_lib.data.moons``), labels ``(m,)``.

    Each moon is a curve plus Gaussian noise of standard deviation ``noise``; the density of class
    ``c`` is the noise density averaged along its curve (``n_t`` points, midpoint rule),

    .. math:: p(x \\mid c) = \\frac{1}{\\pi}\\int_0^\\pi
              \\mathcal N\\big(x;\\ \\mathrm{curve}_c(t),\\ \\sigma^2 I\\big)\\, dt,

    and each point ``X[:, i]`` (examples are columns, shape ``(2, m)``) gets the likelier class.
    """
    X = check.array("X", X, ndim=2, what="an array of shape (2, m)")
    if X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m) (points as columns), got shape {X.shape}")
    noise = check.positive("noise", noise)
    n_t = check.integer("n_t", n_t, low=1)
    t = (np.arange(n_t) + 0.5) * np.pi / n_t
    curves = [np.stack([np.cos(t), np.sin(t)]), np.stack([1 - np.cos(t), 0.5 - np.sin(t)])]
    density = [np.exp(-((X[:, :, None] - c[:, None, :]) ** 2).sum(axis=0)
                      / (2 * noise**2)).mean(axis=1) for c in curves]
    return (density[1] > density[0]).astype(int)
