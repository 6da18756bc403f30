"""The initialization explorers of notebook 04: readouts match the plotted data, bad input."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import mlp
from course_lib.explorers import initialization, initialization_training
from course_lib.explorers.initialization import (EXAMPLE_SCHEMES, deep_linear_explorer,
                                                 deep_linear_sizes, random_init_explorer,
                                                 signal_sizes)
from course_lib.explorers.initialization import example_data as _example_data
from course_lib.explorers.initialization_training import example_runs as _example_runs
from course_lib.explorers.initialization_training import init_training_explorer
from course_lib.figures.regions import region_grid

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


def _built(name):
    module = initialization_training if name == "init_training_explorer" else initialization
    explorer = module.EXAMPLES[name]()
    explorer.show_headless()
    return explorer


def _lines(explorer, *labels):
    """The figure's lines with these labels, in that order."""
    found = {ln.get_label(): ln for ax in explorer.figures[0].axes for ln in ax.lines}
    return [found[label] for label in labels]


# ---- deep linear network ------------------------------------------------------------------

def _by_products(x, w, L):
    """The notebook's passes: a[l] = W[l] a[l-1] with W[l] = w I, gradients back from J = ŷ."""
    acts = [x]
    for _ in range(1, L):
        acts.append((w * np.eye(2)) @ acts[-1])
    grads = [np.array([[1.0], [1.0]])]
    for _ in range(L - 1):
        grads.insert(0, (w * np.eye(2)).T @ grads[0])
    return ([np.linalg.norm(a) for a in acts], [np.linalg.norm(g) for g in grads],
            (np.array([[1.0, 1.0]]) @ acts[-1]).item())


@pytest.mark.parametrize("w, L", [(1.5, 30), (0.5, 50), (1.0, 2), (2.0, 50), (0.73, 17)])
def test_deep_linear_lines_and_readout_are_the_layer_products(w, L):
    explorer = _built("deep_linear_explorer")
    explorer.update(w=w, L=L)
    fwd, bwd, y_hat = _by_products(np.ones((2, 1)), w, L)
    forward_line, backward_line = _lines(explorer, "forward: ‖a[l]‖", "backward: ‖dJ/da[l]‖")
    np.testing.assert_allclose(forward_line.get_ydata(), fwd, rtol=1e-12)
    np.testing.assert_allclose(backward_line.get_ydata(), bwd, rtol=1e-12)
    assert f"ŷ = wL-1·2 = {y_hat:.3g} " in explorer.readout
    assert explorer.readout.endswith(f"gradient at the input {bwd[0]:.3g}")
    regime = "explodes" if w > 1 else "vanishes" if w < 1 else "stays put"
    assert f"(the signal {regime})" in explorer.readout
    plt.close(explorer.figures[0])


def test_deep_linear_is_flat_at_w_1():
    forward, backward, y_hat = deep_linear_sizes(np.ones((2, 1)), w=1.0, L=30)
    np.testing.assert_allclose(forward, np.sqrt(2), rtol=1e-15)
    np.testing.assert_allclose(backward, np.sqrt(2), rtol=1e-15)
    assert y_hat == 2.0


@pytest.mark.parametrize("kwargs, match", [
    ({"w": 3.0}, r"w must be a number in \[0.5, 2\], got 3.0"),
    ({"L": 60}, r"L must be in \[2, 50\], got 60"),
    ({"L": 1}, "L must be an integer >= 2, got 1"),
    ({"x": np.ones((3, 1))}, r"x must have shape \(2, 1\)"),
])
def test_deep_linear_explorer_refuses_bad_input(kwargs, match):
    x = kwargs.pop("x", np.ones((2, 1)))
    with pytest.raises(ValueError, match=match):
        deep_linear_explorer(x, **kwargs)


# ---- random weights ------------------------------------------------------------------------

def _written_out(X, draws, top, std, activation, depth):
    """Notebook 04's signal_sizes, as the lesson writes it (weights scaled, no shortcuts)."""
    g = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh}[activation]
    g_prime = {"relu": lambda z: (z > 0).astype(float),
               "tanh": lambda z: 1 - np.tanh(z) ** 2}[activation]
    Ws = [d * std for d in draws[:depth]]
    A, inputs, Zs, spread = X, [], [], []
    for W in Ws:
        inputs.append(A)
        Zs.append(W @ A)
        A = g(Zs[-1])
        spread.append(np.sqrt(np.mean(A**2)))
    dA, grad = top, [0.0] * depth
    for l in range(depth - 1, -1, -1):
        dZ = dA * g_prime(Zs[l])
        grad[l] = np.sqrt(np.mean((dZ @ inputs[l].T / X.shape[1]) ** 2))
        dA = Ws[l].T @ dZ
    return np.array(spread), np.array(grad)


@pytest.mark.parametrize("scheme, activation, depth, gain", [
    ("He √(2/n)", "relu", 40, 1.0), ("He √(2/n)", "relu", 13, 2.0),
    ("Xavier √(1/n)", "relu", 40, 0.5), ("0.01·N(0,1)", "relu", 2, 10**-0.6),
    ("N(0,1)", "relu", 40, 10**0.6), ("Xavier √(1/n)", "tanh", 40, 1.0),
    ("0.01·N(0,1)", "tanh", 25, 1.3)])
