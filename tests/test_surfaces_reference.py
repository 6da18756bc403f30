"""PyTorch reference tests for course_lib.surfaces: skipped without PyTorch, fail under CI."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib import surfaces

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.reference

EXTRA = {"bowl 50 / 30 deg": surfaces.bowl(condition=50.0, angle=30.0),
         "plateau width 2": surfaces.plateau(width=2.0),
         "rosenbrock b=10": surfaces.rosenbrock(a=0.5, b=10.0)}
ALL = {**surfaces.SURFACES, **EXTRA}


def _torch_value(key, w1, w2):
    """Each surface's formula, written again independently in torch (from the docstrings)."""
    if key == "elongated bowl":
        return 0.5 * w1**2 / 20.0 + 0.5 * w2**2
    if key == "bowl 50 / 30 deg":
        c, s = np.cos(np.radians(30.0)), np.sin(np.radians(30.0))
        u1, u2 = c * w1 + s * w2, -s * w1 + c * w2
        return 0.5 * u1**2 / 50.0 + 0.5 * u2**2
    if key == "saddle":
        return 0.5 * w1**2 + 0.25 * w2**4 - 0.5 * w2**2
    if key.startswith("plateau"):
        sigma = 2.0 if key.endswith("2") else 1.0
        return 1 - torch.exp(-(w1**2 + w2**2) / (2 * sigma**2))
    a, b = (1.0, 100.0) if key == "Rosenbrock" else (0.5, 10.0)
    return (a - w1) ** 2 + b * (w2 - w1**2) ** 2


def _points(surface, rng, n):
    (x0, x1), (y0, y1) = surface.extent
    return np.stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])


@pytest.mark.parametrize("key", list(ALL))
def test_value_and_gradient_match_torch_autograd(key, rng):
    surface = ALL[key]
    W = _points(surface, rng, 50)
    w1 = torch.tensor(W[0], dtype=torch.float64, requires_grad=True)
    w2 = torch.tensor(W[1], dtype=torch.float64, requires_grad=True)
    J = _torch_value(key, w1, w2)
    J.sum().backward()
    np.testing.assert_allclose(surface.value(W[0], W[1]), J.detach().numpy(), rtol=1e-12,
                               atol=1e-14)
    expected = np.stack([w1.grad.numpy(), w2.grad.numpy()])
    np.testing.assert_allclose(surface.grad(W), expected, rtol=1e-11, atol=1e-14)
