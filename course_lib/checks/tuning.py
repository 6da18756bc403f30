"""Checkers for hyperparameter sampling (11), batch norm (12), softmax and cross-entropy (13)."""

from __future__ import annotations

import numpy as np

from course_lib import batchnorm, softmax
from course_lib.checks._core import fmt, run, shape_str

_N = 4000  # samples per distribution case: KS distance of a correct sampler stays far below 0.05


def _ks_uniform(u) -> float:
    """Kolmogorov-Smirnov distance between the samples ``u`` and the uniform law on [0, 1]."""
    u = np.sort(u)
    k = np.arange(1, u.size + 1)
    return float(max(np.max(k / u.size - u), np.max(u - (k - 1) / u.size)))


def _sampler_check(name, fn, cases, to_exponent, describe):
    """Shared by the two samplers: shape, range, rng use, and even spread on the log scale.

    ``describe(low, high)`` returns ``(range of r in words, the recipe)`` for the hints.
    """
    names = ("low", "high", "size", "rng")

    def body(c):
        for seed, (low, high, size) in enumerate(cases):
            c.case(f"low = {low:g}, high = {high:g}, size = {size}")
            span, recipe = describe(low, high)
            got = c.call(low, high, size, np.random.default_rng(seed), names=names)
            again = c.call(low, high, size, np.random.default_rng(seed), names=names)
            other = c.call(low, high, size, np.random.default_rng(seed + 50), names=names)
            if not isinstance(got, np.ndarray) or got.shape != (size,):
                c.fail(f"expected a NumPy array of shape {shape_str((size,))}, got {fmt(got)}.",
                       "draw all the samples at once: rng.uniform(a, b, size).")
            inside = (np.all(np.isfinite(got)) and got.min() >= low * (1 - 1e-12)
                      and got.max() <= high * (1 + 1e-12))
            if not inside:
                c.fail(f"samples must lie in [{low:g}, {high:g}]; got values from "
                       f"{fmt(float(np.nanmin(got)))} to {fmt(float(np.nanmax(got)))}.",
                       f"the exponent r must run {span}; use log10 and 10**r together "
                       "(not np.log with 10**r).")
            if not np.array_equal(np.asarray(again), got):
                c.fail("two calls with identically seeded rng arguments gave different samples.",
                       "draw from the rng argument (rng.uniform or rng.random), not np.random.")
            if size > 1 and np.array_equal(np.asarray(other), got):
                c.fail("different rng seeds gave the same samples: the result must be random.",
                       "draw from the rng argument.")
            if size >= 100:
                lo, hi = to_exponent(np.array([low, high]))
                a, b = min(lo, hi), max(lo, hi)
                u = (to_exponent(got) - a) / (b - a)
                ks = _ks_uniform(u)
                if ks > 0.05:
                    below = float(np.mean(u < 0.5))
                    hint = (f"sample the exponent uniformly, {recipe}; uniform samples on the "
                            "linear scale crowd into one end.")
                    if _ks_uniform((got - low) / (high - low)) < 0.05:
                        hint = "these are uniform on the linear scale; " + hint
                    c.fail("the samples are not spread evenly on the log scale: half of them "
                           "should lie in each half of the exponent's range, got "
                           f"{below:.1%} in the lower half (Kolmogorov-Smirnov distance {ks:.3f}, "
                           "allowed 0.05).", hint)

    run(name, fn, body, len(cases))


def _describe_log_uniform(lo, hi):
    return (f"from log10(low) to log10(high) (here {np.log10(lo):g} to {np.log10(hi):g})",
            "r = rng.uniform(np.log10(low), np.log10(high), size), then 10**r")


def _describe_beta(lo, hi):
    return (f"from log10(1 - high) to log10(1 - low) (here {np.log10(1 - hi):g} to "
            f"{np.log10(1 - lo):g}), with beta = 1 - 10**r",
            "r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size), then beta = 1 - 10**r")


def check_sample_log_uniform(sample_log_uniform) -> None:
    """Check ``sample_log_uniform(low, high, size, rng)``: 10**r, r uniform on the log range."""
    cases = [(1e-4, 1.0, _N), (1e-3, 1e-1, _N), (1e-6, 1e-5, _N), (0.5, 2.0, _N), (1e-4, 1.0, 1)]
    _sampler_check("sample_log_uniform", sample_log_uniform, cases, np.log10,
                   _describe_log_uniform)


