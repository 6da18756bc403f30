"""Tests of course_lib.minibatch: every example once per epoch, X and Y aligned, sizes as taught."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib.minibatch import n_mini_batches, random_mini_batches


def _tagged(m):
    """X whose columns carry their own index, and a Y that says which column it belongs to."""
    idx = np.arange(m, dtype=float)
    X = np.vstack([idx, -2.0 * idx, np.full(m, 7.0)])
    Y = np.vstack([idx + 0.5, (idx % 2)])
    return X, Y


@settings(max_examples=60, deadline=None)
@given(m=st.integers(1, 300), size=st.integers(1, 400), seed=st.integers(0, 2**32 - 1))
def test_every_column_once_aligned_and_sizes(m, size, seed):
    X, Y = _tagged(m)
    batches = random_mini_batches(X, Y, size, np.random.default_rng(seed))
    assert len(batches) == math.ceil(m / size) == n_mini_batches(m, size)
    seen = np.concatenate([X_t[0] for X_t, _ in batches])
    assert np.array_equal(np.sort(seen), np.arange(m)), "each example must appear exactly once"
    for X_t, Y_t in batches:
        assert X_t.shape[0] == 3 and Y_t.shape[0] == 2 and X_t.shape[1] == Y_t.shape[1]
        assert np.array_equal(Y_t[0], X_t[0] + 0.5), "X and Y columns must stay paired"
        assert np.array_equal(X_t[1], -2.0 * X_t[0]), "a column of X must move as a whole"
    sizes = [X_t.shape[1] for X_t, _ in batches]
    assert all(s == size for s in sizes[:-1])
    assert sizes[-1] == (m % size if m % size else min(size, m))


def test_uses_one_permutation_of_rng(rng):
    seed = int(rng.integers(2**32))
    X, Y = _tagged(10)
    batches = random_mini_batches(X, Y, 4, np.random.default_rng(seed))
    perm = np.random.default_rng(seed).permutation(10)
    got = np.concatenate([X_t[0] for X_t, _ in batches])
    assert np.array_equal(got, perm), "the order must be exactly rng.permutation(m)"
    assert [X_t.shape[1] for X_t, _ in batches] == [4, 4, 2]  # m % size = 2 for the last one


def test_course_example_sizes():
    # By hand: m = 148 with size 64 gives 64, 64 and a last batch of 148 - 128 = 20.
    X, Y = _tagged(148)
    batches = random_mini_batches(X, Y, 64, np.random.default_rng(1))
    assert [X_t.shape[1] for X_t, _ in batches] == [64, 64, 20]


def test_extremes_batch_and_stochastic(rng):
    X, Y = _tagged(5)
    whole = random_mini_batches(X, Y, 5, rng)
    assert len(whole) == 1 and whole[0][0].shape == (3, 5)
    bigger = random_mini_batches(X, Y, 64, rng)
    assert len(bigger) == 1 and bigger[0][0].shape == (3, 5)
    sgd = random_mini_batches(X, Y, 1, rng)
    assert len(sgd) == 5 and all(X_t.shape == (3, 1) for X_t, _ in sgd)


def test_1d_labels_and_inputs_unchanged(rng):
    X, Y = _tagged(9)
    labels = np.arange(9) * 10
    X0, labels0 = X.copy(), labels.copy()
    batches = random_mini_batches(X, labels, 4, rng)
    for X_t, y_t in batches:
        assert np.array_equal(y_t, X_t[0] * 10)
    assert np.array_equal(X, X0) and np.array_equal(labels, labels0)


def test_same_seed_same_batches():
    X, Y = _tagged(50)
    a = random_mini_batches(X, Y, 16, np.random.default_rng(3))
    b = random_mini_batches(X, Y, 16, np.random.default_rng(3))
    c = random_mini_batches(X, Y, 16, np.random.default_rng(4))
    assert all(np.array_equal(p[0], q[0]) for p, q in zip(a, b))
    assert not np.array_equal(a[0][0], c[0][0])


@pytest.mark.parametrize("size", [0, -3, 2.5, "64", True, None])
def test_bad_mini_batch_size(size, rng):
    X, Y = _tagged(10)
    expected = f"mini_batch_size must be an integer >= 1, got {size!r} ({type(size).__name__})"
    with pytest.raises(ValueError, match=re.escape(expected)):
        random_mini_batches(X, Y, size, rng)


def test_whole_float_size_is_an_integer(rng):
    X, Y = _tagged(10)
    batches = random_mini_batches(X, Y, 4.0, np.random.default_rng(1))
    assert [b[0].shape[1] for b in batches] == [4, 4, 2]
    with pytest.raises(ValueError, match=r"rng must be a numpy.random.Generator.*got 1 \(int\)"):
        random_mini_batches(X, Y, 4, 1)


def test_mismatched_m_and_bad_shapes(rng):
    X, Y = _tagged(10)
    with pytest.raises(ValueError, match=r"Y must have shape .* m = 10.*\(2, 9\)"):
        random_mini_batches(X, Y[:, :9], 4, rng)
    with pytest.raises(ValueError, match="X must have shape"):
        random_mini_batches(X[0], Y, 4, rng)


def test_numpy_integer_size_accepted(rng):
    X, Y = _tagged(10)
    assert len(random_mini_batches(X, Y, np.int64(3), rng)) == 4
