"""Explorers of notebook 10: critical points, saddle points and plateaus.

- :func:`surfaces_3d_explorer`: cost surfaces in 3-D, turned by dragging.
- :func:`critical_points_explorer`: how often a random critical point is a minimum, per
  dimension, and how many directions curve down there.

The saddle and plateau escapes of the same notebook are in ``escapes.py``.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.ticker as mticker
import numpy as np

from course_lib import _validate as check
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import COLORS, MARKERS, PALETTE
from course_lib.surfaces import plateau, saddle

def surfaces_3d_explorer(surfaces, titles, *, elev: float = 28.0, azim: float = -60.0) -> Explorer:
    """``surfaces`` (``course_lib.surfaces``) side by side in 3-D, titled ``titles``.

    No controls: drag a plot to turn it.
    """
    surfaces, titles = list(surfaces), list(titles)
    if not surfaces or len(titles) != len(surfaces):
        check.fail("titles", f"one title per surface ({len(surfaces)})", titles)
    elev, azim = check.number("elev", elev, low=-90, high=90), check.number("azim", azim)
    fig, axes = live_figure(1, len(surfaces), figsize=(4.75 * len(surfaces), 4.0),
                            subplot_kw={"projection": "3d"}, squeeze=False)
    for ax, surface, title in zip(axes[0], surfaces, titles):
        (x0, x1), (y0, y1) = surface.extent
        G1, G2 = np.meshgrid(np.linspace(x0, x1, 45), np.linspace(y0, y1, 45))
        ax.plot_surface(G1, G2, surface.value(G1, G2), cmap="viridis", linewidth=0, alpha=0.9)
        ax.set(xlabel="$w_1$", ylabel="$w_2$", zlabel="J", title=title)
        ax.view_init(elev=elev, azim=azim)
    return Explorer({}, lambda: None, figures=[fig],
                    description="3-D views of the " + " and ".join(s.name for s in surfaces)
                                + " surfaces")


def critical_points_explorer(negatives: dict, *, n: int = 2) -> Explorer:
    """``negatives[n]``: the number of negative curvatures of each random n-dimensional Hessian.

    Left: the fraction of minima (no negative curvature) per dimension against 2^-n; right: the
    share of samples by number of directions curving down, for the chosen dimension ``n``.
    """
    if not isinstance(negatives, dict) or not negatives:
        check.fail("negatives", "a dict: dimension n -> negative-curvature counts per sample",
                   negatives)
    dims = np.array(sorted(negatives))
    samples = {d: check.array(f"negatives[{d}]", negatives[d], ndim=1) for d in dims}
    n_samples = len(samples[dims[0]])
    n = check.integer("n", n, low=1)
    if n not in negatives:
        check.fail("n", f"one of the dimensions {dims.tolist()}", n)
    frac_min = np.array([np.mean(samples[d] == 0) for d in dims])
    fig, (ax_frac, ax_index) = live_figure(1, 2, figsize=(9.6, 3.7))
    ax_frac.plot(dims, 2.0 ** -dims, color=COLORS[0], marker=MARKERS[0], linestyle="-",
                 label="2^-n (independent signs)")
    seen = frac_min > 0
    ax_frac.plot(dims[seen], frac_min[seen], color=COLORS[1], marker=MARKERS[1], linestyle="--",
                 label="measured (random Hessians)")
    floor = 0.5 / n_samples  # where "none seen" is drawn on the log scale
    ax_frac.plot(dims[~seen], np.full((~seen).sum(), floor), color=COLORS[1], marker="v",
                 linestyle="none", markersize=7, label=f"none in {n_samples} samples")
    (mark,) = ax_frac.plot([], [], color=PALETTE["black"], marker="o", markersize=11,
                           markerfacecolor="none", linestyle="none", label="chosen n")
    ax_frac.set(yscale="log", xlabel="dimension n", ylabel="fraction that are minima",
                title="How often a critical point is a minimum")
    ax_frac.legend(loc="lower left", fontsize=8)
    ax_frac.yaxis.set_minor_locator(mticker.NullLocator())  # fewer tick artists: faster redraws
    top = int(dims.max())
    bars = ax_index.stairs(np.zeros(top + 1), np.arange(-0.5, top + 1), fill=True, color=COLORS[4],
                           alpha=0.85, label="random critical points")
    ax_index.set(xlim=(-0.6, top + 0.6), ylim=(0, 1), xlabel="number of directions curving down",
                 ylabel="fraction of samples",
                 title="Downhill directions at a random critical point")
    ax_index.legend(loc="upper right", fontsize=8)

    def render(n):
        counts = np.bincount(samples[n].astype(int), minlength=top + 1)[: top + 1] / n_samples
        bars.set_data(counts)
        f = frac_min[list(dims).index(n)]
        mark.set_data([n], [f if f > 0 else floor])
        return (f"<b>n = {n}</b>: minima (0 directions down) {counts[0]:.4f}, maxima ({n} down) "
                f"{counts[n]:.4f}, saddle points {1 - counts[0] - counts[n]:.4f}; "
                f"coin-toss estimate for minima 2<sup>-{n}</sup> = {2.0 ** -n:.4f}")

    slider = widgets.IntSlider(value=n, min=int(dims.min()), max=top, description="dimension n")
    return Explorer({"n": slider}, render, figures=[fig], blit=[FastRedraw(fig, [bars, mark])],
                    description="Fraction of random critical points that are minima, by dimension")


def _negatives(seed: int = 0, n_samples: int = 40_000, dims=range(1, 9)) -> dict:
    """Notebook 10's random Hessians: the negative curvatures of each sample, per dimension."""
    rng, out = np.random.default_rng(seed), {}
    for n in dims:
        A = rng.standard_normal((n_samples, n, n))
        out[n] = (np.linalg.eigvalsh((A + np.swapaxes(A, 1, 2)) / 2) < 0).sum(axis=1)
    return out


EXAMPLES = {
    "surfaces_3d_explorer": lambda: surfaces_3d_explorer(
        [saddle(), plateau()],
        ["saddle: up along w1, down along w2", "plateau: flat far from the well"]),
    "critical_points_explorer": lambda: critical_points_explorer(_negatives(), n=2),
}
