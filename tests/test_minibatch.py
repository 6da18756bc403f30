"""Tests of course_lib.minibatch: every example once per epoch, X and Y aligned, sizes as taught."""

from __future__ import annotations

import math
import re
import warnings

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


# --- least squares on mini-batch statistics (the fast descent of notebooks 06 and 09) ---------

from course_lib.divergence import finite_prefix  # noqa: E402
from course_lib.minibatch import least_squares_batches, least_squares_descent  # noqa: E402


def _regression(rng, n=2, m=90):
    X = rng.standard_normal((n, m))
    Y = (np.linspace(1.0, -1.0, n) @ X + 0.5 * rng.standard_normal(m))[None, :]
    return X, Y


def _written_out(X, Y, size, w0, lr_of_epoch, n_epochs, seed):
    """The loop as the notebooks write it: random_mini_batches once per epoch, one generator."""
    rng_batches = np.random.default_rng(seed)
    w, path, costs = w0.copy(), [w0.copy()], []
    for epoch in range(n_epochs):
        for X_t, Y_t in random_mini_batches(X, Y, size, rng_batches):
            residual = w @ X_t - Y_t[0]
            costs.append(np.mean(residual ** 2) / 2)
            w = w - lr_of_epoch(epoch) * X_t @ residual / X_t.shape[1]
            path.append(w.copy())
    return np.array(path), np.array(costs)


@pytest.mark.parametrize("n", [2, 3])  # 2: the plain-float path of the figures; 3: the general one
@pytest.mark.parametrize("size", [1, 7, 16, 90, 200])
def test_descent_takes_the_written_out_loops_steps(rng, n, size):
    X, Y = _regression(rng, n=n)
    seed, w0 = int(rng.integers(2**31)), rng.standard_normal(n)
    batches = least_squares_batches(X, Y, size, n_epochs=3, rng=np.random.default_rng(seed))
    path, costs = least_squares_descent(batches, w0, lr=0.05)
    slow_path, slow_costs = _written_out(X, Y, size, w0, lambda e: 0.05, 3, seed)
    assert batches.steps_per_epoch == n_mini_batches(90, size)
    assert path.shape == slow_path.shape == (3 * batches.steps_per_epoch + 1, n)
    np.testing.assert_allclose(path, slow_path, rtol=0, atol=1e-10)   # rounding only
    np.testing.assert_allclose(costs, slow_costs, rtol=1e-10, atol=1e-12)


def test_batches_are_random_mini_batches_shuffle(rng):
    """The batches, in order, of n_epochs calls of random_mini_batches; the rng ends alike."""
    X, Y = _regression(rng, m=23)
    seed = int(rng.integers(2**31))
    mine, theirs = np.random.default_rng(seed), np.random.default_rng(seed)
    batches = least_squares_batches(X, Y, 5, n_epochs=4, rng=mine)
    t = 0
    for epoch in range(4):
        for X_t, Y_t in random_mini_batches(X, Y, 5, theirs):
            np.testing.assert_allclose(batches.A[t], X_t @ X_t.T / X_t.shape[1], rtol=1e-12)
            np.testing.assert_allclose(batches.c[t], X_t @ Y_t[0] / X_t.shape[1], rtol=1e-12)
            assert np.isclose(batches.k[t], Y_t[0] @ Y_t[0] / (2 * X_t.shape[1]), rtol=1e-12)
            assert batches.sizes[t] == X_t.shape[1] and batches.epoch[t] == epoch
            t += 1
    assert t == len(batches.k) == 4 * 5 and list(batches.sizes[:5]) == [5, 5, 5, 5, 3]
    assert mine.integers(2**31) == theirs.integers(2**31), "the generator must be used the same way"


def test_per_epoch_schedule_as_per_step_rates(rng):
    X, Y = _regression(rng)
    alphas = np.array([0.2, 0.1, 0.05])
    batches = least_squares_batches(X, Y, 8, n_epochs=3, rng=np.random.default_rng(1))
    path, _ = least_squares_descent(batches, np.zeros(2), lr=alphas[batches.epoch])
    slow, _ = _written_out(X, Y, 8, np.zeros(2), lambda e: alphas[e], 3, 1)
    np.testing.assert_allclose(path, slow, rtol=0, atol=1e-10)
    same, _ = least_squares_descent(batches, np.zeros(2), lr=np.full(len(batches.k), 0.2))
    assert np.array_equal(same, least_squares_descent(batches, np.zeros(2), lr=0.2)[0])


def test_n_steps_is_a_prefix_and_inputs_unchanged(rng):
    X, Y = _regression(rng)
    batches = least_squares_batches(X, Y, 10, n_epochs=2, rng=np.random.default_rng(2))
    w0 = np.array([1.0, -1.0])
    full, full_costs = least_squares_descent(batches, w0, lr=0.1)
    part, part_costs = least_squares_descent(batches, w0, lr=0.1, n_steps=5)
    assert np.array_equal(part, full[:6]) and np.array_equal(part_costs, full_costs[:5])
    assert np.array_equal(w0, [1.0, -1.0])
    assert least_squares_descent(batches, w0, lr=0.1, n_steps=0)[0].shape == (1, 2)


@pytest.mark.parametrize("n", [2, 3])
def test_divergence_leaves_nan_after_the_finite_prefix_and_no_warning(rng, n):
    X, Y = _regression(rng, n=n)
    batches = least_squares_batches(X, Y, 1, n_epochs=2, rng=np.random.default_rng(3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path, costs = least_squares_descent(batches, np.ones(n), lr=50.0)
    prefix, bad = finite_prefix(path)
    assert bad is not None and 1 < bad < len(path), "lr = 50 must diverge after a few steps"
    assert np.isnan(path[bad:]).all() and np.isfinite(prefix).all()
    assert np.isfinite(costs[:bad]).all() and np.isnan(costs[bad:]).all()


def test_least_squares_bad_inputs(rng):
    X, Y = _regression(rng, m=10)
    batches = least_squares_batches(X, Y, 4, n_epochs=1, rng=rng)
    with pytest.raises(ValueError, match=r"n_epochs must be an integer >= 1, got 0 \(int\)"):
        least_squares_batches(X, Y, 4, n_epochs=0, rng=rng)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\) with m = 10.*\(2, 10\)"):
        least_squares_batches(X, np.ones((2, 10)), 4, n_epochs=1, rng=rng)
    with pytest.raises(ValueError, match=r"mini_batch_size must be an integer >= 1"):
        least_squares_batches(X, Y, 0, n_epochs=1, rng=rng)
    with pytest.raises(ValueError, match=r"batches must be the LeastSquaresBatches"):
        least_squares_descent([(X, Y)], np.zeros(2), lr=0.1)
    with pytest.raises(ValueError, match=r"w0 must have shape \(2,\).*\(3,\)"):
        least_squares_descent(batches, np.zeros(3), lr=0.1)
    with pytest.raises(ValueError, match=r"lr must be a number > 0, got -0.1 \(float\)"):
        least_squares_descent(batches, np.zeros(2), lr=-0.1)
    with pytest.raises(ValueError, match=r"lr must be a number > 0 or 3 numbers > 0"):
        least_squares_descent(batches, np.zeros(2), lr=np.array([0.1, 0.1]))
    with pytest.raises(ValueError, match=r"n_steps must be at most the 3 batches given, got 4"):
        least_squares_descent(batches, np.zeros(2), lr=0.1, n_steps=4)
