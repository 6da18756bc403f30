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

Continuing a model keeps its architecture and its optimizer with that optimizer's state; passing
an architecture or optimizer that differs from the model's raises ``ValueError`` rather than being
ignored (:func:`switch_optimizer` changes the optimizer on purpose).

The math of one pass (``forward``, ``backward``, ``cost``, ``cost_and_grads``) lives in
:mod:`course_lib.network` and is re-exported here for gradient checking.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from course_lib import _validate as check
from course_lib.initializers import INITIALIZERS
from course_lib.layers import ACTIVATIONS, OUTPUTS, output_cost
from course_lib.minibatch import n_mini_batches, random_mini_batches
from course_lib.network import (backward, cost, cost_and_grads, cost_from_cache, forward,
                                hidden_keep_probs)
from course_lib.optimizers import OPTIMIZERS, _rule, init_params_state, step_params

__all__ = ["Config", "Model", "train", "new_model", "switch_optimizer", "predict", "predict_proba",
           "accuracy", "init_params", "forward", "backward", "cost", "cost_and_grads",
           "cost_from_cache"]


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
    check.choice("init", init, INITIALIZERS)
    batchnorm = check.boolean("batchnorm", batchnorm)
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


def new_model(layer_dims, rng, *, activation="relu", output="sigmoid", init="he", batchnorm=False,
              optimizer="adam") -> Model:
    """An untrained :class:`Model`: initial weights drawn from ``rng``, fresh optimizer state.

    ``train(X, Y, layer_dims=..., rng=rng, n_epochs=0)`` returns the same model.
    """
    check.choice("activation", activation, ACTIVATIONS)
    check.choice("output", output, OUTPUTS)
    check.choice("optimizer", optimizer, OPTIMIZERS)
    if layer_dims is None:
        raise ValueError("layer_dims is required when no model is given, e.g. [2, 16, 1]")
    batchnorm = check.boolean("batchnorm", batchnorm)
    params = init_params(layer_dims, rng, init=init, batchnorm=batchnorm)
    config = Config(tuple(int(d) for d in layer_dims), activation, output, batchnorm)
    return Model(params, config, {}, optimizer, init_params_state(optimizer, params), 0)


def switch_optimizer(model: Model, optimizer: str) -> Model:
    """The same network with another optimizer, whose state starts from zero (Adam's ``t`` too).

    Training a model with a different ``optimizer=`` raises instead, so the restart is never silent.
    """
    _check_model(model)
    check.choice("optimizer", optimizer, OPTIMIZERS)
    return model._replace(optimizer=optimizer, opt_state=init_params_state(optimizer, model.params))


def _check_model(model):
    if not isinstance(model, Model):
        check.fail("model", "a Model returned by mlp.train or mlp.new_model", model)


def predict_proba(model: Model, X) -> np.ndarray:
    """Output probabilities ``(n_y, m)`` in test mode (no dropout, running BN statistics)."""
    _check_model(model)
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
    predicted = predict(model, X)
    Y = check.array("Y", Y)
    expected = (model.config.layer_dims[-1], predicted.size)
    if Y.shape != expected:
        raise ValueError(f"Y must have shape {expected} like the model's output for X "
                         f"(0/1 or one-hot, examples as columns), got {Y.shape}")
    return float(np.mean(predicted == _labels(Y, model.config.output)))


def _check_data(X, Y, n_x, n_y, output, name=""):
    X, Y = check.array(f"X{name}", X), check.array(f"Y{name}", Y)
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


