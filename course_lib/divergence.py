"""Where a diverging run stops being a number: the finite prefix of a path of iterates.

A learning rate that is too large makes gradient descent's iterates grow without bound until they
overflow to inf and then nan. Plots and readouts show the run up to its last finite point and say
where it diverged, instead of drawing nothing or a line to infinity.
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check

LIMIT = 1e12
"""An absolute value above this counts as diverged, even before it overflows."""


def finite_prefix(path: np.ndarray):
    """Return ``(prefix, first_bad)``: the points of ``path`` before its first diverged point.

    ``path`` holds points along axis 0 (e.g. the ``(n_steps + 1, *w.shape)`` path of
    :func:`course_lib.optimizers.run`). A point has diverged when any of its entries is NaN,
    infinite, or larger than ``LIMIT`` in absolute value. ``first_bad`` is that point's index, or
    ``None`` when the whole path is finite (then ``prefix`` is ``path`` itself).
    """
    path = check.array("path", path)
    if path.ndim == 0:
        raise ValueError("path must have the points along axis 0, got a single number")
    flat = path.reshape(len(path), -1)
    bad = ~np.isfinite(flat).all(axis=1) | (np.abs(np.nan_to_num(flat, nan=0.0)) > LIMIT).any(axis=1)
    if not bad.any():
        return path, None
    first = int(np.argmax(bad))
    return path[:first], first
