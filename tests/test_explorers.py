"""Every explorer of ``course_lib.explorers``, headless in plain pytest (real ipympl canvases).

Each explorer comes from its module's ``EXAMPLES`` (as its notebook shows it), so a new explorer
is covered without new test code. For each: every control swept through its range, then joint
extreme states; no exception, no warning, no NaN/inf on a figure or readout without a visible
"diverged" message; and after each change the blitted frame equals a full redraw pixel for pixel.
"""

from __future__ import annotations

import itertools
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers import example_builders
from tools import widget_probe as probe

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py

BUILDERS = example_builders()


@pytest.fixture
def explorer(request):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # ipympl's own toolbar, on every figure it makes (not ours to fix; a notebook hides it)
        warnings.filterwarnings("ignore", "Passing unrecognized arguments to super",
                                DeprecationWarning)
        built = BUILDERS[request.param]()
    built.show_headless()
    yield built
    for fig in built.figures:
        plt.close(fig)


def _problems_after(explorer, set_values, where):
    """Set values (a function), draw what went stale; return problems seen."""
    problems = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            set_values()
            explorer.draw()
        except Exception as exc:  # noqa: BLE001 - reported with the state that raised it
            problems.append(f"{where}: {type(exc).__name__}: {exc}")
    problems += [f"{where}: warning {w.category.__name__}: {w.message}" for w in caught]
    problems += [f"{where}: {p}" for p in probe.nonfinite_in_figures(
        list(enumerate(explorer.figures)), [explorer.readout_widget.value])]
    return problems


def _blit_mismatches(explorer, where):
    """After a change that only blitted, the pixels must equal those of a full redraw."""
    out = []
    for blitter in explorer.blitters:
        fig = blitter.fig
        if fig.stale:  # this change needed a full redraw anyway
            continue
        blitted = np.asarray(fig.canvas.buffer_rgba()).copy()
        fig.canvas.draw()
        full = np.asarray(fig.canvas.buffer_rgba())
        differ = int((blitted != full).any(axis=-1).sum())
        if differ:
            out.append(f"{where}: blitted frame differs from a full redraw in {differ} pixels")
    return out


def test_there_are_explorers_to_test():
    assert BUILDERS, "course_lib.explorers lists no EXAMPLES"


@pytest.mark.parametrize("explorer", sorted(BUILDERS), indirect=True)
def test_every_control_through_its_range(explorer):
    problems = []
    for name, control in explorer.controls.items():
        original = probe.current_value(control)
        for value in probe.values_for(control):
            where = f"{name} = {probe.shown(value)}"
            problems += _problems_after(explorer, lambda: probe.apply(control, value), where)
            problems += _blit_mismatches(explorer, where)
        if original is not None:
            problems += _problems_after(explorer, lambda: probe.apply(control, original),
                                        f"{name} restored")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("explorer", sorted(BUILDERS), indirect=True)
def test_joint_extreme_states(explorer):
    """Every control at one end of its range at once, for each pattern of ends (up to 16)."""
    ranged = {name: probe.extremes_for(c) for name, c in explorer.controls.items()}
    ranged = {name: ends for name, ends in ranged.items() if ends}
    names = sorted(ranged)
    patterns = list(itertools.product((0, 1), repeat=len(names)))
    if len(patterns) > 16:  # all low, all high, and each control alone at the other end
        patterns = ([(0,) * len(names), (1,) * len(names)]
                    + [tuple(int(i == j) for i in range(len(names))) for j in range(len(names))])
    problems = []
    for pattern in patterns:
        state = {n: ranged[n][end] for n, end in zip(names, pattern)}
        where = ", ".join(f"{n} = {probe.shown(v)}" for n, v in state.items())
        problems += _problems_after(
            explorer, lambda: [probe.apply(explorer.controls[n], v) for n, v in state.items()],
            where)
        problems += _blit_mismatches(explorer, where)
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("explorer", sorted(BUILDERS), indirect=True)
def test_update_sets_the_controls_and_the_readout_follows(explorer):
    """``update`` with a control's other end gives the same readout as moving that control."""
    for name, control in explorer.value_controls().items():
        ends = [v for v in probe.extremes_for(control) if not isinstance(v, tuple)
                or v[0] != "__index__"]
        if not ends:
            continue
        probe.apply(control, ends[-1])
        by_hand = explorer.readout
        probe.apply(control, ends[0])
        explorer.update(**{name: ends[-1]})
        assert control.value == ends[-1]
        assert explorer.readout == by_hand, f"{name}: update and a learner's change disagree"
