"""Tests for course_lib.schedules: the course's decay table, properties, bad input.

The comparisons with PyTorch's schedulers are in test_schedules_reference.py."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.schedules import (
    SCHEDULES,
    constant,
    exponential_decay,
    fixed_interval_decay,
    inverse_sqrt_decay,
    inverse_time_decay,
    staircase_decay,
)

TOL = 1e-15  # a couple of float64 operations on numbers below 1


# --- golden values --------------------------------------------------------------------------------

def test_course_decay_table():
    lr = inverse_time_decay(0.2, np.array([1, 2, 3, 4]), decay_rate=1.0)
    np.testing.assert_allclose(lr, [0.1, 0.067, 0.05, 0.04], rtol=0, atol=5e-4)  # as printed
    np.testing.assert_allclose(lr, [0.2 / 2, 0.2 / 3, 0.2 / 4, 0.2 / 5], rtol=0, atol=TOL)


def test_inverse_time_epoch_zero_is_lr0():
    assert inverse_time_decay(0.2, 0, decay_rate=3.0) == 0.2


def test_exponential_by_hand():
    # 0.95^2 = 0.9025; times 0.2 = 0.1805
    assert exponential_decay(0.2, 2, base=0.95) == pytest.approx(0.1805, abs=TOL)
    assert exponential_decay(0.2, 0, base=0.95) == pytest.approx(0.2, abs=TOL)


def test_inverse_sqrt_by_hand_and_epoch_zero_convention():
    np.testing.assert_allclose(inverse_sqrt_decay(0.2, np.array([0.0, 0.5, 1.0, 4.0, 16.0]), k=1.0),
                               [0.2, 0.2, 0.2, 0.1, 0.05], rtol=0, atol=TOL)
    assert inverse_sqrt_decay(0.1, 9, k=0.6) == pytest.approx(0.02, abs=TOL)  # 0.6 / 3 * 0.1


def test_staircase_by_hand():
    lr = staircase_decay(1.0, np.array([0, 9, 10, 19, 20, 35]), drop=0.5, every=10)
    np.testing.assert_allclose(lr, [1.0, 1.0, 0.5, 0.5, 0.25, 0.125], rtol=0, atol=TOL)


def test_fixed_interval_by_hand():
    lr = fixed_interval_decay(0.2, np.arange(6), decay_rate=1.0, time_interval=2)
    np.testing.assert_allclose(lr, [0.2, 0.2, 0.1, 0.1, 0.2 / 3, 0.2 / 3], rtol=0, atol=TOL)


def test_fixed_interval_with_interval_one_is_inverse_time_at_integer_epochs():
    e = np.arange(30)
    np.testing.assert_allclose(fixed_interval_decay(0.3, e, decay_rate=0.7, time_interval=1),
                               inverse_time_decay(0.3, e, decay_rate=0.7), rtol=1e-15)


def test_constant():
    np.testing.assert_array_equal(constant(0.05, np.arange(4)), [0.05] * 4)


def test_scalar_in_float_out_array_in_same_shape_out():
    assert type(inverse_time_decay(0.2, 3, decay_rate=1.0)) is float
    assert type(fixed_interval_decay(0.2, np.float64(3), decay_rate=1.0, time_interval=2)) is float
    epochs = np.arange(12).reshape(3, 4)
    for name, fn in SCHEDULES.items():
        out = fn(0.1, epochs, **DEFAULTS[name])
        assert isinstance(out, np.ndarray) and out.shape == (3, 4), name


def test_epoch_array_not_modified():
    epochs = np.arange(5.0)
    before = epochs.copy()
    for name, fn in SCHEDULES.items():
        fn(0.1, epochs, **DEFAULTS[name])
    np.testing.assert_array_equal(epochs, before)


DEFAULTS = {
    "constant": {},
    "inverse time": {"decay_rate": 1.0},
    "exponential": {"base": 0.95},
    "inverse sqrt": {"k": 1.0},
    "staircase": {"drop": 0.5, "every": 10},
    "fixed interval": {"decay_rate": 1.0, "time_interval": 10},
}


def test_schedules_dict_lists_every_schedule():
    assert set(SCHEDULES) == set(DEFAULTS)
    assert SCHEDULES["inverse time"] is inverse_time_decay
    assert SCHEDULES["fixed interval"] is fixed_interval_decay


# --- properties -----------------------------------------------------------------------------------

lr0s = st.floats(1e-6, 10.0)
epochs = st.floats(0.0, 1e4)


@settings(deadline=None, max_examples=100)
@given(lr0=lr0s, e1=epochs, e2=epochs, d=st.floats(0.0, 10.0), base=st.floats(0.01, 1.0),
       k=st.floats(0.01, 10.0), drop=st.floats(0.01, 1.0), every=st.integers(1, 50))
def test_property_never_increase_and_stay_positive(lr0, e1, e2, d, base, k, drop, every):
    lo, hi = min(e1, e2), max(e1, e2)
    kwargs = {"constant": {}, "inverse time": {"decay_rate": d}, "exponential": {"base": base},
              "inverse sqrt": {"k": k}, "staircase": {"drop": drop, "every": every},
              "fixed interval": {"decay_rate": d, "time_interval": every}}
    for name, fn in SCHEDULES.items():
        a, b = fn(lr0, lo, **kwargs[name]), fn(lr0, hi, **kwargs[name])
        assert b <= a * (1 + 1e-12), name
        assert a <= fn(lr0, 0.0, **kwargs[name]) * (1 + 1e-12), name
        assert b >= 0 and math.isfinite(b), name


@settings(deadline=None, max_examples=100)
@given(lr0=lr0s, e=epochs, d=st.floats(0.0, 10.0), interval=st.integers(1, 50))
def test_property_fixed_interval_is_inverse_time_of_floored_epoch(lr0, e, d, interval):
    got = fixed_interval_decay(lr0, e, decay_rate=d, time_interval=interval)
    assert got == pytest.approx(inverse_time_decay(lr0, e // interval, decay_rate=d), rel=1e-14)
    assert got >= inverse_time_decay(lr0, e, decay_rate=d) * (1 - 1e-14)  # decays more slowly


@settings(deadline=None, max_examples=100)
@given(lr0=lr0s, e1=st.integers(0, 200), e2=st.integers(0, 200), base=st.floats(0.5, 1.0))
def test_property_exponential_multiplies(lr0, e1, e2, base):
    both = exponential_decay(lr0, e1 + e2, base=base)
    assert both * lr0 == pytest.approx(exponential_decay(lr0, e1, base=base)
                                       * exponential_decay(lr0, e2, base=base), rel=1e-10)


# --- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lr0", [0.0, -0.1, float("nan"), float("inf")])
def test_bad_lr0(lr0):
    for name, fn in SCHEDULES.items():
        with pytest.raises(ValueError, match=re.escape(f"lr0 must be a number > 0, got {lr0!r} "
                                                       f"(float)")):
            fn(lr0, 1, **DEFAULTS[name])


@pytest.mark.parametrize("lr0", ["0.1", None, True])
def test_lr0_wrong_type(lr0):
    expected = f"lr0 must be a number > 0, got {lr0!r} ({type(lr0).__name__})"
    with pytest.raises(ValueError, match=re.escape(expected)):
        inverse_time_decay(lr0, 1, decay_rate=1.0)


@pytest.mark.parametrize("epoch", [-1, [0, 1, -2], float("nan"), float("inf")])
def test_bad_epoch(epoch):
    for name, fn in SCHEDULES.items():
        with pytest.raises(ValueError, match=r"epoch must be finite and >= 0, got (-1|-2|nan|inf)"):
            fn(0.1, epoch, **DEFAULTS[name])


def test_empty_epoch():
    with pytest.raises(ValueError, match="epoch must not be empty"):
        inverse_time_decay(0.1, [], decay_rate=1.0)


@pytest.mark.parametrize("call, match", [
    (lambda: inverse_time_decay(0.1, 1, decay_rate=-1.0),
     r"decay_rate must be a number >= 0, got -1.0 \(float\)"),
    (lambda: inverse_time_decay(0.1, 1, decay_rate="1"),
     r"decay_rate must be a number >= 0, got '1' \(str\)"),
    (lambda: fixed_interval_decay(0.1, 1, decay_rate=-0.5, time_interval=2),
     r"decay_rate must be a number >= 0, got -0.5"),
    (lambda: fixed_interval_decay(0.1, 1, decay_rate=1.0, time_interval=0),
     r"time_interval must be a number > 0, got 0 \(int\)"),
    (lambda: fixed_interval_decay(0.1, 1, decay_rate=1.0, time_interval=-2),
     r"time_interval must be a number > 0, got -2"),
    (lambda: exponential_decay(0.1, 1, base=0.0), r"base must be a number in \(0, 1\], got 0.0"),
    (lambda: exponential_decay(0.1, 1, base=1.5), r"base must be a number in \(0, 1\], got 1.5"),
    (lambda: inverse_sqrt_decay(0.1, 1, k=0.0), r"k must be a number > 0, got 0.0"),
    (lambda: staircase_decay(0.1, 1, drop=0.0, every=2), r"drop must be a number in \(0, 1\]"),
    (lambda: staircase_decay(0.1, 1, drop=2.0, every=2),
     r"drop must be a number in \(0, 1\], got 2.0"),
    (lambda: staircase_decay(0.1, 1, drop=0.5, every=0), r"every must be a number > 0, got 0"),
    (lambda: staircase_decay(0.1, "1", drop=0.5, every=2),
     r"epoch must be a number or an array of numbers >= 0, got '1' \(str\)"),
])
def test_bad_hyperparameters(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_hyperparameters_are_keyword_only():
    with pytest.raises(TypeError):
        inverse_time_decay(0.1, 1, 1.0)  # decay_rate must be named
