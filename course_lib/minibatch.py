"""Mini-batches: shuffle the examples once per epoch, then cut them into consecutive pieces.

One epoch is one pass through the training set; with mini-batches of size ``s`` it has
``ceil(m / s)`` gradient steps instead of one. The examples are columns, as in the course.
"""

from __future__ import annotations

import math

import numpy as np

from course_lib import _validate as check


def _check_size(mini_batch_size) -> int:
    return check.integer("mini_batch_size", mini_batch_size, low=1)


def n_mini_batches(m: int, mini_batch_size: int) -> int:
    """Number of mini-batches (= gradient steps) per epoch: ``ceil(m / mini_batch_size)``."""
    m = check.integer("m (the number of examples)", m, low=0)
    return math.ceil(m / _check_size(mini_batch_size))


def random_mini_batches(X, Y, mini_batch_size: int, rng: np.random.Generator):
    """Shuffle the columns of ``X`` and ``Y`` with one permutation and split them into batches.

    .. math:: \\pi = \\text{rng.permutation}(m), \\qquad
              X^{\\{t\\}} = X_{:,\\ \\pi[(t-1)s \\,:\\, ts]}, \\quad
              Y^{\\{t\\}} = Y_{:,\\ \\pi[(t-1)s \\,:\\, ts]}

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, examples as columns.
    Y : ndarray, shape (k, m) or (m,)
        Targets, same m (e.g. ``(1, m)`` of 0/1, or one-hot ``(C, m)``).
    mini_batch_size : int
        ``s >= 1``. Every batch has ``s`` columns except the last, which has ``m % s`` when ``s``
        does not divide ``m``. ``s >= m`` gives one batch (batch gradient descent); ``s = 1`` is
        stochastic gradient descent.
    rng : np.random.Generator
        Used exactly once, as ``rng.permutation(m)``.

    Returns
    -------
    list of (X_t, Y_t)
        ``ceil(m / s)`` pairs; together they hold every example exactly once.

    Notes
    -----
    Same batches as ``torch.utils.data.DataLoader(dataset, batch_size=s, shuffle=True)`` except for
    the random source (PyTorch draws its own permutation) and the layout (PyTorch puts examples in
    rows). The inputs are not modified.
    """
    mini_batch_size = _check_size(mini_batch_size)
    check.generator("rng", rng)
    X, Y = np.asarray(X), np.asarray(Y)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_x, m), got shape {X.shape}")
    m = X.shape[1]
    if Y.ndim not in (1, 2) or Y.shape[-1] != m:
        raise ValueError(f"Y must have shape (k, m) with m = {m} like X, got shape {Y.shape}")
    order = rng.permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[..., order]
    return [(X_shuffled[:, start:start + mini_batch_size],
             Y_shuffled[..., start:start + mini_batch_size])
            for start in range(0, m, mini_batch_size)]
