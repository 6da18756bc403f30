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


def assert_mistake_explained(out: str, case: str, *needles: str) -> None:
    """A failing verdict: ``case`` first, then expected vs got and a hint holding ``needles``."""
    assert out.startswith(case), out
    assert "expected:" in out and "got:" in out and "Hint:" in out, out
    for needle in needles:
        assert needle in out, f"{needle!r} not in:\n{out}"
