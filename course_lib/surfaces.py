"""Two-weight cost surfaces with exact gradients, for drawing contours and optimizer paths.

Each surface is a :class:`Surface` (a NamedTuple) made by a small factory:

- ``surface.value(w1, w2)`` -> cost, elementwise on arrays of any (broadcastable) shape, so
  ``value(*np.meshgrid(x, y))`` gives a contour grid;
- ``surface.grad(w)`` -> gradient with the shape of ``w``: ``w`` is a point of shape ``(2,)``
  or a stack of points ``(2, ...)`` (first axis = the two weights), so ``grad`` plugs straight
  into ``course_lib.optimizers.optimize(opt, surface.grad, surface.start, ...)``;
- ``surface.minimum`` (shape ``(2,)``) and ``surface.min_value`` for the global minimum (the
  saddle surface has two; ``minimum`` is one of them);
- ``surface.extent = ((w1_min, w1_max), (w2_min, w2_max))`` a sensible plot window,
  ``surface.start`` a starting point that shows the surface's difficulty, ``surface.lr`` a
  learning rate at which plain gradient descent is stable there, and a one-line ``description``.

Factories: :func:`bowl` (elongated quadratic, adjustable conditioning and angle), :func:`saddle`,
:func:`plateau` (a Gaussian well: flat far away) and :func:`rosenbrock`. ``SURFACES`` holds one
of each with default settings, keyed by a readable name, for dropdowns.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from course_lib import _validate as check


class Surface(NamedTuple):
    name: str
    value: Callable  # value(w1, w2) -> cost, elementwise
    grad: Callable  # grad(w) -> dJ/dw, w of shape (2,) or (2, ...)
    minimum: np.ndarray  # shape (2,)
    min_value: float
    extent: tuple  # ((w1_min, w1_max), (w2_min, w2_max))
    start: np.ndarray  # shape (2,)
    lr: float  # a learning rate at which gradient descent is stable
    description: str


def _split(w):
    w = check.array("w", w, what="an array of shape (2,) or (2, ...)")
    if w.ndim == 0 or w.shape[0] != 2:
        raise ValueError(f"w must have shape (2,) or (2, ...), got {w.shape}")
    return w[0], w[1]


def _pack(g1, g2):
    """Stack the two gradient components; the common single-point case without np.stack's cost."""
    return np.array([g1, g2]) if np.ndim(g1) == 0 else np.stack([g1, g2])


def bowl(*, condition: float = 20.0, angle: float = 0.0) -> Surface:
    """An elongated quadratic bowl whose Hessian has eigenvalues 1 and ``1 / condition``.

    .. math::
        J(w) = \\tfrac12\\, u_1^2 / \\kappa + \\tfrac12\\, u_2^2, \\qquad
        u = R(-\\theta)\\, w

    with :math:`\\kappa` = ``condition`` >= 1 and :math:`\\theta` = ``angle`` (degrees) the angle
    of the long axis with the w1 axis. The steep curvature is always 1, so gradient descent is
    stable for ``lr < 2`` whatever the conditioning, and the long axis gets slower as
    ``condition`` grows. Minimum 0 at the origin.
    """
    check.number("condition", condition, low=1.0)
    check.number("angle (in degrees)", angle)
    c, s = np.cos(np.radians(angle)), np.sin(np.radians(angle))

    def rotate(w1, w2):  # coordinates along the long (u1) and the short (u2) axis
        return c * w1 + s * w2, -s * w1 + c * w2

    def value(w1, w2):
        u1, u2 = rotate(np.asarray(w1, dtype=float), np.asarray(w2, dtype=float))
        return 0.5 * u1**2 / condition + 0.5 * u2**2

    def grad(w):
        u1, u2 = rotate(*_split(w))
        g1, g2 = u1 / condition, u2
        return _pack(c * g1 - s * g2, s * g1 + c * g2)

    return Surface(f"elongated bowl (condition {condition:g})", value, grad, np.zeros(2), 0.0,
                   ((-10.0, 10.0), (-5.0, 5.0)), np.array([-9.0, 3.0]), 1.0,
                   "quadratic valley: steep across, shallow along; GD zig-zags across it")


