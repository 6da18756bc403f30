"""Explorers for programming frameworks (notebook 14).

- :func:`pytorch_paths_explorer`: the course's optimizers and PyTorch's on J(w) = (w - 5)², one
  learning rate at a time: the course_lib path as a line, PyTorch's as markers on it.
"""

from __future__ import annotations

import importlib.util

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.divergence import finite_prefix
from course_lib.figures.blit import FastRedraw, set_status, status_text
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import COLORS, LINESTYLES, MARKERS, PALETTE
from course_lib.optimizers import OPTIMIZERS, optimize

W_RANGE = (-1.0, 10.0)


def _check_paths(paths):
    """``paths`` as {(optimizer, lr): (ours, theirs or None)}; returns (names, lrs, n_steps)."""
    if not isinstance(paths, dict) or not paths or not all(
            isinstance(k, tuple) and len(k) == 2 and k[0] in OPTIMIZERS for k in paths):
        check.fail("paths", "a dict of (optimizer name, learning rate) -> (course_lib path, "
                   "PyTorch path or None)", paths)
    names = [n for n in OPTIMIZERS if any(k[0] == n for k in paths)]
    lrs = sorted({k[1] for k in paths})
    if set(paths) != {(n, lr) for n in names for lr in lrs}:
        raise ValueError(f"paths must hold every optimizer at every learning rate ({names} x "
                         f"{lrs}), got {sorted(paths)}")
    lengths = set()
    for key, pair in paths.items():
        if not isinstance(pair, tuple) or len(pair) != 2 or pair[0] is None:
            check.fail(f"paths[{key}]", "(course_lib path, PyTorch path or None)", pair)
        for path in pair:
            if path is not None:
                lengths.add(np.shape(path))
    if len(lengths) != 1 or len(next(iter(lengths))) != 1:
        raise ValueError(f"every path must be 1-D with the same number of steps, got shapes "
                         f"{sorted(lengths)}")
    return names, lrs, next(iter(lengths))[0] - 1


def pytorch_paths_explorer(paths, *, lr: float) -> Explorer:
    """Each optimizer's path of w from course_lib (line) and from PyTorch (markers), at one α.

    ``paths`` maps ``(optimizer, lr)`` to ``(course_lib path, PyTorch path or None)``, each of
    shape ``(n_steps + 1,)``; None means PyTorch is not installed. Control: ``lr`` (α, one of the
    learning rates of ``paths``). The w axis is fixed at -1 to 10; the readout gives each path's
    last and highest w and the largest gap between the two implementations.
    """
    names, lrs, n_steps = _check_paths(paths)
    lr = check.choice("lr", lr, lrs)
    have_torch = all(theirs is not None for _, theirs in paths.values())
    fig, ax = live_figure(figsize=(8, 3.8))
    steps = np.arange(n_steps + 1)
    lines = {}
    for k, name in enumerate(names):
        (ours,) = ax.plot([], [], color=COLORS[k], marker="", linestyle=LINESTYLES[k],
                          linewidth=1.6, label=f"{name}: course_lib")
        (theirs,) = ax.plot([], [], color=COLORS[k], marker=MARKERS[k], linestyle="", markevery=5,
                            markersize=5, label=f"{name}: PyTorch")
        lines[name] = (ours, theirs)
    target = ax.axhline(5, color=PALETTE["black"], linestyle=":", linewidth=1)
    ax.set(xlim=(0, n_steps), ylim=W_RANGE, xlabel="step", ylabel="w",
           title="Minimizing J(w) = (w - 5)² with four optimizers")
    ax.legend(loc="upper right", ncol=2, fontsize=8)
    status = status_text(ax)

    def render(lr):
        parts, gap, diverged = [], 0.0, []
        for name, (ours_line, theirs_line) in lines.items():
            ours, theirs = paths[name, lr]
            shown, bad = finite_prefix(np.asarray(ours, dtype=float))
            ours_line.set_data(steps[:len(shown)], shown)
            if theirs is not None:
                theirs_shown, theirs_bad = finite_prefix(np.asarray(theirs, dtype=float))
                theirs_line.set_data(steps[:len(theirs_shown)], theirs_shown)
                firsts = [b for b in (bad, theirs_bad) if b is not None]
                bad = min(firsts) if firsts else None
            if bad is not None:
                diverged.append(f"{name} at step {bad}")
                parts.append(f"{name} diverged at step {bad}")
                continue
            parts.append(f"{name} {ours[-1]:.4f} (highest {np.max(ours):.2f})")
            if theirs is not None:
                gap = max(gap, float(np.max(np.abs(np.asarray(ours) - theirs))))
        set_status(ax, f"diverged: {', '.join(diverged)}" if diverged else "")
        agreement = (f"; largest gap to PyTorch {gap:.1e}" if have_torch
                     else "; PyTorch not installed")
        return (f"<b>α = {lr:g}</b>, w after {n_steps} steps (highest w on the way): "
                + ", ".join(parts) + agreement)

    controls = {"lr": widgets.SelectionSlider(options=lrs, value=lr, description="α")}
    # Only the paths change with α: redraw them (and the target line above them) over the rest.
    redraw = FastRedraw(fig, [*(line for pair in lines.values() for line in pair), target, status])
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    layout=lambda c, canvases, readout: widgets.VBox([c["lr"], *canvases, readout]),
                    description="course_lib optimizers against PyTorch optimizers on "
                                "J(w) = (w - 5)^2")


def _notebook_14_paths():
    """Notebook 14's paths (cells 16-17): 60 steps from w = 0 at five α, PyTorch's if installed."""
    hyper = {"gd": {}, "momentum": {"beta": 0.9}, "rmsprop": {"beta": 0.999, "eps": 1e-8},
             "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}}
    paths = {}
    for name in OPTIMIZERS:
        for lr in (0.01, 0.1, 0.3, 0.6, 0.9):
            ours = optimize(name, lambda w: 2 * (w - 5), np.array([0.0]), n_steps=60, lr=lr,
                            **hyper[name])[:, 0]
            paths[name, lr] = (ours, _pytorch_path(name, lr, hyper[name]))
    return paths


def _pytorch_path(name, lr, h, n_steps=60):
    """The notebook's PyTorch mapping of the four optimizers (its cell 16), for the example only."""
    if importlib.util.find_spec("torch") is None:
        return None
    import torch

    w = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    optimizer = {"gd": lambda: torch.optim.SGD([w], lr=lr),
                 "momentum": lambda: torch.optim.SGD([w], lr=lr * (1 - h.get("beta", 0)),
                                                     momentum=h.get("beta", 0)),
                 "rmsprop": lambda: torch.optim.RMSprop([w], lr=lr, alpha=h.get("beta", 0),
                                                        eps=h.get("eps", 0)),
                 "adam": lambda: torch.optim.Adam([w], lr=lr, betas=(h.get("beta1", 0),
                                                                     h.get("beta2", 0)),
                                                  eps=h.get("eps", 0))}[name]()
    path = [0.0]
    for _ in range(n_steps):
        optimizer.zero_grad()
        ((w - 5) ** 2).sum().backward()
        optimizer.step()
        path.append(w.item())
    return np.array(path)


EXAMPLES = {
    "pytorch_paths_explorer": lambda: pytorch_paths_explorer(_notebook_14_paths(), lr=0.1),
}
