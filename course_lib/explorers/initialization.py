"""Explorers for vanishing/exploding signals and initialization (notebook 04).

- :func:`deep_linear_explorer`: forward and backward signal size per layer of a deep linear
  network with ``W[l] = w I``, for a weight ``w`` and a depth ``L``.
- :func:`random_init_explorer`: the RMS of the activations and of the weight gradients per layer
  of a deep network with random weights, for an initialization scheme, a gain, an activation
  and a depth (the sizes are :func:`signal_sizes`).
- :func:`init_training_explorer`: the cost curves and final decision regions of one network
  trained from several initializations.
"""

from __future__ import annotations

from functools import cache, lru_cache

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib import initializers, mlp
from course_lib.data import circles
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.regions import decision_regions, region_grid
from course_lib.figures.style import COLORS, MARKERS, PALETTE
from course_lib.optimizers import init_params_state


def deep_linear_sizes(x, *, w: float, L: int):
    """``(‖a[l]‖ for l = 0..L-1, ‖dJ/da[l]‖ for l = 0..L-1, ŷ)`` for ``W[l] = w I``, ``W[L] = [1 1]``.

    ``x`` has shape (2, 1). With ``J = ŷ``: ``a[l] = w^l x`` and ``dJ/da[l] = w^(L-1-l) [1 1]ᵀ``.
    """
    x = check.array("x", x, ndim=2)
    if x.shape != (2, 1):
        raise ValueError(f"x must have shape (2, 1) (one example of 2 features), got {x.shape}")
    w, L = check.positive("w", w), check.integer("L", L, low=2)
    layers = np.arange(L)
    forward = np.linalg.norm(x) * w**layers
    backward = np.sqrt(2) * w ** (L - 1 - layers)
    return forward, backward, float(w ** (L - 1) * x.sum())


def deep_linear_explorer(x, *, w: float = 1.5, L: int = 30) -> Explorer:
    """Size of the forward signal and of the gradient per layer (log scale), ``w`` and ``L`` sliders.

    ``x`` (shape (2, 1)) is the input; controls ``w`` (0.5 to 2) and ``L`` (2 to 50 layers).
    """
    w = check.number("w", w, low=0.5, high=2.0)
    L = check.integer("L", L, low=2)
    if L > 50:
        raise ValueError(f"L must be in [2, 50], got {L}")
    deep_linear_sizes(x, w=w, L=L)  # checks x
    fig, ax = live_figure(figsize=(7.5, 3.6))
    (fwd_line,) = ax.semilogy([], [], color=PALETTE["blue"], marker="o", linestyle="-",
                              label="forward: ‖a[l]‖")
    (bwd_line,) = ax.semilogy([], [], color=PALETTE["vermillion"], marker="s", linestyle="--",
                              label="backward: ‖dJ/da[l]‖")
    ax.axhline(np.sqrt(2), color=PALETTE["black"], linestyle=":", marker="", linewidth=1,
               label="w = 1: size √2 at every layer")
    ax.set(xlabel="layer l", ylabel="size (log scale)", ylim=(1e-16, 1e16), xlim=(-0.5, 49.5),
           title="Deep linear network with W[l] = w·I: signals multiply by w per layer")
    ax.legend(loc="upper center", ncols=3)

    def render(w, L):
        forward, backward, y_hat = deep_linear_sizes(x, w=w, L=L)
        fwd_line.set_data(np.arange(L), forward)
        bwd_line.set_data(np.arange(L), backward)
        regime = "explodes" if w > 1 else ("vanishes" if w < 1 else "stays put")
        return (f"<b>w = {w:.2f}, L = {L}</b>: ŷ = w<sup>L-1</sup>·2 = {y_hat:.3g} "
                f"(the signal {regime}); gradient at the input {backward[0]:.3g}")

    controls = {"w": widgets.FloatSlider(value=w, min=0.5, max=2.0, step=0.01, description="w",
                                         readout_format=".2f"),
                "L": widgets.IntSlider(value=L, min=2, max=50, description="layers L")}
    return Explorer(controls, render, figures=[fig], blit=[FastRedraw(fig, [fwd_line, bwd_line])],
                    description="Forward and backward signal size per layer of a deep linear "
                                "network")


