"""Explorers for batch norm's mini-batch statistics (notebook 12).

- :func:`noise_explorer`: the means μ of many mini-batches of one size and the normalized value
  of one fixed example in each: the noise batch norm adds, shrinking as the mini-batch grows.
- :func:`running_explorer`: the running averages of μ and σ² kept for test time, for a chosen
  decay d and mini-batch size, against the unit's true mean and variance.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.explorers._bn_lesson import lesson_data
from course_lib.ewa import ewa
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE


def _per_size(name, values):
    if not isinstance(values, dict) or not values:
        check.fail(name, "a dict mini-batch size -> array of values, one per mini-batch", values)
    return {check.integer(f"{name}'s size", k, low=1): check.array(f"{name}[{k}]", v, ndim=1)
            for k, v in values.items()}


def noise_explorer(batch_mu: dict, fixed_norm: dict, *, mu: float, sigma: float, fixed_z: float,
                   size: int = 64) -> Explorer:
    """Histograms of the mini-batch means and of one example's z_norm, per mini-batch size.

    ``batch_mu[m]`` and ``fixed_norm[m]``: one value per mini-batch of size ``m``; ``mu`` and
    ``sigma`` the unit's true mean and std, ``fixed_z`` the fixed example's value. Control:
    ``size`` (one of the sizes).
    """
    batch_mu, fixed_norm = _per_size("batch_mu", batch_mu), _per_size("fixed_norm", fixed_norm)
    if set(batch_mu) != set(fixed_norm):
        raise ValueError(f"batch_mu and fixed_norm must have the same sizes, got "
                         f"{sorted(batch_mu)} and {sorted(fixed_norm)}")
    mu, sigma = check.number("mu", mu), check.positive("sigma", sigma)
    fixed_z = check.number("fixed_z", fixed_z)
    sizes = sorted(batch_mu)
    check.choice("size", size, sizes)
    fig, (ax_mu, ax_norm) = live_figure(1, 2, figsize=(10, 3.6))
    spread = 4 * sigma / np.sqrt(sizes[0])  # wide enough for the smallest mini-batch
    mu_edges = np.linspace(mu - spread, mu + spread, 41)
    fixed_true = (fixed_z - mu) / sigma
    norm_edges = np.linspace(fixed_true - 1.5, fixed_true + 1.5, 41)
    mu_stairs = ax_mu.stairs(np.zeros(40), mu_edges, fill=True, color=PALETTE["blue"], alpha=0.6,
                             label="batch means μ")
    mu_line = ax_mu.axvline(mu, color=PALETTE["black"], linestyle="--", label="true mean of the unit")
    ax_mu.set(xlim=(mu_edges[0], mu_edges[-1]), ylim=(0, 0.6), xlabel="μ of a mini-batch",
              ylabel="fraction of mini-batches", title="The mean BN subtracts")
    ax_mu.legend(loc="upper right")
    norm_stairs = ax_norm.stairs(np.zeros(40), norm_edges, fill=True, color=PALETTE["orange"],
                                 alpha=0.6, label="z_norm in each mini-batch")
    norm_line = ax_norm.axvline(fixed_true, color=PALETTE["black"], linestyle="--",
                                label="with the true μ, σ")
    ax_norm.set(xlim=(norm_edges[0], norm_edges[-1]), ylim=(0, 0.6),
                xlabel="z_norm of one fixed example", ylabel="fraction of mini-batches",
                title="Noise on one example's normalized value")
    ax_norm.legend(loc="upper right")

    def render(size):
        mus = np.clip(batch_mu[size], mu_edges[0], mu_edges[-1])
        norms = np.clip(fixed_norm[size], norm_edges[0], norm_edges[-1])
        mu_stairs.set_data(np.histogram(mus, mu_edges)[0] / mus.size)
        norm_stairs.set_data(np.histogram(norms, norm_edges)[0] / norms.size)
        return (f"<b>mini-batch size {size}</b>: batch means spread with std "
                f"{batch_mu[size].std():.4f} (σ/√m = {sigma / np.sqrt(size):.4f}); the fixed "
                f"example's z_norm has std {fixed_norm[size].std():.4f}")

    controls = {"size": widgets.SelectionSlider(options=sizes, value=size, description="mini-batch")}
    # (the reference lines are redrawn too, so they stay on top of the histograms)
    redraw = FastRedraw(fig, [mu_stairs, mu_line, norm_stairs, norm_line])
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    description="Noise of mini-batch statistics at different mini-batch sizes")


def running_averages(means, variances, decay: float):
    """The running μ and σ² after each mini-batch, started at 0 and 1 as ``batchnorm_init``.

    :math:`v_t = d\\,v_{t-1} + (1 - d)\\,x_t` from :math:`v_0`, which is
    ``ewa(x, d) + d**t * v_0`` (``course_lib.ewa`` starts at 0).
    """
    t = np.arange(1, len(means) + 1)
    both = ewa(np.column_stack([means, variances]), decay)
    return both[:, 0], both[:, 1] + decay ** t


def running_explorer(streams: dict, *, mu: float, sigma: float, decay: float = 0.9,
                     batch_size: int = 64) -> Explorer:
    """Running averages of the mini-batch μ and σ² over a stream of mini-batches.

    ``streams[m]``: an array (steps, m), the watched unit's values in each mini-batch of size
    ``m``; ``mu`` and ``sigma`` the unit's true mean and std. Controls: ``decay`` d (0.5 to
    0.999) and ``batch_size`` (one of the streams).
    """
    if not isinstance(streams, dict) or not streams:
        check.fail("streams", "a dict mini-batch size -> array (steps, size)", streams)
    stats = {}
    for m, values in streams.items():
        values = check.array(f"streams[{m}]", values, ndim=2)
        if values.shape[1] != m or values.shape[0] < 2:
            check.fail(f"streams[{m}]", f"an array of shape (steps >= 2, {m})", values)
        stats[m] = values.mean(axis=1), values.var(axis=1)
    steps = {m: np.arange(1, len(s[0]) + 1) for m, s in stats.items()}
    mu, sigma = check.number("mu", mu), check.positive("sigma", sigma)
    decay = check.number("decay", decay, low=0.5, high=0.999)
    check.choice("batch_size", batch_size, stats)
    fig, (ax_mean, ax_var) = live_figure(1, 2, figsize=(10, 3.6))
    lines = {}
    for ax, key, truth, label in ((ax_mean, 0, mu, "μ"), (ax_var, 1, sigma ** 2, "σ²")):
        (dots,) = ax.plot([], [], linestyle="", marker=".", color=PALETTE["sky"], alpha=0.6,
                          label=f"{label} of each mini-batch")
        (line,) = ax.plot([], [], color=PALETTE["blue"], marker="s", markevery=30,
                          label=f"running {label}")
        truth_line = ax.axhline(truth, color=PALETTE["black"], linestyle="--",
                                label=f"true {label} of the unit")
        ax.set(xlim=(0, max(len(s) for s in steps.values())), xlabel="training step (mini-batch)",
               ylabel=label, title=f"Running estimate of {label} for test time")
        ax.legend(loc="upper right", frameon=True, framealpha=0.9)
        lines[key] = (dots, line, truth_line)
    ax_mean.set_ylim(min(0, mu) - 0.6 * sigma, max(0, mu) + 1.2 * sigma)
    ax_var.set_ylim(0, 2.4 * max(1.0, sigma ** 2))

    def render(decay, batch_size):
        means, variances = stats[batch_size]
        estimates = running_averages(means, variances, decay)
        for key, values in enumerate((means, variances)):
            dots, line, _ = lines[key]
            dots.set_data(steps[batch_size], values)
            line.set_data(steps[batch_size], estimates[key])
        err_mu = abs(estimates[0][-1] - mu) / sigma
        err_var = abs(estimates[1][-1] - sigma ** 2) / sigma ** 2
        return (f"<b>d = {decay:.3f}</b> (averages about {1 / (1 - decay):.0f} mini-batches), "
                f"mini-batch {batch_size}: after {len(means)} steps the running mean is off by "
                f"{err_mu:.3f} σ and the running variance by {err_var:.1%}")

    controls = {
        "decay": widgets.FloatSlider(value=decay, min=0.5, max=0.999, step=0.001,
                                     readout_format=".3f", description="decay d"),
        "batch_size": widgets.ToggleButtons(options=sorted(stats), value=batch_size,
                                            description="mini-batch"),
    }
    redraw = FastRedraw(fig, [artist for trio in lines.values() for artist in trio])
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    description="Running averages of the batch statistics for test time")


def _lesson_noise():
    data = lesson_data()
    z = data["z_pool"]
    return noise_explorer(data["batch_mu"], data["fixed_norm"], mu=z.mean(), sigma=z.std(),
                          fixed_z=z[0], size=64)


def _lesson_running():
    data = lesson_data()
    z = data["z_pool"]
    return running_explorer(data["streams"], mu=z.mean(), sigma=z.std(), decay=0.9, batch_size=64)


EXAMPLES = {"noise_explorer": _lesson_noise, "running_explorer": _lesson_running}
