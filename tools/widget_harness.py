"""Execute a notebook in a real kernel, then drive its widgets there (the widget fuzz test).

The notebook runs top to bottom in a fresh ``python3`` kernel with its folder as working
directory, exactly as a learner's would. Then the source of :mod:`tools.widget_probe` is sent to
that same kernel, which sets every control it finds and reports back one JSON line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

PROBE_SOURCE = (Path(__file__).with_name("widget_probe.py")).read_text()
MARKER = "COURSE-PROBE "


@dataclass
class ProbeReport:
    notebook: str
    controls: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def probe_notebook(path: Path, *, timeout: int = 600) -> ProbeReport:
    """Run ``path`` and then the widget probe (every control through its range) in one kernel.

    A cell that fails while the notebook runs is reported as a problem (the probe does not run).
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    report = ProbeReport(notebook=path.name)
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as exc:
                report.problems.append(f"cell {index} failed while executing: {_last_line(exc)}")
                return report
        probe = nbformat.v4.new_code_cell(
            PROBE_SOURCE + "\n_course_probe()\n")
        nb.cells.append(probe)
        try:
            client.execute_cell(probe, len(nb.cells) - 1)
        except CellExecutionError as exc:
            report.problems.append(f"the widget probe itself failed: {_last_line(exc)}")
            return report
    text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
    lines = [line for line in text.splitlines() if line.startswith(MARKER)]
    if not lines:
        report.problems.append(f"the widget probe printed no report; it printed: {text[-500:]!r}")
        return report
    data = json.loads(lines[-1][len(MARKER):])
    report.controls, report.problems = data["controls"], report.problems + data["problems"]
    return report


def _last_line(exc: Exception) -> str:
    lines = [line for line in str(exc).strip().splitlines() if line.strip()]
    return lines[-1] if lines else repr(exc)
