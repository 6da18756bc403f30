"""The explorers of notebook 10's first half (course_lib/explorers/landscape.py).

The bars and the readout are the counts they come from; the 3-D figure has one 3-D axes per
surface; bad arguments are named.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers.landscape import critical_points_explorer, surfaces_3d_explorer
from course_lib.surfaces import plateau, saddle

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


def _shown(explorer):
    explorer.show_headless()
    return explorer


def test_critical_point_bars_are_the_counts():
    rng = np.random.default_rng(2)
    negatives = {n: rng.integers(0, n + 1, size=200) for n in (1, 2, 3)}
    negatives[1][:] = 0  # every 1-D sample a minimum
    explorer = _shown(critical_points_explorer(negatives, n=2))
    bars = explorer.figures[0].axes[1].patches[0]
    counts = np.bincount(negatives[2], minlength=4)[:4] / 200
    assert np.allclose(bars.get_data().values, counts)
    assert f"minima (0 directions down) {counts[0]:.4f}" in explorer.readout
    assert f"saddle points {1 - counts[0] - counts[2]:.4f}" in explorer.readout
    explorer.update(n=1)
    assert "minima (0 directions down) 1.0000" in explorer.readout
    plt.close(explorer.figures[0])


def test_surfaces_3d_has_one_3d_axes_per_surface():
    explorer = _shown(surfaces_3d_explorer([saddle(), plateau()], ["a", "b"]))
    assert [ax.name for ax in explorer.figures[0].axes] == ["3d", "3d"]
    assert [ax.get_title() for ax in explorer.figures[0].axes] == ["a", "b"]
    plt.close(explorer.figures[0])


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="titles must be one title per surface"):
        surfaces_3d_explorer([saddle()], ["a", "b"])
    with pytest.raises(ValueError, match="n must be one of the dimensions"):
        critical_points_explorer({1: np.zeros(5), 2: np.zeros(5)}, n=3)
    with pytest.raises(ValueError, match="negatives must be a dict"):
        critical_points_explorer([np.zeros(5)])
