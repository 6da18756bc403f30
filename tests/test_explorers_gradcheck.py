"""The gradient-checking explorers of notebook 05: readouts match the plotted data, bad input."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import gradcheck, network
from course_lib.explorers.gradcheck import (BUGS, EXAMPLES, difference_errors, epsilon_explorer,
                                            planted_bug_backward, planted_bug_explorer,
                                            _example_problem)

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def bug_explorer():
    built = EXAMPLES["planted_bug_explorer"]()
    yield built
    plt.close(built.figures[0])


def _dots(explorer):
    ax = explorer.figures[0].axes[0]
    return [ln for ln in ax.lines if ln.get_marker() in ("s", "o")]


@pytest.mark.parametrize("eps", [1e-16, 1e-7, 1e-5, 1e-2, 1e-1])
def test_epsilon_dots_and_readout_are_the_difference_quotients(eps):
    explorer = epsilon_explorer(eps=1e-2)
    explorer.update(eps=eps)
    dot_one, dot_two = _dots(explorer)
    one = gradcheck.one_sided_gradient(lambda v: v[0] ** 3, np.array([1.0]), eps=eps)[0]
    two = gradcheck.numerical_gradient(lambda v: v[0] ** 3, np.array([1.0]), eps=eps)[0]
    assert dot_one.get_xdata()[0] == eps and dot_two.get_xdata()[0] == eps
    assert dot_one.get_ydata()[0] == max(abs(one - 3), 1e-18)
    assert dot_two.get_ydata()[0] == max(abs(two - 3), 1e-18)
    assert f"one-sided {one:.12f} (error {abs(one - 3):.1e})" in explorer.readout
    assert f"two-sided {two:.12f} (error {abs(two - 3):.1e})" in explorer.readout
    plt.close(explorer.figures[0])


def test_the_curves_show_what_the_notebook_reads_from_them():
    """Truncation at large eps (3 eps and eps^2), the two-sided curve lowest near 1e-5."""
    err_one, err_two = difference_errors(1e-2)[:2]
    assert err_one == pytest.approx(3e-2, rel=0.02) and err_two == pytest.approx(1e-4, rel=1e-6)
    explorer = epsilon_explorer()
    one_line, two_line = explorer.figures[0].axes[0].lines[:2]
    grid, two = two_line.get_xdata(), two_line.get_ydata()
    assert 1e-7 <= grid[np.argmin(two)] <= 1e-4
    assert two.min() < 1e-10 < one_line.get_ydata().min()
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("eps, match", [(0.5, r"eps must be a number in \[1e-16, 0.1\], got 0.5"),
                                        (0.0, r"eps must be a number in \[1e-16, 0.1\]")])
def test_epsilon_explorer_refuses_bad_eps(eps, match):
    with pytest.raises(ValueError, match=match):
        epsilon_explorer(eps=eps)


def test_no_bug_is_course_libs_backward_pass():
    params, X, Y = _example_problem()
    cost, grads = planted_bug_backward(params, X, Y, lambd=0.7)
    cost_ref, grads_ref = network.cost_and_grads(params, X, Y, training=True, lambd=0.7,
                                                 activation="tanh")
    assert cost == pytest.approx(cost_ref, rel=1e-12)
    assert all(np.allclose(grads[k], grads_ref[k], rtol=1e-12, atol=0) for k in grads_ref)


@pytest.mark.parametrize("bug", BUGS)
def test_bars_and_readout_are_the_gradient_check_of_that_bug(bug_explorer, bug):
    bug_explorer.update(bug=bug)
    params, X, Y = _example_problem()
    diff, rows = gradcheck.check_network_gradients(
        params, X, Y, cost_and_grads=lambda p, x, y: planted_bug_backward(p, x, y, lambd=0.7,
                                                                          bug=bug))
    drawn = np.concatenate([s.get_data().values for s in bug_explorer.figures[0].axes[0].patches
                            if s.get_label() in params])
    np.testing.assert_allclose(drawn, np.maximum([r[4] for r in rows], 1e-16), rtol=1e-12)
    assert bug_explorer.readout.startswith(f"difference {diff:.1e}: ")
    verdict = "great" if diff <= 1e-7 else "probably a bug"
    assert f": {verdict};" in bug_explorer.readout


def test_the_worst_block_is_where_the_bug_is(bug_explorer):
    """What the figure shows: the bug stands out in its block (L2 in W3, db1 in b1)."""
    for bug, block in ((BUGS[1], "W3"), (BUGS[3], "b1")):
        bug_explorer.update(bug=bug)
        assert re.search(rf"largest block difference in {block} \(", bug_explorer.readout)
    bug_explorer.update(bug="no bug")
    assert "great" in bug_explorer.readout
    assert bug_explorer.results["no bug"][1].max() < 1e-8


@pytest.mark.parametrize("change, match", [
    ({"bug": "layer 4: nothing"}, r"bug must be one of \["),
    ({"lambd": -1.0}, "lambd must be a number >= 0, got -1.0"),
    ({"Y": np.zeros((1, 3))}, r"Y must have shape \(1, 10\)"),
    ({"params": {"W1": np.zeros((5, 3))}}, "params must be a dict with W1, b1, W2, b2, W3, b3"),
])
def test_planted_bug_explorer_refuses_bad_input(change, match):
    params, X, Y = _example_problem()
    args = {"params": params, "X": X, "Y": Y, **change}
    kwargs = {k: v for k, v in args.items() if k not in ("params", "X", "Y")}
    with pytest.raises(ValueError, match=match):
        planted_bug_explorer(args["params"], args["X"], args["Y"], **kwargs)
