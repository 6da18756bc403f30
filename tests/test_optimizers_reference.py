"""PyTorch reference tests for course_lib.optimizers: skipped without PyTorch, fail under CI."""

from __future__ import annotations

import math

import numpy as np
import pytest

from course_lib import optimizers as opt

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.reference

RTOL = 1e-10  # parity with torch, float64: only rounding differences are allowed
STEPS = [1, 2, 25]


def _torch_optimizer(name, param, lr, hp):
    """The torch.optim equivalent of each rule, with the mapping the docstrings state."""
    if name == "gd":
        return torch.optim.SGD([param], lr=lr)
    if name == "momentum":
        return torch.optim.SGD([param], lr=lr * (1 - hp["beta"]), momentum=hp["beta"])
    if name == "rmsprop":
        return torch.optim.RMSprop([param], lr=lr, alpha=hp["beta"], eps=hp["eps"])
    return torch.optim.Adam([param], lr=lr, betas=(hp["beta1"], hp["beta2"]), eps=hp["eps"])


def _random_hyperparams(name, rng):
    lr = float(10 ** rng.uniform(-3, -0.5))
    hp = {"gd": {}, "momentum": {"beta": float(rng.uniform(0.5, 0.99))},
          "rmsprop": {"beta": float(rng.uniform(0.5, 0.999)), "eps": 1e-8},
          "adam": {"beta1": float(rng.uniform(0.5, 0.99)), "beta2": float(rng.uniform(0.9, 0.9999)),
                   "eps": 1e-8}}[name]
    return lr, hp


@pytest.mark.parametrize("n_steps", STEPS)
@pytest.mark.parametrize("name", list(opt.OPTIMIZERS))
def test_rules_match_torch_optim(name, n_steps, rng):
    init, step = opt.OPTIMIZERS[name]
    lr, hp = _random_hyperparams(name, rng)
    w = rng.standard_normal((3, 4))
    grads = rng.standard_normal((n_steps, 3, 4)) * 10 ** rng.uniform(-3, 1, size=(n_steps, 1, 1))
    param = torch.tensor(w.copy(), dtype=torch.float64, requires_grad=True)
    reference = _torch_optimizer(name, param, lr, hp)
    state = init(w)
    for dw in grads:
        w, state = step(w, dw, state, lr=lr, **hp)
        param.grad = torch.tensor(dw, dtype=torch.float64)
        reference.step()
        np.testing.assert_allclose(w, param.detach().numpy(), rtol=RTOL, atol=0)


@pytest.mark.parametrize("name", list(opt.OPTIMIZERS))
def test_optimize_path_matches_torch_on_a_quadratic(name, rng):
    """The whole path of ``optimize`` on J = 1/2 w^T A w equals torch's, gradient by autograd."""
    lr, hp = _random_hyperparams(name, rng)
    B = rng.standard_normal((3, 3))
    A = B @ B.T + np.eye(3)
    w0 = rng.standard_normal(3)
    path = opt.optimize(name, lambda w: A @ w, w0, n_steps=25, lr=lr, **hp)
    param = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    reference = _torch_optimizer(name, param, lr, hp)
    A_t = torch.tensor(A)
    expected = [w0]
    for _ in range(25):
        reference.zero_grad()
        (0.5 * param @ A_t @ param).backward()
        reference.step()
        expected.append(param.detach().numpy().copy())
    assert path.shape == (26, 3)
    np.testing.assert_allclose(path, np.array(expected), rtol=1e-9, atol=1e-14)


def test_torch_rmsprop_puts_eps_outside_the_sqrt():
    """One torch RMSprop step with a huge eps tells the two conventions apart."""
    param = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    rms = torch.optim.RMSprop([param], lr=0.1, alpha=0.9, eps=0.5)
    param.grad = torch.tensor([2.0], dtype=torch.float64)
    rms.step()
    s = 0.1 * 4.0
    outside = 1 - 0.1 * 2 / (math.sqrt(s) + 0.5)
    inside = 1 - 0.1 * 2 / math.sqrt(s + 0.5)
    assert param.item() == pytest.approx(outside, rel=1e-12)
    assert abs(outside - inside) > 1e-2
    w, _ = opt.rmsprop_step(np.array([1.0]), np.array([2.0]), opt.rmsprop_init(np.zeros(1)),
                            lr=0.1, beta=0.9, eps=0.5)
    assert w[0] == pytest.approx(outside, rel=1e-12)
