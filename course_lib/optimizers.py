"""Gradient descent, momentum, RMSprop and Adam as pure update rules with explicit state.

Every rule is a pair ``(init, step)``: ``state = init(w)`` and ``w_new, state = step(w, dw, state,
*, lr, ...)``. Inputs are never modified; the new weights and the new state are returned, so a
slider callback can replay a whole path from the same start. ``OPTIMIZERS`` maps a name to the
pair (for dropdowns); :func:`optimize` returns the path of a rule on a gradient function;
:func:`init_params_state` / :func:`step_params` apply a rule to a dict of parameters.
"""

from __future__ import annotations

import inspect
from typing import Callable, NamedTuple

import numpy as np

from course_lib import _validate as check


class GDState(NamedTuple):  # plain gradient descent keeps no state
    pass


class MomentumState(NamedTuple):
    v: np.ndarray  # EWA of the gradients, same shape as w


class RMSpropState(NamedTuple):
    s: np.ndarray  # EWA of the squared gradients, same shape as w


class AdamState(NamedTuple):
    m: np.ndarray  # EWA of the gradients (first moment), called v in the lectures
    v: np.ndarray  # EWA of the squared gradients (second moment), called s in the lectures
    t: int  # number of steps taken so far; the next step is number t + 1


def _check(w, dw, *, lr, **hyper):
    """Validate the shared arguments; return ``w`` and ``dw`` as float arrays."""
    w, dw = check.array("w", w), check.array("dw", dw)
    if w.shape != dw.shape:
        raise ValueError(f"dw must have the shape of w {w.shape}, got {dw.shape}")
    check.positive("lr", lr)
    for name, value in hyper.items():
        if name == "eps":
            check.positive("eps", value)
        else:  # beta, beta1, beta2: the weights of exponentially weighted averages
            check.fraction(name, value)
    return w, dw


def _check_state(name, array, w):
    if np.shape(array) != w.shape:
        raise ValueError(f"state.{name} must have the shape of w {w.shape}, got {np.shape(array)}")


def gd_init(w) -> GDState:
    """Gradient descent has no state."""
    check.array("w", w)
    return GDState()


def gd_step(w, dw, state: GDState, *, lr):
    """One gradient descent step, :math:`W \\leftarrow W - \\alpha\\, dW`.

    Returns ``(w_new, state)``. Equals ``torch.optim.SGD(lr=lr)``."""
    w, dw = _check(w, dw, lr=lr)
    return w - lr * dw, state


def momentum_init(w) -> MomentumState:
    """Velocity ``v = 0`` with the shape of ``w``."""
    return MomentumState(v=np.zeros(check.array("w", w).shape))


def momentum_step(w, dw, state: MomentumState, *, lr, beta=0.9):
    """One step of gradient descent with momentum in the lectures' EWA form.

    .. math::
        v \\leftarrow \\beta v + (1 - \\beta)\\, dW, \\qquad W \\leftarrow W - \\alpha v

    Parameters
    ----------
    w, dw : ndarray, any shape (the same for both), weights and their gradient
    state : MomentumState
        ``v`` from :func:`momentum_init` or the previous step.
    lr : float > 0
        Learning rate alpha.
    beta : float in [0, 1)
        Weight on the old velocity (0.9 usually). ``beta = 0`` is plain gradient descent.

    Returns ``(w_new, MomentumState(v_new))``.

    Notes
    -----
    No bias correction (the lectures rarely use it). Equals
    ``torch.optim.SGD(lr=lr * (1 - beta), momentum=beta)``, whose buffer is ``v / (1 - beta)``:
    the form ``v = beta v + dW`` of other texts is the same method with alpha rescaled.
    """
    w, dw = _check(w, dw, lr=lr, beta=beta)
    _check_state("v", state.v, w)
    v = beta * state.v + (1 - beta) * dw
    return w - lr * v, MomentumState(v=v)