def check_sample_beta(sample_beta) -> None:
    """Check ``sample_beta(low, high, size, rng)``: 1 - beta log-uniform in [1 - high, 1 - low]."""
    cases = [(0.9, 0.999, _N), (0.99, 0.9999, _N), (0.5, 0.9, _N), (0.9, 0.999, 1)]
    _sampler_check("sample_beta", sample_beta, cases, lambda b: np.log10(1 - b), _describe_beta)


def _bn(Z, gamma, beta, eps, *, axis=1, var_axis="same", ddof=0, outside=False):
    mu = Z.mean(axis=axis, keepdims=True)
    var_axis = axis if var_axis == "same" else var_axis
    count = Z.size if var_axis is None else Z.shape[var_axis]
    var = Z.var(axis=var_axis, keepdims=True, ddof=ddof) if count > ddof else np.zeros_like(mu)
    with np.errstate(all="ignore"):
        Z_norm = (Z - mu) / ((np.sqrt(var) + eps) if outside else np.sqrt(var + eps))
    return gamma * Z_norm + beta


def check_batchnorm_forward(batchnorm_step) -> None:
    """Check ``batchnorm_step(Z, gamma, beta, *, eps=1e-8)`` (training mode, statistics per row)."""
    cases = [("Z of shape (3, 8), gamma = 1, beta = 0, default eps", (3, 8), False, None, False),
             ("Z of shape (4, 6) with learned gamma and beta, eps = 1e-8", (4, 6), True, 1e-8,
              False),
             ("eps = 0.5, large enough to matter", (3, 5), True, 0.5, False),
             ("a constant row (variance 0)", (2, 6), True, 1e-8, True),
             ("a single unit, Z of shape (1, 7)", (1, 7), True, 1e-3, False)]

    def body(c):
        for seed, (label, shape, learned, eps, constant_row) in enumerate(cases):
            c.case(label)
            r = np.random.default_rng(700 + seed)
            Z = 3 * r.standard_normal(shape) + 2
            if constant_row:
                Z[0] = 1.5
            n = shape[0]
            gamma = r.uniform(0.5, 2, (n, 1)) if learned else np.ones((n, 1))
            beta = r.standard_normal((n, 1)) if learned else np.zeros((n, 1))
            e = 1e-8 if eps is None else eps
            kw = {} if eps is None else {"eps": eps}
            got = c.call(Z, gamma, beta, names=("Z", "gamma", "beta"), **kw)
            ref, _, _ = batchnorm.batchnorm_forward(Z, gamma, beta, batchnorm.batchnorm_init(n),
                                                    training=True, eps=e)
            c.array(got, ref, "Z_tilde", rtol=1e-6, atol=1e-9, mistakes=[
                ("mean and variance of each row (unit) over the m examples: axis=1, "
                 "keepdims=True; you used the wrong axis.", _bn(Z, gamma, beta, e, axis=0)),
                ("the mean is right but the variance is taken over the wrong axis: "
                 "np.var(Z, axis=1, keepdims=True), one variance per row.",
                 _bn(Z, gamma, beta, e, var_axis=0)),
                ("compute one mean and one variance per row (unit), not over the whole matrix.",
                 _bn(Z, gamma, beta, e, axis=None)),
                ("use the biased variance (divide by m, np.var's default), not m - 1.",
                 _bn(Z, gamma, beta, e, ddof=1)),
                ("eps goes inside the square root: np.sqrt(var + eps), not np.sqrt(var) + eps.",
                 _bn(Z, gamma, beta, e, outside=True)),
                ("scale and shift at the end: Z_tilde = gamma * Z_norm + beta.",
                 _bn(Z, 1.0, 0.0, e))],
                hint="mu = Z.mean(axis=1, keepdims=True); var = Z.var(axis=1, keepdims=True); "
                     "Z_norm = (Z - mu) / np.sqrt(var + eps); Z_tilde = gamma * Z_norm + beta.")

    run("batchnorm_step", batchnorm_step, body, len(cases))


WHOLE_SUM = ("normalize each column separately (np.sum(T, axis=0, keepdims=True)), not by the "
             "sum of the whole array.")


