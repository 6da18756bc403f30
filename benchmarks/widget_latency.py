"""Check 3 of the foundation: kernel-side latency of every widget of every notebook.

    python -m benchmarks.widget_latency                       # all numbered notebooks
    python -m benchmarks.widget_latency notebooks/08_*.ipynb  # some of them

For each control, the time from setting its value to every figure it made stale being redrawn
(callback + Agg render + ipympl's image for the front end), over ``--rounds`` passes through a
spread of values. Prints median and p95 per widget and a summary. Budget: p95 <= 50 ms on a
2-core machine. Buttons (Run) and controls with ``continuous_update=False`` are reported but
marked: they are the documented way for heavier work to stay out of the drag loop.
A benchmark, not a test: it never fails on time, because the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import numpy as np

from tools.notebooks import numbered_notebooks
from tools.widget_harness import probe_notebook

BUDGET_MS = 50.0


def widget_rows(path: Path, rounds: int) -> list[dict]:
    report = probe_notebook(path, mode="latency", rounds=rounds)
    if report.problems:
        print(f"  ! {path.name}: {len(report.problems)} problem(s), first: {report.problems[0]}")
    rows = []
    for control in report.controls:
        ms = np.array(control["times"]) * 1000
        if not len(ms):
            continue
        kind = ("button (Run)" if control["button"]
                else "on release" if control["continuous_update"] is False else "live")
        rows.append({"notebook": path.stem[:2], "widget": control["widget"], "n": len(ms),
                     "median": float(np.median(ms)), "p95": float(np.percentile(ms, 95)),
                     "kind": kind})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3, help="passes through each value spread")
    args = parser.parse_args(argv)
    paths = args.notebooks or numbered_notebooks()
    rows = []
    print(f"{'nb':<3} {'widget':<42} {'n':>3} {'median ms':>10} {'p95 ms':>8}  kind / budget")
    for path in paths:
        for row in widget_rows(path, args.rounds):
            live = row["kind"] == "live"
            verdict = ("ok" if row["p95"] <= BUDGET_MS else "OVER BUDGET") if live else "exempt"
            print(f"{row['notebook']:<3} {row['widget'][:42]:<42} {row['n']:>3} "
                  f"{row['median']:>10.1f} {row['p95']:>8.1f}  {row['kind']} / {verdict}", flush=True)
            rows.append(row)
    live_rows = [r for r in rows if r["kind"] == "live"]
    print("\nsummary per notebook (live controls): worst p95 ms, controls over the 50 ms budget")
    for nb in sorted({r["notebook"] for r in rows}):
        mine = [r for r in live_rows if r["notebook"] == nb]
        if mine:
            worst = max(r["p95"] for r in mine)
            over = sum(r["p95"] > BUDGET_MS for r in mine)
            print(f"  {nb}: worst p95 {worst:.1f} ms over {len(mine)} live controls; over budget: {over}")
    if live_rows:
        print(f"all live controls: median of p95 {statistics.median(r['p95'] for r in live_rows):.1f} ms, "
              f"worst {max(r['p95'] for r in live_rows):.1f} ms, "
              f"{sum(r['p95'] > BUDGET_MS for r in live_rows)} of {len(live_rows)} over budget")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
