"""Check 4 of the foundation: every notebook in real JupyterLab, in real headless Chromium.

One ``jupyter lab`` server on 127.0.0.1 (random free port, random token) serves temporary copies
of ``notebooks/`` and of the student edition (``tests/editions.py``), side by side, so autosave
can never touch the committed files. For each numbered notebook, in both editions: open it, wait
for an idle kernel, run all cells (in the student edition that executes every exercise stub),
assert that no cell shows an error or writes to stderr, then press the first slider's handle and
assert that the figure in the same output changes its pixels. Screenshots are saved per edition
and notebook; the folder is printed.

It also measures what a learner feels: from the keydown on the first slider's handle to ipympl
drawing the new picture on that figure's canvas (the canvas's own ``drawImage``, not a screenshot),
over ``KEYPRESSES`` presses. The medians per notebook are reported at the end of the run (and in
``browser-latency.json`` next to the screenshots); they are measurements, never asserted on (the
machine is shared and noisy). Goal: median <= 50 ms in every notebook.

Chromium comes from the system (``/usr/bin/chromium``); playwright never downloads a browser.
Without Chromium the tests skip, except under ``CI``, where a skip is a failure.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.editions import CASES, IDS, STUDENT_HINT, kernel_pythonpath, student_edition
from tools.notebooks import NOTEBOOK_DIR

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
RUN_TIMEOUT_S = 180
KEYPRESSES = 12

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A running JupyterLab: yields ``(base_url, token, {edition: {file name: URL path}})``."""
    if CHROMIUM is None:
        pytest.skip("no Chromium installed (apt-get install chromium)")
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(NOTEBOOK_DIR, root / "notebooks")
    paths = {"instructor": {p.name: f"notebooks/{p.name}" for p in NOTEBOOK_DIR.glob("*.ipynb")}}
    try:
        student_dir, student_notebooks = student_edition(tmp_path_factory)
    except Exception as exc:  # fails the student tests only (see the test), not the instructor's
        paths["student"] = exc
    else:
        shutil.copytree(student_dir, root / "student")
        paths["student"] = {name: "student/" + p.relative_to(student_dir).as_posix()
                            for name, p in student_notebooks.items()}
    home = tmp_path_factory.mktemp("lab-home")
    settings = home / "app-settings"
    settings.mkdir()
    # No news or update checks (no network here), no virtual scrolling of cells.
    (settings / "overrides.json").write_text(json.dumps({
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                        "checkForUpdates": False},
        "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    }))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               PYTHONPATH=kernel_pythonpath())  # kernels import this work tree's course_lib
    log = open(home / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
         f"--ServerApp.root_dir={root}", f"--LabApp.app_settings_dir={settings}"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"jupyter lab did not start; log:\n{(home / 'lab.log').read_text()[-3000:]}")
        time.sleep(0.5)
    yield base, token, paths
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-screenshots")
    print(f"\nbrowser screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def latency_report(request, screenshot_dir):
    """Collects ``{test id: [ms, ...]}``; ``tests/conftest.py`` prints the table at the end."""
    measured: dict[str, list[float]] = request.config.course_browser_latency
    yield measured
    if measured:
        (screenshot_dir / "browser-latency.json").write_text(json.dumps(measured, indent=1))


HOOK_CANVAS_JS = """([handle, canvas]) => {
  window.__courseKeys = []; window.__courseDraws = [];
  handle.addEventListener('keydown', () => window.__courseKeys.push(performance.now()), true);
  const ctx = canvas.getContext('2d');
  const draw = ctx.drawImage.bind(ctx);
  ctx.drawImage = (...args) => { window.__courseDraws.push(performance.now()); return draw(...args); };
}"""


def _keypress_to_redraw_ms(page, handle, canvas, key: str, presses: int) -> list[float]:
    """Milliseconds from each keydown on ``handle`` to the next picture drawn on ``canvas``.

    ``key`` is the direction that last moved the slider, so the other one surely moves it: the
    presses go back first, then forth, and so on, never pressing against an end of the range.
    """
    back = {"ArrowRight": "ArrowLeft", "ArrowLeft": "ArrowRight"}[key]
    page.evaluate(HOOK_CANVAS_JS, [handle.element_handle(), canvas.element_handle()])
    times = []
    for i in range(presses):
        handle.focus()
        handle.press(back if i % 2 == 0 else key)
        page.wait_for_function(
            "() => { const k = window.__courseKeys.at(-1);"
            "        return k !== undefined && window.__courseDraws.some(t => t > k); }",
            timeout=10_000)
        times.append(page.evaluate(
            "() => { const k = window.__courseKeys.at(-1);"
            "        return window.__courseDraws.find(t => t > k) - k; }"))
        page.wait_for_timeout(200)  # let the rest of this change's messages arrive
    return times


NOTEBOOK_STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) { return null; }
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const problems = [];
  cells.forEach((c, i) => {
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') { problems.push(`code cell ${i}: ${o.ename}: ${o.evalue}`); }
      if (o.output_type === 'stream' && o.name === 'stderr') {
        problems.push(`code cell ${i} wrote to stderr: ${String(o.text).slice(0, 300)}`);
      }
    }
  });
  return {status: panel.sessionContext.kernelDisplayStatus,
          counts: cells.map(c => c.model.executionCount), problems};
}"""


def _wait_for(page, predicate, timeout_s, what):
    deadline = time.monotonic() + timeout_s
    state = None
    while time.monotonic() < deadline:
        state = page.evaluate(NOTEBOOK_STATE_JS)
        if state is not None and predicate(state):
            return state
        page.wait_for_timeout(250)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}; last state: {state}")


def _shutdown_sessions(base: str, token: str) -> None:
    """Stop every kernel the server started, so notebooks do not pile up running kernels."""
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10) as r:
        sessions = json.load(r)
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def _settled_screenshot(canvas, page, what: str, timeout_s: float = 60) -> bytes:
    """A screenshot of ``canvas`` once two consecutive ones are identical."""
    previous = canvas.screenshot()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        current = canvas.screenshot()
        if _changed_pixels(previous, current) == 0:
            return current
        previous = current
    raise AssertionError(f"{what} kept changing for {timeout_s:.0f} s without any input")


def _changed_pixels(a: bytes, b: bytes) -> int:
    from PIL import Image, ImageChops

    im_a, im_b = Image.open(io.BytesIO(a)).convert("RGB"), Image.open(io.BytesIO(b)).convert("RGB")
    if im_a.size != im_b.size:
        return im_a.size[0] * im_a.size[1]
    diff = ImageChops.difference(im_a, im_b).convert("L").point(lambda v: 255 if v > 16 else 0)
    return diff.histogram()[255]


@pytest.mark.parametrize("edition, path", CASES, ids=IDS)
def test_notebook_runs_and_its_first_slider_changes_its_figure(edition, path, lab, browser,
                                                               screenshot_dir, latency_report):
    base, token, paths = lab
    name = f"{edition} edition of {path.name}"
    if isinstance(paths[edition], Exception):
        pytest.fail(f"could not build the {edition} edition: {paths[edition]!r}", pytrace=False)
    shot = f"{edition}-{path.stem}"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        # A workspace of its own, reset: otherwise JupyterLab reopens (and starts kernels for)
        # every notebook an earlier test opened.
        page.goto(f"{base}/lab/workspaces/{edition}-{path.stem[:2]}/tree/"
                  f"{paths[edition][path.name]}?reset&token={token}", timeout=60_000)
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
        _wait_for(page, lambda s: s["status"] == "idle", 90, "an idle kernel")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        state = _wait_for(page, lambda s: s["status"] == "idle" and s["counts"]
                          and all(c is not None for c in s["counts"]),
                          RUN_TIMEOUT_S, "every code cell to finish")
        page.screenshot(path=str(screenshot_dir / f"{shot}-after-run.png"), full_page=True)
        assert not state["problems"], (f"{name} in JupyterLab:\n" + "\n".join(state["problems"])
                                       + (f"\n{STUDENT_HINT}" if edition == "student" else ""))

        slider = page.locator(".widget-slider").first
        slider.wait_for(state="attached", timeout=30_000)
        handle, readout = slider.locator(".noUi-handle"), slider.locator(".widget-readout")
        output = slider.locator("xpath=ancestor::div[contains(@class, 'jp-OutputArea')][1]")
        canvas = output.locator(".jupyter-matplotlib-figure canvas").first
        canvas.wait_for(state="visible", timeout=30_000)
        canvas.scroll_into_view_if_needed()
        # No fixed sleep: wait until the figure has settled (two pictures in a row agree), so a
        # change after the key presses is the slider's doing, on a busy machine as on an idle one.
        before = _settled_screenshot(canvas, page, f"{name}: the first slider's figure")
        # The readout shows the value at full precision (aria-valuenow is rounded). A slider that
        # starts at its maximum does not move right, so try left as well.
        value_before = value_after = readout.inner_text()
        for key in ("ArrowRight", "ArrowLeft"):
            handle.focus()
            for _ in range(5):
                handle.press(key)
                page.wait_for_timeout(60)
            value_after = readout.inner_text()
            if value_after != value_before:
                break
        assert value_after != value_before, (
            f"{name}: the first slider did not move (readout {value_before})")
        changed, after = 0, before
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and changed == 0:
            page.wait_for_timeout(250)
            after = canvas.screenshot()
            changed = _changed_pixels(before, after)
        (screenshot_dir / f"{shot}-figure-before.png").write_bytes(before)
        (screenshot_dir / f"{shot}-figure-after.png").write_bytes(after)
        assert changed > 0, (f"{name}: moving the first slider from {value_before} to "
                             f"{value_after} did not change its figure (screenshots in "
                             f"{screenshot_dir})")
        latency_report[name] = _keypress_to_redraw_ms(page, handle, canvas, key, KEYPRESSES)
        print(f"{name}: ran cleanly; first slider changed {changed} pixels of its figure")
    except Exception:
        page.screenshot(path=str(screenshot_dir / f"{shot}-failure.png"), full_page=True)
        raise
    finally:
        page.close()
        _shutdown_sessions(base, token)
