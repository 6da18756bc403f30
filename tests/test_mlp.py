"""Tests of course_lib.network and course_lib.mlp: gradient checks, training, bad input.

The comparison with PyTorch autograd is in test_mlp_reference.py."""

import functools
import re
import warnings

import numpy as np
import pytest

from course_lib import data, mlp
from course_lib.gradcheck import check_network_gradients

DIMS = [3, 5, 4, 1]


def _problem(rng, output, dims=DIMS, m=7):
    X = rng.standard_normal((dims[0], m))
    if output == "sigmoid":
        Y = (rng.random((1, m)) < 0.5).astype(float)
    else:
        Y = np.eye(dims[-1])[:, rng.integers(0, dims[-1], m)]
    return X, Y


def _params(rng, dims, batchnorm):
    params = mlp.init_params(dims, rng, init="xavier", batchnorm=batchnorm)
    # random (not 1 / 0) gamma, beta and biases so no gradient hides behind a special value
    return {k: (v + 0.5 * rng.standard_normal(v.shape) if k[0] in "gb" else v)
            for k, v in params.items()}


CASES = [  # activation, output, lambd, batchnorm, keep_prob
    ("relu", "sigmoid", 0.0, False, 1.0),
    ("tanh", "sigmoid", 0.7, False, 1.0),
    ("sigmoid", "softmax", 0.0, False, 1.0),
    ("relu", "softmax", 0.7, False, 1.0),
    ("tanh", "sigmoid", 0.0, True, 1.0),
    ("relu", "softmax", 0.7, True, 1.0),
    ("tanh", "sigmoid", 0.3, False, 0.6),
    ("sigmoid", "softmax", 0.3, True, 0.6),
    ("relu", "sigmoid", 0.0, False, (0.5, 0.9)),  # one keep_prob per hidden layer
]


@pytest.mark.parametrize("activation, output, lambd, batchnorm, keep_prob", CASES)
def test_whole_network_gradient_check(activation, output, lambd, batchnorm, keep_prob, rng):
    dims = DIMS if output == "sigmoid" else [3, 5, 4, 3]
    X, Y = _problem(rng, output, dims)
    params = _params(rng, dims, batchnorm)
    seed = int(rng.integers(2**31))

    def f(p, X, Y):  # a fresh generator each call: the same dropout mask every time
        return mlp.cost_and_grads(p, X, Y, training=True, lambd=lambd, activation=activation,
                                  output=output, keep_prob=keep_prob,
                                  rng=np.random.default_rng(seed))

    difference, table = check_network_gradients(params, X, Y, cost_and_grads=f, eps=1e-6)
    assert difference < 1e-7, max(table, key=lambda row: row[4])
    assert len(table) == sum(v.size for v in params.values())


def test_gradient_check_in_test_mode_with_running_stats(rng):
    X, Y = _problem(rng, "sigmoid")
    params = _params(rng, DIMS, batchnorm=True)
    _, cache = mlp.forward(params, X, training=True, activation="tanh")  # some running stats
    f = functools.partial(mlp.cost_and_grads, training=False, activation="tanh",
                          bn_stats=cache.bn_stats)
    difference, _ = check_network_gradients(params, X, Y, cost_and_grads=f, eps=1e-6)
    assert difference < 1e-7


def _blobs(rng, m=200):
    # Centres 4 apart, spread 0.5: crossing the midline needs a 4-sigma deviation
    # (probability 3e-5 per point), so the seeded set is linearly separable.
    X, labels = data.blobs(m, centers=[[-2.0, 0.0], [2.0, 0.0]], spread=0.5, rng=rng)
    return X, labels.reshape(1, -1).astype(float)


