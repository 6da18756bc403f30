"""Binder builds the same environment as requirements.txt, on the baseline Python."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _requirements(path: Path) -> set[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return {re.sub(r"\s+", "", line) for line in lines if line}


def test_binder_installs_exactly_the_runtime_requirements_and_the_package():
    binder, runtime = _requirements(ROOT / "binder/requirements.txt"), _requirements(
        ROOT / "requirements.txt")
    assert binder == runtime, (f"binder/requirements.txt and requirements.txt differ: only in "
                               f"binder {sorted(binder - runtime)}, only in requirements.txt "
                               f"{sorted(runtime - binder)}")
    assert "-e." in binder, "repo2docker does not install course_lib unless '-e .' is listed"


def test_binder_pins_the_baseline_python():
    assert (ROOT / "binder/runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / "binder/environment.yml").exists(), "environment.yml would override both"


def test_postbuild_is_a_strict_bash_script_that_writes_valid_settings(tmp_path):
    script = ROOT / "binder/postBuild"
    raw = script.read_bytes()
    assert raw.startswith(b"#!/bin/bash\nset -euo pipefail\n") and b"\r\n" not in raw
    assert os.access(script, os.X_OK), "postBuild must be executable"
    subprocess.run(["bash", str(script)], check=True, env=dict(os.environ, NB_PYTHON_PREFIX=str(tmp_path)))
    written = json.loads((tmp_path / "share/jupyter/lab/settings/overrides.json").read_text())
    assert written["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
