"""The explorers of notebook 08 besides the race (course_lib/explorers/optimizers.py).

``momentum_steps`` counts what course_lib's own momentum does; the limit figure's line and
readout are its table; the network figure shows each run's snapshot for the chosen epoch, and
``train_with_snapshots`` is one uninterrupted training; bad arguments are named.
"""

from __future__ import annotations

import re

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import mlp
from course_lib.data import binary_targets, moons
from course_lib.explorers.optimizers import (momentum_limit_explorer, momentum_steps,
                                             network_race_explorer)
from course_lib.figures.contours import OPTIMIZER_LABELS
from course_lib.figures.regions import region_grid
from course_lib.figures.style import COLORS
from course_lib.optimizers import optimize
from course_lib.snapshots import train_with_snapshots
from course_lib.surfaces import bowl

W0 = np.array([-9.0, 3.0])
BETAS = np.array([0.0, 0.5, 0.9])
ALPHAS = np.array([0.3, 1.0, 1.8, 3.0, 10.0, 40.0])
pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def steps():
    return momentum_steps(W0, kappa=100.0, betas=BETAS, alphas=ALPHAS, max_steps=1500)


def test_momentum_steps_count_course_libs_momentum(steps):
    valley = bowl(condition=100.0)
    target = 1e-6 * valley.value(*W0)
    for i, beta in enumerate(BETAS):
        for j, alpha in enumerate(ALPHAS):
            path = optimize("momentum", valley.grad, W0, n_steps=1500, lr=alpha, beta=beta)
            with np.errstate(over="ignore", invalid="ignore"):
                below = np.flatnonzero(valley.value(path[:, 0], path[:, 1]) < target)
                blew_up = np.flatnonzero(~(valley.value(path[:, 0], path[:, 1]) < 1e6))
            done = below.size and (not blew_up.size or below[0] < blew_up[0])
            assert (steps[i, j] == below[0]) if done else np.isnan(steps[i, j]), (beta, alpha)
    assert np.isnan(steps[0, ALPHAS > 2]).all(), "gradient descent diverges above alpha = 2"
    assert np.isfinite(steps[2, ALPHAS == 10.0]).all(), "momentum with beta 0.9 converges at 10"


def test_limit_figure_shows_the_table(steps):
    explorer = momentum_limit_explorer(ALPHAS, steps, betas=BETAS, beta=0.9, max_steps=1500)
    explorer.show_headless()
    ax = explorer.figures[0].axes[0]
    moving = ax.lines[1]
    ok = np.isfinite(steps[2])
    assert np.array_equal(moving.get_xydata(), np.c_[ALPHAS[ok], steps[2][ok]])
    assert np.allclose(ax.lines[-1].get_xdata(), 2 * 1.9 / 0.1), "the limit 2(1+β)/(1-β) = 38"
    text = explorer.readout
    assert f"largest α that converged {ALPHAS[ok].max():.1f}" in text
    assert f"at α = 1: momentum {steps[2][1]:.0f} steps, gradient descent {steps[0][1]:.0f}" in text
    explorer.update(beta=0.5)
    assert np.allclose(ax.lines[-1].get_xdata(), 2 * 1.5 / 0.5)
    plt.close(explorer.figures[0])


@pytest.fixture(scope="module")
def network():
    rng = np.random.default_rng(4)
    X, labels = moons(80, noise=0.2, rng=rng)
    X_dev, labels_dev = moons(40, noise=0.2, rng=rng)
    Y, Y_dev = binary_targets(labels), binary_targets(labels_dev)
    grid = region_grid(X, resolution=10)
    settings = dict(layer_dims=[2, 5, 1], mini_batch_size=32, n_epochs=6, X_dev=X_dev, Y_dev=Y_dev)
    runs = {name: train_with_snapshots(X, Y, grid=grid, optimizer=name, lr=0.05, every=2,
                                       rng=np.random.default_rng(1), **settings)
            for name in OPTIMIZER_LABELS}
    return runs, X, labels, grid, Y, settings


def test_snapshots_are_one_uninterrupted_training(network):
    runs, X, _, grid, Y, settings = network
    model, history = mlp.train(X, Y, rng=np.random.default_rng(1), optimizer="adam", lr=0.05,
                               **settings)
    assert np.allclose(runs["adam"]["costs"], history["cost_per_epoch"], rtol=1e-12)
    assert np.array_equal(runs["adam"]["regions"][-1], mlp.predict(model, grid))
    assert runs["adam"]["regions"].shape == (4, grid.shape[1]), "before training, then every 2"
    assert np.allclose(runs["adam"]["dev_acc"], history["dev_acc"], rtol=0)


def _classes(image):
    """The class each pixel of a regions image shows (class 1's colour, at alpha 0.25, or not)."""
    rgba = np.asarray(image.get_array())
    class_1 = np.round(np.array(matplotlib.colors.to_rgba(COLORS[1], alpha=0.25)) * 255)
    assert rgba.shape[-1] == 4 and np.all(rgba[..., 3] == 64), "translucent: the points show"
    return (rgba == class_1).all(axis=-1).astype(int)


def test_network_figure_shows_the_chosen_epochs_snapshot(network):
    runs, X, labels, grid, _, _ = network
    explorer = network_race_explorer(runs, X, labels, grid, lr={n: 0.05 for n in runs}, epoch=4)
    explorer.show_headless()
    images = [ax.images[0] for ax in explorer.figures[0].axes if ax.images]
    for image, name in zip(images, OPTIMIZER_LABELS):
        assert np.array_equal(_classes(image), runs[name]["regions"][2].reshape(10, 10))
    costs = [float(c) for c in re.findall(r"cost (\d\.\d{3})", explorer.readout)]
    assert costs == [round(runs[n]["costs"][3], 3) for n in OPTIMIZER_LABELS]
    explorer.update(epoch=6)
    assert np.array_equal(_classes(images[0]), runs["gd"]["regions"][3].reshape(10, 10))
    plt.close(explorer.figures[0])


def test_bad_arguments_are_named(steps, network):
    with pytest.raises(ValueError, match="beta must be one of betas"):
        momentum_limit_explorer(ALPHAS, steps, betas=BETAS, beta=0.95)
    with pytest.raises(ValueError, match="steps_needed must have shape"):
        momentum_limit_explorer(ALPHAS[:3], steps, betas=BETAS)
    runs, X, labels, grid, _, _ = network
    with pytest.raises(ValueError, match="epoch must be a multiple of 2"):
        network_race_explorer(runs, X, labels, grid, lr={n: 0.05 for n in runs}, epoch=3)
    with pytest.raises(ValueError, match="runs must be a dict of train_with_snapshots results"):
        network_race_explorer({"gd": runs["gd"]}, X, labels, grid, lr={"gd": 0.05})
    with pytest.raises(ValueError, match="kappa must be a number >= 1"):
        momentum_steps(W0, kappa=0.5, betas=BETAS, alphas=ALPHAS, max_steps=10)
