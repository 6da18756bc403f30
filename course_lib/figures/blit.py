"""Fast redraws for sliders: blitting, y tick labels a slider may change, status messages.

- :class:`FastRedraw` redraws only the artists a callback changes, over a cached background;
  :class:`FrameCache` also keeps the finished frame of each of a few discrete states, and
  :class:`SkipUnchanged` sends no frame when a change leaves the picture as it was.
- :func:`relabelled_yaxis` draws y tick labels as artists, for axes whose range a slider changes.
- :func:`set_status` writes a readable message (e.g. "diverged") on an axes, replacing the last one;
  :func:`status_text` is the text artist it writes to, for registering with FastRedraw.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

from course_lib import _validate as check
from course_lib.figures.style import PALETTE


class FastRedraw:
    """Redraw only the artists a callback changes, over a cached picture of everything else.

    A full redraw re-renders every tick label, title and legend: 60-100 ms on a 2-core machine,
    over the 50 ms a slider may take. Register the artists the callback changes (lines, images,
    readout texts); they are marked *animated*, so changing them does not mark the figure stale.
    Each full draw caches the static background; calling the instance then restores it, draws
    the registered artists and blits, which is a few milliseconds.

        redraw = FastRedraw(fig, [path_line, cost_line, readout_text])
        def update(change=None):
            path_line.set_data(...)
            redraw()                      # instead of fig.canvas.draw_idle()

    Anything else the callback changes (axis limits, titles, ``set_status``) marks the figure
    stale as usual and gets a full redraw, which also refreshes the cached background.
    Do not register legends (drawing one marks its axes stale, so every update would become a full
    redraw): they stay in the cached background, so place them clear of the moving artists.
    """

    def __init__(self, fig, artists):
        self.fig = fig
        self.artists = list(artists)
        self._background = None
        for artist in self.artists:
            artist.set_animated(True)
        fig.canvas.mpl_connect("draw_event", self._on_draw)

    def _on_draw(self, event):
        canvas = self.fig.canvas
        if canvas.is_saving():  # savefig draws animated artists too: not a clean background
            return
        self._background = canvas.copy_from_bbox(self.fig.bbox)
        self._draw_artists()

    def _draw_artists(self):
        for artist in self.artists:
            self.fig.draw_artist(artist)

    def __call__(self) -> None:
        canvas = self.fig.canvas
        if self.fig.stale:          # something static changed: the full redraw includes ours
            canvas.draw_idle()
        elif self._background is None:
            canvas.draw()           # nothing cached yet (first update without a front end)
        else:
            canvas.restore_region(self._background)
            self._draw_artists()
            canvas.blit(self.fig.bbox)


class FrameCache(FastRedraw):
    """FastRedraw that keeps the frame of each state it drew (for a few discrete states).

    Set ``key`` (a hashable state) before each call: the frame with ``artists`` drawn for that
    state is kept, and a state drawn before is restored as pixels instead of drawing them again.
    ``moving`` artists change within a state (e.g. a path as α moves over one case's contours):
    they are drawn over the kept frame on every call. A full redraw (new background) forgets
    every frame.
    """

    def __init__(self, fig, artists, *, moving=()):
        self.cached, self.moving = list(artists), list(moving)
        super().__init__(fig, [*self.cached, *self.moving])
        self.key, self._frames = None, {}

    def _on_draw(self, event):
        self._frames.clear()
        super()._on_draw(event)

    def __call__(self) -> None:
        canvas = self.fig.canvas
        if self.fig.stale or self._background is None or self.key is None:
            return super().__call__()
        frame = self._frames.get(self.key)
        if frame is None:
            canvas.restore_region(self._background)
            for artist in self.cached:
                self.fig.draw_artist(artist)
            self._frames[self.key] = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(frame)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        canvas.blit(self.fig.bbox)


class SkipUnchanged(FastRedraw):
    """FastRedraw that skips the frame when the picture is unchanged (``key`` is the same)."""

    def __init__(self, fig, artists):
        super().__init__(fig, artists)
        self.key, self._shown = None, object()

    def _on_draw(self, event):
        self._shown = self.key
        super()._on_draw(event)

    def __call__(self) -> None:
        if self.fig.stale or self._background is None or self.key != self._shown:
            self._shown = self.key
            super().__call__()


def relabelled_yaxis(ax, *, ylabel, widest, nbins=4, grid=False):
    """Fix the y limits of ax at (0, 1) and draw its tick labels as artists a callback may change.

    Plot the data divided by ``top`` and call ``set_top(top)``: the same picture as
    ``ax.set_ylim(0, top)``, but nothing static changes, so FastRedraw can blit it (register the
    returned artists). ``widest`` is the widest tick label to leave room for.
    """
    nbins = check.integer("nbins", nbins, low=1)
    grid = check.boolean("grid", grid)
    rc, fig = mpl.rcParams, ax.figure
    size, pad, fontsize = rc["ytick.major.size"], rc["ytick.major.pad"], rc["ytick.labelsize"]
    sample = ax.text(0, 0, widest, fontsize=fontsize)
    width = sample.get_window_extent(fig.canvas.get_renderer()).width * 72 / fig.dpi
    sample.remove()
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.set_ylabel(ylabel, labelpad=size + pad + width + rc["axes.labelpad"])
    to_left = ax.get_yaxis_transform() + mpl.transforms.ScaledTranslation(-(size + pad) / 72, 0,
                                                                          fig.dpi_scale_trans)
    labels = [ax.text(0, 0, "", transform=to_left, ha="right", va="center", fontsize=fontsize,
                      visible=False) for _ in range(nbins + 2)]
    (marks,) = ax.plot([], [], transform=ax.get_yaxis_transform(), linestyle="none", clip_on=False,
                       marker=mpl.markers.TICKLEFT, markersize=size,
                       markeredgewidth=rc["ytick.major.width"], color=rc["ytick.color"])
    lines = mpl.collections.LineCollection([], transform=ax.get_yaxis_transform(), visible=grid,
                                           colors=rc["grid.color"], alpha=rc["grid.alpha"],
                                           linewidths=rc["grid.linewidth"], zorder=0.5)
    ax.add_collection(lines, autolim=False)
    locator = mpl.ticker.MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10])

    def set_top(top):
        ticks = np.array([v for v in locator.tick_values(0, top) if 0 <= v <= top * (1 + 1e-9)])
        step = ticks[1] - ticks[0]
        decimals = max(0, -int(np.floor(np.log10(step) + 1e-9)))
        decimals += not np.isclose(round(step, decimals), step)
        for i, label in enumerate(labels):
            label.set_visible(i < len(ticks))
            if i < len(ticks):
                label.set_y(ticks[i] / top)
                label.set_text(f"{ticks[i]:.{decimals}f}")
        marks.set_data(np.zeros(len(ticks)), ticks / top)
        lines.set_segments([[(0, y), (1, y)] for y in ticks / top])

    return set_top, labels + [marks, lines]


def status_text(ax, *, color: str = PALETTE["vermillion"]):
    """The status text of ``ax`` (top left, hidden while empty), created on first use.

    Register it with :class:`FastRedraw` when a callback may change it, so a new message does not
    force a full redraw.
    """
    for text in ax.texts:
        if text.get_gid() == "course-status":
            return text
    return ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", ha="left", color=color,
                   fontsize=10, fontweight="bold", gid="course-status", visible=False, zorder=10,
                   bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": color})


def set_status(ax, message: str) -> None:
    """Show ``message`` in the top-left of ``ax``, replacing any earlier status ("" hides it).

    Use it for divergence: ``set_status(ax, "diverged: cost became inf at step 12")``. The widget
    fuzz test accepts non-finite numbers only where such a message mentions "diverged".
    """
    if not isinstance(message, str):
        check.fail("message", 'a string ("" hides the status)', message)
    text = status_text(ax)
    if text.get_text() != message:
        text.set_text(message)
        text.set_visible(bool(message))
