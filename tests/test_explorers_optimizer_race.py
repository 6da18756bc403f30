"""The optimizer race of notebook 08 (course_lib/explorers/optimizer_race.py).

The readout's numbers are the plotted paths' ends and course_lib's own runs; a diverging run is
cut, flagged on the figure and in the table; a new surface brings its own learning rates and
window; a click moves the start; bad arguments are named.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent

from course_lib.explorers.optimizer_race import GOOD_LR, optimizer_race_explorer
from course_lib.figures.blit import status_text
from course_lib.figures.contours import LOOKS
from course_lib.optimizers import optimize
from course_lib.surfaces import bowl, rosenbrock

LR = {"gd": 1.8, "momentum": 3.0, "rmsprop": 0.02, "adam": 0.15}
HP = {"gd": {}, "momentum": {"beta": 0.9}, "rmsprop": {"beta": 0.999}, "adam": {}}
pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture
def race():
    explorer = optimizer_race_explorer(kappa=100.0, lr=LR)
    explorer.show_headless()
    yield explorer
    plt.close(explorer.figures[0])


def _lines(explorer):
    ax, ax_cost = explorer.figures[0].axes
    return ax, ax_cost


def _table(explorer):
    """optimizer label -> the cells after it in the readout's table row."""
    rows = re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", explorer.readout_widget.value)
    return {label: re.findall(r"<td>(.*?)</td>", rest) for label, rest in rows}


def _path_line(ax, name):
    """The path of optimizer ``name``: its colour, drawn as a line (its end marker is not)."""
    return next(line for line in ax.lines if line.get_color() == LOOKS[name]["color"]
                and line.get_linestyle() != "None")


def test_readout_and_paths_are_course_libs_runs(race):
    surface = bowl(condition=100.0)
    ax, ax_cost = _lines(race)
    table = _table(race)
    for label, name in (("gradient descent", "gd"), ("momentum", "momentum"),
                        ("RMSprop", "rmsprop"), ("Adam", "adam")):
        path = optimize(name, surface.grad, surface.start, n_steps=100, lr=LR[name], **HP[name])
        line = _path_line(ax, name)
        assert np.allclose(line.get_xydata(), path)
        gap = surface.value(*path[-1])
        assert np.isclose(ax_cost.lines[list(HP).index(name)].get_ydata()[-1], max(gap, 1e-16))
        cells = table[label]
        assert cells[0] == f"{LR[name]:.3g}" and cells[1] == f"{gap:.3g}"
        assert cells[2] == f"{np.linalg.norm(path[-1]):.3g}"


def test_the_figure_shows_the_lessons_race(race):
    """Gradient descent ends furthest from the minimum; momentum at α = 3 closest (cell 20)."""
    distances = {label: float(cells[2]) for label, cells in _table(race).items()}
    assert max(distances, key=distances.get) == "gradient descent"
    assert min(distances, key=distances.get) == "momentum"
    assert not status_text(race.figures[0].axes[0]).get_visible()


def test_a_diverging_run_is_cut_and_flagged(race):
    race.update(lr_gd=2.2)
    ax, _ = _lines(race)
    status = status_text(ax)
    assert status.get_visible()
    assert status.get_text() == "diverged: gradient descent"
    assert "<tr><td>gradient descent</td><td>2.2</td><td><b>diverged</b> at step" in \
        race.readout_widget.value
    for line in ax.lines:
        assert np.isfinite(line.get_xydata()).all()
    race.update(lr_gd=1.8)
    assert not status.get_visible()


def test_a_new_surface_brings_its_learning_rates_and_window(race):
    race.update(surface="Rosenbrock valley")
    assert {n: race.controls[f"lr_{n}"].value for n in LR} == pytest.approx(
        GOOD_LR["Rosenbrock valley"], rel=0.13)  # the log slider's step is 10^0.05
    ax, ax_cost = _lines(race)
    (x0, x1), (y0, y1) = rosenbrock().extent
    assert ax.get_xlim() == (x0, x1) and ax.get_ylim() == (y0, y1)
    assert "Rosenbrock" in race.readout and "κ and the angle apply to the bowl only" in race.readout


def test_a_click_moves_the_start(race):
    ax, _ = _lines(race)
    fig = race.figures[0]
    x, y = ax.transData.transform((-5.0, 4.0))
    fig.canvas.callbacks.process("button_press_event",
                                 MouseEvent("button_press_event", fig.canvas, x, y, button=1))
    start_dot = next(line for line in ax.lines
                     if line.get_marker() == "o" and line.get_markerfacecolor() == "white")
    assert np.allclose(np.ravel(start_dot.get_data()), [-5.0, 4.0], atol=0.05)
    start = np.ravel(start_dot.get_data())
    path = optimize("gd", bowl(condition=100.0).grad, start, n_steps=100, lr=1.8)
    assert _table(race)["gradient descent"][2] == f"{np.linalg.norm(path[-1]):.3g}"


@pytest.mark.parametrize("kwargs, match", [
    ({"kappa": 0.5}, "kappa must be a number in \\[1, 1000\\]"),
    ({"angle": 120}, "angle must be an integer in \\[0, 90\\]"),
    ({"lr": {"gd": 1.0}}, "lr must be a dict with an α for each of"),
    ({"surface": "bowl"}, "surface must be one of"),
    ({"steps": 500}, "steps must be an integer in \\[1, 200\\]"),
])
def test_bad_arguments_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        optimizer_race_explorer(**kwargs)
