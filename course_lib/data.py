"""Seeded, offline toy data sets, train/dev/test splitting and input normalization.

Every generator takes an ``rng: np.random.Generator`` and nothing else random, so the same seed
always gives the same data. Points are stored the course's way, **examples as columns**:
``X`` has shape ``(2, m)`` and the integer class labels have shape ``(m,)``. For a sigmoid output
turn 0/1 labels into ``Y`` of shape ``(1, m)`` with :func:`binary_targets`; for softmax use
``course_lib.softmax.one_hot``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from course_lib import _validate as check


def _check_m(m, minimum=1, name="m"):
    return check.integer(name, m, low=minimum)


def _check_noise(noise, name="noise"):
    return check.non_negative(name, noise)


def _shuffled(X, labels, rng):
    order = rng.permutation(X.shape[1])
    return X[:, order], labels[order]


def moons(m: int, *, noise: float, rng: np.random.Generator):
    """Two interleaving half circles, ``m // 2`` points of class 1 and the rest of class 0.

    .. math:: x^{(0)} = (\\cos t, \\sin t), \\qquad x^{(1)} = (1 - \\cos t, \\tfrac12 - \\sin t),
              \\qquad t \\sim U[0, \\pi]

    plus Gaussian noise of standard deviation ``noise`` on each coordinate.
    Returns ``X`` of shape ``(2, m)`` and ``labels`` of shape ``(m,)`` (examples shuffled).
    """
    m = _check_m(m)
    _check_noise(noise)
    check.generator("rng", rng)
    m1 = m // 2
    labels = np.r_[np.zeros(m - m1, dtype=int), np.ones(m1, dtype=int)]
    t = rng.uniform(0.0, np.pi, size=m)
    x = np.where(labels == 0, np.cos(t), 1.0 - np.cos(t))
    y = np.where(labels == 0, np.sin(t), 0.5 - np.sin(t))
    X = np.vstack([x, y]) + noise * rng.standard_normal((2, m))
    return _shuffled(X, labels, rng)


def circles(m: int, *, noise: float, factor: float, rng: np.random.Generator):
    """A ring of radius 1 (class 0) around a ring of radius ``factor`` (class 1), ``0 < factor < 1``.

    Returns ``X`` of shape ``(2, m)`` and ``labels`` of shape ``(m,)`` (examples shuffled).
    """
    m = _check_m(m)
    _check_noise(noise)
    check.number("factor", factor, low=0.0, high=1.0, low_open=True, high_open=True)
    check.generator("rng", rng)
    m1 = m // 2
    labels = np.r_[np.zeros(m - m1, dtype=int), np.ones(m1, dtype=int)]
    t = rng.uniform(0.0, 2.0 * np.pi, size=m)
    radius = np.where(labels == 0, 1.0, factor)
    X = radius * np.vstack([np.cos(t), np.sin(t)]) + noise * rng.standard_normal((2, m))
    return _shuffled(X, labels, rng)


def spirals(m: int, *, n_classes: int, noise: float, rng: np.random.Generator):
    """``n_classes`` spiral arms around the origin, as equal in size as ``m`` allows.

    .. math:: r = s, \\quad \\theta = \\frac{2\\pi c}{C} + 4 s + \\varepsilon, \\quad s \\sim U[0, 1],
              \\; \\varepsilon \\sim \\mathcal N(0, \\text{noise}^2)

    Returns ``X`` of shape ``(2, m)`` and ``labels`` in ``0 .. n_classes-1`` of shape ``(m,)``.
    """
    _check_noise(noise)
    n_classes = check.integer("n_classes", n_classes, low=2)
    m = _check_m(m, minimum=n_classes)
    check.generator("rng", rng)
    labels = np.arange(m) % n_classes
    s = rng.uniform(0.0, 1.0, size=m)
    theta = 2.0 * np.pi * labels / n_classes + 4.0 * s + noise * rng.standard_normal(m)
    X = s * np.vstack([np.cos(theta), np.sin(theta)])
    return _shuffled(X, labels, rng)


def blobs(m: int, *, centers, spread: float, rng: np.random.Generator):
    """Gaussian blobs of standard deviation ``spread`` around given centres, one class per centre.

    ``centers`` is an integer k (centres spaced evenly on a circle of radius 3) or an array of shape
    ``(k, 2)``. Returns ``X`` of shape ``(2, m)`` and ``labels`` in ``0 .. k-1`` of shape ``(m,)``.
    """
    _check_noise(spread, "spread")
    if isinstance(centers, (int, np.integer)) and not isinstance(centers, bool):
        if centers < 1:
            check.fail("centers", "an integer >= 1 or an array of shape (k, 2)", centers)
        angle = 2.0 * np.pi * np.arange(centers) / centers
        centers = 3.0 * np.column_stack([np.cos(angle), np.sin(angle)])
    centers = check.array("centers", centers, what="an integer >= 1 or an array of shape (k, 2)")
    if centers.ndim != 2 or centers.shape[1] != 2 or len(centers) < 1:
        raise ValueError(f"centers must have shape (k, 2), got shape {centers.shape}")
    m = _check_m(m, minimum=len(centers))
    check.generator("rng", rng)
    labels = np.arange(m) % len(centers)
    X = centers[labels].T + spread * rng.standard_normal((2, m))
    return _shuffled(X, labels, rng)


def binary_targets(labels) -> np.ndarray:
    """0/1 labels of shape ``(m,)`` as the course's ``Y`` of shape ``(1, m)`` (float)."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.isin(labels, (0, 1)).all():
        values = ", ".join(str(v) for v in np.unique(labels)[:5].tolist())
        raise ValueError(f"labels must be a 1-D array of 0/1, got shape {labels.shape} "
                         f"with values {values}")
    return labels.reshape(1, -1).astype(float)


