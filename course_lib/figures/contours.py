"""Cost contours with optimizer paths, clipped where a path diverges (notebooks 08 and 10).

- :func:`contour_segments`: the contour lines of a two-weight surface as line segments, computed
  once (``contourpy``) so a callback only swaps them in.
- :class:`CostContours`: those lines on an axes, one colour per level, cached per surface.
- :class:`OptimizerPaths`: one line per optimizer (its path) and a marker at its end, in the
  course look (colour, line style and marker per optimizer), each path cut by :func:`clip_path`.
- :func:`clip_path`: the part of a path to draw: its finite prefix
  (:func:`course_lib.divergence.finite_prefix`), and for a diverging path only until it leaves
  the plot for good.
- :func:`diverged_status`: the "diverged: ..." message on the axes, or none.
"""

from __future__ import annotations

import contourpy
import numpy as np
from matplotlib.collections import LineCollection

from course_lib import _validate as check
from course_lib.divergence import finite_prefix
from course_lib.figures.blit import set_status, status_text
from course_lib.figures.style import COLORS, LINESTYLES, MARKERS

OPTIMIZER_LABELS = {"gd": "gradient descent", "momentum": "momentum", "rmsprop": "RMSprop",
                    "adam": "Adam"}
"""The readable name of each rule of ``course_lib.optimizers.OPTIMIZERS``, in the race's order."""

LOOKS = {name: {"color": COLORS[i], "marker": MARKERS[i], "linestyle": LINESTYLES[i]}
         for i, name in enumerate(OPTIMIZER_LABELS)}
"""Colour, marker and line style per optimizer, the same in every figure of the course."""


def contour_segments(surface, levels=None, *, resolution=(140, 100), n_levels: int = 12):
    """Contour lines of ``surface`` over its ``extent``: ``(segments, level_index)``.

    ``levels`` are values of the cost J. Without them, ``n_levels`` levels of the gap
    J - J_min, geometrically spaced from 3e-5 to 0.6 of its largest value on the grid (a cost
    spanning many orders of magnitude, as an elongated bowl's does, gets lines everywhere).
    ``segments`` is a list of ``(k, 2)`` point arrays and ``level_index[i]`` the index of the
    level of ``segments[i]`` (for a colour map).
    """
    if not all(hasattr(surface, a) for a in ("value", "extent", "min_value")):
        check.fail("surface", "a course_lib.surfaces Surface (value, extent, min_value)", surface)
    if not isinstance(resolution, (tuple, list)) or len(resolution) != 2:
        check.fail("resolution", "a pair of integers >= 2 (grid points along w1, w2)", resolution)
    nx, ny = (check.integer("resolution", r, low=2) for r in resolution)
    (x0, x1), (y0, y1) = surface.extent
    x, y = np.linspace(x0, x1, nx), np.linspace(y0, y1, ny)
    cost = surface.value(*np.meshgrid(x, y))
    if levels is None:
        n_levels = check.integer("n_levels", n_levels, low=1)
        top = float(np.max(cost - surface.min_value))
        levels = surface.min_value + np.geomspace(top * 3e-5, top * 0.6, n_levels)
    levels = check.array("levels", levels, ndim=1, what="a 1-D array of cost values")
    lines = contourpy.contour_generator(x, y, cost, line_type="Separate")
    pairs = [(seg, i) for i, level in enumerate(levels) for seg in lines.lines(level)]
    return [seg for seg, _ in pairs], np.array([i for _, i in pairs], dtype=float)


class CostContours:
    """The contour lines of a surface on ``ax`` (one ``LineCollection``), swapped per surface.

    ``show(surface, key=...)`` computes the lines once per ``key`` (a surface's settings, e.g.
    ``("bowl", kappa, angle)``) and reuses them afterwards, so moving back to a surface costs
    nothing. Register :attr:`lines` with ``FastRedraw`` when a control changes the surface.
    """

    def __init__(self, ax, *, alpha: float = 0.55, linewidth: float = 0.9):
        self.lines = LineCollection([], cmap="viridis", linewidths=linewidth,
                                    alpha=check.number("alpha", alpha, low=0.0, high=1.0))
        ax.add_collection(self.lines, autolim=False)
        self._cache, self._shown = {}, None

    def prepare(self, surface, levels=None, *, key=None, **options):
        """Compute (once) the contours :meth:`show` would show, to show them later at no cost."""
        key = surface.name if key is None else key
        if key not in self._cache:
            if len(self._cache) > 500:  # every setting of a slider fits; a stream of clicks not
                self._cache.clear()
            self._cache[key] = contour_segments(surface, levels, **options)
        return self._cache[key]

    def show(self, surface, levels=None, *, key=None, **options) -> None:
        """Show the contours of ``surface`` (see :func:`contour_segments` for the options)."""
        key = surface.name if key is None else key
        if key == self._shown:
            return
        segments, index = self.prepare(surface, levels, key=key, **options)
        self.lines.set_segments(segments)
        self.lines.set_array(index)
        self.lines.set_clim(0, max(1.0, index.max(initial=0.0)))
        self._shown = key


