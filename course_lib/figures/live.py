"""Live figures for widget layouts, displayed so that a page without a kernel still shows them.

- :func:`live_figure` makes a figure for a widget layout without displaying it twice.
- :func:`show_live` displays a layout of controls and figures: JupyterLab shows the live widgets,
  a page without a kernel (GitHub, nbviewer) shows a PNG of each figure.
"""

from __future__ import annotations

import base64
import io

import matplotlib.pyplot as plt

from course_lib import _validate as check
from course_lib.figures._ipympl import hand_over_to_front_end, is_ipympl_canvas


def live_figure(nrows: int = 1, ncols: int = 1, *, figsize=None, **subplot_kw):
    """Create ``(fig, axes)`` for a widget layout without displaying the figure on its own.

    With the ipympl backend a figure made outside ``plt.ioff()`` would appear twice: once by
    itself and once inside the layout. The canvas's own header and footer are hidden so the
    layout shows only the plot.
    """
    nrows, ncols = check.integer("nrows", nrows, low=1), check.integer("ncols", ncols, low=1)
    with plt.ioff():
        fig, axes = plt.subplots(nrows, ncols, figsize=figsize, **subplot_kw)
    canvas = fig.canvas
    for name, value in (("header_visible", False), ("footer_visible", False),
                        ("toolbar_visible", "fade-in-fade-out"), ("resizable", False)):
        if hasattr(canvas, name):
            setattr(canvas, name, value)
    return fig, axes


def png_base64(fig) -> str:
    """The figure as a base64-encoded PNG."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def show_live(layout, *figures, description: str = "Interactive figure",
              freeze_layout: bool = True) -> None:
    """Display ``layout`` (a widget box holding controls and figure canvases) with a static fallback.

    JupyterLab renders the live widgets. A reader without a kernel (GitHub, nbviewer) sees a PNG
    snapshot of each figure in ``figures`` instead, plus ``description`` as plain text.

    With ``freeze_layout`` the constrained layout computed for the snapshot is kept for every later
    redraw: recomputing it on each slider move costs more than drawing the plot itself. Pass
    ``False`` for a figure whose tick labels or titles change width a lot as controls move.
    """
    if not isinstance(description, str):
        check.fail("description", "a string saying what the figure shows", description)
    freeze_layout = check.boolean("freeze_layout", freeze_layout)
    from IPython.display import display

    bundle = {"text/plain": f"{description} (run the notebook to use the controls)"}
    model_id = getattr(layout, "model_id", None)
    if model_id is not None:
        bundle["application/vnd.jupyter.widget-view+json"] = {
            "version_major": 2, "version_minor": 0, "model_id": model_id,
        }
    pngs = {id(f): png_base64(f) for f in figures}
    if figures:
        images = "".join(f"<img src='data:image/png;base64,{pngs[id(f)]}'/>" for f in figures)
        bundle["text/html"] = f"<div>{images}</div>"
        bundle["image/png"] = pngs[id(figures[0])]
    for fig in {id(c.figure): c.figure for c in _canvases(layout, figures)}.values():
        hand_over_to_front_end(fig.canvas, pngs.get(id(fig)) or png_base64(fig))
    if freeze_layout:
        for fig in figures:
            fig.set_layout_engine("none")
    display(bundle, raw=True)


def _canvases(layout, figures):
    """Every ipympl canvas in the widget tree ``layout`` and of ``figures``."""
    found, stack = [f.canvas for f in figures], [layout]
    while stack:
        widget = stack.pop()
        found.append(widget)
        stack.extend(getattr(widget, "children", ()))
    return [c for c in found if is_ipympl_canvas(c)]
