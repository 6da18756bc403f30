"""The shared figure helpers do what the notebooks rely on (Agg backend, no front end)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib import plotting  # noqa: E402


@pytest.fixture
def fig_ax():
    plotting.use_course_style()
    fig, ax = plotting.live_figure()
    yield fig, ax
    plt.close(fig)


def _pixels(fig):
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_fast_redraw_updates_pixels_without_marking_the_figure_stale(fig_ax):
    fig, ax = fig_ax
    ax.set(xlim=(0, 1), ylim=(0, 1))
    (line,) = ax.plot([0, 1], [0, 0])
    redraw = plotting.FastRedraw(fig, [line])
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
    plotting.set_status(ax, "diverged: cost became inf")
    plotting.set_status(ax, "diverged: again")
    texts = [t for t in ax.texts if t.get_gid() == "course-status"]
    assert len(texts) == 1 and texts[0].get_text() == "diverged: again" and texts[0].get_visible()
    plotting.set_status(ax, "")
    assert not texts[0].get_visible()


def test_finite_or_none_cuts_before_the_first_bad_point():
    path = np.array([[0.0, 1.0], [2.0, 3.0], [np.inf, 0.0], [1.0, 1.0]])
    prefix, first = plotting.finite_or_none(path)
    assert first == 2 and prefix.shape == (2, 2)
    assert plotting.finite_or_none(np.ones((3, 2)))[1] is None
    assert plotting.finite_or_none(np.array([[1.0], [1e13]]))[1] == 1, "huge values count as divergence"


def test_relabelled_yaxis_labels_match_the_requested_top(fig_ax):
    fig, ax = fig_ax
    set_top, artists = plotting.relabelled_yaxis(ax, ylabel="rate", widest="0.000")
    set_top(0.2)
    shown = [(t.get_text(), round(t.get_position()[1], 6)) for t in artists
             if hasattr(t, "get_text") and t.get_visible()]
    assert shown[0] == ("0.00", 0.0) and shown[-1][1] <= 1.0
    assert all(abs(float(text) / 0.2 - y) < 1e-9 for text, y in shown), shown
    assert ax.get_ylim() == (0.0, 1.0)


# ipympl's toolbar passes traitlets an argument it deprecates; nothing of ours.
@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments:DeprecationWarning")
def test_show_live_gives_an_ipympl_canvas_a_valid_first_image(capsys):
    ipywidgets = pytest.importorskip("ipywidgets")
    from ipympl.backend_nbagg import new_figure_manager_given_figure
    from matplotlib.figure import Figure

    fig = Figure()
    fig.add_subplot().plot([0, 1], [1, 0])
    new_figure_manager_given_figure(1, fig)  # attach an ipympl canvas, as %matplotlib widget does
    fig.canvas.draw()  # a callback run before display
    assert not fig.canvas._data_url.startswith("data:"), "ipympl's bare base64 (worked around)"
    plotting.show_live(ipywidgets.VBox([fig.canvas]), fig)
    assert fig.canvas._data_url.startswith("data:image/png;base64,iVBOR")
    assert not fig.canvas.syncing_data_url
