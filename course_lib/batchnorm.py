"""Batch normalization of a layer's pre-activations ``Z`` (examples are columns).

In training mode each row of ``Z`` (one hidden unit) is normalized over the ``m`` examples of the
mini-batch, then scaled by ``gamma`` and shifted by ``beta``; running averages of the batch mean and
variance are kept for test time, where a single example has no batch to normalize over.

    stats = batchnorm_init(n)
    Z_tilde, stats, cache = batchnorm_forward(Z, gamma, beta, stats, training=True)
    dZ, dgamma, dbeta = batchnorm_backward(dZ_tilde, cache)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from course_lib import _validate as check


class BatchNormStats(NamedTuple):
    """Running (test-time) estimates of each unit's mean and variance, each of shape ``(n, 1)``."""

    mean: np.ndarray
    var: np.ndarray


class BatchNormCache(NamedTuple):
    """What :func:`batchnorm_backward` needs from the forward pass."""

    Z_norm: np.ndarray
    gamma: np.ndarray
    inv_std: np.ndarray
    training: bool


def batchnorm_init(n: int) -> BatchNormStats:
    """Running statistics before any training: mean zeros and variance ones, each ``(n, 1)``."""
    n = check.integer("n (the number of units)", n, low=1)
    return BatchNormStats(mean=np.zeros((n, 1)), var=np.ones((n, 1)))


def _check_column(name: str, value, n: int, z_shape) -> np.ndarray:
    arr = check.array(name, value, what=f"an array of shape ({n}, 1)")
    if arr.shape != (n, 1):
        raise ValueError(f"Z has shape {tuple(z_shape)} but {name} has shape {arr.shape}; "
                         f"expected {name} of shape ({n}, 1)")
    return arr


def batchnorm_forward(Z, gamma, beta, stats: BatchNormStats, *, training: bool,
                      decay: float = 0.9, eps: float = 1e-8):
    r"""Normalize each row of ``Z`` over the examples, then scale by ``gamma`` and shift by ``beta``.

    .. math::

        \mu = \frac{1}{m}\sum_i z^{(i)}, \quad
        \sigma^2 = \frac{1}{m}\sum_i (z^{(i)} - \mu)^2, \quad
        z_{\text{norm}}^{(i)} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \quad
        \tilde z^{(i)} = \gamma\, z_{\text{norm}}^{(i)} + \beta

        \mu_{\text{run}} \leftarrow d\,\mu_{\text{run}} + (1 - d)\,\mu, \qquad
        \sigma^2_{\text{run}} \leftarrow d\,\sigma^2_{\text{run}} + (1 - d)\,\sigma^2

    Parameters
    ----------
    Z : ndarray, shape (n, m)
        Pre-activations of ``n`` units for ``m`` examples (examples are columns).
    gamma, beta : ndarray, shape (n, 1)
        Learned scale and shift (``beta`` takes the place of the layer's bias ``b``).
    stats : BatchNormStats
        Running mean and variance, each ``(n, 1)`` (from :func:`batchnorm_init`).
    training : bool
        ``True``: normalize with this batch's mean and biased variance and update ``stats``.
        ``False``: normalize with ``stats`` and return them unchanged (test time).
    decay : float in [0, 1)
        Weight on the *old* running value in the exponentially weighted average (``d`` above).
        It is called ``decay`` and not ``beta`` because ``beta`` is already BN's shift.
    eps : float > 0
        Added to the variance before the square root, so a constant row stays finite.

    Returns
    -------
    Z_tilde : ndarray, shape (n, m)
    stats : BatchNormStats
        Updated running statistics (training) or the same values (test time).
    cache : BatchNormCache
        For :func:`batchnorm_backward`.

    Notes
    -----
    Equals ``torch.nn.BatchNorm1d(n, eps=eps, momentum=1 - decay)`` applied to ``Z.T`` with
    ``weight = gamma.ravel()``, ``bias = beta.ravel()``, except that PyTorch's ``running_var``
    averages the *unbiased* batch variance ``sigma^2 * m / (m - 1)``; the normalization itself uses
    the biased one in both. Keras' ``BatchNormalization(momentum=0.99)`` uses our convention
    (``decay = 0.99``).
    """
    check.boolean("training", training)
    check.fraction("decay", decay)
    check.positive("eps", eps)
    if not (hasattr(stats, "mean") and hasattr(stats, "var")):
        check.fail("stats", "a BatchNormStats (from batchnorm_init(n))", stats)
    Z = check.array("Z", Z)
    if Z.ndim != 2 or Z.shape[1] < 1:
        raise ValueError(f"Z must have shape (n, m) with m >= 1 (examples are columns), "
                         f"got shape {Z.shape}")
    n = Z.shape[0]
    gamma = _check_column("gamma", gamma, n, Z.shape)
    beta = _check_column("beta", beta, n, Z.shape)
    run_mean = _check_column("stats.mean", stats.mean, n, Z.shape)
    run_var = _check_column("stats.var", stats.var, n, Z.shape)

    if training:
        mu = Z.mean(axis=1, keepdims=True)
        var = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
        new_stats = BatchNormStats(mean=decay * run_mean + (1.0 - decay) * mu,
                                   var=decay * run_var + (1.0 - decay) * var)
    else:
        mu, var = run_mean, run_var
        new_stats = BatchNormStats(mean=run_mean.copy(), var=run_var.copy())
    inv_std = 1.0 / np.sqrt(var + eps)
    Z_norm = (Z - mu) * inv_std
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde, new_stats, BatchNormCache(Z_norm, gamma, inv_std, bool(training))


