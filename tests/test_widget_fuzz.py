"""Check 2 of the foundation: every widget of every notebook survives its whole range.

Each numbered notebook runs in a real kernel; then every control it created is set to its
minimum, maximum and a spread of values (every dropdown option, both checkbox states, button
clicks). An exception, a warning, or a figure showing NaN/inf without a visible "diverged"
message fails, naming the notebook, the widget and the value. New notebooks are picked up from
their file names.
"""

from __future__ import annotations

import pytest

from tools.notebooks import numbered_notebooks
from tools.widget_harness import probe_notebook

NOTEBOOKS = numbered_notebooks()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_widget_survives_its_whole_range(path):
    report = probe_notebook(path, mode="fuzz")
    assert not report.problems, (
        f"{path.name}: {len(report.problems)} problem(s) while driving its widgets:\n  "
        + "\n  ".join(report.problems[:30]))
    driven = sum(c["values"] for c in report.controls)
    print(f"{path.name}: {len(report.controls)} controls, {driven} values driven, no problems")
