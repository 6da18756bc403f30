"""The explorer of notebook 14 (course_lib/explorers/frameworks.py), without PyTorch.

The "PyTorch" paths here are course_lib's own paths with a known offset, so the readout's gap can
be checked exactly; the real comparison with PyTorch is the notebook's (and its EXAMPLES entry).
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers.frameworks import pytorch_paths_explorer
from course_lib.optimizers import OPTIMIZERS, optimize

LRS = [0.01, 0.1, 0.6]
HYPER = {"gd": {}, "momentum": {"beta": 0.9}, "rmsprop": {"beta": 0.999, "eps": 1e-8},
         "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}}
pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


def _paths(offset=None, n_steps=30):
    paths = {}
    for k, name in enumerate(OPTIMIZERS):
        for lr in LRS:
            ours = optimize(name, lambda w: 2 * (w - 5), np.array([0.0]), n_steps=n_steps, lr=lr,
                            **HYPER[name])[:, 0]
            theirs = None if offset is None else ours + offset * (k + 1) * lr
            paths[name, lr] = (ours, theirs)
    return paths


def _close(explorer):
    for fig in explorer.figures:
        plt.close(fig)


def test_readout_gives_each_lines_last_and_highest_w_and_the_gap():
    paths = _paths(offset=1e-3)
    e = pytorch_paths_explorer(paths, lr=0.1)
    ax = e.figures[0].axes[0]
    for lr in LRS:
        e.update(lr=lr)
        for k, name in enumerate(OPTIMIZERS):
            ours_line, theirs_line = ax.lines[2 * k], ax.lines[2 * k + 1]
            np.testing.assert_array_equal(ours_line.get_ydata(), paths[name, lr][0])
            np.testing.assert_array_equal(theirs_line.get_ydata(), paths[name, lr][1])
            last, highest = (float(x) for x in re.search(
                rf"{name} (-?\d+\.\d+) \(highest (-?\d+\.\d+)\)", e.readout).groups())
            assert last == round(float(ours_line.get_ydata()[-1]), 4)
            assert highest == round(float(np.max(ours_line.get_ydata())), 2)
        gap = float(re.search(r"largest gap to PyTorch (\S+)$", e.readout).group(1))
        assert gap == float(f"{1e-3 * len(OPTIMIZERS) * lr:.1e}")
        assert e.readout.startswith(f"α = {lr:g}, w after 30 steps")
    _close(e)


def test_without_pytorch_the_marker_lines_stay_empty_and_the_readout_says_so():
    e = pytorch_paths_explorer(_paths(), lr=0.6)
    ax = e.figures[0].axes[0]
    assert all(len(ax.lines[2 * k + 1].get_xdata()) == 0 for k in range(len(OPTIMIZERS)))
    assert e.readout.endswith("PyTorch not installed")
    _close(e)


def test_a_diverging_path_is_cut_and_labelled_diverged():
    paths = _paths(offset=0.0)
    ours, theirs = paths["gd", 0.6]
    blown = ours.copy()
    blown[12:] = np.inf
    paths["gd", 0.6] = (blown, theirs)
    e = pytorch_paths_explorer(paths, lr=0.6)
    ax = e.figures[0].axes[0]
    assert len(ax.lines[0].get_ydata()) == 12 and np.isfinite(ax.lines[0].get_ydata()).all()
    assert "gd diverged at step 12" in e.readout
    assert [t.get_text() for t in ax.texts if t.get_visible()] == ["diverged: gd at step 12"]
    e.update(lr=0.1)
    assert not any(t.get_visible() for t in ax.texts) and "diverged" not in e.readout
    _close(e)


def test_bad_arguments_are_named():
    paths = _paths()
    with pytest.raises(ValueError, match="lr"):
        pytorch_paths_explorer(paths, lr=0.5)
    with pytest.raises(ValueError, match="every optimizer at every learning rate"):
        pytorch_paths_explorer({k: v for k, v in paths.items() if k != ("adam", 0.6)}, lr=0.1)
    with pytest.raises(ValueError, match="paths"):
        pytorch_paths_explorer({("sgd", 0.1): paths["gd", 0.1]}, lr=0.1)
    short = dict(paths)
    short["adam", 0.6] = (paths["adam", 0.6][0][:10], None)
    with pytest.raises(ValueError, match="same number of steps"):
        pytorch_paths_explorer(short, lr=0.1)