def rmsprop_init(w) -> RMSpropState:
    """Mean square ``s = 0`` with the shape of ``w``."""
    return RMSpropState(s=np.zeros(check.array("w", w).shape))


def rmsprop_step(w, dw, state: RMSpropState, *, lr, beta=0.999, eps=1e-8):
    """One RMSprop step: divide each component's gradient by its running root mean square.

    .. math::
        s \\leftarrow \\beta s + (1 - \\beta)\\, dW^2, \\qquad
        W \\leftarrow W - \\alpha \\frac{dW}{\\sqrt{s} + \\epsilon}

    (squares elementwise; the lectures call this beta ``beta2``). Parameters as in
    :func:`momentum_step`, plus ``eps > 0`` added *outside* the square root.
    Returns ``(w_new, RMSpropState(s_new))``.

    Notes
    -----
    No bias correction. Equals ``torch.optim.RMSprop(lr=lr, alpha=beta, eps=eps)``, which also
    adds eps after the square root.
    """
    w, dw = _check(w, dw, lr=lr, beta=beta, eps=eps)
    _check_state("s", state.s, w)
    s = beta * state.s + (1 - beta) * dw**2
    return w - lr * dw / (np.sqrt(s) + eps), RMSpropState(s=s)


def adam_init(w) -> AdamState:
    """Both moments zero with the shape of ``w``, step count ``t = 0``."""
    shape = check.array("w", w).shape
    return AdamState(m=np.zeros(shape), v=np.zeros(shape), t=0)


