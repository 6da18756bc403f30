"""Forward and backward passes of a whole fully connected network (the math; training is in mlp).

Layers ``l = 1..L-1`` are hidden (ReLU, tanh or sigmoid), optionally batch-normalized (then they
have ``gamma{l}``, ``beta{l}`` instead of ``b{l}``) and dropped out in training; layer ``L`` gives
sigmoid or softmax probabilities. The regularized cost on ``m`` examples is

.. math::

    J = \\frac1m \\sum_{i=1}^m \\mathcal L(\\hat y^{(i)}, y^{(i)})
        + \\frac{\\lambda}{2m} \\sum_{l=1}^{L} \\lVert W^{[l]} \\rVert_F^2 .

    Y_hat, cache = forward(params, X, training=True, keep_prob=0.8, rng=rng)
    grads = backward(Y, cache, lambd=0.7)          # {"dW1": ..., "db1": ..., ...}

:func:`cost_and_grads` has the signature ``course_lib.gradcheck.check_network_gradients`` expects.
:mod:`course_lib.mlp` re-exports all of these next to ``train`` and ``predict``. Examples are
columns throughout.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from course_lib import _validate as check
from course_lib import batchnorm as bn
from course_lib import layers
from course_lib.regularization import dropout_backward, dropout_forward, l2_cost, l2_grad


class ForwardCache(NamedTuple):
    """What :func:`backward` needs: the parameters, each layer's values, the logits."""

    params: dict
    layers: list  # per hidden layer: (A_prev, Z, g(Z) before dropout, mask or None, bn_cache)
    A_last: np.ndarray  # input of the output layer
    ZL: np.ndarray
    output: str
    activation: str
    keep_probs: tuple  # keep_prob of each hidden layer
    bn_stats: dict  # updated running statistics


def _check_cache(cache):
    if not isinstance(cache, ForwardCache):
        check.fail("cache", "the ForwardCache returned by forward(...)", cache)


def _n_layers(params) -> int:
    return sum(1 for k in params if k.startswith("W"))


def hidden_keep_probs(keep_prob, L: int) -> tuple:
    """``keep_prob`` (one number, or one per hidden layer 1..L-1) as a tuple of L-1 numbers."""
    L = check.integer("L (the number of layers)", L, low=1)
    if isinstance(keep_prob, (list, tuple)) or np.ndim(keep_prob) > 0:
        kps = tuple(np.ravel(keep_prob)) if isinstance(keep_prob, np.ndarray) else keep_prob
        if len(kps) != L - 1:
            check.fail("keep_prob", f"a number or one number per hidden layer ({L - 1})", keep_prob)
        return tuple(check.probability("keep_prob", kp) for kp in kps)
    return (check.probability("keep_prob", keep_prob),) * (L - 1)


def forward(params, X, *, training: bool, activation="relu", output="sigmoid", keep_prob=1.0,
            rng=None, bn_stats=None, bn_decay=0.9, bn_eps=1e-8):
    """Forward pass; returns ``(Y_hat, cache)`` with ``Y_hat`` of shape ``(n_y, m)``.

    ``training=True`` applies dropout to the hidden layers' activations (``keep_prob``: one number
    for all, or a sequence with one per hidden layer, e.g. lower for a big layer; ``< 1`` needs
    ``rng``) and normalizes with batch
    statistics; ``training=False`` uses no dropout and the running statistics ``bn_stats``
    (``{l: BatchNormStats}``; missing layers start at mean 0, variance 1). Batch norm is used when
    ``params`` holds ``gamma1``. ``cache.bn_stats`` holds the updated running statistics.
    """
    training = check.boolean("training", training)
    check.choice("activation", activation, layers.ACTIVATIONS)
    check.choice("output", output, layers.OUTPUTS)
    if not isinstance(params, dict) or "W1" not in params:
        check.fail("params", 'a dict {"W1": ..., "b1": ..., ...} (e.g. from mlp.init_params)',
                   params)
    L = _n_layers(params)
    keep_probs = hidden_keep_probs(keep_prob, L)
    if training and min(keep_probs, default=1.0) < 1:
        if rng is None:
            raise ValueError("rng is required for dropout (training=True with keep_prob < 1)")
        check.generator("rng", rng)
    check.fraction("bn_decay", bn_decay)
    check.positive("bn_eps", bn_eps)
    X = check.array("X", X)
    if X.ndim != 2 or X.shape[0] != params["W1"].shape[1]:
        raise ValueError(f"X must have shape ({params['W1'].shape[1]}, m) to match W1 of shape "
                         f"{params['W1'].shape}, got shape {X.shape}")
    g = layers.ACTIVATIONS[activation][0]
    A, caches, new_stats = X, [], dict(bn_stats or {})
    for l in range(1, L):
        A_prev, W = A, params[f"W{l}"]
        bn_cache = None
        if f"gamma{l}" in params:
            Z_lin = W @ A_prev
            stats = new_stats.get(l) or bn.batchnorm_init(W.shape[0])
            Z, new_stats[l], bn_cache = bn.batchnorm_forward(
                Z_lin, params[f"gamma{l}"], params[f"beta{l}"], stats, training=training,
                decay=bn_decay, eps=bn_eps)
        else:
            Z = layers.linear_forward(A_prev, W, params[f"b{l}"])
        A_act = A = g(Z)
        mask = None
        if training and keep_probs[l - 1] < 1:
            A, mask = dropout_forward(A_act, keep_probs[l - 1], rng)
        caches.append((A_prev, Z, A_act, mask, bn_cache))
    ZL = layers.linear_forward(A, params[f"W{L}"], params[f"b{L}"])
    cache = ForwardCache(params, caches, A, ZL, output, activation, keep_probs, new_stats)
    return layers.OUTPUTS[output](ZL), cache


