"""The only code in the collection that touches ipympl's private attributes.

Verified on ipympl 0.9.4 to 0.10.0 (``requirements.txt`` pins that range); ``tests/test_ipympl.py``
fails loudly when a release renames or changes what is used here:

- ``Canvas._data_url`` (a synced trait): the picture a front end shows before its first draw;
- ``Canvas.syncing_data_url``: whether each draw re-encodes a PNG for ``_data_url``. ipympl sets it
  to False itself when a front end reports "initialized".
"""

from __future__ import annotations


def is_ipympl_canvas(widget) -> bool:
    """Whether ``widget`` is an ipympl canvas (a figure's live view)."""
    return hasattr(widget, "_data_url") and hasattr(widget, "syncing_data_url")


def hand_over_to_front_end(canvas, png_base64: str) -> None:
    """Give an ipympl canvas a valid first image and stop its kernel-side image syncing.

    ipympl stores a *bare* base64 string in ``_data_url`` when a figure is drawn before any front
    end is connected (as every update run before display does); JupyterLab then loads that as an
    image URL, fails ("the HTMLImageElement provided is in the 'broken' state") and may never size
    the canvas. A proper data URL fixes the first picture; after that the front end receives
    images directly, so the kernel stops re-encoding PNGs, as ipympl does once a front end says
    it is initialized.
    """
    canvas._data_url = f"data:image/png;base64,{png_base64}"
    act_as_if_front_end_connected(canvas)


def act_as_if_front_end_connected(canvas) -> None:
    """Stop re-encoding a PNG on every draw, as a connected front end's "initialized" message does.

    Tests and benchmarks run without a browser; without this every redraw would pay for a PNG a
    learner never receives.
    """
    canvas.syncing_data_url = False
