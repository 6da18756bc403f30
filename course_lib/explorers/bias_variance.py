"""Explorers for bias and variance in real networks (notebook 01).

- :func:`network_size_explorer`: decision regions and errors of one-hidden-layer networks for each
  number of hidden units ``h`` and training-set size ``m`` (all trained beforehand).
- :func:`line_and_memory_explorer`: high bias *and* high variance drawn: a straight line that also
  memorizes a few noisy training points, with the memory's reach as a control.

The diagnosis quiz and the basic recipe's flow are in ``course_lib.explorers.recipe``.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import data, mlp
from course_lib.diagnosis import TOL, diagnose, moons_bayes_classifier
from course_lib.figures.blit import FastRedraw, FrameCache
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.regions import decision_regions, region_grid
from course_lib.figures.style import PALETTE

RESOLUTION, PADDING = 90, 0.3  # the decision-region grid of both figures


def _points(name, X, labels):
    X = check.array(name, X, ndim=2, what="an array of shape (2, m)")
    if X.shape[0] != 2 or X.shape[1] < 1:
        raise ValueError(f"{name} must have shape (2, m) (points as columns), got {X.shape}")
    labels = np.asarray(labels)
    if labels.shape != (X.shape[1],) or not np.isin(labels, (0, 1)).all():
        raise ValueError(f"the labels of {name} must be {X.shape[1]} zeros and ones, got "
                         f"shape {labels.shape}")
    return X, labels.astype(int)


def _error(labels_hat, labels) -> float:
    return 100 * float(np.mean(labels_hat != labels))


def network_size_explorer(models, X_train, labels_train, X_dev, labels_dev, *, bayes_error,
                          h: int = 128, m: int = 25, tol: float = TOL) -> Explorer:
    """Regions and errors of ``models[h, m]``, a network trained on the first ``m`` examples.

    ``models`` maps every pair ``(h, m)`` of a grid (hidden units, training examples) to a trained
    ``course_lib.mlp`` model; ``X_train`` (2, m_max) holds the training pool, ``X_dev`` the dev set
    (examples are columns). Controls: ``h`` and ``m`` (selection sliders over the grid).
    """
    X_train, labels_train = _points("X_train", X_train, labels_train)
    X_dev, labels_dev = _points("X_dev", X_dev, labels_dev)
    if not isinstance(models, dict) or not models or not all(
            isinstance(k, tuple) and len(k) == 2 for k in models):
        check.fail("models", "a dict (h, m) -> trained course_lib.mlp model", models)
    hidden = sorted({k[0] for k in models})
    sizes = sorted({k[1] for k in models})
    if len(models) != len(hidden) * len(sizes) or max(sizes) > X_train.shape[1]:
        check.fail("models", f"a full grid of (h, m) with m <= {X_train.shape[1]} (the training "
                             "pool)", sorted(models))
    bayes_error = check.number("bayes_error", bayes_error, low=0.0, high=100.0)
    h, m = check.choice("h", h, hidden), check.choice("m", m, sizes)
    tol = check.non_negative("tol", tol)
    X_shown = np.hstack([X_train, X_dev])
    grid = region_grid(X_shown, resolution=RESOLUTION, padding=PADDING)
    errors, regions = {}, {}
    for (k, n), model in models.items():
        errors[k, n] = (_error(mlp.predict(model, X_train[:, :n]), labels_train[:n]),
                        _error(mlp.predict(model, X_dev), labels_dev))
        regions[k, n] = mlp.predict(model, grid).reshape(RESOLUTION, RESOLUTION)
    # the training points shown for each m, per class: set_offsets only
    shown = {n: [X_train[:, :n][:, labels_train[:n] == c].T for c in (0, 1)] for n in sizes}

    fig, (ax_r, ax_e) = live_figure(1, 2, figsize=(10, 4.2))
    image, scatters = decision_regions(ax_r, lambda G: regions[h, m].ravel(), X_shown,
                                       np.r_[labels_train, labels_dev], resolution=RESOLUTION,
                                       padding=PADDING)
    ax_r.set(xlabel="x1", ylabel="x2")
    ax_r.legend(loc="lower left")
    xs = np.arange(len(hidden))
    (train_line,) = ax_e.plot(xs, np.zeros(len(xs)), color=PALETTE["blue"], marker="o",
                              label="training error")
    (dev_line,) = ax_e.plot(xs, np.zeros(len(xs)), color=PALETTE["orange"], marker="s",
                            linestyle="--", label="dev error")
    ax_e.axhline(bayes_error, color=PALETTE["black"], linestyle=":", linewidth=1.2, marker="",
                 label="Bayes error")
    h_marker = ax_e.axvline(0, color=PALETTE["vermillion"], linewidth=1.2, marker="")
    ax_e.set(xticks=xs, xticklabels=[str(k) for k in hidden], ylim=(0, 30),
             xlabel="hidden units h", ylabel="error (%)")
    ax_e.legend(loc="upper right")
    ax_r.set_title(" ")  # the title style, once; render changes only the text (no full redraw)
    ax_e.set_title(" ")

    def render(h, m):
        redraw.key = (h, m)
        train_err, dev_err = errors[h, m]
        image.set_data(regions[h, m])
        for scatter, offsets in zip(scatters, shown[m]):
            scatter.set_offsets(offsets)
        ax_r.title.set_text(f"h = {h} hidden units, m = {m} training examples")
        train_line.set_ydata([errors[k, m][0] for k in hidden])
        dev_line.set_ydata([errors[k, m][1] for k in hidden])
        h_marker.set_xdata([hidden.index(h)] * 2)
        ax_e.title.set_text(f"Errors against network size, m = {m}")
        return (f"training error <b>{train_err:.1f}%</b>, dev error <b>{dev_err:.1f}%</b>, "
                f"Bayes error {bayes_error:.1f}%: avoidable bias {train_err - bayes_error:+.1f}, "
                f"variance {dev_err - train_err:+.1f} points &rarr; "
                f"<b>{diagnose(train_err, dev_err, bayes_error, tol=tol)}</b>")

    controls = {"h": widgets.SelectionSlider(options=hidden, value=h, description="hidden h"),
                "m": widgets.SelectionSlider(options=sizes, value=m, description="train m")}
    # 25 states, each drawn once: the titles and 800 points cost more than the 17 ms budget
    redraw = FrameCache(fig, [image, *scatters, train_line, dev_line, h_marker, ax_r.title,
                              ax_e.title])
    explorer = Explorer(controls, render, figures=[fig], blit=[redraw],
                        description="Decision boundary and errors for each network size and "
                                    "training-set size")
    explorer.errors = errors  # (h, m) -> (training error %, dev error %), as the figure shows
    return explorer


def line_plus_memory(Z, model, X_train, labels_train, memorized, *, radius=0.3) -> np.ndarray:
    """The line's (``model``'s) labels of the points ``Z`` (2, k), except next to a memorized point.

    A point of ``Z`` whose nearest training point is memorized and closer than ``radius`` gets
    that training point's label instead of the line's.
    """
    out = mlp.predict(model, Z).copy()
    if radius > 0 and np.any(memorized):
        dist2 = ((Z[:, :, None] - X_train[:, None, :]) ** 2).sum(axis=0)  # (points, examples)
        nearest = dist2.argmin(axis=1)
        near = memorized[nearest] & (dist2.min(axis=1) < radius**2)
        out[near] = labels_train[nearest][near]
    return out


def line_and_memory_explorer(line_model, X_train, labels_train, memorized, X_dev, labels_dev, *,
                             bayes_error, radius: float = 0.3, tol: float = TOL) -> Explorer:
    """A line (``line_model``) plus a memory of the ``memorized`` training points, within ``radius``.

    Control: ``radius`` (0 to 0.6; 0 is the line alone). The readout gives the training and dev
    errors of that classifier and their diagnosis.
    """
    X_train, labels_train = _points("X_train", X_train, labels_train)
    X_dev, labels_dev = _points("X_dev", X_dev, labels_dev)
    memorized = np.asarray(memorized)
    if memorized.shape != labels_train.shape or memorized.dtype != bool:
        check.fail("memorized", f"a boolean array of shape {labels_train.shape} (one flag per "
                                "training point)", memorized)
    bayes_error = check.number("bayes_error", bayes_error, low=0.0, high=100.0)
    radius = check.number("radius", radius, low=0.0, high=0.6)
    tol = check.non_negative("tol", tol)
    X_shown = np.hstack([X_train, X_dev])
    grid = region_grid(X_shown, resolution=RESOLUTION, padding=PADDING)

    @lru_cache(maxsize=None)
    def classified(r):
        predict = lambda Z: line_plus_memory(Z, line_model, X_train, labels_train,  # noqa: E731
                                             memorized, radius=r)
        return (predict(grid).reshape(RESOLUTION, RESOLUTION),
                _error(predict(X_train), labels_train), _error(predict(X_dev), labels_dev))

    fig, ax = live_figure(figsize=(5.5, 4.2))
    image, scatters = decision_regions(ax, lambda G: classified(radius)[0].ravel(), X_shown,
                                       np.r_[labels_train, labels_dev], resolution=RESOLUTION,
                                       padding=PADDING)
    for c, scatter in enumerate(scatters):  # show only the training points
        scatter.set_offsets(X_train[:, labels_train == c].T)
    ax.scatter(*X_train[:, memorized], s=140, facecolors="none", edgecolors=PALETTE["black"],
               linewidths=1.2, label="memorized (noise)")
    ax.set(xlabel="x1", ylabel="x2",
           title=f"A line that also fits {memorized.sum()} noisy points: high bias and high "
                 "variance")
    ax.title.set_fontsize(9)
    ax.legend(loc="lower left", fontsize=8)

    def render(radius):
        regions, train_err, dev_err = classified(round(radius, 6))
        image.set_data(regions)
        what = "the line alone" if radius == 0 else f"line + memory within {radius:.2f}"
        return (f"{what}: training error <b>{train_err:.1f}%</b>, dev error "
                f"<b>{dev_err:.1f}%</b> (Bayes {bayes_error:.1f}%) &rarr; "
                f"<b>{diagnose(train_err, dev_err, bayes_error, tol=tol)}</b>")

    controls = {"radius": widgets.FloatSlider(value=radius, min=0.0, max=0.6, step=0.05,
                                              description="memory radius",
                                              style={"description_width": "100px"})}
    explorer = Explorer(controls, render, figures=[fig], blit=[FastRedraw(fig, [image])],
                        description="High bias and high variance: a line plus a memory of the "
                                    "noisy points it misses")
    explorer.classified = classified  # radius -> (regions, training error %, dev error %)
    return explorer


@lru_cache(maxsize=1)
def notebook_experiment():
    """Notebook 01's data and networks, drawn from the same seeded generator in the same order."""
    rng = np.random.default_rng(0)
    toy = np.arange(2000, dtype=float).reshape(2, 1000)
    data.train_dev_test_split(toy, toy[0], fractions=(0.6, 0.2, 0.2), rng=rng)
    X_big, labels_big = data.moons(20_000, noise=0.25, rng=rng)
    bayes = _error(moons_bayes_classifier(X_big, noise=0.25), labels_big)
    X_pool, labels_pool = data.moons(800, noise=0.25, rng=rng)
    X_dev, labels_dev = data.moons(1000, noise=0.25, rng=rng)
    models = {(h, m): mlp.train(X_pool[:, :m], labels_pool[None, :m].astype(float),
                                layer_dims=[2, h, 1], rng=np.random.default_rng(1), n_epochs=400,
                                lr=0.04)[0]
              for h in (1, 2, 8, 32, 128) for m in (25, 50, 100, 200, 800)}
    return {"models": models, "X_train": X_pool, "labels_train": labels_pool, "X_dev": X_dev,
            "labels_dev": labels_dev, "bayes_error": bayes}


def _line_and_memory_example():
    e = notebook_experiment()
    X, labels, line = e["X_train"][:, :100], e["labels_train"][:100], e["models"][1, 100]
    memorized = ((mlp.predict(line, X) != labels)
                 & (moons_bayes_classifier(X, noise=0.25) != labels))
    return line_and_memory_explorer(line, X, labels, memorized, e["X_dev"], e["labels_dev"],
                                    bayes_error=e["bayes_error"], radius=0.3)


EXAMPLES = {
    "network_size_explorer": lambda: network_size_explorer(**notebook_experiment(), h=128, m=25),
    "line_and_memory_explorer": _line_and_memory_example,
}