def test_random_init_lines_and_readout_are_the_signal_sizes(scheme, activation, depth, gain):
    explorer = _built("random_init_explorer")
    explorer.update(scheme=scheme, activation=activation, depth=depth, gain=gain)
    X, draws, top, *_ = _example_data()
    spread, grad = _written_out(X, draws, top, EXAMPLE_SCHEMES[scheme] * gain, activation, depth)
    spread_line, grad_line = _lines(explorer, "RMS of a[l]", "RMS of dW[l]")
    np.testing.assert_allclose(spread_line.get_xdata(), np.arange(1, depth + 1))
    np.testing.assert_allclose(spread_line.get_ydata(), spread, rtol=1e-9)
    np.testing.assert_allclose(grad_line.get_ydata(), grad, rtol=1e-9)
    per_layer = (spread[-1] / spread[0]) ** (1 / (depth - 1))
    assert (f"RMS of a[1] = {spread[0]:.3g}, of a[L] = {spread[-1]:.3g} (×{per_layer:.3f} "
            f"per layer)") in explorer.readout
    assert f"of dW[L] = {grad[-1]:.3g}" in explorer.readout
    plt.close(explorer.figures[0])


def test_signal_sizes_is_the_written_out_passes():
    X, draws, top, *_ = _example_data()
    for activation in ("relu", "tanh"):
        ours = signal_sizes(X, draws, top, std=0.1, activation=activation, depth=40)
        np.testing.assert_allclose(ours, _written_out(X, draws, top, 0.1, activation, 40),
                                   rtol=1e-10)


def test_signal_sizes_refuses_bad_input():
    X, draws, top, *_ = _example_data()
    with pytest.raises(ValueError, match="depth must be in \\[1, 40\\]"):
        signal_sizes(X, draws, top, std=0.1, activation="relu", depth=41)
    with pytest.raises(ValueError, match="std must be a number > 0, got 0.0"):
        signal_sizes(X, draws, top, std=0.0, activation="relu", depth=4)


def test_random_init_default_state_shows_he_on_one_level_and_xavier_shrinking():
    explorer = _built("random_init_explorer")
    spread = _lines(explorer, "RMS of a[l]")[0].get_ydata()
    assert spread.max() / spread.min() < 4, "He with ReLU: one level over 40 layers"
    explorer.update(scheme="Xavier √(1/n)")
    factor = float(re.search(r"×([0-9.]+) per layer", explorer.readout).group(1))
    assert 0.6 < factor < 0.8, "Xavier with ReLU: about 1/√2 per layer"
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("kwargs, match", [
    ({"scheme": "LeCun"}, r"scheme must be one of \["),
    ({"depth": 41}, r"depth must be in \[2, 40\]"),
    ({"gain": 10.0}, "gain must be a number in"),
    ({"activation": "sigmoid"}, r"activation must be one of \['relu', 'tanh'\]"),
    ({"schemes": {"He √(2/n)": -1.0}}, r"schemes\['He √\(2/n\)'\] must be a number > 0"),
])
def test_random_init_explorer_refuses_bad_settings(kwargs, match):
    X, draws, top, *_ = _example_data()
    settings = {"schemes": EXAMPLE_SCHEMES, "scheme": "He √(2/n)", **kwargs}
    with pytest.raises(ValueError, match=match):
        random_init_explorer(X, draws, top, **settings)


def test_random_init_explorer_refuses_mismatched_draws():
    X, draws, top, *_ = _example_data()
    with pytest.raises(ValueError, match=r"draws must be at least 2 arrays of shape \(100, 100\)"):
        random_init_explorer(X, [d[:50] for d in draws], top, schemes=EXAMPLE_SCHEMES,
                             scheme="He √(2/n)")


# ---- training from each initialization -----------------------------------------------------

@pytest.mark.parametrize("init", ["zeros", "0.01·N(0,1)", "10·N(0,1)", "Xavier", "He"])
def test_training_readout_curve_and_regions_are_the_run(init):
    explorer = _built("init_training_explorer")
    explorer.update(init=init)
    models, histories = _example_runs()
    cost = histories[init]["cost_per_epoch"]
    (highlight,) = _lines(explorer, "chosen init")
    np.testing.assert_array_equal(highlight.get_ydata(), cost)
    X, _ = _example_data()[3:]
    image = explorer.figures[0].axes[1].images[0]
    expected = mlp.predict(models[init], region_grid(X, resolution=100)).reshape(100, 100)
    np.testing.assert_array_equal(image.get_array(), expected)
    assert explorer.readout == (f"{init}: cost {cost[0]:.4g} → {cost[-1]:.4f}, train accuracy "
                                f"{histories[init]['train_acc'][-1]:.1%} (regions on the right)")
    plt.close(explorer.figures[0])


def test_training_figure_claims():
    """He and Xavier fit the circles; zeros predicts one class everywhere."""
    explorer = _built("init_training_explorer")
    _, histories = _example_runs()
    assert histories["He"]["train_acc"][-1] > 0.95 and histories["Xavier"]["train_acc"][-1] > 0.9
    assert np.unique(explorer.regions["zeros"]).size == 1
    assert np.unique(explorer.regions["He"]).size == 2
    plt.close(explorer.figures[0])


def test_training_explorer_refuses_bad_input():
    models, histories = _example_runs()
    X, labels = _example_data()[3:]
    with pytest.raises(ValueError, match=r"init must be one of \["):
        init_training_explorer(X, labels, models=models, histories=histories, init="LeCun")
    with pytest.raises(ValueError, match="histories must be a dict with the same keys as models"):
        init_training_explorer(X, labels, models=models, histories={"He": histories["He"]})
