"""Exponentially weighted averages (EWA): the running average behind momentum, RMSprop, Adam and
batch norm's test-time statistics.

.. math::

    v_0 = 0, \\qquad v_t = \\beta\\, v_{t-1} + (1 - \\beta)\\, \\theta_t

It averages over roughly the last :math:`1 / (1 - \\beta)` values (:func:`effective_window`), by
weighting :math:`\\theta_{t-k}` with :math:`(1 - \\beta)\\beta^k` (:func:`ewa_weights`).
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check


def ewa(theta, beta, *, bias_correction: bool = False) -> np.ndarray:
    """Every exponentially weighted average :math:`v_1, \\dots, v_T` of a sequence.

    .. math::

        v_0 = 0, \\quad v_t = \\beta v_{t-1} + (1 - \\beta)\\theta_t, \\quad
        \\hat v_t = \\frac{v_t}{1 - \\beta^t} \\;\\text{(bias corrected)}

    Parameters
    ----------
    theta : array_like, shape (T,) or (T, ...)
        The sequence, time along axis 0 (``theta[0]`` is :math:`\\theta_1`). Each later axis is
        averaged independently, so ``(T, n)`` gives ``n`` averages side by side.
    beta : float in [0, 1)
        Weight on the previous average. ``beta = 0`` returns ``theta`` itself.
    bias_correction : bool, keyword-only
        Divide :math:`v_t` by :math:`1 - \\beta^t`. Starting from :math:`v_0 = 0` makes the first
        averages too small; the correction removes that and fades as :math:`t` grows.

    Returns
    -------
    v : ndarray, float64, same shape as ``theta``
        ``v[t - 1]`` is :math:`v_t` (or :math:`\\hat v_t`).

    Notes
    -----
    ``v`` equals the first-moment buffer ``exp_avg`` of ``torch.optim.Adam(betas=(beta, ...))``
    fed ``theta_t`` as gradients, which also starts at zero; Adam's update uses the bias-corrected
    value ``exp_avg / (1 - beta**t)``. The input is not modified.
    """
    beta = check.fraction("beta", beta)
    bias_correction = check.boolean("bias_correction", bias_correction)
    theta = check.array("theta", theta)
    if theta.ndim == 0:
        raise ValueError(f"theta must have a time axis (axis 0), got a scalar {float(theta)!r}")
    if theta.shape[0] == 0:
        raise ValueError(f"theta must hold at least one time step, got shape {theta.shape}")
    if not np.all(np.isfinite(theta)):
        raise ValueError("theta must contain only finite numbers, got nan or inf")
    v = np.empty_like(theta)
    running = np.zeros(theta.shape[1:])
    for t in range(theta.shape[0]):  # the one-line update, as in the lecture
        running = beta * running + (1.0 - beta) * theta[t]
        v[t] = running
    if bias_correction:
        t = np.arange(1, theta.shape[0] + 1).reshape((-1,) + (1,) * (theta.ndim - 1))
        v = v / (1.0 - beta**t)
    return v


def effective_window(beta) -> float:
    """About how many recent values an EWA averages over: :math:`1 / (1 - \\beta)`.

    .. math::

        \\beta^{1/(1-\\beta)} \\approx 1/e

    so after that many steps a value's weight has fallen to about a third of its first weight
    (0.9 gives 10, 0.98 gives 50, 0.5 gives 2).
    """
    return 1.0 / (1.0 - check.fraction("beta", beta))


def ewa_weights(beta, n) -> np.ndarray:
    """The weights of the unrolled average: ``w[k]`` multiplies :math:`\\theta_{t-k}` in :math:`v_t`.

    .. math::

        v_t = \\sum_{k=0}^{t-1} (1 - \\beta)\\,\\beta^k\\, \\theta_{t-k},
        \\qquad \\sum_{k=0}^{n-1} (1 - \\beta)\\beta^k = 1 - \\beta^n

    Parameters
    ----------
    beta : float in [0, 1)
    n : int >= 1
        How many weights (``k = 0 .. n - 1``).

    Returns
    -------
    w : ndarray, shape (n,)
        Decreasing weights; they sum to :math:`1 - \\beta^n`, which is exactly the bias
        correction's denominator.
    """
    beta = check.fraction("beta", beta)
    n = check.integer("n", n, low=1)
    return (1.0 - beta) * beta ** np.arange(n, dtype=float)