ACTIVATIONS = ("relu", "tanh")


def signal_sizes(X, draws, top_gradient, *, std: float, activation: str, depth: int):
    """RMS of ``a[l]`` and of ``dW[l]``, l = 1..depth, with weights ``W[l] = std * draws[l-1]``.

    ``X`` (n, m) is the input, ``draws`` the standard normal (n, n) matrices (a list or an array
    of shape (L, n, n)), ``top_gradient`` (n, m) the gradient arriving at ``a[depth]``; no biases.
    ``dW[l] = dZ[l] a[l-1]ᵀ / m``. (Notebook 04 writes the same passes out as ``signal_sizes``.)
    """
    check.choice("activation", activation, ACTIVATIONS)
    m = X.shape[1]
    A, inputs, slopes, spread = X, [], [], np.empty(depth)
    for l in range(depth):
        inputs.append(A)
        Z = draws[l] @ A
        Z *= std  # scaling Z, not the (n, n) weights: the same numbers, less work
        if activation == "relu":
            slopes.append(Z > 0)
            A = np.maximum(Z, 0)
        else:
            A = np.tanh(Z)
            slopes.append(1 - A * A)
        spread[l] = np.sqrt(np.mean(A * A))
    dA, grad_rms = top_gradient, np.empty(depth)
    for l in range(depth - 1, -1, -1):
        dZ = dA * slopes[l]
        dW = dZ @ inputs[l].T
        grad_rms[l] = np.sqrt(np.mean(dW * dW)) / m
        dA = draws[l].T @ dZ
        dA *= std
    return spread, grad_rms