def test_training_separable_data(rng):
    X, Y = _blobs(rng)
    model, history = mlp.train(X, Y, layer_dims=[2, 8, 1], rng=rng, lr=0.01, n_epochs=100)
    costs = history["cost_per_epoch"]
    assert costs[-1] < 0.25 * costs[0]
    # Separable data and a model that contains logistic regression: anything below 99% would mean
    # training is broken (100 Adam epochs at lr 0.01 are ample for two blobs 8 spreads apart).
    assert history["train_acc"][-1] >= 0.99
    assert mlp.accuracy(model, X, Y) == history["train_acc"][-1]


@pytest.mark.parametrize("kw", [dict(), dict(mini_batch_size=32, optimizer="momentum", lr=0.1),
                                dict(batchnorm=True, mini_batch_size=64), dict(keep_prob=0.8),
                                dict(lambd=0.3, activation="tanh", optimizer="rmsprop")])
def test_training_moons_cost_falls(kw, rng):
    X, labels = data.moons(300, noise=0.1, rng=rng)
    Y = labels.reshape(1, -1).astype(float)
    X_dev, labels_dev = data.moons(200, noise=0.1, rng=rng)
    model, h = mlp.train(X, Y, layer_dims=[2, 16, 16, 1], rng=rng, n_epochs=150,
                         X_dev=X_dev, Y_dev=labels_dev.reshape(1, -1).astype(float), **kw)
    # Moons with noise 0.1 barely overlap; a 2-16-16-1 network reaches ~100%. 0.95 leaves slack for
    # dropout/L2 while still failing any network that learned only a straight line (~85-88%).
    assert h["cost_per_epoch"][-1] < 0.5 * h["cost_per_epoch"][0]
    assert h["train_acc"][-1] > 0.95 and h["dev_acc"][-1] > 0.95
    assert len(h["dev_acc"]) == len(h["lr"]) == 150 and not h["diverged"]


def test_softmax_training_three_blobs(rng):
    X, labels = data.blobs(300, centers=[[-2.0, 0.0], [2.0, 0.0], [0.0, 3.0]], spread=0.5, rng=rng)
    Y = np.eye(3)[:, labels]
    model, h = mlp.train(X, Y, layer_dims=[2, 8, 3], rng=rng, output="softmax", n_epochs=150)
    assert h["train_acc"][-1] >= 0.99  # three blobs pairwise 4+ apart, as above
    np.testing.assert_allclose(mlp.predict_proba(model, X).sum(axis=0), 1.0, rtol=1e-12)
    assert mlp.predict(model, X).shape == (300,)


def test_continue_training_equals_one_run(rng):
    X, Y = _blobs(rng, m=60)
    kw = dict(layer_dims=[2, 4, 1], lambd=0.1)
    one, _ = mlp.train(X, Y, rng=np.random.default_rng(1), n_epochs=20, **kw)
    half, _ = mlp.train(X, Y, rng=np.random.default_rng(1), n_epochs=10, **kw)
    two, h = mlp.train(X, Y, rng=np.random.default_rng(2), n_epochs=10, model=half, lambd=0.1)
    assert two.epochs_done == 20 and len(h["lr"]) == 10
    for k in one.params:  # Adam state and step count carry over, so the runs agree exactly
        np.testing.assert_allclose(two.params[k], one.params[k], rtol=1e-13, atol=0)


def test_schedule_sets_lr_per_epoch(rng):
    X, Y = _blobs(rng, m=40)
    _, h = mlp.train(X, Y, layer_dims=[2, 3, 1], rng=rng, n_epochs=4, optimizer="gd", lr=0.2,
                     schedule=lambda epoch: 0.2 / (1 + epoch))
    np.testing.assert_allclose(h["lr"], [0.2, 0.1, 0.2 / 3, 0.05])


def test_l2_shrinks_weights(rng):
    X, labels = data.moons(200, noise=0.2, rng=rng)
    Y = labels.reshape(1, -1).astype(float)
    norms = []
    for lambd in (0.0, 5.0):
        model, _ = mlp.train(X, Y, layer_dims=[2, 16, 1], rng=np.random.default_rng(0),
                             n_epochs=200, lambd=lambd)
        norms.append(sum(np.sum(v ** 2) for k, v in model.params.items() if k[0] == "W"))
    assert norms[1] < 0.5 * norms[0]


