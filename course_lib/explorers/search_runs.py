"""Explorers for searches that train real networks (notebook 11).

- :func:`caviar_explorer`: many models trained at once (the notebook's executor loop), their
  learning curves and dev accuracies appearing as each training finishes.
- :func:`panda_explorer`: one model babysat, trained chunk by chunk with the α chosen for each.
"""

from __future__ import annotations

import functools
import time

import ipywidgets as widgets
import numpy as np

from course_lib import _validate as check
from course_lib.figures.blit import FastRedraw, set_status, status_text
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import COLORS, MARKERS, PALETTE
from course_lib.search import Task, Trial, make_task, run_trial, train_chunk

CLIP = 0.8  # costs above this (or not finite) are drawn at the top of the axes


def caviar_explorer(search, trials, *, run: bool = True) -> Explorer:
    """The learning curves and dev accuracies of a parallel search, drawn as trainings finish.

    ``search(on_result)`` runs the trainings (e.g. in an executor) and calls
    ``on_result(k, result)`` as trial ``k`` of ``trials`` finishes, ``result`` being what
    :func:`course_lib.search.run_trial` returns. A *Run* button (with progress) runs it again;
    ``run`` runs it once now, so a saved notebook shows the result. The results of the last run
    are in the explorer's ``results`` list (the same list object every run).
    """
    check.function("search", search, what="a function search(on_result) that runs the trials")
    trials = list(trials)
    if not trials or not all(isinstance(t, Trial) for t in trials):
        check.fail("trials", "a non-empty sequence of Trial(alpha, hidden, seed)", trials)
    run = check.boolean("run", run)
    fig, (ax_lc, ax_sc) = live_figure(1, 2, figsize=(10, 3.9))
    ax_lc.set(xlim=(0, 60), ylim=(0.0, CLIP), xlabel="epoch", ylabel="dev cost",
              title="Caviar: learning curves as they finish")
    ax_sc.set(xscale="log", xlim=(1e-4, 1), ylim=(0.4, 1.0), xlabel="α (log scale)",
              ylabel="dev accuracy", title="Dev accuracy of each trial")
    progress = widgets.IntProgress(value=0, min=0, max=len(trials), description="done")
    results, state = [], {"text": "press Run to train the trials"}

    def on_result(k, result):
        results.append(result)
        style = dict(color=COLORS[k % len(COLORS)],
                     marker=MARKERS[(k + k // len(COLORS)) % len(MARKERS)], markevery=10)
        cost = np.nan_to_num(np.asarray(result["dev_cost"], dtype=float), nan=CLIP, posinf=CLIP)
        ax_lc.plot(np.arange(1, cost.size + 1), np.minimum(cost, CLIP), linewidth=1.2, **style)
        ax_sc.scatter([result["alpha"]], [result["score"]], s=10 + 2 * result["hidden"],
                      color=style["color"], marker=style["marker"], edgecolor="black",
                      label=f"α={result['alpha']:.0e}, h={result['hidden']}")
        ax_sc.legend(loc="lower left", fontsize=6, ncol=2, title="trial (same style on the left)",
                     title_fontsize=7)
        progress.value = len(results)
        state["text"] = (f"{len(results)}/{len(trials)} trainings finished; last: α = "
                         f"{result['alpha']:.2e}, h = {result['hidden']}, dev accuracy "
                         f"{result['score']:.3f}")
        explorer.refresh()

    def run_search(_=None):
        for artist in list(ax_lc.lines) + list(ax_sc.collections):
            artist.remove()
        if ax_sc.get_legend() is not None:
            ax_sc.get_legend().remove()
        results.clear()
        progress.value = 0
        state["text"] = "starting the workers ..."
        explorer.refresh()
        start = time.perf_counter()
        search(on_result)
        best = max(results, key=lambda r: r["score"])
        state["text"] += (f"<br><b>best</b>: α = {best['alpha']:.2e}, h = {best['hidden']}, dev "
                          f"accuracy {best['score']:.3f}; all {len(results)} took "
                          f"{time.perf_counter() - start:.1f} s")
        explorer.refresh()

    controls = {"run": widgets.Button(description="Run caviar search", button_style="primary")}
    controls["run"].on_click(run_search)

    def layout(controls, canvases, readout):
        return widgets.VBox([widgets.HBox([controls["run"], progress]), *canvases, readout])

    explorer = Explorer(controls, lambda: state["text"], figures=[fig], layout=layout,
                        description="Caviar: parallel random search over alpha and hidden units")
    explorer.results, explorer.progress = results, progress
    if run:
        run_search()
    return explorer


def panda_explorer(task: Task, *, lr: float = 10**-3.5, chunks=(), n_epochs: int = 10,
                   hidden: int = 32, seed: int = 0) -> Explorer:
    """One model trained chunk by chunk on ``task`` (``course_lib.search.train_chunk``).

    The slider sets α for the next chunk (10^-4 to 1), *Train* trains ``n_epochs`` more epochs
    with it, *Start over* throws the model away. ``chunks`` are the α of chunks trained at the
    start (a babysat run for the saved figure), after which the slider shows ``lr``. The run is in
    the explorer's ``history``: ``dev_cost``, ``dev_acc`` (per epoch) and ``chunks`` (the α's).
    """
    if not isinstance(task, Task):
        check.fail("task", "a Task (from course_lib.search.make_task)", task)
    lr = check.number("lr", lr, low=1e-4, high=1.0)
    chunks = [check.number("chunks", a, low=1e-4, high=1.0) for a in chunks]
    n_epochs = check.integer("n_epochs", n_epochs, low=1)
    hidden = check.integer("hidden", hidden, low=1)
    seed = check.integer("seed", seed, low=0)
    fig, ax = live_figure(figsize=(7.5, 3.8))
    (line,) = ax.plot([], [], color=PALETTE["vermillion"], marker="o", markevery=n_epochs,
                      label="dev cost (panda)")
    ax.set(xlim=(0, 10 * n_epochs), ylim=(0.0, CLIP), xlabel="epoch", ylabel="dev cost",
           title="Panda: one model, nudged")
    ax.legend(loc="upper right")
    status_text(ax)
    history, state = {}, {}

    def restart(_=None):
        for text in [t for t in ax.texts if t.get_gid() == "panda-chunk"]:
            text.remove()
        history.update(dev_cost=[], dev_acc=[], chunks=[])
        state["model"] = None
        ax.set_xlim(0, 10 * n_epochs)
        explorer.refresh()

    def train(_=None):
        alpha = controls["lr"].value
        with np.errstate(over="ignore", invalid="ignore"):
            state["model"], run = train_chunk(task, lr=alpha, n_epochs=n_epochs,
                                              model=state["model"], hidden=hidden, seed=seed)
        history["dev_cost"] += [float(c) for c in run["dev_cost"]]
        history["dev_acc"] += [float(a) for a in run["dev_acc"]]
        history["chunks"].append(alpha)
        done = len(history["dev_cost"])
        if done + 5 > ax.get_xlim()[1]:
            ax.set_xlim(0, done + 5 + 5 * n_epochs)
        ax.text(done - n_epochs + 0.5, 0.02 + 0.04 * (len(history["chunks"]) % 2),
                f"α={alpha:.0e}", fontsize=7, gid="panda-chunk")
        explorer.refresh()

    def render(lr):
        cost = np.asarray(history["dev_cost"], dtype=float)
        line.set_data(np.arange(1, cost.size + 1),
                      np.minimum(np.nan_to_num(cost, nan=CLIP, posinf=CLIP), CLIP))
        if not cost.size:
            set_status(ax, "")
            return f"a fresh model: choose α and press Train (next chunk: α = {lr:.1e})"
        finite = np.isfinite(cost[-1])
        set_status(ax, "" if finite else "diverged: the dev cost is not finite; press Start over")
        last = (f"dev cost <b>{cost[-1]:.4f}</b>, dev accuracy <b>{history['dev_acc'][-1]:.3f}</b>"
                if finite else "dev cost diverged")
        return (f"{cost.size} epochs in {len(history['chunks'])} chunks; {last}; next chunk: "
                f"α = {lr:.1e}")

    controls = {
        "lr": widgets.FloatLogSlider(value=lr, base=10, min=-4, max=0, step=0.25,
                                     description="α next", readout_format=".1e"),
        "train": widgets.Button(description=f"Train {n_epochs} epochs", button_style="primary"),
        "restart": widgets.Button(description="Start over"),
    }
    controls["train"].on_click(train)
    controls["restart"].on_click(restart)
    history.update(dev_cost=[], dev_acc=[], chunks=[])
    state["model"] = None
    explorer = Explorer(controls, render, figures=[fig],
                        blit=[FastRedraw(fig, [line, status_text(ax)])],
                        description="Panda: one model trained chunk by chunk with a chosen "
                                    "learning rate")
    for alpha in chunks:
        controls["lr"].value = alpha
        train()
    explorer.update(lr=lr)
    explorer.history = history
    return explorer


@functools.lru_cache(maxsize=None)
def _lesson_results():
    # notebook 11's ten trials (seed 7), trained here in turn: a worker returns the same results
    from course_lib.hparams import random_design

    task = make_task(seed=0)
    points = random_design({"alpha": (1e-4, 1.0), "hidden": (4, 64)}, 10,
                           np.random.default_rng(7), scales={"alpha": "log", "hidden": "linear"})
    trials = [Trial(alpha=float(a), hidden=int(round(h)), seed=100 + i)
              for i, (a, h) in enumerate(zip(points["alpha"], points["hidden"]))]
    return trials, [run_trial(t, task) for t in trials]


def _lesson_caviar():
    trials, done = _lesson_results()
    order = np.argsort([r["score"] for r in done])  # finishing order: any will do

    def search(on_result):
        for k in order:
            on_result(int(k), done[k])

    return caviar_explorer(search, trials)


EXAMPLES = {
    "caviar_explorer": _lesson_caviar,
    "panda_explorer": lambda: panda_explorer(
        make_task(seed=0), lr=10**-3.5, chunks=(10**-3.5, 10**-3.5, 1e-2, 1e-2, 3e-3, 1e-3),
        hidden=32, seed=0),
}