def check_softmax(softmax_fn) -> None:
    """Check ``softmax(Z)``: over axis 0 (classes are rows), stable for huge logits."""
    r = np.random.default_rng(800)
    cases = [("z = [5, 2, -1, 3] as one column (the course's example)",
              np.array([[5.0], [2.0], [-1.0], [3.0]])),
             ("Z of shape (3, 5)", r.standard_normal((3, 5))),
             ("huge logits around 1e4", 1e4 + r.standard_normal((3, 2))),
             ("two columns far apart: one near 1000, one near -1000",
              np.array([[1000.0, -1000.0], [1001.0, -1001.0], [999.0, -1002.0]])),
             ("Z of shape (4, 3) with equal logits in a column", np.array(
                 [[2.0, 1.0, 0.0], [2.0, -1.0, 0.0], [2.0, 0.5, 0.0], [2.0, 3.0, 0.0]]))]

    def body(c):
        for label, Z in cases:
            c.case(label)
            got = c.call(Z.copy(), names=("Z",))
            with np.errstate(all="ignore"):
                T = np.exp(Z)
                shifted = np.exp(Z - Z.max())
                wrong_axis = np.exp(Z - Z.max(axis=1, keepdims=True))
                T_col = np.exp(Z - Z.max(axis=0, keepdims=True))
            c.array(got, softmax.softmax(Z), "the probabilities", mistakes=[
                ("subtract each column's max before np.exp (Z - np.max(Z, axis=0, keepdims=True)): "
                 "np.exp of large logits overflows to inf.", T / T.sum(axis=0, keepdims=True)),
                ("subtract each column's own max (axis=0), not the max of the whole array: a "
                 "column far below it underflows to 0 / 0.",
                 shifted / shifted.sum(axis=0, keepdims=True)),
                ("softmax runs over the classes, which are the rows: sum over axis 0 so each "
                 "column sums to 1.", wrong_axis / wrong_axis.sum(axis=1, keepdims=True)),
                (WHOLE_SUM, shifted / shifted.sum()),
                (WHOLE_SUM, T_col / T_col.sum())],
                hint="T = np.exp(Z - np.max(Z, axis=0, keepdims=True)); "
                     "return T / np.sum(T, axis=0, keepdims=True).")

    run("softmax", softmax_fn, body, len(cases))


def check_cross_entropy(cross_entropy) -> None:
    """Check ``cross_entropy(Y_hat, Y)``: mean over the m examples of -sum_j y_j log y_hat_j."""
    r = np.random.default_rng(900)

    def probs(C, m):
        return softmax.softmax(r.standard_normal((C, m)))

    def onehot(*labels):
        return softmax.one_hot(np.array(labels), max(labels) + 1)

    cases = [("C = 3 classes, m = 4 examples", probs(3, 4), onehot(0, 2, 1, 2)),
             ("a single example, C = 4", probs(4, 1), softmax.one_hot(np.array([3]), 4)),
             ("probabilities exactly 0 for some wrong classes",
              np.array([[0.7, 0.0, 0.2], [0.3, 1.0, 0.0], [0.0, 0.0, 0.8]]), onehot(0, 1, 2)),
             ("C = 2, m = 6", probs(2, 6), onehot(0, 1, 1, 0, 1, 0)),
             ("confident and right: cost near 0", np.array([[0.999, 0.001], [0.001, 0.999]]),
              np.eye(2))]

    def body(c):
        for label, Y_hat, Y in cases:
            c.case(label)
            got = c.call(Y_hat.copy(), Y.copy(), names=("Y_hat", "Y"))
            m = Y.shape[1]
            with np.errstate(all="ignore"):
                logs = np.log(Y_hat)
                total = float(-np.sum(np.where(Y > 0, Y * logs, 0.0)))
                binary = float(-np.mean(np.sum(Y * logs + (1 - Y) * np.log(1 - Y_hat), axis=0)))
                naive = float(-np.sum(Y * logs) / m)
            if isinstance(got, np.ndarray) and got.shape in ((m,), (1, m)):
                c.fail(f"got an array of shape {shape_str(got.shape)}, expected one number.",
                       "average the per-example losses into one number: np.sum(...) / m.")
            ref = softmax.cross_entropy(Y_hat, Y)
            c.number(got, ref, "the cost", rtol=1e-6, atol=1e-9, mistakes=[
                ("a probability of 0 gives log(0) = -inf and 0 * (-inf) = nan: only the true "
                 "class counts, e.g. -np.log(np.sum(Y * Y_hat, axis=0)), or clip Y_hat away "
                 "from 0.", naive),
                ("average over the m examples: divide the sum by m = Y.shape[1]; you summed.",
                 total),
                ("divide by m, the number of examples (columns), not by the number of entries "
                 "C * m.", total / Y.size),
                ("the loss is -sum_j y_j log y_hat_j: the minus sign is missing.", -total / m),
                ("this is the binary (sigmoid) cross-entropy; with softmax it is "
                 "-sum_j y_j log y_hat_j.", binary)],
                hint="cost = -np.sum(Y * np.log(Y_hat)) / m with m = Y.shape[1].")

    run("cross_entropy", cross_entropy, body, len(cases))
