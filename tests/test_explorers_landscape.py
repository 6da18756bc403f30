"""The explorers of notebook 10 (course_lib/explorers/landscape.py).

Bars and readouts are the counts they come from; escape curves and readouts are course_lib's own
runs; a diverging path is cut and flagged; what the figures claim (Adam's escape barely depends
on δ, gradient descent's grows) holds on the plotted data; bad arguments are named.
"""

from __future__ import annotations

import re

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers.landscape import (critical_points_explorer, escape_steps,
                                            plateau_escape_explorer, saddle_escape_explorer,
                                            surfaces_3d_explorer)
from course_lib.figures.blit import status_text
from course_lib.figures.contours import LOOKS
from course_lib.optimizers import optimize
from course_lib.surfaces import plateau, saddle

SADDLE_LR = {"gd": 0.5, "momentum": 3.0, "rmsprop": 0.02, "adam": 0.05}
PLATEAU_LR = {"gd": 1.0, "momentum": 10.0, "rmsprop": 0.05, "adam": 0.1}
DELTAS = 10.0 ** np.arange(-12, -0.5, 0.5)
pytestmark = pytest.mark.filterwarnings(
    "ignore:Passing unrecognized arguments to super:DeprecationWarning")


@pytest.fixture(scope="module", autouse=True)
def ipympl_backend():
    previous = matplotlib.get_backend()
    plt.switch_backend("module://ipympl.backend_nbagg")
    yield
    plt.close("all")
    plt.switch_backend(previous)


def _shown(explorer):
    explorer.show_headless()
    return explorer


def _escape_curve(explorer, name):
    ax_esc = explorer.figures[0].axes[1]
    return next(line for line in ax_esc.lines if line.get_color() == LOOKS[name]["color"])


def test_critical_point_bars_are_the_counts():
    rng = np.random.default_rng(2)
    negatives = {n: rng.integers(0, n + 1, size=200) for n in (1, 2, 3)}
    negatives[1][:] = 0  # every 1-D sample a minimum
    explorer = _shown(critical_points_explorer(negatives, n=2))
    bars = explorer.figures[0].axes[1].patches[0]
    counts = np.bincount(negatives[2], minlength=4)[:4] / 200
    assert np.allclose(bars.get_data().values, counts)
    assert f"minima (0 directions down) {counts[0]:.4f}" in explorer.readout
    assert f"saddle points {1 - counts[0] - counts[2]:.4f}" in explorer.readout
    explorer.update(n=1)
    assert "minima (0 directions down) 1.0000" in explorer.readout
    plt.close(explorer.figures[0])


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
    assert status_text(ax).get_text().startswith("diverged: gradient descent at step")
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


def test_surfaces_3d_has_one_3d_axes_per_surface():
    explorer = _shown(surfaces_3d_explorer([saddle(), plateau()], ["a", "b"]))
    assert [ax.name for ax in explorer.figures[0].axes] == ["3d", "3d"]
    assert [ax.get_title() for ax in explorer.figures[0].axes] == ["a", "b"]
    plt.close(explorer.figures[0])


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="titles must be one title per surface"):
        surfaces_3d_explorer([saddle()], ["a", "b"])
    with pytest.raises(ValueError, match="n must be one of the dimensions"):
        critical_points_explorer({1: np.zeros(5), 2: np.zeros(5)}, n=3)
    with pytest.raises(ValueError, match="δ must be one of the starts"):
        saddle_escape_explorer(DELTAS, lr=SADDLE_LR, delta=3e-6)
    with pytest.raises(ValueError, match="lr must be a dict with an α for each of"):
        plateau_escape_explorer(np.arange(1.5, 5.51, 0.25), lr={"adam": 0.1})
    with pytest.raises(ValueError, match="steps must be an integer in \\[1, 300\\]"):
        saddle_escape_explorer(DELTAS, lr=SADDLE_LR, steps=301)
