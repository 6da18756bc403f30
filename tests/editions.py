"""The two editions that the widget fuzz and the browser test run, notebook by notebook.

``instructor``: the committed notebooks in ``notebooks/``. ``student``: the edition handed out,
made by ``tools.student_edition.build`` once per test session in a temporary folder; running it
top to bottom executes every exercise stub, so a figure or a later cell that calls an exercise's
function fails there. Both are parametrized from ``numbered_notebooks()``: a new notebook needs no
test code. Test ids read ``instructor-08_momentum_rmsprop_adam`` / ``student-08_...``.
"""

from __future__ import annotations

import os
from pathlib import Path

from tools.notebooks import ROOT, numbered_notebooks
from tools.student_edition import build

NOTEBOOKS = numbered_notebooks()
EDITIONS = ("instructor", "student")
CASES = [(edition, path) for edition in EDITIONS for path in NOTEBOOKS]
IDS = [f"{edition}-{path.stem}" for edition, path in CASES]

STUDENT_HINT = ("In the student edition every exercise function raises NotImplementedError until "
                "the learner writes it: a figure or a cell after the check cell must use the "
                "course_lib version, taken by module (`from course_lib import softmax as sm`), "
                "never the notebook name an exercise rebinds (CONTRIBUTING.md, Practice "
                "exercises).")

_built: dict[str, object] = {}


def student_edition(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """``(folder, {instructor file name: student notebook})``, built once per session."""
    if not _built:
        folder = tmp_path_factory.mktemp("student-edition") / "notebooks"
        targets = [Path(t) for t in build(folder, NOTEBOOKS)]
        assert len(targets) == len(NOTEBOOKS), (
            f"student_edition.build wrote {len(targets)} notebooks for {len(NOTEBOOKS)}")
        _built["folder"] = folder
        _built["notebooks"] = {p.name: t for p, t in zip(NOTEBOOKS, targets)}
    return _built["folder"], _built["notebooks"]


def notebook_for(edition: str, path: Path, tmp_path_factory) -> Path:
    """The file to run for ``edition``: the committed notebook or its student version."""
    if edition == "instructor":
        return path
    return student_edition(tmp_path_factory)[1][path.name]


def kernel_pythonpath() -> str:
    """``PYTHONPATH`` for kernels: this work tree's ``course_lib`` wherever the notebook lies."""
    return os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
