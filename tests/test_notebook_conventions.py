"""Conventions every numbered notebook keeps (STYLE.md, CONTRIBUTING.md), checked statically.

Cheap checks on the committed files, so a notebook committed unexecuted, out of order, with an
error, with stale navigation, or hiding numeric output from strict nbval is caught at once.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from tools import navigation
from tools.notebooks import numbered_notebooks

NOTEBOOKS = numbered_notebooks()
IDS = [p.stem for p in NOTEBOOKS]
# A cell may hide its output from nbval only if it displays widgets (its committed output holds a
# widget view) or shows timings.
TIMING = re.compile(r"perf_counter|time\.|timeit")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_navigation_is_current():
    assert navigation.main(["--check"]) == 0, "run: python tools/navigation.py"


def test_navigation_links_neighbours_from_file_names(tmp_path):
    for name in ("00_start_here.ipynb", "01_first.ipynb", "02_second_topic.ipynb"):
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# x")]),
                       tmp_path / name)
    paths = sorted(tmp_path.glob("*.ipynb"))
    middle = navigation.navigation_line(paths, 1)
    assert middle == ("[< 00 · Start here](00_start_here.ipynb) | [Index](00_start_here.ipynb) | "
                      "[02 · Second topic >](02_second_topic.ipynb)")
    assert navigation.navigation_line(paths, 2).endswith("[Index](00_start_here.ipynb)")
    nb = nbformat.read(paths[1], as_version=4)
    cells = navigation.with_navigation(nb, middle)
    assert [c.source for c in (cells[0], cells[-1])] == [middle, middle] and len(cells) == 3
    assert navigation.with_navigation(nbformat.v4.new_notebook(cells=cells), middle) == cells


def test_start_here_maps_every_notebook():
    start = nbformat.read(NOTEBOOKS[0], as_version=4)
    text = "\n".join(c.source for c in start.cells if c.cell_type == "markdown")
    missing = [p.name for p in NOTEBOOKS[1:] if f"({p.name})" not in text]
    assert not missing, f"00_start_here.ipynb's map does not link: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_executed_in_order_without_errors(path):
    cells = [c for c in _code_cells(path) if c.source.strip()]
    counts = [c.execution_count for c in cells]
    assert None not in counts, f"{path.name}: unexecuted code cells; run python tools/execute.py"
    assert counts == sorted(counts), f"{path.name}: executed out of order"
    errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: committed with an error output: {errors[0].get('ename')}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_the_house_structure(path):
    cells = nbformat.read(path, as_version=4).cells
    number = path.name[:2]
    assert cells[1].cell_type == "markdown" and cells[1].source.startswith(f"# {number} · "), (
        f"{path.name}: the cell after navigation must start with '# {number} · Title'")
    assert "You will learn" in cells[1].source and "Before this" in cells[1].source, path.name
    headings = [line for c in cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("## ")]
    for required in ("## Setup", "## Summary", "## Exercises"):
        assert required in headings, f"{path.name}: missing section '{required}'"
    source = "\n".join(c.source for c in cells if c.cell_type == "code")
    assert "sys.path" not in source, f"{path.name}: import the installed course_lib, no sys.path"
    assert not re.search(r"np\.random\.(seed|rand|randn|normal|uniform|choice)\(", source), (
        f"{path.name}: use rng = np.random.default_rng(SEED), not numpy's global state")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_only_widget_or_timing_cells_hide_output_from_nbval(path):
    hidden = [c for c in _code_cells(path) if "NBVAL_IGNORE_OUTPUT" in c.source]
    offenders = [c.source.splitlines()[1:3] for c in hidden
                 if not TIMING.search(c.source)
                 and not any(WIDGET_VIEW in o.get("data", {}) for o in c.outputs)]
    assert not offenders, (f"{path.name}: cells marked NBVAL_IGNORE_OUTPUT that neither display "
                           f"widgets nor show timings: {offenders}")


MAX_CELL_LINES = 40


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_code_cell_is_longer_than_40_lines(path):
    """What a learner scrolls past on GitHub is the lesson: plotting plumbing lives in explorers."""
    long = [(i, n) for i, c in enumerate(nbformat.read(path, as_version=4).cells)
            if c.cell_type == "code"
            and (n := sum(1 for line in c.source.splitlines() if line.strip())) > MAX_CELL_LINES]
    assert not long, (f"{path.name}: code cells over {MAX_CELL_LINES} non-blank lines "
                      f"(cell index, lines): {long}; move figure code to course_lib/explorers/")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_widget_cells_display_explorers(path):
    """A cell that shows live widgets calls an explorer (or a Prediction), not hand-made wiring."""
    wiring = re.compile(r"\.observe\(|\bFastRedraw\(|\bshow_live\(|\blive_figure\(")
    offenders = [i for i, c in enumerate(nbformat.read(path, as_version=4).cells)
                 if c.cell_type == "code" and wiring.search(c.source)]
    assert not offenders, (f"{path.name}: cells {offenders} wire figures by hand; make an explorer "
                           f"in course_lib/explorers/ (CONTRIBUTING.md)")
