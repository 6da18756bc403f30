"""Explorers for normalizing inputs (notebook 03), and the least-squares numerics they show.

- :func:`normalization_steps_explorer`: raw inputs, the mean subtracted, then divided by σ.
- :func:`contours_explorer`: contours of the mean-squared-error cost for x1 = s·u at several scales
  s, raw or normalized, with gradient descent's path and its cost gap per step.

The numerics (the notebook writes them out and asserts they equal these):
:func:`least_squares_cost`, :func:`gd_path`, :func:`curvature`, :func:`steps_to_converge`.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.data import normalize_apply, normalize_fit
from course_lib.divergence import finite_prefix
from course_lib.figures.blit import FrameCache, set_status, status_text
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE

MODES = ("raw", "normalized")


def least_squares_cost(W, X, y) -> np.ndarray:
    r""":math:`J(w) = \frac{1}{2m}\sum_i (w^\top x^{(i)} - y^{(i)})^2` for each weight vector.

    ``W`` is one weight vector ``(2,)`` or several as columns ``(2, k)``; ``X`` has shape
    ``(2, m)`` (examples are columns), ``y`` shape ``(m,)``. Returns shape ``(k,)`` (``(1,)``).
    """
    residual = np.atleast_2d(np.asarray(W, dtype=float).T) @ X - y
    return (residual ** 2).sum(axis=-1) / (2 * X.shape[1])


def gd_path(X, y, w0, *, lr, n_steps) -> np.ndarray:
    r"""Gradient descent on :func:`least_squares_cost`: ``(n_steps + 1, 2)`` iterates from ``w0``.

    .. math:: w \leftarrow w - \alpha \tfrac{1}{m} X (X^\top w - y)
    """
    path = [np.asarray(w0, dtype=float)]
    for _ in range(check.integer("n_steps", n_steps, low=0)):
        w = path[-1]
        path.append(w - lr * X @ (w @ X - y) / X.shape[1])
    return np.array(path)


def curvature(X) -> tuple[float, float]:
    r"""``(λ_min, λ_max)``, the eigenvalues of the Hessian :math:`H = \frac1m X X^\top`."""
    eig = np.linalg.eigvalsh(X @ X.T / X.shape[1])
    return eig[0], eig[-1]


def steps_to_converge(lam_min, lam_max, lr, shrink=1e-6):
    r"""Steps until the cost gap is ``shrink`` times its start; ``inf`` if it never shrinks.

    The gap shrinks by :math:`(1 - \alpha\lambda)^2` per step along each eigenvector; the worst
    direction decides.
    """
    rate = max(abs(1 - lr * lam_min), abs(1 - lr * lam_max))
    return np.inf if rate >= 1 else int(np.ceil(np.log(shrink) / (2 * np.log(rate))))


def normalization_steps_explorer(X) -> Explorer:
    """Three scatter panels of ``X`` (shape (2, m)): raw, mean subtracted, divided by σ."""
    X = check.array("X", X, ndim=2, what="an array of shape (2, m), examples as columns")
    if X.shape[0] != 2 or X.shape[1] < 2:
        raise ValueError(f"X must have shape (2, m) with m >= 2, got shape {X.shape}")
    mu, sigma = normalize_fit(X)
    fig, axes = live_figure(1, 3, figsize=(10, 3.3))
    panels = [(X, "raw inputs"), (X - mu, "mean subtracted"),
              (normalize_apply(X, mu, sigma), "divided by σ")]
    for ax, (points, title) in zip(axes, panels):
        ax.scatter(points[0], points[1], s=10, color=PALETTE["blue"], marker="o")
        ax.set(title=title, xlabel="x1", ylabel="x2")
    axes[2].set_aspect("equal")
    return Explorer({}, lambda: None, figures=[fig],
                    description="Raw, centred and normalized inputs")


def _cases(u, x2, y, scales, subtract_mean):
    """(scale, mode) -> (X, targets, λ_min, λ_max, w_opt, J_min), as notebook 03 defines them."""
    cases = {}
    for s in scales:
        for mode in MODES:
            Xs, ys = np.vstack([s * u, x2]), y
            if mode == "normalized":
                mu, sigma = normalize_fit(Xs)
                Xs, ys = ((normalize_apply(Xs, mu, sigma), y - y.mean()) if subtract_mean
                          else (Xs / sigma, y))
            w_opt = np.linalg.solve(Xs @ Xs.T, Xs @ ys)
            cases[s, mode] = (Xs, ys, *curvature(Xs), w_opt, least_squares_cost(w_opt, Xs, ys)[0])
    return cases


def contours_explorer(u, x2, y, *, scales=(1, 3, 10, 30, 100, 300, 1000), subtract_mean=True,
                      scale=1000, inputs="raw", lr_fraction=0.9, w0=(3.0, 1.5),
                      n_steps=100) -> Explorer:
    """Contours of J over (w1, w2) and gradient descent from ``w0``, for x1 = scale·u and x2.

    ``u``, ``x2``, ``y`` have shape (m,). Normalized inputs use ``y - mean(y)`` as targets (the
    bias is then separate) when ``subtract_mean``; otherwise they are only divided by σ.
    Controls: ``scale`` (one of ``scales``; updates on release), ``inputs`` ("raw" or
    "normalized") and ``lr_fraction``, the learning rate as a fraction of that case's
    α_max = 2/λ_max (0.05 to 1.2).
    """
    u, x2, y = (check.array(n, v, ndim=1) for n, v in (("u", u), ("x2", x2), ("y", y)))
    if not u.size == x2.size == y.size >= 2:
        raise ValueError(f"u, x2 and y must hold the same number (>= 2) of examples, "
                         f"got {u.size}, {x2.size} and {y.size}")
    scales = tuple(check.integer("scales", s, low=1) for s in scales)
    scale = check.choice("scale", scale, scales)
    inputs = check.choice("inputs", inputs, MODES)
    lr_fraction = check.number("lr_fraction", lr_fraction, low=0.05, high=1.2)
    w0 = check.array("w0", w0, ndim=1)
    n_steps = check.integer("n_steps", n_steps, low=1)
    cases = _cases(u, x2, y, scales, check.boolean("subtract_mean", subtract_mean))
    g1, g2 = np.meshgrid(np.linspace(-1.5, 3.5, 120), np.linspace(-5.0, 2.0, 160))
    grid = np.vstack([g1.ravel(), g2.ravel()])
    fig, (ax_c, ax_g) = live_figure(1, 2, figsize=(9.5, 4.4), width_ratios=(1, 1.1))
    contour_sets = {}
    for key, (Xs, ys, *_, J_min) in cases.items():
        gap = (least_squares_cost(grid, Xs, ys) - J_min).reshape(g1.shape)
        levels = np.unique(np.quantile(gap, [0.003, 0.01, 0.03, 0.07, 0.13, 0.22, 0.35, 0.5, 0.7,
                                             0.9]))
        contour_sets[key] = ax_c.contour(g1, g2, gap, levels=levels, colors=PALETTE["sky"],
                                         linewidths=0.9)
        contour_sets[key].set_visible(False)
    (path_line,) = ax_c.plot([], [], color=PALETTE["vermillion"], marker="o", markersize=3,
                             linestyle="-", linewidth=1.2, label="gradient descent")
    (opt_dot,) = ax_c.plot([], [], color=PALETTE["black"], marker="*", markersize=12,
                           linestyle="", label="minimum")
    ax_c.plot(*w0, color=PALETTE["orange"], marker="s", linestyle="", label="start")
    ax_c.set(xlim=(-1.5, 3.5), ylim=(-5, 2), xlabel="w1", ylabel="w2",
             title="Contours of J and the GD path")
    ax_c.set_aspect("equal")
    ax_c.legend(loc="lower right")
    (gap_line,) = ax_g.semilogy([], [], color=PALETTE["blue"], marker="", label="J - J_min")
    ax_g.set(xlim=(0, n_steps), ylim=(1e-10, 1e8), xlabel="step", ylabel="J - J_min (log scale)",
             title="Cost gap per step")
    ax_g.legend(loc="upper right")
    runs = {}

    def render(scale, inputs, lr_fraction):
        redraw.key = (scale, inputs)
        Xs, ys, lam_lo, lam_hi, w_opt, J_min = cases[scale, inputs]
        for key, cs in contour_sets.items():
            cs.set_visible(key == (scale, inputs))
        lr = lr_fraction * 2 / lam_hi
        key = (scale, inputs, lr_fraction)
        if key not in runs:  # a slider revisits its values: each run is computed once
            with np.errstate(over="ignore", invalid="ignore"):
                path = gd_path(Xs, ys, w0, lr=lr, n_steps=n_steps)
                runs[key] = path, least_squares_cost(path.T, Xs, ys) - J_min
        path, gaps = runs[key]
        shown, _ = finite_prefix(path)
        path_line.set_data(shown[:, 0], shown[:, 1])
        opt_dot.set_data([w_opt[0]], [w_opt[1]])
        ok = np.isfinite(gaps) & (gaps < 1e12)
        gap_line.set_data(np.arange(len(gaps))[ok], np.maximum(gaps[ok], 1e-10))
        n_pred = steps_to_converge(lam_lo, lam_hi, lr)
        at_max = np.isclose(lr_fraction, 1.0)  # at α_max: |1 - α λ_max| = 1
        grew = not ok[-1] or gaps[-1] > gaps[0]
        set_status(ax_c, "diverged: α > α_max, the steep direction grows every step" if grew else
                   "α = α_max: the steep direction neither grows nor shrinks" if at_max else "")
        steps_txt = ("never (at α_max the gap stops shrinking)" if at_max else
                     "never (diverges)" if np.isinf(n_pred) else f"{n_pred:,}")
        final = f"{gaps[-1]:.3g}" if ok[-1] else "inf (diverged)"
        return (f"{inputs}, x1 up to {scale}: λ = {lam_lo:.3g} … {lam_hi:.4g}, "
                f"κ = {lam_hi / lam_lo:,.0f}; α_max = 2/λ_max = {2 / lam_hi:.3g}; "
                f"α = {lr:.3g}<br>"
                f"steps to shrink the gap 10⁶-fold at this α: <b>{steps_txt}</b>; "
                f"gap after {n_steps} steps: <b>{final}</b>")

    controls = {
        # a new scale redraws the whole bowl (over the 17 ms a dragged slider may take): on release
        "scale": widgets.SelectionSlider(options=scales, value=scale, description="x1 up to",
                                         continuous_update=False),
        "inputs": widgets.ToggleButtons(options=MODES, value=inputs, description="inputs"),
        "lr_fraction": widgets.FloatSlider(value=lr_fraction, min=0.05, max=1.2, step=0.05,
                                           description="α / α_max", readout_format=".2f"),
    }
    # only these change as the controls move: the contours of every case are made once above
    # and only switched on or off (the frame with a case's contours is kept per case; moving α
    # draws only the path, gap curve and status over it)
    redraw = FrameCache(fig, contour_sets.values(),
                        moving=[path_line, opt_dot, gap_line, status_text(ax_c)])
    explorer = Explorer(controls, render, figures=[fig], blit=[redraw], layout=_two_rows,
                        description="Cost contours and gradient descent, raw or normalized inputs")
    explorer.cases = cases
    return explorer


def _two_rows(controls, canvases, readout):
    """The scale and the inputs on one row, the learning rate below, then figure and readout."""
    first = widgets.HBox([controls["scale"], controls["inputs"]])
    return widgets.VBox([first, controls["lr_fraction"], *canvases, readout])


def _notebook_data():
    """Notebook 03's data: u, x2 and y from the first draws of default_rng(0)."""
    rng = np.random.default_rng(0)
    m = 200
    u, x2 = rng.uniform(0.001, 1.0, m), rng.uniform(0.0, 1.0, m)
    return u, x2, 2.0 * u - 3.0 * x2 + 0.1 * rng.standard_normal(m)


EXAMPLES = {
    "normalization_steps_explorer": lambda: normalization_steps_explorer(
        np.vstack([1000.0 * _notebook_data()[0], _notebook_data()[1]])),
    "contours_explorer": lambda: contours_explorer(*_notebook_data(), scale=1000, inputs="raw",
                                                   lr_fraction=0.9),
}
