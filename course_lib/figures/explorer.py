"""``Explorer``: an interactive figure as one object a notebook displays and a test drives.

Every function in ``course_lib.explorers`` builds its figures and controls from explicit data and
keyword settings and returns an ``Explorer``. The explorer owns the wiring every figure needs:

- it observes every control and, when one changes, calls ``render(**values)`` once with the
  current value of every control (by name) and then redraws (blitting where registered);
- ``update(**values)`` sets several controls and renders once, which is what tests, benchmarks and
  the explorer's own buttons use instead of toggling observers by hand;
- ``readout`` is the plain text of what ``render`` returned (the HTML shown under the figure);
- displaying it shows the live widgets in JupyterLab and a PNG of each figure elsewhere.

    def ewa_weights(theta, *, beta=0.98, day=30):
        fig, ax = live_figure()
        (curve,) = ax.plot([], [])
        def render(beta, day):
            curve.set_data(days, ewa(theta, beta))
            return f"<b>β = {beta:.3f}</b> ..."
        controls = {"beta": FloatSlider(value=beta, ...), "day": IntSlider(value=day, ...)}
        return Explorer(controls, render, figures=[fig], blit=[FastRedraw(fig, [curve])],
                        description="...")
"""

from __future__ import annotations

import html
import re
from typing import Callable, Mapping, Sequence

import ipywidgets as widgets

from course_lib import _validate as check
from course_lib.figures._ipympl import act_as_if_front_end_connected, is_ipympl_canvas
from course_lib.figures.blit import FastRedraw
from course_lib.figures.live import show_live

_TAG = re.compile(r"<[^>]+>")


class Explorer:
    """Controls, figures and a ``render`` callback, wired together and displayable.

    Parameters
    ----------
    controls : dict of str -> ipywidgets widget
        The learner's controls by the name ``render`` receives them under. Buttons are kept (tests
        click them) but not observed: wire them with ``on_click`` and call :meth:`update` or
        :meth:`refresh` from the handler.
    render : callable
        ``render(**values) -> str | None``: set the figures' artists for these control values and
        return the readout's HTML (or None for no readout). It must not draw; the explorer does.
    figures : sequence of matplotlib figures
        Made with :func:`course_lib.figures.live.live_figure`.
    blit : sequence of FastRedraw
        The fast redraws of figures whose moving artists are registered; other figures get a full
        redraw when a render marks them stale.
    description : str
        What the figure shows, for readers without a kernel.
    layout : callable, optional
        ``layout(controls, canvases, readout) -> widget``; by default the controls in a row, the
        figures below them and the readout under the figures.
    freeze_layout : bool
        Passed to :func:`show_live`.
    """

    def __init__(self, controls: Mapping[str, widgets.Widget], render: Callable[..., str | None], *,
                 figures: Sequence, blit: Sequence[FastRedraw] = (), description: str,
                 layout: Callable | None = None, freeze_layout: bool = True):
        if not isinstance(controls, Mapping) or not all(
                isinstance(k, str) and isinstance(w, widgets.Widget) for k, w in controls.items()):
            check.fail("controls", "a dict of name -> ipywidgets widget", controls)
        check.function("render", render, what="a function render(**values) -> readout HTML or None")
        if not isinstance(description, str) or not description:
            check.fail("description", "a non-empty string saying what the figure shows", description)
        self.controls = dict(controls)
        self.render = render
        self.figures = list(figures)
        self.blitters = list(blit)
        self.description = description
        self.freeze_layout = check.boolean("freeze_layout", freeze_layout)
        self.readout_widget = widgets.HTML()
        self._paused = False
        for control in self.value_controls().values():
            control.observe(self._on_change, names="value")
        canvases = [fig.canvas for fig in self.figures]
        if layout is None:
            self.widget = widgets.VBox([widgets.HBox(list(self.controls.values()),
                                                     layout=widgets.Layout(flex_flow="row wrap")),
                                        *canvases, self.readout_widget])
        else:
            self.widget = layout(self.controls, canvases, self.readout_widget)
        self.refresh()

    def value_controls(self) -> dict:
        """The controls that have a value (every control except buttons)."""
        return {k: w for k, w in self.controls.items() if isinstance(w, widgets.ValueWidget)}

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {k: w.value for k, w in self.value_controls().items()}

    def update(self, **values) -> None:
        """Set the named controls to ``values`` and render once, as a learner's change would."""
        known = self.value_controls()
        for name in values:
            if name not in known:
                check.fail("update's keyword", f"one of {sorted(known)}", name)
        self._paused = True
        try:
            for name, value in values.items():
                known[name].value = value
        finally:
            self._paused = False
        self.refresh()

    def refresh(self) -> None:
        """Render the current values and redraw what changed."""
        text = self.render(**self.values)
        self.readout_widget.value = text or ""
        self.redraw()

    def redraw(self) -> None:
        """Blit the registered artists; give a full redraw to figures a render made stale."""
        blitted = {id(b.fig) for b in self.blitters}
        for blitter in self.blitters:
            blitter()
        for fig in self.figures:
            if id(fig) not in blitted and fig.stale:
                fig.canvas.draw_idle()

    def draw(self) -> None:
        """Draw every stale figure now (a front end asks for this; tests and benchmarks call it)."""
        for fig in self.figures:
            if fig.stale:
                fig.canvas.draw()

    def show_headless(self) -> None:
        """What displaying does, without a front end: for tests and benchmarks.

        One full draw of every figure, its layout then frozen as :func:`show_live` freezes it, and
        every canvas told a front end is connected (so draws stop encoding PNGs for nobody).
        """
        for fig in self.figures:
            fig.canvas.draw()
            if self.freeze_layout:
                fig.set_layout_engine("none")
            if is_ipympl_canvas(fig.canvas):
                act_as_if_front_end_connected(fig.canvas)

    @property
    def readout(self) -> str:
        """The readout as plain text (tags removed, entities decoded)."""
        text = re.sub(r"<br\s*/?>", "\n", self.readout_widget.value)
        return html.unescape(_TAG.sub("", text)).strip()

    def _on_change(self, change) -> None:
        if not self._paused:
            self.refresh()

    def _ipython_display_(self) -> None:
        show_live(self.widget, *self.figures, description=self.description,
                  freeze_layout=self.freeze_layout)

    def __repr__(self) -> str:
        return f"<Explorer: {self.description}; controls {sorted(self.controls)}>"
