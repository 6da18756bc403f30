"""Write the student edition of the notebooks with nbgrader's own preprocessors.

    python tools/student_edition.py                  # every numbered notebook -> student/
    python tools/student_edition.py --out handout    # another folder
    python tools/student_edition.py --force          # overwrite files that already exist
    python tools/student_edition.py --check          # build in a temporary folder, execute, verify

Each notebook gets its nbgrader cell metadata in memory first (``tools/nbgrader_metadata.py``, the
same metadata the committed notebooks carry), then goes through the preprocessors that
``nbgrader generate_assignment`` runs, minus the gradebook: ``LockCells``, ``ClearSolutions``
(every ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` block becomes the course's stub, a comment
telling the learner what to write and ``raise NotImplementedError(...)``), ``ClearOutput``,
``ClearHiddenTests``, ``ClearMarkScheme``, ``ComputeChecksums`` and ``CheckCellMetadata``. So the
edition equals nbgrader's (``grading/nbgrader_config.py`` uses the same stub) and an instructor
without a gradebook still gets it with one command. The notebook still runs end to end and each
check cell reports "not implemented yet".

Existing files are never overwritten without ``--force``: a learner's work is never lost.
``--check`` executes each student notebook in a fresh kernel and verifies that it runs without
error, that every check cell says "not implemented yet" (never the pass confirmation), and that no
solution line is left in any exercise cell.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat

if __package__ in (None, ""):  # run as `python tools/student_edition.py`: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tools import nbgrader_metadata as meta  # noqa: E402
from tools.notebooks import ROOT, numbered_notebooks  # noqa: E402

BEGIN, END = meta.BEGIN, meta.END
ADVICE, PLACEHOLDER = meta.CODE_STUB.splitlines()
NOT_YET, PASSED = "not implemented yet", re.compile(r"All \d+ cases pass")


class EditionError(Exception):
    """A problem to report to the instructor in one line (bad markers, a file in the way)."""


def solution_lines(source: str) -> list[str]:
    """The lines between the solution markers of one cell (read only, to verify the edition)."""
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip() in (BEGIN, END):
            inside = line.strip() == BEGIN
        elif inside:
            lines.append(line)
    return lines


def _preprocessors():
    """nbgrader's generate_assignment pipeline without the gradebook (SaveCells) and headers."""
    from nbgrader import preprocessors as pp

    return [pp.LockCells(), pp.ClearSolutions(code_stub={"python": meta.CODE_STUB}),
            pp.ClearOutput(remove_metadata_fields=meta.CLEARED_METADATA), pp.CheckCellMetadata(),
            pp.ComputeChecksums(), pp.ClearHiddenTests(), pp.ClearMarkScheme(),
            pp.ComputeChecksums(), pp.CheckCellMetadata()]


