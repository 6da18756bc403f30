"""The escapes of notebook 10: four optimizers leaving a saddle point or crossing a plateau.

- :func:`saddle_escape_explorer`: from ``w = (-2, δ)`` on ``course_lib.surfaces.saddle``;
- :func:`plateau_escape_explorer`: from distance r of the well of ``course_lib.surfaces.plateau``.

Each shows the paths on the contours (left) and the steps each optimizer needs to escape from
every start (right, a circle at the chosen one), with a table of the escapes.
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
from course_lib.figures.style import PALETTE
from course_lib.optimizers import optimize
from course_lib.surfaces import plateau, saddle

HYPER = {"gd": {}, "momentum": {"beta": 0.9}, "rmsprop": {"beta": 0.999}, "adam": {}}
"""The optimizers' default β's, as in notebook 10."""


def escape_steps(paths, surface, threshold) -> np.ndarray:
    """First step with J < ``threshold`` for each start of ``paths``, shape ``(steps + 1, 2, k)``.

    -1 where a start never gets there.
    """
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
    fig, (ax, ax_esc) = live_figure(1, 2, figsize=(9.6, 3.9),
                                    gridspec_kw={"width_ratios": [1.3, 1]})
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
    ax_esc.set_xlim((values[0] / 2, values[-1] * 2) if log_x
                    else (values[0] - pad, values[-1] + pad))
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
                blown.append(text)  # the step is in the table: a short text draws fast
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
    """The optimizers from ``w = (-2, δ)`` on ``course_lib.surfaces.saddle``, each δ of ``deltas``.

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
        marks=[([[0, 0]], "X", 11, PALETTE["black"]),
               ([[0, 1], [0, -1]], "*", 14, PALETTE["yellow"])],
        description="Four optimizers leaving a saddle point, and their escape times per start "
                    "distance")


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


EXAMPLES = {
    "saddle_escape_explorer": lambda: saddle_escape_explorer(
        10.0 ** np.arange(-12, -0.5, 0.5),
        lr={"gd": 0.5, "momentum": 3.0, "rmsprop": 0.02, "adam": 0.05}),
    "plateau_escape_explorer": lambda: plateau_escape_explorer(
        np.arange(1.5, 5.51, 0.25), lr={"gd": 1.0, "momentum": 10.0, "rmsprop": 0.05, "adam": 0.1}),
}
