"""Softmax output layer and its cross-entropy cost (classes are rows, examples are columns).

    Y = one_hot(labels, C)                 # (C, m)
    Y_hat = softmax(Z)                     # each column sums to 1
    cost, dZ = softmax_cross_entropy(Z, Y) # dZ = (Y_hat - Y) / m, stable from the logits
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check

# log(0) would be -inf; the smallest positive double keeps the cost finite (at most ~708.4 per example).
_TINY = np.finfo(float).tiny


def softmax(Z) -> np.ndarray:
    r"""Turn each column of logits into probabilities over the ``C`` classes (axis 0).

    .. math::

        t = e^{z - \max_j z_j}, \qquad \hat y_k = \frac{t_k}{\sum_j t_j}

    Parameters
    ----------
    Z : ndarray, shape (C, m) or (C,)
        Logits, one column per example.

    Returns
    -------
    ndarray, same shape as ``Z``; every column is non-negative and sums to 1.

    Notes
    -----
    Subtracting the column maximum changes nothing mathematically (softmax is shift-invariant) but
    keeps ``exp`` from overflowing for logits like 1e4. Equals ``torch.softmax(Z, dim=0)``.
    Non-finite logits (a diverged network) give NaN without a warning; callers report divergence.
    """
    Z = check.array("Z", Z)
    if Z.ndim not in (1, 2) or Z.shape[0] < 1:
        raise ValueError(f"Z must have shape (C, m) or (C,) with C >= 1, got shape {Z.shape}")
    with np.errstate(invalid="ignore", over="ignore"):
        t = np.exp(Z - Z.max(axis=0, keepdims=True))
        return t / t.sum(axis=0, keepdims=True)


def one_hot(labels, C: int) -> np.ndarray:
    """Columns ``e_{label}``: ``Y[k, i] = 1`` if example ``i`` has class ``k``; shape ``(C, m)``."""
    C = check.integer("C (the number of classes)", C, low=1)
    labels = np.asarray(labels)
    if labels.dtype.kind not in "biuf":
        check.fail("labels", f"an array of class numbers in [0, {C})", labels)
    if labels.ndim == 2 and labels.shape[0] == 1:
        labels = labels[0]
    if labels.ndim != 1:
        raise ValueError(f"labels must have shape (m,) or (1, m), got shape {labels.shape}")
    if labels.size and not np.issubdtype(labels.dtype, np.integer):
        as_float = labels.astype(float)
        if not np.all(np.isfinite(as_float)) or not np.all(as_float == np.round(as_float)):
            bad = as_float[~np.isfinite(as_float) | (as_float != np.round(as_float))]
            raise ValueError(f"labels must be whole numbers in [0, {C}), got {float(bad[0])!r} "
                             f"among them")
    as_int = labels.astype(int)
    if labels.size and (as_int.min() < 0 or as_int.max() >= C):
        raise ValueError(f"labels must be in [0, {C}) for C = {C}, got values from "
                         f"{as_int.min()} to {as_int.max()}")
    Y = np.zeros((C, labels.size))
    Y[as_int, np.arange(labels.size)] = 1.0
    return Y


def _check_targets(Y, shape, other: str) -> np.ndarray:
    Y = check.array("Y", Y, what=f"one-hot of shape {shape} (use one_hot(labels, C))")
    if Y.shape != shape:
        raise ValueError(f"{other} has shape {shape} but Y has shape {Y.shape}; "
                         f"Y must be one-hot of shape (C, m) (use one_hot(labels, C))")
    if np.any(Y < 0) or not np.allclose(Y.sum(axis=0), 1.0, atol=1e-9):
        raise ValueError("Y must have non-negative columns that sum to 1 (one-hot, shape (C, m)); "
                         "did you pass labels instead of one_hot(labels, C)?")
    return Y


def cross_entropy(Y_hat, Y) -> float:
    r"""Mean over the ``m`` examples of the loss ``-sum_j y_j log y_hat_j``.

    .. math::

        J = -\frac{1}{m}\sum_{i=1}^{m}\sum_{j=1}^{C} y_j^{(i)} \log \hat y_j^{(i)}

    Parameters
    ----------
    Y_hat : ndarray, shape (C, m)
        Predicted probabilities (e.g. ``softmax(Z)``), each in [0, 1].
    Y : ndarray, shape (C, m)
        One-hot true classes.

    Returns
    -------
    float

    Notes
    -----
    Safe at 0: ``log`` is taken of ``max(Y_hat, tiny)`` (tiny = 2.2e-308), so a zero probability
    for the true class costs about 708.4 instead of ``inf``, and ``0 * log 0`` counts as 0.
    Equals ``torch.nn.functional.nll_loss(torch.log(Y_hat.T), labels)`` for positive ``Y_hat``.
    """
    Y_hat = check.array("Y_hat", Y_hat)
    if Y_hat.ndim != 2:
        raise ValueError(f"Y_hat must have shape (C, m), got shape {Y_hat.shape}")
    Y = _check_targets(Y, Y_hat.shape, "Y_hat")
    if np.any(Y_hat < 0) or np.any(Y_hat > 1 + 1e-12):
        raise ValueError(f"Y_hat must hold probabilities in [0, 1], got values from "
                         f"{np.nanmin(Y_hat):.3g} to {np.nanmax(Y_hat):.3g}; "
                         f"for logits use softmax_cross_entropy(Z, Y)")
    m = Y_hat.shape[1]
    return float(-np.sum(Y * np.log(np.maximum(Y_hat, _TINY))) / m)


def softmax_cross_entropy(Z, Y):
    r"""Cross-entropy cost of ``softmax(Z)`` and its gradient with respect to the logits.

    .. math::

        \log \hat y_k = z_k - \max_j z_j - \log \sum_j e^{z_j - \max_j z_j}, \qquad
        J = -\frac{1}{m}\sum_i \sum_k y_k^{(i)} \log \hat y_k^{(i)}, \qquad
        dZ = \frac{1}{m}(\hat Y - Y)

    Parameters
    ----------
    Z : ndarray, shape (C, m)
        Logits of the output layer.
    Y : ndarray, shape (C, m)
        One-hot true classes.

    Returns
    -------
    cost : float
    dZ : ndarray, shape (C, m)
        Includes the ``1/m`` of the mean, ready for backpropagation (the lectures' ``Y_hat - Y``
        per example).

    Notes
    -----
    Working with log-sum-exp keeps the cost exact even where ``softmax(Z)`` underflows to 0.
    Equals ``torch.nn.functional.cross_entropy(Z.T, labels)`` (mean reduction), and ``dZ`` equals
    autograd's gradient of it.
    """
    Z = check.array("Z", Z)
    if Z.ndim != 2:
        raise ValueError(f"Z must have shape (C, m), got shape {Z.shape}")
    Y = _check_targets(Y, Z.shape, "Z")
    m = Z.shape[1]
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = Z - Z.max(axis=0, keepdims=True)
        t = np.exp(shifted)
        total = t.sum(axis=0, keepdims=True)
        log_probs = shifted - np.log(total)
        cost = float(-np.sum(Y * log_probs) / m)
        dZ = (t / total - Y) / m
    return cost, dZ
