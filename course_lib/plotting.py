"""The course figure style and the few plotting helpers every notebook shares.

Everything here is presentation, not lesson: notebooks call these so their cells stay about the idea.

- :func:`use_course_style` sets our own rcParams (never a named style sheet, which later matplotlib
  releases may drop) with the Okabe-Ito colour-blind-safe palette and distinct markers.
- :func:`live_figure` makes a figure for a widget layout without displaying it twice.
- :func:`show_live` displays a layout of controls and figures so that JupyterLab shows the live
  widgets and a page without a kernel (GitHub, nbviewer) still shows a picture of the figure.
- :class:`FastRedraw` redraws only the artists a slider changes, over a cached background.
- :func:`relabelled_yaxis` draws y tick labels as artists, for axes whose range a slider changes.
- :func:`set_status` writes a readable message (e.g. "diverged") on an axes, replacing the last one.
- :func:`finite_or_none` clips a path at its first non-finite point, for divergence displays.
- :func:`decision_regions` draws a classifier's regions on a 2-D data set.
"""

from __future__ import annotations

import base64
import io

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from course_lib import _validate as check

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


def _png_base64(fig) -> str:
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
    pngs = {id(f): _png_base64(f) for f in figures}
    if figures:
        images = "".join(f"<img src='data:image/png;base64,{pngs[id(f)]}'/>" for f in figures)
        bundle["text/html"] = f"<div>{images}</div>"
        bundle["image/png"] = pngs[id(figures[0])]
    for fig in {id(c.figure): c.figure for c in _canvases(layout, figures)}.values():
        _hand_over_to_front_end(fig.canvas, pngs.get(id(fig)) or _png_base64(fig))
    if freeze_layout:
        for fig in figures:
            fig.set_layout_engine("none")
    display(bundle, raw=True)


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


def _canvases(layout, figures):
    """Every ipympl canvas in the widget tree ``layout`` and of ``figures``."""
    found, stack = [f.canvas for f in figures], [layout]
    while stack:
        widget = stack.pop()
        if hasattr(widget, "_data_url"):
            found.append(widget)
        stack.extend(getattr(widget, "children", ()))
    return [c for c in found if hasattr(c, "_data_url")]


def _hand_over_to_front_end(canvas, png_base64: str) -> None:
    """Give an ipympl canvas a valid first image and stop its kernel-side image syncing.

    ipympl 0.10 stores a *bare* base64 string in ``_data_url`` when a figure is drawn before any
    front end is connected (as every callback run before display does); JupyterLab then loads
    that as an image URL, fails ("the HTMLImageElement provided is in the 'broken' state") and
    may never size the canvas. A proper data URL fixes the first picture; after that the front
    end receives images directly, so the kernel stops re-encoding PNGs for ``_data_url``, as ipympl
    itself does once a front end says it is initialized.
    """
    canvas._data_url = f"data:image/png;base64,{png_base64}"
    canvas.syncing_data_url = False


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


def finite_or_none(path: np.ndarray):
    """Return ``(finite_prefix, first_bad_index)`` of a path of points along axis 0.

    ``first_bad_index`` is ``None`` when every point is finite; otherwise the path is cut just
    before its first point containing NaN or inf (or an absolute value above 1e12).
    """
    path = check.array("path", path)
    if path.ndim == 0:
        raise ValueError("path must have the points along axis 0, got a single number")
    flat = path.reshape(len(path), -1)
    bad = ~np.isfinite(flat).all(axis=1) | (np.abs(np.nan_to_num(flat, nan=0.0)) > 1e12).any(axis=1)
    if not bad.any():
        return path, None
    first = int(np.argmax(bad))
    return path[:first], first


def decision_regions(ax, predict, X: np.ndarray, labels: np.ndarray, *, resolution: int = 120,
                     padding: float = 0.5, alpha: float = 0.25):
    """Draw the class regions of ``predict`` behind the points ``X`` coloured by ``labels``.

    Parameters
    ----------
    predict : callable
        Maps an array of shape ``(2, k)`` (examples are columns) to integer labels of shape ``(k,)``.
    X : ndarray, shape (2, m)
        The data points, examples as columns.
    labels : ndarray, shape (m,)
        Integer class of each point.

    Returns ``(mesh_image, scatter_artists)`` so a callback can update the image with ``set_data``.
    """
    check.function("predict", predict, what="a function predict(points of shape (2, k)) -> labels")
    check.number("alpha", alpha, low=0.0, high=1.0)
    X = _check_points(X)
    labels = check.array("labels", labels).ravel().astype(int)
    if labels.size != X.shape[1]:
        raise ValueError(f"labels must hold one class per column of X ({X.shape[1]}), "
                         f"got {labels.size}")
    resolution = check.integer("resolution", resolution, low=2)
    (x0, x1), (y0, y1) = _extent(X, check.non_negative("padding", padding))
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.vstack([gx.ravel(), gy.ravel()])
    regions = np.asarray(predict(grid)).reshape(gx.shape)
    n_classes = int(max(labels.max(), regions.max())) + 1
    cmap = mpl.colors.ListedColormap(COLORS[:n_classes])
    image = ax.imshow(regions, origin="lower", extent=(x0, x1, y0, y1), cmap=cmap, alpha=alpha,
                      vmin=-0.5, vmax=n_classes - 0.5, aspect="auto", interpolation="nearest")
    scatters = []
    for c in range(n_classes):
        pts = X[:, labels == c]
        scatters.append(ax.scatter(pts[0], pts[1], s=14, color=COLORS[c], marker=MARKERS[c],
                                   edgecolor="white", linewidth=0.4, label=f"class {c}"))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return image, scatters


def region_grid(X: np.ndarray, *, resolution: int = 120, padding: float = 0.5) -> np.ndarray:
    """The ``(2, resolution**2)`` grid :func:`decision_regions` evaluates, for precomputing."""
    resolution = check.integer("resolution", resolution, low=2)
    (x0, x1), (y0, y1) = _extent(_check_points(X), check.non_negative("padding", padding))
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    return np.vstack([gx.ravel(), gy.ravel()])


def _check_points(X):
    X = check.array("X", X)
    if X.ndim != 2 or X.shape[0] != 2 or X.shape[1] < 1:
        raise ValueError(f"X must have shape (2, m) with m >= 1 (points as columns), "
                         f"got shape {X.shape}")
    return X


def _extent(X, padding):
    return ((X[0].min() - padding, X[0].max() + padding),
            (X[1].min() - padding, X[1].max() + padding))
