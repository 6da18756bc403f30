"""Tests for course_lib.softmax: golden values, gradient checks, properties, bad input.

The comparisons with PyTorch are in test_softmax_reference.py."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from course_lib.gradcheck import numerical_gradient
from course_lib.softmax import cross_entropy, one_hot, softmax, softmax_cross_entropy


def _random_problem(rng, C=4, m=6):
    Z = rng.normal(0.0, 3.0, size=(C, m))
    labels = rng.integers(0, C, size=m)
    Y = np.zeros((C, m))
    Y[labels, np.arange(m)] = 1.0  # built by hand, independently of one_hot
    return Z, labels, Y


# ---------------------------------------------------------------- golden values (the course)

def test_course_example_5_2_minus1_3():
    # Lecture: z = [5, 2, -1, 3], t = e^z = [148.4, 7.4, 0.4, 20.1], sum 176.3,
    # a = t / sum = [0.842, 0.042, 0.002, 0.114].
    z = np.array([5.0, 2.0, -1.0, 3.0])
    np.testing.assert_allclose(softmax(z), [0.842, 0.042, 0.002, 0.114], atol=5e-4)
    np.testing.assert_allclose(softmax(z[:, None])[:, 0], [0.842, 0.042, 0.002, 0.114], atol=5e-4)
    np.testing.assert_allclose(np.exp(z), [148.4, 7.4, 0.4, 20.1], atol=0.05)
    assert abs(np.exp(z).sum() - 176.3) < 0.05


def test_one_hot_columns():
    Y = one_hot(np.array([2, 0, 3]), 4)
    expected = np.array([[0, 1, 0], [0, 0, 0], [1, 0, 0], [0, 0, 1]], dtype=float)
    np.testing.assert_array_equal(Y, expected)
    np.testing.assert_array_equal(one_hot(np.array([[1, 0]]), 2), [[0, 1], [1, 0]])


def test_cross_entropy_by_hand():
    # Two examples, true-class probabilities 0.5 and 0.25: cost = (log 2 + log 4) / 2 = 1.5 log 2.
    Y_hat = np.array([[0.5, 0.25], [0.5, 0.75]])
    Y = np.array([[1.0, 1.0], [0.0, 0.0]])
    assert cross_entropy(Y_hat, Y) == pytest.approx(1.5 * np.log(2), rel=1e-14)


def test_two_classes_reduce_to_logistic_regression(rng):
    # softmax([z, 0]) = [sigmoid(z), 1 - sigmoid(z)]
    z = rng.normal(0, 3, size=10)
    p = softmax(np.vstack([z, np.zeros_like(z)]))
    np.testing.assert_allclose(p[0], 1 / (1 + np.exp(-z)), rtol=1e-13)


# ---------------------------------------------------------------- gradient check

def test_softmax_cross_entropy_gradient_matches_centred_differences(rng):
    Z, _, Y = _random_problem(rng, C=3, m=5)
    _, dZ = softmax_cross_entropy(Z, Y)
    # cost through the two-step path softmax -> cross_entropy, independent of the fused code
    approx = numerical_gradient(lambda z: cross_entropy(softmax(z), Y), Z, eps=1e-6)
    rel = np.linalg.norm(approx - dZ) / (np.linalg.norm(approx) + np.linalg.norm(dZ))
    assert rel < 1e-7


def test_softmax_jacobian_vector_product_with_random_upstream(rng):
    # Backprop through softmax alone: dZ = A * (dA - sum(A * dA)), for a random upstream dA.
    Z = rng.normal(size=(4, 3))
    dA = rng.normal(size=(4, 3))
    A = softmax(Z)
    analytic = A * (dA - (A * dA).sum(axis=0, keepdims=True))
    approx = numerical_gradient(lambda z: np.sum(dA * softmax(z)), Z, eps=1e-6)
    assert np.linalg.norm(approx - analytic) / np.linalg.norm(analytic) < 1e-7


# ---------------------------------------------------------------- properties

logit_columns = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)),
                       elements=st.floats(-1e4, 1e4, allow_nan=False))


@settings(max_examples=80, deadline=None)
@given(logit_columns, st.floats(-1e3, 1e3))
def test_softmax_is_a_shift_invariant_distribution(Z, shift):
    before = Z.copy()
    A = softmax(Z)
    np.testing.assert_array_equal(Z, before)
    assert np.all(np.isfinite(A)) and np.all(A >= 0) and np.all(A <= 1)
    np.testing.assert_allclose(A.sum(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(softmax(Z + shift), A, atol=1e-9)
    # the largest logit always gets the largest probability
    np.testing.assert_array_equal(A[Z.argmax(axis=0), np.arange(Z.shape[1])], A.max(axis=0))


@settings(max_examples=60, deadline=None)
@given(logit_columns, st.data())
def test_fused_cost_is_finite_and_gradient_columns_sum_to_zero(Z, data):
    C, m = Z.shape
    labels = np.array(data.draw(st.lists(st.integers(0, C - 1), min_size=m, max_size=m)))
    cost, dZ = softmax_cross_entropy(Z, one_hot(labels, C))
    assert np.isfinite(cost) and cost >= 0
    np.testing.assert_allclose(dZ.sum(axis=0), 0.0, atol=1e-12)


# ---------------------------------------------------------------- extreme valid input

def test_huge_logits_are_stable():
    Z = np.array([[1e4, -1e4], [0.0, 1e4], [1e4 - 1, 0.0]])
    A = softmax(Z)
    assert np.all(np.isfinite(A))
    e = np.exp(-1.0)
    np.testing.assert_allclose(A[:, 0], [1 / (1 + e), 0.0, e / (1 + e)], rtol=1e-14)
    Y = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
    cost, dZ = softmax_cross_entropy(Z, Y)
    # example 1: true class is 1e4 below the top two logits -> loss 1e4 + log(1 + e^-1)
    assert cost == pytest.approx((1e4 + np.log(1 + e) + 0.0) / 2, rel=1e-12)
    assert np.all(np.isfinite(dZ))


def test_cross_entropy_of_zero_probability_is_finite():
    Y_hat = np.array([[0.0, 0.3], [1.0, 0.7]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    cost = cross_entropy(Y_hat, Y)
    assert np.isfinite(cost)
    expected = (-np.log(np.finfo(float).tiny) - np.log(0.7)) / 2  # floor at the smallest double
    assert cost == pytest.approx(expected, rel=1e-12)
    # zero probability on a class that is not the true one contributes nothing (0 * log 0 = 0)
    assert cross_entropy(np.array([[1.0], [0.0]]), np.array([[1.0], [0.0]])) == 0.0


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("labels, C, message", [
    ([0, 3], 3, "labels must be in [0, 3) for C = 3, got values from 0 to 3"),
    ([-1, 0], 2, "labels must be in [0, 2) for C = 2, got values from -1 to 0"),
    ([0.5, 1], 2, "labels must be whole numbers in [0, 2), got 0.5"),
    ([0, 1], 0, "C (the number of classes) must be an integer >= 1, got 0 (int)"),
    ([0, 1], "2", "C (the number of classes) must be an integer >= 1, got '2' (str)"),
    (["a", "b"], 2,
     "labels must be an array of class numbers in [0, 2), got an array of shape (2,)"),
    ([[0, 1], [1, 0]], 2, "labels must have shape (m,) or (1, m), got shape (2, 2)"),
])
def test_one_hot_rejects_bad_labels(labels, C, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        one_hot(np.array(labels), C)


def test_shape_mismatches_name_both_shapes():
    with pytest.raises(ValueError, match=re.escape("Z has shape (3, 2) but Y has shape (2, 3)")):
        softmax_cross_entropy(np.zeros((3, 2)), np.eye(2, 3))
    with pytest.raises(ValueError, match=re.escape("Y_hat has shape (2, 2) but Y has shape (2,)")):
        cross_entropy(np.full((2, 2), 0.5), np.array([1.0, 0.0]))
    with pytest.raises(ValueError, match=re.escape("Z must have shape (C, m) or (C,) with C >= 1, "
                                                   "got shape (2, 2, 2)")):
        softmax(np.zeros((2, 2, 2)))


def test_labels_passed_instead_of_one_hot_are_rejected():
    with pytest.raises(ValueError, match="did you pass labels instead of one_hot"):
        softmax_cross_entropy(np.zeros((1, 3)), np.array([[0.0, 2.0, 1.0]]))


def test_logits_passed_as_probabilities_are_rejected():
    with pytest.raises(ValueError, match=r"Y_hat must hold probabilities in \[0, 1\], got values "
                                         r"from -2 to 3"):
        cross_entropy(np.array([[3.0, -2.0], [0.5, 0.5]]), np.eye(2))