def test_prediction_is_deterministic_with_dropout_and_batchnorm(rng):
    X, Y = _blobs(rng, m=64)
    model, _ = mlp.train(X, Y, layer_dims=[2, 8, 1], rng=rng, n_epochs=5, keep_prob=0.5,
                         batchnorm=True, mini_batch_size=16)
    assert set(model.bn_stats) == {1}
    np.testing.assert_array_equal(mlp.predict_proba(model, X), mlp.predict_proba(model, X))


def test_divergence_is_reported_without_warnings(rng):
    X, Y = _blobs(rng, m=50)
    X = X * 1e150
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, h = mlp.train(X, Y, layer_dims=[2, 8, 1], rng=rng, optimizer="gd", lr=1e10, n_epochs=50)
    assert h["diverged"] and len(h["cost_per_epoch"]) < 50


def test_inputs_not_modified(rng):
    X, Y = _blobs(rng, m=30)
    X0, Y0 = X.copy(), Y.copy()
    params = _params(rng, [2, 3, 1], batchnorm=False)
    copies = {k: v.copy() for k, v in params.items()}
    mlp.cost_and_grads(params, X, Y, training=True, lambd=0.5)
    mlp.train(X, Y, layer_dims=[2, 3, 1], rng=rng, n_epochs=3, mini_batch_size=8, keep_prob=0.7)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    for k in params:
        np.testing.assert_array_equal(params[k], copies[k])


@pytest.mark.parametrize("kw, message", [
    (dict(), "layer_dims is required"),
    (dict(layer_dims=[3, 4, 1]), r"X must have shape \(3, m\), got shape \(2, 20\)"),
    (dict(layer_dims=[2, 4, 2]), r"Y must have shape \(2, 20\)"),
    (dict(layer_dims=[2, 4, 1], keep_prob=0.0),
     r"keep_prob must be a number in \(0, 1\], got 0.0 \(float\)"),
    (dict(layer_dims=[2, 4, 1], lr=-0.1), r"lr must be a number > 0, got -0.1 \(float\)"),
    (dict(layer_dims=[2, 4, 1], lr="0.1"), r"lr must be a number > 0, got '0.1' \(str\)"),
    (dict(layer_dims=[2, 4, 1], lambd=-1), r"lambd must be a number >= 0, got -1 \(int\)"),
    (dict(layer_dims=[2, 4, 1], n_epochs=2.5), r"n_epochs must be an integer >= 0, got 2.5"),
    (dict(layer_dims=[2, 4, 1], activation="softplus"),
     r"activation must be one of \['relu', 'sigmoid', 'tanh'\], got 'softplus' \(str\)"),
    (dict(layer_dims=[2, 4, 1], init="ones"), r"init must be one of .*, got 'ones' \(str\)"),
    (dict(layer_dims=[2, 4, 1], optimizer="sgd"),
     r"optimizer must be one of \['adam', 'gd', 'momentum', 'rmsprop'\], got 'sgd' \(str\)"),
    (dict(layer_dims=[2, 4, 1], mini_batch_size=0, n_epochs=0),
     r"mini_batch_size must be an integer >= 1, got 0 \(int\)"),
    (dict(layer_dims=[2, 4, 1], beta1=1.5), r"beta1 must be a number in \[0, 1\), got 1.5"),
    (dict(layer_dims=[2, 4, 1], bn_decay=1.0), r"bn_decay must be a number in \[0, 1\), got 1.0"),
    (dict(layer_dims=[2, 4, 1], beta=0.9),
     r"the hyperparameters of 'adam' must be among \(lr, beta1, beta2, eps\), got 'beta'"),
    (dict(layer_dims=[2, 4, 1], schedule=0.1),
     r"schedule must be a function schedule\(epoch\) -> lr, or None, got 0.1 \(float\)"),
    (dict(layer_dims=[2, 4, 1], rng=0),
     r"rng must be a numpy.random.Generator \(e.g. np.random.default_rng\(0\)\), got 0 \(int\)"),
    (dict(layer_dims=[2, 4, 1], X_dev=np.zeros((2, 3))), "X_dev and Y_dev must be given together"),
])
def test_bad_input(kw, message, rng):
    X, Y = _blobs(rng, m=20)
    with pytest.raises(ValueError, match=message):
        mlp.train(X, Y, **{"rng": rng, "n_epochs": 1, **kw})


