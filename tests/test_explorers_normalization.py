"""The explorers of notebook 03 (course_lib/explorers/normalization.py): readouts match the figure,
bad arguments are named, and the figure's claims hold."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers import normalization as N

# ipympl's own toolbar warns on every figure it makes (not ours to fix; a notebook hides it)
pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def contours():
    explorer = N.EXAMPLES["contours_explorer"]()
    explorer.show_headless()
    yield explorer
    for fig in explorer.figures:
        plt.close(fig)


def _artists(explorer):
    ax_c, ax_g = explorer.figures[0].axes
    path_line = next(l for l in ax_c.lines if l.get_label() == "gradient descent")
    gap_line = next(l for l in ax_g.lines if l.get_label() == "J - J_min")
    return ax_c, path_line, gap_line


@pytest.mark.parametrize("scale", [1, 1000])
@pytest.mark.parametrize("inputs", N.MODES)
def test_readout_kappa_and_final_gap_are_the_figures(contours, scale, inputs):
    contours.update(scale=scale, inputs=inputs, lr_fraction=0.9)
    Xs, ys, lam_lo, lam_hi, w_opt, J_min = contours.cases[scale, inputs]
    assert np.allclose((lam_lo, lam_hi), N.curvature(Xs))
    text = contours.readout
    assert f"κ = {lam_hi / lam_lo:,.0f}" in text
    _, path_line, gap_line = _artists(contours)
    path = N.gd_path(Xs, ys, np.array([3.0, 1.5]), lr=0.9 * 2 / lam_hi, n_steps=100)
    assert np.allclose(path_line.get_xydata()[-1], path[-1], rtol=1e-12)
    final = float(re.search(r"gap after 100 steps: ([0-9.e+-]+)", text).group(1))
    assert np.isclose(final, gap_line.get_ydata()[-1], rtol=1e-2)  # printed to 3 figures


def test_normalizing_makes_the_bowl_round_at_every_scale(contours):
    kappas = {k: c[3] / c[2] for k, c in contours.cases.items()}
    assert all(kappas[s, "normalized"] < 1.2 for s in (1, 3, 10, 30, 100, 300, 1000))
    assert kappas[1000, "raw"] > 1e6 > kappas[1, "raw"] > 5


def test_above_alpha_max_the_figure_says_diverged_and_draws_only_finite_points(contours):
    contours.update(scale=1000, inputs="raw", lr_fraction=1.2)
    ax_c, path_line, gap_line = _artists(contours)
    assert "diverged" in contours.figures[0].axes[0].texts[-1].get_text()
    assert np.all(np.isfinite(path_line.get_xydata()))
    assert np.all(np.isfinite(gap_line.get_ydata()))
    contours.update(lr_fraction=0.9)
    status = [t for t in ax_c.texts if t.get_gid() == "course-status"]
    assert not status[0].get_visible()


def test_at_alpha_max_the_gap_stops_shrinking(contours):
    contours.update(scale=1000, inputs="normalized", lr_fraction=1.0)
    assert "never (at α_max the gap stops shrinking)" in contours.readout


def test_numerics_golden_values():
    X = np.array([[1.0, -1.0], [0.0, 0.0]])  # H = diag(1, 0)
    assert N.curvature(X) == (0.0, 1.0)
    path = N.gd_path(X, np.array([1.0, -1.0]), [0.0, 0.0], lr=0.5, n_steps=2)
    assert np.allclose(path[:, 0], [0.0, 0.5, 0.75])  # the error halves every step
    assert np.allclose(N.least_squares_cost(np.array([1.0, 0.0]), X, np.array([1.0, -1.0])), 0.0)
    assert N.steps_to_converge(0.5, 0.5, 1.0) == 10  # (1/2)^(2n) <= 1e-6 first at n = 10
    assert N.steps_to_converge(0.5, 5.0, 1.0) == np.inf


def test_steps_explorer_shows_the_three_stages():
    X = N.EXAMPLES["normalization_steps_explorer"]().figures[0]
    panels = [ax.collections[0].get_offsets() for ax in X.axes]
    assert np.allclose(panels[1].mean(axis=0), 0, atol=1e-9)
    assert np.allclose(np.asarray(panels[2]).std(axis=0), 1)
    assert np.allclose(panels[0] - panels[0].mean(axis=0), panels[1])
    plt.close(X)


@pytest.mark.parametrize("kwargs, match", [
    ({"scale": 7}, "scale must be one of"),
    ({"lr_fraction": 2.0}, "lr_fraction"),
    ({"inputs": "centred"}, "inputs must be one of"),
    ({"subtract_mean": "yes"}, "subtract_mean must be True or False"),
])
def test_contours_explorer_names_a_bad_argument(kwargs, match):
    with pytest.raises(ValueError, match=match):
        N.contours_explorer(*N._notebook_data(), **kwargs)


def test_bad_data_is_named():
    u, x2, y = N._notebook_data()
    with pytest.raises(ValueError, match="same number"):
        N.contours_explorer(u, x2[:10], y)
    with pytest.raises(ValueError, match="X must have shape"):
        N.normalization_steps_explorer(np.ones((3, 5)))
