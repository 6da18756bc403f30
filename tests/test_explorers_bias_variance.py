"""The network-size and line-plus-memory explorers of notebook 01: what the readouts print is what
the figures plot and what course_lib computes, the lesson's states diagnose as the notebook says,
bad input is refused."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import mlp
from course_lib.diagnosis import diagnose
from course_lib.explorers.bias_variance import (EXAMPLES, line_and_memory_explorer,
                                                line_plus_memory, network_size_explorer,
                                                notebook_experiment)
from course_lib.figures.regions import region_grid

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def experiment():
    return notebook_experiment()  # 25 networks, trained once per test session


def _numbers(text):
    return [float(x) for x in re.findall(r"(-?[0-9]+\.[0-9])%", text)]


def _error(model, X, labels):
    return 100 * np.mean(mlp.predict(model, X) != labels)


@pytest.mark.parametrize("h, m", [(128, 25), (1, 800), (8, 100), (2, 25), (128, 800)])
def test_readout_lines_and_regions_are_the_models(experiment, h, m):
    e = experiment
    explorer = network_size_explorer(**e, h=128, m=25)
    explorer.update(h=h, m=m)
    model = e["models"][h, m]
    train_err = _error(model, e["X_train"][:, :m], e["labels_train"][:m])
    dev_err = _error(model, e["X_dev"], e["labels_dev"])
    assert _numbers(explorer.readout)[:3] == [round(train_err, 1), round(dev_err, 1),
                                              round(e["bayes_error"], 1)]
    assert explorer.readout.endswith(diagnose(train_err, dev_err, e["bayes_error"]))
    fig = explorer.figures[0]
    ax_r, ax_e = fig.axes
    train_line, dev_line = ax_e.lines[:2]
    hidden = (1, 2, 8, 32, 128)
    assert train_line.get_ydata()[hidden.index(h)] == pytest.approx(train_err)
    assert dev_line.get_ydata()[hidden.index(h)] == pytest.approx(dev_err)
    grid = region_grid(np.hstack([e["X_train"], e["X_dev"]]), resolution=90, padding=0.3)
    np.testing.assert_array_equal(ax_r.images[0].get_array(),
                                  mlp.predict(model, grid).reshape(90, 90))
    assert sum(len(s.get_offsets()) for s in ax_r.collections) == m  # the m training points
    assert ax_r.get_title() == f"h = {h} hidden units, m = {m} training examples"
    plt.close(fig)


def test_the_notebooks_states_diagnose_as_it_says(experiment):
    explorer = network_size_explorer(**experiment)
    # the default: 128 units memorize 25 points (training error 0)
    assert explorer.readout.startswith("training error 0.0%")
    assert explorer.readout.endswith("high variance")
    explorer.update(m=800)
    assert explorer.readout.endswith("low bias and low variance")
    explorer.update(h=1)
    assert explorer.readout.endswith("high bias")
    assert explorer.errors[128, 25] == (0.0, pytest.approx(13.0, abs=0.5))
    plt.close(explorer.figures[0])


def test_a_revisited_state_shows_the_same_pixels(experiment):
    explorer = network_size_explorer(**experiment)
    explorer.show_headless()
    canvas = explorer.figures[0].canvas
    first = np.asarray(canvas.buffer_rgba()).copy()
    explorer.update(h=8, m=200)
    explorer.update(h=128, m=25)
    np.testing.assert_array_equal(np.asarray(canvas.buffer_rgba()), first)
    plt.close(explorer.figures[0])


@pytest.fixture(scope="module")
def memory():
    return EXAMPLES["line_and_memory_explorer"]()


@pytest.mark.parametrize("radius, train, dev, verdict", [
    (0.0, 16.0, 14.5, "high bias"), (0.3, 11.0, 16.4, "high bias and high variance")])
def test_line_and_memory_prints_the_notebooks_errors(memory, radius, train, dev, verdict):
    memory.update(radius=radius)
    assert _numbers(memory.readout)[:2] == [train, dev]
    assert memory.readout.endswith(verdict)


def test_line_and_memory_regions_are_the_classifier(experiment, memory):
    e = experiment
    X, labels, line = e["X_train"][:, :100], e["labels_train"][:100], e["models"][1, 100]
    memorized = memory.figures[0].axes[0].collections[-1].get_offsets()
    assert len(memorized) == 5  # the circled points: the notebook's "5 of 100"
    memory.update(radius=0.2)
    flags = np.isin(X.T, np.asarray(memorized)).all(axis=1)
    grid = region_grid(np.hstack([X, e["X_dev"]]), resolution=90, padding=0.3)
    expected = line_plus_memory(grid, line, X, labels, flags, radius=0.2).reshape(90, 90)
    np.testing.assert_array_equal(memory.figures[0].axes[0].images[0].get_array(), expected)
    regions, train_err, dev_err = memory.classified(0.2)
    assert _numbers(memory.readout)[:2] == [round(train_err, 1), round(dev_err, 1)]


@pytest.mark.parametrize("change, message", [
    ({"models": {}}, r"models must be a dict \(h, m\) -> trained course_lib.mlp model"),
    ({"h": 3}, r"h must be one of \[1, 2, 8, 32, 128\], got 3 \(int\)"),
    ({"bayes_error": -1.0}, r"bayes_error must be a number in \[0, 100\]"),
    ({"X_dev": np.zeros((3, 10))}, r"X_dev must have shape \(2, m\)"),
])
def test_network_size_bad_arguments_are_named(experiment, change, message):
    with pytest.raises(ValueError, match=message):
        network_size_explorer(**{**experiment, **change})


def test_line_and_memory_bad_arguments_are_named(experiment):
    e = experiment
    X, labels, line = e["X_train"][:, :100], e["labels_train"][:100], e["models"][1, 100]
    args = (line, X, labels, np.zeros(100, dtype=bool), e["X_dev"], e["labels_dev"])
    with pytest.raises(ValueError, match=r"radius must be a number in \[0, 0.6\], got 0.9"):
        line_and_memory_explorer(*args, bayes_error=5.5, radius=0.9)
    with pytest.raises(ValueError, match=r"memorized must be a boolean array of shape \(100,\)"):
        line_and_memory_explorer(*args[:3], np.zeros(100), *args[4:], bayes_error=5.5)
