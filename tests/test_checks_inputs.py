"""course_lib.checks.check_normalize_inputs (notebook 03): a right answer passes, each usual
mistake gets its hint, unfinished work gets "not implemented yet", and inputs stay unchanged."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib import checks
from tests.checker_support import learner_mode, run_checker  # noqa: F401 (autouse fixture)

PASS = "All 5 cases pass: normalize_inputs matches the reference.\n"


def stats(X, axis=1, ddof=0):
    return X.mean(axis=axis, keepdims=True), X.std(axis=axis, keepdims=True, ddof=ddof)


def right(X_train, X_test):
    mu, sigma = stats(X_train)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def verdict(capsys, fn) -> str:
    return run_checker(capsys, checks.check_normalize_inputs, fn)


def test_exported():
    assert "check_normalize_inputs" in checks.__all__


def test_right_answer_passes(capsys):
    assert verdict(capsys, right) == PASS


def test_right_answer_written_differently_passes(capsys):
    def with_sqrt(X_train, X_test):
        m = X_train.shape[1]
        mu = X_train.sum(axis=1, keepdims=True) / m
        sigma = np.sqrt(((X_train - mu) ** 2).sum(axis=1, keepdims=True) / m)
        return (X_train - mu) / sigma, (X_test - mu) / sigma
    assert verdict(capsys, with_sqrt) == PASS


def test_golden_values_of_the_first_case(capsys):
    # case 1 by hand: x1 = [1, 2, 3, 6] has mean 3 and variance (4 + 1 + 0 + 9) / 4 = 3.5;
    # the test value 7 becomes (7 - 3) / sqrt(3.5) = 2.13809. Returning exactly that passes case 1.
    def case_one_only(X_train, X_test):
        out_train, out_test = right(X_train, X_test)
        if X_train.shape == (2, 4):
            assert np.isclose(out_test[0, 1], 4 / np.sqrt(3.5))
            assert np.isclose(out_test[1, 2], (8 - 2) / 2)   # x2 = [0, 4, 4, 0]: mean 2, std 2
        return out_train, out_test
    assert verdict(capsys, case_one_only) == PASS


def own_statistics(X_train, X_test):
    return right(X_train, X_train)[0], right(X_test, X_test)[0]


MISTAKES = {
    "test set with its own statistics": (own_statistics, "its own mean and standard deviation"),
    "divided by the variance": (
        lambda a, b: tuple((X - stats(a)[0]) / stats(a)[1] ** 2 for X in (a, b)),
        "not by the variance"),
    "only centred": (lambda a, b: tuple(X - stats(a)[0] for X in (a, b)), "also divide by sigma"),
    "only divided": (lambda a, b: tuple(X / stats(a)[1] for X in (a, b)), "subtract the mean too"),
    "sample standard deviation": (
        lambda a, b: tuple((X - stats(a)[0]) / stats(a, ddof=1)[1] for X in (a, b)), "ddof=0"),
    "statistics per example (axis 0)": (
        lambda a, b: tuple((X - stats(X, axis=0)[0]) / stats(X, axis=0)[1] for X in (a, b)),
        "axis=1"),
    "statistics of train and test together": (
        lambda a, b: tuple((X - stats(np.hstack([a, b]))[0]) / stats(np.hstack([a, b]))[1]
                           for X in (a, b)),
        "on X_train only"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_each_usual_mistake_gets_its_hint(capsys, name):
    fn, hint = MISTAKES[name]
    out = verdict(capsys, fn)
    assert out.startswith("Case 1 of 5") and "expected:" in out and "got:" in out
    assert hint in out.split("Hint:")[1], out


def test_single_test_example_with_its_own_statistics(capsys):
    # right on every case except the one with a single test example, normalized on itself
    def own_when_single(X_train, X_test):
        if X_test.shape[1] == 1:
            return right(X_train, X_test)[0], X_test - X_test.mean(axis=1, keepdims=True)
        return right(X_train, X_test)
    out = verdict(capsys, own_when_single)
    assert out.startswith("Case 4 of 5 (a single test example")
    assert "only centred on itself" in out and "TRAINING mu and sigma" in out

    def nan_when_single(X_train, X_test):
        if X_test.shape[1] == 1:
            return right(X_train, X_test)[0], right(X_test, X_test)[0]
        return right(X_train, X_test)
    with np.errstate(invalid="ignore"):
        out = verdict(capsys, nan_when_single)
    assert out.startswith("Case 4 of 5") and "standard deviation 0" in out and "nan" in out


def test_not_implemented_yet(capsys):
    def stub(X_train, X_test):
        raise NotImplementedError("normalize_inputs: replace this line with your code")
    assert verdict(capsys, stub).startswith("not implemented yet: normalize_inputs")


def test_modifying_the_inputs_is_reported(capsys):
    def in_place(X_train, X_test):
        mu, sigma = stats(X_train)
        X_test -= mu
        X_test /= sigma
        return (X_train - mu) / sigma, X_test
    out = verdict(capsys, in_place)
    assert "modified its input X_test" in out


def test_one_return_value_is_reported(capsys):
    out = verdict(capsys, lambda a, b: right(a, b)[1])
    assert "should return 2 values (X_train_norm, X_test_norm)" in out


def test_grading_mode_raises_after_the_message(capsys, monkeypatch):
    monkeypatch.setenv(checks.MODE_VARIABLE, "raise")
    with pytest.raises(checks.CheckFailed):
        checks.check_normalize_inputs(own_statistics)
    assert "its own mean and standard deviation" in capsys.readouterr().out
    checks.check_normalize_inputs(right)   # a right answer never raises
    assert capsys.readouterr().out == PASS
