"""Explorers for dropout (notebook 02).

- :func:`dropout_expectation_explorer`: the mean of a few units' activations over many examples
  after dropout, with the mask alone and with inverted dropout (divided by ``keep_prob``).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import regularization as reg
from course_lib.figures.blit import FrameCache
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE


def dropout_expectation_explorer(activations, *, keep_prob=0.5, n_examples=20_000,
                                 seed=0) -> Explorer:
    """Units with ``activations`` (shape (n,)) repeated over ``n_examples`` examples, dropped out.

    Each render draws the masks with ``course_lib.regularization.dropout_forward`` and
    ``np.random.default_rng(seed)``. Control: ``keep_prob`` (0.1 to 1).
    """
    a = check.array("activations", activations, ndim=1)
    if not 1 <= a.size <= 8 or np.any(a <= 0):
        raise ValueError(f"activations must be 1 to 8 positive numbers (one bar group each), "
                         f"got {a.size} values with minimum {a.min() if a.size else None}")
    keep_prob = check.number("keep_prob", keep_prob, low=0.1, high=1.0)
    n_examples = check.integer("n_examples", n_examples, low=1)
    seed = check.integer("seed", seed, low=0)
    a_many = np.repeat(a[:, None], n_examples, axis=1)
    fig, ax = live_figure(figsize=(7, 3.6))
    xs, width = np.arange(a.size), 0.27
    ax.bar(xs - width, a, width, color=PALETTE["black"], label="a (no dropout)")
    bars_mask = ax.bar(xs, a, width, color=PALETTE["sky"], hatch="//", label="mean of a * d")
    bars_inv = ax.bar(xs + width, a, width, color=PALETTE["orange"], hatch="..",
                      label="mean of a * d / keep_prob")
    ax.set(xticks=xs, xticklabels=[f"unit {i + 1}" for i in range(a.size)],
           ylim=(0, max(1.8, 1.3 * a.max())), xlabel="hidden unit", ylabel="activation",
           title=f"Expected activation over {n_examples:,} examples")
    ax.legend(loc="upper left")
    means = {}
    redraw = FrameCache(fig, [*bars_mask, *bars_inv])  # 19 states: each frame drawn once

    def render(keep_prob):
        redraw.key = keep_prob
        if keep_prob not in means:  # the same masks for the same keep_prob: compute once
            dropped, mask = reg.dropout_forward(a_many, keep_prob, np.random.default_rng(seed))
            means[keep_prob] = (a_many * mask).mean(axis=1), dropped.mean(axis=1)
        mean_mask, mean_inv = means[keep_prob]
        for bar, h in zip(bars_mask, mean_mask):
            bar.set_height(h)
        for bar, h in zip(bars_inv, mean_inv):
            bar.set_height(h)
        return (f"keep_prob = {keep_prob:.2f}: mask alone keeps "
                f"<b>{mean_mask.sum() / a.sum():.1%}</b> of the total activation, inverted "
                f"dropout <b>{mean_inv.sum() / a.sum():.1%}</b>")

    controls = {"keep_prob": widgets.FloatSlider(value=keep_prob, min=0.1, max=1.0, step=0.05,
                                                 description="keep_prob", readout_format=".2f")}
    return Explorer(controls, render, figures=[fig],
                    blit=[redraw],
                    description="Mean activation with and without dividing by keep_prob")


EXAMPLES = {
    "dropout_expectation_explorer": lambda: dropout_expectation_explorer(
        [0.2, 0.5, 0.9, 1.4], keep_prob=0.5, n_examples=20_000),
}