def random_init_explorer(X, draws, top_gradient, *, schemes: dict, scheme: str,
                         activation: str = "relu", depth: int | None = None,
                         gain: float = 1.0) -> Explorer:
    """Per-layer RMS of ``a[l]`` (left) and ``dW[l]`` (right), log scale, for random weights.

    ``schemes`` maps a scheme's name to its standard deviation; the weights of layer l are
    ``draws[l-1] * schemes[scheme] * gain``. Controls: ``depth`` (2 to len(draws)), ``gain``
    (a log slider, 0.25 to 4), ``activation`` (relu or tanh), ``scheme``.
    """
    X, top_gradient = check.array("X", X, ndim=2), check.array("top_gradient", top_gradient, ndim=2)
    draws = [check.array("draws", d, ndim=2) for d in draws]
    n = X.shape[0]
    if len(draws) < 2 or any(d.shape != (n, n) for d in draws) or top_gradient.shape != X.shape:
        raise ValueError(f"draws must be at least 2 arrays of shape ({n}, {n}) and top_gradient "
                         f"of X's shape {X.shape}; got {len(draws)} draws, top_gradient "
                         f"{top_gradient.shape}")
    if not isinstance(schemes, dict) or not schemes:
        check.fail("schemes", "a dict of scheme name -> standard deviation", schemes)
    schemes = {name: check.positive(f"schemes[{name!r}]", std) for name, std in schemes.items()}
    check.choice("scheme", scheme, schemes)
    check.choice("activation", activation, ACTIVATIONS)
    max_depth = len(draws)
    depth = max_depth if depth is None else check.integer("depth", depth, low=2)
    if depth > max_depth:
        raise ValueError(f"depth must be in [2, {max_depth}] (one draw per layer), got {depth}")
    gain = check.number("gain", gain, low=10**-0.6, high=10**0.6)
    draws = np.stack(draws)

    @lru_cache(maxsize=2048)
    def sizes(std, activation, depth):
        if activation == "relu" and std != 1.0:
            # relu(c z) = c relu(z) with no biases: layer l's a scales by c^l, every dW by
            # c^(L-1) (the notebook checks this for gain 2). One set of passes serves every c.
            spread, grad = sizes(1.0, "relu", depth)
            return spread * std ** np.arange(1, depth + 1), grad * std ** (depth - 1)
        return signal_sizes(X, draws, top_gradient, std=std, activation=activation, depth=depth)

    fig, (ax_a, ax_g) = live_figure(1, 2, figsize=(9, 3.5))
    (spread_line,) = ax_a.semilogy([], [], color=PALETTE["blue"], marker="o", label="RMS of a[l]")
    (grad_line,) = ax_g.semilogy([], [], color=PALETTE["vermillion"], marker="s", linestyle="--",
                                 label="RMS of dW[l]")
    for ax, title, ylabel in ((ax_a, "Forward: size of the activations a[l]", "RMS of a[l]"),
                              (ax_g, "Backward: size of dW[l]", "RMS of dW[l]")):
        ax.set(xlabel="layer l", ylabel=f"{ylabel} (log scale)", ylim=(1e-50, 1e40), title=title,
               xlim=(0.5, max_depth + 0.5), yticks=10.0 ** np.arange(-50, 41, 10))
        ax.axhline(1.0, color=PALETTE["black"], linestyle=":", marker="", linewidth=1)
        ax.legend(loc="upper right")

    def render(depth, gain, activation, scheme):
        spread, grad = sizes(schemes[scheme] * gain, activation, depth)
        layers = np.arange(1, depth + 1)
        spread_line.set_data(layers, np.maximum(spread, 1e-300))  # 0 cannot be drawn on a log axis
        grad_line.set_data(layers, np.maximum(grad, 1e-300))
        per_layer = (spread[-1] / spread[0]) ** (1 / (depth - 1))
        return (f"<b>{scheme}, gain {gain:.2f}, {activation}, L = {depth}</b>: RMS of a[1] = "
                f"{spread[0]:.3g}, of a[L] = {spread[-1]:.3g} (×{per_layer:.3f} per layer); "
                f"RMS of dW[1] = {grad[0]:.3g}, of dW[L] = {grad[-1]:.3g}")

    controls = {
        "depth": widgets.IntSlider(value=depth, min=2, max=max_depth, description="layers L"),
        "gain": widgets.FloatLogSlider(value=gain, base=10, min=-0.6, max=0.6, step=0.01,
                                       description="gain", readout_format=".2f"),
        "activation": widgets.Dropdown(options=ACTIVATIONS, value=activation,
                                       description="g(z)"),
        "scheme": widgets.ToggleButtons(options=list(schemes), value=scheme, description="init"),
    }

    def layout(controls, canvases, readout):
        row = widgets.HBox([controls["depth"], controls["gain"], controls["activation"]])
        return widgets.VBox([row, controls["scheme"], *canvases, readout])

    return Explorer(controls, render, figures=[fig], layout=layout,
                    blit=[FastRedraw(fig, [spread_line, grad_line])],
                    description="Activation spread and gradient size per layer for several "
                                "initializations")


