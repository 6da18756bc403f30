"""Loud failure when ipympl changes what ``course_lib/figures/_ipympl.py`` relies on.

Those two private attributes are the only ones the collection touches (requirements.txt pins the
ipympl versions they were verified on). If a release renames them or fixes the bare-base64 first
image, these tests fail with a message saying what to revisit, instead of figures silently
showing a broken image in JupyterLab.
"""

from __future__ import annotations

import pytest

pytest.importorskip("ipympl")
import ipywidgets  # noqa: E402
from ipympl.backend_nbagg import Canvas, new_figure_manager_given_figure  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from course_lib.figures import _ipympl  # noqa: E402
from course_lib.figures.live import show_live  # noqa: E402

REVISIT = ("ipympl changed: revisit course_lib/figures/_ipympl.py and the ipympl pin in "
           "requirements.txt")


def _ipympl_figure():
    fig = Figure()
    fig.add_subplot().plot([0, 1], [1, 0])
    new_figure_manager_given_figure(1, fig)  # attach an ipympl canvas, as %matplotlib widget does
    return fig


def test_the_private_attributes_still_exist():
    assert "_data_url" in Canvas.class_traits(), REVISIT
    assert Canvas.class_traits()["_data_url"].metadata.get("sync"), REVISIT
    fig = _ipympl_figure()
    assert fig.canvas.syncing_data_url is True, REVISIT + " (no front end: it should sync)"
    assert _ipympl.is_ipympl_canvas(fig.canvas)
    assert not _ipympl.is_ipympl_canvas(ipywidgets.VBox())


def test_a_draw_before_display_still_leaves_a_bare_base64_first_image():
    """The bug worked around: if this fails, ipympl fixed it and the workaround may go."""
    fig = _ipympl_figure()
    fig.canvas.draw()  # an update run before display
    assert fig.canvas._data_url and not fig.canvas._data_url.startswith("data:"), REVISIT


def test_show_live_gives_the_canvas_a_valid_first_image_and_stops_syncing(capsys):
    fig = _ipympl_figure()
    fig.canvas.draw()
    show_live(ipywidgets.VBox([fig.canvas]), fig)
    assert fig.canvas._data_url.startswith("data:image/png;base64,iVBOR")
    assert not fig.canvas.syncing_data_url
    fig.canvas.draw()  # after the hand-over a draw no longer re-encodes the picture
    assert fig.canvas._data_url.startswith("data:image/png;base64,iVBOR"), REVISIT