def _continue(model: Model, optimizer, *, layer_dims, activation, output, init, batchnorm):
    """``model`` ready to train on, after checking that the given arguments agree with it."""
    _check_model(model)
    config = model.config
    if layer_dims is not None and not hasattr(layer_dims, "__len__"):
        check.fail("layer_dims", "a list of layer sizes [n_x, n1, ..., n_y]", layer_dims)
    given = {"layer_dims": None if layer_dims is None else tuple(layer_dims),
             "activation": activation, "output": output, "batchnorm": batchnorm}
    for name, value in given.items():
        if value is not None and value != getattr(config, name):
            raise ValueError(
                f"{name} is {value!r} but the model being continued has {name} "
                f"{getattr(config, name)!r}; leave {name} out to continue this model, or leave "
                f"model out to train a new network")
    if init is not None:
        raise ValueError(f"init={init!r} only applies to a new network; the model being continued "
                         f"already has its weights (leave init out, or leave model out)")
    if optimizer is None or optimizer == model.optimizer:
        return model
    check.choice("optimizer", optimizer, OPTIMIZERS)
    if optimizer == "gd":  # plain gradient descent keeps no state, so none starts from zero
        return switch_optimizer(model, "gd")
    raise ValueError(
        f"optimizer is {optimizer!r} but the model was trained with {model.optimizer!r}; "
        f"continuing would start the state of {optimizer!r} from zero. Leave optimizer out to "
        f"continue with {model.optimizer!r}, or pass "
        f"model=mlp.switch_optimizer(model, {optimizer!r}) to restart on purpose")


class _Settings(NamedTuple):
    """The per-call training settings, checked."""

    lr: float
    schedule: object
    n_epochs: int
    mini_batch_size: object
    lambd: float
    keep_prob: object
    bn_decay: float
    hyperparams: dict


def _check_settings(model, m, *, lr, schedule, n_epochs, mini_batch_size, lambd, keep_prob,
                    bn_decay, hyperparams) -> _Settings:
    check.positive("lr", lr)
    if schedule is not None:
        check.function("schedule", schedule, what="a function schedule(epoch) -> lr, or None")
    n_epochs = check.integer("n_epochs", n_epochs, low=0)
    if mini_batch_size is not None:
        n_mini_batches(m, mini_batch_size)  # validates it before any work
    check.non_negative("lambd", lambd)
    hidden_keep_probs(keep_prob, len(model.config.layer_dims) - 1)  # validates it
    check.fraction("bn_decay", bn_decay)
    _rule(model.optimizer, hyperparams, name="optimizer")  # hyperparameter names fit the optimizer
    return _Settings(lr, schedule, n_epochs, mini_batch_size, lambd, keep_prob, bn_decay,
                     hyperparams)


def _train_epoch(model: Model, X, Y, s: _Settings, lr, rng):
    """One pass over the training set: shuffle, then one step per mini-batch."""
    params, opt_state, bn_stats = model.params, model.opt_state, model.bn_stats
    m = X.shape[1]
    batches = ([(X, Y)] if s.mini_batch_size is None
               else random_mini_batches(X, Y, s.mini_batch_size, rng))
    step_costs = []
    for X_t, Y_t in batches:
        _, cache = forward(params, X_t, training=True, keep_prob=s.keep_prob, rng=rng,
                           bn_stats=bn_stats, activation=model.config.activation,
                           output=model.config.output, bn_decay=s.bn_decay)
        step_costs.append(cost_from_cache(Y_t, cache, lambd=s.lambd, m_reg=m))
        grads = backward(Y_t, cache, lambd=s.lambd, m_reg=m)
        params, opt_state = step_params(model.optimizer, params, grads, opt_state, lr=lr,
                                        **s.hyperparams)
        bn_stats = cache.bn_stats
    return Model(params, model.config, bn_stats, model.optimizer, opt_state,
                 model.epochs_done + 1), step_costs


def _evaluate(model: Model, X, Y):
    """Accuracy and data cost (no L2 term) in test mode."""
    Y_hat, cache = forward(model.params, X, training=False, bn_stats=model.bn_stats,
                           activation=model.config.activation, output=model.config.output)
    output = model.config.output
    acc = np.mean(_labels(Y_hat, output) == _labels(Y, output))
    return float(acc), output_cost(cache.ZL, Y, output=output)[0]


def _record(history, model, step_costs, lr, train_set, dev_set):
    history["cost_per_step"] += step_costs
    history["cost_per_epoch"].append(float(np.mean(step_costs)))
    history["lr"].append(lr)
    for name, data in (("train", train_set), ("dev", dev_set)):
        if data is not None:
            acc, c = _evaluate(model, *data)
            history[f"{name}_acc"].append(acc)
            history[f"{name}_cost"].append(c)


