"""Explorers for learning-rate decay (notebook 09).

- :func:`schedule_explorer`: α per epoch for a chosen schedule of :mod:`course_lib.schedules` and
  its parameters, against the fixed α0.
- :func:`decay_runs_explorer`: mini-batch gradient descent with the fixed α0 and with the schedule
  chosen in a :func:`schedule_explorer`, on the same mini-batches; the cost gap and both paths
  near the minimum, retrained when the learner presses **Train both runs**.

:func:`schedule_alphas` is what the schedule figure plots (the notebook checks it against
``course_lib.schedules``). Training uses :func:`course_lib.minibatch.least_squares_descent`.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import schedules
from course_lib.divergence import finite_prefix
from course_lib.explorers.minibatch import least_squares_problem
from course_lib.figures.blit import FastRedraw, relabelled_yaxis, set_status, status_text
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE
from course_lib.minibatch import least_squares_batches, least_squares_descent

NAMES = [k for k in schedules.SCHEDULES if k != "constant"]
"""The schedules the figure offers (every one of ``schedules.SCHEDULES`` but the constant)."""


def schedule_alphas(schedule: str, lr0: float, n_epochs: int, *, decay_rate: float = 1.0,
                    base: float = 0.95, k: float = 1.0, drop: float = 0.5,
                    interval: int = 5) -> np.ndarray:
    """α for epochs 1 to ``n_epochs`` of ``schedule`` (a name in :data:`NAMES`).

    ``decay_rate`` drives inverse-time and fixed-interval decay, ``base`` the exponential, ``k``
    the inverse square root, ``drop`` the staircase; ``interval`` is the staircase's step length
    and the fixed-interval ``time_interval``.
    """
    schedule = check.choice("schedule", schedule, NAMES)
    e = np.arange(1, check.integer("n_epochs", n_epochs, low=1) + 1)
    if schedule == "inverse time":
        return schedules.inverse_time_decay(lr0, e, decay_rate=decay_rate)
    if schedule == "exponential":
        return schedules.exponential_decay(lr0, e, base=base)
    if schedule == "inverse sqrt":
        return schedules.inverse_sqrt_decay(lr0, e, k=k)
    if schedule == "staircase":
        return schedules.staircase_decay(lr0, e, drop=drop, every=interval)
    return schedules.fixed_interval_decay(lr0, e, decay_rate=decay_rate, time_interval=interval)


def schedule_explorer(*, n_epochs: int = 30, schedule: str = "inverse time", lr0: float = 0.3,
                      decay_rate: float = 1.0, base: float = 0.95, k: float = 1.0,
                      drop: float = 0.5, interval: int = 5) -> Explorer:
    """α per epoch of ``schedule`` for ``n_epochs`` epochs, against the fixed ``lr0``.

    Controls: ``schedule``, ``lr0`` (α0, 0.01 to 1), ``decay_rate`` (0 to 5), ``base`` (0.7 to 1),
    ``k`` (0.1 to 2), ``drop`` (0.1 to 1), ``interval`` (1 to 15).
    """
    n_epochs = check.integer("n_epochs", n_epochs, low=10)  # the readout shows epoch 10
    lr0 = check.number("lr0", lr0, low=0.01, high=1.0)
    values = {"decay_rate": check.number("decay_rate", decay_rate, low=0.0, high=5.0),
              "base": check.number("base", base, low=0.7, high=1.0),
              "k": check.number("k", k, low=0.1, high=2.0),
              "drop": check.number("drop", drop, low=0.1, high=1.0)}
    interval = check.integer("interval", interval, low=1)
    if interval > 15:
        raise ValueError(f"interval must be an integer in [1, 15], got {interval}")
    schedule_alphas(schedule, lr0, n_epochs)  # checks the schedule's name
    epochs = np.arange(1, n_epochs + 1)
    fig, ax = live_figure(figsize=(8.2, 3.4))
    (fixed_line,) = ax.plot([], [], color=PALETTE["black"], linestyle="--", marker="",
                            label="fixed α0")
    (decayed_line,) = ax.plot([], [], color=PALETTE["vermillion"], marker="o", label="decayed α")
    ax.set(xlim=(0, n_epochs + 1), xlabel="epoch", title="Learning rate per epoch")
    ax.legend(loc="upper right", ncols=2)
    # α0 spans 0.01 to 1: the α axis is rescaled for each setting (data divided by its top)
    set_top, alpha_axis = relabelled_yaxis(ax, ylabel="learning rate α", widest="0.0000",
                                           nbins=5, grid=True)

    def render(schedule, lr0, decay_rate, base, k, drop, interval):
        alphas = schedule_alphas(schedule, lr0, n_epochs, decay_rate=decay_rate, base=base, k=k,
                                 drop=drop, interval=interval)
        top = 1.15 * max(lr0, alphas.max())  # room for the legend above the lines
        fixed_line.set_data(epochs, np.full(n_epochs, lr0 / top))  # the α axis shows 0 to top
        decayed_line.set_data(epochs, alphas / top)
        set_top(top)
        tenth = np.flatnonzero(alphas <= lr0 / 10)
        when = f"epoch {epochs[tenth[0]]}" if tenth.size else f"not within {n_epochs} epochs"
        return (f"<b>{schedule}</b>, α0 = {lr0:.3f}: α at epochs 1 / 10 / {n_epochs} = "
                f"<b>{alphas[0]:.4f} / {alphas[9]:.4f} / {alphas[-1]:.4f}</b>; "
                f"α falls to α0 / 10 at {when}.")

    slider = widgets.FloatSlider
    controls = {
        "schedule": widgets.Dropdown(options=NAMES, value=schedule, description="schedule"),
        "lr0": widgets.FloatLogSlider(value=lr0, base=10, min=-2, max=0, step=0.05,
                                      description="α0", readout_format=".3f"),
        "decay_rate": slider(value=values["decay_rate"], min=0.0, max=5.0, step=0.05,
                             description="decay_rate"),
        "base": slider(value=values["base"], min=0.7, max=1.0, step=0.005,
                       description="base (exp.)", readout_format=".3f"),
        "k": slider(value=values["k"], min=0.1, max=2.0, step=0.05, description="k (sqrt)"),
        "drop": slider(value=values["drop"], min=0.1, max=1.0, step=0.05,
                       description="drop (stair)"),
        "interval": widgets.IntSlider(value=interval, min=1, max=15, description="interval"),
    }

    def layout(c, canvases, readout):
        return widgets.VBox([widgets.HBox([c["schedule"], c["lr0"], c["decay_rate"]]),
                             widgets.HBox([c["base"], c["k"]]),
                             widgets.HBox([c["drop"], c["interval"]]), *canvases, readout])

    explorer = Explorer(controls, render, figures=[fig],
                        blit=[FastRedraw(fig, [*alpha_axis, fixed_line, decayed_line])],
                        layout=layout, description="Learning-rate schedules: alpha per epoch for "
                                                   "the chosen schedule and parameters")
    return explorer


def decay_runs_explorer(X, Y, *, w0, schedule_from: Explorer, mini_batch_size: int = 16,
                        n_epochs: int = 30, seed: int = 0, zoom: float = 0.35) -> Explorer:
    """Fixed α0 against the schedule of ``schedule_from``, from ``w0`` on the same mini-batches.

    ``X (2, m)``, ``Y (1, m)``: least squares with two weights; ``schedule_from`` is a
    :func:`schedule_explorer` whose current controls give α0 and the schedule. One control, the
    **Train both runs** button; the readout gives J - J_min over the last 5 epochs of each run.
    """
    X, Y, w0, w_star, J_min, cost = least_squares_problem(X, Y, w0)
    if not isinstance(schedule_from, Explorer) or "schedule" not in schedule_from.controls:
        check.fail("schedule_from", "the Explorer of schedule_explorer(...)", schedule_from)
    n_epochs = check.integer("n_epochs", n_epochs, low=5)  # the readout averages 5 epochs
    zoom = check.positive("zoom", zoom)
    batches = least_squares_batches(X, Y, mini_batch_size, n_epochs=n_epochs,
                                    rng=np.random.default_rng(check.integer("seed", seed, low=0)))
    per_epoch, n_steps = batches.steps_per_epoch, len(batches.k)
    fig, (ax_j, ax_f, ax_d) = live_figure(1, 3, figsize=(10.5, 3.9))
    (gap_fixed,) = ax_j.semilogy([], [], color=PALETTE["black"], linestyle="--", marker="",
                                 linewidth=1.0, label="fixed α0")
    (gap_decay,) = ax_j.semilogy([], [], color=PALETTE["vermillion"], marker="", linewidth=1.3,
                                 label="decayed α")
    ax_j.set(xlim=(0, n_steps), ylim=(1e-6, 10), xlabel=f"step ({per_epoch} per epoch)",
             ylabel="J(w) - J_min", title="Cost above the minimum")
    ax_j.legend(loc="upper right", ncols=2)
    g1, g2 = np.meshgrid(np.linspace(w_star[0] - zoom, w_star[0] + zoom, 120),
                         np.linspace(w_star[1] - zoom, w_star[1] + zoom, 120))
    gap_grid = (cost(np.column_stack([g1.ravel(), g2.ravel()])) - J_min).reshape(g1.shape)
    paths, dots = [], []
    for ax, name, color, style in ((ax_f, "fixed α0", PALETTE["black"], "--"),
                                   (ax_d, "decayed α", PALETTE["vermillion"], "-")):
        ax.contour(g1, g2, gap_grid, levels=[0.001, 0.003, 0.01, 0.03, 0.06],
                   colors=PALETTE["blue"], linewidths=0.8, linestyles="solid")
        ax.plot(*w_star, marker="*", markersize=14, color=PALETTE["green"], linestyle="none",
                label="minimum w*")
        paths += ax.plot([], [], color=color, linestyle=style, marker="", linewidth=0.6,
                         alpha=0.7, label=f"path, {name}")
        dots += ax.plot([], [], color=color, marker="s", markersize=10, markerfacecolor="none",
                        markeredgewidth=2, linestyle="none", zorder=5,
                        label="mean of last 5 epochs")
        ax.set(xlim=(w_star[0] - zoom, w_star[0] + zoom), ylim=(w_star[1] - zoom, w_star[1] + zoom),
               xlabel="w1", ylabel="w2", aspect="equal", title=f"Near w*: {name}")
        ax.legend(loc="lower left", fontsize=7)
    steps = np.arange(n_steps + 1)
    fixed_runs = {}
    status = widgets.Label()

    def train(lr):
        return finite_prefix(least_squares_descent(batches, w0, lr=lr)[0])

    def render():
        values = schedule_from.values
        lr0, name = values.pop("lr0"), values.pop("schedule")
        alphas = schedule_alphas(name, lr0, n_epochs, **values)
        if lr0 not in fixed_runs:
            fixed_runs[lr0] = train(lr0)
        texts = []
        for (path, bad), ax, line, dot, gap, label in zip(
                (fixed_runs[lr0], train(alphas[batches.epoch])), (ax_f, ax_d), paths, dots,
                (gap_fixed, gap_decay), (f"fixed α0 = {lr0:.3f}", f"{name} decay")):
            line.set_data(path[:, 0], path[:, 1])
            gap.set_data(steps[:len(path)], np.clip(cost(path) - J_min, 1e-6, 1e6))
            if bad is not None:
                dot.set_data([], [])
                set_status(ax, f"diverged at step {bad}: α too large")
                texts.append(f"{label}: <b>diverged</b> at step {bad}")
                continue
            tail = path[-5 * per_epoch:]
            centre = tail.mean(axis=0)
            dot.set_data([centre[0]], [centre[1]])
            set_status(ax, "")
            texts.append(f"{label}: J - J_min over the last 5 epochs = "
                         f"<b>{np.mean(cost(tail)) - J_min:.2e}</b>")
        status.value = f"done: {name} decay against fixed α0 = {lr0:.3f}, {n_steps} steps each"
        return "; ".join(texts)

    button = widgets.Button(description="Train both runs", icon="play", button_style="primary")

    def on_click(_):
        status.value = "training both runs ..."
        explorer.refresh()

    button.on_click(on_click)

    def layout(c, canvases, readout):
        return widgets.VBox([widgets.HBox([c["train"], status]), *canvases, readout])

    explorer = Explorer({"train": button}, render, figures=[fig],
                        blit=[FastRedraw(fig, [gap_fixed, gap_decay, *paths, *dots,
                                               status_text(ax_f), status_text(ax_d)])],
                        layout=layout,
                        description="Fixed vs decayed learning rate on the same mini-batches: "
                                    "cost gap and paths near the minimum")
    explorer.status = status
    return explorer


def notebook_problem(seed: int = 0) -> dict:
    """Notebook 09's data (its cell 9) as keywords: ``X (2, 512)`` correlated, ``Y``, ``w0``."""
    rng = np.random.default_rng(check.integer("seed", seed, low=0))
    m = 512
    X = np.array([[1.0, 0.0], [0.6, 0.8]]) @ rng.standard_normal((2, m))
    X = (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
    Y = (np.array([1.0, -0.5]) @ X + 0.8 * rng.standard_normal(m))[None, :]
    w_star = np.linalg.solve(X @ X.T / m, X @ Y[0] / m)
    return {"X": X, "Y": Y, "w0": w_star + np.array([-1.2, 1.0])}


EXAMPLES = {
    "schedule_explorer": lambda: schedule_explorer(n_epochs=30, schedule="inverse time", lr0=0.3),
    "decay_runs_explorer": lambda: decay_runs_explorer(
        **notebook_problem(0), schedule_from=schedule_explorer(n_epochs=30), mini_batch_size=16,
        n_epochs=30, seed=0),
}
