"""Learning-rate decay: big steps early, small steps late, so mini-batch noise settles near the minimum.

Every schedule is a pure function ``f(lr0, epoch, *, hyperparameters) -> lr``, vectorized over
``epoch`` (a number gives a float, an array gives an array of the same shape). ``epoch`` counts
finished passes through the training set (0, 1, 2, ...); fractional epochs are allowed, e.g.
``step / steps_per_epoch`` for a per-step schedule. :data:`SCHEDULES` maps names to functions for
dropdowns.
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check


def _positive(name: str, value, *, upper=None) -> float:
    """A finite number > 0, at most ``upper`` when given (``(0, upper]``)."""
    if upper is None:
        return check.positive(name, value)
    return check.number(name, value, low=0.0, high=upper, low_open=True)


def _epochs(epoch) -> np.ndarray:
    arr = check.array("epoch", epoch, what="a number or an array of numbers >= 0")
    if arr.size == 0:
        raise ValueError(f"epoch must not be empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        bad = arr[~np.isfinite(arr) | (arr < 0)].ravel()[0]
        raise ValueError(f"epoch must be finite and >= 0, got {float(bad)!r}"
                         + ("" if arr.ndim == 0 else f" among the epochs of shape {arr.shape}"))
    return arr


def _out(values: np.ndarray, epoch):
    return float(values) if np.ndim(epoch) == 0 else values


def constant(lr0, epoch):
    """No decay: :math:`\\alpha = \\alpha_0` at every epoch (the "fixed" baseline)."""
    lr0 = _positive("lr0", lr0)
    return _out(np.full(_epochs(epoch).shape, lr0), epoch)


def inverse_time_decay(lr0, epoch, *, decay_rate):
    """The course's main schedule: :math:`\\alpha = \\alpha_0 / (1 + \\text{decay\\_rate}\\cdot\\text{epoch})`.

    .. math::

        \\alpha = \\frac{\\alpha_0}{1 + \\text{decay\\_rate} \\cdot \\text{epoch}}

    With ``lr0 = 0.2``, ``decay_rate = 1``, epochs 1, 2, 3, 4 give 0.1, 0.067, 0.05, 0.04.

    Parameters
    ----------
    lr0 : float > 0
    epoch : float or ndarray of floats >= 0
    decay_rate : float >= 0, keyword-only (0 means no decay)

    Returns
    -------
    lr : float, or ndarray with the shape of ``epoch``

    Notes
    -----
    Equals Keras' ``InverseTimeDecay(lr0, decay_steps=1, decay_rate=decay_rate)``. PyTorch has
    no dedicated scheduler; ``LambdaLR(opt, lambda e: 1 / (1 + decay_rate * e))`` reproduces it.
    """
    lr0 = _positive("lr0", lr0)
    decay_rate = check.non_negative("decay_rate", decay_rate)
    e = _epochs(epoch)
    return _out(lr0 / (1.0 + decay_rate * e), epoch)


def exponential_decay(lr0, epoch, *, base):
    """:math:`\\alpha = \\text{base}^{\\,\\text{epoch}}\\, \\alpha_0` (the course uses base 0.95).

    ``base`` must be in (0, 1]; 1 means no decay. Equals ``torch.optim.lr_scheduler.ExponentialLR(
    opt, gamma=base)`` at integer epochs (PyTorch steps once per epoch).
    """
    lr0 = _positive("lr0", lr0)
    base = _positive("base", base, upper=1.0)
    return _out(lr0 * base ** _epochs(epoch), epoch)


def inverse_sqrt_decay(lr0, epoch, *, k):
    """:math:`\\alpha = k / \\sqrt{\\text{epoch}}\\; \\alpha_0`, with epoch 0 treated as epoch 1.

    .. math::

        \\alpha = \\frac{k}{\\sqrt{\\max(\\text{epoch}, 1)}}\\, \\alpha_0

    The lecture's formula divides by zero at epoch 0 (it counts epochs from 1). Here any epoch
    below 1 uses the epoch-1 value :math:`k\\alpha_0`, so the rate never exceeds its first value.
    ``k > 0`` (with ``k = 1`` the first epoch runs at ``lr0``). PyTorch has no such scheduler.
    """
    lr0 = _positive("lr0", lr0)
    k = _positive("k", k)
    e = _epochs(epoch)
    return _out(k * lr0 / np.sqrt(np.maximum(e, 1.0)), epoch)


def staircase_decay(lr0, epoch, *, drop, every):
    """Discrete staircase: multiply by ``drop`` once every ``every`` epochs.

    .. math::

        \\alpha = \\alpha_0 \\cdot \\text{drop}^{\\lfloor \\text{epoch} / \\text{every} \\rfloor}

    ``drop`` in (0, 1], ``every`` > 0 (usually an integer number of epochs). Equals
    ``torch.optim.lr_scheduler.StepLR(opt, step_size=every, gamma=drop)``.
    """
    lr0 = _positive("lr0", lr0)
    drop = _positive("drop", drop, upper=1.0)
    every = _positive("every", every)
    return _out(lr0 * drop ** np.floor(_epochs(epoch) / every), epoch)


def fixed_interval_decay(lr0, epoch, *, decay_rate, time_interval):
    """Inverse-time decay that only changes every ``time_interval`` epochs (a staircase version).

    .. math::

        \\alpha = \\frac{\\alpha_0}{1 + \\text{decay\\_rate} \\cdot
        \\lfloor \\text{epoch} / \\text{time\\_interval} \\rfloor}

    Parameters
    ----------
    lr0 : float > 0
    epoch : float or ndarray of floats >= 0
    decay_rate : float >= 0, keyword-only
    time_interval : float > 0, keyword-only (usually an integer number of epochs)

    Notes
    -----
    Equals Keras' ``InverseTimeDecay(lr0, decay_steps=time_interval, decay_rate=decay_rate,
    staircase=True)``; with ``time_interval = 1`` it is :func:`inverse_time_decay` at integer epochs.
    """
    lr0 = _positive("lr0", lr0)
    decay_rate = check.non_negative("decay_rate", decay_rate)
    time_interval = _positive("time_interval", time_interval)
    e = _epochs(epoch)
    return _out(lr0 / (1.0 + decay_rate * np.floor(e / time_interval)), epoch)


#: Name -> schedule, for dropdowns. Each takes ``(lr0, epoch)`` plus its own keyword arguments.
SCHEDULES = {
    "constant": constant,
    "inverse time": inverse_time_decay,
    "exponential": exponential_decay,
    "inverse sqrt": inverse_sqrt_decay,
    "staircase": staircase_decay,
    "fixed interval": fixed_interval_decay,
}
