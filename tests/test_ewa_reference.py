"""PyTorch reference tests for course_lib.ewa: skipped without PyTorch, fail under CI."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.ewa import ewa

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.reference


@pytest.mark.parametrize("n_steps", [1, 2, 25])
@pytest.mark.parametrize("shape", [(), (3,), (2, 4)])
def test_matches_torch_adam_first_moment(rng, n_steps, shape):
    """Adam's ``exp_avg`` buffer is the same EWA (v_0 = 0) of the gradients it is fed."""
    beta = 0.9
    theta = rng.standard_normal((n_steps, *shape))
    p = torch.zeros(shape, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=1e-3, betas=(beta, 0.999))
    buffers, corrected = [], []
    for t in range(n_steps):
        p.grad = torch.as_tensor(theta[t], dtype=torch.float64).clone()
        opt.step()
        m = opt.state[p]["exp_avg"].detach().clone().numpy()
        buffers.append(m)
        corrected.append(m / (1 - beta ** opt.state[p]["step"].item()))
    np.testing.assert_allclose(ewa(theta, beta), np.array(buffers), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(ewa(theta, beta, bias_correction=True), np.array(corrected),
                               rtol=1e-12, atol=1e-14)
