"""The optimizer race of notebook 08: four optimizers on cost contours, step by step.

- :func:`optimizer_race_explorer`: gradient descent, momentum, RMSprop and Adam from one start on
  an elongated bowl (condition κ, turned by an angle) or Rosenbrock's valley; their paths on the
  contours, their cost gaps per step, and a table of where they end (or where they diverged).
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.ticker as mticker
import numpy as np

from course_lib import _validate as check
from course_lib.divergence import finite_prefix
from course_lib.figures.blit import FastRedraw
from course_lib.figures.contours import (LOOKS, OPTIMIZER_LABELS, CostContours, OptimizerPaths,
                                         diverged_status)
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE
from course_lib.optimizers import optimize
from course_lib.surfaces import bowl, rosenbrock

RACE_SURFACES = ("elongated bowl", "Rosenbrock valley")
GOOD_LR = {"elongated bowl": {"gd": 1.8, "momentum": 3.0, "rmsprop": 0.02, "adam": 0.15},
           "Rosenbrock valley": {"gd": 1e-3, "momentum": 8e-3, "rmsprop": 3e-3, "adam": 0.1}}
"""A good α per optimizer and surface (α means different things for the two families); the
sliders move to these when the surface changes."""
COST_RANGE = {"elongated bowl": (1e-12, 1e2), "Rosenbrock valley": (1e-4, 1e3)}
MAX_STEPS = 200


def optimizer_race_explorer(*, surface: str = "elongated bowl", kappa: float = 100.0,
                            angle: int = 0, steps: int = 100, lr=None, beta: float = 0.9,
                            beta1: float = 0.9, beta2: float = 0.999) -> Explorer:
    """Race gradient descent, momentum, RMSprop and Adam on ``surface``.

    ``lr`` maps each optimizer (``"gd"``, ``"momentum"``, ``"rmsprop"``, ``"adam"``) to its α
    (default ``GOOD_LR[surface]``). ``kappa`` (1 to 1000) and ``angle`` (0 to 90 degrees) shape the
    bowl; RMSprop uses ``beta2`` as its β. Clicking on the contour plot moves the start. Controls:
    ``surface``, ``kappa``, ``angle``, ``steps``, ``lr_gd`` ... ``lr_adam``, ``beta``, ``beta1``,
    ``beta2``; choosing a surface moves the α sliders to that surface's ``GOOD_LR``.
    """
    check.choice("surface", surface, RACE_SURFACES)
    kappa = check.number("kappa", kappa, low=1.0, high=1000.0)
    angle = check.integer("angle", angle, low=0)
    if angle > 90:
        check.fail("angle", "an integer in [0, 90] (degrees)", angle)
    steps = check.integer("steps", steps, low=1)
    if steps > MAX_STEPS:
        check.fail("steps", f"an integer in [1, {MAX_STEPS}]", steps)
    lr = dict(GOOD_LR[surface] if lr is None else lr)
    if not isinstance(lr, dict) or sorted(lr) != sorted(OPTIMIZER_LABELS):
        check.fail("lr", f"a dict with an α for each of {sorted(OPTIMIZER_LABELS)}", lr)
    for name, value in lr.items():
        check.number(f"lr['{name}']", value, low=1e-4, high=10**1.7)
    beta = check.number("beta", beta, low=0, high=0.99)
    beta1 = check.number("beta1", beta1, low=0, high=0.99)
    beta2 = check.number("beta2", beta2, low=0.8, high=0.9999)

    fig, (ax, ax_cost) = live_figure(1, 2, figsize=(9.6, 3.95),
                                     gridspec_kw={"width_ratios": [1.55, 1]})
    contours = CostContours(ax)
    (minimum,) = ax.plot([], [], linestyle="none", marker="*", markersize=15,
                         color=PALETTE["yellow"], markeredgecolor="black")
    (start_dot,) = ax.plot([], [], linestyle="none", marker="o", markersize=9, color="white",
                           markeredgecolor="black")
    paths = OptimizerPaths(ax)
    costs = {name: ax_cost.plot([], [], markersize=4, label=label, **LOOKS[name])[0]
             for name, label in OPTIMIZER_LABELS.items()}
    ax.set(xlabel="w1", ylabel="w2", title="Paths on the cost contours (○ start, ★ minimum)")
    ax.set_aspect("equal", adjustable="box")
    ax_cost.set(yscale="log", xlim=(0, MAX_STEPS), xlabel="step", ylabel="J(w) - J_min",
                title="Cost gap per step (log scale)")
    ax_cost.yaxis.set_minor_locator(mticker.NullLocator())  # fewer ticks: faster redraws
    ax_cost.legend(loc="lower left", fontsize=8)
    # precomputed state, explicit: surfaces and paths per setting, the start chosen by a click
    surfaces, cached_paths, starts, shown = {}, {}, {}, {"window": None}

    def surface_for(kind, kappa, angle):  # κ by its exponent: a front end's 10^x may differ in ulps
        bowl_key = (kind, round(float(np.log10(kappa)), 6), angle)
        key = bowl_key if kind == "elongated bowl" else (kind,)
        if key not in surfaces:
            surfaces[key] = bowl(condition=kappa, angle=angle) if key[1:] else rosenbrock()
        return key, surfaces[key]

    def path_of(name, key, surf, start, lr, hp, steps):
        # the default 100 steps first (half the work while κ, α or β move); all 200 when asked
        cache_key = (name, key, tuple(start), lr, tuple(sorted(hp.items())))
        path = cached_paths.get(cache_key)
        if path is None or len(path) <= steps:
            if len(cached_paths) > 400:
                cached_paths.clear()
            n = MAX_STEPS // 2 if steps <= MAX_STEPS // 2 else MAX_STEPS
            path = cached_paths[cache_key] = optimize(name, surf.grad, start, n_steps=n, lr=lr,
                                                      **hp)
        return path[: steps + 1]

    def hyper_for(beta, beta1, beta2):
        return {"gd": {}, "momentum": {"beta": beta}, "rmsprop": {"beta": beta2},
                "adam": {"beta1": beta1, "beta2": beta2}}

    def show_window(kind, surf):  # axis limits change only with the surface: then a full redraw
        if shown["window"] != kind:
            (x0, x1), (y0, y1) = surf.extent
            ax.set(xlim=(x0, x1), ylim=(y0, y1))
            ax_cost.set_ylim(COST_RANGE[kind])
            minimum.set_data([surf.minimum[0]], [surf.minimum[1]])
            shown["window"] = kind

    def render(surface, kappa, angle, steps, beta, beta1, beta2, **lrs):
        key, surf = surface_for(surface, kappa, angle)
        show_window(surface, surf)
        contours.show(surf, key=key)
        start = starts.get(surface, surf.start)
        start_dot.set_data([start[0]], [start[1]])
        hyper = hyper_for(beta, beta1, beta2)
        gap0 = surf.value(*start) - surf.min_value
        rows, blown_up = [], []
        with np.errstate(over="ignore", invalid="ignore"):
            for name, label in OPTIMIZER_LABELS.items():
                alpha = lrs[f"lr_{name}"]
                path = path_of(name, key, surf, start, alpha, hyper[name], steps)
                gaps = surf.value(path[:, 0], path[:, 1]) - surf.min_value
                too_high = np.flatnonzero(~(gaps <= 1e4 * gap0 + 1e-9))  # nan counts as too high
                bad = paths.show(name, path, surf.extent,
                                 first_bad=int(too_high[0]) if too_high.size else None)
                shown_gaps = np.maximum(gaps[: len(finite_prefix(path)[0])], 1e-16)
                costs[name].set_data(np.arange(len(shown_gaps)), shown_gaps)
                costs[name].set_markevery(max(1, len(shown_gaps) // 10))
                if bad is not None:
                    blown_up.append(label)  # the step is in the table: a short text draws fast
                    result = f"<b>diverged</b> at step {bad}"
                else:
                    distance = np.linalg.norm(path[-1] - surf.minimum)
                    result = f"{gaps[-1]:.3g}</td><td>{distance:.3g}"
                rows.append(f"<tr><td>{label}</td><td>{alpha:.3g}</td><td>{result}</td></tr>")
        diverged_status(ax, blown_up)
        note = "" if surface == "elongated bowl" else " (κ and the angle apply to the bowl only)"
        return (f"<b>{surf.name}</b>{note}<table style='border-spacing: 12px 0'><tr><th>optimizer"
                f"</th><th>α</th><th>J - J<sub>min</sub> after {steps} steps</th><th>distance to "
                "minimum</th></tr>" + "".join(rows) + "</table>")

    def lr_slider(name, value):
        return widgets.FloatLogSlider(value=value, base=10, min=-4, max=1.7, step=0.05,
                                      description=f"α {OPTIMIZER_LABELS[name]}",
                                      readout_format=".2g")

    controls = {
        "surface": widgets.Dropdown(options=RACE_SURFACES, value=surface, description="surface"),
        "kappa": widgets.FloatLogSlider(value=kappa, base=10, min=0, max=3, step=0.1,
                                        description="κ (condition)", readout_format=".0f"),
        "angle": widgets.IntSlider(value=angle, min=0, max=90, step=15,
                                   description="valley angle °"),
        "steps": widgets.IntSlider(value=steps, min=1, max=MAX_STEPS, description="steps"),
        **{f"lr_{name}": lr_slider(name, value) for name, value in lr.items()},
        "beta": widgets.FloatSlider(value=beta, min=0.0, max=0.99, step=0.01,
                                    description="β (momentum)"),
        "beta1": widgets.FloatSlider(value=beta1, min=0.0, max=0.99, step=0.01,
                                     description="β1 (Adam)"),
        "beta2": widgets.FloatSlider(value=beta2, min=0.8, max=0.9999, step=0.0001,
                                     description="β2", readout_format=".4f"),
    }
    for control in controls.values():
        control.style.description_width = "110px"

    def layout(controls, canvases, readout):
        columns = [["surface", "kappa", "angle", "steps"], [f"lr_{n}" for n in OPTIMIZER_LABELS],
                   ["beta", "beta1", "beta2"]]
        return widgets.VBox([widgets.HBox([widgets.VBox([controls[k] for k in column])
                                           for column in columns]), *canvases, readout])

    redraw = FastRedraw(fig, [contours.lines, minimum, start_dot, *paths.artists, *costs.values()])
    explorer = Explorer(controls, render, figures=[fig], blit=[redraw], layout=layout,
                        description="Gradient descent, momentum, RMSprop and Adam racing on cost "
                                    "contours")

    def on_surface(change):  # each surface starts from its own good learning rates
        explorer.update(**{f"lr_{name}": value for name, value in GOOD_LR[change["new"]].items()})

    def on_click(event):
        if event.inaxes is ax and event.xdata is not None:
            starts[controls["surface"].value] = np.array([event.xdata, event.ydata])
            explorer.refresh()

    def warm_up():  # the first drag of κ or of the angle from the state shown: about 0.2 s
        v = explorer.values
        hyper = hyper_for(v["beta"], v["beta1"], v["beta2"])
        for k, a in ([(10 ** (i / 10), v["angle"]) for i in range(31)]
                     + [(v["kappa"], a) for a in range(0, 91, 15)]):
            key, surf = surface_for("elongated bowl", k, a)
            contours.prepare(surf, key=key)
            for name in OPTIMIZER_LABELS:
                path_of(name, key, surf, surf.start, v[f"lr_{name}"], hyper[name], v["steps"])

    controls["surface"].observe(on_surface, names="value")
    fig.canvas.mpl_connect("button_press_event", on_click)
    if surface == "elongated bowl":
        warm_up()
    return explorer


EXAMPLES = {
    "optimizer_race_explorer": lambda: optimizer_race_explorer(
        kappa=100.0, lr={"gd": 1.8, "momentum": 3.0, "rmsprop": 0.02, "adam": 0.15}),
}
