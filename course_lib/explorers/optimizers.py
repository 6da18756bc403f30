"""Explorers of notebook 08 besides the race (which is in ``optimizer_race.py``).

- :func:`momentum_limit_explorer`: steps to converge against the learning rate on an elongated
  bowl, gradient descent against momentum with a chosen β, with both stability limits marked.
- :func:`network_race_explorer`: one network trained by the four optimizers: the cost curves and
  each optimizer's decision regions after a chosen epoch.

:func:`momentum_steps` computes what the first shows (the notebook's lesson cell writes it out);
the second shows :func:`course_lib.snapshots.train_with_snapshots` runs.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets
import matplotlib as mpl
import matplotlib.ticker as mticker
import numpy as np

from course_lib import _validate as check
from course_lib.data import binary_targets, moons
from course_lib.figures.blit import FastRedraw
from course_lib.figures.contours import LOOKS, OPTIMIZER_LABELS
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.regions import region_grid
from course_lib.figures.style import COLORS, MARKERS, PALETTE
from course_lib.snapshots import train_with_snapshots


def momentum_steps(w_start, *, kappa: float, betas, alphas, max_steps: int) -> np.ndarray:
    """Steps until J < 1e-6 J(start) on ``bowl(condition=kappa)`` for every (β, α); NaN: never.

    Momentum in the EWA form from ``w_start`` (shape ``(2,)``), all runs at once; β = 0 is
    gradient descent. Returns shape ``(len(betas), len(alphas))``.
    """
    w_start = check.array("w_start", w_start, ndim=1)
    kappa = check.number("kappa", kappa, low=1.0)
    max_steps = check.integer("max_steps", max_steps, low=1)
    B, A = np.meshgrid(check.array("betas", betas, ndim=1), check.array("alphas", alphas, ndim=1),
                       indexing="ij")
    curvature = np.array([1 / kappa, 1.0])
    w = np.broadcast_to(w_start, B.shape + (2,)).copy()
    v = np.zeros_like(w)
    target = 1e-6 * 0.5 * (w_start**2 * curvature).sum()
    steps = np.full(B.shape, np.nan)
    alive = np.ones(B.shape, dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, max_steps + 1):
            v = B[..., None] * v + (1 - B[..., None]) * curvature * w
            w = w - A[..., None] * v
            cost = 0.5 * (w**2 * curvature).sum(axis=-1)
            done = alive & (cost < target)
            steps[done] = step
            alive &= ~done & np.isfinite(cost) & (cost < 1e6)
    return steps


def momentum_limit_explorer(alphas, steps_needed, *, betas, beta: float = 0.9,
                            max_steps: int = 3000, kappa: float = 100.0) -> Explorer:
    """Steps to converge per α, gradient descent (β = 0) against momentum with the chosen β.

    ``steps_needed[i, j]`` is for ``betas[i]`` and ``alphas[j]`` (NaN: never), as
    :func:`momentum_steps` returns it.

    ``betas[0]`` must be 0 (gradient descent); the slider picks one of the others.
    """
    alphas = check.array("alphas", alphas, ndim=1)
    betas = check.array("betas", betas, ndim=1)
    steps_needed = check.array("steps_needed", steps_needed, ndim=2)
    if steps_needed.shape != (len(betas), len(alphas)):
        raise ValueError(f"steps_needed must have shape (len(betas), len(alphas)) = "
                         f"{(len(betas), len(alphas))}, got {steps_needed.shape}")
    if len(betas) < 2 or betas[0] != 0:
        check.fail("betas", "at least two values starting with 0 (gradient descent)", list(betas))
    if not np.any(np.isclose(betas[1:], beta)):
        check.fail("beta", f"one of betas[1:] = {[float(b) for b in betas[1:]]}", beta)
    converged = [np.isfinite(row) for row in steps_needed]
    if not all(ok.any() for ok in converged):
        raise ValueError("steps_needed must have a converged run (a finite entry) for every beta")
    stable = [alphas[ok].max() for ok in converged]
    best = [(alphas[np.nanargmin(row)], np.nanmin(row)) for row in steps_needed]
    at_one = steps_needed[:, np.argmin(np.abs(alphas - 1.0))]
    fig, ax = live_figure(figsize=(8.5, 4.0))
    ax.plot(alphas[converged[0]], steps_needed[0][converged[0]], markersize=4,
            label="gradient descent (β = 0)", **LOOKS["gd"])
    (line,) = ax.plot([], [], markersize=4, label="momentum (β chosen below)", **LOOKS["momentum"])
    ax.axvline(2.0, color=COLORS[0], linestyle=":", marker="", linewidth=1.2,
               label="its limit α = 2")
    limit = ax.axvline(38.0, color=COLORS[1], linestyle=":", marker="", linewidth=1.2,
                       label="its limit α = 2(1+β)/(1-β)")
    ax.set(xscale="log", yscale="log", xlim=(alphas[0], alphas[-1]), ylim=(5, max_steps * 1.5),
           xlabel="learning rate α (log scale)", ylabel="steps until J < 1e-6 J(start)",
           title=f"Steps to converge on the κ = {kappa:.0f} valley "
                 f"(no point: diverged or > {max_steps})")
    ax.legend(loc="upper right", ncols=2)
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_minor_locator(mticker.NullLocator())

    index = {float(b): i for i, b in enumerate(betas)}

    def render(beta):
        i = index[beta]
        b = betas[i]
        line.set_data(alphas[converged[i]], steps_needed[i][converged[i]])
        limit.set_xdata([2 * (1 + b) / (1 - b)] * 2)
        return (f"<b>β = {b:g}</b>: largest α that converged {stable[i]:.1f} (gradient descent "
                f"{stable[0]:.2f}); best momentum run {best[i][1]:.0f} steps at "
                f"α = {best[i][0]:.2f}, "
                f"best gradient descent run {best[0][1]:.0f} steps at α = {best[0][0]:.2f}; "
                f"at α = 1: momentum {at_one[i]:.0f} steps, gradient descent {at_one[0]:.0f}.")

    slider = widgets.SelectionSlider(options=[(f"{b:g}", float(b)) for b in betas[1:]],
                                     value=float(betas[np.isclose(betas, beta)][0]),
                                     description="β (momentum)")
    return Explorer({"beta": slider}, render, figures=[fig], blit=[FastRedraw(fig, [line, limit])],
                    description="Steps to converge against the learning rate, gradient descent vs "
                                "momentum")


def network_race_explorer(runs: dict, X, labels, grid, *, lr: dict, epoch: int = 4,
                          every: int = 2) -> Explorer:
    """Cost curves of ``runs`` and each one's decision regions on ``grid`` after the chosen epoch.

    ``runs`` holds one :func:`course_lib.snapshots.train_with_snapshots` result per optimizer, on
    ``grid`` (shape ``(2, r * r)``); the regions are drawn over the points ``X`` (shape ``(2, m)``)
    coloured by ``labels``. ``lr`` gives each optimizer's α (for labels).
    """
    if not isinstance(runs, dict) or sorted(runs) != sorted(OPTIMIZER_LABELS):
        check.fail("runs", f"a dict of train_with_snapshots results for each of "
                   f"{sorted(OPTIMIZER_LABELS)}", runs)
    X, labels = check.array("X", X, ndim=2), np.asarray(labels).ravel()
    grid = check.array("grid", grid, ndim=2)
    side = int(round(np.sqrt(grid.shape[1])))
    if grid.shape[0] != 2 or side * side != grid.shape[1]:
        raise ValueError(f"grid must have shape (2, r * r) (region_grid's), got {grid.shape}")
    every = check.integer("every", every, low=1)
    n_epochs = len(runs["gd"]["costs"])
    epoch = check.integer("epoch", epoch, low=every)
    if epoch > n_epochs or epoch % every:
        check.fail("epoch", f"a multiple of {every} in [{every}, {n_epochs}]", epoch)
    fig, axes = live_figure(2, 3, figsize=(9.6, 4.7))
    for ax in axes[:, 0]:
        ax.remove()
    ax_curve = fig.add_subplot(axes[0, 0].get_gridspec()[:, 0])
    epochs = np.arange(1, n_epochs + 1)
    for name, label in OPTIMIZER_LABELS.items():
        ax_curve.plot(epochs, runs[name]["costs"], markevery=6,
                      label=f"{label} (α = {lr[name]:g})", **LOOKS[name])
    epoch_line = ax_curve.axvline(every, color=PALETTE["black"], linestyle=":", marker="",
                                  label="epoch shown on the right")
    ax_curve.set(yscale="log", xlabel="epoch", ylabel="training cost (log scale)",
                 title="Training cost per epoch")
    ax_curve.legend(loc="upper right", fontsize=8)
    ax_curve.yaxis.set_minor_locator(mticker.NullLocator())
    ax_curve.yaxis.set_major_locator(mticker.LogLocator(subs=(1.0, 2.0, 5.0)))
    ax_curve.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:g}"))
    extent = (grid[0].min(), grid[0].max(), grid[1].min(), grid[1].max())
    # each snapshot's regions as RGBA once (class colours at alpha 0.25): colour-mapping on
    # every redraw would cost more than drawing them
    palette = (mpl.colors.to_rgba_array(COLORS[:2], alpha=0.25) * 255).round().astype(np.uint8)
    rgba = {name: palette[np.asarray(runs[name]["regions"], dtype=int).reshape(-1, side, side)]
            for name in OPTIMIZER_LABELS}
    images = {}
    for i, (ax, (name, label)) in enumerate(zip(axes[:, 1:].ravel(), OPTIMIZER_LABELS.items())):
        images[name] = ax.imshow(rgba[name][0], origin="lower", extent=extent, aspect="auto",
                                 interpolation="nearest")
        for c in (0, 1):
            pts = X[:, labels == c]
            ax.scatter(pts[0], pts[1], s=6, color=COLORS[c], marker=MARKERS[c], linewidths=0,
                       label=f"class {c}")
        ax.set_title(label, fontsize=10)
        ax.set(xticks=[], yticks=[], xlabel="x1" if i >= 2 else "",
               ylabel="x2" if i % 2 == 0 else "")
    axes[0, 1].legend(loc="lower left", fontsize=7, markerscale=2)

    def render(epoch):
        k = epoch // every  # snapshot 0 is before training
        epoch_line.set_xdata([epoch] * 2)
        parts = []
        for name, label in OPTIMIZER_LABELS.items():
            images[name].set_data(rgba[name][k])
            parts.append(f"{label}: cost {runs[name]['costs'][epoch - 1]:.3f}, "
                         f"dev accuracy {runs[name]['dev_acc'][epoch - 1]:.3f}")
        return f"<b>decision regions after epoch {epoch}</b>: " + "; ".join(parts)

    slider = widgets.IntSlider(value=epoch, min=every, max=n_epochs, step=every,
                               description="epoch")
    # only the regions and the epoch line change; the points show through the translucent regions
    redraw = FastRedraw(fig, [epoch_line, *images.values()])
    return Explorer({"epoch": slider}, render, figures=[fig], blit=[redraw],
                    description="Cost curves and decision regions of one network trained by four "
                                "optimizers")


NET_LR = {"gd": 0.3, "momentum": 3.0, "rmsprop": 0.01, "adam": 0.03}
NET_HP = {"gd": {}, "momentum": {"beta": 0.9}, "rmsprop": {"beta": 0.999}, "adam": {}}


@functools.cache
def _moons_runs(seed: int = 0):
    """Notebook 08's two-moons data, training runs and grid (cached: they take a few seconds)."""
    rng = np.random.default_rng(seed)
    X, labels = moons(400, noise=0.2, rng=rng)
    X_dev, labels_dev = moons(200, noise=0.2, rng=rng)
    grid = region_grid(X, resolution=70)
    runs = {name: train_with_snapshots(X, binary_targets(labels), grid=grid, optimizer=name,
                                       lr=NET_LR[name], rng=np.random.default_rng(seed + 1),
                                       n_epochs=60, every=2, X_dev=X_dev,
                                       Y_dev=binary_targets(labels_dev), layer_dims=[2, 16, 16, 1],
                                       mini_batch_size=64, **NET_HP[name])
            for name in OPTIMIZER_LABELS}
    return runs, X, labels, grid


def _example_limit():
    betas = np.array([0.0, 0.5, 0.8, 0.9, 0.95, 0.99])
    alphas = np.unique(np.r_[np.geomspace(0.01, 500, 96), 1.0])
    steps = momentum_steps(np.array([-9.0, 3.0]), kappa=100.0, betas=betas, alphas=alphas,
                           max_steps=3000)
    return momentum_limit_explorer(alphas, steps, betas=betas, beta=0.9, max_steps=3000)


EXAMPLES = {
    "momentum_limit_explorer": _example_limit,
    "network_race_explorer": lambda: network_race_explorer(*_moons_runs(), lr=NET_LR, epoch=4),
}
