"""Explorers for vanishing/exploding signals and initialization (notebook 04).

- :func:`deep_linear_explorer`: forward and backward signal size per layer of a deep linear
  network with ``W[l] = w I``, for a weight ``w`` and a depth ``L``.
- :func:`random_init_explorer`: the RMS of the activations and of the weight gradients per layer
  of a deep network with random weights, for an initialization scheme, a gain, an activation
  and a depth (the sizes are :func:`signal_sizes`).

The third figure of notebook 04, training from each initialization, is in
``course_lib/explorers/initialization_training.py``.
"""

from __future__ import annotations

from functools import cache, lru_cache

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.data import circles
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE


def deep_linear_sizes(x, *, w: float, L: int):
    """``(‖a[l]‖, ‖dJ/da[l]‖ for l = 0..L-1, ŷ)`` with ``W[l] = w I`` and ``W[L] = [1 1]``.

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
    """Size of the forward signal and of the gradient per layer (log scale), for ``w`` and ``L``.

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
    std = check.positive("std", std)
    depth = check.integer("depth", depth, low=1)
    if depth > len(draws):
        raise ValueError(f"depth must be in [1, {len(draws)}] (one draw per layer), got {depth}")
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


@cache
def example_data():
    """Notebook 04's draws: its rng's signal, weight draws and top gradient, then the circles."""
    rng = np.random.default_rng(0)
    X_signal = rng.standard_normal((100, 30))
    draws = tuple(rng.standard_normal((100, 100)) for _ in range(40))
    top_gradient = rng.standard_normal((100, 30))
    X, labels = circles(300, noise=0.1, factor=0.5, rng=rng)
    return X_signal, draws, top_gradient, X, labels


EXAMPLE_SCHEMES = {"He √(2/n)": np.sqrt(2 / 100), "Xavier √(1/n)": np.sqrt(1 / 100),
                   "0.01·N(0,1)": 0.01, "N(0,1)": 1.0}

EXAMPLES = {
    "deep_linear_explorer": lambda: deep_linear_explorer(np.ones((2, 1)), w=1.5, L=30),
    "random_init_explorer": lambda: random_init_explorer(
        *example_data()[:3], schemes=EXAMPLE_SCHEMES, scheme="He √(2/n)", activation="relu",
        depth=40, gain=1.0),
}
