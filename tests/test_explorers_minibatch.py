"""The mini-batch explorers of notebook 06: readouts are the plotted runs, the runs are the
written-out loop over ``random_mini_batches``, the race's winners are the notebook's, bad input
is refused."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers.minibatch import minibatch_explorer, notebook_problem
from course_lib.explorers.minibatch_race import measured_race_explorer, race, race_explorer
from course_lib.minibatch import random_mini_batches

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def problem():
    return notebook_problem(0)


def _line(fig, label):
    (line,) = [ln for ax in fig.axes for ln in ax.lines if ln.get_label() == label]
    return line


def _number_after(text, before):
    return float(re.search(re.escape(before) + r"\s*(-?[0-9]+(?:\.[0-9]+)?)", text).group(1))


def _written_out(problem, size, lr, n_epochs, seed=0):
    """Notebook 06's minibatch_gd: random_mini_batches once per epoch from one generator."""
    X, Y, w = problem["X"], problem["Y"], problem["w0"].copy()
    rng = np.random.default_rng(seed)
    for _ in range(n_epochs):
        for X_t, Y_t in random_mini_batches(X, Y, size, rng):
            w = w - lr * X_t @ (w @ X_t - Y_t[0]) / X_t.shape[1]
    return w


def _cost(problem, w):
    X, Y = problem["X"], problem["Y"]
    return float(np.mean((w @ X - Y[0]) ** 2) / 2)


@pytest.mark.parametrize("size, lr, n_epochs", [(64, 0.3, 3), (1, 0.01, 2), (1000, 0.3, 5),
                                                (128, 0.05, 1)])
def test_readout_is_the_plotted_end_which_is_the_written_out_loop(problem, size, lr, n_epochs):
    explorer = minibatch_explorer(**problem)
    explorer.update(mini_batch_size=size, lr=lr, n_epochs=n_epochs)
    fig = explorer.figures[0]
    end = _line(fig, "end")
    w_end = np.array([end.get_xdata()[0], end.get_ydata()[0]])
    np.testing.assert_allclose(w_end, _written_out(problem, size, lr, n_epochs), atol=1e-9)
    assert _number_after(explorer.readout, "final J =") == pytest.approx(
        _cost(problem, w_end), abs=5e-5)
    steps = -(-1000 // size) * n_epochs
    assert f"{steps} steps in {n_epochs} epoch(s)" in explorer.readout
    assert len(_line(fig, "mini-batch GD").get_xdata()) == steps + 1
    plt.close(fig)


def test_x_axes_end_at_the_steps_examples_and_modelled_time(problem):
    explorer = minibatch_explorer(**problem, mini_batch_size=256, n_epochs=2, parallel=64)
    ends = {}
    for axis in ("steps", "examples seen", "time (model)"):
        explorer.update(x_axis=axis)
        ends[axis] = _line(explorer.figures[0], "full cost J(w)").get_xdata()[-1]
    # 1000 / 256: 4 steps per epoch (the last of 232 examples), each 256 / 64 = 4 time units
    assert ends == {"steps": 8, "examples seen": 2000, "time (model)": 32.0}
    assert "8 steps in 2 epoch(s) = 32.0 time units" in explorer.readout
    assert "last one with 232 examples" in explorer.readout
    plt.close(explorer.figures[0])


def test_divergence_is_cut_and_said(problem):
    explorer = minibatch_explorer(**problem)
    explorer.update(mini_batch_size=1, lr=1.0, n_epochs=5)
    fig = explorer.figures[0]
    path = _line(fig, "mini-batch GD").get_xydata()
    assert np.isfinite(path).all() and len(path) < 5001
    assert explorer.readout.startswith("diverged after")
    status = [t for t in fig.axes[0].texts if t.get_gid() == "course-status"][0]
    assert status.get_visible() and "diverged" in status.get_text()
    explorer.update(lr=0.3)
    assert not status.get_visible() and "final J" in explorer.readout
    plt.close(fig)


def test_minibatch_explorer_refuses_bad_settings(problem):
    with pytest.raises(ValueError, match=r"mini_batch_size must be one of \[1, 2, 4.*\], got 3"):
        minibatch_explorer(**problem, mini_batch_size=3)
    with pytest.raises(ValueError, match=r"n_epochs must be at most max_epochs = 5, got 6"):
        minibatch_explorer(**problem, n_epochs=6)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 1000\) like X"):
        minibatch_explorer(problem["X"], problem["Y"][:, :10], w0=problem["w0"])
    with pytest.raises(ValueError, match=r"lr must be a number in \[0.00316228, 1\], got 2"):
        minibatch_explorer(**problem, lr=2)
    with pytest.raises(ValueError, match=r"xlim must be a pair \(low, high\)"):
        minibatch_explorer(**problem, xlim=(3, -3))