def daily_temperatures(*, rng: np.random.Generator, days: int = 365) -> np.ndarray:
    """A synthetic year of daily mean temperatures in degrees C, shape ``(days,)``.

    .. math:: T_d = 11 - 7 \\cos\\!\\left(\\frac{2\\pi (d - 15)}{365}\\right) + e_d, \\qquad
              e_d = 0.7\\, e_{d-1} + \\mathcal N(0, 2^2)

    A temperate seasonal curve (about 4 C in mid January, 18 C in mid July, like London) plus
    weather that persists for a few days (an AR(1) process started in its stationary distribution).
    """
    days = _check_m(days, name="days")
    check.generator("rng", rng)
    d = np.arange(days)
    season = 11.0 - 7.0 * np.cos(2.0 * np.pi * (d - 15) / 365.0)
    shocks = 2.0 * rng.standard_normal(days)
    weather = np.empty(days)
    weather[0] = shocks[0] / np.sqrt(1.0 - 0.7**2)
    for i in range(1, days):
        weather[i] = 0.7 * weather[i - 1] + shocks[i]
    return season + weather


class Split(NamedTuple):
    """The six arrays of a train/dev/test split (examples along the last axis)."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_dev: np.ndarray
    Y_dev: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray


def train_dev_test_split(X, Y, *, fractions, rng: np.random.Generator) -> Split:
    """Shuffle the examples (columns of ``X``, last axis of ``Y``) together and cut them in three.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (m,) or (k, m)
    fractions : three numbers >= 0 summing to 1, e.g. ``(0.98, 0.01, 0.01)``
        dev and test get ``round(fraction * m)`` examples each, training the rest.

    Returns
    -------
    Split
        ``(X_train, Y_train, X_dev, Y_dev, X_test, Y_test)``; unpack it or use the names.
    """
    X, Y = np.asarray(X), np.asarray(Y)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_x, m), got shape {X.shape}")
    m = X.shape[1]
    if Y.ndim not in (1, 2) or Y.shape[-1] != m:
        raise ValueError(f"Y must have shape (m,) or (k, m) with m = {m} like X, got {Y.shape}")
    expected = "three numbers >= 0 summing to 1, e.g. (0.98, 0.01, 0.01)"
    as_array = check.array("fractions", fractions, what=expected)
    if (as_array.shape != (3,) or not np.isfinite(as_array).all() or (as_array < 0).any()
            or not np.isclose(as_array.sum(), 1.0)):
        check.fail("fractions", expected, fractions)
    fractions = as_array
    check.generator("rng", rng)
    n_dev, n_test = (int(round(f * m)) for f in fractions[1:])
    n_train = m - n_dev - n_test
    order = rng.permutation(m)
    parts = np.split(order, [n_train, n_train + n_dev])
    out = []
    for idx in parts:
        out += [X[:, idx], Y[..., idx]]
    return Split(*out)


def normalize_fit(X) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature mean and standard deviation of the **training** inputs.

    .. math:: \\mu = \\frac1m \\sum_i x^{(i)}, \\qquad
              \\sigma^2 = \\frac1m \\sum_i (x^{(i)} - \\mu)^2

    ``X`` has shape ``(n_x, m)``; returns ``mu`` and ``sigma``, each of shape ``(n_x, 1)``
    (biased variance, ``ddof=0``, like ``sklearn.preprocessing.StandardScaler``).
    """
    X = check.array("X", X)
    if X.ndim != 2 or X.shape[1] < 1:
        raise ValueError(f"X must have shape (n_x, m) with m >= 1, got shape {X.shape}")
    return X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)


def normalize_apply(X, mu, sigma) -> np.ndarray:
    """``(X - mu) / sigma`` with the training ``mu``, ``sigma`` from :func:`normalize_fit`.

    Use the same ``mu`` and ``sigma`` for training, dev and test data, so all three go through
    the same transformation. A feature with ``sigma == 0`` (constant in the training data) is only
    centred, not divided: it becomes 0 on the training set instead of NaN.
    """
    X, mu, sigma = check.array("X", X), check.array("mu", mu), check.array("sigma", sigma)
    if X.ndim != 2 or mu.shape != (X.shape[0], 1) or sigma.shape != mu.shape:
        raise ValueError(f"X must be (n_x, m) and mu, sigma (n_x, 1); got X {X.shape}, "
                         f"mu {mu.shape}, sigma {sigma.shape}")
    if (sigma < 0).any():
        raise ValueError(f"sigma must be >= 0, got a minimum of {float(sigma.min())!r}")
    return (X - mu) / np.where(sigma > 0, sigma, 1.0)
