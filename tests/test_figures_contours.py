"""course_lib/figures/contours.py: contour lines, optimizer paths, the clip of a diverging path.

Contour points lie on their level; the cache returns the same lines for the same surface; a path
is cut at its first non-finite point and, diverging, where it leaves the plot for good; the
status says "diverged" exactly while a run diverged. (Bad-input cases for the public functions
are in tests/test_validation.py.)
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from course_lib.figures import contours  # noqa: E402
from course_lib.figures.blit import status_text  # noqa: E402
from course_lib.optimizers import optimize  # noqa: E402
from course_lib.surfaces import bowl, rosenbrock, saddle  # noqa: E402

EXTENT = ((-10.0, 10.0), (-5.0, 5.0))


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_explicit_levels_lie_on_the_surface():
    surface = saddle()
    levels = np.array([-0.2, 0.0, 0.5, 2.0])
    segments, index = contours.contour_segments(surface, levels, resolution=(200, 200))
    assert len(segments) == len(index) and set(index.astype(int)) == {0, 1, 2, 3}
    for seg, i in zip(segments, index):
        cost = surface.value(seg[:, 0], seg[:, 1])
        # linear interpolation on a 200 x 200 grid of a quartic: within 0.01 of the level
        assert np.allclose(cost, levels[int(i)], atol=1e-2), (levels[int(i)], cost.min())


def test_default_levels_span_the_gap_geometrically():
    surface = bowl(condition=100)
    segments, index = contours.contour_segments(surface, n_levels=12)
    # the lowest levels are ellipses smaller than a grid cell: not drawn
    assert index.max() == 11 and index.min() <= 3
    gaps = [np.median(surface.value(s[:, 0], s[:, 1])) for s in segments]
    by_level = {int(i): g for i, g in zip(index, gaps) if i >= 4}
    ratios = np.diff(np.log([by_level[i] for i in sorted(by_level)]))
    assert np.allclose(ratios, ratios[0], rtol=0.05), "each level a constant factor above the last"


def test_cost_contours_cache_by_key(ax):
    lines = contours.CostContours(ax)
    lines.show(bowl(condition=10), key=("bowl", 10))
    first = lines.lines.get_segments()
    lines.show(rosenbrock(), key=("rosenbrock",))
    assert len(lines.lines.get_segments()) != len(first) or not np.allclose(
        lines.lines.get_segments()[0], first[0])
    lines.show(bowl(condition=10), key=("bowl", 10))
    again = lines.lines.get_segments()
    assert len(again) == len(first) and all(np.array_equal(a, b) for a, b in zip(again, first))


def test_a_finite_path_is_drawn_whole():
    path = optimize("gd", bowl(condition=10).grad, np.array([-9.0, 3.0]), n_steps=30, lr=0.5)
    drawn, bad = contours.clip_path(path, EXTENT)
    assert bad is None and np.array_equal(drawn, path)


def test_a_path_is_cut_before_its_first_non_finite_point():
    path = np.zeros((10, 2))
    path[6] = np.nan
    drawn, bad = contours.clip_path(path, EXTENT)
    assert bad == 6 and len(drawn) == 6 and np.isfinite(drawn).all()


def test_a_diverging_path_is_drawn_until_it_leaves_the_plot_for_good():
    path = optimize("gd", bowl(condition=10).grad, np.array([-9.0, 3.0]), n_steps=600, lr=2.5)
    drawn, bad = contours.clip_path(path, EXTENT)
    assert bad is not None and np.isfinite(drawn).all()
    # the last point drawn is the first one more than the window's height from its centre
    assert abs(drawn[-1, 1]) > 10 and np.all(np.abs(drawn[:-1, 1]) <= 10)


def test_an_earlier_step_counted_as_diverged_wins():
    path = np.zeros((10, 2))
    path[8] = np.inf
    assert contours.clip_path(path, EXTENT, first_bad=3)[1] == 3
    assert contours.clip_path(path, EXTENT, first_bad=9)[1] == 8


def test_optimizer_paths_show_the_clipped_path_and_its_end(ax):
    paths = contours.OptimizerPaths(ax, ["gd", "adam"], marks=5)
    path = optimize("gd", bowl(condition=10).grad, np.array([-9.0, 3.0]), n_steps=600, lr=2.5)
    bad = paths.show("gd", path, EXTENT)
    drawn, expected_bad = contours.clip_path(path, EXTENT)
    x, y = paths.lines["gd"].get_data()
    assert bad == expected_bad and np.array_equal(x, drawn[:, 0]) and np.array_equal(y, drawn[:, 1])
    assert np.array_equal(np.ravel(paths.ends["gd"].get_data()), drawn[-1])
    assert paths.lines["gd"].get_color() == contours.LOOKS["gd"]["color"]
    assert paths.status is status_text(ax) and paths.status in paths.artists


def test_diverged_status_appears_and_clears(ax):
    contours.diverged_status(ax, ["gradient descent (α = 2.5) at step 40", "momentum at step 9"])
    text = status_text(ax)
    assert text.get_visible()
    assert text.get_text() == "diverged: gradient descent (α = 2.5) at step 40; momentum at step 9"
    contours.diverged_status(ax, [])
    assert not text.get_visible()


def test_bad_arguments_are_named(ax):
    with pytest.raises(ValueError, match="path must have shape"):
        contours.clip_path(np.zeros((5, 3)), EXTENT)
    with pytest.raises(ValueError, match="resolution must be an integer >= 2"):
        contours.contour_segments(saddle(), resolution=(1, 50))
    with pytest.raises(ValueError, match="surface must be a course_lib.surfaces Surface"):
        contours.contour_segments("saddle")
    with pytest.raises(ValueError, match="diverged must be a list of strings"):
        contours.diverged_status(ax, "gd")
    with pytest.raises(ValueError, match="names must be one of"):
        contours.OptimizerPaths(ax, ["sgd"])


def test_prepared_contours_are_shown_without_computing_again(ax, monkeypatch):
    lines = contours.CostContours(ax)
    lines.prepare(bowl(condition=30), key=("bowl", 30))
    calls = []
    monkeypatch.setattr(contours, "contour_segments", lambda *a, **k: calls.append(a))
    lines.show(bowl(condition=30), key=("bowl", 30))
    assert not calls and len(lines.lines.get_segments()) > 0
