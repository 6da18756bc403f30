"""Explorers of notebook 10: critical points, saddle points and plateaus.

- :func:`surfaces_3d_explorer`: cost surfaces in 3-D, turned by dragging.
- :func:`critical_points_explorer`: how often a random critical point is a minimum, per
  dimension, and how many directions curve down there.
- :func:`saddle_escape_explorer` and :func:`plateau_escape_explorer`: the four optimizers leaving
  a saddle point or crossing a plateau (paths on the contours), and the steps each needs to
  escape from every start.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.ticker as mticker
import numpy as np

from course_lib import _validate as check
from course_lib.figures.blit import FastRedraw
from course_lib.figures.contours import (LOOKS, OPTIMIZER_LABELS, CostContours, OptimizerPaths,
                                         diverged_status)
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import COLORS, MARKERS, PALETTE
from course_lib.optimizers import optimize
from course_lib.surfaces import plateau, saddle

HYPER = {"gd": {}, "momentum": {"beta": 0.9}, "rmsprop": {"beta": 0.999}, "adam": {}}
"""The optimizers' default β's, as in notebook 10."""


def surfaces_3d_explorer(surfaces, titles, *, elev: float = 28.0, azim: float = -60.0) -> Explorer:
    """``surfaces`` (``course_lib.surfaces``) side by side in 3-D, titled ``titles``; drag to turn."""
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
        check.fail("negatives", "a dict: dimension n -> negative-curvature counts per sample", negatives)
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
                 ylabel="fraction of samples", title="Downhill directions at a random critical point")
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


def escape_steps(paths, surface, threshold) -> np.ndarray:
    """First step with J < ``threshold`` for each start of ``paths`` ``(steps + 1, 2, k)``; -1: never."""
    paths = check.array("paths", paths, ndim=3, what="an array of shape (steps + 1, 2, k)")
    with np.errstate(over="ignore", invalid="ignore"):
        below = surface.value(paths[:, 0], paths[:, 1]) < check.number("threshold", threshold)
    return np.where(below.any(axis=0), below.argmax(axis=0), -1)


def _escape_explorer(surface, starts, values, lr, *, threshold, steps, max_steps, label, fmt,
                     log_x, title, description, start_name, value, levels, marks):
    if not isinstance(lr, dict) or sorted(lr) != sorted(OPTIMIZER_LABELS):
        check.fail("lr", f"a dict with an α for each of {sorted(OPTIMIZER_LABELS)}", lr)
    for name, alpha in lr.items():
        check.number(f"lr['{name}']", alpha, low=1e-3, high=10**1.5)
    steps = check.integer("steps", steps, low=1)
    if steps > max_steps:
        check.fail("steps", f"an integer in [1, {max_steps}]", steps)
    index = {float(v): k for k, v in enumerate(values)}
    close = np.flatnonzero(np.isclose(values, check.number(start_name, value), rtol=1e-6, atol=0))
    if not close.size:
        check.fail(start_name, f"one of the starts {[fmt(v) for v in values]}", value)
    value = float(values[close[0]])
    fig, (ax, ax_esc) = live_figure(1, 2, figsize=(9.6, 3.9), gridspec_kw={"width_ratios": [1.3, 1]})
    CostContours(ax, alpha=0.6).show(surface, levels, resolution=(120, 120))
    (x0, x1), (y0, y1) = surface.extent
    ax.set(xlim=(x0, x1), ylim=(y0, y1), xlabel="$w_1$", ylabel="$w_2$", title=title)
    ax.set_aspect("equal", adjustable="box")
    for point, marker, size, color in marks:
        ax.plot(*np.transpose(point), linestyle="none", marker=marker, markersize=size, color=color,
                markeredgecolor="black")
    paths = OptimizerPaths(ax, labelled=True, marks=10)
    curves = {name: ax_esc.plot([], [], markersize=4, label=text, **LOOKS[name])[0]
              for name, text in OPTIMIZER_LABELS.items()}
    (current,) = ax_esc.plot([], [], linestyle="none", marker="o", markersize=12,
                             markerfacecolor="none", color=PALETTE["black"])
    ax.legend(loc="lower left", fontsize=8, frameon=True, framealpha=0.85)
    ax_esc.set(xscale="log" if log_x else "linear", yscale="log", xlabel=label,
               ylabel=f"steps to escape (max {max_steps})", title="Steps to escape, per start",
               ylim=(0.8, max_steps * 1.5))
    for axis in (ax_esc.xaxis, ax_esc.yaxis):
        axis.set_minor_locator(mticker.NullLocator())  # fewer tick artists: faster redraws
    pad = 0.05 * (values[-1] - values[0])
    ax_esc.set_xlim((values[0] / 2, values[-1] * 2) if log_x else (values[0] - pad, values[-1] + pad))
    runs = {}  # (optimizer, α) -> (paths of every start, escape steps): one α slider, one run

    def run(name, alpha):
        if (name, alpha) not in runs:
            if len(runs) > 400:
                runs.clear()
            path = optimize(name, surface.grad, starts, n_steps=max_steps, lr=alpha, **HYPER[name])
            runs[name, alpha] = path, escape_steps(path, surface, threshold)
        return runs[name, alpha]

    def render(start, steps, **lrs):
        k = index[start]
        rows, blown, hit = [], [], []
        for name, text in OPTIMIZER_LABELS.items():
            alpha = lrs[f"lr_{name}"]
            path, esc = run(name, alpha)
            bad = paths.show(name, path[: steps + 1, :, k], surface.extent)
            ok = esc > 0
            curves[name].set_data(values[ok], esc[ok])
            what = f"not within {max_steps} steps" if esc[k] < 0 else f"<b>{esc[k]}</b> steps"
            if bad is not None:
                blown.append(f"{text} at step {bad}")
                what += f" (diverged at step {bad})"
            if esc[k] > 0:
                hit.append(esc[k])
            rows.append(f"<tr><td>{text}</td><td>{alpha:.3g}</td><td>{what}</td></tr>")
        current.set_data([values[k]] * len(hit), hit)
        diverged_status(ax, blown)
        return (f"<b>{label} = {fmt(values[k])}</b><table style='border-spacing: 12px 0'><tr><th>"
                "optimizer</th><th>α</th><th>escape</th></tr>" + "".join(rows) + "</table>")

    controls = {
        "start": widgets.SelectionSlider(options=[(fmt(v), float(v)) for v in values],
                                         value=float(value), description=f"{start_name} (start)"),
        "steps": widgets.IntSlider(value=steps, min=1, max=max_steps, description="steps"),
        **{f"lr_{name}": widgets.FloatLogSlider(value=alpha, base=10, min=-3, max=1.5, step=0.05,
                                                description=f"α {OPTIMIZER_LABELS[name]}",
                                                readout_format=".2g")
           for name, alpha in lr.items()},
    }

    def layout(controls, canvases, readout):
        left = widgets.VBox([controls["start"], controls["steps"]])
        right = widgets.VBox([controls[f"lr_{name}"] for name in OPTIMIZER_LABELS])
        return widgets.VBox([widgets.HBox([left, right]), *canvases, readout])

    redraw = FastRedraw(fig, [*paths.artists, *curves.values(), current])
    return Explorer(controls, render, figures=[fig], blit=[redraw], layout=layout,
                    description=description)


def saddle_escape_explorer(deltas, *, lr: dict, delta: float = 1e-6, steps: int = 60,
                           max_steps: int = 300) -> Explorer:
    """The optimizers from ``w = (-2, δ)`` on ``course_lib.surfaces.saddle``, for each of ``deltas``.

    Escaping means reaching J < -0.2 (a minimum has -0.25). ``lr``: an α per optimizer.
    """
    deltas = check.array("deltas", deltas, ndim=1)
    if deltas.size < 2 or np.any(deltas <= 0):
        check.fail("deltas", "at least two distances > 0 from the ridge w2 = 0", deltas)
    starts = np.stack([np.full(len(deltas), -2.0), deltas])
    return _escape_explorer(
        saddle(), starts, deltas, lr, threshold=-0.2, steps=steps, max_steps=max_steps,
        label="start distance δ from the ridge", fmt=lambda v: f"{v:.0e}", log_x=True,
        title="Leaving the saddle (✕) for a minimum (★)", start_name="δ", value=delta,
        levels=np.linspace(-0.24, 3.0, 15),
        marks=[([[0, 0]], "X", 11, PALETTE["black"]), ([[0, 1], [0, -1]], "*", 14, PALETTE["yellow"])],
        description="Four optimizers leaving a saddle point, and their escape times per start distance")


def plateau_escape_explorer(radii, *, lr: dict, r: float = 4.0, steps: int = 100,
                            max_steps: int = 450) -> Explorer:
    """The optimizers from distance ``r`` of the well of ``course_lib.surfaces.plateau``, in the
    direction (0.8, 0.6), for each of ``radii``; escaping means reaching J < 0.5."""
    radii = check.array("radii", radii, ndim=1)
    if radii.size < 2 or np.any(radii <= 0):
        check.fail("radii", "at least two distances > 0 from the well's centre", radii)
    return _escape_explorer(
        plateau(), np.outer([0.8, 0.6], radii), radii, lr, threshold=0.5, steps=steps,
        max_steps=max_steps, label="start distance r from the well", fmt=lambda v: f"{v:.2f}",
        log_x=False, title="Plateau (outer contours at J = 1 - 10^-k, k = 1..7)", start_name="r",
        value=r, levels=np.r_[0.1, 0.3, 0.5, 0.7, 1 - 10.0 ** -np.arange(1, 8)],
        marks=[([[0, 0]], "*", 14, PALETTE["yellow"])],
        description="Four optimizers crossing a plateau, and their times to reach the well per "
                    "start distance")


def _negatives(seed: int = 0, n_samples: int = 40_000, dims=range(1, 9)) -> dict:
    """Notebook 10's random Hessians: the negative curvatures of each sample, per dimension."""
    rng, out = np.random.default_rng(seed), {}
    for n in dims:
        A = rng.standard_normal((n_samples, n, n))
        out[n] = (np.linalg.eigvalsh((A + np.swapaxes(A, 1, 2)) / 2) < 0).sum(axis=1)
    return out


EXAMPLES = {
    "surfaces_3d_explorer": lambda: surfaces_3d_explorer(
        [saddle(), plateau()], ["saddle: up along w1, down along w2", "plateau: flat far from the well"]),
    "critical_points_explorer": lambda: critical_points_explorer(_negatives(), n=2),
    "saddle_escape_explorer": lambda: saddle_escape_explorer(
        10.0 ** np.arange(-12, -0.5, 0.5), lr={"gd": 0.5, "momentum": 3.0, "rmsprop": 0.02, "adam": 0.05}),
    "plateau_escape_explorer": lambda: plateau_escape_explorer(
        np.arange(1.5, 5.51, 0.25), lr={"gd": 1.0, "momentum": 10.0, "rmsprop": 0.05, "adam": 0.1}),
}
