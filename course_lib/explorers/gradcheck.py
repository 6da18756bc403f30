"""Explorers for gradient checking (notebook 05).

- :func:`epsilon_explorer`: the errors of the one-sided and two-sided difference quotients of
  θ³ at θ = 1 against ε, with their truncation and round-off lines and an ε slider.
- :func:`planted_bug_explorer`: the per-component differences of a gradient check of a small tanh
  network whose backward pass has one of :data:`BUGS` planted (:func:`planted_bug_backward`).
"""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import gradcheck, initializers
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import COLORS, PALETTE

TINY = 1e-18  # an exact zero error cannot be drawn on a log scale


def _cube(v):
    return v[0] ** 3


def difference_errors(eps, *, theta: float = 1.0):
    """``(one-sided error, two-sided error)`` of the difference quotients of θ³ at ``theta``.

    The estimates are :func:`course_lib.gradcheck.one_sided_gradient` and
    :func:`course_lib.gradcheck.numerical_gradient`; the true derivative is 3 θ².
    """
    eps = check.positive("eps", eps)
    x = np.array([check.number("theta", theta)])
    one = gradcheck.one_sided_gradient(_cube, x, eps=eps)[0]
    two = gradcheck.numerical_gradient(_cube, x, eps=eps)[0]
    true = 3 * x[0] ** 2
    return abs(one - true), abs(two - true), one, two


def epsilon_explorer(*, eps: float = 1e-2) -> Explorer:
    """Errors of both difference quotients of θ³ at θ = 1 for ε from 1e-16 to 1e-1 (log-log).

    Controls: ``eps`` (a log slider, 1e-16 to 1e-1). A dot on each curve marks the chosen ε; the
    readout prints both estimates and their errors.
    """
    eps = check.number("eps", eps, low=1e-16, high=1e-1)
    grid = 10.0 ** np.arange(-16, -0.99, 0.05)
    errors = np.array([difference_errors(e)[:2] for e in grid])
    fig, ax = live_figure(figsize=(7.5, 4.2))
    ax.loglog(grid, np.maximum(errors[:, 0], TINY), color=PALETTE["vermillion"], marker="",
              linestyle="--", label="one-sided error")
    ax.loglog(grid, np.maximum(errors[:, 1], TINY), color=PALETTE["blue"], marker="",
              linestyle="-", label="two-sided error")
    ends = grid[[0, -1]]  # straight lines on log-log axes: two points each
    for y, color, label in ((3 * ends, PALETTE["vermillion"], "truncation 3ε (one-sided)"),
                            (ends**2, PALETTE["blue"], "truncation ε² (two-sided)"),
                            (2.2e-16 / ends, PALETTE["black"], "round-off ~1e-16/ε")):
        ax.loglog(ends, y, color=color, marker="", linestyle=":", linewidth=1, label=label)
    (dot_one,) = ax.loglog([], [], color=PALETTE["vermillion"], marker="s", markersize=9,
                           linestyle="none")
    (dot_two,) = ax.loglog([], [], color=PALETTE["blue"], marker="o", markersize=9,
                           linestyle="none")
    ax.set(xlabel="ε (log scale)", ylabel="|estimate - true derivative| (log scale)",
           ylim=(TINY, 10), title="Error of the difference quotients of θ³ at θ = 1")
    ax.legend(loc="lower left", ncols=2)

    def render(eps):
        err_one, err_two, one, two = difference_errors(eps)
        dot_one.set_data([eps], [max(err_one, TINY)])
        dot_two.set_data([eps], [max(err_two, TINY)])
        return (f"<b>ε = {eps:.1e}</b>: one-sided {one:.12f} (error {err_one:.1e}), "
                f"two-sided {two:.12f} (error {err_two:.1e})")

    # a tenth of a decade per step: from the default 1e-2, key presses do not hit the end at once
    controls = {"eps": widgets.FloatLogSlider(value=eps, base=10, min=-16, max=-1, step=0.1,
                                              description="ε", readout_format=".1e")}
    return Explorer(controls, render, figures=[fig], blit=[FastRedraw(fig, [dot_one, dot_two])],
                    description="One-sided and two-sided difference errors against epsilon")


BUGS = ("no bug", "layer 3: L2 term missing in dW3", "layer 2: tanh' written as 1 - A2",
        "layer 1: db1 not divided by m")


