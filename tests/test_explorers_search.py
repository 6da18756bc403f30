"""The explorers of notebook 11's searches on paper (course_lib/explorers/search.py).

Their readouts say what the figure shows (the counted distinct values, the share per bar),
computed with course_lib.hparams; bad arguments fail naming the argument.
"""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.explorers import search
from course_lib.hparams import grid_design, random_design

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py

RANGES = {"alpha": (1e-4, 1.0), "epsilon": (1e-10, 1e-6)}
SCALES = {"alpha": "log", "epsilon": "log"}


def test_design_readout_counts_what_is_plotted(close):
    explorer = search.EXAMPLES["design_explorer"]()
    close(explorer)
    for per_axis, seed in ((5, 1), (7, 1), (3, 26)):
        explorer.update(per_axis=per_axis, seed=seed)
        grid = grid_design(RANGES, per_axis, scales=SCALES)
        rand = random_design(RANGES, per_axis**2, np.random.default_rng(seed), scales=SCALES)
        ax_2d, ax_1d = explorer.figures[0].axes[:2]
        grid_dots, rand_dots = ax_2d.lines[:2]
        assert np.allclose(grid_dots.get_xdata(), np.log10(grid["alpha"]))
        assert np.allclose(rand_dots.get_ydata(), np.log10(rand["epsilon"]))
        assert len(ax_1d.lines[1].get_xdata()) == per_axis**2
        text = explorer.readout
        assert f"budget {per_axis ** 2}: grid tries {per_axis} distinct α" in text
        assert f"random tries {per_axis ** 2}" in text
        assert f"random {search._dev_error(**rand).min():.4f}" in text


def test_design_counts_a_third_hyperparameter_in_the_budget(close):
    ranges = {**RANGES, "gamma": (0.0, 1.0)}
    explorer = search.design_explorer(search._dev_error, ranges, scales=SCALES, per_axis=3)
    close(explorer)
    assert "budget 27: grid tries 3 distinct α, random tries 27" in explorer.readout


def test_sampling_readout_is_the_share_in_the_last_four_bars(close):
    alpha, beta = search._lesson_samples(n=2000)
    explorer = search.sampling_explorer(alpha, beta)
    close(explorer)
    bars = explorer.figures[0].axes[0].patches
    for which, scale in (("alpha", "uniform"), ("alpha", "log"), ("beta", "log")):
        explorer.update(which=which, scale=scale)
        heights = np.array([b.get_height() for b in bars])
        assert np.isclose(heights.sum(), 1.0)
        shown = float(explorer.readout.split("sampling: ")[1].split("%")[0]) / 100
        assert abs(shown - heights[-4:].sum()) < 0.0006
    explorer.update(which="alpha", scale="uniform")
    assert float(explorer.readout.split("sampling: ")[1].split("%")[0]) > 85, "90% in [0.1, 1]"


@pytest.mark.parametrize("call, match", [
    (lambda: search.design_explorer(search._dev_error, RANGES, scales=SCALES, per_axis=9),
     "per_axis must be an integer in \\[2, 7\\], got 9"),
    (lambda: search.design_explorer("f", RANGES), "dev_error must be a function"),
    (lambda: search.design_explorer(search._dev_error, {"alpha": (1e-4, 1.0)}), "ranges must be"),
    (lambda: search.sampling_explorer({"uniform": [0.5]}, {"uniform": [0.95], "log": [0.95]}),
     "alpha must be a dict"),
    (lambda: search.sampling_explorer({"uniform": [0.5], "log": [2.0]},
                                      {"uniform": [0.95], "log": [0.95]}),
     "alpha\\['log'\\] must hold samples in \\[0.0001, 1\\]"),
])
def test_bad_arguments_name_themselves(call, match):
    with pytest.raises(ValueError, match=match):
        call()
