"""Hyperparameter search: sampling on the right scale, grid and random designs, coarse to fine.

A *design* is a dict mapping each hyperparameter name to an array of the values to try, one entry
per trial: ``{"alpha": array([...]), "hidden": array([...])}``. ``ranges`` maps each name to
``(low, high)`` and ``scales`` each name to ``"linear"`` or ``"log"`` (missing names: linear).
"""

from __future__ import annotations

import numpy as np

SCALES = ("linear", "log")


def _check_bounds(name, low, high, *, log):
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must satisfy low < high (finite), got ({low!r}, {high!r})")
    if log and low <= 0:
        raise ValueError(f"{name} on a log scale needs 0 < low < high, got ({low!r}, {high!r})")


def _check_size(size):
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 0:
        raise ValueError(f"size must be an integer >= 0, got {size!r}")


def sample_log_uniform(low: float, high: float, size: int, rng: np.random.Generator) -> np.ndarray:
    """Sample ``size`` values between ``low`` and ``high`` uniformly on a log scale.

    .. math:: r \\sim U[\\log_{10} \\text{low},\\ \\log_{10} \\text{high}], \\qquad \\alpha = 10^r

    Each decade (1e-4..1e-3, ..., 0.1..1) gets the same share of samples. Draws exactly
    ``rng.uniform(log10(low), log10(high), size)``; for ``[1e-4, 1]`` that is the course's
    ``r = -4 * rng.random()`` up to which end ``r`` is measured from.
    """
    _check_bounds("(low, high)", low, high, log=True)
    _check_size(size)
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
    if not 0.0 <= low < high < 1.0:
        raise ValueError(f"(low, high) must satisfy 0 <= low < high < 1, got ({low!r}, {high!r})")
    _check_size(size)
    one_minus = sample_log_uniform(1.0 - high, 1.0 - low, size, rng)
    return np.clip(1.0 - one_minus, low, high)


def _parse(ranges, scales):
    if not isinstance(ranges, dict) or not ranges:
        raise ValueError(f"ranges must be a non-empty dict name -> (low, high), got {ranges!r}")
    scales = {} if scales is None else (
        dict.fromkeys(ranges, scales) if isinstance(scales, str) else dict(scales))
    unknown = set(scales) - set(ranges)
    if unknown:
        raise ValueError(f"scales names {sorted(unknown)} are not in ranges {list(ranges)}")
    parsed = {}
    for name, bounds in ranges.items():
        scale = scales.get(name, "linear")
        if scale not in SCALES:
            raise ValueError(f"scale of {name!r} must be 'linear' or 'log', got {scale!r}")
        low, high = (float(v) for v in bounds)
        _check_bounds(f"range of {name!r}", low, high, log=scale == "log")
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
        n = counts.get(name)
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"n_per_axis for {name!r} must be an integer >= 1, got {n!r}")
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
    _check_size(n)
    return {name: _from_unit(rng.random(n), *spec) for name, spec in axes.items()}


def zoom(ranges: dict, best_point: dict, *, factor: float, scales=None) -> dict:
    """Coarse to fine: shrink each range by ``factor`` around ``best_point``, staying in bounds.

    .. math:: [c - \\tfrac{w}{2f},\\ c + \\tfrac{w}{2f}] \\ \\text{shifted inside}\\ [\\text{low}, \\text{high}]

    where ``w`` is the width of the old range and ``c`` the best value, both measured in
    ``log10`` units for log-scale names. Returns new ranges (a dict like ``ranges``).
    """
    axes = _parse(ranges, scales)
    if not np.isfinite(factor) or factor < 1:
        raise ValueError(f"factor must be a number >= 1, got {factor!r}")
    missing = set(axes) - set(best_point)
    if missing:
        raise ValueError(f"best_point lacks {sorted(missing)}; it needs a value for each range")
    new = {}
    for name, (low, high, scale) in axes.items():
        c = float(best_point[name])
        if not low <= c <= high:
            raise ValueError(f"best_point[{name!r}] must be in [{low}, {high}], got {c}")
        to, back = (np.log10, lambda v: 10.0**v) if scale == "log" else (float, float)
        lo, hi, c = to(low), to(high), to(c)
        half = (hi - lo) / factor / 2.0
        start = min(max(c - half, lo), hi - 2.0 * half)
        new[name] = (max(float(back(start)), low), min(float(back(start + 2.0 * half)), high))
    return new
