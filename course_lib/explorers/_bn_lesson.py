"""Notebook 12's seeded data, rebuilt for the batch-norm explorers' ``EXAMPLES``.

The notebook computes these in its lesson cells (the experiment is the lesson, so it stays
there). Tests, the widget fuzz and the latency benchmark need the same data without the notebook:
this repeats those cells' steps with the same seeds and the same order of random draws, and
``tests/test_explorers_batchnorm.py`` checks it against numbers the notebook prints.
"""

from __future__ import annotations

import functools

import numpy as np

from course_lib import mlp
from course_lib.data import binary_targets, moons

LAYERS = [2, 16, 16, 16, 16, 1]
LEARNING_RATES = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
N_EPOCHS = 150
WATCH_LAYER, WATCH_UNIT = 3, 0
BINS = np.linspace(-5, 5, 41)
BATCH_SIZES = [8, 16, 32, 64, 128, 256, 512, 1024]
N_BATCHES = 400


def _train_and_watch(lr, batchnorm, X_train, Y_train, X_dev, Y_dev):
    run_rng = np.random.default_rng(1)  # notebook 12: SEED + 1, the same initial W with and without BN
    model, _ = mlp.train(X_train, Y_train, layer_dims=LAYERS, rng=run_rng, optimizer="gd", lr=lr,
                         n_epochs=0, batchnorm=batchnorm)
    costs, counts, means, stds = [], [], [], []
    for epoch in range(N_EPOCHS + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            _, cache = mlp.forward(model.params, X_train, training=True, bn_stats=model.bn_stats)
            z = cache.layers[WATCH_LAYER - 1][1][WATCH_UNIT]
            counts.append(np.histogram(np.clip(z, BINS[0], BINS[-1]), BINS)[0] / z.size)
            means.append(z.mean())
            stds.append(z.std())
        if epoch < N_EPOCHS:
            model, history = mlp.train(X_train, Y_train, model=model, rng=run_rng, optimizer="gd",
                                       lr=lr, n_epochs=1)
            costs.append(history["cost_per_epoch"][0])
    with np.errstate(over="ignore", invalid="ignore"):
        dev_acc = mlp.accuracy(model, X_dev, Y_dev)
    return dict(model=model, costs=np.array(costs), counts=np.array(counts),
                means=np.array(means), stds=np.array(stds), dev_acc=dev_acc)


@functools.lru_cache(maxsize=None)
def lesson_data() -> dict:
    """The twelve runs, the pool of the watched unit's values, its batch statistics and streams."""
    rng = np.random.default_rng(0)
    rng.normal(size=(3, 8))   # the notebook's first draws: its small Z, then the bias b
    rng.normal(size=(3, 1))
    X_all, labels_all = moons(600, noise=0.2, rng=rng)
    split = (X_all[:, :400], binary_targets(labels_all[:400]),
             X_all[:, 400:], binary_targets(labels_all[400:]))
    runs = {(lr, bn): _train_and_watch(lr, bn, *split) for lr in LEARNING_RATES
            for bn in (False, True)}
    X_pool, _ = moons(6000, noise=0.2, rng=rng)
    bn_model = runs[0.3, True]["model"]
    _, cache = mlp.forward(bn_model.params, X_pool, training=False, bn_stats=bn_model.bn_stats)
    z_pool = (bn_model.params[f"W{WATCH_LAYER}"] @ cache.layers[WATCH_LAYER - 1][0])[WATCH_UNIT]
    batch_mu, fixed_norm = {}, {}
    for size in BATCH_SIZES:  # example 0 in every batch, with size - 1 others
        others = np.array([rng.choice(np.arange(1, z_pool.size), size - 1, replace=False)
                           for _ in range(N_BATCHES)])
        batches = np.concatenate([z_pool[[0]].repeat(N_BATCHES)[:, None], z_pool[others]], axis=1)
        batch_mu[size] = batches.mean(axis=1)
        fixed_norm[size] = (z_pool[0] - batch_mu[size]) / np.sqrt(batches.std(axis=1) ** 2 + 1e-8)
    streams = {s: z_pool[np.array([rng.choice(z_pool.size, s, replace=False) for _ in range(300)])]
               for s in (16, 64, 256)}
    return dict(runs=runs, z_pool=z_pool, batch_mu=batch_mu, fixed_norm=fixed_norm, streams=streams)
