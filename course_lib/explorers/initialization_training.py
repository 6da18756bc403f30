"""Explorer for training one network from several initializations (notebook 04).

- :func:`init_training_explorer`: the cost curves of every run and the chosen run's decision
  regions after training.

The signal-size figures of the same notebook are in ``course_lib/explorers/initialization.py``.
"""

from __future__ import annotations

from functools import cache

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import initializers, mlp
from course_lib.explorers.initialization import example_data
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.regions import decision_regions, region_grid
from course_lib.figures.style import COLORS, MARKERS, PALETTE
from course_lib.optimizers import init_params_state


def init_training_explorer(X, labels, *, models: dict, histories: dict,
                           init: str = "He") -> Explorer:
    """Cost curves of every run (left) and the chosen run's decision regions (right).

    ``models`` and ``histories`` map an initialization's name to the ``mlp.train`` result trained
    from it on ``X`` (shape (2, m)) with 0/1 ``labels`` (shape (m,)). Control: ``init``.
    """
    if not isinstance(models, dict) or not models or list(histories) != list(models):
        check.fail("histories", f"a dict with the same keys as models {list(models)}", histories)
    check.choice("init", init, models)
    grid = region_grid(X, resolution=100)
    regions = {name: mlp.predict(model, grid).reshape(100, 100) for name, model in models.items()}
    costs = {name: np.asarray(h["cost_per_epoch"]) for name, h in histories.items()}
    fig, (ax_cost, ax_reg) = live_figure(1, 2, figsize=(9, 3.8))
    for i, (name, cost) in enumerate(costs.items()):
        ax_cost.plot(cost, color=COLORS[i], marker=MARKERS[i], markevery=(8 * i, 50), label=name)
    ax_cost.set(xlabel="epoch", ylabel="cost J", ylim=(0, 1.0),
                title="Training cost for each initialization")
    for k, (name, cost) in enumerate((n, c) for n, c in costs.items() if c[0] > 1.0):
        ax_cost.annotate(f"{name} starts at {cost[0]:.2g}, off the scale", xy=(0, 1.0),
                         xytext=(40, 0.9 - 0.08 * k), fontsize=8, arrowprops={"arrowstyle": "->"})
    (highlight,) = ax_cost.plot([], [], color=PALETTE["black"], marker="", linewidth=6,
                                alpha=0.25, label="chosen init")
    ax_cost.legend(loc="lower left", ncols=2)
    region_image, _ = decision_regions(ax_reg, lambda G: regions[init].ravel(), X, labels,
                                       resolution=100)
    epochs = len(costs[init])
    ax_reg.set(xlabel="x1", ylabel="x2", title=f"Decision regions after {epochs} epochs")
    ax_reg.legend(loc="upper right")

    def render(init):
        cost, accuracy = costs[init], histories[init]["train_acc"][-1]
        region_image.set_data(regions[init])
        highlight.set_data(np.arange(len(cost)), cost)
        return (f"<b>{init}</b>: cost {cost[0]:.4g} → {cost[-1]:.4f}, "
                f"train accuracy {accuracy:.1%} (regions on the right)")

    controls = {"init": widgets.ToggleButtons(options=list(models), value=init,
                                              description="init")}
    explorer = Explorer(controls, render, figures=[fig],
                        blit=[FastRedraw(fig, [region_image, highlight])],
                        description="Cost curves and decision regions for five initializations")
    explorer.regions = regions  # init -> the (100, 100) predicted classes drawn on the right
    return explorer


@cache
def example_runs():
    """Notebook 04's five trainings (cell "Training with each initialization")."""
    *_, X, labels = example_data()
    dims = [2, 16, 16, 16, 1]
    inits = {"zeros": lambda r: initializers.zeros(dims),
             "0.01·N(0,1)": lambda r: initializers.random_normal(dims, r, scale=0.01),
             "10·N(0,1)": lambda r: initializers.random_normal(dims, r, scale=10.0),
             "Xavier": lambda r: initializers.xavier(dims, r),
             "He": lambda r: initializers.he(dims, r)}
    models, histories = {}, {}
    for name, make in inits.items():
        params = make(np.random.default_rng(1))
        start = mlp.Model(params, mlp.Config(tuple(dims), "relu", "sigmoid", False), {}, "gd",
                          init_params_state("gd", params), 0)
        models[name], histories[name] = mlp.train(
            X, labels.reshape(1, -1).astype(float), rng=np.random.default_rng(2), model=start,
            optimizer="gd", lr=0.1, n_epochs=400)
    return models, histories


EXAMPLES = {
    "init_training_explorer": lambda: init_training_explorer(
        *example_data()[3:], models=example_runs()[0], histories=example_runs()[1], init="He"),
}
