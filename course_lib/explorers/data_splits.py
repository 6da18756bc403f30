"""Explorers for sizing train/dev/test sets (notebook 01).

- :func:`split_explorer`: for a data set of ``m`` examples, the dev set each splitting rule gives
  and how precise a dev error measured on it is (its standard error).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.diagnosis import split_sizes, standard_error
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import COLORS, MARKERS, PALETTE

RULES = {"60/20/20": (0.6, 0.2, 0.2), "98/1/1": (0.98, 0.01, 0.01),
         "99.5/0.25/0.25": (0.995, 0.0025, 0.0025)}
LOG_M_RANGE = (2, 7)  # 100 to 10 million examples


def split_explorer(rules=None, *, m: float = 1e6, error: float = 0.10) -> Explorer:
    """Dev set size and the standard error of a dev error of ``error``, per rule, against ``m``.

    ``rules`` maps a name to ``(train, dev, test)`` fractions (default: 60/20/20, 98/1/1 and
    99.5/0.25/0.25, at most 7). Control: ``m`` (10^2 to 10^7, log scale). Both axes show log10 of
    the numbers with fixed ticks: cheaper to redraw than log-scale axes.
    """
    rules = dict(RULES if rules is None else rules)
    if not rules or len(rules) > len(COLORS):
        check.fail("rules", f"a dict of 1 to {len(COLORS)} name -> (train, dev, test) fractions",
                   rules)
    for fractions in rules.values():
        split_sizes(100, fractions)  # checks each rule's fractions
    low, high = LOG_M_RANGE
    m = check.number("m", m, low=10.0**low, high=10.0**high)
    error = check.number("error", error, low=0.0, high=1.0, low_open=True, high_open=True)

    log_ms = np.linspace(low, high, 200)
    fig, (ax_n, ax_se) = live_figure(1, 2, figsize=(9.5, 3.8))
    points = []
    for i, (name, fractions) in enumerate(rules.items()):
        dev = np.maximum(fractions[1] * 10**log_ms, 1)
        style = {"color": COLORS[i], "linestyle": ["-", "--", "-.", ":"][i % 4], "marker": "",
                 "label": name}
        ax_n.plot(log_ms, np.log10(dev), **style)
        ax_se.plot(log_ms, np.log10(100 * np.sqrt(error * (1 - error) / dev)), **style)
        marker = {"color": COLORS[i], "marker": MARKERS[i], "markersize": 8, "linestyle": ""}
        points.append((name, fractions, ax_n.plot([], [], **marker)[0],
                       ax_se.plot([], [], **marker)[0]))
    ax_n.axhline(4, color=PALETTE["black"], linewidth=1, linestyle=":", label="10,000 examples")
    ax_se.axhline(np.log10(0.3), color=PALETTE["black"], linewidth=1, linestyle=":",
                  label="0.3 points")
    powers = list(range(low, high + 1))
    ax_n.set(xticks=powers, xticklabels=[f"$10^{k}$" for k in powers], yticks=list(range(0, 7)),
             yticklabels=[f"$10^{k}$" for k in range(0, 7)], xlabel="examples m",
             ylabel="dev set size", title="Dev set size under each rule")
    ax_se.set(xticks=powers, xticklabels=[f"$10^{k}$" for k in powers], yticks=[-2, -1, 0, 1, 2],
              yticklabels=["0.01", "0.1", "1", "10", "100"], xlabel="examples m",
              ylabel="standard error of dev error (points)",
              title=f"Precision of a dev error of {error:.0%}")
    ax_n.legend(loc="upper left")
    ax_se.legend(loc="upper right")
    m_lines = [ax.axvline(6, color=PALETTE["vermillion"], linewidth=1.2) for ax in (ax_n, ax_se)]

    def render(m):
        m = int(round(m))
        rows = []
        for name, fractions, pt_n, pt_se in points:
            n_dev = split_sizes(m, fractions)[1]
            se = 100 * standard_error(error, max(n_dev, 1))
            pt_n.set_data([np.log10(m)], [np.log10(max(n_dev, 1))])
            pt_se.set_data([np.log10(m)], [np.log10(se)])
            rows.append(f"{name}: dev {n_dev:,} (± {se:.2f} points)")
        for line in m_lines:
            line.set_xdata([np.log10(m)] * 2)
        return f"m = {m:,}: " + "; ".join(rows)

    controls = {"m": widgets.FloatLogSlider(value=m, base=10, min=low, max=high, step=0.05,
                                            description="m", readout_format=",.0f")}
    redraw = FastRedraw(fig, [a for *_, pt_n, pt_se in points for a in (pt_n, pt_se)] + m_lines)
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    description="Dev set size and precision under three splitting rules")


EXAMPLES = {"split_explorer": lambda: split_explorer(RULES, m=1e6, error=0.10)}
