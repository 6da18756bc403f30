"""What every test of an exercise checker shares: learner mode, and one verdict read cleanly."""

from __future__ import annotations

import pytest

from course_lib import checks


@pytest.fixture(autouse=True)
def learner_mode(monkeypatch):
    """The checks as a learner runs them, whatever the shell running the tests has set."""
    monkeypatch.delenv(checks.MODE_VARIABLE, raising=False)


def run_checker(capsys, checker, fn) -> str:
    """Run ``checker(fn)``; it returns None and prints one verdict to stdout, never a traceback."""
    assert checker(fn) is None
    out, err = capsys.readouterr()
    assert err == "", f"checkers print nothing to stderr, got {err!r}"
    assert "Traceback" not in out
    return out