def batchnorm_backward(dZ_tilde, cache: BatchNormCache):
    r"""Gradients of the cost with respect to ``Z``, ``gamma`` and ``beta``.

    .. math::

        d\gamma = \sum_i d\tilde z^{(i)} z_{\text{norm}}^{(i)}, \qquad
        d\beta = \sum_i d\tilde z^{(i)}, \qquad
        dz^{(i)} = \frac{\gamma}{m\sqrt{\sigma^2+\varepsilon}}\Big(m\, d\tilde z^{(i)}
        - \sum_j d\tilde z^{(j)} - z_{\text{norm}}^{(i)} \sum_j d\tilde z^{(j)} z_{\text{norm}}^{(j)}\Big)

    Parameters
    ----------
    dZ_tilde : ndarray, shape (n, m)
        Upstream gradient (already including the cost's ``1/m``).
    cache : BatchNormCache
        From :func:`batchnorm_forward`.

    Returns
    -------
    dZ : ndarray, shape (n, m)
    dgamma, dbeta : ndarray, shape (n, 1)

    Notes
    -----
    The two sums in ``dz`` exist because every example's ``z`` moves the batch mean and variance;
    at test time (``training=False`` in the forward pass) the statistics are constants and
    ``dz = gamma * dz_tilde / sqrt(var + eps)``. Matches PyTorch autograd through ``BatchNorm1d``.
    """
    if not all(hasattr(cache, f) for f in BatchNormCache._fields):
        check.fail("cache", "the BatchNormCache returned by batchnorm_forward", cache)
    dZ_tilde = check.array("dZ_tilde", dZ_tilde)
    if dZ_tilde.shape != cache.Z_norm.shape:
        raise ValueError(f"dZ_tilde has shape {dZ_tilde.shape} but the forward pass had Z of "
                         f"shape {cache.Z_norm.shape}")
    dgamma = (dZ_tilde * cache.Z_norm).sum(axis=1, keepdims=True)
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dZ_norm = dZ_tilde * cache.gamma
    if not cache.training:
        return dZ_norm * cache.inv_std, dgamma, dbeta
    m = dZ_tilde.shape[1]
    dZ = (cache.inv_std / m) * (
        m * dZ_norm
        - dZ_norm.sum(axis=1, keepdims=True)
        - cache.Z_norm * (dZ_norm * cache.Z_norm).sum(axis=1, keepdims=True)
    )
    return dZ, dgamma, dbeta
