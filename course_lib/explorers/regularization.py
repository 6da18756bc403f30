"""Explorers for L2 regularization and early stopping (notebook 02).

- :func:`weight_decay_explorer`: the sum of squared weights during gradient descent with L2, for
  a chosen λ, beside what the decay factor (1 - αλ/m) alone would leave.
- :func:`regularization_sweep_explorer`: networks trained with several settings of one
  regularizer (λ or keep_prob): the decision boundary of the chosen one, and train/dev accuracy
  and weight norm against the setting.
- :func:`cost_curves_explorer`: cost curves, no controls (the regularized J; J with dropout).

Early stopping's figure is in ``early_stopping.py``, dropout's expectation in ``dropout.py``,
data augmentation's in ``augmentation.py``.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import data, mlp, network
from course_lib.figures.blit import FrameCache
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.regions import decision_regions, region_grid
from course_lib.figures.style import COLORS, LINESTYLES, PALETTE

RESOLUTION = 90  # of the decision-region grid


def sum_squared_weights(params: dict) -> float:
    r""":math:`\sum_l \lVert W^{[l]}\rVert_F^2` over the entries of ``params`` named ``W...``."""
    return sum(float(np.sum(W**2)) for name, W in params.items() if name.startswith("W"))


def _models(name, models):
    if not isinstance(models, dict) or not models or not all(
            isinstance(m, mlp.Model) for m in models.values()):
        check.fail(name, "a non-empty dict of setting -> course_lib.mlp.Model", models)
    return models


def _labels(name, Y, m):
    Y = check.array(name, Y, ndim=2, what="an array of shape (1, m) of 0/1 labels")
    if Y.shape != (1, m):
        raise ValueError(f"{name} must have shape (1, {m}) (one 0/1 label per column of "
                         f"X{name[1:]}), got {Y.shape}")
    return Y


def _boundary_axes(ax, models, X_train, Y_train, X_dev, Y_dev, first):
    """Decision regions of ``models[first]`` behind the training points; every model's regions."""
    shown = np.hstack([X_train, X_dev])
    grid = region_grid(shown, resolution=RESOLUTION, padding=0.3)
    regions = {k: mlp.predict(model, grid).reshape(RESOLUTION, RESOLUTION)
               for k, model in models.items()}
    labels_train = Y_train[0].astype(int)
    image, scatters = decision_regions(ax, lambda G: regions[first],
                                       shown, np.r_[labels_train, Y_dev[0].astype(int)],
                                       resolution=RESOLUTION, padding=0.3)
    for c, scatter in enumerate(scatters):  # the dev points set the extent; only train is shown
        scatter.set_offsets(X_train[:, labels_train == c].T)
    ax.set(xlabel="x1", ylabel="x2")
    ax.legend(loc="lower left")
    ax.set_title(" ")  # the title style, once; render changes only its text (no full redraw)
    return image, regions


def _check_sets(models, X_train, Y_train, X_dev, Y_dev, name="models"):
    models = _models(name, models)
    X_train = check.array("X_train", X_train, ndim=2, what="an array of shape (2, m)")
    X_dev = check.array("X_dev", X_dev, ndim=2, what="an array of shape (2, m_dev)")
    return (models, X_train, _labels("Y_train", Y_train, X_train.shape[1]), X_dev,
            _labels("Y_dev", Y_dev, X_dev.shape[1]))