def backward(Y, cache: ForwardCache, *, lambd=0.0, m_reg=None) -> dict:
    """Gradients ``{"dW1", "db1" | "dgamma1", "dbeta1", ...}`` of the regularized cost.

    ``m_reg`` is the ``m`` of the L2 term (default: the batch's ``m``; :func:`train` passes the
    training-set size so each mini-batch cost estimates the full regularized cost).
    """
    _check_cache(cache)
    check.non_negative("lambd", lambd)
    params, L = cache.params, _n_layers(cache.params)
    m = cache.ZL.shape[1]
    m_reg = m if m_reg is None else check.integer("m_reg", m_reg, low=1)
    _, dZ = layers.output_cost(cache.ZL, Y, output=cache.output)
    grads = {}
    dA, grads[f"dW{L}"], grads[f"db{L}"] = layers.linear_backward(dZ, cache.A_last, params[f"W{L}"])
    g_back = layers.ACTIVATIONS[cache.activation][1]
    for l in range(L - 1, 0, -1):
        A_prev, Z, A, mask, bn_cache = cache.layers[l - 1]
        if mask is not None:
            dA = dropout_backward(dA, mask, cache.keep_probs[l - 1])
        dZ = g_back(dA, Z, A)
        if bn_cache is not None:
            dZ, grads[f"dgamma{l}"], grads[f"dbeta{l}"] = bn.batchnorm_backward(dZ, bn_cache)
        dA, grads[f"dW{l}"], db = layers.linear_backward(dZ, A_prev, params[f"W{l}"],
                                                         with_bias=bn_cache is None)
        if db is not None:
            grads[f"db{l}"] = db
    if lambd:
        for l in range(1, L + 1):
            grads[f"dW{l}"] = grads[f"dW{l}"] + l2_grad(params[f"W{l}"], lambd=lambd, m=m_reg)
    return {f"d{k}": grads[f"d{k}"] for k in params}  # same order as params


def cost_from_cache(Y, cache: ForwardCache, *, lambd=0.0, m_reg=None) -> float:
    """Regularized cost of a forward pass (``m_reg`` as in :func:`backward`)."""
    _check_cache(cache)
    check.non_negative("lambd", lambd)
    data, _ = layers.output_cost(cache.ZL, Y, output=cache.output)
    m_reg = cache.ZL.shape[1] if m_reg is None else m_reg
    return data + (l2_cost(cache.params, lambd=lambd, m=m_reg) if lambd else 0.0)


def cost(params, X, Y, *, training: bool, lambd=0.0, **forward_kwargs) -> float:
    """The regularized cost ``J`` of ``params`` on ``(X, Y)`` (a forward pass, then the cost)."""
    _, cache = forward(params, X, training=training, **forward_kwargs)
    return cost_from_cache(Y, cache, lambd=lambd)


def cost_and_grads(params, X, Y, *, training: bool, lambd=0.0, **forward_kwargs):
    """``(J, grads)``, the signature ``course_lib.gradcheck.check_network_gradients`` expects.

    Use ``functools.partial(cost_and_grads, training=True, lambd=0.7)``. With dropout pass a
    *fresh* ``np.random.default_rng(seed)`` on each call (so the mask is the same every time).
    """
    _, cache = forward(params, X, training=training, **forward_kwargs)
    return cost_from_cache(Y, cache, lambd=lambd), backward(Y, cache, lambd=lambd)
