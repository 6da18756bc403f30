"""Explorers for data augmentation (notebook 02), and the image transformations they apply.

- :func:`augmentation_explorer`: a small image and three augmented copies, for a chosen
  transformation and random draw.

The transformations (the notebook writes them out and asserts they equal these):
:func:`shift_image`, :func:`rotate_image`, :func:`augment_image`; ``AUGMENTATIONS`` names them.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.figures.blit import FastRedraw
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure

AUGMENTATIONS = ("horizontal flip", "random crop (shift)", "small rotation", "noise / distortion")


def shift_image(image, dy, dx) -> np.ndarray:
    """The content of ``image`` moved by (dy, dx) pixels, padded with background 0 (a crop)."""
    out = np.zeros_like(image)
    h, w = image.shape
    out[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = \
        image[max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    return out


def rotate_image(image, degrees) -> np.ndarray:
    """``image`` rotated about its centre, bilinear interpolation, background 0 outside."""
    h, w = image.shape
    t = np.deg2rad(degrees)
    cy, cx = (h - 1) / 2, (w - 1) / 2
    yy, xx = np.mgrid[0:h, 0:w]
    sy = np.cos(t) * (yy - cy) - np.sin(t) * (xx - cx) + cy  # where each output pixel comes from
    sx = np.sin(t) * (yy - cy) + np.cos(t) * (xx - cx) + cx
    padded = np.pad(image, 1)
    y0, x0 = np.floor(sy).astype(int), np.floor(sx).astype(int)
    wy, wx = sy - y0, sx - x0

    def at(y, x):
        inside = (y >= -1) & (y <= h) & (x >= -1) & (x <= w)
        return np.where(inside, padded[np.clip(y + 1, 0, h + 1), np.clip(x + 1, 0, w + 1)], 0.0)

    return ((1 - wy) * (1 - wx) * at(y0, x0) + (1 - wy) * wx * at(y0, x0 + 1)
            + wy * (1 - wx) * at(y0 + 1, x0) + wy * wx * at(y0 + 1, x0 + 1))


def augment_image(image, kind, rng: np.random.Generator) -> np.ndarray:
    """One augmented copy of ``image`` (values in [0, 1]) by ``kind``, one of AUGMENTATIONS."""
    check.choice("kind", kind, AUGMENTATIONS)
    if kind == "horizontal flip":
        return image[:, ::-1]
    if kind == "random crop (shift)":
        return shift_image(image, *rng.integers(-4, 5, size=2))
    if kind == "small rotation":
        return rotate_image(image, rng.uniform(-20, 20))
    return np.clip(image + 0.25 * rng.standard_normal(image.shape), 0, 1)


def augmentation_explorer(image, *, kind="small rotation", draw=0, copies=3) -> Explorer:
    """``image`` (2-D, values in [0, 1]) beside ``copies`` augmented copies.

    Controls: ``kind`` (one of AUGMENTATIONS) and ``draw``, the seed of the copies' random
    numbers (0 to 20).
    """
    image = check.array("image", image, ndim=2, what="a 2-D array (a grey image)")
    if image.size == 0 or image.min() < 0 or image.max() > 1:
        raise ValueError("image must be a non-empty 2-D array with values in [0, 1]")
    kind = check.choice("kind", kind, AUGMENTATIONS)
    draw = check.integer("draw", draw, low=0)
    if draw > 20:
        raise ValueError(f"draw must be an integer in [0, 20], got {draw}")
    copies = check.integer("copies", copies, low=1)
    fig, axes = live_figure(1, copies + 1, figsize=(9 * (copies + 1) / 4, 2.8))
    axes[0].imshow(image, cmap="gray_r", vmin=0, vmax=1)
    axes[0].set_title("original")
    shown = [ax.imshow(image, cmap="gray_r", vmin=0, vmax=1) for ax in axes[1:]]
    for i, ax in enumerate(axes[1:]):
        ax.set_title(f"copy {i + 1}")
    for ax in axes:
        ax.set_axis_off()

    made = {}

    def render(kind, draw):
        if (kind, draw) not in made:  # the copies of a (kind, draw) never change: make them once
            draw_rng = np.random.default_rng(draw)
            made[kind, draw] = [augment_image(image, kind, draw_rng) for _ in shown]
        for artist, copy in zip(shown, made[kind, draw]):
            artist.set_data(copy)
        keeps = ("keeps the label" if kind != "horizontal flip"
                 else "does NOT keep the label of a letter")
        return f"<b>{kind}</b>: {copies} new training images from one; for an F it {keeps}."

    controls = {
        "kind": widgets.ToggleButtons(options=AUGMENTATIONS, value=kind, description="transform",
                                      style={"button_width": "150px"}),
        "draw": widgets.IntSlider(value=draw, min=0, max=20, description="draw"),
    }
    return Explorer(controls, render, figures=[fig], blit=[FastRedraw(fig, shown)],
                    layout=lambda c, canvases, readout: widgets.VBox([*c.values(), *canvases,
                                                                      readout]),
                    description="Augmented copies of a small image")


def _letter_f() -> np.ndarray:
    """Notebook 02's 24 x 24 letter F."""
    small = np.zeros((12, 12))
    small[2:10, 3:5] = small[2:4, 3:9] = small[5:7, 3:8] = 1.0  # stem, top bar, middle bar
    return np.kron(small, np.ones((2, 2)))


EXAMPLES = {
    "augmentation_explorer": lambda: augmentation_explorer(_letter_f(), kind="small rotation",
                                                           draw=0),
}
