"""Tests of course_lib.data: the toy sets' geometry, splitting, and normalization with train stats."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import data

GENERATORS = {
    "moons": lambda m, rng: data.moons(m, noise=0.1, rng=rng),
    "circles": lambda m, rng: data.circles(m, noise=0.1, factor=0.5, rng=rng),
    "spirals": lambda m, rng: data.spirals(m, n_classes=3, noise=0.2, rng=rng),
    "blobs": lambda m, rng: data.blobs(m, centers=4, spread=0.5, rng=rng),
}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_shapes_balance_and_determinism(name):
    make = GENERATORS[name]
    X, labels = make(101, np.random.default_rng(5))
    X2, labels2 = make(101, np.random.default_rng(5))
    X3, _ = make(101, np.random.default_rng(6))
    assert X.shape == (2, 101) and labels.shape == (101,) and X.dtype == np.float64
    assert np.array_equal(X, X2) and np.array_equal(labels, labels2), "same seed, same data"
    assert not np.allclose(X, X3), "another seed gives other data"
    counts = np.bincount(labels)
    assert counts.max() - counts.min() <= 1, f"classes should be balanced, got {counts}"
    assert np.isfinite(X).all()
    # Shuffled: the labels are not sorted (probability of sorted by chance is negligible).
    assert np.any(np.diff(labels) < 0)


def test_moons_without_noise_lie_on_the_two_half_circles(rng):
    X, labels = data.moons(200, noise=0.0, rng=rng)
    x, y = X
    zero, one = labels == 0, labels == 1
    # class 0 on the unit upper half circle; class 1 on the circle of centre (1, 0.5), lower half
    np.testing.assert_allclose(x[zero] ** 2 + y[zero] ** 2, 1.0, atol=1e-12)
    assert (y[zero] >= -1e-12).all()
    np.testing.assert_allclose((x[one] - 1) ** 2 + (y[one] - 0.5) ** 2, 1.0, atol=1e-12)
    assert (y[one] <= 0.5 + 1e-12).all()


def test_circles_without_noise_have_the_two_radii(rng):
    X, labels = data.circles(200, noise=0.0, factor=0.3, rng=rng)
    radius = np.hypot(*X)
    np.testing.assert_allclose(radius[labels == 0], 1.0, atol=1e-12)
    np.testing.assert_allclose(radius[labels == 1], 0.3, atol=1e-12)


def test_spirals_without_noise_follow_their_arm(rng):
    C = 4
    X, labels = data.spirals(400, n_classes=C, noise=0.0, rng=rng)
    r = np.hypot(*X)
    theta = np.arctan2(X[1], X[0])
    # angle = 2 pi c / C + 4 r (mod 2 pi) by construction of the arms
    residual = np.angle(np.exp(1j * (theta - 2 * np.pi * labels / C - 4 * r)))
    assert np.abs(residual[r > 1e-9]).max() < 1e-9
    assert set(labels) == set(range(C)) and (r <= 1 + 1e-12).all()


def test_blob_means_near_centres(rng):
    centres = np.array([[0.0, 0.0], [5.0, -1.0], [-3.0, 4.0]])
    X, labels = data.blobs(3000, centers=centres, spread=0.5, rng=rng)
    for c, centre in enumerate(centres):
        mean = X[:, labels == c].mean(axis=1)
        # standard error 0.5 / sqrt(1000) = 0.016; allow 6 standard errors
        np.testing.assert_allclose(mean, centre, atol=0.1)
        np.testing.assert_allclose(X[:, labels == c].std(axis=1), 0.5, rtol=0.1)


def test_daily_temperatures_are_a_plausible_year(rng):
    T = data.daily_temperatures(rng=rng)
    assert T.shape == (365,) and np.isfinite(T).all()
    january, july = T[:31].mean(), T[181:212].mean()
    # By hand from 11 - 7 cos(2 pi (d - 15) / 365): about 4 C in January and 18 C in July.
    # Weather noise has stationary sd 2 / sqrt(1 - 0.49) = 2.8 C and correlates over ~6 days,
    # so a month's mean has sd about 1.2 C; allow 3.5 C.
    assert abs(january - 4.1) < 3.5 and abs(july - 17.9) < 3.5
    assert abs(T.mean() - 11.0) < 2.0
    assert -20 < T.min() and T.max() < 40
    assert 1.0 < np.diff(T).std() < 4.0, "day-to-day changes of a few degrees"
    assert data.daily_temperatures(rng=np.random.default_rng(0), days=30).shape == (30,)
    assert np.array_equal(data.daily_temperatures(rng=np.random.default_rng(1)),
                          data.daily_temperatures(rng=np.random.default_rng(1)))


def test_binary_targets():
    Y = data.binary_targets(np.array([0, 1, 1, 0]))
    assert Y.shape == (1, 4) and Y.dtype == np.float64
    assert Y.tolist() == [[0.0, 1.0, 1.0, 0.0]]
    with pytest.raises(ValueError, match="0/1"):
        data.binary_targets(np.array([0, 2]))


@settings(max_examples=40, deadline=None)
@given(m=st.integers(3, 400), seed=st.integers(0, 2**32 - 1),
       dev=st.floats(0.0, 0.45), test=st.floats(0.0, 0.45))
def test_split_is_a_partition_with_aligned_columns(m, seed, dev, test):
    X = np.vstack([np.arange(m), np.arange(m) ** 2]).astype(float)
    Y = (np.arange(m) * 3)[None, :]
    s = data.train_dev_test_split(X, Y, fractions=(1 - dev - test, dev, test),
                                  rng=np.random.default_rng(seed))
    assert s.X_dev.shape[1] == round(dev * m) and s.X_test.shape[1] == round(test * m)
    ids = np.concatenate([s.X_train[0], s.X_dev[0], s.X_test[0]])
    assert np.array_equal(np.sort(ids), np.arange(m))
    for Xp, Yp in ((s.X_train, s.Y_train), (s.X_dev, s.Y_dev), (s.X_test, s.Y_test)):
        assert np.array_equal(Yp[0], Xp[0] * 3) and np.array_equal(Xp[1], Xp[0] ** 2)


def test_split_course_proportions(rng):
    X = rng.standard_normal((2, 1_000_000))
    labels = np.zeros(1_000_000, dtype=int)
    s = data.train_dev_test_split(X, labels, fractions=(0.98, 0.01, 0.01), rng=rng)
    # The course: with a million examples, 10,000 each for dev and test are enough.
    assert [a.shape[-1] for a in s] == [980_000] * 2 + [10_000] * 4
    X_tr, Y_tr, *_ = s
    assert X_tr is s.X_train


@pytest.mark.parametrize("fractions", [(0.5, 0.5, 0.5), (1.1, -0.05, -0.05), (0.8, 0.2)])
def test_split_bad_fractions(fractions, rng):
    with pytest.raises(ValueError, match="fractions"):
        data.train_dev_test_split(np.zeros((2, 10)), np.zeros(10), fractions=fractions, rng=rng)


def test_split_mismatched_m(rng):
    with pytest.raises(ValueError, match=r"Y must have shape .* m = 10"):
        data.train_dev_test_split(np.zeros((2, 10)), np.zeros((1, 9)), fractions=(.8, .1, .1),
                                  rng=rng)


def test_normalize_golden_values():
    X = np.array([[1.0, 2.0, 3.0], [10.0, 10.0, 10.0]])
    mu, sigma = data.normalize_fit(X)
    # By hand: means 2 and 10; biased variances 2/3 and 0.
    np.testing.assert_allclose(mu, [[2.0], [10.0]], rtol=0, atol=1e-15)
    np.testing.assert_allclose(sigma, [[np.sqrt(2 / 3)], [0.0]], rtol=1e-15, atol=0)
    Xn = data.normalize_apply(X, mu, sigma)
    np.testing.assert_allclose(Xn, [[-np.sqrt(1.5), 0, np.sqrt(1.5)], [0, 0, 0]], atol=1e-15)


def test_normalize_reuses_train_statistics_on_dev(rng):
    scale = np.array([[1000.0], [1.0], [0.01]])
    X_train = scale * rng.standard_normal((3, 500)) + np.array([[500.0], [0.5], [-2.0]])
    X_dev = scale * rng.standard_normal((3, 50)) + np.array([[520.0], [0.6], [-2.0]])
    kept = X_train.copy(), X_dev.copy()
    mu, sigma = data.normalize_fit(X_train)
    train_n = data.normalize_apply(X_train, mu, sigma)
    dev_n = data.normalize_apply(X_dev, mu, sigma)
    np.testing.assert_allclose(train_n.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(train_n.std(axis=1), 1.0, rtol=1e-12)
    # Dev goes through the *training* transformation, computed here independently, column by column.
    for j in range(X_dev.shape[1]):
        for i in range(3):
            expected = (X_dev[i, j] - X_train[i].sum() / 500) / np.sqrt(
                ((X_train[i] - X_train[i].sum() / 500) ** 2).sum() / 500)
            assert dev_n[i, j] == pytest.approx(expected, rel=1e-10, abs=1e-12)
    # ... so the dev set is NOT exactly standardized (its own mean differs), as it should be.
    assert abs(dev_n[0].mean()) > 1e-3
    assert np.array_equal(kept[0], X_train) and np.array_equal(kept[1], X_dev)


def test_normalize_bad_input():
    with pytest.raises(ValueError, match="X must have shape"):
        data.normalize_fit(np.zeros(5))
    mu, sigma = np.zeros((2, 1)), np.ones((2, 1))
    with pytest.raises(ValueError, match="mu, sigma"):
        data.normalize_apply(np.zeros((3, 4)), mu, sigma)
    with pytest.raises(ValueError, match="sigma must be >= 0"):
        data.normalize_apply(np.zeros((2, 4)), mu, -sigma)


@pytest.mark.parametrize("call", [
    lambda rng: data.moons(0, noise=0.1, rng=rng),
    lambda rng: data.moons(10, noise=-1, rng=rng),
    lambda rng: data.circles(10, noise=0.1, factor=1.5, rng=rng),
    lambda rng: data.spirals(10, n_classes=1, noise=0.1, rng=rng),
    lambda rng: data.blobs(10, centers=np.zeros((3, 3)), spread=0.1, rng=rng),
    lambda rng: data.daily_temperatures(rng=rng, days=0),
])
def test_generators_bad_input(call, rng):
    with pytest.raises(ValueError, match="must"):
        call(rng)
