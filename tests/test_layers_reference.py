"""PyTorch reference tests for course_lib.layers: skipped without PyTorch, fail under CI."""

import numpy as np
import pytest

from course_lib import layers
from tests.test_layers import _output_problem  # the same problems as the numpy tests

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.reference


@pytest.mark.parametrize("name, torch_fn",
                         [("relu", "relu"), ("tanh", "tanh"), ("sigmoid", "sigmoid")])
def test_activation_backward_matches_torch(name, torch_fn, rng):
    g, g_back = layers.ACTIVATIONS[name]
    Z, dA = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))
    z = torch.tensor(Z, requires_grad=True)
    a = getattr(torch, torch_fn)(z)
    a.backward(torch.tensor(dA))
    np.testing.assert_allclose(g(Z), a.detach().numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(g_back(dA, Z, g(Z)), z.grad.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_output_cost_matches_torch(output, rng):
    Z, Y = _output_problem(output, rng)
    cost, dZ = layers.output_cost(Z, Y, output=output)
    z = torch.tensor(Z, requires_grad=True)
    if output == "sigmoid":
        ref = torch.nn.functional.binary_cross_entropy_with_logits(z, torch.tensor(Y))
    else:
        ref = torch.nn.functional.cross_entropy(z.T, torch.tensor(Y.argmax(axis=0)))
    ref.backward()
    assert cost == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(dZ, z.grad.numpy(), rtol=1e-10, atol=1e-15)
