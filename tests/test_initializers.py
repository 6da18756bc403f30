"""Tests of course_lib.initializers: shapes, the exact draw order, variances, bad input."""

import re

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from course_lib import initializers as init


@pytest.mark.parametrize("name", ["random_normal", "xavier", "he", "glorot", "zeros"])
def test_shapes_and_zero_biases(name, rng):
    params = init.INITIALIZERS[name]([3, 5, 2], rng)
    assert list(params) == ["W1", "b1", "W2", "b2"]
    assert params["W1"].shape == (5, 3) and params["W2"].shape == (2, 5)
    assert params["b1"].shape == (5, 1) and params["b2"].shape == (2, 1)
    assert not params["b1"].any() and not params["b2"].any()
    assert params["W1"].dtype == np.float64


@pytest.mark.parametrize("name, factor", [
    ("he", lambda n_prev, n: np.sqrt(2 / n_prev)),
    ("xavier", lambda n_prev, n: np.sqrt(1 / n_prev)),
    ("glorot", lambda n_prev, n: np.sqrt(2 / (n_prev + n))),
    ("random_normal", lambda n_prev, n: 0.01),
])
def test_exact_draws_in_layer_order(name, factor):
    # Golden reference written independently: the contract the exercise checker relies on.
    dims = [4, 3, 2]
    params = init.INITIALIZERS[name](dims, np.random.default_rng(7))
    ref = np.random.default_rng(7)
    for l in (1, 2):
        expected = ref.standard_normal((dims[l], dims[l - 1])) * factor(dims[l - 1], dims[l])
        np.testing.assert_allclose(params[f"W{l}"], expected, rtol=0, atol=0)


def test_he_known_value():
    # n0 = 2: the factor is sqrt(2/2) = 1, so W1 is exactly the standard normal draw.
    w = init.he([2, 1], np.random.default_rng(0))["W1"]
    np.testing.assert_array_equal(w, np.random.default_rng(0).standard_normal((1, 2)))


def test_zeros_are_zero():
    params = init.zeros([3, 4, 1])
    assert all(not v.any() for v in params.values())


@settings(max_examples=25, deadline=None)
@given(n_prev=st.integers(50, 400), seed=st.integers(0, 2**32 - 1))
def test_he_variance_property(n_prev, seed):
    # 200 x n_prev >= 10,000 samples: the sample variance has relative std sqrt(2/N) <= 1.5%,
    # so a 10% tolerance is > 6 standard deviations.
    w = init.he([n_prev, 200], np.random.default_rng(seed))["W1"]
    assert abs(w.var() / (2 / n_prev) - 1) < 0.10
    assert abs(w.mean()) < 6 * np.sqrt(2 / n_prev / w.size)


def test_random_normal_scale(rng):
    w = init.random_normal([100, 100], rng, scale=10.0)["W1"]
    assert 9.0 < w.std() < 11.0


@pytest.mark.parametrize("dims", [[3], [], [3, 0], [3, -2], [2.5, 3], ["2", 3], 5, "23"])
def test_bad_layer_dims(dims, rng):
    expected = ("layer_dims must be a list of at least 2 positive integers [n0, n1, ...], "
                f"got {dims!r} ({type(dims).__name__})")
    with pytest.raises(ValueError, match=re.escape(expected)):
        init.he(dims, rng)


def test_bad_scale_and_rng(rng):
    with pytest.raises(ValueError, match=r"scale must be a number > 0, got -1 \(int\)"):
        init.random_normal([2, 2], rng, scale=-1)
    with pytest.raises(ValueError, match=r"scale must be a number > 0, got '0.01' \(str\)"):
        init.random_normal([2, 2], rng, scale="0.01")
    with pytest.raises(ValueError, match=r"rng must be a numpy.random.Generator \(e.g. "
                                         r"np.random.default_rng\(0\)\), got 0 \(int\)"):
        init.he([2, 2], 0)
