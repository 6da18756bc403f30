"""Explorers for the class regions of networks with a softmax output (notebook 13).

- :func:`softmax_regions_explorer`: the class regions of several networks, epoch by epoch, beside
  their cost curves; the snapshots come from :func:`course_lib.snapshots.train_with_snapshots`.
- :func:`straight_edges_explorer`: softmax regression's straight-edged regions on several data
  sets side by side.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import mlp
from course_lib import softmax as sm
from course_lib.data import blobs, spirals
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.regions import decision_regions, region_grid
from course_lib.figures.style import COLORS, MARKERS, PALETTE
from course_lib.snapshots import train_with_snapshots


def _check_snapshots(snapshots):
    if not isinstance(snapshots, dict) or not snapshots:
        check.fail("snapshots", "a dict of network name -> train_with_snapshots(...) result",
                   snapshots)
    shapes = set()
    for name, run in snapshots.items():
        keys = {"regions", "costs", "train_acc", "dev_acc"}
        if not isinstance(run, dict) or not keys <= set(run):
            check.fail(f"snapshots[{name!r}]", "a train_with_snapshots(...) result (a dict with "
                       "regions, costs, train_acc, dev_acc)", run)
        regions = np.asarray(run["regions"])
        chunks, n_epochs = len(regions) - 1, len(run["costs"])
        resolution = int(round(np.sqrt(regions.shape[-1])))
        if (regions.ndim != 2 or chunks < 1 or n_epochs % chunks
                or resolution**2 != regions.shape[1] or len(run["train_acc"]) != n_epochs
                or len(run["dev_acc"]) != n_epochs):
            raise ValueError(f"snapshots[{name!r}] must hold one square grid of regions before "
                             f"training and one per chunk of epochs, got regions of shape "
                             f"{regions.shape} for {chunks} chunks and {n_epochs} epochs")
        shapes.add((regions.shape, n_epochs))
    if len(shapes) != 1:
        raise ValueError(f"snapshots must all have the same epochs and grid, got {sorted(shapes)}")
    (regions_shape, n_epochs), = shapes
    return n_epochs, n_epochs // (regions_shape[0] - 1), int(round(np.sqrt(regions_shape[1])))


def softmax_regions_explorer(X, labels, snapshots, *, network=None, epoch=None) -> Explorer:
    """Class regions (argmax of softmax) of each network at each snapshot, beside its cost curve.

    ``X`` (2, m) and ``labels`` (m,) are the training points; ``snapshots`` maps a network's name
    to its :func:`course_lib.snapshots.train_with_snapshots` result on a ``region_grid(X)``
    grid. Controls: ``network`` (one of the names) and ``epoch`` (0 to the number of epochs, in
    steps of the snapshots).
    """
    X = check.array("X", X)
    labels = check.array("labels", labels, ndim=1).astype(int)
    if X.ndim != 2 or X.shape[0] != 2 or X.shape[1] != labels.size:
        raise ValueError(f"X must have shape (2, m) with one column per label ({labels.size}), "
                         f"got {X.shape}")
    n_epochs, every, resolution = _check_snapshots(snapshots)
    names = list(snapshots)
    network = names[0] if network is None else check.choice("network", network, names)
    epoch = n_epochs if epoch is None else check.integer("epoch", epoch, low=0)
    if epoch > n_epochs or epoch % every:
        raise ValueError(f"epoch must be a multiple of {every} in [0, {n_epochs}], got {epoch}")
    fig, (ax_regions, ax_costs) = live_figure(1, 2, figsize=(10, 4.2))
    image, points = decision_regions(ax_regions, lambda G: snapshots[network]["regions"][-1], X,
                                     labels, resolution=resolution)
    ax_regions.set(xlabel="$x_1$", ylabel="$x_2$", title="Class regions (argmax of softmax)")
    ax_regions.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    epochs = np.arange(1, n_epochs + 1)
    cost_lines = {name: ax_costs.semilogy(epochs, run["costs"], color=COLORS[k % len(COLORS)],
                                          marker=MARKERS[k % len(MARKERS)], markevery=30,
                                          label=name)[0]
                  for k, (name, run) in enumerate(snapshots.items())}
    # room below the lowest cost holds the legend; the epoch marker stops above it
    lowest = min(float(np.min(run["costs"])) for run in snapshots.values())
    highest = max(3.0, 1.5 * max(float(np.max(run["costs"])) for run in snapshots.values()))
    (marker,) = ax_costs.plot([n_epochs] * 2, [lowest / 2, highest], color=PALETTE["black"],
                              linestyle=":", linewidth=1, marker="")
    ax_costs.set(xlim=(0, n_epochs), ylim=(lowest / 15, highest), xlabel="epoch",
                 ylabel="cross-entropy cost J (log scale)", title="Training cost")
    ax_costs.legend(loc="lower left")

    def render(network, epoch):
        k = min(epoch, n_epochs) // every  # a value between two snapshots shows the earlier one
        run = snapshots[network]
        image.set_data(run["regions"][k].reshape(resolution, resolution))
        marker.set_xdata([k * every] * 2)
        for name, line in cost_lines.items():
            line.set_linewidth(3.0 if name == network else 1.0)
        state = (f"cost J {run['costs'][k * every - 1]:.3f}, train accuracy "
                 f"{run['train_acc'][k * every - 1]:.1%}, dev accuracy "
                 f"{run['dev_acc'][k * every - 1]:.1%}"
                 if k > 0 else "before training")
        return f"<b>{network}, epoch {k * every}</b>: {state}"

    controls = {
        "network": widgets.ToggleButtons(options=names, value=network, description="network"),
        "epoch": widgets.IntSlider(value=epoch, min=0, max=n_epochs, step=every,
                                   description="epoch"),
    }
    # the points are redrawn so they stay above the regions
    redraw = FastRedraw(fig, [image, *points, *cost_lines.values(), marker])
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    layout=lambda c, canvases, readout: widgets.VBox([*c.values(), *canvases,
                                                                      readout]),
                    description="Softmax decision regions with and without hidden layers")


def straight_edges_explorer(panels, *, resolution: int = 90) -> Explorer:
    """The class regions of trained models side by side, each titled with its dev accuracy.

    ``panels`` is a list of ``(title, model, X_train, labels_train, X_dev, labels_dev)``, one per
    axes: the points drawn are the training points; the dev accuracy is ``mlp.accuracy`` on the
    dev set. No controls.
    """
    if not isinstance(panels, (list, tuple)) or not 1 <= len(panels) <= 3 or not all(
            isinstance(p, tuple) and len(p) == 6 and isinstance(p[1], mlp.Model) for p in panels):
        check.fail("panels", "a list of 1 to 3 (title, model, X_train, labels_train, X_dev, "
                   "labels_dev) with a trained mlp.Model", panels)
    resolution = check.integer("resolution", resolution, low=2)
    fig, axes = live_figure(1, len(panels), figsize=(5 * len(panels), 4.0), squeeze=False)
    accuracies = []
    for ax, (title, model, X_train, labels_train, X_dev, labels_dev) in zip(axes[0], panels):
        n_classes = model.config.layer_dims[-1]
        accuracy = mlp.accuracy(model, X_dev, sm.one_hot(labels_dev, n_classes))
        accuracies.append((title, accuracy))
        decision_regions(ax, lambda G, model=model: mlp.predict(model, G), X_train, labels_train,
                         resolution=resolution)
        ax.set(xlabel="$x_1$", ylabel="$x_2$", title=f"{title}: dev accuracy {accuracy:.1%}")
    axes[0][-1].legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    linear = all(len(p[1].config.layer_dims) == 2 for p in panels)
    count = ["one", "two", "three"][len(panels) - 1]
    fig.suptitle(f"Softmax regression (no hidden layer): the same straight edges, {count} data sets"
                 if linear else "Class regions of the models")
    text = "; ".join(f"{title}: dev accuracy <b>{acc:.1%}</b>" for title, acc in accuracies)
    return Explorer({}, lambda: text, figures=[fig],
                    layout=lambda c, canvases, readout: widgets.VBox([*canvases, readout]),
                    description="Softmax regression's straight-edged regions on spirals and on "
                                "separated blobs")


@lru_cache(maxsize=1)
def _notebook_13():
    """Notebook 13's data and trainings (SEED = 0), built once for the examples."""
    rng = np.random.default_rng(0)
    rng.normal(0, 2, size=(4, 5))  # what the notebook's rng draws before the spirals (cells 14, 18)
    rng.normal(0, 3, size=(2, 6))
    rng.integers(0, 2, size=6)
    X, labels = spirals(800, n_classes=4, noise=0.15, rng=rng)
    Y = sm.one_hot(labels, 4)
    grid = region_grid(X[:, :600], resolution=90)
    architectures = {"no hidden layer": [2, 4], "1 hidden layer (8)": [2, 8, 4],
                     "2 hidden layers (16, 16)": [2, 16, 16, 4]}
    snapshots = {name: train_with_snapshots(X[:, :600], Y[:, :600], layer_dims=dims, grid=grid,
                                            n_epochs=300, every=10, rng=np.random.default_rng(1),
                                            X_dev=X[:, 600:], Y_dev=Y[:, 600:], output="softmax",
                                            optimizer="adam", lr=0.02, batchnorm=True)
                 for name, dims in architectures.items()}
    X_b, labels_b = blobs(800, centers=4, spread=0.5, rng=np.random.default_rng(2))
    blob_model, _ = mlp.train(X_b[:, :600], sm.one_hot(labels_b[:600], 4), layer_dims=[2, 4],
                              rng=np.random.default_rng(1), output="softmax", optimizer="adam",
                              lr=0.02, n_epochs=300, batchnorm=True)
    panels = [("Spirals", snapshots["no hidden layer"]["model"], X[:, :600], labels[:600],
               X[:, 600:], labels[600:]),
              ("Blobs", blob_model, X_b[:, :600], labels_b[:600], X_b[:, 600:], labels_b[600:])]
    return X[:, :600], labels[:600], snapshots, panels


EXAMPLES = {
    "softmax_regions_explorer": lambda: softmax_regions_explorer(*_notebook_13()[:3],
                                                                 network="no hidden layer"),
    "straight_edges_explorer": lambda: straight_edges_explorer(_notebook_13()[3]),
}
