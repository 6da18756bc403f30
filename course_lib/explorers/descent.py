"""Explorers of gradient descent on one weight (notebook 00).

- :func:`descent_explorer`: gradient descent on the course's running example
  :math:`J(w) = (w - 5)^2` from a start ``w0``, with sliders for the learning rate and the number of
  steps; the steps drawn on the cost curve, the cost after each step on a log scale, and a readout
  with the factor :math:`|1 - 2\\alpha|` that multiplies the distance to the minimum per step.

The figure computes with :func:`descent_path` (``course_lib.optimizers.optimize``'s plain gradient
descent) and reads what a path did with :func:`behaviour`, the rule notebook 00 writes out and
asserts equal to this one.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.figures.blit import FastRedraw, set_status, status_text
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE
from course_lib.optimizers import optimize

MINIMUM = 5.0          # J(w) = (w - 5)^2 is smallest at w = 5
ALPHA_RANGE = (0.01, 1.2)
MAX_STEPS = 60
MAX_DISTANCE = 1000.0  # |w0 - 5| the figure's w axis can span (the start and its mirror image)


def cost(w):
    """The running example's cost :math:`J(w) = (w - 5)^2` (elementwise for arrays)."""
    return (check.array("w", w) - MINIMUM) ** 2


def descent_path(w0, *, alpha, n_steps):
    """Every w visited by gradient descent on J(w) = (w - 5)^2, ``w0`` first; shape (n_steps + 1,).

    Each step is :math:`w \\leftarrow w - \\alpha \\cdot 2 (w - 5)`.
    """
    w0 = check.number("w0", w0)
    return optimize("gd", lambda w: 2 * (w - MINIMUM), w0, n_steps=n_steps, lr=alpha)


def behaviour(path) -> str:
    """What a path of gradient descent on J(w) = (w - 5)^2 does, read from the path itself.

    One of "stays at the minimum", "bounces forever", "diverges", "lands on the minimum in one
    step", "oscillates but converges", "converges smoothly".
    """
    path = check.array("path", path, ndim=1)
    if path.size < 2:
        raise ValueError(f"path must hold w0 and at least one step, got {path.size} value(s)")
    d = np.abs(path - MINIMUM)                # distance to the minimum after each step
    if d[0] == 0:
        return "stays at the minimum"
    if np.isclose(d[-1], d[0], rtol=1e-9, atol=0):
        return "bounces forever"              # the distance neither grows nor shrinks
    if d[-1] > d[0]:
        return "diverges"
    if d[1] == 0:
        return "lands on the minimum in one step"
    if np.any((path[1:] - MINIMUM) * (path[:-1] - MINIMUM) < 0):
        return "oscillates but converges"     # some step jumped past w = 5
    return "converges smoothly"


def descent_explorer(w0=0.0, *, alpha: float = 0.1, n_steps: int = 20) -> Explorer:
    """Gradient descent on J(w) = (w - 5)^2 from ``w0``: its steps on the cost curve and its cost.

    Controls: ``alpha`` (the learning rate, 0.01 to 1.2) and ``n_steps`` (1 to 60).
    """
    w0 = check.number("w0", w0)
    if abs(w0 - MINIMUM) > MAX_DISTANCE:
        check.fail("w0", f"a start within {MAX_DISTANCE:g} of the minimum w = 5", w0)
    alpha = check.number("alpha", alpha, low=ALPHA_RANGE[0], high=ALPHA_RANGE[1])
    n_steps = check.integer("n_steps", n_steps, low=1)
    if n_steps > MAX_STEPS:
        check.fail("n_steps", f"an integer in [1, {MAX_STEPS}] (the steps slider's range)",
                   n_steps)

    fig, (ax_path, ax_cost) = live_figure(1, 2, figsize=(9, 3.6))
    span = max(11.0, abs(w0 - MINIMUM) + 1)   # wide enough for the start w0 and its mirror image
    ws = np.linspace(MINIMUM - span, MINIMUM + span, 300)
    ax_path.plot(ws, cost(ws), color=PALETTE["black"], linewidth=1, marker="", label="J(w)")
    (steps_line,) = ax_path.plot([], [], color=PALETTE["orange"], marker="o", linestyle="--",
                                 label="gradient descent")
    ax_path.set(xlim=(MINIMUM - span, MINIMUM + span), ylim=(-0.04 * span**2, 1.08 * span**2),
                xlabel="w", ylabel="J(w)", title="Steps of gradient descent on J(w)")
    ax_path.legend(loc="upper right")
    (cost_line,) = ax_cost.semilogy([], [], color=PALETTE["blue"], marker="s",
                                    label="J after each step")
    ax_cost.set(xlabel="step", ylabel="J(w) (log scale)", title="Cost per step",
                xlim=(0, MAX_STEPS), ylim=(1e-12, 1e4))
    ax_cost.legend(loc="upper right")

    def render(alpha, n_steps):
        path = descent_path(w0, alpha=alpha, n_steps=n_steps)
        J = cost(path)
        factor = abs(1 - 2 * alpha)
        steps_line.set_data(path, J)
        cost_line.set_data(np.arange(len(path)), np.maximum(J, 1e-12))  # J = 0 has no logarithm
        seen = behaviour(path)
        set_status(ax_path, f"diverged: each step multiplies the distance by {factor:.2f}"
                   if seen == "diverges" else "")
        if seen == "bounces forever":
            seen += (f" between w = {path[0]:.4g} and w = {2 * MINIMUM - path[0]:.4g}: "
                     "it never converges")
        return (f"<b>α = {alpha:.2f}</b>: distance to the minimum × {factor:.2f} per step, "
                f"so gradient descent <b>{seen}</b>. After {n_steps} steps "
                f"w = {path[-1]:.4g}, J(w) = {J[-1]:.4g}.")

    controls = {
        "alpha": widgets.FloatSlider(value=alpha, min=ALPHA_RANGE[0], max=ALPHA_RANGE[1],
                                     step=0.01, description="α", readout_format=".2f",
                                     continuous_update=True),
        "n_steps": widgets.IntSlider(value=n_steps, min=1, max=MAX_STEPS, description="steps"),
    }
    # Only these change as the sliders move: redraw them over a cached picture of the rest.
    redraw = FastRedraw(fig, [steps_line, cost_line, status_text(ax_path)])
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    description="Gradient descent on J(w) = (w - 5)^2 with a learning-rate slider")


EXAMPLES = {
    "descent_explorer": lambda: descent_explorer(0.0, alpha=0.1, n_steps=20),
}
