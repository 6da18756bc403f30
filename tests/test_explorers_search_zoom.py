"""The coarse-to-fine explorer of notebook 11 (course_lib/explorers/search_zoom.py).

The star is the best point tried (its dev error in the readout), Zoom in shrinks the box as
course_lib.hparams.zoom does; bad arguments fail naming the argument.
"""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.explorers import search_zoom as search
from course_lib.hparams import zoom

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py

BOX = {"alpha": (1e-4, 1.0), "hidden": (10.0, 200.0)}
BOX_SCALES = {"alpha": "log", "hidden": "linear"}


def test_zoom_stars_the_best_point_and_zooms_with_hparams(close):
    explorer = search.EXAMPLES["zoom_explorer"]()
    close(explorer)
    state = explorer.state
    points = {k: np.array(v) for k, v in state["points"].items()}
    assert points["alpha"].size == 20, "the start presses Sample, Zoom in, Sample"
    i = int(np.argmin(search._dev_error_2(**points)))
    star = explorer.figures[0].axes[0].lines[0]
    assert np.allclose([star.get_xdata()[0], star.get_ydata()[0]],
                       [np.log10(points["alpha"][i]), points["hidden"][i]])
    assert f"dev error {search._dev_error_2(**points).min():.4f}" in explorer.readout
    first_best = {k: v[int(np.argmin(search._dev_error_2(**{k2: v2[:10] for k2, v2 in
                                                            points.items()})))]
                  for k, v in points.items()}
    assert np.allclose(state["box"]["alpha"], zoom(BOX, first_best, factor=3.0,
                                                   scales=BOX_SCALES)["alpha"])
    explorer.update(factor=6.0)
    assert "next zoom × 6.0" in explorer.readout
    explorer.controls["reset"].click()
    assert "no points yet" in explorer.readout and len(state["patches"]) == 1


@pytest.mark.parametrize("call, match", [
    (lambda: search.zoom_explorer(search._dev_error_2, BOX, scales=BOX_SCALES, factor=8),
     "factor must be a number in \\[1.5, 6\\], got 8"),
    (lambda: search.zoom_explorer(search._dev_error_2, BOX, presses=("sample", "jump")),
     "presses must be"),
    (lambda: search.zoom_explorer(search._dev_error_2, {"alpha": (1e-4, 1.0)}), "box must be"),
    (lambda: search.zoom_explorer(search._dev_error_2, BOX, n=0), "n must be an integer >= 1"),
])
def test_bad_arguments_name_themselves(call, match):
    with pytest.raises(ValueError, match=match):
        call()
