"""Explorers for exponentially weighted averages (notebook 07).

- :func:`ewa_explorer`: a year of temperatures, its EWA for a chosen β, and the weights the chosen
  day's average gives every earlier day, with and without bias correction.
- :func:`bias_correction_explorer`: the first days of that year, the plain EWA (pulled toward its
  zero start) and the bias-corrected one, and the day from which the correction is below 1 %.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from course_lib import _validate as check
from course_lib.data import daily_temperatures
from course_lib.ewa import effective_window, ewa, ewa_weights
from course_lib.figures.blit import FastRedraw, relabelled_yaxis
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE


def ewa_explorer(theta, *, beta: float = 0.98, day: int = 30,
                 bias_correction: bool = False) -> Explorer:
    """Temperatures ``theta`` (one per day), their EWA and the weights of day ``day``'s average.

    Controls: ``beta`` (0.5 to 0.999), ``day`` (1 to len(theta)), ``bias_correction``.
    """
    theta = check.array("theta", theta, ndim=1)
    if theta.size < 2:
        raise ValueError(f"theta must hold at least 2 days, got {theta.size}")
    beta = check.number("beta", beta, low=0.5, high=0.999)
    day = check.integer("day", day, low=1)
    if day > theta.size:
        raise ValueError(f"day must be in [1, {theta.size}] (one of theta's days), got {day}")
    bias_correction = check.boolean("bias_correction", bias_correction)
    days = np.arange(1, len(theta) + 1)
    fig, (ax_t, ax_w) = live_figure(2, 1, figsize=(8.2, 5.2), sharex=True,
                                    gridspec_kw={"height_ratios": [2.2, 1]})
    ax_t.plot(days, theta, linestyle="none", marker=".", markersize=4, color=PALETTE["sky"],
              label="daily temperature θ_t")
    (curve,) = ax_t.plot([], [], color=PALETTE["vermillion"], marker="", linewidth=2.2,
                         label="EWA v_t")
    (day_dot,) = ax_t.plot([], [], color=PALETTE["black"], marker="D", markersize=7,
                           linestyle="none", label="v_t, chosen day")
    day_line_t = ax_t.axvline(day, color=PALETTE["black"], linestyle=":", marker="", linewidth=1)
    day_line_w = ax_w.axvline(day, color=PALETTE["black"], linestyle=":", marker="", linewidth=1)
    ax_t.set(ylim=(min(theta.min(), 0) - 1.5, theta.max() + 5), ylabel="temperature (°C)",
             title="A year of temperatures and its exponentially weighted average")
    ax_t.legend(loc="upper left", ncols=3, handlelength=1.5)
    ax_w.grid(False)
    for axis in (ax_t.xaxis, ax_t.yaxis, ax_w.xaxis):  # fewer tick labels: a cleaner picture
        axis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    bars = ax_w.stairs(np.zeros(len(theta)), np.arange(0.5, len(theta) + 1), fill=True,
                       color=PALETTE["blue"], alpha=0.8, label="weight of day t - k")
    ax_w.set(xlim=(0, len(theta) + 1), xlabel="day of the year",
             title="Weights (1 - β) β^k of the earlier days in v_t, the chosen day's average (bars)")
    # The weights range from 0.001 to 1: the weight axis is rescaled for each day and β
    set_weight_top, weight_axis = relabelled_yaxis(ax_w, ylabel="weight", widest="0.0000")
    raw_roughness = np.mean(np.abs(np.diff(theta)))

    def render(beta, day, bias_correction):
        v = ewa(theta, beta, bias_correction=bias_correction)
        weights = ewa_weights(beta, day)[::-1]  # oldest day first, so bar i sits on day i + 1
        if bias_correction:
            weights = weights / (1 - beta**day)
        top = 1.15 * weights.max()
        heights = np.zeros(len(theta))
        heights[:day] = weights / top  # the weight axis shows 0 to top
        curve.set_data(days, v)
        day_dot.set_data([day], [v[day - 1]])
        day_line_t.set_xdata([day, day])
        day_line_w.set_xdata([day, day])
        bars.set_data(heights)
        set_weight_top(top)
        roughness = np.mean(np.abs(np.diff(v[60:])))
        correction = (f" (bias corrected: each weight divided by 1 - β^t = {1 - beta**day:.3f})"
                      if bias_correction else "")
        return (f"<b>β = {beta:.3f}</b>: effective window 1/(1 - β) = "
                f"<b>{effective_window(beta):.1f} days</b>; mean age of the data β/(1 - β) = "
                f"{beta / (1 - beta):.1f} days; curve moves {roughness:.2f} °C per day "
                f"(the raw data {raw_roughness:.2f}).<br>"
                f"Day {day}: θ_t = {theta[day - 1]:.1f} °C, v_t = <b>{v[day - 1]:.1f} °C</b>"
                f"{correction}; its weights sum to <b>{weights.sum():.3f}</b>"
                f"{'' if bias_correction else ' = 1 - β^t, so v_t is pulled toward v_0 = 0'}.")

    controls = {
        "beta": widgets.FloatSlider(value=beta, min=0.5, max=0.999, step=0.001, description="β",
                                    readout_format=".3f"),
        "day": widgets.IntSlider(value=day, min=1, max=len(theta), description="day t"),
        "bias_correction": widgets.Checkbox(value=bias_correction,
                                            description="bias correction (divide by 1 - β^t)"),
    }
    redraw = FastRedraw(fig, [*weight_axis, bars, day_line_w, day_line_t, curve, day_dot])
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    description="Temperatures, their EWA and the weights, with β, day and "
                                "bias-correction controls")


def fade_day(beta: float, days: int) -> int | None:
    """The first day t <= days on which the correction 1 / (1 - β^t) is below 1.01, else None."""
    beta, days = check.fraction("beta", beta), check.integer("days", days, low=1)
    below = 1 / (1 - beta ** np.arange(1, days + 1)) < 1.01
    return int(np.argmax(below)) + 1 if below.any() else None


def bias_correction_explorer(theta, *, beta: float = 0.98, first: int = 120) -> Explorer:
    """The first ``first`` days of ``theta``: plain EWA and bias-corrected EWA for a β slider.

    Controls: ``beta`` (0.5 to 0.999). The readout gives day 1's plain and corrected averages and
    the day from which the correction changes v_t by less than 1 % (:func:`fade_day`).
    """
    theta = check.array("theta", theta, ndim=1)
    first = check.integer("first", first, low=2)
    if first > theta.size:
        raise ValueError(f"first must be in [2, {theta.size}] (at most theta's days), got {first}")
    beta = check.number("beta", beta, low=0.5, high=0.999)
    early = theta[:first]
    days = np.arange(1, first + 1)
    fig, ax = live_figure(figsize=(8.2, 3.6))
    ax.plot(days, early, linestyle="none", marker=".", color=PALETTE["sky"],
            label="daily temperature θ_t")
    (plain_line,) = ax.plot([], [], color=PALETTE["black"], linestyle="--", marker="",
                            label="plain EWA v_t (starts at 0)")
    (hat_line,) = ax.plot([], [], color=PALETTE["vermillion"], linestyle="-", marker="",
                          linewidth=2.2, label="bias corrected v_t / (1 - β^t)")
    ax.set(xlim=(0, first + 1), ylim=(min(theta.min(), 0) - 1, early.max() + 2),
           xlabel="day of the year", ylabel="temperature (°C)",
           title="Early days: the zero start drags the plain EWA down; the correction removes it")
    ax.legend(loc="upper left")
    ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))

    def render(beta):
        plain = ewa(early, beta)
        hat = ewa(early, beta, bias_correction=True)
        plain_line.set_data(days, plain)
        hat_line.set_data(days, hat)
        fade = fade_day(beta, first)
        fade = f"day {fade}" if fade is not None else f"after day {first}"
        return (f"<b>β = {beta:.3f}</b>: day 1 θ = {early[0]:.1f} °C, plain v = {plain[0]:.2f} °C, "
                f"corrected = {hat[0]:.1f} °C. The correction is below 1 % from <b>{fade}</b>.")

    controls = {"beta": widgets.FloatSlider(value=beta, min=0.5, max=0.999, step=0.001,
                                            description="β", readout_format=".3f")}
    return Explorer(controls, render, figures=[fig],
                    blit=[FastRedraw(fig, [plain_line, hat_line])],
                    description=f"Plain and bias-corrected EWA over the first {first} days, "
                                "with a β slider")


EXAMPLES = {
    "ewa_explorer": lambda: ewa_explorer(daily_temperatures(rng=np.random.default_rng(0)),
                                         beta=0.98, day=30),
    "bias_correction_explorer": lambda: bias_correction_explorer(
        daily_temperatures(rng=np.random.default_rng(0)), beta=0.98, first=120),
}
