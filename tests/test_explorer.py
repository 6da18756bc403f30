"""``Explorer`` itself: wiring, ``update``, readout, redraws, bad input (real ipympl canvases)."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from tests.test_explorers import _blit_mismatches, _problems_after

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


def _line_explorer(calls, *, register=True):
    fig, ax = live_figure()
    ax.set(xlim=(0, 1), ylim=(-3, 3))
    (line,) = ax.plot([0, 1], [0, 0])

    def render(a, b):
        calls.append((a, b))
        line.set_ydata([a, b])
        return f"<b>a = {a:.1f}</b><br>b = {b:.1f} &amp; done"

    controls = {"a": widgets.FloatSlider(value=0.0, min=-2, max=2),
                "b": widgets.FloatSlider(value=1.0, min=-2, max=2),
                "go": widgets.Button(description="Run")}
    blit = [FastRedraw(fig, [line])] if register else []
    return Explorer(controls, render, figures=[fig], blit=blit, description="a line"), line


def test_renders_once_when_built_and_once_per_change_or_update():
    calls = []
    explorer, line = _line_explorer(calls)
    assert calls == [(0.0, 1.0)], "the default state is drawn before anything moves"
    explorer.controls["a"].value = 1.5
    explorer.update(a=-1.0, b=2.0)
    assert calls == [(0.0, 1.0), (1.5, 1.0), (-1.0, 2.0)], "update renders once, not per control"
    assert explorer.values == {"a": -1.0, "b": 2.0}, "buttons have no value"
    assert list(line.get_ydata()) == [-1.0, 2.0]


def test_readout_is_plain_text_with_line_breaks():
    explorer, _ = _line_explorer([])
    explorer.update(a=1.0)
    assert explorer.readout == "a = 1.0\nb = 1.0 & done"
    assert explorer.readout_widget.value.startswith("<b>a = 1.0</b>")


def test_a_registered_change_is_blitted_and_matches_a_full_redraw():
    explorer, _ = _line_explorer([])
    explorer.show_headless()
    fig = explorer.figures[0]
    before = np.asarray(fig.canvas.buffer_rgba()).copy()
    explorer.update(a=2.0, b=-2.0)
    assert not fig.stale, "a registered artist must not force a full redraw"
    assert (np.asarray(fig.canvas.buffer_rgba()) != before).any(), "the blit changed the picture"
    assert _blit_mismatches(explorer, "moved") == []


def test_the_pixel_comparison_catches_a_change_the_blit_missed():
    """Planted: an image changed in place (no stale flag) is missing from the blitted frame."""
    explorer, _ = _line_explorer([])
    ax = explorer.figures[0].axes[0]
    image = ax.imshow(np.zeros((2, 2)), extent=(0, 1, -3, 3), vmin=0, vmax=1, aspect="auto")
    explorer.show_headless()
    image.get_array()[:] = 1.0  # in place: matplotlib is not told, so nothing is stale
    explorer.update(a=1.0)
    assert _blit_mismatches(explorer, "planted"), "the in-place change must show as a mismatch"


def test_an_unregistered_figure_gets_a_full_redraw():
    explorer, _ = _line_explorer([], register=False)
    explorer.show_headless()
    explorer.update(a=1.0)
    assert explorer.figures[0].stale, "its line changed: a draw is pending"
    explorer.draw()
    assert not explorer.figures[0].stale


def test_show_headless_freezes_the_layout_as_display_does():
    """Whatever the rcParams (the course style turns constrained layout on), no layout is redone."""
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    explorer, _ = _line_explorer([])
    explorer.figures[0].set_layout_engine("constrained")
    explorer.show_headless()
    engine = explorer.figures[0].get_layout_engine()
    assert engine is None or isinstance(engine, PlaceHolderLayoutEngine), engine


def test_the_fuzz_helpers_see_unflagged_nan():
    explorer, line = _line_explorer([])
    explorer.show_headless()
    problems = _problems_after(explorer, lambda: line.set_ydata([0, np.nan]), "planted")
    assert problems and "without a 'diverged' message" in problems[0]


@pytest.mark.parametrize("kwargs, message", [
    ({"controls": ["a"]}, "controls must be a dict of name -> ipywidgets widget"),
    ({"render": 3}, "render must be a function"),
    ({"description": ""}, "description must be a non-empty string"),
])
def test_bad_construction_is_refused(kwargs, message):
    fig, _ = live_figure()
    args = {"controls": {"a": widgets.FloatSlider()}, "render": lambda a: None,
            "description": "d"} | kwargs
    with pytest.raises(ValueError, match=message):
        Explorer(args["controls"], args["render"], figures=[fig], description=args["description"])


def test_update_names_the_unknown_control():
    explorer, _ = _line_explorer([])
    with pytest.raises(ValueError, match=r"update's keyword must be one of \['a', 'b'\], got 'c'"):
        explorer.update(c=1.0)
