"""Explorers for softmax itself (notebook 13).

- :func:`softmax_bars_explorer`: one example's logits and a temperature, softmax next to hard max.

The class regions of softmax networks are in :mod:`course_lib.explorers.softmax_regions`.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import softmax as sm
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import COLORS, PALETTE

LOGIT_RANGE = (-10.0, 10.0)


def softmax_bars_explorer(z, *, classes, temperature: float = 1.0) -> Explorer:
    """Bars of ``softmax(z / T)`` and of hard max for one example's logits ``z`` (one per class).

    Controls: one slider per logit (``z0``, ``z1``, ..., -10 to 10) and ``temperature`` T
    (0.1 to 10).
    """
    z = check.array("z", z, ndim=1)
    if not 2 <= z.size <= len(COLORS) or np.any(np.abs(z) > LOGIT_RANGE[1]):
        raise ValueError(f"z must hold 2 to {len(COLORS)} logits in [-10, 10], got {z.tolist()}")
    if (not isinstance(classes, (list, tuple)) or len(classes) != z.size
            or not all(isinstance(c, str) for c in classes)):
        check.fail("classes", f"a list of {z.size} class names (one per logit)", classes)
    temperature = check.number("temperature", temperature, low=0.1, high=10.0)
    fig, ax = live_figure(figsize=(7.5, 3.6))
    positions = np.arange(z.size)
    soft_bars = ax.bar(positions - 0.2, np.zeros(z.size), width=0.4, color=PALETTE["blue"],
                       label="softmax(z / T)")
    hard_bars = ax.bar(positions + 0.2, np.zeros(z.size), width=0.4, color=PALETTE["orange"],
                       hatch="//", edgecolor="white", label="hard max")
    labels = [ax.text(p - 0.2, 0, "", ha="center", va="bottom", fontsize=9) for p in positions]
    # the room above 1 holds the legend, clear of the bars and their labels
    ax.set(xticks=positions, xticklabels=classes, ylim=(0, 1.3), yticks=np.linspace(0, 1, 6),
           ylabel="probability", xlabel="class", title="Softmax of one example's logits")
    ax.legend(loc="upper center", ncol=2)

    def render(temperature, **logits):
        logits = np.array([logits[f"z{j}"] for j in range(z.size)], dtype=float)
        p = sm.softmax(logits / temperature)
        top = logits == logits.max()
        hard = top / top.sum()  # a tie shares the 1
        for bar, label, value in zip(soft_bars, labels, p):
            bar.set_height(value)
            label.set_text(f"{value:.3f}")
            label.set_y(value + 0.01)
        for bar, value in zip(hard_bars, hard):
            bar.set_height(value)
        return (f"<b>T = {temperature:.2f}</b>: probabilities "
                + ", ".join(f"{name} {value:.3f}" for name, value in zip(classes, p))
                + f"; largest {p.max():.3f} (hard max gives 1)")

    controls = {f"z{j}": widgets.FloatSlider(value=float(v), min=LOGIT_RANGE[0], max=LOGIT_RANGE[1],
                                             step=0.5, description=f"z ({name})",
                                             style={"description_width": "90px"})
                for j, (v, name) in enumerate(zip(z, classes))}
    controls["temperature"] = widgets.FloatLogSlider(value=temperature, base=10, min=-1, max=1,
                                                     step=0.05, description="T",
                                                     readout_format=".2f")

    def layout(controls, canvases, readout):
        sliders = [controls[f"z{j}"] for j in range(z.size)]
        half = (z.size + 1) // 2
        columns = widgets.HBox([widgets.VBox(sliders[:half]), widgets.VBox(sliders[half:])])
        return widgets.VBox([columns, controls["temperature"], *canvases, readout])

    redraw = FastRedraw(fig, [*soft_bars, *hard_bars, *labels])
    return Explorer(controls, render, figures=[fig], blit=[redraw], layout=layout,
                    description="Softmax versus hard max for one example's logits, with a "
                                "temperature")


EXAMPLES = {
    "softmax_bars_explorer": lambda: softmax_bars_explorer(
        [5.0, 2.0, -1.0, 3.0], classes=["cat", "dog", "baby chick", "other"], temperature=1.0),
}