def test_race_readout_is_the_notebooks_race_and_the_line_moves(problem):
    explorer = race_explorer(**problem, sizes=(1, 8, 64, 256, 1000), lr=0.3, n_epochs=5,
                             parallel=64, level=0.01)
    text = explorer.readout
    # the numbers notebook 06 prints and asserts in its race cell
    assert "size 64: after 24 steps, 1,512 examples, 24.0 time units" in text
    assert "size 8: after 29 steps, 232 examples, 29.0 time units" in text
    assert "size 1000: not within 5 epochs" in text
    assert "first per example seen: size 1; first in modelled time: size 64" in text
    runs = race(**problem, sizes=[1, 8, 64, 256, 1000], lr=0.3, n_epochs=5)
    fig = explorer.figures[0]
    by_seen, by_time = [ln for ln in fig.axes[0].lines + fig.axes[1].lines
                        if ln.get_label() == "size 64"]
    np.testing.assert_array_equal(by_seen.get_ydata(), runs[64][2])
    np.testing.assert_array_equal(by_seen.get_xdata(), np.maximum(runs[64][0], 1))
    np.testing.assert_array_equal(by_time.get_xdata(), np.maximum(runs[64][1] * 1.0, 1))
    explorer.update(level=10**-3)
    assert all(ln.get_ydata()[0] == pytest.approx(1e-3) for ln in fig.axes[0].lines
               if ln.get_label() == "target gap")
    k = int(np.flatnonzero(runs[8][2] < 1e-3)[0])
    assert f"size 8: after {k} steps, {8 * k:,} examples" in explorer.readout
    plt.close(fig)


def test_measured_race_times_are_steps_times_seconds_per_step(problem):
    per_step = {1: 10e-6, 64: 20e-6}
    explorer = measured_race_explorer(**problem, seconds_per_step=per_step, level=0.01)
    # size 1 gets below 0.01 after 34 steps, size 64 after 24 (the notebook's race)
    assert "size 1: after 0.340 ms; size 64: after 0.480 ms" in explorer.readout
    assert "first: size 1" in explorer.readout
    line = _line(explorer.figures[0], "size 64")
    assert line.get_xdata()[-1] == pytest.approx(1e3 * 20e-6 * 80)  # 5 epochs of 16 steps, in ms
    plt.close(explorer.figures[0])


def test_race_explorers_refuse_bad_settings(problem):
    with pytest.raises(ValueError, match=r"sizes must be a non-empty list"):
        race_explorer(**problem, sizes=())
    with pytest.raises(ValueError, match=r"size 1 diverged at lr = 2.0"):
        race_explorer(**problem, sizes=(1, 64), lr=2.0)
    with pytest.raises(ValueError, match=r"level must be a number in \[0.001, 1\], got 5"):
        race_explorer(**problem, level=5)
    with pytest.raises(ValueError, match=r"seconds_per_step\[64\] must be a number > 0, got -1"):
        measured_race_explorer(**problem, seconds_per_step={64: -1})
