"""The shared figure machinery (course_lib.figures) does what the explorers rely on (Agg, no front end)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib.divergence import finite_prefix  # noqa: E402
from course_lib.figures import blit, live, style  # noqa: E402


@pytest.fixture
def fig_ax():
    style.use_course_style()
    fig, ax = live.live_figure()
    yield fig, ax
    plt.close(fig)


def _pixels(fig):
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_fast_redraw_updates_pixels_without_marking_the_figure_stale(fig_ax):
    fig, ax = fig_ax
    ax.set(xlim=(0, 1), ylim=(0, 1))
    (line,) = ax.plot([0, 1], [0, 0])
    redraw = blit.FastRedraw(fig, [line])
    fig.canvas.draw()
    before = _pixels(fig)
    line.set_ydata([1, 1])
    assert not fig.stale, "a registered artist must not force a full redraw"
    redraw()
    after = _pixels(fig)
    assert (before != after).any(), "the blit must change the picture"
    fig.canvas.draw()  # a full redraw gives the same picture as the blit
    np.testing.assert_array_equal(_pixels(fig), after)


def test_status_text_is_one_artist_hidden_when_empty(fig_ax):
    _, ax = fig_ax
    blit.set_status(ax, "diverged: cost became inf")
    blit.set_status(ax, "diverged: again")
    texts = [t for t in ax.texts if t.get_gid() == "course-status"]
    assert len(texts) == 1 and texts[0].get_text() == "diverged: again" and texts[0].get_visible()
    blit.set_status(ax, "")
    assert not texts[0].get_visible()


def test_finite_prefix_cuts_before_the_first_bad_point():
    path = np.array([[0.0, 1.0], [2.0, 3.0], [np.inf, 0.0], [1.0, 1.0]])
    prefix, first = finite_prefix(path)
    assert first == 2 and prefix.shape == (2, 2)
    assert finite_prefix(np.ones((3, 2)))[1] is None
    assert finite_prefix(np.array([[1.0], [1e13]]))[1] == 1, "huge values count as divergence"


def test_relabelled_yaxis_labels_match_the_requested_top(fig_ax):
    fig, ax = fig_ax
    set_top, artists = blit.relabelled_yaxis(ax, ylabel="rate", widest="0.000")
    set_top(0.2)
    shown = [(t.get_text(), round(t.get_position()[1], 6)) for t in artists
             if hasattr(t, "get_text") and t.get_visible()]
    assert shown[0] == ("0.00", 0.0) and shown[-1][1] <= 1.0
    assert all(abs(float(text) / 0.2 - y) < 1e-9 for text, y in shown), shown
    assert ax.get_ylim() == (0.0, 1.0)
