"""Test the collection at the lowest versions its requirements allow.

    python tools/lowest_versions.py              # fresh venv in a temporary folder, removed after
    python tools/lowest_versions.py --keep DIR   # build the venv in DIR (emptied first) and keep it

Every lower bound (``name>=X``) in ``requirements.txt``, ``requirements-dev.txt`` (following
``-r``) and ``pyproject.toml`` (dependencies and build requirements) becomes ``name==X`` in a
fresh virtual environment, together with ``-e .`` built by that lowest setuptools. Then, in that
environment: strict nbval of every numbered notebook and the ``course_lib`` tests (the test files
that import ``course_lib`` and none of ``tools``, so new test files are picked up; the widget
fuzz, browser, student-edition and convention tests run only in the main suite, which keeps this
run to a few minutes). ``CI`` is set for that run, so a skipped test fails it. Exits non-zero if anything fails; prints the pins and the times.

Packages only the main suite uses are listed in ``NOT_HERE`` with the reason; their bounds are
the versions that suite ran with (README, "Versions").
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = ("import sys, numpy, matplotlib, ipywidgets, ipympl, jupyterlab, torch, threadpoolctl; "
            "print('installed: python', sys.version.split()[0], '| numpy', numpy.__version__, "
            "'| matplotlib', matplotlib.__version__, '| ipywidgets', ipywidgets.__version__, "
            "'| ipympl', ipympl.__version__, '| jupyterlab', jupyterlab.__version__, "
            "'| threadpoolctl', threadpoolctl.__version__, '| torch', torch.__version__)")
NOT_HERE = {
    "playwright": "drives Chromium in tests/test_browser.py, which this run does not include",
}


def _requirement_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ")):
            lines += _requirement_lines(path.parent / line.split(maxsplit=1)[1])
        elif line and not line.startswith("-"):
            lines.append(line)
    return lines


def lowest_pins() -> dict[str, str]:
    """``{name: lowest allowed version}`` over every requirement (``>=``, ``~=`` or ``==``)."""
    from packaging.requirements import Requirement
    from packaging.version import Version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    specs = (_requirement_lines(ROOT / "requirements-dev.txt")
             + project["project"]["dependencies"] + project["build-system"]["requires"])
    pins: dict[str, str] = {}
    for spec in specs:
        req = Requirement(spec)
        if req.marker is not None and not req.marker.evaluate():
            continue
        floors = [s.version for s in req.specifier if s.operator in (">=", "~=", "==")]
        if not floors:
            raise SystemExit(f"error: requirement {spec!r} has no lower bound ('>=', '~=' or "
                             "'=='); this script cannot tell its lowest allowed version")
        name, floor = req.name.lower().replace("_", "-"), max(floors, key=Version)
        if not req.specifier.contains(floor, prereleases=True):
            raise SystemExit(f"error: {spec!r} excludes its own lower bound {floor}")
        if name not in pins or Version(floor) > Version(pins[name]):  # the tightest bound wins
            pins[name] = floor
    return {name: pins[name] for name in sorted(pins) if name not in NOT_HERE}


def course_lib_tests() -> list[Path]:
    """Test files that exercise ``course_lib`` without the notebook tooling in ``tools``."""
    found = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        text = path.read_text()
        if (re.search(r"\b(import|from) course_lib\b", text)
                and not re.search(r"^\s*(from|import) tools\b", text, re.M)):
            found.append(path)
    return found


def _run(cmd: list[str], what: str, **kwargs) -> tuple[int, float]:
    """Run ``cmd`` in the repository; return its exit code and seconds taken."""
    print(f"== {what}\n$ {' '.join(cmd)}", flush=True)
    start = time.perf_counter()
    code = subprocess.run(cmd, cwd=ROOT, **kwargs).returncode
    return code, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the venv here (emptied first), keep it")
    args = parser.parse_args(argv)
    pins = lowest_pins()
    for name, why in NOT_HERE.items():
        print(f"not installed here: {name} ({why})")
    print("lowest allowed versions: " + ", ".join(f"{n}=={v}" for n, v in pins.items()), flush=True)

    tmp = None
    if args.keep:
        venv = args.keep.resolve()
        if venv.exists() and any(venv.iterdir()) and not (venv / "pyvenv.cfg").exists():
            raise SystemExit(f"error: --keep {args.keep}: not empty and not a virtual "
                             "environment; refusing to delete it")
        shutil.rmtree(venv, ignore_errors=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lowest_versions_")
        venv = Path(tmp.name) / "venv"
    python = str(venv / "bin" / "python")
    # `-e .` is built first, without build isolation, by the lowest setuptools (before 70.1 its
    # editable builds need `wheel`), so that bound is tested too; the rest may then upgrade it
    # (torch needs a newer one at run time). `pip check` proves course_lib's dependencies hold.
    steps = [
        ("fresh venv", [sys.executable, "-m", "venv", str(venv)]),
        ("the build requirement at its lowest",
         [python, "-m", "pip", "install", "-q", f"setuptools=={pins['setuptools']}", "wheel"]),
        ("course_lib (editable), built by that setuptools",
         [python, "-m", "pip", "install", "-q", "--no-build-isolation", "--no-deps", "-e", "."]),
        ("every other requirement at its lowest",
         [python, "-m", "pip", "install", "-q",
          *(f"{n}=={v}" for n, v in pins.items() if n != "setuptools")]),
        ("dependencies consistent", [python, "-m", "pip", "check"]),
        ("what got installed", [python, "-c", VERSIONS]),
    ]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(CI=env.get("CI") or "true", PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}",
               VIRTUAL_ENV=str(venv))
    tests = [str(p.relative_to(ROOT)) for p in course_lib_tests()]
    try:
        install_s = 0.0
        for what, cmd in steps:
            code, seconds = _run(cmd, what)
            install_s += seconds
            if code:
                print(f"FAILED: {what} (exit {code}) after {install_s:.0f} s", file=sys.stderr)
                return 1
        print(f"time: venv and install: {install_s:.0f} s", flush=True)
        code, seconds = _run([python, "-m", "pytest", "-q", "-rfEs", "notebooks", *tests],
                             "strict nbval of every notebook and the course_lib tests", env=env)
        print(f"time: strict nbval and course_lib tests: {seconds:.0f} s")
    finally:
        if tmp is not None:
            tmp.cleanup()
    if code:
        print(f"FAILED at the lowest versions: pytest exit {code} (failures listed above)",
              file=sys.stderr)
        return 1
    print("lowest versions: every notebook and course_lib test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
