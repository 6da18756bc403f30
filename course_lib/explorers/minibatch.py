"""Explorers for mini-batch gradient descent (notebook 06).

- :func:`minibatch_explorer`: the path of mini-batch gradient descent on the contours of a
  two-weight least-squares cost, and the mini-batch and full costs it logs, against steps,
  examples seen or modelled time; mini-batch size, α, epochs and x axis as controls.
- :func:`race_explorer` and :func:`measured_race_explorer` (in ``minibatch_race.py``) race
  several sizes.

Training uses :func:`course_lib.minibatch.least_squares_descent` on the batches of
:func:`course_lib.minibatch.least_squares_batches` (the shuffle of ``random_mini_batches``).
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np

from course_lib import _validate as check
from course_lib.divergence import finite_prefix
from course_lib.figures.blit import FastRedraw, set_status, status_text
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE
from course_lib.minibatch import least_squares_batches, least_squares_descent

X_AXES = {"steps": "step (log scale)", "examples seen": "examples seen (log scale)",
          "time (model)": "time (model units, log scale)"}


def least_squares_problem(X, Y, w0):
    """Check ``X (2, m)``, ``Y (1, m)``, ``w0 (2,)``; return ``(X, Y, w0, w_star, J_min, cost)``.

    ``cost(W)`` is the exact full cost :math:`J_{\\min} + \\tfrac12 (w - w^*)^\\top H (w - w^*)`
    for weight vectors as the rows of ``W (k, 2)``.
    """
    X = check.array("X", X, ndim=2, what="an array of shape (2, m)")
    if X.shape[0] != 2 or X.shape[1] < 2:
        raise ValueError(f"X must have shape (2, m) with m >= 2 (two weights), got shape {X.shape}")
    Y = check.array("Y", Y, what="an array of shape (1, m)")
    if Y.shape != (1, X.shape[1]):
        raise ValueError(f"Y must have shape (1, {X.shape[1]}) like X, got shape {Y.shape}")
    w0 = check.array("w0", w0, ndim=1, what="an array of shape (2,)")
    if w0.shape != (2,):
        raise ValueError(f"w0 must have shape (2,) (two weights), got shape {w0.shape}")
    m = X.shape[1]
    H, g = X @ X.T / m, X @ Y[0] / m
    w_star = np.linalg.solve(H, g)
    J_min = float(np.mean((w_star @ X - Y[0]) ** 2) / 2)

    def cost(W):
        d = np.asarray(W) - w_star
        return J_min + 0.5 * np.einsum("ki,ij,kj->k", d, H, d)

    return X, Y, w0, w_star, J_min, cost


def step_time(size, parallel):
    """The notebook's time model: a step of ``size`` examples takes ``max(1, size / parallel)``."""
    return max(1.0, size / parallel)


def _window(name, pair):
    values = check.array(name, pair, ndim=1, what="a pair (low, high)")
    if values.shape != (2,) or not np.all(np.isfinite(values)) or values[0] >= values[1]:
        check.fail(name, "a pair (low, high) of numbers with low < high", pair)
    return float(values[0]), float(values[1])


def _thin(ax, x, y):
    """Keep the first, lowest, highest and last point of each pixel column of the log x axis."""
    n_columns = max(100, int(ax.bbox.width))
    if len(x) <= 2 * n_columns:
        return x, y
    lo, hi = np.log(ax.get_xlim())
    column = ((np.log(x) - lo) / (hi - lo) * n_columns).astype(int)
    order = np.lexsort((y, column))  # by column, then by value
    first = np.flatnonzero(np.r_[True, np.diff(column) > 0])
    last = np.r_[first[1:], len(x)] - 1
    keep = np.unique(np.concatenate([first, last, order[first], order[last]]))
    return x[keep], y[keep]


