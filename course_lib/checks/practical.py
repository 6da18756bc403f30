"""Checkers for practical aspects: L2 cost, dropout (02), He init (04), gradient check (05)."""

from __future__ import annotations

import numpy as np

from course_lib import gradcheck, initializers, regularization
from course_lib.checks._core import run


def _params(rng, dims):
    out = {}
    for l in range(1, len(dims)):
        out[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
        out[f"b{l}"] = rng.standard_normal((dims[l], 1))  # non-zero, so regularized biases show
    return out


def _squares(params, prefix):
    return sum(float(np.sum(np.square(v))) for k, v in params.items() if k.startswith(prefix))


def check_l2_cost(l2_cost) -> None:
    """Check ``l2_cost(params, *, lambd, m)`` = lambd / (2m) * sum of squared entries of every W."""
    cases = [([2, 3, 1], 0.7, 5), ([4, 5, 3, 2], 0.1, 10), ([3, 2], 0.0, 4), ([1, 1], 2.0, 1),
             ([6, 4, 4, 4, 1], 1.5, 32)]

    def body(c):
        for seed, (dims, lambd, m) in enumerate(cases):
            c.case(f"layer sizes {dims}, lambd = {lambd:g}, m = {m}")
            params = _params(np.random.default_rng(100 + seed), dims)
            got = c.call(params, names=("params",), lambd=lambd, m=m)
            w2, b2 = _squares(params, "W"), _squares(params, "b")
            norms = sum(float(np.linalg.norm(v)) for k, v in params.items() if k.startswith("W"))
            c.number(got, regularization.l2_cost(params, lambd=lambd, m=m), "the cost", mistakes=[
                ("biases are not regularized: sum only the entries of the W's (keys starting "
                 "with 'W').", lambd / (2 * m) * (w2 + b2)),
                ("the factor is lambd / (2 * m): the 2 is missing.", lambd / m * w2),
                ("divide by m, the number of examples: lambd / (2 * m).", lambd / 2 * w2),
                ("use squared entries, np.sum(np.square(W)), not the norm np.linalg.norm(W).",
                 lambd / (2 * m) * norms),
                ("sum over every layer's W (W1, ..., WL), not only the first.",
                 lambd / (2 * m) * float(np.sum(np.square(params["W1"])))),
            ], hint="lambd / (2 * m) times the sum over l of "
                    "np.sum(np.square(params['W' + str(l)])).")

    run("l2_cost", l2_cost, body, len(cases))


_DROP_CASES = [((5, 10), 0.5), ((3, 4), 0.8), ((4, 6), 1.0), ((1, 1), 0.3), ((6, 3), 0.9)]


def check_dropout_forward(dropout_forward) -> None:
    """Check ``dropout_forward(A, keep_prob, rng) -> (A_drop, mask)`` (inverted dropout)."""

    def body(c):
        for seed, (shape, keep_prob) in enumerate(_DROP_CASES):
            c.case(f"A of shape {shape}, keep_prob = {keep_prob:g}")
            A = np.random.default_rng(200 + seed).standard_normal(shape)
            names = ("A", "keep_prob", "rng")
            out = c.call(A, keep_prob, np.random.default_rng(seed), names=names)
            A_drop, mask = c.unpack(out, ("A_drop", "mask"))
            again = c.call(A, keep_prob, np.random.default_rng(seed), names=names)
            ref_drop, ref_mask = regularization.dropout_forward(A, keep_prob,
                                                                np.random.default_rng(seed))
            other = again[1] if isinstance(again, (tuple, list)) and len(again) == 2 else None
            if (isinstance(mask, np.ndarray) and np.shape(other) == mask.shape
                    and not np.array_equal(other, mask)):
                c.fail("two calls with identically seeded rng arguments gave different masks.",
                       "draw the random numbers from the rng argument, rng.random(A.shape), "
                       "not np.random.")
            u = np.random.default_rng(seed).random(shape)
            c.array(mask, ref_mask, "the mask", dtype_bool_ok=True, mistakes=[
                ("keep a unit where rng.random(A.shape) < keep_prob (a fraction keep_prob "
                 "survives), not >.", u > keep_prob)],
                hint="mask = rng.random(A.shape) < keep_prob, one draw of the shape of A.")
            c.array(A_drop, ref_drop, "A_drop", mistakes=[
                ("divide by keep_prob (inverted dropout) so the expected activation stays the "
                 "same.", A * ref_mask),
                ("divide by keep_prob, do not multiply by it.", A * ref_mask * keep_prob)],
                hint="A_drop = A * mask / keep_prob.")

    run("dropout_forward", dropout_forward, body, len(_DROP_CASES))


def check_dropout_backward(dropout_backward) -> None:
    """Check ``dropout_backward(dA, mask, keep_prob)`` = dA * mask / keep_prob."""

    def body(c):
        for seed, (shape, keep_prob) in enumerate(_DROP_CASES):
            c.case(f"dA of shape {shape}, keep_prob = {keep_prob:g}")
            r = np.random.default_rng(300 + seed)
            dA, mask = r.standard_normal(shape), r.random(shape) < keep_prob
            got = c.call(dA, mask, keep_prob, names=("dA", "mask", "keep_prob"))
            ref = regularization.dropout_backward(dA, mask, keep_prob)
            c.array(got, ref, "dA_masked", mistakes=[
                ("divide by keep_prob, as in the forward pass.", dA * mask),
                ("divide by keep_prob, do not multiply by it.", dA * mask * keep_prob),
                ("apply the same mask as in the forward pass: dropped units get no gradient.",
                 dA / keep_prob)],
                hint="dA_masked = dA * mask / keep_prob.")

    run("dropout_backward", dropout_backward, body, len(_DROP_CASES))


def check_he_init(he_init) -> None:
    """Check ``he_init(layer_dims, rng)``: W{l} = N(0, 1) draws * sqrt(2 / n[l-1]), zero biases."""
    cases = [[3, 5, 1], [5, 3], [3, 10, 10, 2], [1, 1], [4, 7, 3, 5, 1]]

    def body(c):
        for seed, dims in enumerate(cases):
            c.case(f"layer_dims = {dims}")
            got = c.call(list(dims), np.random.default_rng(seed), names=("layer_dims", "rng"))
            again = c.call(list(dims), np.random.default_rng(seed), names=("layer_dims", "rng"))
            ref = initializers.he(dims, np.random.default_rng(seed))
            if not isinstance(got, dict):
                c.fail(f"he_init should return a dict of parameters, got {type(got).__name__}.",
                       "build params = {} and set params['W1'], params['b1'], ...")
            missing, extra = sorted(set(ref) - set(got)), sorted(set(got) - set(ref))
            if missing or extra:
                c.fail(f"keys missing: {missing or 'none'}; unexpected keys: {extra or 'none'}.",
                       f"use the keys W1..W{len(dims) - 1} and b1..b{len(dims) - 1} "
                       "(l runs from 1 to L).")
            r = np.random.default_rng(seed)
            normals = [r.standard_normal((dims[l], dims[l - 1])) for l in range(1, len(dims))]
            for l in range(1, len(dims)):
                n_prev, n_cur, z = dims[l - 1], dims[l], normals[l - 1]
                if isinstance(again, dict) and isinstance(got[f"W{l}"], np.ndarray) \
                        and not np.array_equal(np.asarray(again.get(f"W{l}")), got[f"W{l}"]):
                    c.fail(f"two calls with identically seeded rng arguments gave different W{l}.",
                           "draw from the rng argument, rng.standard_normal(...), not np.random.")
                c.array(got[f"W{l}"], ref[f"W{l}"], f"W{l}", mistakes=[
                    ("that is Xavier's scale sqrt(1 / n[l-1]); He uses sqrt(2 / n[l-1]) for ReLU.",
                     z * np.sqrt(1 / n_prev)),
                    ("divide by n[l-1], the number of inputs of the layer, not by n[l].",
                     z * np.sqrt(2 / n_cur)),
                    ("take the square root: sqrt(2 / n[l-1]) is the standard deviation, "
                     "2 / n[l-1] the variance.", z * 2 / n_prev),
                    ("scale the standard normal draws by np.sqrt(2 / n[l-1]).", z),
                    ("0.01 is the small random initialization; He uses np.sqrt(2 / n[l-1]).",
                     z * 0.01)],
                    hint="W{l} = rng.standard_normal((n[l], n[l-1])) * np.sqrt(2 / n[l-1]), one "
                         "draw per layer in the order l = 1, ..., L, and no draws for the biases.")
                c.array(got[f"b{l}"], ref[f"b{l}"], f"b{l}", mistakes=[
                    (f"b{l} must be a column of shape ({n_cur}, 1): np.zeros((n[l], 1)).",
                     np.zeros(n_cur))],
                    hint="biases start at zero: np.zeros((n[l], 1)).")

    run("he_init", he_init, body, len(cases))


def _cube(x):
    return float(np.sum(x**3))


def _wavy(x):
    return float(x[0] ** 2 * np.sin(x[1]) + np.exp(0.5 * x[2]) + x[0] * x[3] ** 3)


def _wavy_grad(x):
    return np.array([2 * x[0] * np.sin(x[1]) + x[3] ** 3, x[0] ** 2 * np.cos(x[1]),
                     0.5 * np.exp(0.5 * x[2]), 3 * x[0] * x[3] ** 2])


def _not_reset(f, theta, eps):
    plus, minus, out = theta.copy(), theta.copy(), np.zeros_like(theta)
    for i in range(theta.size):
        plus[i] += eps
        minus[i] -= eps
        out[i] = (f(plus) - f(minus)) / (2 * eps)
    return out


def _shape_guard(f, shape):
    def guarded(x):
        if np.shape(x) != shape:
            raise ValueError(f"f expects a vector of shape {shape}, got shape {np.shape(x)}")
        return f(np.asarray(x, dtype=float))
    return guarded


def check_gradient_check(gradient_check) -> None:
    """Check ``gradient_check(f, theta, dtheta, *, eps=1e-7) -> (difference, dtheta_approx)``."""
    theta4 = np.array([0.7, -1.2, 0.4, 1.1])
    bug = _wavy_grad(theta4) * np.array([1.0, 1.0, 1.0, 1.3])
    cases = [  # label, f, theta, dtheta, eps (None: use the default)
        ("f = sum(theta**3) at 3 points, the correct gradient, default eps", _cube,
         np.array([0.5, -1.0, 2.0]), 3 * np.array([0.5, -1.0, 2.0]) ** 2, None),
        ("a curved f of 4 components, the correct gradient, eps = 1e-3", _wavy, theta4,
         _wavy_grad(theta4), 1e-3),
        ("f = theta**3 at theta = 1, eps = 0.01 (the course's example)", _cube, np.array([1.0]),
         np.array([3.0]), 1e-2),
        ("the same curved f, a gradient with a planted bug in component 3, eps = 1e-4", _wavy,
         theta4, bug, 1e-4),
        ("f = sum(theta**3), a gradient with the wrong sign, eps = 1e-5", _cube,
         np.array([1.5, -0.5]), -3 * np.array([1.5, -0.5]) ** 2, 1e-5),
    ]

    def body(c):
        for label, f, theta, dtheta, eps in cases:
            c.case(label)
            g = _shape_guard(f, theta.shape)
            kw = {} if eps is None else {"eps": eps}
            out = c.call(g, theta.copy(), dtheta.copy(), names=("f", "theta", "dtheta"), **kw)
            difference, approx = c.unpack(out, ("difference", "dtheta_approx"))
            e = 1e-7 if eps is None else eps
            ref_diff, ref = gradcheck.gradient_check(f, theta, dtheta, eps=e)
            tol = {"rtol": 1e-5, "atol": 1e-6} if eps is None else {"rtol": 1e-6, "atol": 1e-9}
            c.array(approx, ref, "dtheta_approx", **tol, mistakes=[
                ("use centred differences (f(theta + eps) - f(theta - eps)) / (2 * eps); the "
                 "one-sided (f(theta + eps) - f(theta)) / eps has an error of order eps.",
                 gradcheck.one_sided_gradient(f, theta, eps=e)),
                ("divide by 2 * eps: theta + eps and theta - eps are 2 * eps apart.", 2 * ref),
                ("start every component from a fresh copy of theta, so only component i is moved.",
                 _not_reset(f, theta, e)),
                ("move one component at a time (theta_plus = theta.copy(); theta_plus[i] += eps).",
                 np.full_like(theta, (f(theta + e) - f(theta - e)) / (2 * e)))],
                hint="for each i: copy theta, add eps to component i for one copy and subtract "
                     "it for the other, then (f(plus) - f(minus)) / (2 * eps).")
            num = float(np.linalg.norm(ref - dtheta))
            c.number(difference, ref_diff, "difference", rtol=1e-4, atol=1e-7, mistakes=[
                ("divide by (||dtheta_approx|| + ||dtheta||) to make the difference relative.",
                 num),
                ("the denominator is ||dtheta_approx|| + ||dtheta||, the sum of both norms.",
                 num / max(float(np.linalg.norm(dtheta)), 1e-300)),
                ("use the Euclidean norm np.linalg.norm, not its square.",
                 num**2 / (float(np.linalg.norm(ref)) ** 2 + float(np.linalg.norm(dtheta)) ** 2))],
                hint="difference = np.linalg.norm(approx - dtheta) / (np.linalg.norm(approx) + "
                     "np.linalg.norm(dtheta)).")

    run("gradient_check", gradient_check, body, len(cases))
