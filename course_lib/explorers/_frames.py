"""Two FastRedraw variants for explorers whose pictures take few distinct states (notebook 01).

- :class:`FrameCache` keeps the finished frame of each state and restores it as pixels.
- :class:`SkipUnchanged` sends no frame when a change leaves the picture as it was.

Both only skip drawing work that would give the same pixels, so a blitted frame still equals a
full redraw. (They belong beside FastRedraw in ``course_lib/figures/blit.py``.)
"""

from __future__ import annotations

from course_lib.figures.blit import FastRedraw


class FrameCache(FastRedraw):
    """FastRedraw that keeps the finished frame of each state it drew (for discrete states).

    Set ``key`` (a hashable state) before each call: a state drawn before is restored as pixels,
    without drawing its artists again. A full redraw (new background) forgets every frame.
    """

    def __init__(self, fig, artists):
        super().__init__(fig, artists)
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
            self._draw_artists()
            self._frames[self.key] = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(frame)
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
