"""Check 2 of the foundation: every widget of every notebook survives its whole range.

Each numbered notebook runs in a real kernel, in both editions (``tests/editions.py``): the
committed instructor notebook, and its student edition with every exercise stub executed. Then
every control it created is set to its minimum, maximum and a spread of values (every dropdown
option, both checkbox states, button clicks). A cell that raises (a check cell included), an
exception, a warning, or a figure showing NaN/inf without a visible "diverged" message fails,
naming the edition, the notebook, the widget and the value. New notebooks are picked up from
their file names.
"""

from __future__ import annotations

import pytest

from tests.editions import CASES, IDS, STUDENT_HINT, kernel_pythonpath, notebook_for
from tools.widget_harness import probe_notebook


@pytest.mark.parametrize("edition, path", CASES, ids=IDS)
def test_every_widget_survives_its_whole_range(edition, path, tmp_path_factory, monkeypatch):
    notebook = notebook_for(edition, path, tmp_path_factory)
    # The kernel inherits this: it imports this work tree's course_lib from any folder.
    monkeypatch.setenv("PYTHONPATH", kernel_pythonpath())
    report = probe_notebook(notebook)
    problems = report.problems
    if problems:
        more = f"\n  ... and {len(problems) - 30} more" if len(problems) > 30 else ""
        pytest.fail(f"{edition} edition of {path.name} ({notebook}): {len(problems)} problem(s) "
                    "while running it and driving its widgets:\n  " + "\n  ".join(problems[:30])
                    + more + (f"\n{STUDENT_HINT}" if edition == "student" else ""),
                    pytrace=False)
    assert report.controls, (f"{edition} edition of {path.name}: the probe found no control to "
                             "drive (every notebook has live figures; CONTRIBUTING.md)")
    driven = sum(c["values"] for c in report.controls)
    print(f"{edition} edition of {path.name}: {len(report.controls)} controls, {driven} values "
          "driven, no problems")
