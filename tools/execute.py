"""Execute notebooks in place, top to bottom, in a fresh kernel, and save them with outputs.

    python tools/execute.py                      # every numbered notebook
    python tools/execute.py notebooks/07_*.ipynb # some of them

Widget state is not stored (it would add tens of KB of JSON that nothing reads); each notebook's
wall-clock time is printed so it can be compared with the 20 s budget. Never run this inside CI:
strict nbval would then compare the notebooks with themselves.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

if __package__ in (None, ""):  # run as `python tools/x.py`: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.notebooks import numbered_notebooks


def execute(path: Path, *, timeout: int = 600) -> float:
    """Run ``path`` in a fresh python3 kernel with the notebook's folder as working directory."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or numbered_notebooks()
    for path in paths:
        print(f"{path.name}: executed in {execute(path):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
