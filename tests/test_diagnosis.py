"""course_lib.diagnosis: the lecture's four cases, the Bayes error's role, split sizes and their
precision, the recipe's order, the moons' Bayes classifier; bad input named."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib import data, diagnosis
from course_lib.diagnosis import (BIAS_ACTIONS, DONE, VARIANCE_ACTIONS, basic_recipe, diagnose,
                                  error_gaps, moons_bayes_classifier, split_sizes, standard_error)


@pytest.mark.parametrize("train, dev, bayes, expected", [
    (1, 11, 0, "high variance"), (15, 16, 0, "high bias"),
    (15, 30, 0, "high bias and high variance"), (0.5, 1, 0, "low bias and low variance"),
    (15, 16, 15, "low bias and low variance")])
def test_the_lectures_cases(train, dev, bayes, expected):
    assert diagnose(train, dev, bayes) == expected


def test_gaps_are_measured_against_bayes_and_keep_their_sign():
    assert error_gaps(8, 9, 7.5) == (0.5, 1)
    assert error_gaps(10, 8, 2) == (8, -2)   # dev below train: negative variance, not abs()


def test_a_gap_of_exactly_tol_is_not_high_and_units_only_have_to_agree():
    assert diagnose(5, 8, 2) == "low bias and low variance"          # gaps of exactly 3 points
    assert diagnose(5, 8.5, 2) == "high variance"
    assert diagnose(0.02, 0.10, 0.01, tol=0.03) == diagnose(2, 10, 1) == "high variance"


def test_the_recipe_fixes_bias_first():
    assert basic_recipe(15, 30) == BIAS_ACTIONS
    assert basic_recipe(1, 30) == VARIANCE_ACTIONS
    assert basic_recipe(15, 16, 15) == DONE
    assert "more data" not in basic_recipe(15, 16) and "bigger network" not in basic_recipe(1, 11)


def test_split_sizes_and_standard_errors_of_the_lesson():
    assert split_sizes(1_000_000, (0.98, 0.01, 0.01)) == (980_000, 10_000, 10_000)
    assert split_sizes(100, (0.995, 0.0025, 0.0025)) == (100, 0, 0)
    assert split_sizes(101, (0.6, 0.2, 0.2)) == (61, 20, 20)
    assert standard_error(0.10, 10_000) == pytest.approx(0.003, rel=1e-12)
    assert standard_error(0.10, 20) == pytest.approx(0.0670820393, rel=1e-9)


def test_split_sizes_agree_with_the_real_split(rng):
    X = np.arange(2 * 777, dtype=float).reshape(2, 777)
    split = data.train_dev_test_split(X, X[0], fractions=(0.7, 0.2, 0.1), rng=rng)
    assert split_sizes(777, (0.7, 0.2, 0.1)) == tuple(a.shape[1] for a in split[::2])


def test_moons_bayes_classifier_beats_every_other_rule_on_fresh_points(rng):
    X, labels = data.moons(4000, noise=0.25, rng=rng)
    bayes = np.mean(moons_bayes_classifier(X, noise=0.25) != labels)
    assert 0.04 < bayes < 0.07  # the notebook's "about 5.5%"
    # a classifier of the wrong noise level or a straight line does no better
    assert np.mean(moons_bayes_classifier(X, noise=0.1) != labels) >= bayes - 0.005
    assert np.mean((X[1] < 0.25).astype(int) != labels) > bayes
    # noiseless points are classified by their own curve
    t = np.linspace(0.1, 3.0, 20)
    curve0, curve1 = np.stack([np.cos(t), np.sin(t)]), np.stack([1 - np.cos(t), 0.5 - np.sin(t)])
    assert moons_bayes_classifier(curve0, noise=0.05).tolist() == [0] * 20
    assert moons_bayes_classifier(curve1, noise=0.05).tolist() == [1] * 20


@pytest.mark.parametrize("call, message", [
    (lambda: diagnose(-1, 2), r"train_err must be a number >= 0, got -1 \(int\)"),
    (lambda: diagnose(1, "2"), r"dev_err must be a number >= 0, got '2' \(str\)"),
    (lambda: diagnose(1, 2, 3, tol=-0.5), r"tol must be a number >= 0"),
    (lambda: error_gaps(1, 2, float("nan")), r"bayes_err must be a number >= 0"),
    (lambda: basic_recipe(1, 2, tol=None), r"tol must be a number >= 0"),
    (lambda: split_sizes(0, (0.6, 0.2, 0.2)), r"m must be an integer >= 1"),
    (lambda: split_sizes(10, (0.6, 0.2)), r"fractions must be three numbers >= 0 summing to 1"),
    (lambda: split_sizes(10, (0.6, 0.3, 0.3)), r"fractions must be three numbers"),
    (lambda: standard_error(1.5, 10), r"p must be a number in \[0, 1\], got 1.5"),
    (lambda: standard_error(0.1, 0), r"n must be an integer >= 1, got 0"),
    (lambda: moons_bayes_classifier(np.zeros((3, 4)), noise=0.25), r"X must have shape \(2, m\)"),
    (lambda: moons_bayes_classifier(np.zeros((2, 4)), noise=0), r"noise must be a number > 0"),
])
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_module_lists_its_functions():
    for name in ("split_sizes", "standard_error", "error_gaps", "diagnose", "basic_recipe",
                 "moons_bayes_classifier"):
        assert f":func:`{name}`" in diagnosis.__doc__
