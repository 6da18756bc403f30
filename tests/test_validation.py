"""Bad input, everywhere the same: every public function's arguments, one message shape.

Each case calls a ``course_lib`` function with one bad argument and states the start of the
message (the argument's name and "must be ...") and what arrived, as the message must show it:

    decay must be a number in [0, 1), got '0.9' (str)

The module tests check the finer points; this file makes sure no function was left out and that a
string, an out-of-range value and a wrong shape each give a ``ValueError`` a learner can act on
(never a ``TypeError`` from inside numpy).
"""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import pytest

import course_lib
from course_lib import diagnosis, divergence, snapshots
from course_lib.figures import blit, contours, live, regions
from course_lib import (
    _validate,
    lesson,
    batchnorm,
    data,
    ewa,
    gradcheck,
    hparams,
    initializers,
    layers,
    minibatch,
    mlp,
    network,
    optimizers,
    regularization,
    schedules,
    search,
    softmax,
    surfaces,
)

RNG = np.random.default_rng  # a fresh generator per call keeps every case independent
ONES = np.ones((2, 3))
PARAMS = {
    "W1": np.ones((3, 2)),
    "b1": np.zeros((3, 1)),
    "W2": np.ones((1, 3)),
    "b2": np.zeros((1, 1)),
}
X2 = np.zeros((2, 4))
Y2 = np.array([[0.0, 1.0, 0.0, 1.0]])


def _bn(**kw):
    args = dict(training=True)
    args.update(kw)
    return batchnorm.batchnorm_forward(
        ONES, np.ones((2, 1)), np.zeros((2, 1)), batchnorm.batchnorm_init(2), **args
    )


def _step(name, **kw):
    init, step = optimizers.OPTIMIZERS[name]
    args = dict(lr=0.1)
    args.update(kw)
    return step(np.ones(2), np.ones(2), init(np.ones(2)), **args)


def _train(**kw):
    args = dict(layer_dims=[2, 3, 1], rng=RNG(0), n_epochs=1)
    args.update(kw)
    return mlp.train(X2, Y2, **args)


