"""The dropout explorer of notebook 02 (course_lib/explorers/dropout.py)."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers import dropout as D

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def explorer():
    built = D.EXAMPLES["dropout_expectation_explorer"]()
    built.show_headless()
    yield built
    plt.close(built.figures[0])


@pytest.mark.parametrize("keep_prob", [0.1, 0.5, 1.0])
def test_readout_is_the_bars_and_inverted_dropout_keeps_the_mean(explorer, keep_prob):
    explorer.update(keep_prob=keep_prob)
    mask_pct, inv_pct = (float(x) for x in re.findall(r"<b>([0-9.]+)%</b>",
                                                      explorer.readout_widget.value))
    ax = explorer.figures[0].axes[0]
    groups = [ax.containers[i] for i in range(3)]
    a, mask, inv = ([bar.get_height() for bar in g] for g in groups)
    assert mask_pct == pytest.approx(100 * sum(mask) / sum(a), abs=0.05)
    assert inv_pct == pytest.approx(100 * sum(inv) / sum(a), abs=0.05)
    assert np.allclose(np.array(inv) / a, 1, atol=0.1)          # E[a d / p] = a
    assert np.allclose(np.array(mask) / a, keep_prob, atol=0.05)  # E[a d] = a p


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="keep_prob"):
        D.dropout_expectation_explorer([0.2, 0.5], keep_prob=0.0)
    with pytest.raises(ValueError, match="activations must be 1 to 8 positive numbers"):
        D.dropout_expectation_explorer([0.2, -0.5])
    with pytest.raises(ValueError, match="n_examples"):
        D.dropout_expectation_explorer([0.2], n_examples=0)
