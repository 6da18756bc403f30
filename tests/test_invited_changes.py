"""Every change an exercise invites leaves Run All working.

A notebook lists the changes its text invites ("set NOISE = 0.1 and run the notebook again") in
its metadata, ``metadata["course"]["invited_changes"]``, each as::

    {"find": "NOISE = 0.25", "replace": "NOISE = 0.1", "invited_by": "Exercises, question 1"}

``find`` must occur exactly once in the notebook's code. The test makes that edit, as the learner
would, and runs the whole notebook in a real kernel: no cell may raise. Check cells meet changed
settings through ``course_lib.lesson.lesson_settings`` and say what they checked.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tools.notebooks import numbered_notebooks


def invited_changes(path):
    nb = nbformat.read(path, as_version=4)
    return nb.metadata.get("course", {}).get("invited_changes", [])


CASES = [(path, change) for path in numbered_notebooks() for change in invited_changes(path)]


def apply_change(nb, change) -> int:
    """Edit the one code cell holding ``change["find"]``; return its index."""
    hits = [(i, c.source.count(change["find"])) for i, c in enumerate(nb.cells)
            if c.cell_type == "code" and change["find"] in c.source]
    assert len(hits) == 1 and hits[0][1] == 1, (
        f"{change['find']!r} must occur exactly once in the code; found in cells "
        f"{[i for i, _ in hits]}")
    index = hits[0][0]
    nb.cells[index].source = nb.cells[index].source.replace(change["find"], change["replace"])
    return index


def test_the_invited_changes_are_listed():
    assert len(CASES) >= 4, "the notebooks' invited changes are listed in their metadata"
    for path, change in CASES:
        assert set(change) == {"find", "replace", "invited_by"}, (path.name, change)
        assert change["find"] != change["replace"], (path.name, change)


@pytest.mark.parametrize("path, change", CASES,
                         ids=[f"{p.stem[:2]}:{c['replace']}" for p, c in CASES])
def test_an_invited_change_leaves_run_all_working(path, change):
    nb = nbformat.read(path, as_version=4)
    index = apply_change(nb, change)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        lines = [line for line in str(exc).strip().splitlines() if line.strip()]
        pytest.fail(f"{path.name}: after {change['invited_by']} (cell {index}: "
                    f"{change['find']!r} -> {change['replace']!r}) Run All stops: "
                    f"{lines[-1] if lines else exc}")