def student_notebook(nb, name: str = "notebook"):
    """Return ``(student_nb, n_blocks, solutions)``; ``solutions``: cell index -> solution lines.

    ``nb`` is not modified. Its nbgrader metadata is (re)derived from the markers in memory, so
    notebooks without it in the file work too.
    """
    try:
        nb = meta.with_metadata(nbformat.from_dict(nb), name)
    except meta.MetadataError as exc:
        raise EditionError(str(exc)) from None
    solutions = {i: solution_lines(c.source) for i, c in enumerate(nb.cells)
                 if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")}
    resources = {}
    try:
        for preprocessor in _preprocessors():
            nb, resources = preprocessor.preprocess(nb, resources)
    except (RuntimeError, ValueError) as exc:  # nbgrader's complaints about cells
        raise EditionError(f"{name}: nbgrader refused the notebook: {exc}") from None
    nb.metadata.pop("widgets", None)  # saved widget state would show stale views (not nbgrader's)
    n_blocks = sum(c.source.count(PLACEHOLDER) for c in nb.cells if c.cell_type == "code")
    return nb, n_blocks, solutions


def build(out_dir: Path, notebooks: list[Path], *, force: bool = False) -> list[Path]:
    """Write the student edition of ``notebooks`` to ``out_dir``; no overwrite unless ``force``."""
    out_dir = Path(out_dir)
    targets = [out_dir / p.name for p in notebooks]
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        names = ", ".join(str(t) for t in existing)
        raise EditionError(f"refusing to overwrite existing file(s): {names}. A learner's work "
                           "may be in them; choose another --out folder, move them away, or "
                           "pass --force.")
    converted = [student_notebook(nbformat.read(p, as_version=4), p.name)[0] for p in notebooks]
    out_dir.mkdir(parents=True, exist_ok=True)
    for nb, target in zip(converted, targets):
        nbformat.write(nb, target)
    return targets


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    return str(output.get("data", {}).get("text/plain", ""))


def verify_executed(nb, original, name: str) -> list[str]:
    """Problems in the executed student notebook ``nb`` made from the instructor's ``original``."""
    problems = []
    _, _, solutions = student_notebook(original, name)
    for i, lines in solutions.items():
        source = nb.cells[i].source
        if BEGIN in source or END in source:
            problems.append(f"{name}, cell {i}: a solution marker is left")
        left = [s.strip() for s in lines if s.strip() and not s.strip().startswith("#")
                and s.strip() in {x.strip() for x in source.splitlines()}]
        if left:
            problems.append(f"{name}, cell {i}: solution code left: {left[0]!r}")
    n_checks = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "checks.check_" not in cell.source:
            continue
        n_checks += 1
        text = "".join(_text(o) for o in cell.outputs)
        if PASSED.search(text):
            problems.append(f"{name}, cell {i}: a check cell passes in the student edition")
        if NOT_YET not in text:
            problems.append(f"{name}, cell {i}: the check cell does not say '{NOT_YET}' "
                            f"(output: {text.strip()[:120]!r})")
    if solutions and not n_checks:
        problems.append(f"{name}: exercises but no check cell (a cell calling checks.check_...)")
    return problems


def check(notebooks: list[Path], *, timeout: int = 600) -> list[str]:
    """Build the student edition in a temporary folder, execute each notebook, return problems."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    problems = []
    with tempfile.TemporaryDirectory(prefix="student_edition_") as tmp:
        # Each instructor notebook is read once: built and verified from the same version.
        originals = [nbformat.read(path, as_version=4) for path in notebooks]
        for path, original in zip(notebooks, originals):
            nb = student_notebook(original, path.name)[0]
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                    store_widget_state=False, resources={"metadata": {"path": tmp}})
            learner = {k: v for k, v in os.environ.items() if k != "COURSE_LIB_CHECKS"}
            try:
                client.execute(env=learner)  # the checks in learner mode, as in JupyterLab
            except CellExecutionError as exc:
                first = str(exc).strip().splitlines()
                problems.append(f"{path.name}: the student edition fails to execute: "
                                f"{first[-1] if first else type(exc).__name__}")
                continue
            found = verify_executed(nb, original, path.name)
            problems += found
            n_checks = sum(c.cell_type == "code" and "checks.check_" in c.source for c in nb.cells)
            status = f"{len(found)} problem(s)" if found else "ok"
            print(f"{path.name}: executes; {n_checks} check cell(s) verified: {status}", flush=True)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every numbered notebook")
    parser.add_argument("--out", type=Path, default=ROOT / "student", help="default: student/")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.add_argument("--check", action="store_true",
                        help="build in a temporary folder, execute and verify (writes nothing "
                             "here)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or numbered_notebooks()
    try:
        if args.check:
            problems = check(notebooks)
            for problem in problems:
                print(f"PROBLEM: {problem}", file=sys.stderr)
            print(f"{len(notebooks)} notebooks checked, {len(problems)} problems")
            return 1 if problems else 0
        for target in build(args.out, notebooks, force=args.force):
            print(f"wrote {target}")
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