def test_bad_targets(rng):
    X, Y = _blobs(rng, m=20)
    with pytest.raises(ValueError, match="Y must hold 0/1 labels for a sigmoid output"):
        mlp.train(X, 2 * Y, layer_dims=[2, 3, 1], rng=rng, n_epochs=1)
    with pytest.raises(ValueError, match=r"Y must be one-hot of shape \(C, m\)"):
        mlp.train(X, np.vstack([Y, Y]), layer_dims=[2, 3, 2], rng=rng, n_epochs=1, output="softmax")
    with pytest.raises(ValueError, match=r"one number per hidden layer \(1\), got \(0.5, 0.5\)"):
        mlp.train(X, Y, layer_dims=[2, 3, 1], rng=rng, n_epochs=1, keep_prob=(0.5, 0.5))
    with pytest.raises(ValueError, match="rng is required for dropout"):
        mlp.forward(mlp.init_params([2, 3, 1], rng), X, training=True, keep_prob=0.5)
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\) to match W1"):
        mlp.forward(mlp.init_params([2, 3, 1], rng), X[:1], training=False)


# ---------------------------------------------------------------- continuing a model

def _small_model(rng, **kw):
    X, Y = _blobs(rng, m=24)
    model, _ = mlp.train(X, Y, layer_dims=[2, 4, 1], rng=rng, n_epochs=2, **kw)
    return X, Y, model


@pytest.mark.parametrize("kw, names", [
    (dict(layer_dims=[2, 99, 1], activation="tanh"), ("layer_dims is (2, 99, 1)", "(2, 4, 1)")),
    (dict(activation="tanh"), ("activation is 'tanh'", "activation 'relu'")),
    (dict(output="softmax"), ("output is 'softmax'", "output 'sigmoid'")),
    (dict(batchnorm=True), ("batchnorm is True", "batchnorm False")),
    (dict(init="xavier"), ("init='xavier' only applies to a new network",)),
])
def test_conflicting_architecture_is_an_error_not_ignored(kw, names, rng):
    X, Y, model = _small_model(rng)
    with pytest.raises(ValueError) as error:
        mlp.train(X, Y, rng=rng, model=model, n_epochs=1, **kw)
    for part in names:
        assert part in str(error.value)


def test_repeating_the_models_own_architecture_is_allowed(rng):
    # notebook 08 passes the same layer_dims with every chunk
    X, Y, model = _small_model(rng)
    same = dict(layer_dims=[2, 4, 1], activation="relu", output="sigmoid", batchnorm=False,
                optimizer="adam")
    a, _ = mlp.train(X, Y, rng=np.random.default_rng(3), model=model, n_epochs=2, **same)
    b, _ = mlp.train(X, Y, rng=np.random.default_rng(3), model=model, n_epochs=2)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])


