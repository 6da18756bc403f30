"""Explorers for early stopping (notebook 02).

- :func:`early_stopping_explorer`: one training's snapshots: the decision boundary where you
  stop, beside the training and dev costs over the whole training.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import mlp, network
from course_lib.explorers.regularization import _boundary_axes, _check_sets, _notebook_02
from course_lib.figures.blit import FrameCache
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE


def early_stopping_explorer(snapshots, train_costs, X_train, Y_train, X_dev, Y_dev, *,
                            epoch) -> Explorer:
    """``snapshots[e]``: one training's model after ``e`` epochs; ``train_costs[e - 1]`` its cost.

    Control: ``epoch``, where to stop (one of the snapshots' epochs).
    """
    snapshots, X_train, Y_train, X_dev, Y_dev = _check_sets(snapshots, X_train, Y_train, X_dev,
                                                            Y_dev, name="snapshots")
    epochs = sorted(check.integer("snapshots' epochs", e, low=1) for e in snapshots)
    train_costs = check.array("train_costs", train_costs, ndim=1)
    if train_costs.size < epochs[-1]:
        raise ValueError(f"train_costs must hold one cost per epoch up to {epochs[-1]}, got "
                         f"{train_costs.size}")
    epoch = check.choice("epoch", epoch, snapshots)
    dev_cost = {e: network.cost(snapshots[e].params, X_dev, Y_dev, training=False,
                                activation=snapshots[e].config.activation) for e in epochs}
    dev_acc = {e: mlp.accuracy(snapshots[e], X_dev, Y_dev) for e in epochs}
    best = min(epochs, key=dev_cost.get)
    fig, (ax_r, ax_c) = live_figure(1, 2, figsize=(10, 4.2))
    image, regions = _boundary_axes(ax_r, snapshots, X_train, Y_train, X_dev, Y_dev, epoch)
    ax_c.plot(np.arange(1, epochs[-1] + 1), train_costs[:epochs[-1]], color=PALETTE["blue"],
              marker="", label="training cost")
    ax_c.plot(epochs, [dev_cost[e] for e in epochs], color=PALETTE["orange"], marker="s",
              linestyle="--", label="dev cost")
    ax_c.plot([best], [dev_cost[best]], color=PALETTE["vermillion"], marker="*", markersize=15,
              linestyle="", label=f"best: stop at epoch {best}")
    marker = ax_c.axvline(epoch, color=PALETTE["black"], linewidth=1.2, linestyle=":", marker="")
    ax_c.set(xlabel="epoch", ylabel="cross-entropy cost", ylim=(0, 1.2),
             title="Training and dev cost over training")
    ax_c.legend(loc="upper right")

    # 16 states, each drawn once: the title and the region image cost more than the budget
    redraw = FrameCache(fig, [image, marker, ax_r.title])

    def render(epoch):
        redraw.key = epoch
        image.set_data(regions[epoch])
        marker.set_xdata([epoch, epoch])
        ax_r.title.set_text(f"Decision boundary after {epoch} epochs")
        return (f"after {epoch} epochs: training cost <b>{train_costs[epoch - 1]:.3f}</b>, dev "
                f"cost <b>{dev_cost[epoch]:.3f}</b>, dev accuracy <b>{dev_acc[epoch]:.1%}</b> "
                f"(best dev cost at epoch {best})")

    controls = {"epoch": widgets.SelectionSlider(options=epochs, value=epoch,
                                                 description="stop at")}
    return Explorer(controls, render, figures=[fig],
                    blit=[redraw],
                    description="Early stopping: boundary and costs at each stopping point")


EXAMPLES = {
    "early_stopping_explorer": lambda: early_stopping_explorer(
        _notebook_02()["snapshots"], _notebook_02()["train_costs"], *_notebook_02()["sets"],
        epoch=400),
}