# (call, start of the message, what arrived as the message shows it)
CASES = {
    # lesson
    "lesson_settings yours": (
        lambda: lesson.lesson_settings(0.1, {"NOISE": 0.25}),
        "yours and lesson must be dicts",
        "float and dict",
    ),
    "changed_settings unknown": (
        lambda: lesson.changed_settings({"NOSIE": 0.1}, {"NOISE": 0.25}),
        "yours names settings the lesson does not define",
        "['NOSIE']",
    ),
    # ewa
    "ewa beta str": (
        lambda: ewa.ewa([1.0, 2.0], "0.9"),
        "beta must be a number in [0, 1)",
        "'0.9' (str)",
    ),
    "ewa beta range": (
        lambda: ewa.ewa([1.0, 2.0], 1.0),
        "beta must be a number in [0, 1)",
        "1.0 (float)",
    ),
    "ewa bias_correction": (
        lambda: ewa.ewa([1.0], 0.9, bias_correction="yes"),
        "bias_correction must be True or False",
        "'yes' (str)",
    ),
    "ewa theta text": (
        lambda: ewa.ewa(["a", "b"], 0.9),
        "theta must be an array of numbers",
        "['a', 'b'] (list)",
    ),
    "effective_window beta": (
        lambda: ewa.effective_window(-0.1),
        "beta must be a number in [0, 1)",
        "-0.1 (float)",
    ),
    "ewa_weights n": (lambda: ewa.ewa_weights(0.9, "3"), "n must be an integer >= 1", "'3' (str)"),
    # optimizers
    "gd_step lr str": (lambda: _step("gd", lr="0.1"), "lr must be a number > 0", "'0.1' (str)"),
    "gd_step lr range": (lambda: _step("gd", lr=-1.0), "lr must be a number > 0", "-1.0 (float)"),
    "momentum_step beta": (
        lambda: _step("momentum", beta=1.0),
        "beta must be a number in [0, 1)",
        "1.0 (float)",
    ),
    "rmsprop_step eps": (
        lambda: _step("rmsprop", eps="1e-8"),
        "eps must be a number > 0",
        "'1e-8' (str)",
    ),
    "adam_step beta1": (
        lambda: _step("adam", beta1="0.9"),
        "beta1 must be a number in [0, 1)",
        "'0.9' (str)",
    ),
    "adam_step beta2": (
        lambda: _step("adam", beta2=1.5),
        "beta2 must be a number in [0, 1)",
        "1.5 (float)",
    ),
    "adam_step dw shape": (
        lambda: optimizers.adam_step(
            np.ones(2), np.ones(3), optimizers.adam_init(np.ones(2)), lr=0.1
        ),
        "dw must have the shape of w (2,)",
        "(3,)",
    ),
    "optimize opt": (
        lambda: optimizers.optimize("sgd", lambda w: w, 1.0, n_steps=1, lr=0.1),
        "opt must be one of ['adam', 'gd', 'momentum', 'rmsprop']",
        "'sgd' (str)",
    ),
    "optimize n_steps": (
        lambda: optimizers.optimize("gd", lambda w: w, 1.0, n_steps="10", lr=0.1),
        "n_steps must be an integer >= 0",
        "'10' (str)",
    ),
    "optimize schedule": (
        lambda: optimizers.optimize("gd", lambda w: w, 1.0, n_steps=1, lr=0.1, schedule=0.1),
        "schedule must be a function schedule(k) -> lr, or None",
        "0.1 (float)",
    ),
    "optimize hyperparameter": (
        lambda: optimizers.optimize("adam", lambda w: w, 1.0, n_steps=1, lr=0.1, beta=0.9),
        "the hyperparameters of 'adam' must be among (lr, beta1, beta2, eps)",
        "'beta'",
    ),
    "gd_init w": (lambda: optimizers.gd_init("w"), "w must be an array of numbers", "'w' (str)"),
    "momentum_init w": (
        lambda: optimizers.momentum_init("w"),
        "w must be an array of numbers",
        "'w' (str)",
    ),
    "rmsprop_init w": (
        lambda: optimizers.rmsprop_init(None),
        "w must be an array of numbers",
        "None (NoneType)",
    ),
    "adam_init w": (
        lambda: optimizers.adam_init([1, "2"]),
        "w must be an array of numbers",
        "[1, '2'] (list)",
    ),
    "init_params_state params": (
        lambda: optimizers.init_params_state("adam", [np.ones(2)]),
        "params must be a dict",
        "(list)",
    ),
    "step_params grads": (
        lambda: optimizers.step_params(
            "gd", PARAMS, None, optimizers.init_params_state("gd", PARAMS), lr=0.1
        ),
        "grads must be a dict keyed by parameter name",
        "None (NoneType)",
    ),
    # schedules
    "constant lr0": (
        lambda: schedules.constant("0.1", 1),
        "lr0 must be a number > 0",
        "'0.1' (str)",
    ),
    "inverse_time_decay decay_rate": (
        lambda: schedules.inverse_time_decay(0.1, 1, decay_rate=-1),
        "decay_rate must be a number >= 0",
        "-1 (int)",
    ),
    "exponential_decay base": (
        lambda: schedules.exponential_decay(0.1, 1, base=1.5),
        "base must be a number in (0, 1]",
        "1.5 (float)",
    ),
    "inverse_sqrt_decay k": (
        lambda: schedules.inverse_sqrt_decay(0.1, 1, k="1"),
        "k must be a number > 0",
        "'1' (str)",
    ),
    "staircase_decay drop": (
        lambda: schedules.staircase_decay(0.1, 1, drop=0.0, every=2),
        "drop must be a number in (0, 1]",
        "0.0 (float)",
    ),
    "staircase_decay every": (
        lambda: schedules.staircase_decay(0.1, 1, drop=0.5, every=None),
        "every must be a number > 0",
        "None (NoneType)",
    ),
    "fixed_interval_decay time_interval": (
        lambda: schedules.fixed_interval_decay(0.1, 1, decay_rate=1, time_interval=0),
        "time_interval must be a number > 0",
        "0 (int)",
    ),
    "inverse_time_decay epoch": (
        lambda: schedules.inverse_time_decay(0.1, "3", decay_rate=1),
        "epoch must be a number or an array",
        "'3' (str)",
    ),
    # batch norm
    "batchnorm_init n": (
        lambda: batchnorm.batchnorm_init("4"),
        "n (the number of units) must be an integer >= 1",
        "'4' (str)",
    ),
    "batchnorm_forward decay str": (
        lambda: _bn(decay="0.9"),
        "decay must be a number in [0, 1)",
        "'0.9' (str)",
    ),
    "batchnorm_forward decay range": (
        lambda: _bn(decay=1.0),
        "decay must be a number in [0, 1)",
        "1.0 (float)",
    ),
    "batchnorm_forward eps": (lambda: _bn(eps=0), "eps must be a number > 0", "0 (int)"),
    "batchnorm_forward training": (
        lambda: _bn(training="yes"),
        "training must be True or False",
        "'yes' (str)",
    ),
    "batchnorm_forward stats": (
        lambda: batchnorm.batchnorm_forward(
            ONES, np.ones((2, 1)), np.zeros((2, 1)), (0, 1), training=True
        ),
        "stats must be a BatchNormStats",
        "(0, 1) (tuple)",
    ),
    "batchnorm_forward gamma shape": (
        lambda: batchnorm.batchnorm_forward(
            ONES, np.ones((3, 1)), np.zeros((2, 1)), batchnorm.batchnorm_init(2), training=True
        ),
        "Z has shape (2, 3) but gamma has shape (3, 1)",
        "expected gamma of shape (2, 1)",
    ),
    "batchnorm_backward cache": (
        lambda: batchnorm.batchnorm_backward(ONES, None),
        "cache must be the BatchNormCache",
        "None (NoneType)",
    ),
    # softmax
    "softmax Z text": (
        lambda: softmax.softmax("1 2"),
        "Z must be an array of numbers",
        "'1 2' (str)",
    ),
    "softmax Z shape": (
        lambda: softmax.softmax(np.ones((2, 2, 2))),
        "Z must have shape (C, m) or (C,)",
        "shape (2, 2, 2)",
    ),
    "one_hot C": (
        lambda: softmax.one_hot([0, 1], 2.5),
        "C (the number of classes) must be an integer >= 1",
        "2.5 (float)",
    ),
    "cross_entropy Y shape": (
        lambda: softmax.cross_entropy(np.full((2, 2), 0.5), np.ones(2)),
        "Y_hat has shape (2, 2) but Y has shape (2,)",
        "(use one_hot",
    ),
    "softmax_cross_entropy Y text": (
        lambda: softmax.softmax_cross_entropy(np.ones((2, 2)), "Y"),
        "Y must be one-hot of shape (2, 2)",
        "'Y' (str)",
    ),
    # layers
    "relu Z text": (lambda: layers.relu("z"), "Z must be an array of numbers", "'z' (str)"),
    "sigmoid Z text": (
        lambda: layers.sigmoid(None),
        "Z must be an array of numbers",
        "None (NoneType)",
    ),
    "tanh Z text": (lambda: layers.tanh(["1"]), "Z must be an array of numbers", "['1'] (list)"),
    "sigmoid_backward shapes": (
        lambda: layers.sigmoid_backward(np.ones(2), np.ones(2), np.ones(3)),
        "dA, Z and A must have the same shape",
        "(2,), (2,) and (3,)",
    ),
    "tanh_backward text": (
        lambda: layers.tanh_backward("dA", np.ones(2), np.ones(2)),
        "dA must be an array of numbers",
        "'dA' (str)",
    ),
    "relu_backward shapes": (
        lambda: layers.relu_backward(np.ones((2, 3)), np.ones((2, 3)), np.ones((3, 2))),
        "dA, Z and A must have the same shape (n, m)",
        "(2, 3), (2, 3) and (3, 2)",
    ),
    "linear_forward W shape": (
        lambda: layers.linear_forward(np.ones((3, 4)), np.ones((2, 2))),
        "W has shape (2, 2) but A_prev has shape (3, 4)",
        "(3)",
    ),
    "linear_forward b shape": (
        lambda: layers.linear_forward(np.ones((3, 4)), np.ones((2, 3)), np.ones(2)),
        "b must have shape (2, 1)",
        "(2,)",
    ),
    "linear_backward dZ shape": (
        lambda: layers.linear_backward(np.ones((2, 5)), np.ones((3, 4)), np.ones((2, 3))),
        "dZ must have shape (n[l], m) = (2, 4)",
        "(2, 5)",
    ),
    "output_cost output": (
        lambda: layers.output_cost(np.zeros((1, 2)), np.zeros((1, 2)), output="tanh"),
        "output must be one of ['sigmoid', 'softmax']",
        "'tanh' (str)",
    ),
    "output_cost Y shape": (
        lambda: layers.output_cost(np.zeros((1, 3)), np.zeros(3), output="sigmoid"),
        "Y must have the shape of ZL (1, 3)",
        "(3,)",
    ),
    # regularization
    "l2_cost lambd": (
        lambda: regularization.l2_cost(PARAMS, lambd="0.7", m=3),
        "lambd must be a number >= 0",
        "'0.7' (str)",
    ),
    "l2_cost m": (
        lambda: regularization.l2_cost(PARAMS, lambd=0.7, m=0),
        "m (the number of training examples) must be an integer >= 1",
        "0 (int)",
    ),
    "l2_grad lambd": (
        lambda: regularization.l2_grad(np.ones((2, 2)), lambd=-1.0, m=3),
        "lambd must be a number >= 0",
        "-1.0 (float)",
    ),
    "dropout_forward keep_prob": (
        lambda: regularization.dropout_forward(ONES, 1.5, RNG(0)),
        "keep_prob must be a number in (0, 1]",
        "1.5 (float)",
    ),
    "dropout_forward rng": (
        lambda: regularization.dropout_forward(ONES, 0.5, 0),
        "rng must be a numpy.random.Generator",
        "0 (int)",
    ),
    "dropout_backward keep_prob": (
        lambda: regularization.dropout_backward(ONES, ONES > 0, "0.5"),
        "keep_prob must be a number in (0, 1]",
        "'0.5' (str)",
    ),
    # gradcheck
    "numerical_gradient eps": (
        lambda: gradcheck.numerical_gradient(np.sum, np.ones(2), eps=-1e-7),
        "eps must be a number > 0",
        "-1e-07 (float)",
    ),
    "one_sided_gradient f": (
        lambda: gradcheck.one_sided_gradient("f", np.ones(2)),
        "f must be a function",
        "'f' (str)",
    ),
    "relative_difference text": (
        lambda: gradcheck.relative_difference("a", np.ones(2)),
        "a must be an array of numbers",
        "'a' (str)",
    ),
    "gradient_check shapes": (
        lambda: gradcheck.gradient_check(np.sum, np.ones(2), np.ones(3)),
        "theta has shape (2,) but dtheta has shape",
        "(3,)",
    ),
    "dict_to_vector params": (
        lambda: gradcheck.dict_to_vector([1.0]),
        "params must be a dict of arrays",
        "[1.0] (list)",
    ),
    "check_network_gradients function": (
        lambda: gradcheck.check_network_gradients(PARAMS, X2, Y2, cost_and_grads=None),
        "cost_and_grads must be a function",
        "None (NoneType)",
    ),
    "vector_to_dict shape": (
        lambda: gradcheck.vector_to_dict(np.ones(3), [("W1", (2, 1))]),
        "vector must have shape (2,)",
        "(3,)",
    ),
    # initializers
    "he layer_dims": (
        lambda: initializers.he([2, "3"], RNG(0)),
        "layer_dims must be a list of at least 2 positive integers",
        "[2, '3'] (list)",
    ),
    "xavier rng": (
        lambda: initializers.xavier([2, 3], 42),
        "rng must be a numpy.random.Generator",
        "42 (int)",
    ),
    "glorot layer_dims": (
        lambda: initializers.glorot([2, 0], RNG(0)),
        "layer_dims must be a list",
        "[2, 0] (list)",
    ),
    "zeros layer_dims": (lambda: initializers.zeros(3), "layer_dims must be a list", "3 (int)"),
    "random_normal scale": (
        lambda: initializers.random_normal([2, 3], RNG(0), scale="10"),
        "scale must be a number > 0",
        "'10' (str)",
    ),
    # minibatch
    "n_mini_batches size": (
        lambda: minibatch.n_mini_batches(10, 0),
        "mini_batch_size must be an integer >= 1",
        "0 (int)",
    ),
    "n_mini_batches m": (
        lambda: minibatch.n_mini_batches("10", 2),
        "m (the number of examples) must be an integer >= 0",
        "'10' (str)",
    ),
    "random_mini_batches size": (
        lambda: minibatch.random_mini_batches(X2, Y2, "64", RNG(0)),
        "mini_batch_size must be an integer >= 1",
        "'64' (str)",
    ),
    "least_squares_batches n_epochs": (
        lambda: minibatch.least_squares_batches(X2, Y2, 2, n_epochs=0, rng=RNG(0)),
        "n_epochs must be an integer >= 1",
        "0 (int)",
    ),
    "least_squares_descent lr": (
        lambda: minibatch.least_squares_descent(
            minibatch.least_squares_batches(X2, Y2, 2, n_epochs=1, rng=RNG(0)), np.zeros(2),
            lr="0.1"),
        "lr must be a number > 0",
        "'0.1' (str)",
    ),
    # diagnosis (train/dev/test sizes, bias and variance)
    "split_sizes fractions": (
        lambda: diagnosis.split_sizes(100, (0.6, 0.2)),
        "fractions must be three numbers >= 0 summing to 1",
        "(0.6, 0.2) (tuple)",
    ),
    "standard_error p": (
        lambda: diagnosis.standard_error(1.5, 100), "p must be a number in [0, 1]", "1.5 (float)"),
    "error_gaps bayes_err": (
        lambda: diagnosis.error_gaps(10.0, 12.0, -1.0),
        "bayes_err must be a number >= 0",
        "-1.0 (float)",
    ),
    "diagnose train_err": (
        lambda: diagnosis.diagnose("15", 16.0), "train_err must be a number >= 0", "'15' (str)"),
    "basic_recipe tol": (
        lambda: diagnosis.basic_recipe(15.0, 16.0, tol=-3), "tol must be a number >= 0", "-3 (int)"),
    "moons_bayes_classifier X": (
        lambda: diagnosis.moons_bayes_classifier(np.zeros((3, 5)), noise=0.25),
        "X must have shape (2, m)",
        "got shape (3, 5)",
    ),
    "random_mini_batches shape": (
        lambda: minibatch.random_mini_batches(X2, np.ones((1, 3)), 2, RNG(0)),
        "Y must have shape (k, m) with m = 4",
        "(1, 3)",
    ),
    # data
    "moons m": (
        lambda: data.moons(10.5, noise=0.1, rng=RNG(0)),
        "m must be an integer >= 1",
        "10.5 (float)",
    ),
    "moons noise": (
        lambda: data.moons(10, noise="0.1", rng=RNG(0)),
        "noise must be a number >= 0",
        "'0.1' (str)",
    ),
    "moons rng": (
        lambda: data.moons(10, noise=0.1, rng=None),
        "rng must be a numpy.random.Generator",
        "None (NoneType)",
    ),
    "circles factor": (
        lambda: data.circles(10, noise=0.1, factor=1.5, rng=RNG(0)),
        "factor must be a number in (0, 1)",
        "1.5 (float)",
    ),
    "spirals n_classes": (
        lambda: data.spirals(10, n_classes=1, noise=0.1, rng=RNG(0)),
        "n_classes must be an integer >= 2",
        "1 (int)",
    ),
    "blobs spread": (
        lambda: data.blobs(10, centers=2, spread=-1.0, rng=RNG(0)),
        "spread must be a number >= 0",
        "-1.0 (float)",
    ),
    "blobs centers": (
        lambda: data.blobs(10, centers=0, spread=0.5, rng=RNG(0)),
        "centers must be an integer >= 1 or an array of shape (k, 2)",
        "0 (int)",
    ),
    "daily_temperatures days": (
        lambda: data.daily_temperatures(rng=RNG(0), days="365"),
        "days must be an integer >= 1",
        "'365' (str)",
    ),
    "binary_targets labels": (
        lambda: data.binary_targets([0, 2]),
        "labels must be a 1-D array of 0/1",
        "values 0, 2",
    ),
    "train_dev_test_split fractions": (
        lambda: data.train_dev_test_split(X2, Y2, fractions=(0.5, 0.5), rng=RNG(0)),
        "fractions must be three numbers >= 0 summing to 1",
        "(0.5, 0.5) (tuple)",
    ),
    "normalize_fit X": (
        lambda: data.normalize_fit(np.ones(3)),
        "X must have shape (n_x, m) with m >= 1",
        "shape (3,)",
    ),
    "normalize_apply sigma": (
        lambda: data.normalize_apply(X2, np.zeros((2, 1)), -np.ones((2, 1))),
        "sigma must be >= 0",
        "-1.0",
    ),
    # hparams
    "sample_log_uniform bounds": (
        lambda: hparams.sample_log_uniform(0.0, 1.0, 3, RNG(0)),
        "(low, high) on a log scale must be",
        "(0.0, 1.0) (tuple)",
    ),
    "sample_log_uniform size": (
        lambda: hparams.sample_log_uniform(1e-4, 1.0, "3", RNG(0)),
        "size must be an integer >= 0",
        "'3' (str)",
    ),
    "sample_beta bounds": (
        lambda: hparams.sample_beta(0.9, 1.0, 3, RNG(0)),
        "(low, high) must be two numbers with 0 <= low < high < 1",
        "(0.9, 1.0) (tuple)",
    ),
    "grid_design n_per_axis": (
        lambda: hparams.grid_design({"a": (0.0, 1.0)}, 0),
        "n_per_axis for 'a' must be an integer >= 1",
        "0 (int)",
    ),
    "grid_design scale": (
        lambda: hparams.grid_design({"a": (0.0, 1.0)}, 3, scales="ln"),
        "the scale of 'a' must be 'linear' or 'log'",
        "'ln' (str)",
    ),
    "random_design ranges": (
        lambda: hparams.random_design([(0.0, 1.0)], 3, RNG(0)),
        "ranges must be a non-empty dict",
        "[(0.0, 1.0)] (list)",
    ),
    "random_design n": (
        lambda: hparams.random_design({"a": (0.0, 1.0)}, 2.5, RNG(0)),
        "n must be an integer >= 0",
        "2.5 (float)",
    ),
    "zoom factor": (
        lambda: hparams.zoom({"a": (0.0, 1.0)}, {"a": 0.5}, factor=0.5),
        "factor must be a number >= 1",
        "0.5 (float)",
    ),
    "zoom best_point": (
        lambda: hparams.zoom({"a": (0.0, 1.0)}, {"a": "0.5"}, factor=2),
        "best_point['a'] must be a number in [0, 1]",
        "'0.5' (str)",
    ),
    # surfaces
    "bowl condition": (
        lambda: surfaces.bowl(condition="20"),
        "condition must be a number >= 1",
        "'20' (str)",
    ),
    "bowl angle": (
        lambda: surfaces.bowl(angle="30"),
        "angle (in degrees) must be a number",
        "'30' (str)",
    ),
    "plateau width": (
        lambda: surfaces.plateau(width=-1.0),
        "width must be a number > 0",
        "-1.0 (float)",
    ),
    "rosenbrock b": (lambda: surfaces.rosenbrock(b="100"), "b must be a number > 0", "'100' (str)"),
    "saddle grad w": (
        lambda: surfaces.saddle().grad(np.zeros(3)),
        "w must have shape (2,) or (2, ...)",
        "(3,)",
    ),
    # network
    "hidden_keep_probs length": (
        lambda: network.hidden_keep_probs((0.5, 0.5), 2),
        "keep_prob must be a number or one number per hidden layer (1)",
        "(0.5, 0.5) (tuple)",
    ),
    "forward training": (
        lambda: network.forward(PARAMS, X2, training=1),
        "training must be True or False",
        "1 (int)",
    ),
    "forward activation": (
        lambda: network.forward(PARAMS, X2, training=False, activation="elu"),
        "activation must be one of ['relu', 'sigmoid', 'tanh']",
        "'elu' (str)",
    ),
    "forward params": (
        lambda: network.forward([np.ones((3, 2))], X2, training=False),
        "params must be a dict",
        "(list)",
    ),
    "forward X shape": (
        lambda: network.forward(PARAMS, np.ones((3, 4)), training=False),
        "X must have shape (2, m) to match W1",
        "shape (3, 4)",
    ),
    "forward keep_prob": (
        lambda: network.forward(PARAMS, X2, training=True, keep_prob="0.5", rng=RNG(0)),
        "keep_prob must be a number in (0, 1]",
        "'0.5' (str)",
    ),
    "forward rng": (
        lambda: network.forward(PARAMS, X2, training=True, keep_prob=0.5, rng=7),
        "rng must be a numpy.random.Generator",
        "7 (int)",
    ),
    "forward bn_decay": (
        lambda: network.forward(PARAMS, X2, training=False, bn_decay=1),
        "bn_decay must be a number in [0, 1)",
        "1 (int)",
    ),
    "backward lambd": (
        lambda: network.backward(Y2, network.forward(PARAMS, X2, training=False)[1], lambd="0.1"),
        "lambd must be a number >= 0",
        "'0.1' (str)",
    ),
    "backward cache": (
        lambda: network.backward(Y2, None),
        "cache must be the ForwardCache",
        "None (NoneType)",
    ),
    "cost_from_cache lambd": (
        lambda: network.cost_from_cache(
            Y2, network.forward(PARAMS, X2, training=False)[1], lambd=[0.1]
        ),
        "lambd must be a number >= 0",
        "[0.1] (list)",
    ),
    "cost lambd": (
        lambda: network.cost(PARAMS, X2, Y2, training=False, lambd=-0.5),
        "lambd must be a number >= 0",
        "-0.5 (float)",
    ),
    "cost_and_grads Y shape": (
        lambda: network.cost_and_grads(PARAMS, X2, np.ones((1, 3)), training=False),
        "Y must have the shape of ZL (1, 4)",
        "(1, 3)",
    ),
    # mlp
    "init_params init": (
        lambda: mlp.init_params([2, 3, 1], RNG(0), init="ones"),
        "init must be one of",
        "'ones' (str)",
    ),
    "new_model output": (
        lambda: mlp.new_model([2, 3, 1], RNG(0), output="relu"),
        "output must be one of ['sigmoid', 'softmax']",
        "'relu' (str)",
    ),
    "switch_optimizer model": (
        lambda: mlp.switch_optimizer(PARAMS, "adam"),
        "model must be a Model",
        "(dict)",
    ),
    "predict model": (lambda: mlp.predict(PARAMS, X2), "model must be a Model", "(dict)"),
    "accuracy Y shape": (
        lambda: mlp.accuracy(mlp.new_model([2, 3, 1], RNG(0)), X2, np.ones(4)),
        "Y must have shape (1, 4) like the model's output",
        "(4,)",
    ),
    "predict_proba model": (
        lambda: mlp.predict_proba(None, X2),
        "model must be a Model",
        "None (NoneType)",
    ),
    "train lr": (lambda: _train(lr="0.01"), "lr must be a number > 0", "'0.01' (str)"),
    "train n_epochs": (lambda: _train(n_epochs=-1), "n_epochs must be an integer >= 0", "-1 (int)"),
    "train lambd": (lambda: _train(lambd=None), "lambd must be a number >= 0", "None (NoneType)"),
    "train keep_prob": (
        lambda: _train(keep_prob=0),
        "keep_prob must be a number in (0, 1]",
        "0 (int)",
    ),
    "train mini_batch_size": (
        lambda: _train(mini_batch_size=2.5),
        "mini_batch_size must be an integer >= 1",
        "2.5 (float)",
    ),
    "train bn_decay": (
        lambda: _train(bn_decay="0.9"),
        "bn_decay must be a number in [0, 1)",
        "'0.9' (str)",
    ),
    "train optimizer": (lambda: _train(optimizer="sgd"), "optimizer must be one of", "'sgd' (str)"),
    "train beta": (
        lambda: _train(optimizer="momentum", beta=1.0),
        "beta must be a number in [0, 1)",
        "1.0 (float)",
    ),
    "train X shape": (
        lambda: _train(layer_dims=[3, 2, 1]),
        "X must have shape (3, m)",
        "shape (2, 4)",
    ),
    "train Y_dev shape": (
        lambda: _train(X_dev=X2, Y_dev=np.ones((1, 3))),
        "Y_dev must have shape (1, 4) like X_dev",
        "(1, 3)",
    ),
    # search
    "process_executor max_workers": (
        lambda: search.process_executor(max_workers="2"),
        "max_workers must be an integer >= 1",
        "'2' (str)",
    ),
    "make_task seed": (
        lambda: search.make_task(seed=-1),
        "seed must be an integer >= 0",
        "-1 (int)",
    ),
    "train_chunk task": (
        lambda: search.train_chunk((X2, Y2), lr=0.1, n_epochs=1),
        "task must be a Task",
        "(tuple)",
    ),
    "run_trial trial": (
        lambda: search.run_trial({"alpha": 0.1}, None),
        "trial must be a Trial(alpha, hidden, seed)",
        "{'alpha': 0.1} (dict)",
    ),
    # figures (figure helpers: only their own arguments; matplotlib checks colours and axes)
    "live_figure nrows": (
        lambda: live.live_figure("2"),
        "nrows must be an integer >= 1",
        "'2' (str)",
    ),
    "show_live description": (
        lambda: live.show_live(None, description=3),
        "description must be a string",
        "3 (int)",
    ),
    "finite_prefix path": (
        lambda: divergence.finite_prefix("path"),
        "path must be an array of numbers",
        "'path' (str)",
    ),
    "train_with_snapshots every": (
        lambda: snapshots.train_with_snapshots(X2, Y2, grid=X2, n_epochs=3, every=2,
                                               rng=RNG(0), layer_dims=[2, 1]),
        "n_epochs must be a multiple of every (2)",
        "3",
    ),
    "contour_segments resolution": (
        lambda: contours.contour_segments(surfaces.saddle(), resolution=(1, 50)),
        "resolution must be an integer >= 2",
        "1 (int)",
    ),
    "clip_path path": (
        lambda: contours.clip_path("path", ((0.0, 1.0), (0.0, 1.0))),
        "path must be an array of shape (n + 1, 2)",
        "'path' (str)",
    ),
    "diverged_status diverged": (
        lambda: contours.diverged_status(None, "gd"),
        "diverged must be a list of strings, one per diverged run",
        "'gd' (str)",
    ),
    "region_grid resolution": (
        lambda: regions.region_grid(X2, resolution=1),
        "resolution must be an integer >= 2",
        "1 (int)",
    ),
    "region_grid X shape": (
        lambda: regions.region_grid(np.ones((3, 4))),
        "X must have shape (2, m) with m >= 1",
        "shape (3, 4)",
    ),
    "decision_regions labels": (
        lambda: regions.decision_regions(None, lambda G: np.zeros(G.shape[1]), X2, [0, 1]),
        "labels must hold one class per column of X (4)",
        "2",
    ),
    "decision_regions padding": (
        lambda: regions.decision_regions(
            None, lambda G: np.zeros(G.shape[1]), X2, [0, 1, 0, 1], padding=-1
        ),
        "padding must be a number >= 0",
        "-1 (int)",
    ),
    "relabelled_yaxis nbins": (
        lambda: blit.relabelled_yaxis(None, ylabel="y", widest="0.0", nbins=0),
        "nbins must be an integer >= 1",
        "0 (int)",
    ),
    "set_status message": (
        lambda: blit.set_status(None, 3.5),
        "message must be a string",
        "3.5 (float)",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_argument_gives_a_value_error_naming_it_and_what_arrived(case):
    call, start, arrived = CASES[case]
    with pytest.raises(ValueError) as error:
        call()
    message = str(error.value)
    assert message.startswith(start), message
    assert arrived in message[len(start) :], message


def test_every_public_function_has_a_bad_input_case():
    """A new public function must get a line in CASES (or in EXEMPT, with the reason)."""
    exempt = {
        "saddle": "takes no arguments",
        "use_course_style": "takes no arguments",
        "status_text": "an axes and a colour, both checked by matplotlib",
        "png_base64": "a figure, checked by matplotlib",
    }
    # every public module of the package and its subpackages, so a module added later is covered
    # too; the checkers never raise by design: they print their verdict
    # (course_lib.checks) never raise by design: they print their verdict. The explorers' own
    # arguments are covered by their tests (tests/test_explorers_*.py).
    skipped = ("course_lib.checks", "course_lib.explorers")
    modules = [importlib.import_module(info.name)
               for info in pkgutil.walk_packages(course_lib.__path__, prefix="course_lib.")
               if not info.ispkg and not info.name.startswith(skipped)
               and not info.name.rsplit(".", 1)[-1].startswith("_")]
    covered = {case.split()[0] for case in CASES}  # each case's id starts with the function name
    missing = []
    for module in modules:
        for name, obj in vars(module).items():
            if (
                name.startswith("_")
                or not callable(obj)
                or isinstance(obj, type)
                or getattr(obj, "__module__", None) != module.__name__
                or name in exempt
            ):
                continue
            if name not in covered:
                missing.append(f"{module.__name__}.{name}")
    assert not missing, f"no bad-input case for {missing}"


@pytest.mark.parametrize(
    "value, shown",
    [
        ("0.9", "'0.9' (str)"),
        (None, "None (NoneType)"),
        (True, "True (bool)"),
        (np.float64(0.5), "0.5 (numpy.float64)"),
        (np.ones((2, 3)), "an array of shape (2, 3) with dtype float64"),
        ([np.int64(2), 3], "[2, 3] (list)"),
        ("x" * 100, "..."),
    ],
)
def test_describe_shows_value_and_type_never_a_raw_numpy_repr(value, shown):
    text = _validate.describe(value)
    assert shown in text and "np.float64(" not in text and "np.int64(" not in text


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.5, 0.5),
        (np.float32(0.25), 0.25),
        (np.array(0.5), 0.5),
        (3, 3.0),
        (np.int64(2), 2.0),
    ],
)
def test_numbers_of_every_numeric_type_are_accepted(value, expected):
    assert _validate.number("x", value) == expected


@pytest.mark.parametrize(
    "value",
    ["1", None, True, np.bool_(True), [1.0], np.ones(2), float("nan"), float("inf"), 1 + 2j],
)
def test_non_numbers_are_rejected(value):
    with pytest.raises(ValueError, match=r"^x must be a number, got "):
        _validate.number("x", value)


@pytest.mark.parametrize(
    "value, expected", [(3, 3), (np.int64(3), 3), (3.0, 3), (np.float64(4.0), 4)]
)
def test_whole_numbers_are_integers(value, expected):
    got = _validate.integer("n", value, low=0)
    assert got == expected and type(got) is int
