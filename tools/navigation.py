"""Write (or ``--check``) the navigation line at the top and bottom of every numbered notebook.

    python tools/navigation.py          # rewrite the navigation cells
    python tools/navigation.py --check  # exit 1 and list notebooks whose navigation is stale

The line is ``< previous | index | next >``, made from the numbered file names alone, so adding
``15_something.ipynb`` needs no list edited: run the tool and the neighbours update. The index is
``00_start_here.ipynb``. Navigation cells are markdown cells tagged ``navigation``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

if __package__ in (None, ""):  # run as `python tools/x.py`: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.notebooks import NOTEBOOK_DIR, numbered_notebooks, title_of

TAG = "navigation"
INDEX = "00_start_here.ipynb"


def navigation_line(paths: list[Path], i: int) -> str:
    parts = []
    if i > 0:
        parts.append(f"[< {title_of(paths[i - 1])}]({paths[i - 1].name})")
    parts.append(f"[Index]({INDEX})")
    if i + 1 < len(paths):
        parts.append(f"[{title_of(paths[i + 1])} >]({paths[i + 1].name})")
    return " | ".join(parts)


def _nav_cell(source: str):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["tags"] = [TAG]
    cell.pop("id", None)
    return cell


def with_navigation(nb, line: str):
    """Return ``nb``'s cells with exactly one navigation cell first and one last."""
    body = [c for c in nb.cells if TAG not in c.get("metadata", {}).get("tags", [])]
    first, last = _nav_cell(line), _nav_cell(line)
    first["id"], last["id"] = "nav-top", "nav-bottom"
    return [first, *body, last]


def _is_current(nb, line: str) -> bool:
    cells = nb.cells
    return (len(cells) >= 2
            and all(TAG in c.metadata.get("tags", []) and c.source == line
                    for c in (cells[0], cells[-1]))
            and sum(TAG in c.metadata.get("tags", []) for c in cells) == 2)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = numbered_notebooks(NOTEBOOK_DIR)
    stale = []
    for i, path in enumerate(paths):
        nb = nbformat.read(path, as_version=4)
        line = navigation_line(paths, i)
        if _is_current(nb, line):
            continue
        stale.append(path.name)
        if not check:
            nb.cells = with_navigation(nb, line)
            nbformat.write(nb, path)
    if check and stale:
        print("navigation is stale in: " + ", ".join(stale) + " (run python tools/navigation.py)")
        return 1
    print(("checked" if check else "updated") + f" {len(paths)} notebooks; stale: {len(stale)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
