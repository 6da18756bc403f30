"""Checker for the input-normalization exercise (03): dev and test data go through the training
set's mean and standard deviation."""

from __future__ import annotations

import numpy as np

from course_lib import data
from course_lib.checks._core import run


def _own_stats(X):
    """X normalized with its own mean and standard deviation (the usual mistake for test data)."""
    mu, sigma = data.normalize_fit(X)
    return data.normalize_apply(X, mu, sigma)


def _cases():
    r = np.random.default_rng(30)
    scales = np.array([[1000.0], [1.0]])
    return [
        ("X_train of shape (2, 4), X_test of shape (2, 3), small integers",
         np.array([[1.0, 2.0, 3.0, 6.0], [0.0, 4.0, 4.0, 0.0]]),
         np.array([[2.0, 7.0, 0.0], [1.0, 3.0, 8.0]])),
        ("x1 up to 1000 and x2 up to 1, 50 training and 10 test examples",
         scales * r.uniform(0.0, 1.0, (2, 50)), scales * r.uniform(0.0, 1.0, (2, 10))),
        ("test examples from a shifted range (x1 + 300, x2 + 0.5)",
         scales * r.uniform(0.0, 1.0, (2, 40)),
         scales * r.uniform(0.0, 1.0, (2, 8)) + np.array([[300.0], [0.5]])),
        ("a single test example (its own standard deviation would be 0)",
         r.normal(5.0, 2.0, (3, 30)), r.normal(5.0, 2.0, (3, 1))),
        ("5 features, 200 training and 100 test examples, different spreads",
         r.normal(0.0, 1.0, (5, 200)) * np.array([[0.1], [1.0], [10.0], [3.0], [50.0]]) + 7.0,
         r.normal(0.0, 1.0, (5, 100)) * np.array([[0.1], [1.0], [10.0], [3.0], [50.0]]) + 7.0),
    ]


def check_normalize_inputs(normalize_inputs) -> None:
    """Check ``normalize_inputs(X_train, X_test)``: both sets normalized with the TRAINING mean and
    standard deviation, examples as columns."""
    cases = _cases()
    hint = ("mu = X_train.mean(axis=1, keepdims=True), sigma = X_train.std(axis=1, keepdims=True); "
            "return (X_train - mu) / sigma, (X_test - mu) / sigma.")

    def body(c):
        for label, X_train, X_test in cases:
            c.case(label)
            out = c.call(X_train, X_test, names=("X_train", "X_test"))
            got_train, got_test = c.unpack(out, ("X_train_norm", "X_test_norm"))
            mu, sigma = data.normalize_fit(X_train)
            ref_train, ref_test = (data.normalize_apply(X, mu, sigma) for X in (X_train, X_test))
            var_train, var_test = ((X - mu) / sigma**2 for X in (X_train, X_test))
            centred_only = [(X - mu) for X in (X_train, X_test)]
            no_centring = [X / sigma for X in (X_train, X_test)]
            ddof1 = X_train.std(axis=1, keepdims=True, ddof=1)
            ddof1_out = [(X - mu) / ddof1 for X in (X_train, X_test)]
            by_example = [(X - X.mean(axis=0, keepdims=True)) / X.std(axis=0, keepdims=True)
                          for X in (X_train, X_test)]
            both = np.hstack([X_train, X_test])
            mu_b, sigma_b = data.normalize_fit(both)
            pooled = [(X - mu_b) / sigma_b for X in (X_train, X_test)]
            hints = [
                "divide by the standard deviation sigma = sqrt(variance), not by the variance "
                "(the lecture's sigma^2 is the vector of variances; x is divided by its square "
                "root).",
                "also divide by sigma: subtracting the mean only centres the data.",
                "subtract the mean too: dividing by sigma only rescales, the data stays off "
                "centre.",
                "use the population standard deviation (divide by m, np.std's default ddof=0), "
                "as in the lecture's sigma^2 = (1/m) sum x^2.",
                "compute mu and sigma per feature, across the examples: axis=1 (examples are "
                "columns), not axis=0.",
                "compute mu and sigma on X_train only, not on training and test data together: "
                "the test set must not influence the transformation.",
            ]
            variants = [(var_train, var_test), centred_only, no_centring, ddof1_out, by_example,
                        pooled]   # (train, test) outputs of each mistake, in the order of hints
            train_mistakes = [(h, v[0]) for h, v in zip(hints, variants)]
            test_mistakes = [(h, v[1]) for h, v in zip(hints, variants)]
            c.array(got_train, ref_train, "the normalized X_train", mistakes=train_mistakes,
                    hint=hint)
            own = _own_stats(X_test) if X_test.shape[1] > 1 else None
            test_mistakes.insert(0, (
                "the test set was normalized with its own mean and standard deviation: use the "
                "TRAINING mu and sigma for X_test too (the model was trained on inputs transformed "
                "with them).", own))
            if X_test.shape[1] == 1:
                test_mistakes.insert(0, (
                    "one test example has standard deviation 0: its own statistics give 0/0. Use "
                    "the TRAINING mu and sigma for X_test.", np.full_like(X_test, np.nan)))
                test_mistakes.insert(1, (
                    "the test example was only centred on itself (it became 0): use the TRAINING "
                    "mu and sigma for X_test.", np.zeros_like(X_test)))
            c.array(got_test, ref_test, "the normalized X_test", mistakes=test_mistakes, hint=hint)

    run("normalize_inputs", normalize_inputs, body, len(cases))
