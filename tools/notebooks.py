"""Where the notebooks are and how they are ordered; shared by the tools, tests and benchmarks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NUMBERED = re.compile(r"^(\d{2})_[a-z0-9_]+\.ipynb$")


def numbered_notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """Every ``NN_snake_case.ipynb`` in ``folder``, in number order (new files are picked up)."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if NUMBERED.match(p.name))


def title_of(path: Path) -> str:
    """``"08 · Momentum Rmsprop Adam"``-style fallback title made from the file name."""
    number, _, rest = path.stem.partition("_")
    return f"{number} · {rest.replace('_', ' ').capitalize()}"
