"""Binder builds the same environment as requirements.txt plus the CPU build of PyTorch."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _requirements(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [re.sub(r"\s+", " ", line) for line in lines if line]


def _is_torch(line: str) -> bool:
    return re.match(r"torch\b(?![-_.\w])", line) is not None


def _is_index_option(line: str) -> bool:
    return line.startswith(("--index-url", "-i ", "--extra-index-url", "--find-links", "-f "))


def _torch_bound(path: Path) -> str:
    lines = [line.replace(" ", "") for line in _requirements(path) if _is_torch(line)]
    assert len(lines) == 1, f"{path.name}: expected one torch requirement, found {lines}"
    return lines[0]


def test_binder_installs_exactly_the_runtime_requirements_plus_pytorch_and_the_package():
    binder, runtime = _requirements(ROOT / "binder/requirements.txt"), _requirements(
        ROOT / "requirements.txt")
    index = [line for line in binder if _is_index_option(line)]
    torch = [line for line in binder if _is_torch(line)]
    rest = [line.replace(" ", "") for line in binder if line not in index + torch]
    runtime = [line.replace(" ", "") for line in runtime]
    assert sorted(rest) == sorted(runtime), (
        f"binder/requirements.txt, apart from its PyTorch lines, and requirements.txt differ: "
        f"only in binder {sorted(set(rest) - set(runtime))}, only in requirements.txt "
        f"{sorted(set(runtime) - set(rest))}")
    assert "-e." in rest, "repo2docker does not install course_lib unless '-e .' is listed"
    assert index == [f"--extra-index-url {CPU_INDEX}"], (
        f"binder/requirements.txt must name PyTorch's CPU wheel index as an extra index "
        f"('--extra-index-url {CPU_INDEX}'; an --index-url would replace PyPI), and no other "
        f"index; found {index}")
    assert len(torch) == 1, f"binder/requirements.txt: expected one torch requirement, found {torch}"

def test_binder_asks_for_the_torch_version_the_instructors_test():
    assert _torch_bound(ROOT / "binder/requirements.txt") == _torch_bound(
        ROOT / "requirements-dev.txt")


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
