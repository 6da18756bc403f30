"""Weight initialization for a fully connected network: zeros, small random, Xavier, He, Glorot.

Every initializer takes ``layer_dims = [n0, n1, ..., nL]`` (``n0`` is the number of input
features) and an ``rng`` and returns ``{"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}`` with

.. math::

    W^{[l]} = \\sigma_l \\, N^{[l]}, \\quad N^{[l]}_{ij} \\sim \\mathcal{N}(0, 1), \\quad
    b^{[l]} = 0,

where ``W[l]`` has shape ``(n[l], n[l-1])`` and ``b[l]`` shape ``(n[l], 1)``. The random
initializers draw ``rng.standard_normal((n[l], n[l-1]))`` for ``l = 1..L`` in that order, and
nothing else, so a learner's function using the same generator reproduces them exactly.
The scale ``sigma_l`` is what distinguishes them:

=================  =====================================  =====================
name               variance of ``W[l]`` entries           usual activation
=================  =====================================  =====================
``random_normal``  ``scale**2`` (default 0.01)            none (the naive one)
``xavier``         ``1 / n[l-1]``                         tanh
``he``             ``2 / n[l-1]``                         ReLU
``glorot``         ``2 / (n[l-1] + n[l])``                tanh (Glorot-Bengio)
=================  =====================================  =====================

``zeros`` sets every weight to 0: every hidden unit of a layer then computes the same function and
receives the same gradient, so they never become different (symmetry is not broken).
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check


def _check_layer_dims(layer_dims) -> list[int]:
    expected = "a list of at least 2 positive integers [n0, n1, ...]"
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        check.fail("layer_dims", expected, layer_dims)
    dims = list(layer_dims)
    sizes = None
    if len(dims) >= 2:
        try:
            sizes = [check.integer("layer_dims", d, low=1) for d in dims]
        except ValueError:
            pass  # reported below with the whole list
    if sizes is None:
        check.fail("layer_dims", expected, dims)
    return sizes


def _scaled(layer_dims, rng: np.random.Generator, std) -> dict[str, np.ndarray]:
    """Draw every W[l] as standard normal times ``std(n_prev, n_cur)``, zero biases."""
    dims = _check_layer_dims(layer_dims)
    check.generator("rng", rng)
    params = {}
    for l in range(1, len(dims)):
        n_prev, n_cur = dims[l - 1], dims[l]
        params[f"W{l}"] = rng.standard_normal((n_cur, n_prev)) * std(n_prev, n_cur)
        params[f"b{l}"] = np.zeros((n_cur, 1))
    return params


def zeros(layer_dims, rng: np.random.Generator | None = None) -> dict[str, np.ndarray]:
    """All weights and biases zero (fails to break symmetry; shown as the thing not to do).

    ``rng`` is accepted for a uniform signature and not used.
    """
    dims = _check_layer_dims(layer_dims)
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = np.zeros((dims[l], dims[l - 1]))
        params[f"b{l}"] = np.zeros((dims[l], 1))
    return params


def random_normal(layer_dims, rng: np.random.Generator, *, scale: float = 0.01):
    """``W[l] = rng.standard_normal((n[l], n[l-1])) * scale``, zero biases.

    A fixed ``scale`` ignores the layer's fan-in; ``scale=10`` reproduces the course's
    "too-large random initialization" that saturates activations.
    """
    check.positive("scale", scale)
    return _scaled(layer_dims, rng, lambda n_prev, n_cur: scale)


def xavier(layer_dims, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Xavier initialization, ``Var(W[l]) = 1 / n[l-1]``.

    .. math:: W^{[l]} = N^{[l]} \\sqrt{1 / n^{[l-1]}}

    Notes
    -----
    Equals ``torch.nn.init.kaiming_normal_(w, nonlinearity="linear")`` in distribution (PyTorch's
    ``xavier_normal_`` is the Glorot variant, :func:`glorot`).
    """
    return _scaled(layer_dims, rng, lambda n_prev, n_cur: np.sqrt(1.0 / n_prev))


def he(layer_dims, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """He initialization for ReLU layers, ``Var(W[l]) = 2 / n[l-1]``.

    .. math:: W^{[l]} = N^{[l]} \\sqrt{2 / n^{[l-1]}}

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n0, n1, ..., nL]``.
    rng : numpy.random.Generator
        Draws ``standard_normal((n[l], n[l-1]))`` for l = 1..L, in order.

    Returns
    -------
    dict
        ``W{l}`` of shape ``(n[l], n[l-1])`` and ``b{l}`` of shape ``(n[l], 1)`` (zeros).

    Notes
    -----
    Same distribution as ``torch.nn.init.kaiming_normal_(w, nonlinearity="relu")``
    (``mode="fan_in"``, the default), with our ``W`` of shape ``(out, in)`` like ``nn.Linear``.
    """
    return _scaled(layer_dims, rng, lambda n_prev, n_cur: np.sqrt(2.0 / n_prev))


def glorot(layer_dims, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Glorot/Bengio initialization, ``Var(W[l]) = 2 / (n[l-1] + n[l])``.

    .. math:: W^{[l]} = N^{[l]} \\sqrt{2 / (n^{[l-1]} + n^{[l]})}

    Notes
    -----
    Same distribution as ``torch.nn.init.xavier_normal_(w)`` (gain 1).
    """
    return _scaled(layer_dims, rng, lambda n_prev, n_cur: np.sqrt(2.0 / (n_prev + n_cur)))


#: name -> initializer, for dropdowns and for ``course_lib.mlp.train(init=...)``.
INITIALIZERS = {
    "zeros": zeros,
    "random_normal": random_normal,
    "xavier": xavier,
    "he": he,
    "glorot": glorot,
}
