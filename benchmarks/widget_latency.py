"""Latency of every explorer's controls, measured on the explorers themselves (no notebook).

    python -m benchmarks.widget_latency                 # every explorer
    python -m benchmarks.widget_latency ewa optimizers  # explorers of some modules

For each control, each value of a spread through its range is set ``--rounds`` times (three by
default); the time from setting the value to the pixels being ready for a connected front end
(render, blit or full Agg draw, and ipympl's encoded image handed to the comm) is taken as the
median over the rounds, so one noisy sample does not decide a state. Per control it prints the
median, p95 and max over the states.

Budget for continuous controls (sliders that update while dragged): median <= 17 ms (one frame at
60 Hz) and max <= 50 ms on a 2-core machine. Buttons and controls that update on release are
reported but exempt: they are the documented way for heavier work to stay out of the drag loop.
A benchmark, not a test: it never fails on time, because the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib
import numpy as np

from tools import widget_probe as probe

MEDIAN_BUDGET_MS = 17.0
MAX_BUDGET_MS = 50.0


def kind_of(control) -> str:
    import ipywidgets as W

    if isinstance(control, W.Button):
        return "button"
    if getattr(control, "continuous_update", None) is False:
        return "on release"
    if isinstance(control, (W.IntSlider, W.FloatSlider, W.FloatLogSlider, W.IntRangeSlider,
                            W.FloatRangeSlider, W.SelectionSlider, W.SelectionRangeSlider)):
        return "continuous"
    return "discrete"


def control_rows(key: str, build, rounds: int) -> list[dict]:
    import matplotlib.pyplot as plt

    explorer = build()
    explorer.show_headless()
    rows = []
    for name, control in explorer.controls.items():
        original = probe.current_value(control)
        values = probe.values_for(control)
        samples = [[] for _ in values]
        for _ in range(rounds):  # sweeps through the range: each value differs from the last
            for i, value in enumerate(values):
                start = time.perf_counter()
                probe.apply(control, value)
                explorer.draw()
                samples[i].append(time.perf_counter() - start)
        states = [1000 * statistics.median(s) for s in samples]
        if original is not None:
            probe.apply(control, original)
            explorer.draw()
        ms = np.array(states)
        rows.append({"explorer": key, "control": probe.describe(control), "kind": kind_of(control),
                     "n": len(ms), "median": float(np.median(ms)),
                     "p95": float(np.percentile(ms, 95)), "max": float(ms.max())})
    for fig in explorer.figures:
        plt.close(fig)
    return rows


def verdict(row) -> str:
    if row["kind"] != "continuous":
        return "exempt"
    over = [f"median > {MEDIAN_BUDGET_MS:.0f}" for _ in [0] if row["median"] > MEDIAN_BUDGET_MS]
    over += [f"max > {MAX_BUDGET_MS:.0f}" for _ in [0] if row["max"] > MAX_BUDGET_MS]
    return "OVER: " + ", ".join(over) if over else "ok"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="explorer modules to measure (default: all)")
    parser.add_argument("--rounds", type=int, default=3, help="samples per state (median taken)")
    args = parser.parse_args(argv)
    matplotlib.use("module://ipympl.backend_nbagg")
    from course_lib.explorers import example_builders

    builders = {k: b for k, b in example_builders().items()
                if not args.modules or k.split(".")[0] in args.modules}
    print(f"{'explorer':<40} {'control':<34} {'n':>3} {'median':>7} {'p95':>7} {'max':>7}  "
          f"kind / budget (ms)")
    rows = []
    for key, build in builders.items():
        for row in control_rows(key, build, args.rounds):
            print(f"{row['explorer'][:40]:<40} {row['control'][:34]:<34} {row['n']:>3} "
                  f"{row['median']:>7.1f} {row['p95']:>7.1f} {row['max']:>7.1f}  "
                  f"{row['kind']} / {verdict(row)}", flush=True)
            rows.append(row)
    live = [r for r in rows if r["kind"] == "continuous"]
    if live:
        print(f"\n{len(live)} continuous controls: median of medians "
              f"{statistics.median(r['median'] for r in live):.1f} ms, worst median "
              f"{max(r['median'] for r in live):.1f} ms, worst max {max(r['max'] for r in live):.1f} ms; "
              f"{sum(verdict(r) != 'ok' for r in live)} over budget "
              f"(median <= {MEDIAN_BUDGET_MS:.0f} ms, max <= {MAX_BUDGET_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
