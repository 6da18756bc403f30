"""The explorers of notebook 12's training runs (course_lib/explorers/batchnorm.py).

The example data is the notebook's (its printed final costs), the readouts give the numbers the
figures draw, and the figures show what the notebook claims: the normalized unit moves far less.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers import batchnorm
from course_lib.explorers._bn_lesson import LEARNING_RATES, lesson_data

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def runs():
    return lesson_data()["runs"]


def test_the_examples_use_the_notebooks_runs(runs):
    # notebook 12, cell "trained 12 networks": the final costs it prints
    printed = {False: [0.382, 0.253, 0.209, 0.114, 0.062, 0.693],
               True: [0.268, 0.141, 0.062, 0.043, 0.047, 0.054]}
    for bn, finals in printed.items():
        assert [round(float(runs[lr, bn]["costs"][-1]), 3) for lr in LEARNING_RATES] == finals


def test_shift_readout_and_histograms_are_the_runs(runs):
    explorer = batchnorm.EXAMPLES["shift_explorer"]()
    fig = explorer.figures[0]
    for epoch, lr in ((150, 0.3), (0, 0.01), (75, 3.0)):
        explorer.update(epoch=epoch, lr=lr)
        for ax, bn in zip(fig.axes[:2], (False, True)):
            current = [p for p in ax.patches if p.get_label() == "current epoch"][0]
            assert np.allclose(current.get_data().values, runs[lr, bn]["counts"][epoch])
        track_plain = fig.axes[2].lines[0]
        assert np.allclose(track_plain.get_ydata(), np.clip(runs[lr, False]["means"], -5, 5))
        text = explorer.readout
        assert f"α = {lr:g}, epoch {epoch}" in text
        mean = runs[lr, True]["means"][epoch]
        assert f"with BN: mean {batchnorm._big(mean)}" in text
    plt.close(fig)


def test_shift_shows_the_normalized_unit_moving_less(runs):
    explorer = batchnorm.shift_explorer(runs, epoch=150, lr=0.3)
    moved = [float(part.split("moved ")[1].split(" ")[0]) for part in explorer.readout.split(";")]
    assert moved[0] > 3 * moved[1], "at α = 0.3 the plain unit has moved 4 times as far by epoch 150"
    plt.close(explorer.figures[0])


def test_cost_readout_is_the_circled_final_costs(runs):
    explorer = batchnorm.EXAMPLES["cost_explorer"]()
    ax_curve, ax_final = explorer.figures[0].axes[:2]
    for lr in LEARNING_RATES:
        explorer.update(lr=lr)
        chosen = ax_final.lines[-1]
        finals = [runs[lr, False]["costs"][-1], runs[lr, True]["costs"][-1]]
        assert np.allclose(chosen.get_ydata(), finals) and np.allclose(chosen.get_xdata(), lr)
        assert np.allclose(ax_curve.lines[1].get_ydata(), np.clip(runs[lr, True]["costs"], 1e-3, 1e3))
        assert (f"without BN: final cost {finals[0]:.3f}" in explorer.readout
                and f"with BN: final cost {finals[1]:.3f}" in explorer.readout)
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("call, match", [
    (lambda r: batchnorm.shift_explorer(r, epoch=151), "epoch must be an integer in \\[0, 150\\], got 151"),
    (lambda r: batchnorm.shift_explorer(r, lr=0.5), "lr must be one of \\[0.01, 0.03"),
    (lambda r: batchnorm.shift_explorer({(0.1, False): r[0.1, False]}), "runs must be a run with"),
    (lambda r: batchnorm.shift_explorer(r, bins=np.linspace(-5, 5, 11)), "counts'\\] must be an array of shape"),
    (lambda r: batchnorm.cost_explorer([]), "runs must be a dict"),
    (lambda r: batchnorm.cost_explorer(r, lr=2.0), "lr must be one of"),
])
def test_bad_arguments_name_themselves(runs, call, match):
    with pytest.raises(ValueError, match=match):
        call(runs)