def clip_path(path, extent, *, first_bad=None):
    """The part of ``path`` to draw, and where it diverged: ``(drawn, first_bad)``.

    ``path`` has shape ``(n + 1, 2)`` (points along axis 0, as ``course_lib.optimizers.optimize``
    returns them for a point of shape ``(2,)``). The path is cut at its first non-finite or huge
    point (:func:`course_lib.divergence.finite_prefix`); ``first_bad`` may name an earlier step the
    caller counts as diverged (e.g. the cost grew 10,000-fold). A diverging path is drawn until
    it first leaves the plot window ``extent = ((x0, x1), (y0, y1))`` by more than its own width,
    so the picture shows it flying off without drawing a line to infinity.
    """
    path = check.array("path", path, ndim=2, what="an array of shape (n + 1, 2)")
    if path.shape[1] != 2 or len(path) == 0:
        raise ValueError(f"path must have shape (n + 1, 2) with n >= 0, got shape {path.shape}")
    good, bad = finite_prefix(path)
    if first_bad is not None:
        first_bad = check.integer("first_bad", first_bad, low=0)
        bad = first_bad if bad is None else min(bad, first_bad)
    if len(good) == 0:  # even the start is not finite: show nothing rather than fail
        return good, 0
    if bad is None:
        return good, None
    (x0, x1), (y0, y1) = extent
    off = np.flatnonzero((np.abs(good[:, 0] - (x0 + x1) / 2) > x1 - x0)
                         | (np.abs(good[:, 1] - (y0 + y1) / 2) > y1 - y0))
    return (good[: off[0] + 1] if off.size else good), bad


class OptimizerPaths:
    """A path line and an end marker per optimizer on ``ax``, in the course look (``LOOKS``).

    ``show(name, path, extent)`` draws the clipped path (:func:`clip_path`) and returns the step
    where it diverged, or None. :attr:`artists` are what a callback changes: register them (and
    :func:`course_lib.figures.blit.status_text` for :func:`diverged_status`) with ``FastRedraw``.
    """

    def __init__(self, ax, names=tuple(OPTIMIZER_LABELS), *, labelled: bool = False,
                 markersize: float = 3.5, marks: int = 12):
        for name in names:
            check.choice("names", name, OPTIMIZER_LABELS)
        self.marks = check.integer("marks", marks, low=1)
        self.lines, self.ends = {}, {}
        for name in names:
            look = LOOKS[name]
            (self.lines[name],) = ax.plot([], [], markersize=markersize, linewidth=1.6,
                                          label=OPTIMIZER_LABELS[name] if labelled else None,
                                          **look)
            (self.ends[name],) = ax.plot([], [], color=look["color"], marker=look["marker"],
                                         markersize=9, markeredgecolor="black", linestyle="none")
        self.status = status_text(ax)

    @property
    def artists(self) -> list:
        return [*self.lines.values(), *self.ends.values(), self.status]

    def show(self, name, path, extent, *, first_bad=None):
        """Draw optimizer ``name``'s ``path`` (shape ``(n + 1, 2)``); return where it diverged."""
        drawn, bad = clip_path(path, extent, first_bad=first_bad)
        self.lines[name].set_data(drawn[:, 0], drawn[:, 1])
        self.lines[name].set_markevery(max(1, len(drawn) // self.marks))
        self.ends[name].set_data(drawn[-1:, 0], drawn[-1:, 1])
        return bad


def diverged_status(ax, diverged) -> None:
    """Write "diverged: a; b" on ``ax`` for the runs named in ``diverged``; clear it when empty.

    ``diverged`` is a list of strings such as ``"gradient descent (α = 2.2) at step 12"``.
    """
    if isinstance(diverged, str) or not all(isinstance(d, str) for d in diverged):
        check.fail("diverged", "a list of strings, one per diverged run", diverged)
    set_status(ax, ("diverged: " + "; ".join(diverged)) if diverged else "")
