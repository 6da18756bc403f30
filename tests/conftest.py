"""Shared fixtures: a per-test seeded ``rng`` and, under CI, no silently skipped checks."""

from __future__ import annotations

import os
import zlib

import numpy as np
import pytest


@pytest.fixture
def rng(request) -> np.random.Generator:
    """A generator seeded from the test's id, so each test is reproducible and independent."""
    return np.random.default_rng(zlib.crc32(request.node.nodeid.encode()))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With ``CI`` set, a skipped test is a failure: a green CI run means every check ran."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which must run every check: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """The same for a whole module skipped while collecting (``pytest.importorskip`` at the top)."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.outcome == "skipped":
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, which must run every check: {reason}"