def adam_step(w, dw, state: AdamState, *, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step: momentum and RMSprop together, both bias corrected.

    .. math::
        m \\leftarrow \\beta_1 m + (1-\\beta_1)\\, dW, \\quad
        v \\leftarrow \\beta_2 v + (1-\\beta_2)\\, dW^2, \\quad t \\leftarrow t + 1

        W \\leftarrow W - \\alpha \\frac{m / (1-\\beta_1^t)}{\\sqrt{v / (1-\\beta_2^t)} + \\epsilon}

    ``w, dw`` any shape (the same); ``state = (m, v, t)`` (the lectures write ``v_dW`` for ``m``
    and ``s_dW`` for ``v``); ``lr`` is alpha, the one to tune; ``beta1 = 0.9``, ``beta2 = 0.999``,
    ``eps = 1e-8`` are the defaults. Returns ``(w_new, AdamState(m_new, v_new, t + 1))``.

    Notes
    -----
    Equals ``torch.optim.Adam(lr=lr, betas=(beta1, beta2), eps=eps)``. On the first step the
    corrected moments are ``dW`` and ``dW**2``, so each weight moves by about ``lr``.
    """
    w, dw = _check(w, dw, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    _check_state("m", state.m, w), _check_state("v", state.v, w)
    t = int(state.t) + 1
    m = beta1 * state.m + (1 - beta1) * dw
    v = beta2 * state.v + (1 - beta2) * dw**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), AdamState(m=m, v=v, t=t)


OPTIMIZERS = {
    "gd": (gd_init, gd_step),
    "momentum": (momentum_init, momentum_step),
    "rmsprop": (rmsprop_init, rmsprop_step),
    "adam": (adam_init, adam_step),
}


#: name -> the keyword hyperparameters of its step besides ``lr`` (read from the signatures).
HYPERPARAMETERS = {name: tuple(p for p in inspect.signature(step).parameters
                               if p not in ("w", "dw", "state", "lr"))
                   for name, (_, step) in OPTIMIZERS.items()}


def _rule(opt, hyperparams=(), *, name="opt"):
    """The (init, step) pair of a name, after checking the name and the hyperparameters' names."""
    check.choice(name, opt, OPTIMIZERS)
    unknown = sorted(set(hyperparams) - set(HYPERPARAMETERS[opt]))
    if unknown:
        allowed = ", ".join(("lr",) + HYPERPARAMETERS[opt])
        raise ValueError(f"the hyperparameters of {opt!r} must be among ({allowed}), "
                         f"got {', '.join(map(repr, unknown))}")
    return OPTIMIZERS[opt]


def optimize(opt: str, grad_fn: Callable, w0, *, n_steps: int, lr, schedule=None, **hyperparams):
    """Run ``n_steps`` updates of rule ``opt`` from ``w0``; return the path including ``w0``.

    Parameters
    ----------
    opt : str
        A key of ``OPTIMIZERS``: ``"gd"``, ``"momentum"``, ``"rmsprop"`` or ``"adam"``.
    grad_fn : callable
        ``grad_fn(w) -> dw`` with the shape of ``w``.
    w0 : array_like, any shape
        Starting point (not modified).
    n_steps : int >= 0
    lr : float > 0
        Learning rate of every step when ``schedule`` is None.
    schedule : callable, optional
        ``schedule(k) -> lr_k``, the learning rate of update ``k = 0, 1, ..., n_steps - 1``
        (0-based; it replaces ``lr``, which is still checked). E.g.
        ``lambda k: lr0 / (1 + decay_rate * k)``.
    **hyperparams
        Passed to the step function (``beta``, ``beta1``, ``beta2``, ``eps``).

    Returns
    -------
    path : ndarray, shape (n_steps + 1, *w0.shape)
        ``path[0] = w0`` and ``path[k]`` the weights after ``k`` updates. A diverging run is not
        stopped and raises no warning: its points become inf or nan and are returned as they are
        (cut them with ``course_lib.divergence.finite_prefix``).
    """
    init, step = _rule(opt, hyperparams)
    check.function("grad_fn", grad_fn, what="a function grad_fn(w) -> dw")
    n_steps = check.integer("n_steps", n_steps, low=0)
    if schedule is not None:
        check.function("schedule", schedule, what="a function schedule(k) -> lr, or None")
    _check(0.0, 0.0, lr=lr, **hyperparams)  # fail early, before any step
    w = check.array("w0", w0).copy()
    path = np.empty((n_steps + 1, *w.shape))
    path[0] = w
    state = init(w)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for k in range(n_steps):
            lr_k = lr if schedule is None else schedule(k)
            w, state = step(w, grad_fn(w), state, lr=lr_k, **hyperparams)
            path[k + 1] = w
    return path


def _grad_for(name, grads):
    for key in (name, "d" + name):
        if key in grads:
            return grads[key]
    raise ValueError(f"grads has no entry for parameter {name!r} (looked for {name!r} and "
                     f"{'d' + name!r}); got keys {sorted(grads)}")


def init_params_state(opt: str, params: dict) -> dict:
    """One fresh state per parameter: ``{"W1": state, "b1": state, ...}``."""
    init, _ = _rule(opt)
    if not isinstance(params, dict):
        check.fail("params", 'a dict of arrays {"W1": ..., "b1": ...}', params)
    return {name: init(value) for name, value in params.items()}


def step_params(opt: str, params: dict, grads: dict, state: dict, *, lr, **hyperparams):
    """Apply rule ``opt`` to every parameter of a dict; return ``(new_params, new_state)``.

    ``grads`` holds the gradient of parameter ``"W1"`` under ``"dW1"`` (the course's names) or
    under ``"W1"``. ``state`` comes from :func:`init_params_state` or the previous call. Neither
    dict nor any array in them is modified.
    """
    _, step = _rule(opt, hyperparams)
    for name, value in (("params", params), ("grads", grads), ("state", state)):
        if not isinstance(value, dict):
            check.fail(name, "a dict keyed by parameter name", value)
    new_params, new_state = {}, {}
    for name, value in params.items():
        if name not in state:
            raise ValueError(f"state has no entry for parameter {name!r}; got keys {sorted(state)}")
        new_params[name], new_state[name] = step(value, _grad_for(name, grads), state[name],
                                                 lr=lr, **hyperparams)
    return new_params, new_state
