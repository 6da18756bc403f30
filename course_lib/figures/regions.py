"""Decision regions: a classifier's predicted class over the plane, behind its data points."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

from course_lib import _validate as check
from course_lib.figures.style import COLORS, MARKERS


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
