"""Run hyperparameter trials in worker processes ("caviar") or one chunk at a time ("panda").

A worker process can only run a function it can import by name, so the training function of a
search lives here rather than in a notebook. Any ``concurrent.futures.Executor`` works:

.. code-block:: python

    from concurrent.futures import as_completed
    task = make_task(seed=0)
    with process_executor(max_workers=2) as pool:        # or a cluster's executor, e.g.
        futures = [pool.submit(run_trial, t, task) for t in trials]  # dask's client.get_executor()
        for done in as_completed(futures):
            result = done.result()

Every trial is a pure function of its arguments (its own seed included), so results do not depend
on which worker ran it or in which order trials finished.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

import numpy as np

from course_lib import _validate as check
from course_lib import data, mlp

ONE_BLAS_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def process_executor(max_workers: int = 2) -> ProcessPoolExecutor:
    """A ``ProcessPoolExecutor`` (spawn start method) whose workers use one BLAS thread each.

    Several worker processes that each start a multithreaded BLAS on a machine with few cores
    slow each other down badly (oversubscription: measured 7x slower here for 64 hidden units).
    BLAS reads these variables when numpy loads, so they are set (if unset) in this process's
    ``os.environ``, which the workers inherit; numpy in this process is already loaded and keeps
    its threads. "spawn" works the same on Linux, macOS and Windows.
    """
    max_workers = check.integer("max_workers", max_workers, low=1)
    for name, value in ONE_BLAS_THREAD.items():
        os.environ.setdefault(name, value)
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=multiprocessing.get_context("spawn"))


class Trial(NamedTuple):
    """One point of a search: learning rate ``alpha``, hidden units, and the seed of its weights."""

    alpha: float
    hidden: int
    seed: int


class Task(NamedTuple):
    """A small seeded binary classification problem: moons with a training and a dev set."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_dev: np.ndarray
    Y_dev: np.ndarray


def make_task(*, seed: int = 0, m: int = 600, noise: float = 0.3) -> Task:
    """Noisy moons, split 2/3 training and 1/3 dev, inputs normalized with the training stats."""
    seed = check.integer("seed", seed, low=0)
    rng = np.random.default_rng(seed)
    X, labels = data.moons(m, noise=noise, rng=rng)
    s = data.train_dev_test_split(X, data.binary_targets(labels), fractions=(2 / 3, 1 / 3, 0.0),
                                  rng=rng)
    mu, sigma = data.normalize_fit(s.X_train)
    return Task(data.normalize_apply(s.X_train, mu, sigma), s.Y_train,
                data.normalize_apply(s.X_dev, mu, sigma), s.Y_dev)


def train_chunk(task: Task, *, lr: float, n_epochs: int, model=None, hidden: int = 16,
                seed: int = 0, mini_batch_size: int | None = 64):
    """Train (or continue training) a 2 -> hidden -> hidden -> 1 ReLU network with Adam.

    Returns ``(model, history)`` as :func:`course_lib.mlp.train`. ``seed`` seeds the weights and
    the mini-batch shuffles of a new model; a continued model draws its shuffles from
    ``seed + epochs already done`` so every chunk is reproducible.
    """
    if not isinstance(task, Task):
        check.fail("task", "a Task (from make_task)", task)
    if model is None:
        hidden = check.integer("hidden", hidden, low=1)
    seed = check.integer("seed", seed, low=0)
    done = 0 if model is None else model.epochs_done
    rng = np.random.default_rng([seed, done])
    return mlp.train(task.X_train, task.Y_train, rng=rng, model=model,
                     layer_dims=None if model is not None else [2, hidden, hidden, 1],
                     optimizer="adam", lr=lr, n_epochs=n_epochs, mini_batch_size=mini_batch_size,
                     X_dev=task.X_dev, Y_dev=task.Y_dev)


def run_trial(trial: Trial, task: Task, *, n_epochs: int = 60) -> dict:
    """Train one model for ``trial`` and return what a search compares (picklable, small).

    Returns a dict with the trial's ``alpha``, ``hidden``, ``seed``, the per-epoch ``dev_cost``
    and ``dev_acc`` lists, the final ``dev_acc`` as ``score`` and ``diverged``.
    """
    if not isinstance(trial, Trial):
        check.fail("trial", "a Trial(alpha, hidden, seed)", trial)
    alpha = check.positive("trial.alpha", trial.alpha)
    hidden = check.integer("trial.hidden", trial.hidden, low=1)
    seed = check.integer("trial.seed", trial.seed, low=0)
    _, history = train_chunk(task, lr=alpha, n_epochs=n_epochs, hidden=hidden, seed=seed)
    dev_acc = history["dev_acc"]
    return {"alpha": alpha, "hidden": hidden, "seed": seed,
            "dev_cost": [float(c) for c in history["dev_cost"]],
            "dev_acc": [float(a) for a in dev_acc],
            "score": float(dev_acc[-1]) if dev_acc else 0.0,
            "diverged": bool(history["diverged"])}
