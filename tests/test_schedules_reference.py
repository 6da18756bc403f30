"""PyTorch reference tests for course_lib.schedules: skipped without PyTorch, fail under CI."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.schedules import exponential_decay, staircase_decay

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.reference

# Only schedules with a dedicated torch scheduler are compared. Inverse-time, inverse-sqrt and
# fixed-interval decay have none: the only way to get them from torch is LambdaLR (or
# MultiplicativeLR) with a lambda we would write from the same formula, so such a "parity" test
# would compare our formula with itself and could not catch a wrong one. Those schedules are
# checked against the course's table and values worked out by hand above instead.

def _torch_lrs(make_scheduler, lr0, n_epochs):
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr0)
    sched = make_scheduler(opt)
    lrs = []
    for _ in range(n_epochs):
        lrs.append(opt.param_groups[0]["lr"])
        p.grad = torch.zeros_like(p)
        opt.step()
        sched.step()
    return np.array(lrs)


@pytest.mark.parametrize("n_epochs", [1, 2, 25])
@pytest.mark.parametrize("base", [0.95, 0.5])
def test_exponential_matches_torch_exponential_lr(n_epochs, base):
    ref = _torch_lrs(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=base), 0.2, n_epochs)
    ours = exponential_decay(0.2, np.arange(n_epochs), base=base)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)  # torch multiplies step by step


@pytest.mark.parametrize("n_epochs", [1, 2, 25])
@pytest.mark.parametrize("drop, every", [(0.5, 3), (0.1, 10), (0.9, 1)])
def test_staircase_matches_torch_step_lr(n_epochs, drop, every):
    ref = _torch_lrs(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=every, gamma=drop),
                     0.2, n_epochs)
    ours = staircase_decay(0.2, np.arange(n_epochs), drop=drop, every=every)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)