def saddle() -> Surface:
    """A saddle point at the origin between two minima at ``(0, +1)`` and ``(0, -1)``.

    .. math::
        J(w) = \\tfrac12 w_1^2 + \\tfrac14 w_2^4 - \\tfrac12 w_2^2

    The gradient is zero at the origin, where the Hessian is ``diag(1, -1)``: the cost curves up
    along w1 and down along w2. The minima have cost -1/4.
    """

    def value(w1, w2):
        w1, w2 = np.asarray(w1, dtype=float), np.asarray(w2, dtype=float)
        return 0.5 * w1**2 + 0.25 * w2**4 - 0.5 * w2**2

    def grad(w):
        w1, w2 = _split(w)
        return _pack(w1, w2**3 - w2)

    return Surface("saddle", value, grad, np.array([0.0, 1.0]), -0.25,
                   ((-2.5, 2.5), (-1.6, 1.6)), np.array([-2.2, 1e-3]), 0.1,
                   "saddle at the origin between minima at (0, 1) and (0, -1)")


def plateau(*, width: float = 1.0) -> Surface:
    """A Gaussian well: a narrow dip in a plateau where the gradient is almost exactly zero.

    .. math::
        J(w) = 1 - \\exp\\!\\left(-\\frac{w_1^2 + w_2^2}{2\\,\\sigma^2}\\right)

    with :math:`\\sigma` = ``width``. At a distance r from the centre the gradient has size
    :math:`(r/\\sigma^2)\\, e^{-r^2 / 2\\sigma^2}`: about 2e-5 at r = 5 sigma. Minimum 0 at the origin.
    """
    check.positive("width", width)

    def value(w1, w2):
        w1, w2 = np.asarray(w1, dtype=float), np.asarray(w2, dtype=float)
        return 1.0 - np.exp(-(w1**2 + w2**2) / (2 * width**2))

    def grad(w):
        w1, w2 = _split(w)
        e = np.exp(-(w1**2 + w2**2) / (2 * width**2)) / width**2
        return _pack(w1 * e, w2 * e)

    return Surface("plateau", value, grad, np.zeros(2), 0.0,
                   ((-6 * width, 6 * width), (-6 * width, 6 * width)),
                   np.array([4.0, 3.0]) * width, 0.5 * width**2,
                   "flat plateau around a narrow well: tiny gradients far from the centre")


def rosenbrock(*, a: float = 1.0, b: float = 100.0) -> Surface:
    """Rosenbrock's curved, flat-bottomed valley; minimum 0 at ``(a, a**2)``.

    .. math::
        J(w) = (a - w_1)^2 + b\\,(w_2 - w_1^2)^2
    """
    check.number("a", a)
    check.positive("b", b)

    def value(w1, w2):
        w1, w2 = np.asarray(w1, dtype=float), np.asarray(w2, dtype=float)
        return (a - w1) ** 2 + b * (w2 - w1**2) ** 2

    def grad(w):
        w1, w2 = _split(w)
        return _pack(-2 * (a - w1) - 4 * b * w1 * (w2 - w1**2), 2 * b * (w2 - w1**2))

    return Surface("Rosenbrock", value, grad, np.array([a, a**2]), 0.0,
                   ((a - 3.0, a + 1.5), (a**2 - 1.5, a**2 + 3.0)), np.array([a - 2.5, a**2 + 1.0]),
                   1e-3 * 100 / b, "curved banana-shaped valley, flat along its floor")


SURFACES = {
    "elongated bowl": bowl(),
    "saddle": saddle(),
    "plateau": plateau(),
    "Rosenbrock": rosenbrock(),
}
