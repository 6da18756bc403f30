"""The learning-rate decay explorers of notebook 09: the plotted α is course_lib.schedules', the
runs are the written-out loop's, the readouts are the notebook's numbers, bad input is refused."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import schedules
from course_lib.explorers.decay import (NAMES, decay_runs_explorer, notebook_problem,
                                        schedule_alphas, schedule_explorer)
from course_lib.minibatch import random_mini_batches
from course_lib.optimizers import gd_init, gd_step

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def problem():
    return notebook_problem(0)


def _line(fig, label):
    (line,) = [ln for ax in fig.axes for ln in ax.lines if ln.get_label() == label]
    return line


SETTINGS = [("inverse time", {"decay_rate": 1.0}), ("exponential", {"base": 0.9}),
            ("inverse sqrt", {"k": 1.5}), ("staircase", {"drop": 0.3, "interval": 4}),
            ("fixed interval", {"decay_rate": 2.0, "interval": 7})]


@pytest.mark.parametrize("name, params", SETTINGS)
def test_plotted_alpha_and_readout_are_the_schedules(name, params):
    explorer = schedule_explorer()
    explorer.update(schedule=name, lr0=0.5, **params)
    fig = explorer.figures[0]
    expected = {"inverse time": lambda e: schedules.inverse_time_decay(0.5, e, decay_rate=1.0),
                "exponential": lambda e: schedules.exponential_decay(0.5, e, base=0.9),
                "inverse sqrt": lambda e: schedules.inverse_sqrt_decay(0.5, e, k=1.5),
                "staircase": lambda e: schedules.staircase_decay(0.5, e, drop=0.3, every=4),
                "fixed interval": lambda e: schedules.fixed_interval_decay(
                    0.5, e, decay_rate=2.0, time_interval=7)}[name](np.arange(1, 31))
    decayed, fixed = _line(fig, "decayed α").get_ydata(), _line(fig, "fixed α0").get_ydata()
    # both lines are divided by the same axis top: their ratio times α0 is the schedule
    np.testing.assert_allclose(decayed / fixed * 0.5, expected, rtol=1e-12)
    np.testing.assert_allclose(schedule_alphas(name, 0.5, 30, **params), expected, rtol=1e-12)
    assert (f"α at epochs 1 / 10 / 30 = {expected[0]:.4f} / {expected[9]:.4f} / "
            f"{expected[-1]:.4f}") in explorer.readout
    plt.close(fig)


def test_default_readout_answers_the_prediction():
    explorer = schedule_explorer()
    assert "inverse time, α0 = 0.300" in explorer.readout
    assert "α falls to α0 / 10 at epoch 9" in explorer.readout  # 0.3 / (1 + 9)
    explorer.update(schedule="exponential")
    assert "not within 30 epochs" in explorer.readout  # 0.95^30 = 0.21 of α0
    plt.close(explorer.figures[0])


def test_schedule_explorer_refuses_bad_settings():
    with pytest.raises(ValueError, match=r"schedule must be one of \[.*\], got 'linear'"):
        schedule_explorer(schedule="linear")
    with pytest.raises(ValueError, match=r"interval must be an integer in \[1, 15\], got 20"):
        schedule_explorer(interval=20)
    with pytest.raises(ValueError, match=r"lr0 must be a number in \[0.01, 1\], got 3"):
        schedule_explorer(lr0=3)
    assert "constant" not in NAMES and set(NAMES) < set(schedules.SCHEDULES)


def _tail_gap_written_out(problem, lr_of_epoch, size=16, n_epochs=30):
    """Notebook 09's train(): random_mini_batches each epoch, gd_step, then J over 5 epochs."""
    X, Y, w = problem["X"], problem["Y"], problem["w0"].copy()
    rng, state, path = np.random.default_rng(0), gd_init(w), [w]
    for epoch in range(1, n_epochs + 1):
        for X_t, Y_t in random_mini_batches(X, Y, size, rng):
            w, state = gd_step(w, X_t @ (w @ X_t - Y_t[0]) / X_t.shape[1], state,
                               lr=lr_of_epoch(epoch))
            path.append(w)
    tail = np.array(path[-5 * (512 // size):])
    cost = lambda W: np.mean((W @ X - Y[0]) ** 2, axis=1) / 2  # noqa: E731
    w_star = np.linalg.solve(X @ X.T, X @ Y[0])
    return float(np.mean(cost(tail)) - cost(w_star[None])[0])


def _gaps(readout):
    return [float(x) for x in re.findall(r"last 5 epochs = ([0-9.e+-]+)", readout)]


def test_runs_readout_is_the_written_out_loop_and_the_notebooks_numbers(problem):
    schedule = schedule_explorer()
    runs = decay_runs_explorer(**problem, schedule_from=schedule)
    fixed, decayed = _gaps(runs.readout)
    assert (f"{fixed:.1e}", f"{decayed:.1e}") == ("8.4e-03", "3.4e-05")  # notebook 09's numbers
    assert fixed == pytest.approx(_tail_gap_written_out(problem, lambda e: 0.3), rel=2e-3)
    assert decayed == pytest.approx(_tail_gap_written_out(
        problem, lambda e: 0.3 / (1 + e)), rel=2e-3)
    assert runs.status.value.startswith("done: inverse time decay against fixed α0 = 0.300")
    # the runs follow the schedule explorer only when the button is pressed
    schedule.update(decay_rate=5.0)
    assert _gaps(runs.readout)[1] == decayed
    runs.controls["train"].click()
    assert f"{_gaps(runs.readout)[1]:.1e}" == "3.2e-03"
    fig = runs.figures[0]
    path = _line(fig, "path, decayed α").get_xydata()
    assert len(path) == 30 * 32 + 1
    plt.close(fig)
    plt.close(schedule.figures[0])


def test_runs_say_diverged_when_alpha0_is_too_large(problem):
    schedule = schedule_explorer(schedule="exponential", base=1.0)
    runs = decay_runs_explorer(**problem, schedule_from=schedule, mini_batch_size=1, n_epochs=5)
    schedule.update(lr0=1.0)
    runs.controls["train"].click()
    assert "fixed α0 = 1.000: diverged at step" in runs.readout
    status = [t for t in runs.figures[0].axes[1].texts if t.get_gid() == "course-status"][0]
    assert status.get_visible() and "diverged" in status.get_text()
    plt.close(runs.figures[0])
    plt.close(schedule.figures[0])


def test_runs_explorer_refuses_bad_settings(problem):
    with pytest.raises(ValueError, match=r"schedule_from must be the Explorer of schedule_expl"):
        decay_runs_explorer(**problem, schedule_from=None)
    schedule = schedule_explorer()
    with pytest.raises(ValueError, match=r"n_epochs must be an integer >= 5, got 2"):
        decay_runs_explorer(**problem, schedule_from=schedule, n_epochs=2)
    with pytest.raises(ValueError, match=r"w0 must have shape \(2,\)"):
        decay_runs_explorer(problem["X"], problem["Y"], w0=np.zeros(3), schedule_from=schedule)
    plt.close(schedule.figures[0])