def init_training_explorer(X, labels, *, models: dict, histories: dict,
                           init: str = "He") -> Explorer:
    """Cost curves of every run (left) and the chosen run's decision regions (right).

    ``models`` and ``histories`` map an initialization's name to the ``mlp.train`` result trained
    from it on ``X`` (shape (2, m)) with 0/1 ``labels`` (shape (m,)). Control: ``init``.
    """
    if not isinstance(models, dict) or not models or list(histories) != list(models):
        check.fail("histories", f"a dict with the same keys as models {list(models)}", histories)
    check.choice("init", init, models)
    grid = region_grid(X, resolution=100)
    regions = {name: mlp.predict(model, grid).reshape(100, 100) for name, model in models.items()}
    costs = {name: np.asarray(h["cost_per_epoch"]) for name, h in histories.items()}
    fig, (ax_cost, ax_reg) = live_figure(1, 2, figsize=(9, 3.8))
    for i, (name, cost) in enumerate(costs.items()):
        ax_cost.plot(cost, color=COLORS[i], marker=MARKERS[i], markevery=(8 * i, 50), label=name)
    ax_cost.set(xlabel="epoch", ylabel="cost J", ylim=(0, 1.0),
                title="Training cost for each initialization")
    for k, (name, cost) in enumerate((n, c) for n, c in costs.items() if c[0] > 1.0):
        ax_cost.annotate(f"{name} starts at {cost[0]:.2g}, off the scale", xy=(0, 1.0),
                         xytext=(40, 0.9 - 0.08 * k), fontsize=8, arrowprops={"arrowstyle": "->"})
    (highlight,) = ax_cost.plot([], [], color=PALETTE["black"], marker="", linewidth=6,
                                alpha=0.25, label="chosen init")
    ax_cost.legend(loc="lower left", ncols=2)
    region_image, _ = decision_regions(ax_reg, lambda G: regions[init].ravel(), X, labels,
                                       resolution=100)
    epochs = len(costs[init])
    ax_reg.set(xlabel="x1", ylabel="x2", title=f"Decision regions after {epochs} epochs")
    ax_reg.legend(loc="upper right")

    def render(init):
        cost, accuracy = costs[init], histories[init]["train_acc"][-1]
        region_image.set_data(regions[init])
        highlight.set_data(np.arange(len(cost)), cost)
        return (f"<b>{init}</b>: cost {cost[0]:.4g} → {cost[-1]:.4f}, "
                f"train accuracy {accuracy:.1%} (regions on the right)")

    controls = {"init": widgets.ToggleButtons(options=list(models), value=init,
                                              description="init")}
    explorer = Explorer(controls, render, figures=[fig],
                        blit=[FastRedraw(fig, [region_image, highlight])],
                        description="Cost curves and decision regions for five initializations")
    explorer.regions = regions  # init -> the (100, 100) predicted classes drawn on the right
    return explorer


@cache
def _example_data():
    """Notebook 04's draws: its rng's signal, weight draws and top gradient, then the circles."""
    rng = np.random.default_rng(0)
    X_signal = rng.standard_normal((100, 30))
    draws = tuple(rng.standard_normal((100, 100)) for _ in range(40))
    top_gradient = rng.standard_normal((100, 30))
    X, labels = circles(300, noise=0.1, factor=0.5, rng=rng)
    return X_signal, draws, top_gradient, X, labels


@cache
def _example_runs():
    """Notebook 04's five trainings (cell "Training with each initialization")."""
    *_, X, labels = _example_data()
    dims = [2, 16, 16, 16, 1]
    inits = {"zeros": lambda r: initializers.zeros(dims),
             "0.01·N(0,1)": lambda r: initializers.random_normal(dims, r, scale=0.01),
             "10·N(0,1)": lambda r: initializers.random_normal(dims, r, scale=10.0),
             "Xavier": lambda r: initializers.xavier(dims, r),
             "He": lambda r: initializers.he(dims, r)}
    models, histories = {}, {}
    for name, make in inits.items():
        params = make(np.random.default_rng(1))
        start = mlp.Model(params, mlp.Config(tuple(dims), "relu", "sigmoid", False), {}, "gd",
                          init_params_state("gd", params), 0)
        models[name], histories[name] = mlp.train(
            X, labels.reshape(1, -1).astype(float), rng=np.random.default_rng(2), model=start,
            optimizer="gd", lr=0.1, n_epochs=400)
    return models, histories


EXAMPLE_SCHEMES = {"He √(2/n)": np.sqrt(2 / 100), "Xavier √(1/n)": np.sqrt(1 / 100),
                   "0.01·N(0,1)": 0.01, "N(0,1)": 1.0}

EXAMPLES = {
    "deep_linear_explorer": lambda: deep_linear_explorer(np.ones((2, 1)), w=1.5, L=30),
    "random_init_explorer": lambda: random_init_explorer(
        *_example_data()[:3], schemes=EXAMPLE_SCHEMES, scheme="He √(2/n)", activation="relu",
        depth=40, gain=1.0),
    "init_training_explorer": lambda: init_training_explorer(
        *_example_data()[3:], models=_example_runs()[0], histories=_example_runs()[1],
        init="He"),
}
