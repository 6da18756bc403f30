"""Write nbgrader's cell metadata into the notebooks, derived from their own exercise markers.

    python tools/nbgrader_metadata.py             # every numbered notebook, in place
    python tools/nbgrader_metadata.py --check     # only report; exit 1 if a notebook is not current
    python tools/nbgrader_metadata.py notebooks/07_*.ipynb   # some of them

What becomes what (nbgrader schema version 3; nobody edits this JSON by hand):

- an **exercise cell** (a code cell whose first line is ``# EXERCISE: name`` and which holds
  ``### BEGIN SOLUTION`` ... ``### END SOLUTION``) becomes a *solution* cell, ``grade_id = name``;
- its **check cell** (the code cell calling ``checks.check_...(name)``, after the exercise) becomes
  an *autograded test* cell worth ``POINTS`` point(s), locked, ``grade_id = name + "_check"``;
- every other **markdown** cell (prose, equations, prompts) becomes *read-only*,
  ``grade_id = "lesson_" + cell id``: the student edition keeps the lesson text from accidental
  edits and the autograder restores it. Lesson code cells stay editable (the lessons invite
  learners to change settings and re-run them) and so do the navigation cells, which
  ``tools/navigation.py`` rewrites.

The ids come from the exercise names and the cells' nbformat ids, never from a cell's position,
so they survive re-execution and inserted cells. Only ``metadata["nbgrader"]`` is written (outputs,
sources and everything GitHub shows stay as they are); a cell that is none of the above loses any
``nbgrader`` entry it had. ``--check`` also refuses unbalanced markers, an exercise without a check
cell (or with two), a check cell of no exercise, duplicate exercise names and duplicate grade ids.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

if __package__ in (None, ""):  # run as `python tools/nbgrader_metadata.py`: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tools.notebooks import numbered_notebooks  # noqa: E402

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
EXERCISE = re.compile(r"^#\s*EXERCISE:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")
CHECK_CALL = re.compile(r"\bchecks\.check_\w+\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)")
GRADE_ID = re.compile(r"^[A-Za-z0-9_\-]+$")  # what nbgrader accepts
NAVIGATION_TAG = "navigation"
POINTS = 1
SCHEMA_VERSION = 3

# Settings shared by grading/nbgrader_config.py and tools/student_edition.py, so that nbgrader's
# `generate_assignment` and the tool write the same student edition.
CODE_STUB = ("# Your code here: replace the next line with your solution, then run the check cell "
             "below.\nraise NotImplementedError(\"Exercise: write your code here\")")
CLEARED_METADATA = {"collapsed", "scrolled", "execution"}  # cell metadata ClearOutput removes
# nbgrader's kernels (autograde, validate) get COURSE_LIB_CHECKS=raise, the checks' grading mode
# (course_lib/checks/_core.py): a check that does not pass prints its message, then fails the cell.
GRADING_KERNEL_ARGUMENTS = [
    "--IPKernelApp.exec_lines=import os; os.environ['COURSE_LIB_CHECKS'] = 'raise'"]


class MetadataError(ValueError):
    """The notebook's markers cannot be turned into nbgrader metadata (message names the cell)."""