def weight_decay_explorer(norms, *, alpha, m, lambd=3.0) -> Explorer:
    """``norms[λ]``: the sum of squared weights after 0, 1, ... steps of GD with L2 at that λ.

    ``norms`` must include λ = 0 (the reference line). Control: ``lambd``, one of its keys.
    """
    if not isinstance(norms, dict) or 0.0 not in norms:
        check.fail("norms", "a dict of λ -> sum of squared weights per step, including λ = 0",
                   norms)
    norms = {float(k): check.array(f"norms[{k}]", v, ndim=1) for k, v in norms.items()}
    alpha, m = check.positive("alpha", alpha), check.integer("m", m, low=1)
    lambd = check.choice("lambd", lambd, norms)
    steps = np.arange(len(norms[0.0]))
    alone = {l: v[0] * (1 - alpha * l / m) ** (2 * steps) for l, v in norms.items()}
    fig, ax = live_figure(figsize=(7, 3.6))
    ax.semilogy(steps, norms[0.0], color=PALETTE["black"], linestyle=":", marker="",
                linewidth=1.2, label="λ = 0 (no decay)")
    (run_line,) = ax.semilogy(steps, norms[0.0], color=PALETTE["blue"], marker="o", markevery=50,
                              label="gradient descent with L2")
    (alone_line,) = ax.semilogy(steps, alone[0.0], color=PALETTE["orange"], linestyle="--",
                                marker="s", markevery=(25, 50),
                                label="decay alone: × (1 - αλ/m)² per step")
    low = min(min(v.min() for v in norms.values()), min(v.min() for v in alone.values()))
    ax.set(xlabel="gradient-descent step", ylabel="sum of ||W[l]||² (log scale)",
           ylim=(low / 2, 3 * norms[0.0].max()),
           title="Weight decay: every step shrinks W before the usual update")
    ax.legend(loc="lower left")

    redraw = FrameCache(fig, [run_line, alone_line])  # few states: each frame drawn once

    def render(lambd):
        redraw.key = lambd
        run_line.set_ydata(norms[lambd])
        alone_line.set_ydata(alone[lambd])
        return (f"λ = {lambd:g}, α = {alpha}, m = {m}: each step multiplies W by "
                f"<b>{1 - alpha * lambd / m:.4f}</b>; after {steps[-1]} steps sum of ||W||² = "
                f"<b>{norms[lambd][-1]:.1f}</b> (decay alone would leave {alone[lambd][-1]:.3g})")

    controls = {"lambd": widgets.SelectionSlider(options=list(norms), value=lambd,
                                                 description="λ")}
    return Explorer(controls, render, figures=[fig],
                    blit=[redraw],
                    description="Sum of squared weights during gradient descent with L2, and "
                                "decay alone")


def regularization_sweep_explorer(models, X_train, Y_train, X_dev, Y_dev, *, symbol,
                                  value) -> Explorer:
    """``models[setting]``: networks trained with each setting of a regularizer named ``symbol``.

    Shapes: ``X_train`` (2, m), ``Y_train`` (1, m), likewise the dev set. Control: ``value``, one
    of the settings (the keys of ``models``, in their order).
    """
    models, X_train, Y_train, X_dev, Y_dev = _check_sets(models, X_train, Y_train, X_dev, Y_dev)
    if not isinstance(symbol, str) or not symbol:
        check.fail("symbol", "the setting's name, e.g. 'λ'", symbol)
    value = check.choice("value", value, models)
    settings = list(models)
    train_acc = {s: mlp.accuracy(models[s], X_train, Y_train) for s in settings}
    dev_acc = {s: mlp.accuracy(models[s], X_dev, Y_dev) for s in settings}
    norm = {s: sum_squared_weights(models[s].params) for s in settings}
    fig, (ax_r, ax_a) = live_figure(1, 2, figsize=(10, 4.2))
    image, regions = _boundary_axes(ax_r, models, X_train, Y_train, X_dev, Y_dev, value)
    xs = np.arange(len(settings))
    ax_a.plot(xs, [100 * train_acc[s] for s in settings], color=PALETTE["blue"], marker="o",
              label="train accuracy")
    ax_a.plot(xs, [100 * dev_acc[s] for s in settings], color=PALETTE["orange"], marker="s",
              linestyle="--", label="dev accuracy")
    ax_a.set(xticks=xs, xticklabels=[f"{s:g}" for s in settings], xlabel=symbol,
             ylabel="accuracy (%)", ylim=(75, 101),
             title=f"Accuracy and weight norm against {symbol}")
    ax_w = ax_a.twinx()
    ax_w.semilogy(xs, [norm[s] for s in settings], color=PALETTE["green"], marker="^",
                  linestyle=":", label="sum of ||W||² (right axis)")
    ax_w.set_ylabel("sum of squared weights")
    ax_w.grid(False)
    handles = ax_a.get_legend_handles_labels()[0] + ax_w.get_legend_handles_labels()[0]
    ax_a.legend(handles=handles, loc="lower left")
    marker = ax_a.axvline(0, color=PALETTE["vermillion"], linewidth=1.2, marker="")

    # few states, each drawn once: the title and the region image cost more than the budget
    redraw = FrameCache(fig, [image, marker, ax_r.title])

    def render(value):
        redraw.key = value
        image.set_data(regions[value])
        marker.set_xdata([settings.index(value)] * 2)
        ax_r.title.set_text(f"Decision boundary, {symbol} = {value:g}")
        return (f"{symbol} = {value:g}: train accuracy <b>{train_acc[value]:.1%}</b>, "
                f"dev accuracy <b>{dev_acc[value]:.1%}</b>, sum of squared weights "
                f"<b>{norm[value]:.1f}</b>")

    controls = {"value": widgets.SelectionSlider(options=settings, value=value,
                                                 description=symbol)}
    return Explorer(controls, render, figures=[fig],
                    blit=[redraw],
                    description=f"Decision boundary, accuracies and weight norm for each {symbol}")


