"""Under CI a skipped check fails the run; elsewhere a learner without PyTorch may skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIPPING_TESTS = '''
import pytest
missing = pytest.importorskip("a_module_that_is_not_installed")

def test_needs_it():
    assert missing
'''
SKIPPING_ONE_TEST = '''
import pytest

def test_skipped_inside():
    pytest.skip("no browser here")
'''


def _run(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_module_skip.py").write_text(SKIPPING_TESTS)
    (tmp_path / "test_inner_skip.py").write_text(SKIPPING_ONE_TEST)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", str(tmp_path), "-p", "no:cacheprovider",
                           "-c", str(tmp_path / "pytest.ini"), "--rootdir", str(tmp_path)],
                          capture_output=True, text=True, env=env, cwd=tmp_path)


def test_skips_fail_the_run_under_ci(tmp_path):
    result = _run(tmp_path, ci=True)
    assert result.returncode != 0, result.stdout
    assert result.stdout.count("skipped under CI") >= 2, result.stdout


def test_skips_are_allowed_outside_ci(tmp_path):
    result = _run(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout
    assert "2 skipped" in result.stdout, result.stdout
