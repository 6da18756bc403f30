"""PyTorch reference tests for course_lib.softmax: skipped without PyTorch, fail under CI."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.softmax import cross_entropy, softmax, softmax_cross_entropy
from tests.test_softmax import _random_problem  # the same problems as the numpy tests

torch = pytest.importorskip("torch")
F = torch.nn.functional
pytestmark = pytest.mark.reference


def test_softmax_matches_torch(rng):
    Z = rng.normal(0, 5, size=(5, 9))
    np.testing.assert_allclose(softmax(Z), F.softmax(torch.from_numpy(Z), dim=0).numpy(),
                               rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize("scale", [1.0, 30.0, 1e4])
def test_softmax_cross_entropy_value_and_gradient_match_torch(rng, scale):
    Z, labels, Y = _random_problem(rng, C=4, m=7)
    Z = Z * scale
    cost, dZ = softmax_cross_entropy(Z, Y)
    Zt = torch.from_numpy(Z.T.copy()).requires_grad_(True)
    loss = F.cross_entropy(Zt, torch.from_numpy(labels))  # mean over the m examples
    loss.backward()
    assert cost == pytest.approx(loss.item(), rel=1e-12, abs=1e-300)
    np.testing.assert_allclose(dZ, Zt.grad.numpy().T, rtol=1e-12, atol=1e-15)


def test_cross_entropy_matches_torch_nll(rng):
    Z, labels, Y = _random_problem(rng)
    Y_hat = F.softmax(torch.from_numpy(Z), dim=0).numpy()
    expected = F.nll_loss(torch.log(torch.from_numpy(Y_hat.T.copy())), torch.from_numpy(labels))
    assert cross_entropy(Y_hat, Y) == pytest.approx(expected.item(), rel=1e-12)
