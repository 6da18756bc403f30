"""The course figure style: our own rcParams (never a named style sheet, which later matplotlib
releases may drop), the Okabe-Ito colour-blind-safe palette, line styles and markers.

Call :func:`use_course_style` once in a notebook's setup; every later figure follows it.
"""

from __future__ import annotations

import matplotlib as mpl

# Okabe & Ito (2008) palette: distinguishable under the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLORS = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 1))]

# Colour and line style cycle together, so no meaning rests on colour alone. Markers are not in
# the cycle (a marker on each of 1,000 points of a cost curve hides the curve): pass
# ``marker=MARKERS[i], markevery=k`` where points matter, or use ``scatter``.
COURSE_RCPARAMS = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 90,
    "savefig.dpi": 90,
    "figure.constrained_layout.use": True,
    "axes.prop_cycle": (
        mpl.cycler(color=COLORS) + mpl.cycler(linestyle=LINESTYLES)
    ),
    "lines.markersize": 5,
    "lines.linewidth": 1.8,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "image.cmap": "viridis",
    "font.family": "DejaVu Sans",
}


def use_course_style() -> None:
    """Apply the course rcParams (palette, markers, grid, sizes) to every later figure."""
    mpl.rcParams.update(COURSE_RCPARAMS)
