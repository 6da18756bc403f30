"""The EWA explorers of notebook 07: readouts match the plotted curves, bad input is refused."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.data import daily_temperatures
from course_lib.ewa import ewa
from course_lib.explorers.ewa import bias_correction_explorer, ewa_explorer, fade_day

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture
def theta():
    return daily_temperatures(rng=np.random.default_rng(0))


def _line(fig, label):
    (line,) = [ln for ax in fig.axes for ln in ax.lines if ln.get_label() == label]
    return line


def _number_after(text, before):
    return float(re.search(re.escape(before) + r"\s*(-?[0-9]+(?:\.[0-9]+)?)", text).group(1))


@pytest.mark.parametrize("bias_correction", [False, True])
@pytest.mark.parametrize("beta, day", [(0.98, 30), (0.5, 1), (0.999, 365), (0.9, 200)])
def test_ewa_readout_is_the_plotted_curve_at_the_chosen_day(theta, beta, day, bias_correction):
    explorer = ewa_explorer(theta, beta=0.98, day=30)
    explorer.update(beta=beta, day=day, bias_correction=bias_correction)
    fig = explorer.figures[0]
    expected = ewa(theta, beta, bias_correction=bias_correction)
    curve, dot = _line(fig, "EWA v_t"), _line(fig, "v_t, chosen day")
    np.testing.assert_allclose(curve.get_ydata(), expected, rtol=1e-12)
    assert dot.get_xdata()[0] == day and dot.get_ydata()[0] == pytest.approx(expected[day - 1])
    shown = _number_after(explorer.readout, "v_t =")
    assert shown == pytest.approx(expected[day - 1], abs=0.05 + 1e-12)
    weight_sum = _number_after(explorer.readout, "its weights sum to")
    # the weights sum to 1 - beta^t, or to 1 once each is divided by that (bias correction)
    assert weight_sum == pytest.approx(1.0 if bias_correction else 1 - beta**day, abs=5e-4)
    assert f"effective window 1/(1 - β) = {1 / (1 - beta):.1f} days" in explorer.readout
    plt.close(fig)


def test_ewa_default_state_starts_near_zero_without_correction(theta):
    """The figure's claim: without correction v_1 = (1 - β) θ_1, the zero start."""
    explorer = ewa_explorer(theta, beta=0.98, day=1)
    assert _number_after(explorer.readout, "v_t =") == pytest.approx(0.02 * theta[0], abs=0.05)
    assert "pulled toward v_0 = 0" in explorer.readout
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("kwargs, match", [
    ({"beta": 1.2}, r"beta must be a number in \[0.5, 0.999\], got 1.2"),
    ({"day": 0}, "day must be an integer >= 1, got 0"),
    ({"day": 366}, r"day must be in \[1, 365\]"),
    ({"bias_correction": "yes"}, "bias_correction must be True or False"),
])
def test_ewa_explorer_refuses_bad_settings(theta, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ewa_explorer(theta, **kwargs)


def test_ewa_explorer_refuses_bad_theta():
    with pytest.raises(ValueError, match="theta must hold at least 2 days"):
        ewa_explorer([3.0], day=1)
    with pytest.raises(ValueError, match="theta"):
        ewa_explorer(np.zeros((3, 2)))


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98, 0.999])
def test_bias_correction_lines_and_readout_match_course_lib(theta, beta):
    explorer = bias_correction_explorer(theta, beta=0.98, first=120)
    explorer.update(beta=beta)
    fig = explorer.figures[0]
    plain = _line(fig, "plain EWA v_t (starts at 0)").get_ydata()
    hat = _line(fig, "bias corrected v_t / (1 - β^t)").get_ydata()
    np.testing.assert_allclose(plain, ewa(theta[:120], beta), rtol=1e-12)
    np.testing.assert_allclose(hat, ewa(theta[:120], beta, bias_correction=True), rtol=1e-12)
    assert _number_after(explorer.readout, "plain v =") == pytest.approx(plain[0], abs=0.005)
    assert _number_after(explorer.readout, "corrected =") == pytest.approx(hat[0], abs=0.05)
    day = fade_day(beta, 120)
    assert (f"below 1 % from day {day}." if day else "below 1 % from after day 120.") \
        in explorer.readout
    plt.close(fig)


def test_the_corrected_first_day_is_the_temperature_and_the_fade_days(theta):
    """What the figure claims: corrected v_1 = θ_1 for every β; the fade days of the notebook."""
    explorer = bias_correction_explorer(theta)
    hat = _line(explorer.figures[0], "bias corrected v_t / (1 - β^t)").get_ydata()
    assert hat[0] == pytest.approx(theta[0], rel=1e-12)
    assert fade_day(0.98, 365) == 229 and fade_day(0.98, 120) is None
    assert fade_day(0.5, 120) == 7  # 1/(1 - 0.5^7) = 1.008
    assert "after day 120" in explorer.readout
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("kwargs, match", [
    ({"first": 400}, r"first must be in \[2, 365\]"),
    ({"first": 1}, "first must be an integer >= 2"),
    ({"beta": 0.3}, r"beta must be a number in \[0.5, 0.999\], got 0.3"),
])
def test_bias_correction_explorer_refuses_bad_settings(theta, kwargs, match):
    with pytest.raises(ValueError, match=match):
        bias_correction_explorer(theta, **kwargs)


def test_fade_day_refuses_bad_input():
    with pytest.raises(ValueError, match=r"beta must be a number in \[0, 1\), got 1.0"):
        fade_day(1.0, 120)
    with pytest.raises(ValueError, match="days must be an integer >= 1, got 0"):
        fade_day(0.9, 0)
