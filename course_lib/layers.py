"""The pieces of one fully connected layer: activations, the linear step, the output cost.

For layer ``l`` with examples as columns (``A[l-1]`` is ``(n[l-1], m)``):

.. math::

    Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \\qquad A^{[l]} = g(Z^{[l]})

    dW^{[l]} = dZ^{[l]} A^{[l-1]T}, \\quad db^{[l]} = \\sum_i dZ^{[l](i)}, \\quad
    dA^{[l-1]} = W^{[l]T} dZ^{[l]}, \\quad dZ^{[l]} = dA^{[l]} \\odot g'(Z^{[l]})

where ``dZ`` already carries the cost's ``1/m``. :mod:`course_lib.mlp` chains these into a network.
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check
from course_lib.softmax import softmax, softmax_cross_entropy


def sigmoid(Z):
    """:math:`\\sigma(z) = 1 / (1 + e^{-z})`, as ``(1 + tanh(z/2)) / 2`` (never overflows)."""
    return 0.5 * (1.0 + np.tanh(0.5 * check.array("Z", Z)))


def relu(Z):
    """:math:`\\max(0, z)` elementwise."""
    return np.maximum(check.array("Z", Z), 0.0)


def tanh(Z):
    """:math:`\\tanh z` elementwise."""
    return np.tanh(check.array("Z", Z))


def _same_shapes(dA, Z, A):
    """``dA``, ``Z`` and ``A = g(Z)`` as float arrays of one shape (a layer's ``(n, m)``)."""
    dA, Z, A = check.array("dA", dA), check.array("Z", Z), check.array("A", A)
    if not dA.shape == Z.shape == A.shape:
        raise ValueError(f"dA, Z and A must have the same shape (n, m), got {dA.shape}, "
                         f"{Z.shape} and {A.shape}")
    return dA, Z, A


def sigmoid_backward(dA, Z, A):
    """``dZ = dA * A * (1 - A)`` (``Z`` unused: the derivative is cheapest from ``A``)."""
    dA, Z, A = _same_shapes(dA, Z, A)
    return dA * A * (1.0 - A)


def relu_backward(dA, Z, A):
    """``dZ = dA * [Z > 0]`` (the derivative at exactly 0 is taken as 0, like PyTorch)."""
    dA, Z, A = _same_shapes(dA, Z, A)
    return dA * (Z > 0)


def tanh_backward(dA, Z, A):
    """``dZ = dA * (1 - A**2)``."""
    dA, Z, A = _same_shapes(dA, Z, A)
    return dA * (1.0 - A * A)


#: name -> (g, backward(dA, Z, A) -> dZ), for the hidden layers; also a dropdown's options.
ACTIVATIONS = {
    "relu": (relu, relu_backward),
    "tanh": (tanh, tanh_backward),
    "sigmoid": (sigmoid, sigmoid_backward),
}

#: output layer name -> its activation (probabilities from the logits ``Z[L]``).
OUTPUTS = {"sigmoid": sigmoid, "softmax": softmax}


def linear_forward(A_prev, W, b=None):
    """``Z = W A_prev + b`` (``b`` omitted when batch norm's ``beta`` replaces it).

    ``A_prev`` is ``(n[l-1], m)``, ``W`` is ``(n[l], n[l-1])``, ``b`` is ``(n[l], 1)``.
    """
    A_prev, W = check.array("A_prev", A_prev, ndim=2), check.array("W", W, ndim=2)
    if W.shape[1] != A_prev.shape[0]:
        raise ValueError(f"W has shape {W.shape} but A_prev has shape {A_prev.shape}; W needs "
                         f"one column per row of A_prev ({A_prev.shape[0]})")
    Z = W @ A_prev
    if b is None:
        return Z
    b = check.array("b", b)
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"b must have shape ({W.shape[0]}, 1) like the rows of W, got {b.shape}")
    return Z + b


def linear_backward(dZ, A_prev, W, *, with_bias: bool = True):
    """Backward of :func:`linear_forward`: returns ``(dA_prev, dW, db)`` (``db`` None without bias).

    Parameters
    ----------
    dZ : ndarray, shape (n[l], m)
        Gradient of the cost w.r.t. ``Z`` (already including ``1/m``).
    A_prev : ndarray, shape (n[l-1], m)
    W : ndarray, shape (n[l], n[l-1])
    """
    dZ, A_prev = check.array("dZ", dZ, ndim=2), check.array("A_prev", A_prev, ndim=2)
    W = check.array("W", W, ndim=2)
    if dZ.shape != (W.shape[0], A_prev.shape[1]) or W.shape[1] != A_prev.shape[0]:
        raise ValueError(f"dZ must have shape (n[l], m) = ({W.shape[0]}, {A_prev.shape[1]}) for W "
                         f"of shape {W.shape} and A_prev of shape {A_prev.shape}, got {dZ.shape}")
    dW = dZ @ A_prev.T
    db = dZ.sum(axis=1, keepdims=True) if with_bias else None
    return W.T @ dZ, dW, db


def output_cost(ZL, Y, *, output: str):
    """Mean cross-entropy cost of the output layer and its gradient ``dZ[L]``, from the logits.

    .. math::

        \\text{sigmoid: } J = \\frac1m \\sum_i \\big[\\log(1 + e^{z_i}) - y_i z_i\\big], \\qquad
        \\text{softmax: } J = -\\frac1m \\sum_i \\sum_k y_k^{(i)} \\log \\hat y_k^{(i)}

        dZ^{[L]} = \\frac1m (\\hat Y - Y) \\text{ in both cases}

    Parameters
    ----------
    ZL : ndarray, shape (n_y, m)
        Logits of the output layer.
    Y : ndarray, shape (n_y, m)
        0/1 targets for ``"sigmoid"`` (``n_y = 1`` in the course), one-hot for ``"softmax"``.
    output : {"sigmoid", "softmax"}

    Returns
    -------
    cost : float
    dZL : ndarray, shape (n_y, m)

    Notes
    -----
    The sigmoid form ``log(1 + e^z) - y z`` equals ``-y log a - (1 - y) log(1 - a)`` with
    ``a = sigmoid(z)`` but stays finite for large ``|z|``; it equals
    ``torch.nn.functional.binary_cross_entropy_with_logits(ZL, Y)`` (mean reduction, ``n_y = 1``).
    Softmax uses :func:`course_lib.softmax.softmax_cross_entropy`.
    """
    check.choice("output", output, OUTPUTS)
    if output == "softmax":
        return softmax_cross_entropy(ZL, Y)
    ZL, Y = check.array("ZL", ZL, ndim=2), check.array("Y", Y)
    if Y.shape != ZL.shape:
        raise ValueError(f"Y must have the shape of ZL {ZL.shape} (0/1 targets, examples as "
                         f"columns), got {Y.shape}")
    m = ZL.shape[1]
    cost = float(np.sum(np.logaddexp(0.0, ZL) - Y * ZL)) / m
    return cost, (sigmoid(ZL) - Y) / m
