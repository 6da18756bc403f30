"""Print the per-learner score table of an nbgrader assignment: one row per learner, one column per
notebook with exercises, and the total.

    cd grading && python ../tools/nbgrader_scores.py            # assignment "notebooks"
    python tools/nbgrader_scores.py --db grading/gradebook.db --assignment notebooks

Reads nbgrader's gradebook after ``nbgrader autograde``; a notebook a learner did not submit scores
zero (``-``: not autograded yet). ``nbgrader export`` writes the assignment totals to
``grades.csv`` instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _points(x: float) -> str:
    return f"{x:g}"


def score_table(db: Path, assignment: str) -> tuple[list[str], dict[str, dict[str, float | None]],
                                                     dict[str, float]]:
    """``(notebooks, {learner: {notebook: score or None}}, {notebook: max score})``."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{Path(db).resolve()}") as gb:
        found = gb.find_assignment(assignment)
        maxima = {nb.name: float(nb.max_score) for nb in found.notebooks if nb.max_score}
        notebooks = sorted(maxima)
        table: dict[str, dict[str, float | None]] = {}
        for student in sorted(s.id for s in gb.students):
            row: dict[str, float | None] = {}
            for name in notebooks:
                try:
                    row[name] = float(gb.find_submission_notebook(name, assignment, student).score)
                except MissingEntry:
                    row[name] = None
            table[student] = row
    return notebooks, table, maxima


def format_table(notebooks, table, maxima) -> str:
    heads = [name.split("_", 1)[0] for name in notebooks]  # "07_exponentially..." -> "07"
    width = max([len("learner"), *map(len, table)])
    lines = ["  ".join([f"{'learner':<{width}}", *(f"{h:>5}" for h in heads), "total"]),
             "  ".join([f"{'(max)':<{width}}", *(f"{_points(maxima[n]):>5}" for n in notebooks),
                        f"{_points(sum(maxima.values())):>5}"])]
    for learner, row in table.items():
        cells = ["-" if row[n] is None else _points(row[n]) for n in notebooks]
        total = sum(v for v in row.values() if v is not None)
        lines.append("  ".join([f"{learner:<{width}}", *(f"{c:>5}" for c in cells),
                                f"{_points(total):>5}"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("gradebook.db"),
                        help="nbgrader's gradebook (default: ./gradebook.db)")
    parser.add_argument("--assignment", default="notebooks", help="default: notebooks")
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"error: no gradebook at {args.db} (run nbgrader autograde first, from grading/)",
              file=sys.stderr)
        return 1
    print(format_table(*score_table(args.db, args.assignment)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
