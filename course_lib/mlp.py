"""Train and use a small fully connected network: ``train``, ``predict``, ``predict_proba``.

One gradient step on a mini-batch ``(X{t}, Y{t})`` of a training set of ``m`` examples is

.. math::

    J^{\\{t\\}} = \\frac{1}{m_t} \\sum_{i \\in t} \\mathcal L(\\hat y^{(i)}, y^{(i)})
               + \\frac{\\lambda}{2m} \\sum_l \\lVert W^{[l]} \\rVert_F^2, \\qquad
    \\theta \\leftarrow \\text{step}(\\theta, \\nabla_\\theta J^{\\{t\\}}, \\alpha_{epoch})

(the L2 term uses the training-set ``m`` so every mini-batch cost estimates the same full ``J``;
with whole-batch training both ``m`` agree, as in the lectures).

    model, history = train(X, Y, layer_dims=[2, 16, 1], rng=rng, lambd=0.1, n_epochs=200)
    labels = predict(model, X_dev)                   # shape (m,)
    model, more = train(X, Y, model=model, rng=rng, n_epochs=50)   # continue training

The math of one pass (``forward``, ``backward``, ``cost``, ``cost_and_grads``) lives in
:mod:`course_lib.network` and is re-exported here for gradient checking.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from course_lib.initializers import INITIALIZERS
from course_lib.layers import ACTIVATIONS, OUTPUTS, output_cost
from course_lib.minibatch import n_mini_batches, random_mini_batches
from course_lib.network import (backward, cost, cost_and_grads, cost_from_cache, forward,
                                hidden_keep_probs)
from course_lib.optimizers import init_params_state, step_params

__all__ = ["Config", "Model", "train", "predict", "predict_proba", "accuracy", "init_params",
           "forward", "backward", "cost", "cost_and_grads", "cost_from_cache"]


class Config(NamedTuple):
    """The architecture: ``layer_dims = (n_x, n1, ..., n_y)`` and the layer types."""

    layer_dims: tuple
    activation: str
    output: str
    batchnorm: bool


class Model(NamedTuple):
    """A trained network and what is needed to use it or to continue training it."""

    params: dict  # "W1", "b1" (or "gamma1", "beta1" with batch norm), ..., "WL", "bL"
    config: Config
    bn_stats: dict  # {l: BatchNormStats} running statistics of the batch-normalized layers
    optimizer: str
    opt_state: dict  # per-parameter optimizer state
    epochs_done: int


def init_params(layer_dims, rng, *, init="he", batchnorm=False) -> dict:
    """Initial weights from ``course_lib.initializers``; with batch norm the hidden layers get
    ``gamma{l} = 1``, ``beta{l} = 0`` instead of ``b{l}`` (batch norm's mean subtraction would
    cancel ``b``). The output layer keeps its bias and has no batch norm."""
    if init not in INITIALIZERS:
        raise ValueError(f"init must be one of {sorted(INITIALIZERS)}, got {init!r}")
    params = INITIALIZERS[init](layer_dims, rng)
    if not batchnorm:
        return params
    L, out = len(layer_dims) - 1, {}
    for l in range(1, L + 1):
        out[f"W{l}"] = params[f"W{l}"]
        if l < L:
            out[f"gamma{l}"] = np.ones((layer_dims[l], 1))
            out[f"beta{l}"] = np.zeros((layer_dims[l], 1))
        else:
            out[f"b{l}"] = params[f"b{l}"]
    return out


def predict_proba(model: Model, X) -> np.ndarray:
    """Output probabilities ``(n_y, m)`` in test mode (no dropout, running BN statistics)."""
    Y_hat, _ = forward(model.params, X, training=False, activation=model.config.activation,
                       output=model.config.output, bn_stats=model.bn_stats)
    return Y_hat


def _labels(P, output):
    return P.argmax(axis=0) if output == "softmax" else (P[0] > 0.5).astype(int)


def predict(model: Model, X) -> np.ndarray:
    """Predicted class of each example, shape ``(m,)``: ``p > 0.5`` (sigmoid) or argmax."""
    return _labels(predict_proba(model, X), model.config.output)


def accuracy(model: Model, X, Y) -> float:
    """Fraction of the columns of ``X`` whose predicted class matches ``Y`` (0/1 or one-hot)."""
    return float(np.mean(predict(model, X) == _labels(np.asarray(Y), model.config.output)))


def _check_data(X, Y, n_x, n_y, output, name=""):
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    if X.ndim != 2 or X.shape[0] != n_x:
        raise ValueError(f"X{name} must have shape ({n_x}, m), got shape {X.shape}")
    if Y.shape != (n_y, X.shape[1]):
        raise ValueError(f"Y{name} must have shape ({n_y}, {X.shape[1]}) like X{name}, "
                         f"got {Y.shape}")
    if output == "softmax" and not (np.isin(Y, (0, 1)).all() and (Y.sum(axis=0) == 1).all()):
        raise ValueError(f"Y{name} must be one-hot of shape (C, m) for a softmax output")
    if output == "sigmoid" and not np.isin(Y, (0, 1)).all():
        raise ValueError(f"Y{name} must hold 0/1 labels for a sigmoid output")
    return X, Y


def train(X, Y, *, rng: np.random.Generator, layer_dims=None, activation="relu", output="sigmoid",
          init="he", optimizer="adam", lr=0.01, n_epochs=100, mini_batch_size=None, lambd=0.0,
          keep_prob=1.0, batchnorm=False, schedule=None, X_dev=None, Y_dev=None, model=None,
          bn_decay=0.9, **optimizer_hyperparams):
    """Train a network with mini-batch gradient steps; return ``(model, history)``.

    Parameters
    ----------
    X : ndarray, shape (n_x, m); Y : ndarray, shape (n_y, m)
        Training data, examples as columns; ``Y`` is 0/1 ``(1, m)`` for ``output="sigmoid"`` and
        one-hot ``(C, m)`` for ``"softmax"``.
    rng : numpy.random.Generator
        Draws the initial weights (``course_lib.initializers`` order), then each epoch's shuffle
        (``rng.permutation(m)``) and the dropout masks.
    layer_dims : sequence of int
        ``[n_x, n1, ..., n_y]``; required unless ``model`` is given.
    activation : "relu" | "tanh" | "sigmoid" (hidden layers); output : "sigmoid" | "softmax"
    init : a key of ``course_lib.initializers.INITIALIZERS`` ("he", "xavier", "zeros", ...)
    optimizer : "gd" | "momentum" | "rmsprop" | "adam"; **optimizer_hyperparams go to its step
        (``beta``, ``beta1``, ``beta2``, ``eps``).
    lr : float > 0; schedule : callable or None
        ``schedule(epoch) -> lr`` for epoch 0, 1, ... (e.g. ``lambda e: lr0 / (1 + e)``); None
        means the constant ``lr``.
    n_epochs : int >= 0; mini_batch_size : int or None (None = whole batch, no shuffle)
    lambd : float >= 0 (L2); keep_prob : float in (0, 1], or one per hidden layer (dropout, training
        only)
    batchnorm : bool; bn_decay : float in [0, 1), weight on the old running statistics
    X_dev, Y_dev : optional dev set for ``history["dev_acc"]`` and ``history["dev_cost"]``
    model : Model, optional
        Continue training it (its architecture, optimizer state and epoch count carry on).

    Returns
    -------
    model : Model
    history : dict of lists
        ``cost_per_step`` (regularized mini-batch cost, dropout included), ``cost_per_epoch``
        (mean of that epoch's step costs), ``train_acc``, ``train_cost``, ``dev_acc``, ``dev_cost``
        (after each epoch in test mode; costs without the L2 term; dev lists empty without a dev
        set), ``lr`` (per epoch) and ``diverged`` (True if a cost became inf/nan; training stops
        after that epoch, so the lists are shorter than ``n_epochs``). No warning is raised.
    """
    if model is None:
        if layer_dims is None:
            raise ValueError("layer_dims is required when no model is given, e.g. [2, 16, 1]")
        if activation not in ACTIVATIONS or output not in OUTPUTS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)} and output one of "
                             f"{sorted(OUTPUTS)}, got {activation!r} and {output!r}")
        config = Config(tuple(int(d) for d in layer_dims), activation, output, bool(batchnorm))
        params = init_params(config.layer_dims, rng, init=init, batchnorm=batchnorm)
        bn_stats, epoch0, opt_state = {}, 0, init_params_state(optimizer, params)
    else:
        config, params, bn_stats = model.config, model.params, model.bn_stats
        epoch0 = model.epochs_done
        same = model.optimizer == optimizer
        opt_state = model.opt_state if same else init_params_state(optimizer, params)
    n_x, n_y = config.layer_dims[0], config.layer_dims[-1]
    X, Y = _check_data(X, Y, n_x, n_y, config.output)
    has_dev = X_dev is not None
    if has_dev:
        X_dev, Y_dev = _check_data(X_dev, Y_dev, n_x, n_y, config.output, name="_dev")
    if not (np.isscalar(lr) and lr > 0):
        raise ValueError(f"lr must be a positive number, got {lr!r}")
    if int(n_epochs) != n_epochs or n_epochs < 0:
        raise ValueError(f"n_epochs must be a non-negative integer, got {n_epochs!r}")
    if not lambd >= 0:
        raise ValueError(f"lambd must be >= 0, got {lambd}")
    hidden_keep_probs(keep_prob, len(config.layer_dims) - 1)  # validates it
    m = X.shape[1]
    if mini_batch_size is not None:
        n_mini_batches(m, mini_batch_size)  # validates it before any work
    fwd = dict(activation=config.activation, output=config.output, bn_decay=bn_decay)
    keys = ("cost_per_step", "cost_per_epoch", "train_acc", "train_cost", "dev_acc", "dev_cost",
            "lr")
    history = {k: [] for k in keys}
    history["diverged"] = False

    def evaluate(X_e, Y_e):
        Y_hat, cache = forward(params, X_e, training=False, bn_stats=bn_stats, **fwd)
        acc = np.mean(_labels(Y_hat, config.output) == _labels(Y_e, config.output))
        return float(acc), output_cost(cache.ZL, Y_e, output=config.output)[0]

    done = epoch0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for epoch in range(epoch0, epoch0 + int(n_epochs)):
            lr_e = lr if schedule is None else float(schedule(epoch))
            batches = ([(X, Y)] if mini_batch_size is None
                       else random_mini_batches(X, Y, mini_batch_size, rng))
            step_costs = []
            for X_t, Y_t in batches:
                _, cache = forward(params, X_t, training=True, keep_prob=keep_prob, rng=rng,
                                   bn_stats=bn_stats, **fwd)
                step_costs.append(cost_from_cache(Y_t, cache, lambd=lambd, m_reg=m))
                grads = backward(Y_t, cache, lambd=lambd, m_reg=m)
                params, opt_state = step_params(optimizer, params, grads, opt_state, lr=lr_e,
                                                **optimizer_hyperparams)
                bn_stats = cache.bn_stats
            history["cost_per_step"] += step_costs
            history["cost_per_epoch"].append(float(np.mean(step_costs)))
            history["lr"].append(lr_e)
            for name, data in (("train", (X, Y)), ("dev", (X_dev, Y_dev))):
                if name == "train" or has_dev:
                    acc, c = evaluate(*data)
                    history[f"{name}_acc"].append(acc)
                    history[f"{name}_cost"].append(c)
            done = epoch + 1
            if not np.all(np.isfinite(step_costs)):
                history["diverged"] = True
                break
    return Model(params, config, bn_stats, optimizer, opt_state, done), history
