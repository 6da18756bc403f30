"""Hyperparameter search: sampling on the right scale, grid and random designs, coarse to fine.

A *design* is a dict mapping each hyperparameter name to an array of the values to try, one entry
per trial: ``{"alpha": array([...]), "hidden": array([...])}``. ``ranges`` maps each name to
``(low, high)`` and ``scales`` each name to ``"linear"`` or ``"log"`` (missing names: linear).
"""

from __future__ import annotations

import numpy as np

from course_lib import _validate as check

SCALES = ("linear", "log")


def _check_bounds(name, low, high, *, log):
    """``(low, high)`` as floats with ``low < high`` (and ``0 < low`` on a log scale)."""
    lo, hi = check.as_real(low), check.as_real(high)
    if lo is None or hi is None or not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        check.fail(name, "two finite numbers (low, high) with low < high", (low, high))
    if log and lo <= 0:
        check.fail(f"{name} on a log scale", "two numbers (low, high) with 0 < low < high",
                   (low, high))
    return lo, hi


def _check_size(size, name="size"):
    return check.integer(name, size, low=0)


def sample_log_uniform(low: float, high: float, size: int, rng: np.random.Generator) -> np.ndarray:
    """Sample ``size`` values between ``low`` and ``high`` uniformly on a log scale.

    .. math:: r \\sim U[\\log_{10} \\text{low},\\ \\log_{10} \\text{high}], \\qquad \\alpha = 10^r

    Each decade (1e-4..1e-3, ..., 0.1..1) gets the same share of samples. Draws exactly
    ``rng.uniform(log10(low), log10(high), size)``; for ``[1e-4, 1]`` that is the course's
    ``r = -4 * rng.random()`` up to which end ``r`` is measured from.
    """
    _check_bounds("(low, high)", low, high, log=True)
    _check_size(size)
    check.generator("rng", rng)
    r = rng.uniform(np.log10(low), np.log10(high), size)
    return np.clip(10.0**r, low, high)  # 10**log10(x) can miss x by one rounding step


def sample_beta(low: float, high: float, size: int, rng: np.random.Generator) -> np.ndarray:
    """Sample EWA/momentum ``beta`` in ``[low, high]`` with ``1 - beta`` uniform on a log scale.

    .. math:: r \\sim U[\\log_{10}(1 - \\text{high}),\\ \\log_{10}(1 - \\text{low})], \\qquad
              \\beta = 1 - 10^r

    For ``[0.9, 0.999]``, ``r`` is uniform in ``[-3, -1]``: as many samples in 0.99..0.999 as in
    0.9..0.99, because the average's window ``1/(1 - beta)`` is what matters. Draws exactly
    ``rng.uniform(log10(1 - high), log10(1 - low), size)``.
    """
    lo, hi = _check_bounds("(low, high)", low, high, log=False)
    if not 0.0 <= lo < hi < 1.0:
        check.fail("(low, high)", "two numbers with 0 <= low < high < 1", (low, high))
    _check_size(size)
    one_minus = sample_log_uniform(1.0 - high, 1.0 - low, size, rng)
    return np.clip(1.0 - one_minus, low, high)


def _parse(ranges, scales):
    if not isinstance(ranges, dict) or not ranges:
        check.fail("ranges", "a non-empty dict name -> (low, high)", ranges)
    scales = {} if scales is None else (
        dict.fromkeys(ranges, scales) if isinstance(scales, str) else dict(scales))
    unknown = set(scales) - set(ranges)
    if unknown:
        raise ValueError(f"scales names {sorted(unknown)} are not in ranges {list(ranges)}")
    parsed = {}
    for name, bounds in ranges.items():
        scale = scales.get(name, "linear")
        if scale not in SCALES:
            check.fail(f"the scale of {name!r}", "'linear' or 'log'", scale)
        if isinstance(bounds, (str, bytes)) or not hasattr(bounds, "__len__") or len(bounds) != 2:
            check.fail(f"the range of {name!r}", "a pair (low, high)", bounds)
        low, high = _check_bounds(f"the range of {name!r}", *bounds, log=scale == "log")
        parsed[name] = (low, high, scale)
    return parsed


def _from_unit(u, low, high, scale):
    """Map ``u`` in [0, 1] to [low, high] linearly or on a log scale."""
    if scale == "log":
        return np.clip(10.0 ** (np.log10(low) + u * (np.log10(high) - np.log10(low))), low, high)
    return low + u * (high - low)


def grid_design(ranges: dict, n_per_axis, *, scales=None) -> dict:
    """Every combination of ``n_per_axis`` evenly spaced values per hyperparameter.

    ``n_per_axis`` is an int (same for all) or a dict per name. The first name varies slowest.
    A 5 x 5 grid over two names has 25 points but only 5 distinct values of each.
    """
    axes = _parse(ranges, scales)
    counts = n_per_axis if isinstance(n_per_axis, dict) else dict.fromkeys(axes, n_per_axis)
    values = []
    for name, (low, high, scale) in axes.items():
        n = check.integer(f"n_per_axis for {name!r}", counts.get(name), low=1)
        values.append(_from_unit(np.linspace(0.0, 1.0, n) if n > 1 else np.array([0.5]),
                                 low, high, scale))
    mesh = np.meshgrid(*values, indexing="ij")
    return {name: grid.ravel() for name, grid in zip(axes, mesh)}


def random_design(ranges: dict, n: int, rng: np.random.Generator, *, scales=None) -> dict:
    """``n`` random points: each hyperparameter drawn independently, uniform on its scale.

    Draws ``rng.random(n)`` once per name, in the order of ``ranges``. With 25 points every
    hyperparameter gets 25 distinct values (with probability 1), where a 5 x 5 grid gives 5.
    """
    axes = _parse(ranges, scales)
    _check_size(n, "n")
    check.generator("rng", rng)
    return {name: _from_unit(rng.random(n), *spec) for name, spec in axes.items()}


def zoom(ranges: dict, best_point: dict, *, factor: float, scales=None) -> dict:
    """Coarse to fine: shrink each range by ``factor`` around ``best_point``, staying in bounds.

    .. math:: [c - \\tfrac{w}{2f},\\ c + \\tfrac{w}{2f}] \\ \\text{shifted inside}\\ [\\text{low}, \\text{high}]

    where ``w`` is the width of the old range and ``c`` the best value, both measured in
    ``log10`` units for log-scale names. Returns new ranges (a dict like ``ranges``).
    """
    axes = _parse(ranges, scales)
    check.number("factor", factor, low=1.0)
    if not isinstance(best_point, dict):
        check.fail("best_point", "a dict name -> value", best_point)
    missing = set(axes) - set(best_point)
    if missing:
        raise ValueError(f"best_point lacks {sorted(missing)}; it needs a value for each range")
    new = {}
    for name, (low, high, scale) in axes.items():
        c = check.number(f"best_point[{name!r}]", best_point[name], low=low, high=high)
        to, back = (np.log10, lambda v: 10.0**v) if scale == "log" else (float, float)
        lo, hi, c = to(low), to(high), to(c)
        half = (hi - lo) / factor / 2.0
        start = min(max(c - half, lo), hi - 2.0 * half)
        new[name] = (max(float(back(start)), low), min(float(back(start + 2.0 * half)), high))
    return new
