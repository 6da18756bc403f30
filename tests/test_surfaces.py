"""Tests of course_lib.surfaces: gradients vs finite differences, minima, API.

The comparison with PyTorch autograd is in test_surfaces_reference.py."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from course_lib import surfaces
from course_lib.optimizers import optimize

EXTRA = {"bowl 50 / 30 deg": surfaces.bowl(condition=50.0, angle=30.0),
         "plateau width 2": surfaces.plateau(width=2.0),
         "rosenbrock b=10": surfaces.rosenbrock(a=0.5, b=10.0)}
ALL = {**surfaces.SURFACES, **EXTRA}


def _points(surface, rng, n):
    (x0, x1), (y0, y1) = surface.extent
    return np.stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])


@pytest.mark.parametrize("key", list(ALL))
def test_gradient_matches_centred_differences(key, rng):
    surface, eps = ALL[key], 1e-6
    for w in _points(surface, rng, 20).T:
        numeric = np.array([(surface.value(*(w + eps * e)) - surface.value(*(w - eps * e))) / (2 * eps)
                            for e in np.eye(2)])
        exact = surface.grad(w)
        assert exact.shape == (2,)
        # truncation error O(eps^2) is ~1e-12 relative; round-off is ~1e-16 |J| / eps = 1e-10 |J|
        # absolute, which dominates where the gradient is tiny (the plateau)
        tol = 1e-7 * (np.linalg.norm(numeric) + np.linalg.norm(exact)) \
            + 1e-9 * max(1.0, abs(surface.value(*w)))
        assert np.linalg.norm(numeric - exact) < tol, (w, numeric, exact)


@pytest.mark.parametrize("key", list(ALL))
def test_vectorized_on_meshgrids_and_point_stacks(key, rng):
    surface = ALL[key]
    (x0, x1), (y0, y1) = surface.extent
    G1, G2 = np.meshgrid(np.linspace(x0, x1, 7), np.linspace(y0, y1, 5))
    Z = surface.value(G1, G2)
    assert Z.shape == (5, 7) and np.isfinite(Z).all()
    assert Z[2, 3] == surface.value(G1[2, 3], G2[2, 3])
    grads = surface.grad(np.stack([G1, G2]))
    assert grads.shape == (2, 5, 7)
    np.testing.assert_array_equal(grads[:, 4, 1], surface.grad(np.array([G1[4, 1], G2[4, 1]])))


@pytest.mark.parametrize("key", list(ALL))
def test_minimum_is_a_zero_gradient_point_below_the_whole_plot_window(key):
    surface = ALL[key]
    assert surface.value(*surface.minimum) == pytest.approx(surface.min_value, abs=1e-15)
    np.testing.assert_allclose(surface.grad(surface.minimum), 0.0, atol=1e-15)
    (x0, x1), (y0, y1) = surface.extent
    G1, G2 = np.meshgrid(np.linspace(x0, x1, 201), np.linspace(y0, y1, 201))
    assert surface.value(G1, G2).min() >= surface.min_value - 1e-12
    assert x0 < surface.start[0] < x1 and y0 < surface.start[1] < y1
    assert x0 < surface.minimum[0] < x1 and y0 < surface.minimum[1] < y1


def _hessian(surface, w, eps=1e-5):
    return np.stack([(surface.grad(w + eps * e) - surface.grad(w - eps * e)) / (2 * eps)
                     for e in np.eye(2)])


@pytest.mark.parametrize("condition, angle", [(1.0, 0.0), (20.0, 0.0), (100.0, 45.0), (7.0, -70.0)])
def test_bowl_has_the_stated_conditioning(condition, angle):
    H = _hessian(surfaces.bowl(condition=condition, angle=angle), np.array([0.3, -0.2]))
    np.testing.assert_allclose(np.linalg.eigvalsh((H + H.T) / 2), [1 / condition, 1.0], rtol=1e-8)


def test_saddle_point_at_origin_curves_up_and_down():
    s = surfaces.SURFACES["saddle"]
    np.testing.assert_array_equal(s.grad(np.zeros(2)), [0.0, 0.0])
    np.testing.assert_allclose(_hessian(s, np.zeros(2)), [[1.0, 0.0], [0.0, -1.0]], atol=1e-9)
    assert s.value(0.0, 1.0) == s.value(0.0, -1.0) == -0.25


def test_plateau_gradient_is_tiny_at_the_default_start():
    p = surfaces.SURFACES["plateau"]
    r = np.linalg.norm(p.start)  # 5: gradient size r exp(-r^2/2) = 5 exp(-12.5) ~ 1.9e-5
    assert np.linalg.norm(p.grad(p.start)) == pytest.approx(r * np.exp(-r**2 / 2), rel=1e-12)
    assert np.linalg.norm(p.grad(p.start)) < 2e-5


@pytest.mark.parametrize("key", list(ALL))
def test_gradient_descent_at_the_suggested_lr_is_stable_and_descends(key):
    surface = ALL[key]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = optimize("gd", surface.grad, surface.start, n_steps=500, lr=surface.lr)
    costs = surface.value(path[:, 0], path[:, 1])
    assert np.isfinite(costs).all()
    assert costs[-1] < costs[0]
    assert np.all(np.diff(costs) <= 1e-12)  # a stable step never goes uphill on these surfaces


def test_inputs_are_not_modified(rng):
    w = rng.standard_normal((2, 4))
    copy = w.copy()
    for surface in ALL.values():
        surface.grad(w)
        surface.value(w[0], w[1])
    np.testing.assert_array_equal(w, copy)


@pytest.mark.parametrize("bad", [np.zeros(3), np.zeros((3, 2)), np.float64(1.0)])
def test_grad_rejects_points_that_are_not_two_dimensional(bad):
    with pytest.raises(ValueError, match=r"w must have shape \(2,\) or \(2, \.\.\.\), got"):
        surfaces.SURFACES["saddle"].grad(bad)


def test_bad_factory_arguments():
    with pytest.raises(ValueError, match=r"condition must be a number >= 1, got 0.5 \(float\)"):
        surfaces.bowl(condition=0.5)
    with pytest.raises(ValueError, match=r"condition must be a number >= 1, got '20' \(str\)"):
        surfaces.bowl(condition="20")
    with pytest.raises(ValueError, match=r"angle \(in degrees\) must be a number, got None"):
        surfaces.bowl(angle=None)
    with pytest.raises(ValueError, match=r"width must be a number > 0, got 0 \(int\)"):
        surfaces.plateau(width=0)
    with pytest.raises(ValueError, match=r"b must be a number > 0, got -1 \(int\)"):
        surfaces.rosenbrock(b=-1)
    with pytest.raises(ValueError, match=r"a must be a number, got inf \(float\)"):
        surfaces.rosenbrock(a=float("inf"))
