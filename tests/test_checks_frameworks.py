"""course_lib.checks.check_least_squares_step (notebook 14): right answers pass, each usual
mistake gets its hint, and the checker's reference equals PyTorch's autograd (when installed)."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib import checks
from tests.checker_support import (  # noqa: F401 (learner_mode: autouse fixture)
    assert_mistake_explained, learner_mode, run_checker)
from course_lib.checks.frameworks import least_squares_reference

PASS = "All 5 cases pass: least_squares_step matches the reference.\n"


def right(w, A, b, *, lr):
    r = A @ w - b
    dr = 2 * r
    dw = A.T @ dr
    return float(np.sum(r ** 2)), dw, w - lr * dw


def verdict(capsys, fn) -> str:
    return run_checker(capsys, checks.check_least_squares_step, fn)


def test_exported():
    assert "check_least_squares_step" in checks.__all__


def test_reference_golden_values():
    # worked by hand: r = [0 - 5] = -5, J = 25, dJ/dw = 2 * 1 * (-5) = -10, w_new = 0 + 0.01 * 10
    cost, dw, w_new = least_squares_reference(np.array([0.0]), np.array([[1.0]]), np.array([5.0]),
                                              lr=0.01)
    assert cost == 25.0 and dw.tolist() == [-10.0] and np.isclose(w_new[0], 0.1, rtol=1e-15)
    # A = [[1, 2], [3, 4]], b = [1, 1], w = [1, 0]: r = [0, 2], J = 4, dw = A^T [0, 4] = [12, 16]
    cost, dw, w_new = least_squares_reference(np.array([1.0, 0.0]), np.array([[1.0, 2.0], [3.0, 4.0]]),
                                              np.array([1.0, 1.0]), lr=0.1)
    assert cost == 4.0 and dw.tolist() == [12.0, 16.0]
    np.testing.assert_allclose(w_new, [-0.2, -1.6], rtol=1e-14)


def test_reference_matches_centred_differences(rng):
    A, b, w = rng.normal(size=(6, 3)), rng.normal(size=6), rng.normal(size=3)
    _, dw, _ = least_squares_reference(w, A, b, lr=0.1)
    h = 1e-6
    numeric = np.array([(least_squares_reference(w + h * e, A, b, lr=0)[0]
                         - least_squares_reference(w - h * e, A, b, lr=0)[0]) / (2 * h)
                        for e in np.eye(3)])
    assert np.linalg.norm(numeric - dw) / np.linalg.norm(numeric + dw) < 1e-7


@pytest.mark.reference
def test_reference_matches_torch_autograd(rng):
    torch = pytest.importorskip("torch")
    A, b, w = rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=3)
    cost, dw, w_new = least_squares_reference(w, A, b, lr=0.05)
    w_t = torch.tensor(w, requires_grad=True)
    optimizer = torch.optim.SGD([w_t], lr=0.05)
    optimizer.zero_grad()
    loss = ((torch.tensor(A) @ w_t - torch.tensor(b)) ** 2).sum()
    loss.backward()
    np.testing.assert_allclose(w_t.grad.numpy(), dw, rtol=1e-12)
    optimizer.step()
    np.testing.assert_allclose(w_t.detach().numpy(), w_new, rtol=1e-12)
    assert np.isclose(loss.item(), cost, rtol=1e-12)


def test_right_answer_passes(capsys):
    assert verdict(capsys, right) == PASS


def test_returning_numpy_scalars_and_0d_arrays_passes(capsys):
    def zero_d(w, A, b, *, lr):
        cost, dw, w_new = right(w, A, b, lr=lr)
        return np.array(cost), dw, w_new
    assert verdict(capsys, zero_d) == PASS


def test_not_implemented(capsys):
    def stub(w, A, b, *, lr):
        raise NotImplementedError("replace this line with your code")
    assert verdict(capsys, stub).startswith("not implemented yet: least_squares_step")


def _variant(cost=None, dw=None, step=None):
    def fn(w, A, b, *, lr):
        r = A @ w - b
        g = dw(A, r) if dw else 2 * A.T @ r
        c = cost(r) if cost else float(r @ r)
        return c, g, (step(w, g, lr) if step else w - lr * g)
    return fn


MISTAKES = [
    ("cost is the mean", _variant(cost=lambda r: float(r @ r) / r.size),
     "Case 2 of 5", "not their mean"),
    ("cost is the norm", _variant(cost=lambda r: float(np.linalg.norm(r))),
     "Case 1 of 5", "squared norm"),
    ("factor 2 forgotten", _variant(dw=lambda A, r: A.T @ r), "Case 1 of 5", "dJ/dr = 2 * r"),
    ("gradient is a mean", _variant(dw=lambda A, r: 2 * A.T @ r / A.shape[0]),
     "Case 2 of 5", "no division by m in dw"),
    ("sign flipped", _variant(dw=lambda A, r: -2 * A.T @ r), "Case 1 of 5", "sign is flipped"),
    ("A instead of A.T", _variant(dw=lambda A, r: 2 * A @ r if A.shape[0] == A.shape[1]
                                  else 2 * A.T @ r),
     "Case 2 of 5", "transpose"),
    ("step uphill", _variant(step=lambda w, g, lr: w + lr * g), "Case 1 of 5",
     "against the gradient"),
    ("learning rate forgotten", _variant(step=lambda w, g, lr: w - g), "Case 1 of 5",
     "scaled by the learning rate"),
]


@pytest.mark.parametrize("label, fn, case, hint", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_usual_mistake_gets_its_hint(capsys, label, fn, case, hint):
    assert_mistake_explained(verdict(capsys, fn), case, hint)


def test_modifying_w_in_place_fails(capsys):
    def in_place(w, A, b, *, lr):
        cost, dw, _ = right(w, A, b, lr=lr)
        w -= lr * dw
        return cost, dw, w
    out = verdict(capsys, in_place)
    assert "modified its input w" in out


def test_wrong_number_of_outputs(capsys):
    out = verdict(capsys, lambda w, A, b, *, lr: right(w, A, b, lr=lr)[1:])
    assert "should return 3 values (cost, dw, w_new), got 2 values" in out


def test_a_cost_array_instead_of_a_number(capsys):
    def per_example(w, A, b, *, lr):
        cost, dw, w_new = right(w, A, b, lr=lr)
        return (A @ w - b) ** 2, dw, w_new
    out = verdict(capsys, per_example)
    assert "should be a single number" in out
