"""Mini-batches: shuffle the examples once per epoch, then cut them into consecutive pieces.

One epoch is one pass through the training set; with mini-batches of size ``s`` it has
``ceil(m / s)`` gradient steps instead of one. The examples are columns, as in the course.

:func:`least_squares_batches` and :func:`least_squares_descent` are the same mini-batch gradient
descent for a linear model with the squared-error cost, reduced to each batch's statistics so that
the interactive figures of notebooks 06 and 09 can retrain while a slider moves.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from course_lib import _validate as check
from course_lib.divergence import LIMIT


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


class LeastSquaresBatches(NamedTuple):
    """Every mini-batch of ``n_epochs`` epochs, reduced to what least squares needs of it.

    For batch ``t`` with ``m_t`` examples: ``A[t] = X_t X_t^T / m_t`` (shape ``(n_x, n_x)``),
    ``c[t] = X_t Y_t^T / m_t`` (shape ``(n_x,)``), ``k[t] = Y_t Y_t^T / (2 m_t)``,
    ``sizes[t] = m_t`` and ``epoch[t]`` its epoch (0, 1, ...). ``steps_per_epoch`` is
    ``ceil(m / mini_batch_size)``.
    """

    A: np.ndarray
    c: np.ndarray
    k: np.ndarray
    sizes: np.ndarray
    epoch: np.ndarray
    steps_per_epoch: int


def least_squares_batches(X, Y, mini_batch_size: int, *, n_epochs: int,
                          rng: np.random.Generator) -> LeastSquaresBatches:
    """The mini-batches of :func:`random_mini_batches` for ``n_epochs`` epochs, as statistics.

    A linear model :math:`\\hat y = w^\\top x` with the squared-error cost has, on mini-batch t,

    .. math:: J^{\\{t\\}}(w) = \\frac{1}{2 m_t} \\lVert w^\\top X^{\\{t\\}} - Y^{\\{t\\}} \\rVert^2
              = \\tfrac12 w^\\top A_t w - c_t^\\top w + k_t, \\qquad
              \\nabla J^{\\{t\\}}(w) = A_t w - c_t,

    so a step of gradient descent needs only :math:`A_t, c_t` (2 x 2 and 2 numbers for two
    weights), not the batch. Figures that retrain on every slider move compute these once.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, examples as columns.
    Y : ndarray, shape (1, m) or (m,)
        Targets.
    mini_batch_size : int >= 1
    n_epochs : int >= 1, keyword-only
    rng : np.random.Generator
        Drawn from exactly as ``n_epochs`` calls of ``random_mini_batches(X, Y, size, rng)``
        (one permutation per epoch, the batches of that call): the same mini-batches as a
        written-out loop that calls it once per epoch with this generator.
    """
    mini_batch_size = _check_size(mini_batch_size)
    n_epochs = check.integer("n_epochs", n_epochs, low=1)
    check.generator("rng", rng)
    X = check.array("X", X, ndim=2, what="an array of shape (n_x, m)")
    Y = check.array("Y", Y, ndim=(1, 2), what="an array of shape (1, m) or (m,)")
    if Y.size != X.shape[1] or (Y.ndim == 2 and Y.shape[0] != 1):
        raise ValueError(f"Y must have shape (1, m) with m = {X.shape[1]} like X, "
                         f"got shape {Y.shape}")
    Y = Y.reshape(1, -1)
    m, n = X.shape[1], X.shape[0]
    starts = np.arange(0, m, mini_batch_size)
    counts = np.diff(np.append(starts, m))
    pairs = [(i, j) for i in range(n) for j in range(i, n)]
    A, c, k = [], [], []
    for _ in range(n_epochs):
        batches = random_mini_batches(X, Y, mini_batch_size, rng)
        Xs = np.concatenate([X_t for X_t, _ in batches], axis=1)  # the epoch's shuffled columns
        ys = np.concatenate([Y_t[0] for _, Y_t in batches])
        upper = [np.add.reduceat(Xs[i] * Xs[j], starts) / counts for i, j in pairs]
        A_e = np.empty((len(starts), n, n))
        for (i, j), values in zip(pairs, upper):
            A_e[:, i, j] = A_e[:, j, i] = values
        A.append(A_e)
        c.append(np.stack([np.add.reduceat(Xs[i] * ys, starts) / counts for i in range(n)], axis=1))
        k.append(np.add.reduceat(ys ** 2 / 2, starts) / counts)
    return LeastSquaresBatches(A=np.concatenate(A), c=np.concatenate(c), k=np.concatenate(k),
                               sizes=np.tile(counts, n_epochs),
                               epoch=np.repeat(np.arange(n_epochs), len(starts)),
                               steps_per_epoch=len(starts))


def least_squares_descent(batches: LeastSquaresBatches, w0, *, lr, n_steps: int | None = None):
    """Mini-batch gradient descent on the least-squares cost, one step per batch of ``batches``.

    .. math:: J^{\\{t\\}} \\text{ at } w_t, \\qquad w_{t+1} = w_t - \\alpha_t (A_t w_t - c_t)

    the same steps as the written-out loop ``w -= lr * X_t @ (w @ X_t - Y_t) / m_t`` over
    ``random_mini_batches`` (up to rounding), in plain floats so a figure can retrain while a
    slider moves (about 1 µs a step for two weights).

    Parameters
    ----------
    batches : LeastSquaresBatches
        From :func:`least_squares_batches`.
    w0 : ndarray, shape (n_x,)
        The start.
    lr : float > 0 or ndarray of floats > 0, shape (n_steps,), keyword-only
        One learning rate, or one per step (a per-epoch schedule is ``alphas[batches.epoch]``).
    n_steps : int, optional
        Take only the first ``n_steps`` batches (default: all of them).

    Returns
    -------
    path : ndarray, shape (n_steps + 1, n_x)
        ``w_0, w_1, ...``. Once a point diverges (see :func:`course_lib.divergence.finite_prefix`)
        the rest is NaN: cut it with ``finite_prefix``.
    batch_costs : ndarray, shape (n_steps,)
        The mini-batch cost :math:`J^{\\{t\\}}(w_t)` before each step, what training would log
        (NaN where the path is).
    """
    if not isinstance(batches, LeastSquaresBatches):
        check.fail("batches", "the LeastSquaresBatches of least_squares_batches(X, Y, ...)",
                   batches)
    total = len(batches.k)
    n_steps = total if n_steps is None else check.integer("n_steps", n_steps, low=0)
    if n_steps > total:
        raise ValueError(f"n_steps must be at most the {total} batches given, got {n_steps}")
    n = batches.c.shape[1]
    w0 = check.array("w0", w0, ndim=1, what=f"an array of shape ({n},)")
    if w0.shape != (n,):
        raise ValueError(f"w0 must have shape ({n},) like the features, got shape {w0.shape}")
    if np.ndim(lr) == 0:
        rates = [check.positive("lr", lr)] * n_steps
    else:
        arr = check.array("lr", lr, ndim=1, what=f"a number > 0 or an array of shape ({total},)")
        if len(arr) < n_steps or not np.all(np.isfinite(arr) & (arr > 0)):
            raise ValueError(f"lr must be a number > 0 or {n_steps} numbers > 0 (one per step), "
                             f"got an array of shape {arr.shape}")
        rates = arr[:n_steps].tolist()
    path = np.full((n_steps + 1, n), np.nan)
    costs = np.full(n_steps, np.nan)
    path[0] = w0
    if n == 2:  # the course's figures: plain floats are several times faster than 2-vectors
        _descent_2d(batches, w0, rates, path, costs)
    else:
        _descent(batches, w0, rates, path, costs)
    return path, costs


def _descent_2d(batches, w0, rates, path, costs):
    A, c, k = batches.A[:len(rates)], batches.c[:len(rates)], batches.k[:len(rates)]
    a_, b_, d_ = A[:, 0, 0].tolist(), A[:, 0, 1].tolist(), A[:, 1, 1].tolist()
    g1_, g2_, k_ = c[:, 0].tolist(), c[:, 1].tolist(), k.tolist()
    w1, w2 = float(w0[0]), float(w0[1])
    out, logged = [], []
    for a, b, d, g1, g2, kk, lr in zip(a_, b_, d_, g1_, g2_, k_, rates):
        logged.append(0.5 * (a * w1 * w1 + 2 * b * w1 * w2 + d * w2 * w2) - g1 * w1 - g2 * w2 + kk)
        w1, w2 = w1 - lr * (a * w1 + b * w2 - g1), w2 - lr * (b * w1 + d * w2 - g2)
        if not (abs(w1) <= LIMIT and abs(w2) <= LIMIT):  # diverged (or NaN): the rest stays NaN
            break
        out.append((w1, w2))
    if out:
        path[1:len(out) + 1] = out
    costs[:len(logged)] = logged


def _descent(batches, w0, rates, path, costs):
    w = w0.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        for t, lr in enumerate(rates):
            A, c = batches.A[t], batches.c[t]
            costs[t] = 0.5 * w @ A @ w - c @ w + batches.k[t]
            w = w - lr * (A @ w - c)
            if not np.all(np.abs(w) <= LIMIT):
                break
            path[t + 1] = w
