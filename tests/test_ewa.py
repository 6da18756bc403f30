"""Tests for course_lib.ewa: course golden values, properties, bad input.

The comparison with PyTorch's Adam buffer is in test_ewa_reference.py."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.ewa import effective_window, ewa, ewa_weights

TOL = 1e-12  # float64 arithmetic on a handful of terms


# --- golden values from the course --------------------------------------------------------------

def test_constant_ten_without_correction_matches_lecture():
    # by hand: 0.1*10 = 1; 0.9*1 + 1 = 1.9; 0.9*1.9 + 1 = 2.71
    np.testing.assert_allclose(ewa([10.0, 10.0, 10.0], 0.9), [1.0, 1.9, 2.71], rtol=0, atol=TOL)


def test_bias_corrected_constant_is_the_constant():
    np.testing.assert_allclose(ewa([10.0, 10.0, 10.0], 0.9, bias_correction=True),
                               [10.0, 10.0, 10.0], rtol=0, atol=TOL)


def test_beta_098_second_value_weights_match_lecture():
    # v_2 = 0.0196 theta_1 + 0.02 theta_2: probe each coefficient with a unit impulse.
    assert ewa([1.0, 0.0], 0.98)[1] == pytest.approx(0.0196, abs=TOL)
    assert ewa([0.0, 1.0], 0.98)[1] == pytest.approx(0.02, abs=TOL)


def test_bias_correction_at_t2_for_beta_098():
    # 1 - 0.98^2 = 0.0396 = 0.0196 + 0.02, so the corrected v_2 is a true weighted mean.
    theta = [40.0, 50.0]
    expected = (0.0196 * 40.0 + 0.02 * 50.0) / 0.0396
    assert ewa(theta, 0.98, bias_correction=True)[1] == pytest.approx(expected, abs=1e-10)


@pytest.mark.parametrize("beta, window", [(0.9, 10.0), (0.98, 50.0), (0.5, 2.0)])
def test_effective_window_lecture_values(beta, window):
    assert effective_window(beta) == pytest.approx(window, rel=1e-12)


@pytest.mark.parametrize("beta, n, rounded", [(0.9, 10, 0.35), (0.98, 50, 0.36)])
def test_weight_after_one_window_is_about_one_over_e(beta, n, rounded):
    w = ewa_weights(beta, n + 1)
    ratio = w[n] / w[0]  # beta^(1/(1-beta))
    assert ratio == pytest.approx(rounded, abs=0.005)  # the lecture rounds to 2 decimals
    assert ratio == pytest.approx(1 / math.e, abs=0.02)


def test_weights_values_by_hand():
    np.testing.assert_allclose(ewa_weights(0.5, 4), [0.5, 0.25, 0.125, 0.0625], rtol=0, atol=TOL)


def test_beta_zero_returns_theta(rng):
    theta = rng.standard_normal(20)
    np.testing.assert_array_equal(ewa(theta, 0.0), theta)
    np.testing.assert_array_equal(ewa(theta, 0.0, bias_correction=True), theta)
    np.testing.assert_array_equal(ewa_weights(0.0, 3), [1.0, 0.0, 0.0])


# --- independent methods --------------------------------------------------------------------------

def test_matches_unrolled_sum_written_out(rng):
    theta = rng.standard_normal(30)
    beta = 0.8
    expected = [sum((1 - beta) * beta**k * theta[t - k] for k in range(t + 1)) for t in range(30)]
    np.testing.assert_allclose(ewa(theta, beta), expected, rtol=1e-12, atol=1e-12)


def test_bias_corrected_is_normalized_weighted_mean(rng):
    theta = rng.normal(15.0, 5.0, size=40)
    beta = 0.95
    expected = [np.average(theta[t::-1], weights=beta ** np.arange(t + 1)) for t in range(40)]
    np.testing.assert_allclose(ewa(theta, beta, bias_correction=True), expected, rtol=1e-12)


def test_nd_averages_each_component_independently(rng):
    theta = rng.standard_normal((12, 2, 3))
    v = ewa(theta, 0.7, bias_correction=True)
    assert v.shape == theta.shape
    for i in range(2):
        for j in range(3):
            np.testing.assert_allclose(v[:, i, j], ewa(theta[:, i, j], 0.7, bias_correction=True),
                                       rtol=1e-14)


def test_input_not_modified(rng):
    theta = rng.standard_normal((5, 2))
    before = theta.copy()
    ewa(theta, 0.9, bias_correction=True)
    np.testing.assert_array_equal(theta, before)


def test_bias_correction_fades():
    theta = np.full(400, 3.0) + np.sin(np.arange(400))
    raw, corrected = ewa(theta, 0.98), ewa(theta, 0.98, bias_correction=True)
    assert abs(raw[0] - corrected[0]) > 2.0  # day 1: raw is 2 % of the value
    assert abs(raw[-1] - corrected[-1]) < 1e-3  # 1 - 0.98^400 is within 4e-4 of 1


# --- properties -----------------------------------------------------------------------------------

betas = st.floats(min_value=0.0, max_value=0.999)


@settings(deadline=None, max_examples=200)
@given(beta=betas, c=st.floats(-1e3, 1e3), n=st.integers(1, 60))
def test_property_bias_corrected_constant(beta, c, n):
    v = ewa(np.full(n, c), beta, bias_correction=True)
    np.testing.assert_allclose(v, c, rtol=1e-9, atol=1e-9)


@settings(deadline=None, max_examples=200)
@given(beta=st.floats(0.0, 0.9999), n=st.integers(1, 500))
def test_property_weights_sum(beta, n):
    w = ewa_weights(beta, n)
    assert w.shape == (n,)
    assert np.all(np.diff(w) <= 0)
    assert w.sum() == pytest.approx(1 - beta**n, abs=1e-12)


@settings(deadline=None, max_examples=100)
@given(beta=betas, data=st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=40))
def test_property_last_value_is_weights_dot_reversed(beta, data):
    theta = np.array(data)
    expected = ewa_weights(beta, len(theta)) @ theta[::-1]
    assert ewa(theta, beta)[-1] == pytest.approx(expected, rel=1e-9, abs=1e-9)


@settings(deadline=None, max_examples=100)
@given(beta=betas, data=st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=40))
def test_property_bias_corrected_stays_within_range(beta, data):
    # a weighted mean of the values seen so far never leaves their range
    v = ewa(np.array(data), beta, bias_correction=True)
    lo = np.minimum.accumulate(data)
    hi = np.maximum.accumulate(data)
    assert np.all(v >= lo - 1e-9 * (1 + np.abs(lo)))
    assert np.all(v <= hi + 1e-9 * (1 + np.abs(hi)))


# --- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("beta", [1.0, 1.2, -0.1, float("nan"), float("inf")])
def test_beta_out_of_range(beta):
    for call in (lambda: ewa([1.0, 2.0], beta), lambda: effective_window(beta),
                 lambda: ewa_weights(beta, 3)):
        with pytest.raises(ValueError, match=re.escape(f"beta must be a number in [0, 1), "
                                                       f"got {beta!r} (float)")):
            call()


@pytest.mark.parametrize("beta", ["0.9", None, True, [0.9]])
def test_beta_wrong_type(beta):
    expected = f"beta must be a number in [0, 1), got {beta!r} ({type(beta).__name__})"
    with pytest.raises(ValueError, match=re.escape(expected)):
        ewa([1.0], beta)


def test_empty_theta():
    with pytest.raises(ValueError, match=r"theta must hold at least one time step, got shape \(0,\)"):
        ewa([], 0.9)


def test_scalar_theta():
    with pytest.raises(ValueError, match="theta must have a time axis"):
        ewa(3.0, 0.9)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_theta(bad):
    with pytest.raises(ValueError, match="theta must contain only finite numbers"):
        ewa([1.0, bad, 2.0], 0.9)


@pytest.mark.parametrize("n", [0, -3, 2.5, True, "4"])
def test_bad_n(n):
    expected = f"n must be an integer >= 1, got {n!r} ({type(n).__name__})"
    with pytest.raises(ValueError, match=re.escape(expected)):
        ewa_weights(0.9, n)


def test_whole_float_n_is_an_integer():
    np.testing.assert_array_equal(ewa_weights(0.5, 3.0), ewa_weights(0.5, 3))
