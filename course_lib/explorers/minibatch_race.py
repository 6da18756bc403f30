"""Explorers racing mini-batch sizes on the same least-squares problem (notebook 06).

- :func:`race_explorer`: the cost gap J(w) - J_min of each size against examples seen and
  against modelled time, and which size first gets below a target gap (the slider).
- :func:`measured_race_explorer`: the same race against measured time on this machine, from the
  seconds per step the notebook measured.

Both train with :func:`course_lib.minibatch.least_squares_descent` (the batches of
``random_mini_batches``), as :func:`course_lib.explorers.minibatch.minibatch_explorer` does.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.explorers.minibatch import least_squares_problem, notebook_problem, step_time
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import COLORS, LINESTYLES, MARKERS, PALETTE
from course_lib.minibatch import least_squares_batches, least_squares_descent


def race(X, Y, *, w0, sizes, lr: float = 0.3, n_epochs: int = 5, seed: int = 0) -> dict:
    """Each size's run: ``size -> (examples seen, steps, gap J(w) - J_min)``, one entry per point.

    Every size gets its batches from ``np.random.default_rng(seed)`` and ``n_epochs`` epochs at
    ``lr``, as the notebook's race cell computes them.
    """
    X, Y, w0, _, J_min, cost = least_squares_problem(X, Y, w0)
    lr = check.positive("lr", lr)
    n_epochs = check.integer("n_epochs", n_epochs, low=1)
    seed = check.integer("seed", seed, low=0)
    if not isinstance(sizes, (list, tuple)) or not sizes:
        check.fail("sizes", "a non-empty list of mini-batch sizes", sizes)
    out = {}
    for size in sizes:
        batches = least_squares_batches(X, Y, size, n_epochs=n_epochs,
                                        rng=np.random.default_rng(seed))
        path, _ = least_squares_descent(batches, w0, lr=lr)
        if np.isnan(path).any():
            raise ValueError(f"lr must be small enough for every size to converge; size {size} "
                             f"diverged at lr = {lr!r}")
        seen = np.concatenate([[0], np.cumsum(batches.sizes)])
        out[size] = (seen, np.arange(len(path)), cost(path) - J_min)
    return out


def _styles(runs, m):
    styles = {}
    for k, (size, (_, steps, _)) in enumerate(runs.items()):
        styles[size] = dict(
            color=COLORS[5 if size == m else k % 5], linestyle=LINESTYLES[k % 7],
            marker=MARKERS[k % 7], markevery=max(1, len(steps) // 8),
            linewidth={1: 0.5, 8: 0.8}.get(size, 1.6),  # noisy runs thin: the rest stays visible
            zorder=3 if size == 64 else 1 if size == 1 else 2,
            alpha=0.55 if size in (1, 8) else 1.0,
            label=f"size {size}" + (" (batch)" if size == m else
                                    " (stochastic)" if size == 1 else ""))
    return styles


def _level_control(level):
    level = check.number("level", level, low=1e-3, high=1.0)
    return widgets.FloatLogSlider(value=level, base=10, min=-3, max=0, step=0.25,
                                  description="target gap", readout_format=".3g")


def _first_below(gap, level):
    hit = np.flatnonzero(gap < level)
    return int(hit[0]) if hit.size else None


def race_explorer(X, Y, *, w0, sizes=(1, 8, 64, 256, 1000), lr: float = 0.3, n_epochs: int = 5,
                  parallel: float = 64, level: float = 0.01, seed: int = 0) -> Explorer:
    """The race of ``sizes`` against examples seen and modelled time; ``level`` the target gap.

    Control: ``level`` (the dotted target gap, 0.001 to 1); the readout says when each size first
    gets below it, and which size is first per example seen and per unit of modelled time.
    """
    runs = race(X, Y, w0=w0, sizes=list(sizes), lr=lr, n_epochs=n_epochs, seed=seed)
    parallel = check.positive("parallel", parallel)
    m = np.asarray(X).shape[1]
    styles = _styles(runs, m)
    times = {s: steps * step_time(s, parallel) for s, (_, steps, _) in runs.items()}
    fig, (ax_e, ax_t) = live_figure(1, 2, figsize=(10, 3.8))
    for size, (seen, _, gap) in runs.items():
        ax_e.plot(np.maximum(seen, 1), gap, **styles[size])
        ax_t.plot(np.maximum(times[size], 1), gap, **styles[size])
    lines = []
    for ax, xlabel in ((ax_e, "examples seen"), (ax_t, "time (model units)")):
        ax.set(xscale="log", yscale="log", xlabel=xlabel, ylabel="J(w) - J_min", ylim=(1e-4, 10))
        lines.append(ax.axhline(level, color=PALETTE["black"], linestyle=":", marker="",
                                linewidth=1, label="target gap"))
    ax_e.set_title("Progress per example seen")
    ax_t.set_title("Progress per unit of time (model)")
    ax_t.legend(loc="lower left", fontsize=8)

    def render(level):
        for line in lines:
            line.set_ydata([level, level])
        rows, by_seen, by_time = [], {}, {}
        for size, (seen, _, gap) in runs.items():
            k = _first_below(gap, level)
            if k is None:
                rows.append(f"size {size}: not within {n_epochs} epochs")
                continue
            by_seen[size], by_time[size] = seen[k], times[size][k]
            rows.append(f"size {size}: after {k} steps, {int(seen[k]):,} examples, "
                        f"{times[size][k]:.1f} time units")
        first = ("none of the sizes gets there" if not by_seen else
                 f"first per example seen: <b>size {min(by_seen, key=by_seen.get)}</b>; first in "
                 f"modelled time: <b>size {min(by_time, key=by_time.get)}</b>")
        return f"J(w) - J_min &lt; {level:.3g}: " + "; ".join(rows) + f"<br>{first}"

    return Explorer({"level": _level_control(level)}, render, figures=[fig],
                    blit=[FastRedraw(fig, lines)],
                    description="Cost gap against examples seen and modelled time")


def measured_race_explorer(X, Y, *, w0, seconds_per_step: dict, lr: float = 0.3,
                           n_epochs: int = 5, level: float = 0.01, seed: int = 0) -> Explorer:
    """The race of the sizes in ``seconds_per_step`` (size -> measured seconds) against time.

    Control: ``level`` (the target gap); the readout says when each size first gets below it.
    """
    if not isinstance(seconds_per_step, dict) or not seconds_per_step:
        check.fail("seconds_per_step", "a dict of mini-batch size -> seconds per step",
                   seconds_per_step)
    per_step = {s: check.positive(f"seconds_per_step[{s!r}]", t)
                for s, t in seconds_per_step.items()}
    runs = race(X, Y, w0=w0, sizes=list(per_step), lr=lr, n_epochs=n_epochs, seed=seed)
    styles = _styles(runs, np.asarray(X).shape[1])
    fig, ax = live_figure(figsize=(6.5, 3.6))
    for size, (_, steps, gap) in runs.items():
        ax.plot(1e3 * per_step[size] * steps[1:], gap[1:], **styles[size])
    line = ax.axhline(level, color=PALETTE["black"], linestyle=":", marker="", linewidth=1,
                      label="target gap")
    ax.set(xscale="log", yscale="log", ylim=(1e-4, 10), xlabel="measured time (ms, log scale)",
           ylabel="J(w) - J_min", title="Progress per millisecond on this machine")
    ax.legend(loc="lower left", fontsize=8)

    def render(level):
        line.set_ydata([level, level])
        reached = {}
        for size, (_, _, gap) in runs.items():
            k = _first_below(gap, level)
            reached[size] = np.inf if k is None else k * per_step[size]
        rows = [f"size {s}: " + (f"after {1e3 * t:.3f} ms" if np.isfinite(t) else
                                 f"not within {n_epochs} epochs") for s, t in reached.items()]
        best = min(reached, key=reached.get)
        first = f"first: <b>size {best}</b>" if np.isfinite(reached[best]) else "none gets there"
        return f"J(w) - J_min &lt; {level:.3g} (measured): " + "; ".join(rows) + f"<br>{first}"

    return Explorer({"level": _level_control(level)}, render, figures=[fig],
                    blit=[FastRedraw(fig, [line])],
                    description="Cost gap against measured wall-clock time")


# Seconds per step as measured once on a 2-core machine: the notebook passes its own measurement
_MEASURED = {1: 11.2e-6, 8: 6.9e-6, 64: 8.2e-6, 256: 13.0e-6, 1000: 30.6e-6}

EXAMPLES = {
    "race_explorer": lambda: race_explorer(**notebook_problem(0), sizes=(1, 8, 64, 256, 1000),
                                           lr=0.3, n_epochs=5, parallel=64, level=0.01),
    "measured_race_explorer": lambda: measured_race_explorer(
        **notebook_problem(0), seconds_per_step=_MEASURED, lr=0.3, n_epochs=5, level=0.01),
}
