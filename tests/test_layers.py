"""Tests of course_lib.layers: activations and their backward passes, the output cost.

The comparisons with PyTorch are in test_layers_reference.py."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from course_lib import layers
from course_lib.gradcheck import numerical_gradient, relative_difference


def test_activation_golden_values():
    Z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_allclose(layers.relu(Z), [[0.0, 0.0, 3.0]])
    # sigmoid(0) = 1/2; sigmoid(3) = 1 / (1 + e^-3) = 0.9525741268... (e^-3 = 0.0497871)
    np.testing.assert_allclose(layers.sigmoid(Z)[0, 1:], [0.5, 0.9525741268224334], rtol=1e-14)
    np.testing.assert_allclose(layers.tanh(Z), np.tanh(Z))


def test_sigmoid_extremes_are_finite_without_warnings():
    with np.errstate(all="raise"):
        s = layers.sigmoid(np.array([[-1e4, 1e4]]))
    np.testing.assert_array_equal(s, [[0.0, 1.0]])


@pytest.mark.parametrize("name", sorted(layers.ACTIVATIONS))
def test_activation_backward_gradcheck(name, rng):
    g, g_back = layers.ACTIVATIONS[name]
    Z = rng.standard_normal((4, 6))
    Z[np.abs(Z) < 1e-3] = 0.5  # keep ReLU's kink away from the finite-difference stencil
    dA = rng.standard_normal((4, 6))  # random upstream gradient
    numeric = numerical_gradient(lambda z: np.sum(dA * g(z)), Z, eps=1e-6)
    assert relative_difference(numeric, g_back(dA, Z, g(Z))) < 1e-8


def test_linear_backward_gradcheck(rng):
    A_prev, W = rng.standard_normal((3, 5)), rng.standard_normal((2, 3))
    b = rng.standard_normal((2, 1))
    dZ = rng.standard_normal((2, 5))
    dA_prev, dW, db = layers.linear_backward(dZ, A_prev, W)
    f = lambda w: np.sum(dZ * layers.linear_forward(A_prev, w, b))  # noqa: E731
    assert relative_difference(numerical_gradient(f, W, eps=1e-6), dW) < 1e-8
    f = lambda a: np.sum(dZ * layers.linear_forward(a, W, b))  # noqa: E731
    assert relative_difference(numerical_gradient(f, A_prev, eps=1e-6), dA_prev) < 1e-8
    f = lambda bb: np.sum(dZ * layers.linear_forward(A_prev, W, bb))  # noqa: E731
    assert relative_difference(numerical_gradient(f, b, eps=1e-6), db) < 1e-8
    assert layers.linear_backward(dZ, A_prev, W, with_bias=False)[2] is None


def test_sigmoid_output_cost_golden():
    # z = 0 gives a = 1/2 and loss log 2 = 0.693147... whatever y is; dZ = (1/2 - y) / m.
    cost, dZ = layers.output_cost(np.zeros((1, 2)), np.array([[0.0, 1.0]]), output="sigmoid")
    assert cost == pytest.approx(np.log(2), rel=1e-15)
    np.testing.assert_allclose(dZ, [[0.25, -0.25]], rtol=1e-15)


def test_sigmoid_output_cost_matches_cross_entropy_formula(rng):
    Z, Y = rng.standard_normal((1, 9)), (rng.random((1, 9)) < 0.5).astype(float)
    A = 1 / (1 + np.exp(-Z))
    expected = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    assert layers.output_cost(Z, Y, output="sigmoid")[0] == pytest.approx(expected, rel=1e-12)


def _output_problem(output, rng):
    C = 1 if output == "sigmoid" else 4
    Z = 2 * rng.standard_normal((C, 7))
    if output == "sigmoid":
        Y = (rng.random((1, 7)) < 0.5).astype(float)
    else:
        Y = np.eye(C)[:, rng.integers(0, C, 7)]
    return Z, Y


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_output_cost_gradcheck(output, rng):
    Z, Y = _output_problem(output, rng)
    cost, dZ = layers.output_cost(Z, Y, output=output)
    numeric = numerical_gradient(lambda z: layers.output_cost(z, Y, output=output)[0], Z, eps=1e-6)
    assert relative_difference(numeric, dZ) < 1e-8


@settings(max_examples=30, deadline=None)
@given(arrays(np.float64, (1, 5), elements=st.floats(-800, 800)))
def test_sigmoid_cost_finite_for_large_logits(Z):
    Y = np.array([[0.0, 1.0, 0.0, 1.0, 1.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        cost, dZ = layers.output_cost(Z, Y, output="sigmoid")
    assert np.isfinite(cost) and cost >= 0 and np.all(np.abs(dZ) <= 1 / 5)


def test_bad_output_name():
    with pytest.raises(ValueError, match=r"output must be one of \['sigmoid', 'softmax'\], "
                                         r"got 'tanh' \(str\)"):
        layers.output_cost(np.zeros((1, 2)), np.zeros((1, 2)), output="tanh")
