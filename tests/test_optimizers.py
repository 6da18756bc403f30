"""Tests of course_lib.optimizers: golden values, properties, bad input (PyTorch: *_reference)."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_lib import optimizers as opt

# Golden values, derived by hand ------------------------------------------------------------

def test_golden_momentum_constant_gradient():
    # v1 = 0.1, w1 = 1 - 0.1 * 0.1 = 0.99; v2 = 0.19, w2 = 0.99 - 0.019 = 0.971
    w, state = np.array(1.0), opt.momentum_init(np.array(1.0))
    w, state = opt.momentum_step(w, np.array(1.0), state, lr=0.1, beta=0.9)
    assert float(w) == pytest.approx(0.99, abs=1e-15) and float(state.v) == pytest.approx(0.1)
    w, state = opt.momentum_step(w, np.array(1.0), state, lr=0.1, beta=0.9)
    assert float(w) == pytest.approx(0.971, abs=1e-15) and float(state.v) == pytest.approx(0.19)


def test_golden_rmsprop_first_step():
    # s1 = 0.1 * 2**2 = 0.4; step = 0.1 * 2 / sqrt(0.4) = 0.1 * sqrt(10)
    w, state = opt.rmsprop_step(np.array([1.0]), np.array([2.0]), opt.rmsprop_init(np.zeros(1)),
                                lr=0.1, beta=0.9, eps=1e-8)
    assert state.s[0] == pytest.approx(0.4, rel=1e-15)
    assert w[0] == pytest.approx(1 - 0.1 * math.sqrt(10), abs=1e-8)


def test_golden_adam_two_steps_with_gradients_plus_then_minus_one():
    # step 1: m_hat = 1, v_hat = 1 -> w = -0.1.  step 2: m = 0.09 - 0.1 = -0.01, m_hat = -1/19;
    # v = 0.000999 + 0.001 = 0.001999, v_hat = 0.001999 / (1 - 0.998001) = 1 -> w = -0.1 + 0.1/19
    w, state = np.zeros(1), opt.adam_init(np.zeros(1))
    w, state = opt.adam_step(w, np.ones(1), state, lr=0.1)
    assert w[0] == pytest.approx(-0.1, abs=1e-8) and state.t == 1
    w, state = opt.adam_step(w, -np.ones(1), state, lr=0.1)
    assert w[0] == pytest.approx(-0.1 + 0.1 / 19, abs=1e-8) and state.t == 2


def test_golden_schedule_in_optimize():
    # J = w^2 / 2, lr_k = 0.1 / (1 + k): w = 1 * 0.9 * 0.95 * (1 - 0.1/3)
    path = opt.optimize("gd", lambda w: w, 1.0, n_steps=3, lr=0.1, schedule=lambda k: 0.1 / (1 + k))
    np.testing.assert_allclose(path, [1.0, 0.9, 0.855, 0.855 * (1 - 0.1 / 3)], rtol=1e-14)


def test_gd_on_a_quadratic_is_geometric():
    path = opt.optimize("gd", lambda w: 4.0 * w, np.array([2.0, -1.0]), n_steps=10, lr=0.1)
    np.testing.assert_allclose(path, np.outer(0.6 ** np.arange(11), [2.0, -1.0]), rtol=1e-13)


# optimize ----------------------------------------------------------------------------------

def test_optimize_divergence_returns_nonfinite_points_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = opt.optimize("momentum", lambda w: 1e3 * w**3, np.array([3.0, -2.0]),
                            n_steps=40, lr=1.0, beta=0.9)
    assert path.shape == (41, 2)
    assert np.isfinite(path[0]).all() and not np.isfinite(path[-1]).all()


def test_optimize_zero_steps_and_shapes(rng):
    w0 = rng.standard_normal((2, 3))
    path = opt.optimize("adam", lambda w: 2 * w, w0, n_steps=0, lr=0.1)
    assert path.shape == (1, 2, 3) and np.array_equal(path[0], w0)
    assert opt.optimize("rmsprop", lambda w: w, 1.0, n_steps=5, lr=0.1).shape == (6,)


def test_step_params_matches_per_array_steps_and_accepts_both_key_styles(rng):
    params = {"W1": rng.standard_normal((3, 2)), "b1": rng.standard_normal((3, 1))}
    grads = {"dW1": rng.standard_normal((3, 2)), "db1": rng.standard_normal((3, 1))}
    before = {k: v.copy() for k, v in params.items()}
    state = opt.init_params_state("adam", params)
    new, state = opt.step_params("adam", params, grads, state, lr=0.01, beta1=0.8)
    for key in params:
        expected, _ = opt.adam_step(params[key], grads["d" + key], opt.adam_init(params[key]),
                                    lr=0.01, beta1=0.8)
        np.testing.assert_array_equal(new[key], expected)
        np.testing.assert_array_equal(params[key], before[key])
        assert state[key].t == 1
    plain = {k[1:]: v for k, v in grads.items()}
    new2, _ = opt.step_params("adam", params, plain, opt.init_params_state("adam", params),
                              lr=0.01, beta1=0.8)
    np.testing.assert_array_equal(new2["W1"], new["W1"])


# Hypothesis properties ---------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(dw=hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5),
                     elements=st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3)),
       lr=st.floats(1e-4, 1.0))
def test_first_adam_step_moves_each_weight_by_about_lr(dw, lr):
    w = np.zeros_like(dw)
    w_new, _ = opt.adam_step(w, dw, opt.adam_init(w), lr=lr)
    # |step| = lr |g| / (|g| + 1e-8), within 1e-5 relative of lr for |g| >= 1e-3
    np.testing.assert_allclose(np.abs(w_new), lr, rtol=1e-5)
    assert np.all(np.sign(w_new) == -np.sign(dw))


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(list(opt.OPTIMIZERS)),
       w=hnp.arrays(np.float64, (2, 3), elements=st.floats(-10, 10)),
       dw=hnp.arrays(np.float64, (2, 3), elements=st.floats(-10, 10)))
def test_inputs_and_state_are_never_modified(name, w, dw):
    init, step = opt.OPTIMIZERS[name]
    state = init(w)
    w_new, state = step(w, dw, state, lr=0.1)
    copies = (w.copy(), dw.copy(), [np.copy(x) for x in state])
    step(w, dw, state, lr=0.1)
    np.testing.assert_array_equal(w, copies[0])
    np.testing.assert_array_equal(dw, copies[1])
    for x, c in zip(state, copies[2]):
        np.testing.assert_array_equal(x, c)


@settings(max_examples=30, deadline=None)
@given(g=st.floats(-100, 100), beta=st.floats(0, 0.99), n=st.integers(1, 60))
def test_momentum_with_constant_gradient_approaches_plain_step(g, beta, n):
    """The EWA velocity of a constant gradient g is (1 - beta^n) g: never larger than g."""
    w, state = np.zeros(1), opt.momentum_init(np.zeros(1))
    for _ in range(n):
        w, state = opt.momentum_step(w, np.array([g]), state, lr=1.0, beta=beta)
    assert state.v[0] == pytest.approx((1 - beta**n) * g, rel=1e-9, abs=1e-12)


# Bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan"), float("inf"), "0.1", None, True])
def test_bad_lr(lr):
    expected = f"lr must be a number > 0, got {lr!r} ({type(lr).__name__})"
    with pytest.raises(ValueError, match=re.escape(expected)):
        opt.gd_step(np.ones(2), np.ones(2), opt.gd_init(np.ones(2)), lr=lr)


@pytest.mark.parametrize("name, kwargs, key", [
    ("momentum", {"beta": 1.0}, "beta"), ("momentum", {"beta": -0.1}, "beta"),
    ("rmsprop", {"beta": 1.2}, "beta"), ("adam", {"beta1": 1.0}, "beta1"),
    ("adam", {"beta2": -1e-3}, "beta2"), ("adam", {"beta1": "0.9"}, "beta1")])
def test_bad_beta(name, kwargs, key):
    init, step = opt.OPTIMIZERS[name]
    value = kwargs[key]
    expected = f"{key} must be a number in [0, 1), got {value!r} ({type(value).__name__})"
    with pytest.raises(ValueError, match=re.escape(expected)):
        step(np.ones(2), np.ones(2), init(np.ones(2)), lr=0.1, **kwargs)


@pytest.mark.parametrize("name", ["rmsprop", "adam"])
@pytest.mark.parametrize("eps", [0.0, -1e-8])
def test_bad_eps(name, eps):
    init, step = opt.OPTIMIZERS[name]
    expected = f"eps must be a number > 0, got {eps!r} (float)"
    with pytest.raises(ValueError, match=re.escape(expected)):
        step(np.ones(2), np.ones(2), init(np.ones(2)), lr=0.1, eps=eps)


@pytest.mark.parametrize("name", list(opt.OPTIMIZERS))
def test_shape_mismatch_names_both_shapes(name):
    init, step = opt.OPTIMIZERS[name]
    with pytest.raises(ValueError, match=r"dw must have the shape of w \(2, 3\), got \(3, 2\)"):
        step(np.ones((2, 3)), np.ones((3, 2)), init(np.ones((2, 3))), lr=0.1)


@pytest.mark.parametrize("name", ["momentum", "rmsprop", "adam"])
def test_state_of_the_wrong_shape(name):
    init, step = opt.OPTIMIZERS[name]
    with pytest.raises(ValueError, match=r"state\.\w must have the shape of w"):
        step(np.ones(3), np.ones(3), init(np.ones(2)), lr=0.1)


def test_bad_optimize_arguments():
    with pytest.raises(ValueError, match=re.escape("opt must be one of ['adam', 'gd', 'momentum', "
                                                   "'rmsprop'], got 'sgd' (str)")):
        opt.optimize("sgd", lambda w: w, 1.0, n_steps=3, lr=0.1)
    with pytest.raises(ValueError, match=re.escape("n_steps must be an integer >= 0, got -1")):
        opt.optimize("gd", lambda w: w, 1.0, n_steps=-1, lr=0.1)
    with pytest.raises(ValueError, match=re.escape("beta must be a number in [0, 1), got 1.5")):
        opt.optimize("momentum", lambda w: w, 1.0, n_steps=0, lr=0.1, beta=1.5)
    with pytest.raises(ValueError, match=re.escape("lr must be a number > 0, got 0.0 (float)")):
        opt.optimize("gd", lambda w: w, 1.0, n_steps=3, lr=0.1, schedule=lambda k: 0.0)
    with pytest.raises(ValueError, match=re.escape("the hyperparameters of 'gd' must be among "
                                                   "(lr), got 'beta'")):
        opt.optimize("gd", lambda w: w, 1.0, n_steps=3, lr=0.1, beta=0.9)
    with pytest.raises(ValueError, match=re.escape("grad_fn must be a function grad_fn(w) -> dw, "
                                                   "got 0.5 (float)")):
        opt.optimize("gd", 0.5, 1.0, n_steps=3, lr=0.1)
    with pytest.raises(ValueError, match=re.escape("w0 must be an array of numbers, got 'a'")):
        opt.optimize("gd", lambda w: w, "a", n_steps=3, lr=0.1)


def test_missing_gradient_in_step_params():
    params = {"W1": np.ones((2, 2))}
    with pytest.raises(ValueError, match="grads has no entry for parameter 'W1'"):
        opt.step_params("gd", params, {"dW2": np.ones((2, 2))}, opt.init_params_state("gd", params),
                        lr=0.1)
