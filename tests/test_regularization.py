"""Tests of course_lib.regularization: L2 term and gradient, inverted dropout."""

import re

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from course_lib import regularization as reg
from course_lib.gradcheck import numerical_gradient, relative_difference


def test_l2_cost_golden():
    # W1 = [[1, 2]], W2 = [[3]]: sum of squares 14; lambd = 0.7, m = 5 -> 0.7 / 10 * 14 = 0.98.
    params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[100.0]]), "W2": np.array([[3.0]])}
    assert reg.l2_cost(params, lambd=0.7, m=5) == pytest.approx(0.98, rel=1e-15)
    assert reg.l2_cost(params, lambd=0.0, m=5) == 0.0


def test_l2_grad_golden():
    np.testing.assert_allclose(reg.l2_grad(np.array([[1.0, -2.0]]), lambd=0.5, m=4),
                               [[0.125, -0.25]], rtol=1e-15)


def test_l2_grad_is_gradient_of_l2_cost(rng):
    W = rng.standard_normal((3, 4))
    numeric = numerical_gradient(lambda w: reg.l2_cost({"W1": w}, lambd=0.3, m=7), W, eps=1e-6)
    assert relative_difference(numeric, reg.l2_grad(W, lambd=0.3, m=7)) < 1e-8


def test_weight_decay_factor(rng):
    # One GD step on the L2 term alone multiplies W by (1 - alpha lambd / m).
    W, alpha, lambd, m = rng.standard_normal((2, 3)), 0.1, 2.0, 10
    np.testing.assert_allclose(W - alpha * reg.l2_grad(W, lambd=lambd, m=m),
                               (1 - alpha * lambd / m) * W, rtol=1e-14)


def test_dropout_forward_exact_draw():
    A = np.arange(1.0, 7.0).reshape(2, 3)
    A_drop, mask = reg.dropout_forward(A, 0.6, np.random.default_rng(3))
    expected_mask = np.random.default_rng(3).random((2, 3)) < 0.6
    np.testing.assert_array_equal(mask, expected_mask)
    np.testing.assert_allclose(A_drop, np.where(expected_mask, A / 0.6, 0.0), rtol=1e-15)


def test_dropout_keep_prob_one_is_identity_but_draws(rng):
    A = rng.standard_normal((3, 4))
    state = rng.bit_generator.state
    A_drop, mask = reg.dropout_forward(A, 1.0, rng)
    assert mask.all() and np.array_equal(A_drop, A)
    assert rng.bit_generator.state != state  # still draws rng.random(A.shape)


def test_dropout_does_not_modify_input(rng):
    A = rng.standard_normal((3, 4))
    copy = A.copy()
    reg.dropout_forward(A, 0.5, rng)
    np.testing.assert_array_equal(A, copy)


def test_dropout_backward_gradcheck(rng):
    # For a fixed mask, A -> sum(dA_up * A_drop) has gradient dropout_backward(dA_up, mask, p).
    A, dA_up, p = rng.standard_normal((4, 5)), rng.standard_normal((4, 5)), 0.7
    _, mask = reg.dropout_forward(A, p, rng)
    f = lambda a: np.sum(dA_up * a * mask / p)  # noqa: E731
    numeric = numerical_gradient(f, A, eps=1e-6)
    assert relative_difference(numeric, reg.dropout_backward(dA_up, mask, p)) < 1e-8


@settings(max_examples=20, deadline=None)
@given(keep_prob=st.floats(0.2, 1.0), seed=st.integers(0, 2**32 - 1))
def test_dropout_keeps_expected_activation(keep_prob, seed):
    # 200,000 copies of a = 1.5: the mean of a_drop is 1.5 with std 1.5 sqrt((1-p)/(p N)) <= 0.0024
    # at p = 0.2; a 0.02 tolerance is > 8 standard deviations.
    A = np.full((100, 2000), 1.5)
    A_drop, mask = reg.dropout_forward(A, keep_prob, np.random.default_rng(seed))
    assert abs(A_drop.mean() - 1.5) < 0.02
    assert abs(mask.mean() - keep_prob) < 0.01


@pytest.mark.parametrize("keep_prob", [0.0, -0.1, 1.2])
def test_bad_keep_prob(keep_prob, rng):
    expected = re.escape(f"keep_prob must be a number in (0, 1], got {keep_prob!r} (float)")
    with pytest.raises(ValueError, match=expected):
        reg.dropout_forward(np.ones((2, 2)), keep_prob, rng)
    with pytest.raises(ValueError, match=expected):
        reg.dropout_backward(np.ones((2, 2)), np.ones((2, 2), bool), keep_prob)


def test_bad_l2_arguments():
    with pytest.raises(ValueError, match=r"lambd must be a number >= 0, got -1 \(int\)"):
        reg.l2_cost({"W1": np.ones((1, 1))}, lambd=-1, m=3)
    with pytest.raises(ValueError, match=r"lambd must be a number >= 0, got '0.7' \(str\)"):
        reg.l2_cost({"W1": np.ones((1, 1))}, lambd="0.7", m=3)
    with pytest.raises(ValueError, match=r"m \(the number of training examples\) must be an "
                                         r"integer >= 1, got 0 \(int\)"):
        reg.l2_grad(np.ones((1, 1)), lambd=1, m=0)
    with pytest.raises(ValueError, match=r"rng must be a numpy.random.Generator"):
        reg.dropout_forward(np.ones((2, 2)), 0.5, 0)


def test_bad_mask_shape():
    with pytest.raises(ValueError, match=r"dA has shape \(2, 2\) but mask has shape \(2, 3\)"):
        reg.dropout_backward(np.ones((2, 2)), np.ones((2, 3), bool), 0.5)
