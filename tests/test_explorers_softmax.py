"""The explorers of notebook 13 (course_lib/explorers/softmax.py and softmax_regions.py).

Readouts and artists against course_lib's own numbers, bad arguments named, and what the figures
claim (a tie shares hard max's 1, snapshots are one uninterrupted training, straight edges).
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import mlp
from course_lib import softmax as sm
from course_lib.data import blobs
from course_lib.explorers.softmax import softmax_bars_explorer
from course_lib.explorers.softmax_regions import softmax_regions_explorer, straight_edges_explorer
from course_lib.figures.regions import region_grid
from course_lib.snapshots import train_with_snapshots

CLASSES = ["cat", "dog", "baby chick", "other"]
Z = [5.0, 2.0, -1.0, 3.0]
pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def problem():
    """Four blobs, a small training with snapshots for two networks (fast, deterministic)."""
    X, labels = blobs(120, centers=4, spread=0.6, rng=np.random.default_rng(3))
    Y = sm.one_hot(labels, 4)
    grid = region_grid(X[:, :90], resolution=12)
    settings = dict(output="softmax", optimizer="adam", lr=0.05, batchnorm=True)
    snapshots = {name: train_with_snapshots(X[:, :90], Y[:, :90], layer_dims=dims, grid=grid,
                                            n_epochs=20, every=5, rng=np.random.default_rng(1),
                                            X_dev=X[:, 90:], Y_dev=Y[:, 90:], **settings)
                 for name, dims in {"linear": [2, 4], "hidden": [2, 6, 4]}.items()}
    return X, labels, Y, grid, settings, snapshots


def _close(explorer):
    for fig in explorer.figures:
        plt.close(fig)


def _numbers(text):
    return [float(x) for x in re.findall(r"-?\d+\.\d+", text)]


def test_bars_readout_and_heights_are_softmax_of_z_over_t():
    e = softmax_bars_explorer(Z, classes=CLASSES)
    for T in (1.0, 0.1, 10.0):
        e.update(z3=5.0, temperature=T)
        expected = sm.softmax(np.array([5.0, 2.0, -1.0, 5.0]) / T)
        ax = e.figures[0].axes[0]
        soft = [p.get_height() for p in ax.patches[:4]]
        np.testing.assert_allclose(soft, expected, rtol=0, atol=1e-15)
        assert [t.get_text() for t in ax.texts[:4]] == [f"{p:.3f}" for p in expected]
        assert _numbers(e.readout)[1:5] == [round(p, 3) for p in expected]
        assert e.readout.startswith(f"T = {T:.2f}")
    _close(e)


def test_bars_hard_max_shares_a_tie_and_a_low_temperature_approaches_it():
    e = softmax_bars_explorer(Z, classes=CLASSES)
    ax = e.figures[0].axes[0]
    e.update(z3=5.0, temperature=1.0)
    assert [p.get_height() for p in ax.patches[4:8]] == [0.5, 0.0, 0.0, 0.5]
    e.update(z3=3.0, temperature=0.1)
    soft = np.array([p.get_height() for p in ax.patches[:4]])
    hard = np.array([p.get_height() for p in ax.patches[4:8]])
    assert hard.tolist() == [1.0, 0.0, 0.0, 0.0] and np.abs(soft - hard).max() < 0.01
    _close(e)


@pytest.mark.parametrize("kwargs, match", [
    (dict(z=[5.0, 20.0, 0.0, 1.0], classes=CLASSES), "z must hold"),
    (dict(z=[5.0], classes=["cat"]), "z must hold"),
    (dict(z=Z, classes=CLASSES[:3]), "classes"),
    (dict(z=Z, classes=CLASSES, temperature=0.01), "temperature"),
])
def test_bars_bad_arguments_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        softmax_bars_explorer(kwargs.pop("z"), **kwargs)


def test_snapshots_are_one_uninterrupted_training(problem):
    X, labels, Y, grid, settings, snapshots = problem
    model, history = mlp.train(X[:, :90], Y[:, :90], layer_dims=[2, 6, 4],
                               rng=np.random.default_rng(1), n_epochs=20, X_dev=X[:, 90:],
                               Y_dev=Y[:, 90:], **settings)
    run = snapshots["hidden"]
    np.testing.assert_allclose(run["costs"], history["cost_per_epoch"], rtol=1e-12)
    np.testing.assert_allclose(run["dev_acc"], history["dev_acc"], rtol=0)
    np.testing.assert_allclose(run["train_acc"], history["train_acc"], rtol=0)
    assert run["regions"].shape == (5, 144)
    np.testing.assert_array_equal(run["regions"][-1], mlp.predict(model, grid))


def test_regions_readout_image_and_marker_follow_the_snapshot(problem):
    X, labels, _, _, _, snapshots = problem
    e = softmax_regions_explorer(X[:, :90], labels[:90], snapshots)
    ax_regions, ax_costs = e.figures[0].axes[:2]
    for network in snapshots:
        for epoch, k in ((0, 0), (10, 2), (13, 2), (20, 4)):
            e.update(network=network, epoch=epoch)
            run = snapshots[network]
            np.testing.assert_array_equal(ax_regions.images[0].get_array().reshape(-1),
                                          run["regions"][k])
            assert ax_costs.lines[-1].get_xdata()[0] == 5 * k
            assert e.readout.startswith(f"{network}, epoch {5 * k}:")
            if k == 0:
                assert "before training" in e.readout
            else:
                cost_line = ax_costs.lines[list(snapshots).index(network)]
                assert cost_line.get_linewidth() == 3.0
                cost, train_acc, dev_acc = _numbers(e.readout)[-3:]
                assert cost == round(float(cost_line.get_ydata()[5 * k - 1]), 3)
                assert dev_acc == round(100 * run["dev_acc"][5 * k - 1], 1)
                assert train_acc == round(100 * run["train_acc"][5 * k - 1], 1)
    _close(e)


def test_regions_bad_arguments_are_named(problem):
    X, labels, _, _, _, snapshots = problem
    with pytest.raises(ValueError, match="epoch must be a multiple of 5"):
        softmax_regions_explorer(X[:, :90], labels[:90], snapshots, epoch=7)
    with pytest.raises(ValueError, match="network"):
        softmax_regions_explorer(X[:, :90], labels[:90], snapshots, network="deep")
    with pytest.raises(ValueError, match="snapshots"):
        softmax_regions_explorer(X[:, :90], labels[:90], {"linear": {"costs": [1.0]}})
    with pytest.raises(ValueError, match="X must have shape"):
        softmax_regions_explorer(X[:, :80], labels[:90], snapshots)
    with pytest.raises(ValueError, match="n_epochs must be a multiple"):
        train_with_snapshots(X, sm.one_hot(labels, 4), layer_dims=[2, 4], grid=X, n_epochs=7,
                             every=5, rng=np.random.default_rng(0), X_dev=X,
                             Y_dev=sm.one_hot(labels, 4), output="softmax")


def test_straight_edges_titles_and_readout_are_the_dev_accuracy(problem):
    X, labels, _, _, _, snapshots = problem
    panels = [("Linear", snapshots["linear"]["model"], X[:, :90], labels[:90], X[:, 90:],
               labels[90:]),
              ("Hidden", snapshots["hidden"]["model"], X[:, :90], labels[:90], X[:, 90:],
               labels[90:])]
    e = straight_edges_explorer(panels, resolution=12)
    for ax, (title, model, *_), acc_text in zip(e.figures[0].axes, panels, e.readout.split("; ")):
        accuracy = mlp.accuracy(model, X[:, 90:], sm.one_hot(labels[90:], 4))
        assert ax.get_title() == f"{title}: dev accuracy {accuracy:.1%}"
        assert acc_text == f"{title}: dev accuracy {accuracy:.1%}"
        np.testing.assert_array_equal(ax.images[0].get_array().reshape(-1),
                                      mlp.predict(model, region_grid(X[:, :90], resolution=12)))
    # the suptitle claims straight edges only when every model has no hidden layer
    assert "straight edges" not in e.figures[0].get_suptitle()
    _close(e)
    e = straight_edges_explorer(panels[:1], resolution=12)
    assert "straight edges, one data set" in e.figures[0].get_suptitle()
    _close(e)


def test_straight_edges_bad_panels_are_named(problem):
    X, labels, _, _, _, snapshots = problem
    with pytest.raises(ValueError, match="panels"):
        straight_edges_explorer({"Linear": snapshots["linear"]["model"]})
    with pytest.raises(ValueError, match="panels"):
        straight_edges_explorer([("Linear", "not a model", X, labels, X, labels)])
