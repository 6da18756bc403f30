"""Shared fixtures: a per-test seeded ``rng``, under CI no silently skipped checks, and the
browser test's latency table printed at the end of the run."""

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


def pytest_configure(config):
    config.course_browser_latency = {}  # filled by tests/test_browser.py: {test: [ms, ...]}


def pytest_terminal_summary(terminalreporter, config):
    """The browser latency measured this run (a report, never a pass/fail criterion)."""
    import statistics

    measured = getattr(config, "course_browser_latency", {})
    if not measured:
        return
    write = terminalreporter.write_line
    write("")
    write("keypress on the first slider -> its canvas redrawn, in Chromium (ms; goal: median <= 50)")
    for name, ms in measured.items():
        write(f"  {name:<62} median {statistics.median(ms):6.1f}  max {max(ms):6.1f}  (n={len(ms)})")
    medians = [statistics.median(ms) for ms in measured.values()]
    write(f"  notebooks with median <= 50 ms: {sum(m <= 50 for m in medians)} of {len(medians)}; "
          f"worst median {max(medians):.1f} ms")


@pytest.fixture(scope="module")
def ipympl_backend():
    """Real ipympl canvases (widgets), as in a notebook, for a module's explorer tests.

    Use with ``pytestmark = pytest.mark.usefixtures("ipympl_backend")``; the other figure tests
    keep the Agg backend, which is restored afterwards.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    previous = matplotlib.get_backend()
    plt.switch_backend("module://ipympl.backend_nbagg")
    yield
    plt.close("all")
    plt.switch_backend(previous)


@pytest.fixture
def close():
    """``close(explorer)`` closes that explorer's figures when the test ends."""
    import matplotlib.pyplot as plt

    made = []
    yield made.append
    for explorer in made:
        for fig in explorer.figures:
            plt.close(fig)
