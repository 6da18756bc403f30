"""Tests of course_lib.search: trials are pure, picklable, and give the same result in a worker."""

from __future__ import annotations

import os
import pickle

import numpy as np
import pytest

from course_lib import mlp
from course_lib.search import Trial, make_task, process_executor, run_trial, train_chunk


@pytest.fixture(scope="module")
def task():
    return make_task(seed=0, m=150)


def test_task_shapes_and_normalization(task):
    assert task.X_train.shape == (2, 100) and task.Y_train.shape == (1, 100)
    assert task.X_dev.shape == (2, 50) and task.Y_dev.shape == (1, 50)
    np.testing.assert_allclose(task.X_train.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(task.X_train.std(axis=1), 1.0, rtol=1e-12)
    assert set(np.unique(task.Y_train)) <= {0.0, 1.0}


def test_run_trial_is_deterministic_and_picklable(task):
    trial = Trial(alpha=0.01, hidden=8, seed=3)
    a, b = run_trial(trial, task, n_epochs=5), run_trial(trial, task, n_epochs=5)
    assert a == b
    assert len(a["dev_cost"]) == 5 and a["score"] == a["dev_acc"][-1]
    assert pickle.loads(pickle.dumps(a)) == a
    other = run_trial(Trial(alpha=0.01, hidden=8, seed=4), task, n_epochs=5)
    assert other["dev_cost"] != a["dev_cost"], "another seed gives other initial weights"


def test_chunks_continue_training(task):
    model, h1 = train_chunk(task, lr=0.01, n_epochs=3, hidden=8, seed=1)
    model, h2 = train_chunk(task, lr=0.01, n_epochs=3, model=model, seed=1)
    assert isinstance(model, mlp.Model) and model.epochs_done == 6
    assert len(h1["dev_cost"]) == len(h2["dev_cost"]) == 3
    # Reproducible chunk by chunk: the same two chunks again give the same curve.
    again, _ = train_chunk(task, lr=0.01, n_epochs=3, hidden=8, seed=1)
    _, h2b = train_chunk(task, lr=0.01, n_epochs=3, model=again, seed=1)
    assert h2b["dev_cost"] == h2["dev_cost"]


def test_worker_process_gives_the_same_result(task):
    trial = Trial(alpha=0.003, hidden=8, seed=5)
    unset = [k for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
             if k not in os.environ]
    try:
        with process_executor(max_workers=1) as executor:
            remote = executor.submit(run_trial, trial, task, n_epochs=4).result(timeout=120)
        assert os.environ["OPENBLAS_NUM_THREADS"], "set for the workers (a user's value is kept)"
    finally:
        for k in unset:  # leave the test session's environment as it was
            os.environ.pop(k, None)
    local = run_trial(trial, task, n_epochs=4)
    np.testing.assert_allclose(remote["dev_cost"], local["dev_cost"], rtol=1e-10)


@pytest.mark.parametrize("trial, message", [
    (Trial(alpha=0.0, hidden=8, seed=0), r"trial.alpha must be a number > 0, got 0.0 \(float\)"),
    (Trial(alpha="0.1", hidden=8, seed=0), r"trial.alpha must be a number > 0, got '0.1' \(str\)"),
    (Trial(alpha=0.01, hidden=0, seed=0), r"trial.hidden must be an integer >= 1, got 0 \(int\)"),
    (Trial(alpha=0.01, hidden=2.5, seed=0), r"trial.hidden must be an integer >= 1, got 2.5"),
    ((0.01, 8, 0), r"trial must be a Trial\(alpha, hidden, seed\), got \(0.01, 8, 0\) \(tuple\)"),
])
def test_bad_trials(trial, message, task):
    with pytest.raises(ValueError, match=message):
        run_trial(trial, task, n_epochs=1)


def test_bad_max_workers():
    with pytest.raises(ValueError, match=r"max_workers must be an integer >= 1, got 0 \(int\)"):
        process_executor(max_workers=0)
