"""Tests of course_lib.hparams: sampling scales, grid vs random designs, coarse-to-fine zoom."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.hparams import grid_design, random_design, sample_beta, sample_log_uniform, zoom

N = 20_000


def _ks_uniform(u):
    """Kolmogorov-Smirnov distance between the sample ``u`` and U[0, 1]."""
    u = np.sort(u)
    n = len(u)
    return max((np.arange(1, n + 1) / n - u).max(), (u - np.arange(n) / n).max())


@settings(max_examples=50, deadline=None)
@given(lo=st.floats(-8, 3), width=st.floats(0.1, 8), seed=st.integers(0, 2**32 - 1))
def test_log_uniform_in_range_and_log10_uniform(lo, width, seed):
    low, high = 10.0**lo, 10.0 ** (lo + width)
    x = sample_log_uniform(low, high, 2000, np.random.default_rng(seed))
    assert x.shape == (2000,) and (x >= low).all() and (x <= high).all()
    u = (np.log10(x) - np.log10(low)) / (np.log10(high) - np.log10(low))
    # Tolerance: sqrt(n) * D exceeds 2.5 with probability 2 exp(-2 * 2.5**2) = 7.5e-6 for a truly
    # uniform sample (Kolmogorov's limit law), so 50 examples give a false alarm about once in
    # 2,700 runs, while linear sampling over several decades gives D near 1.
    assert _ks_uniform(u) < 2.5 / np.sqrt(len(u))


@settings(max_examples=50, deadline=None)
@given(low=st.floats(0.0, 0.99), gap=st.floats(1e-4, 1.0), seed=st.integers(0, 2**32 - 1))
def test_sample_beta_in_range_and_one_minus_beta_log_uniform(low, gap, seed):
    high = low + gap * (0.9999 - low)
    if not low < high:
        return
    b = sample_beta(low, high, 2000, np.random.default_rng(seed))
    assert (b >= low).all() and (b <= high).all()
    lo, hi = np.log10(1 - high), np.log10(1 - low)
    u = (np.log10(1 - b) - lo) / (hi - lo)
    assert _ks_uniform(u) < 2.5 / np.sqrt(len(u))  # tolerance as in the log-uniform test


def test_course_fact_uniform_vs_log_scale(rng):
    # The course: sampling alpha uniformly on [1e-4, 1] puts about 90% of the samples in [0.1, 1]
    # (by hand: 0.9 / 0.9999 = 0.9001); on a log scale each of the 4 decades gets 25%.
    uniform = 1e-4 + (1 - 1e-4) * rng.random(N)
    log = sample_log_uniform(1e-4, 1.0, N, rng)
    # Binomial standard errors: sqrt(.9 * .1 / N) = 0.0021, sqrt(.25 * .75 / N) = 0.0031; allow ~5.
    assert abs((uniform >= 0.1).mean() - 0.9001) < 0.01
    assert abs((log >= 0.1).mean() - 0.25) < 0.015
    for k in range(4):
        in_decade = ((log >= 10.0 ** -(k + 1)) & (log < 10.0**-k)).mean()
        assert abs(in_decade - 0.25) < 0.015, f"decade {k}: {in_decade}"


def test_course_fact_beta(rng):
    # 1 - beta in [1e-3, 1e-1], r in [-3, -1]: half the samples have beta in [0.99, 0.999].
    # Uniform beta on [0.9, 0.999] would put only 0.009 / 0.099 = 9.1% there.
    b = sample_beta(0.9, 0.999, N, rng)
    assert abs(((b >= 0.99) & (b <= 0.999)).mean() - 0.5) < 0.02
    assert b.min() >= 0.9 and b.max() <= 0.999


def test_draws_are_the_documented_rng_calls():
    # The contract the exercise checker relies on: one rng.uniform over the log10 interval.
    x = sample_log_uniform(1e-4, 1.0, 7, np.random.default_rng(11))
    r = np.random.default_rng(11).uniform(-4.0, 0.0, 7)
    np.testing.assert_allclose(x, 10.0**r, rtol=1e-14)
    b = sample_beta(0.9, 0.999, 7, np.random.default_rng(12))
    r = np.random.default_rng(12).uniform(-3.0, -1.0, 7)
    np.testing.assert_allclose(b, 1 - 10.0**r, rtol=1e-14)


def test_same_seed_same_samples():
    a = sample_log_uniform(1e-3, 10, 5, np.random.default_rng(2))
    assert np.array_equal(a, sample_log_uniform(1e-3, 10, 5, np.random.default_rng(2)))
    assert not np.array_equal(a, sample_log_uniform(1e-3, 10, 5, np.random.default_rng(3)))


def test_grid_vs_random_distinct_values(rng):
    ranges = {"alpha": (1e-4, 1.0), "eps": (1e-8, 1e-6)}
    scales = {"alpha": "log", "eps": "log"}
    grid = grid_design(ranges, 5, scales=scales)
    rand = random_design(ranges, 25, rng, scales=scales)
    assert len(grid["alpha"]) == len(rand["alpha"]) == 25
    # The course: a 5 x 5 grid tries 5 values of each hyperparameter, 25 random points try 25.
    assert len(np.unique(grid["alpha"])) == 5 and len(np.unique(grid["eps"])) == 5
    assert len(np.unique(rand["alpha"])) == 25 and len(np.unique(rand["eps"])) == 25
    np.testing.assert_allclose(np.unique(grid["alpha"]), [1e-4, 1e-3, 1e-2, 1e-1, 1.0], rtol=1e-12)
    assert (rand["alpha"] >= 1e-4).all() and (rand["alpha"] <= 1).all()


def test_grid_linear_values_and_order():
    g = grid_design({"a": (0.0, 1.0), "h": (50, 100)}, {"a": 3, "h": 2})
    assert g["a"].tolist() == [0.0, 0.0, 0.5, 0.5, 1.0, 1.0]  # first name varies slowest
    assert g["h"].tolist() == [50.0, 100.0] * 3
    assert grid_design({"a": (0.0, 2.0)}, 1)["a"].tolist() == [1.0]


def test_random_design_draw_order():
    d = random_design({"a": (0.0, 2.0), "b": (1.0, 100.0)}, 4, np.random.default_rng(9),
                      scales={"b": "log"})
    u = np.random.default_rng(9).random(8)
    np.testing.assert_allclose(d["a"], 2 * u[:4], rtol=1e-14)
    np.testing.assert_allclose(d["b"], 10 ** (2 * u[4:]), rtol=1e-13)


def test_zoom_golden_values():
    # By hand: width 10 / 4 = 2.5 around 9.5 is [8.25, 10.75]; shifted inside [0, 10]: [7.5, 10].
    assert zoom({"h": (0.0, 10.0)}, {"h": 9.5}, factor=4) == {"h": (7.5, 10.0)}
    # Log scale: [1e-4, 1] is 4 decades; halved around 1e-2 gives [1e-3, 1e-1].
    new = zoom({"alpha": (1e-4, 1.0)}, {"alpha": 1e-2}, factor=2, scales="log")
    np.testing.assert_allclose(new["alpha"], (1e-3, 1e-1), rtol=1e-12)


@settings(max_examples=100, deadline=None)
@given(lo=st.floats(-5, 1), width=st.floats(0.5, 5), t=st.floats(0, 1), factor=st.floats(1, 50),
       log=st.booleans())
def test_zoom_stays_in_bounds_and_shrinks(lo, width, t, factor, log):
    scale = "log" if log else "linear"
    low, high = (10.0**lo, 10.0 ** (lo + width)) if log else (lo, lo + width)
    best = float(np.clip(10.0 ** (lo + t * width) if log else lo + t * width, low, high))
    (a, b), = zoom({"x": (low, high)}, {"x": best}, factor=factor, scales=scale).values()
    assert low <= a < b <= high
    slack = 1e-9 * abs(best) + 1e-12  # rounding of 10**log10(x)
    assert a - slack <= best <= b + slack, "the best point stays inside"
    f = np.log10 if log else (lambda v: v)
    assert (f(b) - f(a)) == pytest.approx((f(high) - f(low)) / factor, rel=1e-6)


@pytest.mark.parametrize("call, message", [
    (lambda rng: sample_log_uniform(1.0, 1e-4, 3, rng), "low < high"),
    (lambda rng: sample_log_uniform(0.0, 1.0, 3, rng), "0 < low"),
    (lambda rng: sample_log_uniform(1e-4, 1.0, -1, rng), "size"),
    (lambda rng: sample_beta(0.9, 1.0, 3, rng), "high < 1"),
    (lambda rng: sample_beta(0.99, 0.9, 3, rng), "low < high"),
    (lambda rng: grid_design({"a": (1.0, 0.0)}, 3), "low < high"),
    (lambda rng: grid_design({"a": (0.0, 1.0)}, 0), "n_per_axis"),
    (lambda rng: grid_design({"a": (0.0, 1.0)}, 3, scales={"a": "ln"}), "'linear' or 'log'"),
    (lambda rng: grid_design({"a": (0.0, 1.0)}, 3, scales={"b": "log"}), "not in ranges"),
    (lambda rng: random_design({"a": (-1.0, 1.0)}, 3, rng, scales="log"), "0 < low"),
    (lambda rng: random_design({}, 3, rng), "non-empty"),
    (lambda rng: zoom({"a": (0.0, 1.0)}, {"a": 2.0}, factor=2),
     r"best_point\['a'\] must be a number in \[0, 1\], got 2.0 \(float\)"),
    (lambda rng: zoom({"a": (0.0, 1.0)}, {"a": 0.5}, factor="2"),
     r"factor must be a number >= 1, got '2' \(str\)"),
    (lambda rng: sample_log_uniform("1e-4", 1.0, 3, rng),
     r"\(low, high\) must be two finite numbers \(low, high\) with low < high, "
     r"got \('1e-4', 1.0\)"),
    (lambda rng: sample_log_uniform(1e-4, 1.0, 2.5, rng), r"size must be an integer >= 0, got 2.5"),
    (lambda rng: sample_beta(0.9, 0.999, 3, 0), r"rng must be a numpy.random.Generator"),
    (lambda rng: random_design({"a": (0.0, 1.0)}, -1, rng), r"n must be an integer >= 0, got -1"),
    (lambda rng: grid_design({"a": 5}, 3), r"the range of 'a' must be a pair \(low, high\), got 5"),
    (lambda rng: zoom({"a": (0.0, 1.0)}, {"a": 0.5}, factor=0.5), "factor"),
    (lambda rng: zoom({"a": (0.0, 1.0)}, {}, factor=2), "best_point lacks"),
])
def test_bad_input(call, message, rng):
    with pytest.raises(ValueError, match=message):
        call(rng)
