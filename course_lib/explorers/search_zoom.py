"""Explorer for coarse-to-fine search (notebook 11).

- :func:`zoom_explorer`: sample a box of two hyperparameters, zoom in on the best point so far,
  sample again, over a made-up dev error.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.patches as mpatches
import numpy as np

from course_lib import _validate as check
from course_lib.explorers.search import SYMBOLS, plotted_axes
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE
from course_lib.hparams import random_design, zoom

PRESSES = ("sample", "zoom", "reset")


def zoom_explorer(dev_error, box: dict, *, scales: dict | None = None, n: int = 10,
                  factor: float = 3.0, seed: int = 0, presses=("sample", "zoom", "sample")) -> Explorer:
    """Coarse to fine over ``dev_error(**point)`` in ``box`` (its first two hyperparameters drawn).

    Buttons: *Sample* draws ``n`` random points in the current box (seeded by ``seed`` at each
    start), *Zoom in* shrinks the box by the slider's ``factor`` (1.5 to 6) around the best point
    so far, *Start over*. ``presses`` are button presses made at the start, so the figure already
    shows a round ("sample", "zoom" or "reset" each).
    """
    check.function("dev_error", dev_error, what="a function dev_error(**hyperparameters) -> error")
    (xk, xlog, xlim, to_x, xlabel), (yk, ylog, ylim, to_y, ylabel) = plotted_axes("box", box, scales)
    n = check.integer("n", n, low=1)
    factor = check.number("factor", factor, low=1.5, high=6.0)
    seed = check.integer("seed", seed, low=0)
    if isinstance(presses, str) or not all(p in PRESSES for p in presses):
        check.fail("presses", f"a sequence of {PRESSES}", presses)
    back_x = (lambda v: 10.0 ** v) if xlog else (lambda v: v)
    back_y = (lambda v: 10.0 ** v) if ylog else (lambda v: v)

    fig, ax = live_figure(figsize=(7.5, 4.2))
    gx, gy = np.meshgrid(np.linspace(*xlim, 150), np.linspace(*ylim, 150))
    filled = ax.contourf(gx, gy, dev_error(**{xk: back_x(gx), yk: back_y(gy)}), levels=20,
                         cmap="viridis_r", alpha=0.8)
    fig.colorbar(filled, ax=ax, label="dev error (made up)")
    tried = ax.scatter([], [], s=22, marker="o", color=PALETTE["sky"], edgecolor="black",
                       label="tried")
    (best_mark,) = ax.plot([], [], marker="*", markersize=14, color=PALETTE["vermillion"],
                           linestyle="", label="best so far")
    ax.set(xlim=xlim, ylim=ylim, xlabel=xlabel, ylabel=ylabel,
           title="Coarse to fine: sample, zoom, sample")
    ax.legend(loc="upper right", fontsize=8)
    state = {"patches": []}

    def draw_box(current):
        (x0, x1), (y0, y1) = to_x(current[xk]), to_y(current[yk])
        patch = mpatches.Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False,
                                   edgecolor=PALETTE["orange"], linewidth=2, linestyle="--")
        ax.add_patch(patch)  # a new artist: this press gets a full redraw
        state["patches"].append(patch)

    def reset(_=None):
        for patch in state["patches"]:
            patch.remove()
        state.update(box=dict(box), points={k: [] for k in box}, patches=[], best=None,
                     rng=np.random.default_rng(seed))
        draw_box(box)
        explorer.refresh()

    def sample(_=None):
        pts = random_design(state["box"], n, state["rng"], scales=scales)
        for k in box:
            state["points"][k] += pts[k].tolist()
        explorer.refresh()

    def zoom_in(_=None):
        if state["best"] is not None:
            state["box"] = zoom(state["box"], state["best"], factor=controls["factor"].value,
                                scales=scales)
            draw_box(state["box"])
        explorer.refresh()

    def render(factor):
        points = {k: np.array(v) for k, v in state["points"].items()}
        tried.set_offsets(np.column_stack([to_x(points[xk]), to_y(points[yk])]))
        if points[xk].size:
            errors = dev_error(**points)
            i = int(np.argmin(errors))
            state["best"] = {k: float(v[i]) for k, v in points.items()}
            best_mark.set_data([to_x(points[xk][i])], [to_y(points[yk][i])])
            y_best = (f"{points[yk][i]:.0f} {SYMBOLS[yk]}" if " " in SYMBOLS.get(yk, "")
                      else f"{SYMBOLS.get(yk, yk)} = {points[yk][i]:.3g}")  # "138 hidden units"
            best = (f"best: {SYMBOLS.get(xk, xk)} = {points[xk][i]:.2e}, {y_best}, "
                    f"dev error {errors[i]:.4f}")
        else:
            state["best"] = None
            best_mark.set_data([], [])
            best = "no points yet: press Sample"
        (a0, a1), (h0, h1) = state["box"][xk], state["box"][yk]
        return (f"{points[xk].size} trainings so far; box {SYMBOLS.get(xk, xk)} in [{a0:.1e}, "
                f"{a1:.1e}], {SYMBOLS.get(yk, yk)} in [{h0:.0f}, {h1:.0f}]; next zoom × "
                f"{factor:.1f}<br>{best}")

    controls = {
        "sample": widgets.Button(description=f"Sample {n} points"),
        "zoom": widgets.Button(description="Zoom in on best"),
        "reset": widgets.Button(description="Start over"),
        "factor": widgets.FloatSlider(value=factor, min=1.5, max=6.0, step=0.5, description="zoom ×"),
    }
    handlers = {"sample": sample, "zoom": zoom_in, "reset": reset}
    for name, handler in handlers.items():
        controls[name].on_click(handler)
    state.update(box=dict(box), points={k: [] for k in box}, best=None,
                 rng=np.random.default_rng(seed))
    draw_box(box)

    def layout(controls, canvases, readout):
        buttons = widgets.HBox([controls[k] for k in PRESSES])
        return widgets.VBox([buttons, controls["factor"], *canvases, readout])

    # The points and the star change on Sample; a new box (Zoom) is a new artist: a full redraw.
    explorer = Explorer(controls, render, figures=[fig], blit=[FastRedraw(fig, [tried, best_mark])],
                        description="Coarse-to-fine search", layout=layout)
    for press in presses:
        handlers[press]()
    explorer.state = state
    return explorer


def _dev_error_2(alpha, hidden):
    # notebook 11's made-up dev error of the coarse-to-fine search
    a, h = np.log10(alpha) + 2.6, (hidden - 140) / 60
    return 0.06 + 0.03 * a**2 + 0.05 * h**2 + 0.03 * a * h


EXAMPLES = {
    "zoom_explorer": lambda: zoom_explorer(
        _dev_error_2, {"alpha": (1e-4, 1.0), "hidden": (10.0, 200.0)},
        scales={"alpha": "log", "hidden": "linear"}, n=10, factor=3.0, seed=0),
}