def minibatch_explorer(X, Y, *, w0, mini_batch_size: int = 64, lr: float = 0.3, n_epochs: int = 3,
                       x_axis: str = "steps", parallel: float = 64, max_epochs: int = 5,
                       seed: int = 0, xlim=(-2.5, 3.0), ylim=(-2.5, 2.5)) -> Explorer:
    """Mini-batch gradient descent from ``w0`` on least squares with ``X (2, m)``, ``Y (1, m)``.

    Controls: ``mini_batch_size`` (powers of two below m, and m; on release: size 1 draws
    thousands of steps), ``lr`` (α, 0.003 to 1), ``n_epochs`` (1 to ``max_epochs``), ``x_axis``
    (steps, examples seen, modelled time with ``parallel`` examples per unit). Every size's
    batches come from ``np.random.default_rng(seed)``, as in the notebook.
    """
    X, Y, w0, w_star, J_min, cost = least_squares_problem(X, Y, w0)
    m = X.shape[1]
    sizes = [2**i for i in range(20) if 2**i < m] + [m]
    mini_batch_size = check.choice("mini_batch_size", mini_batch_size, sizes)
    lr = check.number("lr", lr, low=10**-2.5, high=1.0)
    max_epochs = check.integer("max_epochs", max_epochs, low=1)
    n_epochs = check.integer("n_epochs", n_epochs, low=1)
    if n_epochs > max_epochs:
        raise ValueError(f"n_epochs must be at most max_epochs = {max_epochs}, got {n_epochs}")
    x_axis = check.choice("x_axis", x_axis, X_AXES)
    parallel = check.positive("parallel", parallel)
    seed = check.integer("seed", seed, low=0)
    (x0, x1), (y0, y1) = _window("xlim", xlim), _window("ylim", ylim)
    batches = {s: least_squares_batches(X, Y, s, n_epochs=max_epochs,
                                        rng=np.random.default_rng(seed)) for s in sizes}

    fig, (ax_c, ax_j) = live_figure(1, 2, figsize=(10, 4.3), width_ratios=(1, 1.25))
    g1, g2 = np.meshgrid(np.linspace(x0, x1, 150), np.linspace(y0, y1, 150))
    J_grid = cost(np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    ax_c.contour(g1, g2, J_grid, levels=J_min + np.geomspace(0.005, 8, 12),
                 colors=PALETTE["sky"], linewidths=0.9)
    (path_line,) = ax_c.plot([], [], color=PALETTE["vermillion"], marker="", linewidth=0.9,
                             label="mini-batch GD")
    (end_dot,) = ax_c.plot([], [], color=PALETTE["vermillion"], marker="o", linestyle="",
                           label="end")
    ax_c.plot(*w_star, color=PALETTE["black"], marker="*", markersize=12, linestyle="",
              label="minimum w*")
    ax_c.plot(*w0, color=PALETTE["orange"], marker="s", linestyle="", label="start")
    ax_c.set(xlim=(x0, x1), ylim=(y0, y1), xlabel="w1", ylabel="w2",
             title="Path on the contours of J")
    ax_c.set_aspect("equal")
    ax_c.legend(loc="lower left", fontsize=8)  # away from the start, the minimum and the status
    (batch_line,) = ax_j.plot([], [], color=PALETTE["sky"], marker="", linewidth=0.7, alpha=0.8,
                              label="mini-batch cost J{t}")
    (full_line,) = ax_j.plot([], [], color=PALETTE["blue"], marker="", linewidth=2.2,
                             linestyle="-", label="full cost J(w)")
    ax_j.axhline(J_min, color=PALETTE["black"], linestyle=":", marker="", linewidth=1,
                 label="J_min")
    ax_j.set(xscale="log", xlim=(0.8, max_epochs * m), yscale="log", ylim=(0.03, 20),
             ylabel="cost (log scale)", title="Cost as training goes")
    ax_j.legend(loc="upper right")
    # The x label changes with the x-axis buttons: a text where the axis label goes, blitted
    xlabel = ax_j.annotate("", xy=(0.5, 0), xycoords="axes fraction", xytext=(0, -21),
                           textcoords="offset points", ha="center", va="top",
                           fontsize=mpl.rcParams["axes.labelsize"])
    redraw = FastRedraw(fig, [path_line, end_dot, batch_line, full_line, xlabel,
                              status_text(ax_c)])

    def render(mini_batch_size, lr, n_epochs, x_axis):
        size, run = mini_batch_size, batches[mini_batch_size]
        per_epoch = run.steps_per_epoch
        path, batch_costs = least_squares_descent(run, w0, lr=lr, n_steps=per_epoch * n_epochs)
        path, bad = finite_prefix(path)  # cut a diverging run where it leaves the float range
        batch_costs = batch_costs[:len(path) - 1] if bad is not None else batch_costs
        full = cost(path[:len(batch_costs)])
        steps = np.arange(1, len(full) + 1)
        x = {"steps": steps, "examples seen": np.cumsum(run.sizes[:len(steps)]),
             "time (model)": steps * step_time(size, parallel)}[x_axis]
        path_line.set_data(path[:, 0], path[:, 1])
        end_dot.set_data(path[-1:, 0], path[-1:, 1])
        batch_line.set_data(*_thin(ax_j, x, np.maximum(batch_costs, 1e-3)))
        full_line.set_data(*_thin(ax_j, x, full))
        xlabel.set_text(X_AXES[x_axis])
        set_status(ax_c, "" if bad is None
                   else f"diverged: α = {lr:.3g} is too large for size {size}")
        if bad is not None:
            return (f"<b>diverged</b> after {bad} steps: lower α (size {size}, {per_epoch} steps "
                    "per epoch)")
        last = f", last one with {m % size} examples" if m % size else ""
        units = n_epochs * per_epoch * step_time(size, parallel)
        return (f"mini-batch size {size}: {per_epoch} steps per epoch{last}; {len(full)} steps in "
                f"{n_epochs} epoch(s) = {units:.1f} time units<br>"
                f"final J = <b>{cost(path[-1:])[0]:.4f}</b> (J_min = {J_min:.4f}), "
                f"distance to w* = <b>{np.linalg.norm(path[-1] - w_star):.3f}</b>")

    controls = {
        "mini_batch_size": widgets.SelectionSlider(
            options=[(f"{s}" if s < m else f"{m} (= m)", s) for s in sizes], value=mini_batch_size,
            description="mini-batch", continuous_update=False),
        "lr": widgets.FloatLogSlider(value=lr, base=10, min=-2.5, max=0, step=0.05,
                                     description="α", readout_format=".3f"),
        "n_epochs": widgets.IntSlider(value=n_epochs, min=1, max=max_epochs, description="epochs"),
        "x_axis": widgets.ToggleButtons(options=tuple(X_AXES), value=x_axis, description="x axis"),
    }

    def layout(c, canvases, readout):  # α first: the browser test presses the first slider's
        # key both ways, and 4 presses right from size 64 reach the size slider's end
        return widgets.VBox([widgets.HBox([c["lr"], c["mini_batch_size"]]),
                             widgets.HBox([c["n_epochs"], c["x_axis"]]), *canvases, readout])

    return Explorer(controls, render, figures=[fig], blit=[redraw], layout=layout,
                    description="Mini-batch gradient descent: path on contours and cost curves")


def notebook_problem(seed: int = 0) -> dict:
    """Notebook 06's data (its cell 7) as keywords: ``X (2, 1000)`` correlated and normalized,
    ``Y (1, 1000)``, ``w0``."""
    rng = np.random.default_rng(check.integer("seed", seed, low=0))
    m = 1000
    X = np.linalg.cholesky(np.array([[1.0, 0.6], [0.6, 1.0]])) @ rng.standard_normal((2, m))
    X = (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
    Y = (np.array([1.5, -1.0]) @ X + 0.5 * rng.standard_normal(m))[None, :]
    return {"X": X, "Y": Y, "w0": np.array([-2.0, 2.0])}


EXAMPLES = {
    "minibatch_explorer": lambda: minibatch_explorer(**notebook_problem(0), mini_batch_size=64,
                                                     lr=0.3, n_epochs=3, parallel=64),
}
