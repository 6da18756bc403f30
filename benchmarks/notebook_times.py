"""Wall-clock execution time of every numbered notebook (budget: 20 s each on 2 cores).

    python -m benchmarks.notebook_times [notebooks/NN_*.ipynb ...]

Each notebook runs top to bottom in a fresh kernel on a temporary copy (the committed files are
never touched); kernel start-up is included, as a learner's Run All would include it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tools.execute import execute
from tools.notebooks import numbered_notebooks

BUDGET_S = 20.0


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or numbered_notebooks()
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            seconds = execute(copy)
            total += seconds
            verdict = "ok" if seconds <= BUDGET_S else "OVER BUDGET"
            print(f"{path.name:<50} {seconds:6.1f} s  {verdict}", flush=True)
    print(f"{'total':<50} {total:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
