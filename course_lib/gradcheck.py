"""Gradient checking: compare a backward pass with finite differences of the cost.

The two-sided (centred) difference has error :math:`O(\\varepsilon^2)`, the one-sided one
:math:`O(\\varepsilon)`:

.. math::

    \\frac{f(\\theta + \\varepsilon) - f(\\theta - \\varepsilon)}{2\\varepsilon}
    = f'(\\theta) + O(\\varepsilon^2), \\qquad
    \\frac{f(\\theta + \\varepsilon) - f(\\theta)}{\\varepsilon} = f'(\\theta) + O(\\varepsilon).

(For :math:`f = \\theta^3` at 1 with :math:`\\varepsilon = 0.01`: 3.0001 against 3.0301; the
true value is 3.) A whole network is checked by flattening every ``W``, ``b`` into one vector
``theta`` and every ``dW``, ``db`` into ``dtheta``, and comparing

.. math::

    \\text{difference} = \\frac{\\lVert d\\theta_{approx} - d\\theta \\rVert_2}
                              {\\lVert d\\theta_{approx} \\rVert_2 + \\lVert d\\theta \\rVert_2}

with the course's thresholds: about 1e-7 great, 1e-5 look closer, 1e-3 probably a bug. Check
with ``keep_prob = 1`` (dropout makes the cost random) and include the regularization term.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from course_lib import _validate as check


def _perturbed(f: Callable, x: np.ndarray, eps: float, lower: bool) -> np.ndarray:
    check.function("f", f, what="a function of an array returning a number")
    check.positive("eps", eps)
    x = check.array("x", x).copy()  # a private copy; the caller's array is never touched
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    f0 = None if lower else float(f(x.copy()))
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        f_plus = float(f(x.copy()))
        if lower:
            flat[i] = old - eps
            gflat[i] = (f_plus - float(f(x.copy()))) / (2 * eps)
        else:
            gflat[i] = (f_plus - f0) / eps
        flat[i] = old
    return grad


def numerical_gradient(f: Callable, x, *, eps: float = 1e-7) -> np.ndarray:
    """Centred differences ``(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)`` for every entry of ``x``.

    Parameters
    ----------
    f : callable
        Maps an array shaped like ``x`` to a scalar.
    x : ndarray, any shape
        The point; not modified.
    eps : float > 0

    Returns
    -------
    ndarray, same shape as ``x``
    """
    return _perturbed(f, x, eps, lower=True)


def one_sided_gradient(f: Callable, x, *, eps: float = 1e-7) -> np.ndarray:
    """Forward differences ``(f(x + eps e_i) - f(x)) / eps`` (error O(eps); for comparison)."""
    return _perturbed(f, x, eps, lower=False)


def relative_difference(a, b) -> float:
    """``||a - b||_2 / (||a||_2 + ||b||_2)`` over all entries (0 when both are zero)."""
    a = check.array("a", a).ravel()
    b = check.array("b", b).ravel()
    if a.shape != b.shape:
        raise ValueError(f"a has {a.size} entries but b has {b.size}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def dict_to_vector(params: dict):
    """Flatten ``{"W1": ..., "b1": ...}`` into one vector, in the dict's key order.

    Returns
    -------
    vector : ndarray, shape (n_params,)
    keys_shapes : list of (key, shape)
        What :func:`vector_to_dict` needs to undo it.
    """
    if not isinstance(params, dict):
        check.fail("params", 'a dict of arrays {"W1": ..., "b1": ...}', params)
    keys_shapes = [(k, np.shape(v)) for k, v in params.items()]
    if not keys_shapes:
        return np.zeros(0), keys_shapes
    vector = np.concatenate([np.asarray(v, dtype=float).ravel() for v in params.values()])
    return vector, keys_shapes


def vector_to_dict(vector, keys_shapes) -> dict:
    """Inverse of :func:`dict_to_vector` (returns copies, never views of ``vector``)."""
    vector = check.array("vector", vector)
    total = sum(int(np.prod(s)) for _, s in keys_shapes)
    if vector.shape != (total,):
        raise ValueError(f"vector must have shape ({total},), got {vector.shape}")
    out, start = {}, 0
    for key, shape in keys_shapes:
        size = int(np.prod(shape))
        out[key] = vector[start:start + size].reshape(shape).copy()
        start += size
    return out


def gradient_check(f: Callable, theta, dtheta, *, eps: float = 1e-7):
    """Compare an analytic gradient ``dtheta`` of ``f`` at ``theta`` with centred differences.

    Parameters
    ----------
    f : callable
        Maps a 1-D vector (shape like ``theta``) to a scalar cost.
    theta, dtheta : ndarray, shape (n,)
    eps : float > 0

    Returns
    -------
    difference : float
        ``||approx - dtheta|| / (||approx|| + ||dtheta||)``.
    approx : ndarray, shape (n,)
        The numerical gradient, for a per-component look.
    """
    theta, dtheta = check.array("theta", theta), check.array("dtheta", dtheta)
    if theta.shape != dtheta.shape:
        raise ValueError(f"theta has shape {theta.shape} but dtheta has shape {dtheta.shape}")
    approx = numerical_gradient(f, theta, eps=eps)
    return relative_difference(approx, dtheta), approx


def check_network_gradients(params: dict, X, Y, *, cost_and_grads: Callable, eps: float = 1e-7):
    """Gradient-check a whole network at ``params`` on the data ``(X, Y)``.

    Parameters
    ----------
    params : dict
        ``{"W1": ..., "b1": ..., ...}`` (any keys; batch-norm ``gamma``/``beta`` work too).
    X : ndarray, shape (n_x, m); Y : ndarray, shape (n_y, m)
    cost_and_grads : callable
        ``cost_and_grads(params, X, Y) -> (cost, grads)`` with ``grads["dW1"]`` etc. (a ``d`` prefix
        on every key of ``params``). It must be deterministic: use ``keep_prob = 1``.
    eps : float > 0

    Returns
    -------
    difference : float
        The relative difference over all parameters (the number the course's thresholds apply to).
    table : list of (name, index, analytic, approx, abs_difference)
        One row per component, e.g. ``("W1", (0, 2), 0.13, 0.13, 2e-11)``, for finding which
        entries disagree when there is a bug.
    """
    check.function("cost_and_grads", cost_and_grads,
                   what="a function cost_and_grads(params, X, Y) -> (cost, grads)")
    check.positive("eps", eps)
    theta, keys_shapes = dict_to_vector(params)
    _, grads = cost_and_grads(params, X, Y)
    missing = [f"d{k}" for k in params if f"d{k}" not in grads]
    if missing:
        raise ValueError(f"cost_and_grads returned no gradient for {missing}")
    dtheta, _ = dict_to_vector({k: grads[f"d{k}"] for k in params})

    def f(vec):
        return cost_and_grads(vector_to_dict(vec, keys_shapes), X, Y)[0]

    difference, approx = gradient_check(f, theta, dtheta, eps=eps)
    table, start = [], 0
    for key, shape in keys_shapes:
        for j, index in enumerate(np.ndindex(*shape)):
            a, n = float(dtheta[start + j]), float(approx[start + j])
            table.append((key, index, a, n, abs(a - n)))
        start += int(np.prod(shape))
    return difference, table
