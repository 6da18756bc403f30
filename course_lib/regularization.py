"""Regularization: the L2 ("weight decay") cost and gradient terms, and inverted dropout.

L2 adds to the cost, for a network with weights ``W1..WL`` and ``m`` training examples,

.. math::

    J_{reg} = J + \\frac{\\lambda}{2m} \\sum_{l=1}^{L} \\lVert W^{[l]} \\rVert_F^2,
    \\qquad dW^{[l]} \\mathrel{+}= \\frac{\\lambda}{m} W^{[l]}

so a gradient-descent step multiplies ``W`` by ``(1 - alpha * lambd / m)`` before the usual update:
"weight decay". Biases are not regularized.

Inverted dropout keeps each activation with probability ``keep_prob`` and divides the survivors by
``keep_prob`` so the expected activation is unchanged and nothing needs rescaling at test time:

.. math::

    d = [u < p], \\; u \\sim U[0, 1), \\qquad a_{drop} = a \\odot d / p.
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check


def _check_lambd_m(lambd, m):
    check.non_negative("lambd", lambd)
    check.integer("m (the number of training examples)", m, low=1)


def l2_cost(params: dict, *, lambd: float, m: int) -> float:
    """The L2 term ``lambd / (2 m) * sum over l of ||W[l]||_F^2``.

    .. math:: \\frac{\\lambda}{2m} \\sum_l \\sum_{i,j} (W^{[l]}_{ij})^2

    Parameters
    ----------
    params : dict
        Every key starting with ``"W"`` is a weight matrix and is regularized; others (``b*``,
        batch-norm ``gamma*``/``beta*``) are not.
    lambd : float
        Regularization strength, >= 0 (``lambda`` is a Python keyword).
    m : int
        Number of training examples the data term averages over.

    Returns
    -------
    float

    Notes
    -----
    Its gradient is :func:`l2_grad`. In PyTorch, ``weight_decay=lambd / m`` in ``torch.optim.SGD``
    adds the same gradient term (on the weights only if the biases are put in a separate group).
    """
    _check_lambd_m(lambd, m)
    if not isinstance(params, dict):
        check.fail("params", 'a dict of arrays {"W1": ..., "b1": ...}', params)
    total = sum(float(np.sum(np.square(v))) for k, v in params.items() if k.startswith("W"))
    return lambd / (2.0 * m) * total


def l2_grad(W: np.ndarray, *, lambd: float, m: int) -> np.ndarray:
    """The L2 gradient term ``lambd / m * W`` to add to ``dW`` (same shape as ``W``)."""
    _check_lambd_m(lambd, m)
    return (lambd / m) * check.array("W", W)


def dropout_forward(A: np.ndarray, keep_prob: float, rng: np.random.Generator):
    """Inverted dropout on the activations ``A`` (training only; never at test time).

    .. math::

        d = [\\,u < p\\,],\\; u \\sim U[0,1)^{\\text{shape}(A)}, \\qquad A_{drop} = A \\odot d / p

    Parameters
    ----------
    A : ndarray, shape (n, m)
        Activations of one layer, examples as columns.
    keep_prob : float in (0, 1]
        Probability of keeping each unit.
    rng : numpy.random.Generator
        Draws exactly ``rng.random(A.shape)`` (one call), even when ``keep_prob == 1``.

    Returns
    -------
    A_drop : ndarray, shape (n, m)
    mask : ndarray of bool, shape (n, m)
        ``True`` where a unit was kept.

    Notes
    -----
    Equals ``torch.nn.functional.dropout(A, p=1 - keep_prob, training=True)`` in distribution
    (PyTorch's ``p`` is the probability of *dropping*).
    """
    check.probability("keep_prob", keep_prob)
    check.generator("rng", rng)
    A = check.array("A", A)
    mask = rng.random(A.shape) < keep_prob
    return A * mask / keep_prob, mask


def dropout_backward(dA: np.ndarray, mask: np.ndarray, keep_prob: float) -> np.ndarray:
    """Backward of :func:`dropout_forward`: ``dA * mask / keep_prob``.

    The same units that were shut down in the forward pass get no gradient, and the survivors'
    gradient carries the same ``1 / keep_prob`` factor as their values did.

    Parameters
    ----------
    dA : ndarray, shape (n, m)
        Gradient of the cost with respect to the dropped-out activations.
    mask : ndarray of bool, shape (n, m)
        The mask returned by the forward pass.
    keep_prob : float in (0, 1]
    """
    check.probability("keep_prob", keep_prob)
    dA = check.array("dA", dA)
    mask = np.asarray(mask)
    if dA.shape != mask.shape:
        raise ValueError(f"dA has shape {dA.shape} but mask has shape {mask.shape}")
    return dA * mask / keep_prob
