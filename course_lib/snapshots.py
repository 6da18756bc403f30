"""Training with snapshots: the classes a network predicts over the plane as it trains.

:func:`train_with_snapshots` trains :func:`course_lib.mlp.train` in chunks of a few epochs and keeps
what ``course_lib.mlp.predict`` says on a grid of points before training and after each chunk,
for figures that show decision regions epoch by epoch (notebooks 08 and 13). Training in chunks
is one uninterrupted training: the model carries its optimizer state and epoch count over.
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check
from course_lib import mlp


def train_with_snapshots(X, Y, *, grid, n_epochs: int, every: int, rng: np.random.Generator,
                         **settings) -> dict:
    """Train a new network on ``(X, Y)`` for ``n_epochs``, predicting on ``grid`` every ``every``.

    Parameters
    ----------
    X : ndarray, shape (n_x, m); Y : ndarray, shape (n_y, m)
        Training examples as columns, as :func:`course_lib.mlp.train` takes them.
    grid : ndarray, shape (2, k)
        Points to classify, e.g. ``course_lib.figures.regions.region_grid(X)``.
    n_epochs, every : int
        ``n_epochs`` must be a multiple of ``every``.
    rng : numpy.random.Generator
        Draws the initial weights, then the shuffles, as in one call of ``mlp.train``.
    **settings
        Passed to ``mlp.train`` (``layer_dims``, ``optimizer``, ``lr``, ``X_dev``, ``Y_dev`` ...).

    Returns
    -------
    dict
        ``model`` (the trained model); ``regions``, shape ``(n_epochs // every + 1, k)``: the
        predicted class of each grid point before training and after each chunk; ``costs``,
        ``train_acc`` and ``dev_acc`` (empty without a dev set): one per epoch, as in
        ``mlp.train``'s history.
    """
    n_epochs = check.integer("n_epochs", n_epochs, low=1)
    every = check.integer("every", every, low=1)
    if n_epochs % every:
        raise ValueError(f"n_epochs must be a multiple of every ({every}), got {n_epochs}")
    check.generator("rng", rng)
    grid = check.array("grid", grid, ndim=2, what="an array of shape (2, k) (points as columns)")
    model, _ = mlp.train(X, Y, rng=rng, n_epochs=0, **settings)
    settings = {k: v for k, v in settings.items() if k != "init"}  # a continued model keeps it
    regions, history = [mlp.predict(model, grid)], {"costs": [], "train_acc": [], "dev_acc": []}
    for _ in range(n_epochs // every):
        model, chunk = mlp.train(X, Y, model=model, rng=rng, n_epochs=every, **settings)
        regions.append(mlp.predict(model, grid))
        history["costs"] += chunk["cost_per_epoch"]
        history["train_acc"] += chunk["train_acc"]
        history["dev_acc"] += chunk["dev_acc"]
    return {"model": model, "regions": np.array(regions),
            **{key: np.array(values) for key, values in history.items()}}
