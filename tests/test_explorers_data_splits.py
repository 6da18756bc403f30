"""The split explorer of notebook 01: the marked points and the readout are course_lib's sizes."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.diagnosis import split_sizes, standard_error
from course_lib.explorers.data_splits import RULES, split_explorer

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


def _markers(fig):
    """(dev-size marker, standard-error marker) of each rule: the one-point lines, in order."""
    ax_n, ax_se = fig.axes
    points = lambda ax: [ln for ln in ax.lines if len(ln.get_xdata()) == 1]  # noqa: E731
    return list(zip(points(ax_n), points(ax_se)))


@pytest.mark.parametrize("m", [100, 1_000, 123_456, 1e6, 1e7])
def test_markers_and_readout_are_the_rules_dev_sizes_and_standard_errors(m):
    explorer = split_explorer(RULES, m=1e6, error=0.10)
    explorer.update(m=m)
    n = int(round(m))
    assert explorer.readout.startswith(f"m = {n:,}: ")
    for (name, fractions), (pt_n, pt_se) in zip(RULES.items(), _markers(explorer.figures[0])):
        n_dev = split_sizes(n, fractions)[1]
        se = 100 * standard_error(0.10, max(n_dev, 1))
        assert pt_n.get_xdata()[0] == pytest.approx(np.log10(n))
        assert pt_n.get_ydata()[0] == pytest.approx(np.log10(max(n_dev, 1)))
        assert pt_se.get_ydata()[0] == pytest.approx(np.log10(se))
        assert f"{name}: dev {n_dev:,} (± {se:.2f} points)" in explorer.readout
    plt.close(explorer.figures[0])


def test_the_lesson_numbers_at_a_million():
    explorer = split_explorer(m=1e6)
    # 98/1/1 of a million: 10,000 dev examples pin a 10% error down to 0.30 points
    assert "98/1/1: dev 10,000 (± 0.30 points)" in explorer.readout
    assert "60/20/20: dev 200,000" in explorer.readout
    plt.close(explorer.figures[0])


def test_99_5_rule_at_100_examples_has_no_dev_example_and_plots_it_as_one():
    explorer = split_explorer(m=100)
    assert "99.5/0.25/0.25: dev 0 (" in explorer.readout
    assert np.isfinite([ln.get_ydata()[0] for pair in _markers(explorer.figures[0])
                        for ln in pair]).all()
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("kwargs, message", [
    ({"m": 50}, r"m must be a number in \[100, 1e\+07\], got 50 \(int\)"),
    ({"error": 0.0}, r"error must be a number in \(0, 1\)"),
    ({"rules": {"bad": (0.5, 0.5, 0.5)}}, r"fractions must be three numbers >= 0 summing to 1"),
    ({"rules": {}}, r"rules must be a dict of 1 to 7"),
])
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        split_explorer(**kwargs)


def test_the_title_names_the_error_rate():
    explorer = split_explorer(error=0.05)
    assert re.search(r"Precision of a dev error of 5%", explorer.figures[0].axes[1].get_title())
    plt.close(explorer.figures[0])
