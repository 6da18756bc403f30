"""Tests for course_lib.batchnorm: golden values, gradient checks, properties, bad input.

The comparisons with PyTorch are in test_batchnorm_reference.py."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from course_lib.batchnorm import (BatchNormStats, batchnorm_backward, batchnorm_forward,
                                  batchnorm_init)
from course_lib.gradcheck import numerical_gradient, relative_difference


def _random_case(rng, n=3, m=7):
    Z = rng.normal(2.0, 3.0, size=(n, m))
    gamma = rng.uniform(0.5, 2.0, size=(n, 1))
    beta = rng.normal(size=(n, 1))
    return Z, gamma, beta


# ---------------------------------------------------------------- golden values (by hand)

def test_init_is_zero_mean_unit_variance():
    stats = batchnorm_init(3)
    assert stats.mean.shape == (3, 1) and stats.var.shape == (3, 1)
    assert np.all(stats.mean == 0.0) and np.all(stats.var == 1.0)


def test_hand_computed_row():
    # z = [1, 2, 3]: mu = 2, sigma^2 = 2/3, z_norm = [-1, 0, 1] / sqrt(2/3) = [-1.2247, 0, 1.2247]
    Z = np.array([[1.0, 2.0, 3.0]])
    out, stats, _ = batchnorm_forward(Z, np.ones((1, 1)), np.zeros((1, 1)), batchnorm_init(1),
                                      training=True, decay=0.9, eps=1e-8)
    np.testing.assert_allclose(out, [[-1.224744871, 0.0, 1.224744871]], rtol=1e-8)
    # running mean 0.9 * 0 + 0.1 * 2 = 0.2; running var 0.9 * 1 + 0.1 * 2/3 = 0.966666...
    np.testing.assert_allclose(stats.mean, [[0.2]], rtol=1e-12)
    np.testing.assert_allclose(stats.var, [[0.9 + 0.1 * 2 / 3]], rtol=1e-12)


def test_gamma_sqrt_var_beta_mu_is_identity(rng):
    # The lecture's remark: gamma = sqrt(sigma^2 + eps), beta = mu undoes the normalization.
    Z = rng.normal(size=(4, 10)) * 5 + 3
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    out, _, _ = batchnorm_forward(Z, np.sqrt(var + 1e-8), mu, batchnorm_init(4), training=True)
    np.testing.assert_allclose(out, Z, rtol=1e-12, atol=1e-12)


# ---------------------------------------------------------------- gradient checks

@pytest.mark.parametrize("training", [True, False])
def test_backward_matches_centred_differences(rng, training):
    Z, gamma, beta = _random_case(rng, 3, 8)
    stats = BatchNormStats(mean=rng.normal(size=(3, 1)), var=rng.uniform(0.5, 2, size=(3, 1)))
    G = rng.normal(size=Z.shape)  # random upstream gradient: all-ones would hide dZ (it is 0 then)

    def cost(Z_, gamma_, beta_):
        return float(np.sum(G * batchnorm_forward(Z_, gamma_, beta_, stats,
                                                  training=training)[0]))

    _, _, cache = batchnorm_forward(Z, gamma, beta, stats, training=training)
    dZ, dgamma, dbeta = batchnorm_backward(G, cache)
    for name, f, x, analytic in (("dZ", lambda x: cost(x, gamma, beta), Z, dZ),
                                 ("dgamma", lambda x: cost(Z, x, beta), gamma, dgamma),
                                 ("dbeta", lambda x: cost(Z, gamma, x), beta, dbeta)):
        difference = relative_difference(numerical_gradient(f, x, eps=1e-6), analytic)
        assert difference < 1e-7, f"{name}: relative difference {difference:.2e}"


def test_all_ones_upstream_gives_zero_dZ(rng):
    # Why the checks above use a random upstream gradient: with all ones, dZ is exactly 0.
    Z, gamma, beta = _random_case(rng)
    _, _, cache = batchnorm_forward(Z, gamma, beta, batchnorm_init(3), training=True)
    dZ, _, _ = batchnorm_backward(np.ones_like(Z), cache)
    np.testing.assert_allclose(dZ, 0.0, atol=1e-12)


# ---------------------------------------------------------------- properties

finite_rows = arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(2, 30)),
                     elements=st.floats(-1e3, 1e3, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(finite_rows)
def test_normalized_rows_have_mean_0_variance_1(Z):
    before = Z.copy()
    n = Z.shape[0]
    out, _, _ = batchnorm_forward(Z, np.ones((n, 1)), np.zeros((n, 1)), batchnorm_init(n),
                                  training=True)
    np.testing.assert_array_equal(Z, before)  # input not modified
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out.mean(axis=1), 0.0, atol=1e-6)
    var = Z.var(axis=1)
    spread = var > 1e-2  # eps = 1e-8 shrinks the variance by var / (var + eps) >= 1 - 1e-6
    np.testing.assert_allclose(out.var(axis=1)[spread], 1.0, rtol=1e-5)
    assert np.all(out.var(axis=1) <= 1.0 + 1e-9)


# ---------------------------------------------------------------- extreme and bad input

def test_constant_row_is_finite():
    Z = np.array([[4.0, 4.0, 4.0, 4.0], [1.0, 2.0, 3.0, 4.0]])
    gamma, beta = np.array([[2.0], [1.0]]), np.array([[0.5], [0.0]])
    out, stats, cache = batchnorm_forward(Z, gamma, beta, batchnorm_init(2), training=True)
    np.testing.assert_allclose(out[0], 0.5)  # z_norm = 0, so z_tilde = beta
    dZ, dgamma, dbeta = batchnorm_backward(np.array([[1.0, -2.0, 0.5, 3.0]] * 2), cache)
    assert all(np.all(np.isfinite(a)) for a in (out, dZ, dgamma, dbeta, *stats))
    np.testing.assert_allclose(stats.var[0], 0.9)  # batch variance 0 enters the average


def test_test_mode_returns_running_stats_unchanged(rng):
    Z, gamma, beta = _random_case(rng)
    stats = BatchNormStats(mean=np.full((3, 1), 2.0), var=np.full((3, 1), 9.0))
    out, new_stats, _ = batchnorm_forward(Z, gamma, beta, stats, training=False)
    np.testing.assert_array_equal(new_stats.mean, stats.mean)
    np.testing.assert_array_equal(new_stats.var, stats.var)
    np.testing.assert_allclose(out, gamma * (Z - 2.0) / np.sqrt(9.0 + 1e-8) + beta, rtol=1e-12)


def test_training_is_required():
    with pytest.raises(TypeError):
        batchnorm_forward(np.ones((1, 2)), np.ones((1, 1)), np.zeros((1, 1)), batchnorm_init(1))


@pytest.mark.parametrize("which, shape", [("gamma", (4, 1)), ("beta", (3,)), ("stats.mean", (1, 3))])
def test_shape_mismatch_names_both_shapes(which, shape):
    args = {"gamma": np.ones((3, 1)), "beta": np.zeros((3, 1))}
    stats = batchnorm_init(3)
    if which == "stats.mean":
        stats = BatchNormStats(mean=np.zeros(shape), var=stats.var)
    else:
        args[which] = np.ones(shape)
    expected = f"Z has shape (3, 5) but {which} has shape {shape}; expected {which} of shape (3, 1)"
    with pytest.raises(ValueError, match=re.escape(expected)):
        batchnorm_forward(np.ones((3, 5)), args["gamma"], args["beta"], stats, training=True)


@pytest.mark.parametrize("kwargs, message", [
    ({"decay": 1.0}, r"decay must be a number in \[0, 1\), got 1.0 \(float\)"),
    ({"decay": -0.1}, r"decay must be a number in \[0, 1\), got -0.1 \(float\)"),
    ({"decay": "0.9"}, r"decay must be a number in \[0, 1\), got '0.9' \(str\)"),
    ({"eps": 0.0}, r"eps must be a number > 0, got 0.0 \(float\)"),
    ({"training": "yes"}, r"training must be True or False, got 'yes' \(str\)"),
])
def test_bad_hyperparameters(kwargs, message):
    args = {"training": True, **kwargs}
    with pytest.raises(ValueError, match=message):
        batchnorm_forward(np.ones((2, 3)), np.ones((2, 1)), np.zeros((2, 1)), batchnorm_init(2),
                          **args)


def test_bad_Z_and_upstream_shapes(rng):
    with pytest.raises(ValueError, match=r"Z must have shape \(n, m\).*got shape \(5,\)"):
        batchnorm_forward(np.ones(5), np.ones((5, 1)), np.zeros((5, 1)), batchnorm_init(5),
                          training=True)
    Z, gamma, beta = _random_case(rng)
    _, _, cache = batchnorm_forward(Z, gamma, beta, batchnorm_init(3), training=True)
    with pytest.raises(ValueError, match=r"dZ_tilde has shape \(7, 3\).*shape \(3, 7\)"):
        batchnorm_backward(np.ones((7, 3)), cache)
    with pytest.raises(ValueError, match=r"n \(the number of units\) must be an integer >= 1, "
                                         r"got 0 \(int\)"):
        batchnorm_init(0)
