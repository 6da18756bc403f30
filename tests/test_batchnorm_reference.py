"""PyTorch reference tests for course_lib.batchnorm: skipped without PyTorch, fail under CI."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.batchnorm import (BatchNormStats, batchnorm_backward, batchnorm_forward,
                                  batchnorm_init)

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.reference


def _random_case(rng, n=3, m=7):
    Z = rng.normal(2.0, 3.0, size=(n, m))
    gamma = rng.uniform(0.5, 2.0, size=(n, 1))
    beta = rng.normal(size=(n, 1))
    return Z, gamma, beta


def _torch_bn(n, decay, eps, gamma, beta):
    bn = torch.nn.BatchNorm1d(n, eps=eps, momentum=1 - decay, dtype=torch.float64)
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(gamma.ravel()))
        bn.bias.copy_(torch.from_numpy(beta.ravel()))
    return bn


@pytest.mark.parametrize("decay", [0.9, 0.5, 0.99])
def test_forward_backward_running_stats_match_torch(rng, decay):
    n, m, steps, eps = 3, 6, 5, 1e-5
    _, gamma, beta = _random_case(rng, n, m)
    bn = _torch_bn(n, decay, eps, gamma, beta)
    stats = batchnorm_init(n)
    for _ in range(steps):
        Z = rng.normal(1.0, 2.0, size=(n, m))
        G = rng.normal(size=(n, m))  # random upstream gradient, never all ones
        out, stats, cache = batchnorm_forward(Z, gamma, beta, stats, training=True,
                                              decay=decay, eps=eps)
        dZ, dgamma, dbeta = batchnorm_backward(G, cache)

        bn.train()
        bn.zero_grad()
        Zt = torch.from_numpy(Z.T.copy()).requires_grad_(True)
        out_t = bn(Zt)
        (out_t * torch.from_numpy(G.T.copy())).sum().backward()
        np.testing.assert_allclose(out, out_t.detach().numpy().T, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(dZ, Zt.grad.numpy().T, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(dgamma.ravel(), bn.weight.grad.numpy(), rtol=1e-10)
        np.testing.assert_allclose(dbeta.ravel(), bn.bias.grad.numpy(), rtol=1e-10)
    k = steps
    np.testing.assert_allclose(stats.mean.ravel(), bn.running_mean.numpy(), rtol=1e-12)
    # The one documented difference: PyTorch averages the unbiased variance sigma^2 * m / (m - 1).
    # Both start at var = 1, whose weight after k steps is decay**k; the rest scales by m / (m - 1).
    np.testing.assert_allclose((stats.var.ravel() - decay**k) * m / (m - 1),
                               bn.running_var.numpy() - decay**k, rtol=1e-10)
    assert not np.allclose(stats.var.ravel(), bn.running_var.numpy(), rtol=1e-3)


def test_test_mode_matches_torch_eval(rng):
    n, m, eps = 2, 5, 1e-5
    Z, gamma, beta = _random_case(rng, n, m)
    stats = BatchNormStats(mean=rng.normal(size=(n, 1)), var=rng.uniform(0.5, 2, size=(n, 1)))
    bn = _torch_bn(n, 0.9, eps, gamma, beta)
    with torch.no_grad():
        bn.running_mean.copy_(torch.from_numpy(stats.mean.ravel()))
        bn.running_var.copy_(torch.from_numpy(stats.var.ravel()))
    bn.eval()
    G = rng.normal(size=(n, m))
    out, new_stats, cache = batchnorm_forward(Z, gamma, beta, stats, training=False, eps=eps)
    dZ, dgamma, dbeta = batchnorm_backward(G, cache)
    Zt = torch.from_numpy(Z.T.copy()).requires_grad_(True)
    out_t = bn(Zt)
    (out_t * torch.from_numpy(G.T.copy())).sum().backward()
    np.testing.assert_allclose(out, out_t.detach().numpy().T, rtol=1e-12)
    np.testing.assert_allclose(dZ, Zt.grad.numpy().T, rtol=1e-12)
    np.testing.assert_allclose(dgamma.ravel(), bn.weight.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(dbeta.ravel(), bn.bias.grad.numpy(), rtol=1e-12)
    np.testing.assert_array_equal(new_stats.mean, stats.mean)
    np.testing.assert_array_equal(new_stats.var, stats.var)