def train(X, Y, *, rng: np.random.Generator, layer_dims=None, activation=None, output=None,
          init=None, optimizer=None, lr=0.01, n_epochs=100, mini_batch_size=None, lambd=0.0,
          keep_prob=1.0, batchnorm=None, schedule=None, X_dev=None, Y_dev=None, model=None,
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
    activation : "relu" (default) | "tanh" | "sigmoid" (hidden layers);
    output : "sigmoid" (default) | "softmax"
    init : a key of ``course_lib.initializers.INITIALIZERS`` ("he" by default, "xavier", ...)
    batchnorm : bool (default False)
    optimizer : "gd" | "momentum" | "rmsprop" | "adam" (default); **optimizer_hyperparams go to
        its step (``beta``, ``beta1``, ``beta2``, ``eps``).
    lr : float > 0; schedule : callable or None
        ``schedule(epoch) -> lr`` for epoch 0, 1, ... (e.g. ``lambda e: lr0 / (1 + e)``); None
        means the constant ``lr``.
    n_epochs : int >= 0; mini_batch_size : int or None (None = whole batch, no shuffle)
    lambd : float >= 0 (L2); keep_prob : float in (0, 1], or one per hidden layer (dropout, training
        only)
    bn_decay : float in [0, 1), weight on the old running statistics
    X_dev, Y_dev : optional dev set for ``history["dev_acc"]`` and ``history["dev_cost"]``
    model : Model, optional
        Continue training it: its architecture, optimizer (with its state) and epoch count carry
        on. Then ``layer_dims``, ``activation``, ``output``, ``batchnorm`` and ``optimizer`` may be
        left out; given, they must equal the model's (``ValueError`` otherwise), except that
        ``optimizer="gd"`` is always allowed (it has no state to restart). ``init`` must be left
        out. Use :func:`switch_optimizer` to restart another optimizer on purpose.

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
    check.generator("rng", rng)
    architecture = dict(layer_dims=layer_dims, activation=activation, output=output, init=init,
                        batchnorm=batchnorm)
    if model is None:  # the new network's weights are the first draws from rng
        defaults = dict(activation="relu", output="sigmoid", init="he", batchnorm=False)
        chosen = {k: defaults[k] if architecture[k] is None else architecture[k] for k in defaults}
        model = new_model(layer_dims, rng, optimizer=optimizer or "adam", **chosen)
    else:
        model = _continue(model, optimizer, **architecture)
    n_x, n_y, out = model.config.layer_dims[0], model.config.layer_dims[-1], model.config.output
    X, Y = _check_data(X, Y, n_x, n_y, out)
    if (X_dev is None) != (Y_dev is None):
        raise ValueError(f"X_dev and Y_dev must be given together, got "
                         f"{'only X_dev' if Y_dev is None else 'only Y_dev'}")
    dev_set = None if X_dev is None else _check_data(X_dev, Y_dev, n_x, n_y, out, name="_dev")
    s = _check_settings(model, X.shape[1], lr=lr, schedule=schedule, n_epochs=n_epochs,
                        mini_batch_size=mini_batch_size, lambd=lambd, keep_prob=keep_prob,
                        bn_decay=bn_decay, hyperparams=optimizer_hyperparams)
    history = {k: [] for k in ("cost_per_step", "cost_per_epoch", "train_acc", "train_cost",
                               "dev_acc", "dev_cost", "lr")}
    history["diverged"] = False
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for epoch in range(model.epochs_done, model.epochs_done + s.n_epochs):
            lr_e = lr if schedule is None else float(schedule(epoch))
            model, step_costs = _train_epoch(model, X, Y, s, lr_e, rng)
            _record(history, model, step_costs, lr_e, (X, Y), dev_set)
            if not np.all(np.isfinite(step_costs)):
                history["diverged"] = True
                break
    return model, history
