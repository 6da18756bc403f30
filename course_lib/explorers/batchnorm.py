"""Explorers for training with and without batch norm (notebook 12).

- :func:`shift_explorer`: one hidden unit's values over training, without and with BN:
  histograms at the chosen epoch and the mean ± std over all epochs, per learning rate.
- :func:`cost_explorer`: the cost per epoch at the chosen learning rate and the final cost of
  every run, without and with BN.

Both take the notebook's ``runs``: ``{(lr, batchnorm): run}`` for the same learning rates with
``batchnorm`` False and True. The noise of mini-batch statistics and the running averages for
test time are in :mod:`course_lib.explorers.batchnorm_noise`.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.explorers._bn_lesson import BINS, lesson_data
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE

STYLE = {False: (PALETTE["vermillion"], "o", "without BN"), True: (PALETTE["blue"], "s", "with BN")}


def _rates(runs, keys):
    """The learning rates of ``runs``, checked to hold both variants and ``keys`` of each."""
    if not isinstance(runs, dict) or not runs:
        check.fail("runs", "a dict {(lr, batchnorm): run} with batchnorm False and True", runs)
    rates = sorted({key[0] for key in runs if isinstance(key, tuple) and len(key) == 2})
    for lr in rates:
        for bn in (False, True):
            if (lr, bn) not in runs or not all(k in runs[lr, bn] for k in keys):
                check.fail("runs", f"a run with {list(keys)} for ({lr}, {bn}), as for every "
                                   "learning rate", runs.get((lr, bn)))
    if not rates:
        check.fail("runs", "a dict {(lr, batchnorm): run}", runs)
    return rates


def _big(x):
    return f"{x:.2f}" if abs(x) < 1e4 else f"{x:.1e}"  # the plain unit at α = 3 blows up


def shift_explorer(runs: dict, *, bins=BINS, epoch: int = 150, lr: float = 0.3, layer: int = 3,
                   unit: int = 0) -> Explorer:
    """The watched unit's histogram at ``epoch`` and its mean ± std over training, at ``lr``.

    Each run holds ``counts`` (epochs + 1, len(bins) - 1: the share of examples per bin after each
    epoch, epoch 0 first), ``means`` and ``stds`` (epochs + 1). ``layer`` and ``unit`` only
    label the axes. Controls: ``epoch`` and ``lr`` (one of the runs' learning rates).
    """
    rates = _rates(runs, ("counts", "means", "stds"))
    bins = check.array("bins", bins, ndim=1)
    n_epochs = len(runs[rates[0], False]["means"]) - 1
    for key, run in runs.items():
        if np.shape(run["counts"]) != (n_epochs + 1, bins.size - 1):
            check.fail(f"runs[{key}]['counts']", f"an array of shape ({n_epochs + 1}, "
                                                 f"{bins.size - 1}) (epochs + 1, bins)", run["counts"])
    epoch = check.integer("epoch", epoch, low=0)
    if epoch > n_epochs:
        check.fail("epoch", f"an integer in [0, {n_epochs}]", epoch)
    check.choice("lr", lr, rates)
    fig, (ax_plain, ax_bn, ax_track) = live_figure(1, 3, figsize=(11, 3.6))
    stairs, first, track, bands = {}, {}, {}, {}
    for ax, bn, name in ((ax_plain, False, "without BN: z"), (ax_bn, True, "with BN: z̃")):
        first[bn] = ax.stairs(np.zeros(bins.size - 1), bins, color=PALETTE["black"],
                              linestyle="--", linewidth=1, label="epoch 0")
        stairs[bn] = ax.stairs(np.zeros(bins.size - 1), bins, fill=True, color=STYLE[bn][0],
                               alpha=0.6, label="current epoch")
        ax.set(xlim=(bins[0], bins[-1]), ylim=(0, 0.5), xlabel=f"value of unit {unit} of layer {layer}",
               ylabel="fraction of examples", title=name)
        ax.legend(loc="upper right")
    epochs = np.arange(n_epochs + 1)
    for bn, (color, marker, label) in STYLE.items():
        (track[bn],) = ax_track.plot([], [], color=color, marker=marker, markevery=15,
                                     label=f"mean, {label}")
        bands[bn] = ax_track.fill_between(epochs, 0, 0, color=color, alpha=0.15)
    (now_line,) = ax_track.plot([0, 0], [-5, 5], color=PALETTE["black"], linewidth=1,
                                linestyle=":", marker="")
    # values are clipped to [-5, 5]; the room above holds the legend, clear of the moving curves
    ax_track.set(xlim=(0, n_epochs), ylim=(-5.3, 8.5), yticks=[-4, -2, 0, 2, 4], xlabel="epoch",
                 ylabel="mean ± std of the unit", title="Mean ± std over training")
    ax_track.legend(loc="upper center", ncol=2, fontsize=8)

    def render(epoch, lr):
        parts = []
        for bn in (False, True):
            run = runs[lr, bn]
            stairs[bn].set_data(run["counts"][epoch])
            first[bn].set_data(run["counts"][0])
            track[bn].set_data(epochs, np.clip(run["means"], -5, 5))
            low = np.clip(run["means"] - run["stds"], -5, 5)
            high = np.clip(run["means"] + run["stds"], -5, 5)
            # the band's outline, along the top and back along the bottom
            bands[bn].set_verts([np.column_stack([np.r_[epochs, epochs[::-1]],
                                                  np.r_[high, low[::-1]]])])
            moved = abs(run["means"][epoch] - run["means"][0]) + abs(run["stds"][epoch] - run["stds"][0])
            parts.append(f"{'with' if bn else 'without'} BN: mean {_big(run['means'][epoch])}, "
                         f"std {_big(run['stds'][epoch])} (moved {_big(moved)} since epoch 0)")
        now_line.set_xdata([epoch, epoch])
        return f"<b>α = {lr:g}, epoch {epoch}</b>: " + "; ".join(parts)

    controls = {"epoch": widgets.IntSlider(value=epoch, min=0, max=n_epochs, description="epoch"),
                "lr": widgets.SelectionSlider(options=rates, value=lr, description="α")}
    # Only these change as the controls move: redraw them over a cached picture of the rest.
    redraw = FastRedraw(fig, [*bands.values(), *track.values(), now_line, *first.values(),
                              *stairs.values()])
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    description="Histograms of a hidden unit over training, without and with "
                                "batch norm")


def cost_explorer(runs: dict, *, lr: float = 1.0) -> Explorer:
    """The cost per epoch of the runs at ``lr``, and the final cost of every run.

    Each run holds ``costs`` (one per epoch) and ``dev_acc``. Control: ``lr``.
    """
    rates = _rates(runs, ("costs", "dev_acc"))
    check.choice("lr", lr, rates)
    n_epochs = len(runs[rates[0], False]["costs"])
    fig, (ax_curve, ax_final) = live_figure(1, 2, figsize=(10, 3.8))
    epochs, curves = np.arange(1, n_epochs + 1), {}
    for bn, (color, marker, label) in STYLE.items():
        (curves[bn],) = ax_curve.semilogy([], [], color=color, marker=marker, markevery=15,
                                          label=label)
        ax_final.loglog(rates, [runs[r, bn]["costs"][-1] for r in rates], color=color,
                        marker=marker, linestyle="-" if bn else "--", label=label)
    ax_curve.set(xlim=(1, n_epochs), ylim=(5e-3, 1e2), xlabel="epoch",
                 ylabel="training cost J (log scale)", title="Cost per epoch at the chosen α")
    ax_curve.legend(loc="upper right")
    (chosen,) = ax_final.plot([], [], linestyle="", marker="o", markersize=14,
                              markerfacecolor="none", color=PALETTE["black"], label="chosen α")
    ax_final.set(xlabel="learning rate α (log scale)", ylabel=f"cost after {n_epochs} epochs (log scale)",
                 title="Final cost of every run")
    ax_final.legend(loc="upper left")

    def render(lr):
        parts = []
        for bn in (False, True):
            run = runs[lr, bn]
            curves[bn].set_data(epochs, np.clip(run["costs"], 1e-3, 1e3))
            parts.append(f"{'with' if bn else 'without'} BN: final cost {run['costs'][-1]:.3f}, "
                         f"dev accuracy {run['dev_acc']:.1%}")
        chosen.set_data([lr, lr], [runs[lr, False]["costs"][-1], runs[lr, True]["costs"][-1]])
        return f"<b>α = {lr:g}</b>: " + "; ".join(parts)

    controls = {"lr": widgets.SelectionSlider(options=rates, value=lr, description="α")}
    return Explorer(controls, render, figures=[fig],
                    blit=[FastRedraw(fig, [*curves.values(), chosen])],
                    description="Training cost with and without batch norm at several learning "
                                "rates")


EXAMPLES = {
    "shift_explorer": lambda: shift_explorer(lesson_data()["runs"], epoch=150, lr=0.3),
    "cost_explorer": lambda: cost_explorer(lesson_data()["runs"], lr=1.0),
}
