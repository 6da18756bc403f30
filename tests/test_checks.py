"""Exercise checkers: correct code passes, each usual mistake gets its hint, garbage fails.

The correct implementations below are written by hand from the course formulas (not by calling the
code under test), so a passing verdict means the checker, the reference and the formula agree.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from course_lib import checks, ewa, initializers
from course_lib import softmax as sm
from tests.checker_support import learner_mode, run_checker  # noqa: F401 (autouse fixture)
from tests.test_checks_start import right as gradient_descent_until  # the same loop, written once

# ---------------------------------------------------------------- correct, hand-written solutions


def bias_variance(train_err, dev_err, bayes_err, *, tol):
    avoidable_bias, variance = train_err - bayes_err, dev_err - train_err
    verdict = {(True, True): "high bias and high variance", (True, False): "high bias",
               (False, True): "high variance", (False, False): "low bias and low variance"}[
        (avoidable_bias > tol, variance > tol)]
    return avoidable_bias, variance, verdict  # more in tests/test_checks_diagnosis.py


def l2_cost(params, *, lambd, m):
    weights = (W for k, W in params.items() if k.startswith("W"))
    return lambd / (2 * m) * sum(float(np.sum(W**2)) for W in weights)


def dropout_forward(A, keep_prob, rng):
    mask = rng.random(A.shape) < keep_prob
    return A * mask / keep_prob, mask


def dropout_backward(dA, mask, keep_prob):
    return dA * mask / keep_prob


def he_init(layer_dims, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        n_prev, n_cur = layer_dims[l - 1], layer_dims[l]
        params[f"W{l}"] = rng.standard_normal((n_cur, n_prev)) * math.sqrt(2 / n_prev)
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def _approx(f, theta, eps, *, one_sided=False, denom=2.0):
    out = np.zeros_like(theta)
    for i in range(theta.size):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += eps
        minus[i] -= eps
        if one_sided:
            out[i] = (f(plus) - f(theta)) / eps
        else:
            out[i] = (f(plus) - f(minus)) / (denom * eps)
    return out


def gradient_check(f, theta, dtheta, *, eps=1e-7):
    approx = _approx(f, theta, eps)
    norm = np.linalg.norm
    return norm(approx - dtheta) / (norm(approx) + norm(dtheta)), approx


def random_mini_batches(X, Y, mini_batch_size, rng):
    perm = rng.permutation(X.shape[1])
    X, Y = X[:, perm], Y[:, perm]
    return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size])
            for k in range(0, X.shape[1], mini_batch_size)]


def ewa_bias_corrected(theta, beta):
    v, out = 0.0, []
    for t in range(1, len(theta) + 1):
        v = beta * v + (1 - beta) * theta[t - 1]
        out.append(v / (1 - beta**t))
    return np.array(out)


def momentum_update(w, dw, v, *, lr, beta):
    v = beta * v + (1 - beta) * dw
    return w - lr * v, v


def adam_update(w, dw, m, v, t, *, lr, beta1, beta2, eps):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw**2
    return w - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps), m, v


def inverse_time_decay(lr0, epoch, *, decay_rate):
    return lr0 / (1 + decay_rate * epoch)


def fixed_interval_decay(lr0, epoch, *, decay_rate, time_interval):
    return lr0 / (1 + decay_rate * math.floor(epoch / time_interval))


def sample_log_uniform(low, high, size, rng):
    return 10 ** rng.uniform(math.log10(low), math.log10(high), size)


def sample_beta(low, high, size, rng):
    return 1 - 10 ** rng.uniform(math.log10(1 - high), math.log10(1 - low), size)


def batchnorm_step(Z, gamma, beta, *, eps=1e-8):
    mu = Z.mean(axis=1, keepdims=True)
    var = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta


def softmax(Z):
    T = np.exp(Z - Z.max(axis=0, keepdims=True))
    return T / T.sum(axis=0, keepdims=True)


def cross_entropy(Y_hat, Y):
    return float(-np.sum(np.log(np.sum(Y * Y_hat, axis=0))) / Y.shape[1])


def classify_critical_point(H):
    curvatures = np.linalg.eigvalsh(H)  # more cases in tests/test_checks_landscape.py
    if np.all(curvatures > 0):
        return "minimum"
    return "maximum" if np.all(curvatures < 0) else "saddle point"


def least_squares_step(w, A, b, *, lr):
    r = A @ w - b
    dw = 2 * A.T @ r
    return float(r @ r), dw, w - lr * dw   # more in tests/test_checks_frameworks.py


def normalize_inputs(X_train, X_test):
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma   # more in tests/test_checks_inputs.py


CORRECT = {  # checker name -> (learner function, name used in the messages)
    "check_gradient_descent_until": (gradient_descent_until, "gradient_descent_until"),
    "check_bias_variance": (bias_variance, "bias_variance"),
    "check_l2_cost": (l2_cost, "l2_cost"),
    "check_dropout_forward": (dropout_forward, "dropout_forward"),
    "check_dropout_backward": (dropout_backward, "dropout_backward"),
    "check_he_init": (he_init, "he_init"),
    "check_gradient_check": (gradient_check, "gradient_check"),
    "check_random_mini_batches": (random_mini_batches, "random_mini_batches"),
    "check_ewa": (ewa_bias_corrected, "ewa_bias_corrected"),
    "check_momentum_update": (momentum_update, "momentum_update"),
    "check_adam_update": (adam_update, "adam_update"),
    "check_inverse_time_decay": (inverse_time_decay, "inverse_time_decay"),
    "check_fixed_interval_decay": (fixed_interval_decay, "fixed_interval_decay"),
    "check_sample_log_uniform": (sample_log_uniform, "sample_log_uniform"),
    "check_sample_beta": (sample_beta, "sample_beta"),
    "check_batchnorm_forward": (batchnorm_step, "batchnorm_step"),
    "check_softmax": (softmax, "softmax"),
    "check_cross_entropy": (cross_entropy, "cross_entropy"),
    "check_critical_point": (classify_critical_point, "classify_critical_point"),
    "check_normalize_inputs": (normalize_inputs, "normalize_inputs"),
    "check_least_squares_step": (least_squares_step, "least_squares_step"),
}
PASS = re.compile(r"^All (\d+) cases pass: (\w+) matches the reference\.\n$")


def verdict(capsys, checker_name, fn) -> str:
    return run_checker(capsys, getattr(checks, checker_name), fn)


def assert_fails(out: str, *needles: str) -> None:
    assert not PASS.match(out), f"expected a failure, got: {out}"
    for needle in needles:
        assert needle in out, f"expected {needle!r} in:\n{out}"


def test_every_checker_is_covered():
    assert set(CORRECT) == set(checks.__all__)


@pytest.mark.parametrize("checker_name", sorted(CORRECT))
def test_correct_solution_passes_with_a_short_confirmation(capsys, checker_name):
    fn, name = CORRECT[checker_name]
    match = PASS.match(verdict(capsys, checker_name, fn))
    assert match and match.group(2) == name and int(match.group(1)) >= 4


@pytest.mark.parametrize("checker_name", sorted(CORRECT))
def test_output_is_deterministic(capsys, checker_name):
    wrong = lambda *args, **kwargs: "oops"  # noqa: E731
    runs = [verdict(capsys, checker_name, f) for f in (CORRECT[checker_name][0], wrong) * 2]
    assert runs[0] == runs[2] and runs[1] == runs[3]


REFERENCE_CALLERS = {  # a learner may call course_lib itself; that is fine
    "check_he_init": initializers.he,
    "check_softmax": sm.softmax,
    "check_cross_entropy": sm.cross_entropy,
    "check_ewa": lambda theta, beta: ewa.ewa(theta, beta, bias_correction=True),
}


@pytest.mark.parametrize("checker_name", sorted(REFERENCE_CALLERS))
def test_calling_course_lib_passes(capsys, checker_name):
    assert PASS.match(verdict(capsys, checker_name, REFERENCE_CALLERS[checker_name]))


@pytest.mark.parametrize("checker_name", sorted(CORRECT))
def test_not_implemented_says_so(capsys, checker_name):
    def unfinished(*args, **kwargs):
        raise NotImplementedError("Exercise: write your code here")

    out = verdict(capsys, checker_name, unfinished)
    name = CORRECT[checker_name][1]
    assert out.startswith(f"not implemented yet: {name} still raises NotImplementedError.")
    assert out.count("\n") == 1


@pytest.mark.parametrize("checker_name", sorted(CORRECT))
def test_exception_inside_is_reported_without_traceback(capsys, checker_name):
    def broken(*args, **kwargs):
        raise ValueError("shapes (3, 4) and (5, 1) not aligned")

    out = verdict(capsys, checker_name, broken)
    assert_fails(out, "Case 1 of", "raised ValueError: shapes (3, 4) and (5, 1) not aligned")


@pytest.mark.parametrize("checker_name", sorted(CORRECT))
def test_wrong_type_fails(capsys, checker_name):
    assert_fails(verdict(capsys, checker_name, lambda *args, **kwargs: "oops"), "Case 1 of")


@pytest.mark.parametrize("checker_name", sorted(CORRECT))
def test_constant_after_the_first_call_fails(capsys, checker_name):
    fn, _ = CORRECT[checker_name]
    memory = []

    def constant(*args, **kwargs):
        if not memory:
            memory.append(fn(*args, **kwargs))
        return memory[0]

    out = verdict(capsys, checker_name, constant)
    assert_fails(out, "Case ")
    samplers = ("check_sample_log_uniform", "check_sample_beta")
    assert "Case 1 of" not in out or checker_name in samplers


def test_constant_is_named_as_such(capsys):
    memory = []

    def constant(Z):
        memory.append(softmax(Z)) if not memory else None
        return memory[0]

    out = verdict(capsys, "check_softmax", constant)
    assert_fails(out, "Case 2 of", "shape")  # case 2 has another shape
    out = verdict(capsys, "check_inverse_time_decay", lambda lr0, epoch, *, decay_rate: 0.1)
    assert_fails(out, "Case 2 of", "gave this same result in case 1", "return a constant?")


def _modifying(fn, index):
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        target = args[index]
        if isinstance(target, np.ndarray):
            target *= 2.0
        elif isinstance(target, dict):
            target["W1"] = target["W1"] * 0.0
        elif isinstance(target, list):
            target.append(1)
        return result
    return wrapper


MODIFIED = [("check_l2_cost", 0, "params"), ("check_dropout_forward", 0, "A"),
            ("check_dropout_backward", 0, "dA"), ("check_he_init", 0, "layer_dims"),
            ("check_gradient_check", 1, "theta"), ("check_random_mini_batches", 0, "X"),
            ("check_ewa", 0, "theta"), ("check_momentum_update", 2, "v"),
            ("check_adam_update", 2, "v"), ("check_batchnorm_forward", 0, "Z"),
            ("check_softmax", 0, "Z"), ("check_cross_entropy", 0, "Y_hat")]


@pytest.mark.parametrize("checker_name, index, arg", MODIFIED)
def test_modifying_an_input_fails(capsys, checker_name, index, arg):
    out = verdict(capsys, checker_name, _modifying(CORRECT[checker_name][0], index))
    assert_fails(out, f"modified its input {arg}.", "work on copies")


def test_not_a_function(capsys):
    out = verdict(capsys, "check_softmax", softmax(np.zeros((2, 1))))
    assert out.startswith("softmax: expected your function, got [0.5, 0.5] (shape (2, 1)).")


def test_wrong_number_of_outputs(capsys):
    def two_outputs(w, dw, m, v, t, **kw):
        return adam_update(w, dw, m, v, t, **kw)[:2]

    out = verdict(capsys, "check_adam_update", two_outputs)
    assert_fails(out, "should return 3 values (w_new, v_new, s_new), got 2 values")


# ---------------------------------------------------------------- usual mistakes and their hints


def _unseeded(*args):
    return np.random.default_rng()  # ignores the rng argument, like np.random would


def _bn(Z, gamma, beta, eps, *, mean_axis=1, var_axis=1, ddof=0, outside=False, affine=True):
    mu = Z.mean(axis=mean_axis, keepdims=True)
    var = Z.var(axis=var_axis, keepdims=True, ddof=ddof)
    Z_norm = (Z - mu) / ((np.sqrt(var) + eps) if outside else np.sqrt(var + eps))
    return gamma * Z_norm + beta if affine else Z_norm


def _mb(X, Y, size, rng, *, two_perms=False, drop_last=False, shuffle=True):
    m = X.shape[1]
    p = rng.permutation(m) if shuffle else np.arange(m)
    q = rng.permutation(m) if two_perms else p
    X, Y = X[:, p], Y[:, q]
    stop = m - m % size if drop_last else m
    return [(X[:, k:k + size], Y[:, k:k + size]) for k in range(0, stop, size)]


def _ewa(theta, beta, *, correct=True, offset=0, feed_back=False, one_minus=True):
    v, out = 0.0, []
    for t in range(1, len(theta) + 1):
        v = beta * v + ((1 - beta) if one_minus else 1.0) * theta[t - 1]
        corrected = v / (1 - beta ** (t + offset)) if correct else v
        if feed_back:
            v = corrected
        out.append(corrected)
    return np.array(out)


def _adam(w, dw, m, v, t, *, lr, beta1, beta2, eps, bc=True, eps_inside=False, square=True,
          return_hat=False, t_shift=0):
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * (dw**2 if square else dw)
    tt = t + t_shift
    m_hat, v_hat = (m / (1 - beta1**tt), v / (1 - beta2**tt)) if bc else (m, v)
    denom = np.sqrt(v_hat + eps) if eps_inside else np.sqrt(v_hat) + eps
    return w - lr * m_hat / denom, (m_hat if return_hat else m), v


def _he(dims, rng, *, std=lambda n_prev, n_cur: math.sqrt(2 / n_prev), b_shape=None,
        transpose=False):
    params = {}
    for l in range(1, len(dims)):
        W = rng.standard_normal((dims[l], dims[l - 1])) * std(dims[l - 1], dims[l])
        params[f"W{l}"] = W.T if transpose else W
        params[f"b{l}"] = np.zeros(b_shape(dims[l]) if b_shape else (dims[l], 1))
    return params


def _gc(f, theta, dtheta, *, eps=1e-7, one_sided=False, denom=2.0, relative=True, reset=True):
    if reset:
        approx = _approx(f, theta, eps, one_sided=one_sided, denom=denom)
    else:
        plus, minus, approx = theta.copy(), theta.copy(), np.zeros_like(theta)
        for i in range(theta.size):
            plus[i] += eps
            minus[i] -= eps
            approx[i] = (f(plus) - f(minus)) / (2 * eps)
    num = np.linalg.norm(approx - dtheta)
    return (num / (np.linalg.norm(approx) + np.linalg.norm(dtheta)) if relative else num), approx


def _ce_sum(Y_hat, Y):
    return float(-np.sum(np.log(np.sum(Y * Y_hat, axis=0))))


def _softmax_axis(Z, axis):
    T = np.exp(Z - Z.max(axis=axis, keepdims=True))
    return T / T.sum(axis=axis, keepdims=True)


MISTAKES = [
    ("check_l2_cost",
     lambda p, *, lambd, m: lambd / (2 * m) * sum(float(np.sum(v**2)) for v in p.values()),
     "biases are not regularized"),
    ("check_l2_cost",
     lambda p, *, lambd, m: 2 * l2_cost(p, lambd=lambd, m=m),
     "the 2 is missing"),
    ("check_l2_cost",
     lambda p, *, lambd, m: lambd / (2 * m) * sum(np.linalg.norm(p[k]) for k in p if k[0] == "W"),
     "squared entries"),
    ("check_dropout_forward",
     lambda A, kp, rng: (lambda d: (A * d, d))(rng.random(A.shape) < kp),
     "divide by keep_prob (inverted dropout)"),
    ("check_dropout_forward",
     lambda A, kp, rng: (lambda d: (A * d / kp, d))(rng.random(A.shape) > kp),
     "not >"),
    ("check_dropout_forward",
     lambda A, kp, rng: dropout_forward(A, kp, _unseeded()),
     "not np.random"),
    ("check_dropout_backward",
     lambda dA, mask, kp: dA * mask,
     "divide by keep_prob, as in the forward pass"),
    ("check_dropout_backward",
     lambda dA, mask, kp: dA / kp,
     "apply the same mask"),
    ("check_he_init",
     lambda d, rng: _he(d, rng, std=lambda p, c: math.sqrt(1 / p)),
     "Xavier"),
    ("check_he_init",
     lambda d, rng: _he(d, rng, std=lambda p, c: math.sqrt(2 / c)),
     "not by n[l]"),
    ("check_he_init",
     lambda d, rng: _he(d, rng, std=lambda p, c: 2 / p),
     "take the square root"),
    ("check_he_init",
     lambda d, rng: _he(d, rng, b_shape=lambda n: (n,)),
     "must be a column of shape (5, 1)"),
    ("check_he_init",
     lambda d, rng: _he(d, rng, transpose=True),
     "transposed"),
    ("check_he_init",
     lambda d, rng: he_init(d, _unseeded()),
     "not np.random"),
    ("check_gradient_check",
     lambda f, th, dth, eps=1e-7: _gc(f, th, dth, eps=eps, one_sided=True),
     "use centred differences"),
    ("check_gradient_check",
     lambda f, th, dth, eps=1e-7: _gc(f, th, dth, eps=eps, denom=1.0),
     "divide by 2 * eps"),
    ("check_gradient_check",
     lambda f, th, dth, eps=1e-7: _gc(f, th, dth, eps=eps, relative=False),
     "divide by (||dtheta_approx|| + ||dtheta||)"),
    ("check_gradient_check",
     lambda f, th, dth, eps=1e-7: _gc(f, th, dth, eps=eps, reset=False),
     "fresh copy"),
    ("check_random_mini_batches",
     lambda X, Y, s, rng: _mb(X, Y, s, rng, two_perms=True),
     "X and Y were shuffled differently"),
    ("check_random_mini_batches",
     lambda X, Y, s, rng: _mb(X, Y, s, rng, drop_last=True),
     "the last, smaller one holds the remaining examples"),
    ("check_random_mini_batches",
     lambda X, Y, s, rng: _mb(X, Y, s, rng, shuffle=False),
     "shuffle the columns first"),
    ("check_random_mini_batches",
     lambda X, Y, s, rng: [(b[0].T, b[1].T) for b in _mb(X, Y, s, rng)],
     "examples are columns"),
    ("check_ewa",
     lambda th, b: _ewa(th, b, correct=False),
     "bias correction forgotten"),
    ("check_ewa",
     lambda th, b: _ewa(th, b, offset=1),
     "t starts at 1"),
    ("check_ewa",
     lambda th, b: _ewa(th, b, feed_back=True),
     "keep the uncorrected v_t"),
    ("check_ewa",
     lambda th, b: _ewa(th, b, one_minus=False),
     "(1 - beta) factor is missing"),
    ("check_momentum_update",
     lambda w, dw, v, *, lr, beta: (w - lr * (beta * v + dw), beta * v + dw),
     "EWA form"),
    ("check_momentum_update",
     lambda w, dw, v, *, lr, beta: (w - lr * dw, beta * v + (1 - beta) * dw),
     "not the raw gradient"),
    ("check_momentum_update",
     lambda w, dw, v, *, lr, beta: (w - lr * v, beta * v + (1 - beta) * dw),
     "not the old v"),
    ("check_adam_update",
     lambda *a, **k: _adam(*a, **k, bc=False),
     "bias correction forgotten"),
    ("check_adam_update",
     lambda *a, **k: _adam(*a, **k, eps_inside=True),
     "which PyTorch uses too: eps goes outside the square root"),
    ("check_adam_update",
     lambda *a, **k: _adam(*a, **k, square=False),
     "squared gradient"),
    ("check_adam_update",
     lambda *a, **k: _adam(*a, **k, return_hat=True),
     "return the raw v;"),
    ("check_adam_update",
     lambda *a, **k: _adam(*a, **k, t_shift=1),
     "beta**(t + 1)"),
    ("check_inverse_time_decay",
     lambda a, e, *, decay_rate: a * (1 + decay_rate * e),
     "do not multiply"),
    ("check_inverse_time_decay",
     lambda a, e, *, decay_rate: a / (1 + decay_rate) ** e,
     "not exponential"),
    ("check_fixed_interval_decay",
     lambda a, e, *, decay_rate, time_interval: a / (1 + decay_rate * e / time_interval),
     "np.floor"),
    ("check_fixed_interval_decay",
     lambda a, e, *, decay_rate, time_interval: a / (1 + decay_rate * math.ceil(e / time_interval)),
     "not ceil"),
    ("check_fixed_interval_decay",
     lambda a, e, *, decay_rate, time_interval: a / (1 + decay_rate * e),
     "divide the epoch by time_interval"),
    ("check_sample_log_uniform",
     lambda lo, hi, n, rng: rng.uniform(lo, hi, n),
     "uniform on the linear scale"),
    ("check_sample_log_uniform",
     lambda lo, hi, n, rng: 10 ** rng.uniform(np.log(lo), np.log(hi), n),
     "use log10 and 10**r together"),
    ("check_sample_log_uniform",
     lambda lo, hi, n, rng: sample_log_uniform(lo, hi, n, _unseeded()),
     "not np.random"),
    ("check_sample_beta",
     lambda lo, hi, n, rng: rng.uniform(lo, hi, n),
     "uniform on the linear scale"),
    ("check_sample_beta",
     lambda lo, hi, n, rng: 10 ** rng.uniform(np.log10(lo), np.log10(hi), n),
     "not spread evenly on the log scale"),
    ("check_batchnorm_forward",
     lambda Z, g, b, *, eps=1e-8: _bn(Z, g, b, eps, var_axis=0),
     "variance is taken over the wrong axis"),
    ("check_batchnorm_forward",
     lambda Z, g, b, *, eps=1e-8: _bn(Z, g, b, eps, mean_axis=0, var_axis=0),
     "you used the wrong axis"),
    ("check_batchnorm_forward",
     lambda Z, g, b, *, eps=1e-8: _bn(Z, g, b, eps, outside=True),
     "eps goes inside the square root"),
    ("check_batchnorm_forward",
     lambda Z, g, b, *, eps=1e-8: _bn(Z, g, b, eps, ddof=1),
     "biased variance"),
    ("check_batchnorm_forward",
     lambda Z, g, b, *, eps=1e-8: _bn(Z, g, b, eps, affine=False),
     "scale and shift"),
    ("check_softmax",
     lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True),
     "subtract each column's max"),
    ("check_softmax",
     lambda Z: _softmax_axis(Z, 1),
     "the classes, which are the rows"),
    ("check_softmax",
     lambda Z: np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(axis=0, keepdims=True),
     "not the max of the whole array"),
    ("check_softmax",
     lambda Z: np.exp(Z - Z.max(0)) / np.exp(Z - Z.max(0)).sum(),
     "normalize each column separately"),
    ("check_cross_entropy",
     _ce_sum,
     "you summed"),
    ("check_cross_entropy",
     lambda Yh, Y: _ce_sum(Yh, Y) / Y.size,
     "not by the number of entries C * m"),
    ("check_cross_entropy",
     lambda Yh, Y: -cross_entropy(Yh, Y),
     "minus sign"),
    ("check_cross_entropy",
     lambda Yh, Y: float(-np.sum(Y * np.log(Yh)) / Y.shape[1]),
     "0 * (-inf) = nan"),
    ("check_cross_entropy",
     lambda Yh, Y: -np.log(np.sum(Y * Yh, axis=0)),
     "into one number"),
]


@pytest.mark.parametrize("checker_name, wrong, hint", MISTAKES,
                         ids=[f"{c}-{h[:30]}" for c, _, h in MISTAKES])
def test_usual_mistake_gets_its_hint(capsys, checker_name, wrong, hint):
    out = verdict(capsys, checker_name, wrong)
    assert_fails(out, "Case ", hint)
    assert "\nHint: " in out


def test_a_value_failure_shows_case_expected_and_got(capsys):
    out = verdict(capsys, "check_ewa", lambda th, b: _ewa(th, b, correct=False))
    assert out.splitlines()[:3] == [
        "Case 1 of 5 (theta = [10, 10, 10], beta = 0.9): Mismatch in the averages (compared "
        "with the reference).",
        "  expected: [10, 10, 10] (shape (3,))",
        "  got:      [1, 1.9, 2.71] (shape (3,))",  # the course's uncorrected values
    ]


# ---------------------------------------------------------------- grading mode (nbgrader)


def _wrong_ewa(theta, beta):
    return _ewa(theta, beta, correct=False)


def _unfinished(*args, **kwargs):
    raise NotImplementedError("Exercise: write your code here")


@pytest.mark.parametrize("fn", [_wrong_ewa, _unfinished, "not a function"],
                         ids=["mistake", "not-implemented", "not-callable"])
def test_grading_mode_prints_the_same_message_then_raises(capsys, monkeypatch, fn):
    checks.check_ewa(fn)
    learner_out = capsys.readouterr().out
    monkeypatch.setenv(checks.MODE_VARIABLE, "raise")
    with pytest.raises(checks.CheckFailed) as failure:
        checks.check_ewa(fn)
    assert capsys.readouterr().out == learner_out, "the printed feedback is the learner's"
    assert isinstance(failure.value, AssertionError)
    assert failure.value._render_traceback_() == [
        "CheckFailed: the check of ewa_bias_corrected did not pass (the message above says "
        "why); no points for this exercise."]


@pytest.mark.parametrize("value", ["", "0", "print", "no"])
def test_other_values_keep_the_learner_mode(capsys, monkeypatch, value):
    monkeypatch.setenv(checks.MODE_VARIABLE, value)
    assert checks.check_ewa(_unfinished) is None
    assert capsys.readouterr().out.startswith("not implemented yet: ewa_bias_corrected")


def test_grading_mode_passes_a_correct_function_quietly(capsys, monkeypatch):
    monkeypatch.setenv(checks.MODE_VARIABLE, "raise")
    assert checks.check_ewa(ewa_bias_corrected) is None
    assert PASS.match(capsys.readouterr().out)