def planted_bug_backward(params, X, Y, *, lambd: float, bug: str = "no bug"):
    """Cost and gradients of notebook 05's 3-layer network (tanh, tanh, sigmoid, L2 ``lambd``).

    ``X`` has shape (n_x, m), ``Y`` shape (1, m). ``bug`` plants one of :data:`BUGS` in the
    backward pass, as the notebook writes it out ("no bug" equals
    ``course_lib.network.cost_and_grads`` with ``activation="tanh"``).
    """
    check.choice("bug", bug, BUGS)
    lambd = check.non_negative("lambd", lambd)
    m = X.shape[1]
    W1, b1, W2, b2, W3, b3 = (params[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    A1 = np.tanh(W1 @ X + b1)
    A2 = np.tanh(W2 @ A1 + b2)
    A3 = 1 / (1 + np.exp(-(W3 @ A2 + b3)))
    cost = (-np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
            + lambd / (2 * m) * sum(np.sum(W**2) for W in (W1, W2, W3)))
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m + (0 if bug == BUGS[1] else lambd / m * W3)
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dZ2 = (W3.T @ dZ3) * ((1 - A2) if bug == BUGS[2] else (1 - A2**2))
    dW2 = dZ2 @ A1.T / m + lambd / m * W2
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    dW1 = dZ1 @ X.T / m + lambd / m * W1
    db1 = dZ1.sum(axis=1, keepdims=True) / (1 if bug == BUGS[3] else m)
    return cost, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def _verdict(difference):
    """The course's reading of a relative difference (notebook 05 writes it out)."""
    if difference <= 1e-7:
        return "great"
    return "look closer" if difference < 1e-3 else "probably a bug"


def planted_bug_explorer(params, X, Y, *, lambd: float = 0.7,
                         bug: str = "layer 2: tanh' written as 1 - A2") -> Explorer:
    """Per-component gradient-check differences, by parameter block, for each planted bug.

    ``params`` holds W1, b1, W2, b2, W3, b3 of a network for ``X`` (shape (n_x, m)) and ``Y``
    (shape (1, m)). Every bug's check runs once here; the ``bug`` dropdown only shows it.
    """
    if not isinstance(params, dict) or sorted(params) != ["W1", "W2", "W3", "b1", "b2", "b3"]:
        check.fail("params", "a dict with W1, b1, W2, b2, W3, b3", params)
    X, Y = check.array("X", X, ndim=2), check.array("Y", Y, ndim=2)
    if Y.shape != (1, X.shape[1]):
        raise ValueError(f"Y must have shape (1, {X.shape[1]}) (one label per column of X), "
                         f"got {Y.shape}")
    lambd = check.non_negative("lambd", lambd)
    check.choice("bug", bug, BUGS)
    results = {}
    for name in BUGS:
        diff, rows = gradcheck.check_network_gradients(
            params, X, Y, cost_and_grads=partial(planted_bug_backward, lambd=lambd, bug=name))
        blocks = {k: gradcheck.relative_difference([r[3] for r in rows if r[0] == k],
                                                   [r[2] for r in rows if r[0] == k])
                  for k in params}
        results[name] = (diff, np.maximum([r[4] for r in rows], 1e-16), blocks)
    names = list(params)
    sizes = [params[k].size for k in names]
    starts = np.cumsum([0] + sizes[:-1])
    fig, ax = live_figure(figsize=(9, 4))
    block_steps = [  # one filled step outline per block: a handful of artists, not one per bar
        ax.stairs(np.ones(size), np.arange(start - 0.5, start + size), baseline=1e-16, fill=True,
                  color=COLORS[j], hatch=["", "//", "..", "xx", "\\\\", "--"][j], label=name)
        for j, (name, start, size) in enumerate(zip(names, starts, sizes))]
    total = sum(sizes)
    ax.axhline(1e-7, color=PALETTE["black"], linestyle=":", marker="", linewidth=1)
    ax.text(total - 0.5, 1.5e-7, "1e-7", ha="right", va="bottom", fontsize=8)
    ax.set(yscale="log", ylim=(1e-16, 1e4), xlim=(-1, total),
           xlabel="component i of θ (grouped by block)",
           ylabel="|dθ_approx[i] - dθ[i]| (log scale)", title="Per-component differences")
    ax.set_xticks(starts + (np.array(sizes) - 1) / 2, names)
    ax.legend(loc="upper right", ncols=6)

    def render(bug):
        diff, values, blocks = results[bug]
        for steps, start, size in zip(block_steps, starts, sizes):
            steps.set_data(values[start:start + size])
        worst = max(blocks, key=blocks.get)
        return (f"<b>difference {diff:.1e}: {_verdict(diff)}</b>; "
                f"largest block difference in {worst} ({blocks[worst]:.1e})")

    controls = {"bug": widgets.Dropdown(options=list(BUGS), value=bug, description="planted bug",
                                        layout=widgets.Layout(width="420px"),
                                        style={"description_width": "initial"})}
    explorer = Explorer(controls, render, figures=[fig], blit=[FastRedraw(fig, block_steps)],
                        description="Per-component gradient-check differences with a planted bug")
    explorer.results = results  # bug -> (difference, per-component |difference|, per-block)
    return explorer


def _example_problem():
    """Notebook 05's network and data, drawn after the two 6-vectors of its relative difference."""
    rng = np.random.default_rng(0)
    rng.standard_normal(6), rng.standard_normal(6)
    X = rng.standard_normal((3, 10))
    Y = (rng.random((1, 10)) < 0.5).astype(float)
    params = initializers.xavier([3, 5, 4, 1], rng)
    params = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in params.items()}
    return params, X, Y


EXAMPLES = {
    "epsilon_explorer": lambda: epsilon_explorer(eps=1e-2),
    "planted_bug_explorer": lambda: planted_bug_explorer(*_example_problem(), lambd=0.7,
                                                         bug="layer 2: tanh' written as 1 - A2"),
}