def test_continuing_keeps_the_models_optimizer_and_its_state(rng):
    X, Y = _blobs(rng, m=40)
    kw = dict(layer_dims=[2, 4, 1], optimizer="momentum", lr=0.1, beta=0.8)
    one, _ = mlp.train(X, Y, rng=np.random.default_rng(1), n_epochs=6, **kw)
    half, _ = mlp.train(X, Y, rng=np.random.default_rng(1), n_epochs=3, **kw)
    # no optimizer= here: the default must not silently switch the model to Adam
    two, _ = mlp.train(X, Y, rng=np.random.default_rng(2), model=half, n_epochs=3, lr=0.1,
                       beta=0.8)
    assert two.optimizer == "momentum"
    for k in one.params:
        np.testing.assert_allclose(two.params[k], one.params[k], rtol=1e-13, atol=0)


def test_switching_to_a_stateful_optimizer_needs_switch_optimizer(rng):
    X, Y, model = _small_model(rng, optimizer="gd", lr=0.1)
    with pytest.raises(ValueError, match=r"optimizer is 'adam' but the model was trained with "
                                         r"'gd'.*mlp.switch_optimizer\(model, 'adam'\)"):
        mlp.train(X, Y, rng=rng, model=model, optimizer="adam", n_epochs=1)
    switched = mlp.switch_optimizer(model, "adam")
    assert switched.optimizer == "adam" and switched.epochs_done == model.epochs_done
    assert all(state.t == 0 for state in switched.opt_state.values())
    trained, _ = mlp.train(X, Y, rng=rng, model=switched, optimizer="adam", n_epochs=1)
    assert all(state.t == 1 for state in trained.opt_state.values())


def test_switching_to_plain_gradient_descent_is_one_plain_step(rng):
    # gd keeps no state, so nothing restarts: one epoch is W - lr * dW (notebook 02 relies on it)
    X, Y, model = _small_model(rng)  # trained with Adam
    stepped, _ = mlp.train(X, Y, rng=rng, model=model, optimizer="gd", lr=0.1, n_epochs=1)
    _, grads = mlp.cost_and_grads(model.params, X, Y, training=True)
    for k in model.params:
        np.testing.assert_allclose(stepped.params[k], model.params[k] - 0.1 * grads["d" + k],
                                   rtol=1e-12, atol=1e-15)
    assert stepped.optimizer == "gd"


def test_new_model_equals_training_for_zero_epochs(rng):
    X, Y = _blobs(rng, m=20)
    made = mlp.new_model([2, 5, 1], np.random.default_rng(4), activation="tanh", batchnorm=True,
                         optimizer="rmsprop")
    trained, h = mlp.train(X, Y, layer_dims=[2, 5, 1], rng=np.random.default_rng(4),
                           activation="tanh", batchnorm=True, optimizer="rmsprop", n_epochs=0)
    assert made.config == trained.config and made.optimizer == "rmsprop" and h["lr"] == []
    for k in made.params:
        np.testing.assert_array_equal(made.params[k], trained.params[k])


@pytest.mark.parametrize("call, message", [
    (lambda m, X, Y: mlp.train(X, Y, rng=np.random.default_rng(0), model="model", n_epochs=1),
     "model must be a Model returned by mlp.train or mlp.new_model, got 'model' (str)"),
    (lambda m, X, Y: mlp.predict(m.params, X), "model must be a Model"),
    (lambda m, X, Y: mlp.accuracy(m, X, Y[0]), "Y must have shape (1, 24)"),
    (lambda m, X, Y: mlp.switch_optimizer(m, "sgd"),
     "optimizer must be one of ['adam', 'gd', 'momentum', 'rmsprop'], got 'sgd' (str)"),
    (lambda m, X, Y: mlp.init_params([2, 3, 1], np.random.default_rng(0), batchnorm="yes"),
     "batchnorm must be True or False, got 'yes' (str)"),
    (lambda m, X, Y: mlp.new_model([2, 3, 1], 0),
     "rng must be a numpy.random.Generator (e.g. np.random.default_rng(0)), got 0 (int)"),
])
def test_bad_model_arguments(call, message, rng):
    X, Y, model = _small_model(rng)
    with pytest.raises(ValueError, match=re.escape(message)):
        call(model, X, Y)
