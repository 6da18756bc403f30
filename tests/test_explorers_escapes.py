"""The saddle and plateau escapes of notebook 10 (course_lib/explorers/escapes.py).

Escape curves and readouts are course_lib's own runs; a diverging path is cut and flagged; what
the figure claims (Adam's escape barely depends on δ, gradient descent's grows) holds on the
plotted data; bad arguments are named.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers.escapes import (escape_steps, plateau_escape_explorer,
                                          saddle_escape_explorer)
from course_lib.figures.blit import status_text
from course_lib.figures.contours import LOOKS
from course_lib.optimizers import optimize
from course_lib.surfaces import plateau, saddle

SADDLE_LR = {"gd": 0.5, "momentum": 3.0, "rmsprop": 0.02, "adam": 0.05}
PLATEAU_LR = {"gd": 1.0, "momentum": 10.0, "rmsprop": 0.05, "adam": 0.1}
DELTAS = 10.0 ** np.arange(-12, -0.5, 0.5)
pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


def _shown(explorer):
    explorer.show_headless()
    return explorer


def _escape_curve(explorer, name):
    ax_esc = explorer.figures[0].axes[1]
    return next(line for line in ax_esc.lines if line.get_color() == LOOKS[name]["color"])


def test_saddle_escape_curves_and_readout_are_course_libs_runs():
    explorer = _shown(saddle_escape_explorer(DELTAS, lr=SADDLE_LR, delta=1e-6, steps=60))
    starts = np.stack([np.full(len(DELTAS), -2.0), DELTAS])
    hyper = {"gd": {}, "momentum": {"beta": 0.9}, "rmsprop": {"beta": 0.999}, "adam": {}}
    rows = dict(re.findall(r"<tr><td>(.*?)</td><td>[^<]*</td><td>(.*?)</td></tr>",
                           explorer.readout_widget.value))
    k = 12  # delta = 1e-6
    escapes = {}
    for name, label in (("gd", "gradient descent"), ("adam", "Adam")):
        esc = escape_steps(optimize(name, saddle().grad, starts, n_steps=300, lr=SADDLE_LR[name],
                                    **hyper[name]), saddle(), -0.2)
        escapes[name] = esc
        curve = _escape_curve(explorer, name)
        assert np.array_equal(curve.get_ydata(), esc[esc > 0])
        assert rows[label] == f"<b>{esc[k]}</b> steps"
    # what the figure shows: Adam's curve is flat, gradient descent's grows as delta shrinks
    assert np.ptp(escapes["adam"]) <= 3 and escapes["gd"][0] > 2 * escapes["gd"][-1]
    plt.close(explorer.figures[0])


def test_a_diverging_escape_is_cut_and_flagged():
    explorer = _shown(saddle_escape_explorer(DELTAS, lr=SADDLE_LR, steps=300))
    explorer.update(lr_gd=10 ** 1.5)
    ax = explorer.figures[0].axes[0]
    assert status_text(ax).get_text().startswith("diverged: gradient descent")
    assert "(diverged at step" in explorer.readout
    assert all(np.isfinite(line.get_xydata()).all() for line in ax.lines)
    plt.close(explorer.figures[0])


def test_plateau_readout_at_r_4():
    explorer = _shown(plateau_escape_explorer(np.arange(1.5, 5.51, 0.25), lr=PLATEAU_LR, r=4.0))
    assert explorer.readout.startswith("start distance r from the well = 4.00")
    start = np.array([0.8, 0.6]) * 4.0
    path = optimize("adam", plateau().grad, start, n_steps=450, lr=0.1)
    adam_steps = int(np.argmax(plateau().value(path[:, 0], path[:, 1]) < 0.5))
    assert re.search(rf"Adam\s*0\.1\s*{adam_steps} steps", explorer.readout)
    plt.close(explorer.figures[0])


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="δ must be one of the starts"):
        saddle_escape_explorer(DELTAS, lr=SADDLE_LR, delta=3e-6)
    with pytest.raises(ValueError, match="lr must be a dict with an α for each of"):
        plateau_escape_explorer(np.arange(1.5, 5.51, 0.25), lr={"adam": 0.1})
    with pytest.raises(ValueError, match="steps must be an integer in \\[1, 300\\]"):
        saddle_escape_explorer(DELTAS, lr=SADDLE_LR, steps=301)
    with pytest.raises(ValueError, match="deltas must be at least two distances > 0"):
        saddle_escape_explorer([1e-3, 0.0], lr=SADDLE_LR, delta=1e-3)
