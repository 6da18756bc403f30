"""Explorers for searching hyperparameters on paper (notebook 11).

- :func:`design_explorer`: a grid and random points of the same budget over a made-up dev error,
  and the values of the important hyperparameter each design tries.
- :func:`sampling_explorer`: where samples of α and β land, drawn on a uniform or a log scale.

Coarse to fine is in :mod:`course_lib.explorers.search_zoom`, the searches that train real
networks (caviar and panda) in :mod:`course_lib.explorers.search_runs`.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np

from course_lib import _validate as check
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE
from course_lib.hparams import grid_design, random_design

SYMBOLS = {"alpha": "α", "epsilon": "ε", "beta": "β", "hidden": "hidden units", "lambd": "λ"}


def plotted_axes(name, ranges, scales):
    """The first two hyperparameters of ``ranges``: the plotted ones, on their scale."""
    if not isinstance(ranges, dict) or len(ranges) < 2:
        check.fail(name, "a dict of at least two hyperparameters name -> (low, high)", ranges)
    grid_design(ranges, 1, scales=scales)  # checks every range and scale
    scales = scales or {}
    out = []
    for key in list(ranges)[:2]:
        log = scales.get(key, "linear") == "log"
        low, high = ranges[key]
        to_axis = np.log10 if log else np.asarray
        label = f"log10 {SYMBOLS.get(key, key)}" if log else SYMBOLS.get(key, key)
        out.append((key, log, tuple(float(v) for v in to_axis([low, high])), to_axis, label))
    return out


def design_explorer(dev_error, ranges: dict, *, scales: dict | None = None, per_axis: int = 5,
                    seed: int = 1, profile_at: dict | None = None) -> Explorer:
    """Grid vs random points of the same budget over ``dev_error(**point)``.

    The first hyperparameter of ``ranges`` is the important one (x axis), the second is drawn on
    the y axis; the right panel is the dev error along the first, with the others at
    ``profile_at`` (default: the middle of each range on its scale). Controls: ``per_axis``
    (2 to 7; the budget is per_axis ** len(ranges)) and ``seed`` (0 to 30) of the random points.
    """
    check.function("dev_error", dev_error, what="a function dev_error(**hyperparameters) -> error")
    (xk, xlog, xlim, to_x, xlabel), (yk, ylog, ylim, to_y, ylabel) = plotted_axes("ranges", ranges,
                                                                               scales)
    per_axis = check.integer("per_axis", per_axis, low=2)
    if per_axis > 7:
        check.fail("per_axis", "an integer in [2, 7]", per_axis)
    seed = check.integer("seed", seed, low=0)
    if seed > 30:
        check.fail("seed", "an integer in [0, 30]", seed)
    middle = {yk: 10.0 ** np.mean(ylim) if ylog else float(np.mean(ylim))}
    profile_at = middle if profile_at is None else profile_at
    if not isinstance(profile_at, dict) or yk not in profile_at:
        check.fail("profile_at", f"a dict holding a value for {yk!r}", profile_at)
    back_x = (lambda v: 10.0 ** v) if xlog else (lambda v: v)
    back_y = (lambda v: 10.0 ** v) if ylog else (lambda v: v)

    fig, (ax_2d, ax_1d) = live_figure(1, 2, figsize=(10, 4.0))
    gx, gy = np.meshgrid(np.linspace(*xlim, 120), np.linspace(*ylim, 120))
    image = ax_2d.imshow(dev_error(**{xk: back_x(gx), yk: back_y(gy)}), origin="lower",
                         extent=(*xlim, *ylim), aspect="auto", cmap="viridis_r", alpha=0.85)
    fig.colorbar(image, ax=ax_2d, label="dev error")
    # markers of a line draw faster than a scatter's (one stamped marker path)
    (grid_dots,) = ax_2d.plot([], [], linestyle="", marker="s", markersize=6.3,
                              color=PALETTE["orange"], markeredgecolor="black", label="grid")
    (rand_dots,) = ax_2d.plot([], [], linestyle="", marker="^", markersize=6.3,
                              color=PALETTE["sky"], markeredgecolor="black", label="random")
    ax_2d.set(xlabel=xlabel, ylabel=ylabel, title="Dev error and the points tried")
    ax_2d.legend(loc="upper right", fontsize=8)
    profile = np.linspace(*xlim, 300)
    errors = dev_error(**{xk: back_x(profile), **profile_at})
    fixed = ", ".join(f"{SYMBOLS.get(k, k)} = " + f"{v:g}".replace("e-0", "e-").replace("e+0", "e")
                      for k, v in profile_at.items())
    ax_1d.plot(profile, errors, color=PALETTE["black"], marker="", label=f"dev error ({fixed})")
    top = 3.0 * float(np.max(errors))   # room above the curve for the legend
    (grid_rug,) = ax_1d.plot([], [], linestyle="", marker="s", color=PALETTE["orange"],
                             label=f"{SYMBOLS.get(xk, xk)} tried by grid")
    (rand_rug,) = ax_1d.plot([], [], linestyle="", marker="^", color=PALETTE["sky"],
                             label=f"{SYMBOLS.get(xk, xk)} tried by random")
    ax_1d.set(xlim=xlim, ylim=(0, top), xlabel=xlabel, ylabel="dev error",
              title=f"Projection on {SYMBOLS.get(xk, xk)}")
    ax_1d.legend(loc="upper center", fontsize=8)
    symbol = SYMBOLS.get(xk, xk)

    def render(per_axis, seed):
        g = grid_design(ranges, per_axis, scales=scales)
        r = random_design(ranges, per_axis ** len(ranges), np.random.default_rng(seed),
                          scales=scales)
        for dots, rug, pts, height in ((grid_dots, grid_rug, g, 0.04), (rand_dots, rand_rug, r, 0.12)):
            dots.set_data(to_x(pts[xk]), to_y(pts[yk]))
            rug.set_data(to_x(pts[xk]), np.full(len(pts[xk]), height * top))
        bg, br = dev_error(**g).min(), dev_error(**r).min()
        return (f"budget {per_axis ** len(ranges)}: grid tries <b>{len(np.unique(g[xk]))}</b> "
                f"distinct {symbol}, random tries <b>{len(np.unique(r[xk]))}</b>; best dev error: "
                f"grid {bg:.4f}, random {br:.4f}")

    # seed first: the browser test presses the first slider 5 times each way, which per_axis
    # (5 of 2 to 7) cannot follow to the right
    controls = {"seed": widgets.IntSlider(value=seed, min=0, max=30, description="seed"),
                "per_axis": widgets.IntSlider(value=per_axis, min=2, max=7, description="per axis")}
    # Only the points move with the sliders: redraw them over a cached picture of the rest.
    redraw = FastRedraw(fig, [grid_dots, rand_dots, grid_rug, rand_rug])
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    description="Grid vs random search with one important hyperparameter")


def sampling_explorer(alpha: dict, beta: dict, *, alpha_range=(1e-4, 1.0), beta_range=(0.9, 0.999),
                      which: str = "alpha", scale: str = "uniform") -> Explorer:
    """Histograms of α and β samples, ``{"uniform": samples, "log": samples}`` each.

    α is drawn on a log10 axis over ``alpha_range``, β on a log10(1 - β) axis over ``beta_range``,
    16 bars each. Controls: ``which`` ("alpha" or "beta") and ``scale`` ("uniform" or "log").
    """
    check.choice("which", which, ("alpha", "beta"))
    check.choice("scale", scale, ("uniform", "log"))
    a_lo, a_hi = (check.positive("alpha_range[0]", alpha_range[0]),
                  check.positive("alpha_range[1]", alpha_range[1]))
    b_lo, b_hi = (check.fraction("beta_range[0]", beta_range[0]),
                  check.fraction("beta_range[1]", beta_range[1]))
    if not (a_lo < a_hi and b_lo < b_hi):
        raise ValueError(f"alpha_range and beta_range must be (low, high) with low < high, got "
                         f"{alpha_range} and {beta_range}")
    samples = {}
    for name, given, (lo, hi) in (("alpha", alpha, (a_lo, a_hi)), ("beta", beta, (b_lo, b_hi))):
        if not isinstance(given, dict) or set(given) != {"uniform", "log"}:
            check.fail(name, 'a dict {"uniform": samples, "log": samples}', given)
        for s, values in given.items():
            values = check.array(f"{name}[{s!r}]", values, ndim=1)
            if values.size == 0 or values.min() < lo or values.max() > hi:
                raise ValueError(f"{name}[{s!r}] must hold samples in [{lo:g}, {hi:g}], got "
                                 f"{values.size} values in [{values.min(initial=np.nan):g}, "
                                 f"{values.max(initial=np.nan):g}]")
            samples[name, s] = np.log10(values) if name == "alpha" else np.log10(1 - values)
    edges = {"alpha": np.linspace(np.log10(a_lo), np.log10(a_hi), 17),
             "beta": np.linspace(np.log10(1 - b_hi), np.log10(1 - b_lo), 17)}
    tick_labels = {"alpha": [f"1e{e:g}" for e in edges["alpha"][::4]],
                   "beta": [f"{1 - 10.0 ** e:.4g}" for e in edges["beta"][::4]]}
    x_labels = {"alpha": "α (log axis, 4 bars per decade)" if np.isclose(np.log10(a_hi / a_lo), 4)
                else "α (log axis, 16 bars)",
                "beta": "β (axis in log10(1 - β), 4 bars per quarter of the range)"}

    fig, ax = live_figure(figsize=(7.5, 3.6))
    bars = ax.bar(np.arange(16), np.zeros(16), width=0.9, color=PALETTE["blue"], edgecolor="black",
                  hatch="//", label="share of samples")
    ax.set(xlim=(-0.7, 15.7), ylim=(0, 0.6), ylabel="share of samples", title="Where the samples land")
    ax.legend(loc="upper left")
    # The tick labels and the x label depend on the "sample" buttons: they are texts drawn where
    # the axis puts its labels, so a click redraws them with the bars instead of the whole figure.
    ax.set_xticks(np.arange(0, 17, 4) - 0.5, labels=[""] * 5)
    ticks = [ax.annotate("", xy=(x, 0), xycoords=ax.get_xaxis_transform(), xytext=(0, -7),
                         textcoords="offset points", ha="center", va="top",
                         fontsize=mpl.rcParams["xtick.labelsize"]) for x in np.arange(0, 17, 4) - 0.5]
    xlabel = ax.annotate("", xy=(0.5, 0), xycoords="axes fraction", xytext=(0, -21),
                         textcoords="offset points", ha="center", va="top",
                         fontsize=mpl.rcParams["axes.labelsize"])

    def render(which, scale):
        values = samples[which, scale]
        counts, _ = np.histogram(values, bins=edges[which])
        for bar, share in zip(bars, counts / values.size):
            bar.set_height(share)
        for text, label in zip(ticks, tick_labels[which]):
            text.set_text(label)
        xlabel.set_text(x_labels[which])
        top = (values >= edges[which][-5]).mean()
        return (f"{which}, {scale} sampling: <b>{top:.1%}</b> of the samples in the last quarter of "
                f"the log axis (last 4 bars)")

    controls = {"which": widgets.ToggleButtons(options=("alpha", "beta"), value=which,
                                               description="sample"),
                "scale": widgets.ToggleButtons(options=("uniform", "log"), value=scale,
                                               description="scale")}
    return Explorer(controls, render, figures=[fig], blit=[FastRedraw(fig, [*bars, *ticks, xlabel])],
                    description="Histograms of alpha and beta sampled on a uniform or log scale")


def _dev_error(alpha, epsilon, **others):
    # notebook 11's made-up dev error: alpha matters a lot, epsilon almost not at all
    return 0.05 + 0.04 * (np.log10(alpha) + 2.3) ** 2 + 0.0005 * (np.log10(epsilon) + 8) ** 2


def _lesson_samples(n=20_000, seed=0):
    # notebook 11's draws, in its order: alpha and beta on the log scale, then uniformly
    rng = np.random.default_rng(seed)
    alpha_log = 10.0 ** rng.uniform(-4, 0, n)
    beta_log = 1 - 10.0 ** rng.uniform(-3, -1, n)
    return {"uniform": rng.uniform(1e-4, 1.0, n), "log": alpha_log}, \
           {"uniform": rng.uniform(0.9, 0.999, n), "log": beta_log}


EXAMPLES = {
    "design_explorer": lambda: design_explorer(
        _dev_error, {"alpha": (1e-4, 1.0), "epsilon": (1e-10, 1e-6)},
        scales={"alpha": "log", "epsilon": "log"}, per_axis=5, seed=1),
    "sampling_explorer": lambda: sampling_explorer(*_lesson_samples()),
}
