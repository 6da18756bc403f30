"""``train_with_snapshots`` is ``mlp.train`` in one piece, with the regions seen along the way."""

from __future__ import annotations

import numpy as np

from course_lib import mlp
from course_lib.data import binary_targets, moons
from course_lib.figures.regions import region_grid
from course_lib.snapshots import train_with_snapshots


def test_chunks_are_one_uninterrupted_training():
    X, labels = moons(60, noise=0.2, rng=np.random.default_rng(0))
    X_dev, labels_dev = moons(30, noise=0.2, rng=np.random.default_rng(1))
    Y, Y_dev = binary_targets(labels), binary_targets(labels_dev)
    grid = region_grid(X, resolution=8)
    settings = dict(layer_dims=[2, 5, 1], optimizer="adam", lr=0.05, mini_batch_size=16,
                    X_dev=X_dev, Y_dev=Y_dev)
    run = train_with_snapshots(X, Y, grid=grid, n_epochs=6, every=3,
                               rng=np.random.default_rng(2), **settings)
    model, history = mlp.train(X, Y, rng=np.random.default_rng(2), n_epochs=6, **settings)
    np.testing.assert_allclose(run["costs"], history["cost_per_epoch"], rtol=1e-12)
    np.testing.assert_array_equal(run["train_acc"], history["train_acc"])
    np.testing.assert_array_equal(run["dev_acc"], history["dev_acc"])
    assert run["regions"].shape == (3, 64), "before training, after epoch 3, after epoch 6"
    np.testing.assert_array_equal(run["regions"][-1], mlp.predict(model, grid))
    untrained, _ = mlp.train(X, Y, rng=np.random.default_rng(2), n_epochs=0, **settings)
    np.testing.assert_array_equal(run["regions"][0], mlp.predict(untrained, grid))
