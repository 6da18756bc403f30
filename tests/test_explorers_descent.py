"""course_lib.explorers.descent (notebook 00): the readout says what the figure draws, the
figure's claims hold (bounce at α = 1, one step at α = 0.5, "diverged" above 1), bad input fails."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers import descent
from course_lib.explorers.descent import behaviour, cost, descent_explorer, descent_path
from course_lib.figures.blit import status_text
from course_lib.optimizers import optimize

# ipympl's own toolbar warns on every figure it makes (not ours to fix; a notebook hides it)
pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture
def make():
    built = []

    def build(*args, **kwargs):
        explorer = descent_explorer(*args, **kwargs)
        explorer.show_headless()
        built.append(explorer)
        return explorer

    yield build
    for explorer in built:
        for fig in explorer.figures:
            plt.close(fig)


def _artists(explorer):
    ax_path, ax_cost = explorer.figures[0].axes
    return ax_path.lines[1], ax_cost.lines[0], status_text(ax_path)


def _hand_loop(w0, alpha, n_steps):
    path = [w0]
    for _ in range(n_steps):
        path.append(path[-1] - alpha * 2 * (path[-1] - 5))
    return np.array(path)


@pytest.mark.parametrize("w0", [0.0, 20.0, -3.5])
@pytest.mark.parametrize("alpha", [0.01, 0.1, 0.45, 0.9, 1.2])
def test_descent_path_is_the_written_out_loop(w0, alpha):
    np.testing.assert_allclose(descent_path(w0, alpha=alpha, n_steps=25),
                               _hand_loop(w0, alpha, 25), rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(
        descent_path(w0, alpha=alpha, n_steps=25),
        optimize("gd", lambda w: 2 * (w - 5), w0, n_steps=25, lr=alpha))


def test_behaviour_names_every_regime():
    seen = [behaviour(descent_path(0.0, alpha=a, n_steps=60)) for a in (0.3, 0.5, 0.7, 1.0, 1.1)]
    assert seen == ["converges smoothly", "lands on the minimum in one step",
                    "oscillates but converges", "bounces forever", "diverges"]
    assert behaviour(descent_path(5.0, alpha=0.3, n_steps=3)) == "stays at the minimum"


@pytest.mark.parametrize("alpha, n_steps", [(0.1, 20), (0.37, 7), (0.9, 60), (1.2, 60), (0.01, 1)])
def test_readout_matches_the_plotted_path(make, alpha, n_steps):
    explorer = make(0.0)
    explorer.update(alpha=alpha, n_steps=n_steps)
    steps_line, cost_line, _ = _artists(explorer)
    path = descent_path(0.0, alpha=alpha, n_steps=n_steps)
    np.testing.assert_array_equal(steps_line.get_xdata(), path)
    np.testing.assert_array_equal(steps_line.get_ydata(), cost(path))
    np.testing.assert_array_equal(cost_line.get_xdata(), np.arange(n_steps + 1))
    np.testing.assert_array_equal(cost_line.get_ydata(), np.maximum(cost(path), 1e-12))
    w_last, J_last = steps_line.get_xdata()[-1], steps_line.get_ydata()[-1]
    text = explorer.readout
    assert f"α = {alpha:.2f}" in text
    assert f"× {abs(1 - 2 * alpha):.2f} per step" in text
    assert f"After {n_steps} steps w = {w_last:.4g}, J(w) = {J_last:.4g}." in text
    assert behaviour(path) in text


def test_alpha_one_bounces_between_w0_and_its_mirror_image(make):
    explorer = make(0.0, alpha=1.0, n_steps=9)
    steps_line, _, status = _artists(explorer)
    xs = steps_line.get_xdata()
    np.testing.assert_allclose(xs, [0.0, 10.0] * 5, rtol=0, atol=1e-12)
    assert "bounces forever between w = 0 and w = 10: it never converges" in explorer.readout
    assert not status.get_visible()


def test_alpha_half_lands_on_the_minimum_in_one_step(make):
    explorer = make(0.0, alpha=0.5, n_steps=5)
    steps_line, cost_line, _ = _artists(explorer)
    assert steps_line.get_xdata()[1] == 5.0 and cost_line.get_ydata()[1] == 1e-12  # J = 0 floored
    assert "lands on the minimum in one step" in explorer.readout


def test_divergence_is_flagged_and_cleared(make):
    explorer = make(0.0)
    _, _, status = _artists(explorer)
    explorer.update(alpha=1.1, n_steps=40)
    assert status.get_visible() and status.get_text().startswith("diverged")
    assert "multiplies the distance by 1.20" in status.get_text() and "diverges" in explorer.readout
    explorer.update(alpha=0.3)
    assert not status.get_visible() and "converges smoothly" in explorer.readout


def test_another_start_widens_the_w_axis(make):
    explorer = make(20.0, alpha=1.0, n_steps=4)
    ax_path = explorer.figures[0].axes[0]
    assert ax_path.get_xlim() == (5 - 16.0, 5 + 16.0)   # 20 and its mirror image -10 both shown
    assert "between w = 20 and w = -10" in explorer.readout
    assert "stays at the minimum" in make(5.0).readout


def test_the_example_is_the_notebooks_default():
    explorer = descent.EXAMPLES["descent_explorer"]()
    try:
        assert explorer.values == {"alpha": 0.1, "n_steps": 20}
        assert "converges smoothly" in explorer.readout
        assert "w = 4.942, J(w) = 0.003323" in explorer.readout   # notebook 00's printed values
    finally:
        plt.close(explorer.figures[0])


@pytest.mark.parametrize("kwargs, match", [
    ({"alpha": 1.5}, r"alpha must be a number in \[0.01, 1.2\], got 1.5 \(float\)"),
    ({"alpha": 0.0}, r"alpha must be a number in \[0.01, 1.2\]"),
    ({"n_steps": 61}, r"n_steps must be an integer in \[1, 60\]"),
    ({"n_steps": 2.5}, r"n_steps must be an integer >= 1, got 2.5"),
    ({"w0": "0"}, r"w0 must be a number, got '0' \(str\)"),
    ({"w0": 2000.0}, r"w0 must be a start within 1000 of the minimum w = 5, got 2000.0"),
    ({"w0": float("nan")}, r"w0 must be a number"),
])
def test_bad_input_names_the_argument(kwargs, match):
    w0 = kwargs.pop("w0", 0.0)
    with pytest.raises(ValueError, match=match):
        descent_explorer(w0, **kwargs)


def test_bad_path_names_the_argument():
    with pytest.raises(ValueError, match=r"path must hold w0 and at least one step"):
        behaviour([5.0])
    with pytest.raises(ValueError, match=r"path must be an array with 1 dimensions"):
        behaviour(np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"w must be an array of numbers, got 'five' \(str\)"):
        cost("five")
    with pytest.raises(ValueError, match=r"lr must be"):
        descent_path(0.0, alpha=-0.1, n_steps=3)
