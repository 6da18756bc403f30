"""The explorers of notebook 11's real searches (course_lib/explorers/search_runs.py).

Caviar draws every result its search hands back (one curve and one point per trial, the readout's
best the best score); panda's curve is the history of train_chunk, chunk after chunk.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers import search_runs
from course_lib.search import Trial, make_task, train_chunk

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def task():
    return make_task(seed=0)


def _fake_results(trials):
    rng = np.random.default_rng(3)
    return [{"alpha": t.alpha, "hidden": t.hidden, "seed": t.seed, "score": float(s),
             "dev_cost": list(rng.uniform(0.1, 0.9, 60)), "dev_acc": [float(s)] * 60,
             "diverged": False} for t, s in zip(trials, rng.uniform(0.5, 0.95, len(trials)))]


def test_caviar_draws_every_result_and_names_the_best():
    trials = [Trial(alpha=10.0 ** -k, hidden=8 + k, seed=k) for k in range(1, 5)]
    done = _fake_results(trials)
    calls = []

    def search(on_result):
        calls.append(1)
        for k in (2, 0, 3, 1):
            on_result(k, done[k])

    explorer = search_runs.caviar_explorer(search, trials)
    ax_lc, ax_sc = explorer.figures[0].axes[:2]
    assert len(calls) == 1 and len(explorer.results) == 4 and explorer.progress.value == 4
    assert len(ax_lc.lines) == 4 and len(ax_sc.collections) == 4
    drawn = sorted(tuple(c.get_offsets()[0]) for c in ax_sc.collections)
    assert np.allclose(drawn, sorted((r["alpha"], r["score"]) for r in done))
    best = max(done, key=lambda r: r["score"])
    assert f"best: α = {best['alpha']:.2e}, h = {best['hidden']}, dev accuracy {best['score']:.3f}" \
        in explorer.readout
    same_list = explorer.results
    explorer.controls["run"].click()
    assert len(calls) == 2 and explorer.results is same_list and len(same_list) == 4
    assert len(ax_lc.lines) == 4, "a new run replaces the curves of the last one"
    plt.close(explorer.figures[0])


def test_panda_curve_is_train_chunks_history(task):
    explorer = search_runs.panda_explorer(task, lr=1e-2, chunks=(1e-3, 1e-2), hidden=8)
    model, first = train_chunk(task, lr=1e-3, n_epochs=10, hidden=8, seed=0)
    _, second = train_chunk(task, lr=1e-2, n_epochs=10, model=model, seed=0)
    expected = first["dev_cost"] + second["dev_cost"]
    line = explorer.figures[0].axes[0].lines[0]
    assert np.allclose(line.get_ydata(), np.minimum(expected, 0.8))
    assert np.allclose(explorer.history["dev_cost"], expected)
    assert explorer.history["chunks"] == [1e-3, 1e-2]
    assert f"20 epochs in 2 chunks; dev cost {expected[-1]:.4f}" in explorer.readout
    explorer.controls["train"].click()
    assert len(explorer.history["dev_cost"]) == 30 and explorer.history["chunks"][-1] == 1e-2
    explorer.controls["restart"].click()
    assert explorer.history["dev_cost"] == [] and "a fresh model" in explorer.readout
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("call, match", [
    (lambda t: search_runs.caviar_explorer(print, []), "trials must be a non-empty sequence"),
    (lambda t: search_runs.caviar_explorer(None, [Trial(0.1, 4, 0)]), "search must be a function"),
    (lambda t: search_runs.panda_explorer(t, lr=2.0), "lr must be a number in \\[0.0001, 1\\], got 2"),
    (lambda t: search_runs.panda_explorer("task"), "task must be a Task"),
    (lambda t: search_runs.panda_explorer(t, n_epochs=0), "n_epochs must be an integer >= 1"),
])
def test_bad_arguments_name_themselves(task, call, match):
    with pytest.raises(ValueError, match=match):
        call(task)