def cost_curves_explorer(curves, *, title, xlabel="iteration", ylabel="cost") -> Explorer:
    """``curves[label]``: a cost per iteration; drawn in the course's colours and line styles."""
    if not isinstance(curves, dict) or not 1 <= len(curves) <= len(COLORS):
        check.fail("curves", f"a dict of 1 to {len(COLORS)} label -> costs", curves)
    curves = {str(k): check.array(f"curves[{k!r}]", v, ndim=1) for k, v in curves.items()}
    fig, ax = live_figure(figsize=(6.5, 3.4))
    for i, (label, costs) in enumerate(curves.items()):
        ax.plot(costs, color=COLORS[i], linestyle=LINESTYLES[i], marker="", label=label)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.legend(loc="upper right")
    return Explorer({}, lambda: None, figures=[fig], description=title)


@lru_cache(maxsize=1)
def _notebook_02():
    """Notebook 02's data and trainings (its seeds and settings), for EXAMPLES and tests."""
    rng = np.random.default_rng(0)
    X_train, labels_train = data.moons(100, noise=0.3, rng=rng)
    X_dev, labels_dev = data.moons(1000, noise=0.3, rng=rng)
    Y_train, Y_dev = labels_train[None, :].astype(float), labels_dev[None, :].astype(float)
    net = dict(layer_dims=[2, 40, 40, 1], activation="tanh", lr=0.02)
    model, snapshots, train_costs = None, {}, []
    for n_epochs in [10] * 8 + [40] * 8:
        model, history = mlp.train(X_train, Y_train, rng=np.random.default_rng(1), model=model,
                                   n_epochs=n_epochs, **(net if model is None else {"lr": 0.02}))
        snapshots[model.epochs_done] = model
        train_costs += history["train_cost"]
    by = {}
    for name, values in (("lambd", (0.1, 0.3, 1.0, 3.0, 10.0)),
                         ("keep_prob", (0.8, 0.6, 0.4, 0.3))):
        by[name] = {0.0 if name == "lambd" else 1.0: model}
        for v in values:
            by[name][v] = mlp.train(X_train, Y_train, rng=np.random.default_rng(1), n_epochs=400,
                                    **{name: v}, **net)[0]
    norms = {}
    for lambd in (0.0, 0.1, 0.3, 1.0, 3.0, 10.0):
        p, norms[lambd] = model.params, [sum_squared_weights(model.params)]
        for _ in range(400):
            _, grads = network.cost_and_grads(p, X_train, Y_train, training=True, lambd=lambd,
                                              activation="tanh")
            p = {k: v - 0.1 * grads["d" + k] for k, v in p.items()}
            norms[lambd].append(sum_squared_weights(p))
    _, h = mlp.train(X_train, Y_train, rng=np.random.default_rng(1), layer_dims=[2, 40, 40, 1],
                     activation="tanh", optimizer="gd", lr=0.05, n_epochs=300, lambd=1.0)
    return dict(sets=(X_train, Y_train, X_dev, Y_dev), snapshots=snapshots,
                train_costs=train_costs, by_lambd=by["lambd"], by_keep=by["keep_prob"],
                norms=norms, gd_history=h)


EXAMPLES = {
    "weight_decay_explorer": lambda: weight_decay_explorer(_notebook_02()["norms"], alpha=0.1,
                                                           m=100, lambd=3.0),
    "regularization_sweep_explorer": lambda: regularization_sweep_explorer(
        _notebook_02()["by_lambd"], *_notebook_02()["sets"], symbol="λ", value=0.0),
    "cost_curves_explorer": lambda: cost_curves_explorer(
        {"J with the L2 term (what GD minimizes)": _notebook_02()["gd_history"]["cost_per_step"],
         "cross-entropy only, after each epoch": _notebook_02()["gd_history"]["train_cost"]},
        title="Plot the regularized cost when debugging"),
}
