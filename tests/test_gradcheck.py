"""Tests of course_lib.gradcheck: golden finite differences, round trips, planted bugs."""

import numpy as np
import pytest

from course_lib import gradcheck as gc


def test_course_golden_theta_cubed():
    # The course's example: f = theta^3 at theta = 1, eps = 0.01 (hand computed:
    # (1.01^3 - 0.99^3) / 0.02 = 3.0001, (1.01^3 - 1) / 0.01 = 3.0301).
    f = lambda t: float(np.sum(t ** 3))  # noqa: E731
    two = gc.numerical_gradient(f, np.array([1.0]), eps=0.01)
    one = gc.one_sided_gradient(f, np.array([1.0]), eps=0.01)
    assert two[0] == pytest.approx(3.0001, abs=1e-10)
    assert one[0] == pytest.approx(3.0301, abs=1e-10)


def test_numerical_gradient_matrix(rng):
    A = rng.standard_normal((3, 3))
    x = rng.standard_normal((3, 2))
    f = lambda v: float(np.sum(v * (A @ v)))  # noqa: E731  gradient (A + A^T) x
    np.testing.assert_allclose(gc.numerical_gradient(f, x, eps=1e-5), (A + A.T) @ x, atol=1e-8)


def test_numerical_gradient_does_not_modify_x(rng):
    x = rng.standard_normal(4)
    copy = x.copy()
    gc.numerical_gradient(lambda v: float(np.sum(np.sin(v))), x, eps=1e-4)
    np.testing.assert_array_equal(x, copy)


def test_relative_difference_golden():
    # ||(3, 4) - 0|| / (5 + 0) = 1; ||(1,0)-(0,1)|| / 2 = sqrt(2)/2
    assert gc.relative_difference([3.0, 4.0], [0.0, 0.0]) == pytest.approx(1.0)
    assert gc.relative_difference([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2) / 2)
    assert gc.relative_difference([0.0], [0.0]) == 0.0


def test_dict_vector_round_trip(rng):
    params = {"W1": rng.standard_normal((3, 2)), "b1": rng.standard_normal((3, 1)),
              "W2": rng.standard_normal((1, 3))}
    vec, ks = gc.dict_to_vector(params)
    assert vec.shape == (6 + 3 + 3,)
    np.testing.assert_array_equal(vec[:6], params["W1"].ravel())
    back = gc.vector_to_dict(vec, ks)
    assert list(back) == list(params)
    for k in params:
        np.testing.assert_array_equal(back[k], params[k])
    with pytest.raises(ValueError, match=r"vector must have shape \(12,\), got \(11,\)"):
        gc.vector_to_dict(vec[:-1], ks)


def _logistic_cost_and_grads(params, X, Y, bug=False):
    Z = params["W1"] @ X + params["b1"]
    A = 1 / (1 + np.exp(-Z))
    m = X.shape[1]
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = (A - Y) / m
    dW = dZ @ X.T
    if bug:
        dW = dW * np.array([[1.0, 1.0, 1.1]])  # planted bug in W1[0, 2]
    return cost, {"dW1": dW, "db1": dZ.sum(axis=1, keepdims=True)}


def test_gradient_check_correct_and_planted_bug(rng):
    X, Y = rng.standard_normal((3, 8)), (rng.random((1, 8)) < 0.5).astype(float)
    params = {"W1": rng.standard_normal((1, 3)), "b1": rng.standard_normal((1, 1))}
    diff, table = gc.check_network_gradients(params, X, Y, cost_and_grads=_logistic_cost_and_grads)
    assert diff < 1e-7 and len(table) == 4
    buggy = lambda p, x, y: _logistic_cost_and_grads(p, x, y, bug=True)  # noqa: E731
    diff_bug, table_bug = gc.check_network_gradients(params, X, Y, cost_and_grads=buggy)
    assert diff_bug > 1e-3
    worst = max(table_bug, key=lambda row: row[4])
    assert worst[:2] == ("W1", (0, 2))


def test_gradient_check_vector_form(rng):
    theta = rng.standard_normal(5)
    diff, approx = gc.gradient_check(lambda t: float(np.sum(t ** 2)), theta, 2 * theta)
    assert diff < 1e-7 and approx.shape == (5,)
    diff_wrong, _ = gc.gradient_check(lambda t: float(np.sum(t ** 2)), theta, theta)
    assert diff_wrong == pytest.approx(1 / 3, rel=1e-5)  # ||2t - t|| / (2||t|| + ||t||)


def test_bad_inputs():
    with pytest.raises(ValueError, match=r"eps must be a number > 0, got 0 \(int\)"):
        gc.numerical_gradient(lambda v: 0.0, np.ones(2), eps=0)
    with pytest.raises(ValueError, match=r"eps must be a number > 0, got '1e-7' \(str\)"):
        gc.gradient_check(lambda v: 0.0, np.ones(2), np.ones(2), eps="1e-7")
    with pytest.raises(ValueError, match=r"f must be a function of an array returning a number, "
                                         r"got 3.0 \(float\)"):
        gc.numerical_gradient(3.0, np.ones(2))
    with pytest.raises(ValueError, match=r"x must be an array of numbers, got 'x' \(str\)"):
        gc.one_sided_gradient(lambda v: 0.0, "x")
    with pytest.raises(ValueError, match=r"params must be a dict of arrays .*, got \[1.0\] "
                                         r"\(list\)"):
        gc.dict_to_vector([1.0])
    with pytest.raises(ValueError, match=r"vector must have shape \(2,\), got \(3,\)"):
        gc.vector_to_dict(np.ones(3), [("W1", (2, 1))])
    with pytest.raises(ValueError, match=r"theta has shape \(2,\) but dtheta has shape \(3,\)"):
        gc.gradient_check(lambda v: 0.0, np.ones(2), np.ones(3))
    with pytest.raises(ValueError, match="a has 2 entries but b has 3"):
        gc.relative_difference(np.ones(2), np.ones(3))
    with pytest.raises(ValueError, match=r"no gradient for \['db1'\]"):
        gc.check_network_gradients({"W1": np.ones((1, 1)), "b1": np.ones((1, 1))},
                                   np.ones((1, 2)), np.ones((1, 2)),
                                   cost_and_grads=lambda p, x, y: (0.0, {"dW1": np.ones((1, 1))}))