def _cell_metadata(*, grade_id: str, solution=False, grade=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def solution_regions(source: str, where: str) -> int:
    """Number of ``BEGIN``/``END`` regions in ``source``; MetadataError when unbalanced."""
    inside, count = False, 0
    for line in source.splitlines():
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise MetadataError(f"{where}: '{BEGIN}' inside another solution block")
            inside, count = True, count + 1
        elif marker == END:
            if not inside:
                raise MetadataError(f"{where}: '{END}' without a matching '{BEGIN}'")
            inside = False
        elif BEGIN[4:] in line or END[4:] in line:
            raise MetadataError(f"{where}: a solution marker must be a line of its own, "
                                f"exactly '{BEGIN}' or '{END}', got {line.strip()!r}")
    if inside:
        raise MetadataError(f"{where}: '{BEGIN}' without a matching '{END}'")
    return count


def exercises(nb, name: str = "notebook") -> list[tuple[str, int, int]]:
    """``[(exercise name, exercise cell index, check cell index), ...]`` from the markers."""
    found: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        where = f"{name}, cell {i}"
        if cell.cell_type != "code":
            if BEGIN[4:] in cell.source or END[4:] in cell.source:
                raise MetadataError(f"{where}: solution markers belong in code cells only")
            continue
        if not solution_regions(cell.source, where):
            continue
        first = cell.source.lstrip().splitlines()[0]
        match = EXERCISE.match(first.strip())
        if not match:
            raise MetadataError(f"{where}: a cell with a solution block must start with "
                                f"'# EXERCISE: function_name', got {first.strip()!r}")
        if match[1] in found:
            raise MetadataError(f"{where}: exercise '{match[1]}' is also in cell "
                                f"{found[match[1]]}; exercise names must be unique")
        found[match[1]] = i
    checks: dict[str, list[int]] = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or i in found.values():
            continue
        for called in CHECK_CALL.findall(cell.source):
            if called not in found:
                raise MetadataError(f"{name}, cell {i}: checks '{called}', but no cell starts "
                                    f"with '# EXERCISE: {called}'")
            checks.setdefault(called, []).append(i)
    result = []
    for exercise, i in found.items():
        cells = checks.get(exercise, [])
        if len(cells) != 1:
            what = "no check cell" if not cells else f"{len(cells)} check cells ({cells})"
            raise MetadataError(f"{name}, cell {i}: exercise '{exercise}' has {what}; it needs "
                                f"exactly one cell calling checks.check_...({exercise})")
        if cells[0] < i:
            raise MetadataError(f"{name}, cell {cells[0]}: the check of '{exercise}' comes "
                                f"before the exercise (cell {i})")
        if len(CHECK_CALL.findall(nb.cells[cells[0]].source)) != 1:
            raise MetadataError(f"{name}, cell {cells[0]}: one check per check cell (each one "
                                "is graded on its own)")
        result.append((exercise, i, cells[0]))
    return result


def expected_metadata(nb, name: str = "notebook") -> list[dict | None]:
    """The ``nbgrader`` entry every cell should carry (None: no entry)."""
    wanted: list[dict | None] = [None] * len(nb.cells)
    for exercise, i, j in exercises(nb, name):
        wanted[i] = _cell_metadata(grade_id=exercise, solution=True)
        wanted[j] = _cell_metadata(grade_id=f"{exercise}_check", grade=True, locked=True,
                                   points=POINTS)
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown" and NAVIGATION_TAG not in tags:
            if not cell.get("id"):
                raise MetadataError(f"{name}, cell {i}: markdown cell without an id (nbformat "
                                    "4.5 gives every cell one; re-save the notebook)")
            wanted[i] = _cell_metadata(grade_id=f"lesson_{cell.id}", locked=True)
    ids = [w["grade_id"] for w in wanted if w]
    bad = [g for g in ids if not GRADE_ID.match(g)]
    if bad:
        raise MetadataError(f"{name}: grade id {bad[0]!r} has characters nbgrader refuses")
    duplicates = sorted({g for g in ids if ids.count(g) > 1})
    if duplicates:
        raise MetadataError(f"{name}: duplicate grade ids {duplicates} (rename the exercise or "
                            "give the cell a new id)")
    return wanted


def with_metadata(nb, name: str = "notebook"):
    """A copy of ``nb`` carrying the nbgrader metadata (the argument is not modified)."""
    nb = copy.deepcopy(nb)
    for cell, meta in zip(nb.cells, expected_metadata(nb, name)):
        if meta is None:
            cell.metadata.pop("nbgrader", None)
        else:
            cell.metadata["nbgrader"] = nbformat.from_dict(meta)
    return nb


def stale_cells(nb, name: str = "notebook") -> list[str]:
    """One line per cell whose ``nbgrader`` entry differs from what the markers say."""
    problems = []
    for i, (cell, meta) in enumerate(zip(nb.cells, expected_metadata(nb, name))):
        have = cell.get("metadata", {}).get("nbgrader")
        if have != meta:
            what = ("has an nbgrader entry it should not have" if meta is None
                    else f"should be {meta['grade_id']!r}")
            problems.append(f"{name}, cell {i}: {what}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every numbered notebook")
    parser.add_argument("--check", action="store_true",
                        help="report notebooks whose metadata is not current; write nothing")
    args = parser.parse_args(argv)
    paths = args.notebooks or numbered_notebooks()
    stale, errors, graded = [], 0, 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        try:
            problems = stale_cells(nb, path.name)
            graded += len(exercises(nb, path.name))
        except MetadataError as exc:
            print(f"error: {exc}", file=sys.stderr)
            errors += 1
            continue
        if not problems:
            continue
        stale.append(path.name)
        if args.check:
            for problem in problems[:5]:
                print(f"stale: {problem}", file=sys.stderr)
            if len(problems) > 5:
                print(f"stale: {path.name}: ... and {len(problems) - 5} more", file=sys.stderr)
        else:
            nbformat.write(with_metadata(nb, path.name), path)
            print(f"wrote the nbgrader metadata of {path.name} ({len(problems)} cell(s) changed)")
    verb = "not current" if args.check else "updated"
    print(f"{len(paths)} notebooks, {graded} graded exercises: {len(stale)} {verb}, "
          f"{errors} with errors")
    if errors or (args.check and stale):
        if args.check and stale:
            print("run: python tools/nbgrader_metadata.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
