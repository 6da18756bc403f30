"""PyTorch reference tests for course_lib.network / mlp: skipped without PyTorch, fail under CI."""

import numpy as np
import pytest

from course_lib import mlp
from tests.test_mlp import CASES, _params, _problem  # the same networks as the numpy tests

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.reference


def _torch_cost(params, X, Y, *, activation, output, lambd, batchnorm, masks, keep_prob, bn_eps):
    """The same network written directly in PyTorch (float64), examples as columns."""
    t = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    g = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}[activation]
    L = sum(k.startswith("W") for k in params)
    A = torch.tensor(X)
    for l in range(1, L):
        Z = t[f"W{l}"] @ A
        if batchnorm:
            Z = torch.nn.functional.batch_norm(Z.T, None, None, t[f"gamma{l}"].ravel(),
                                               t[f"beta{l}"].ravel(), training=True, eps=bn_eps).T
        else:
            Z = Z + t[f"b{l}"]
        A = g(Z)
        if masks[l - 1] is not None:
            kp = keep_prob if np.isscalar(keep_prob) else keep_prob[l - 1]
            A = A * torch.tensor(masks[l - 1].astype(float)) / kp
    ZL = t[f"W{L}"] @ A + t[f"b{L}"]
    Yt = torch.tensor(Y)
    if output == "sigmoid":
        J = torch.nn.functional.binary_cross_entropy_with_logits(ZL, Yt)
    else:
        J = torch.nn.functional.cross_entropy(ZL.T, Yt.argmax(dim=0))
    m = X.shape[1]
    J = J + lambd / (2 * m) * sum((t[f"W{l}"] ** 2).sum() for l in range(1, L + 1))
    J.backward()
    return J.item(), {f"d{k}": v.grad.numpy() for k, v in t.items()}


@pytest.mark.parametrize("activation, output, lambd, batchnorm, keep_prob", CASES)
def test_gradients_match_torch_autograd(activation, output, lambd, batchnorm, keep_prob, rng):
    dims = [4, 8, 6, 1] if output == "sigmoid" else [4, 8, 6, 3]
    X, Y = _problem(rng, output, dims, m=16)
    params = _params(rng, dims, batchnorm)
    kw = dict(activation=activation, output=output, keep_prob=keep_prob)
    _, cache = mlp.forward(params, X, training=True, rng=np.random.default_rng(5), **kw)
    J, grads = mlp.cost_and_grads(params, X, Y, training=True, lambd=lambd,
                                  rng=np.random.default_rng(5), **kw)
    masks = [layer[3] for layer in cache.layers]
    J_ref, grads_ref = _torch_cost(params, X, Y, activation=activation, output=output, lambd=lambd,
                                   batchnorm=batchnorm, masks=masks, keep_prob=keep_prob,
                                   bn_eps=1e-8)
    assert J == pytest.approx(J_ref, rel=1e-12)
    assert list(grads) == [f"d{k}" for k in params]
    for k in grads:  # float64 on both sides: only rounding differs
        np.testing.assert_allclose(grads[k], grads_ref[k], rtol=1e-9, atol=1e-12, err_msg=k)
