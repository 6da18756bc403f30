"""Checkers for the optimization exercises: mini-batches (06), EWA (07), momentum and Adam (08),
learning-rate decay (09)."""

from __future__ import annotations

import math

import numpy as np

from course_lib import ewa, minibatch, optimizers, schedules
from course_lib.checks._core import run, shape_str


def _batches_shape_and_pairs(c, got, X, Y, ref):
    """Count, structure and X/Y pairing of a list of mini-batches, before any value comparison."""
    m, size = X.shape[1], ref[0][0].shape[1]
    if not isinstance(got, (list, tuple)):
        c.fail("random_mini_batches should return a list of (X_t, Y_t) pairs, got "
               f"{type(got).__name__}.",
               "collect the pairs in a list: mini_batches.append((X_t, Y_t)).")
    if len(got) != len(ref):
        sizes = ", ".join(str(b[0].shape[1]) for b in ref)
        hint = (f"m = {m} with mini_batch_size = {size} gives {len(ref)} mini-batches of sizes "
                f"{sizes}: ")
        hint += ("the last, smaller one holds the remaining examples." if len(got) < len(ref) else
                 "no empty mini-batch at the end when m is a multiple of mini_batch_size.")
        c.fail(f"got {len(got)} mini-batches, expected {len(ref)}.", hint)
    lookup = {X[:, j].tobytes(): j for j in range(m)}
    for k, (item, (rX, rY)) in enumerate(zip(got, ref), start=1):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            c.fail(f"mini-batch {k} is not a pair (X_t, Y_t).", "append (X_t, Y_t) tuples.")
        Xt, Yt = item
        for what, arr, r in ((f"X_t of mini-batch {k}", Xt, rX),
                             (f"Y_t of mini-batch {k}", Yt, rY)):
            if not isinstance(arr, np.ndarray) or arr.shape != r.shape:
                shown = shape_str(arr.shape) if isinstance(arr, np.ndarray) else type(arr).__name__
                c.fail(f"{what} has shape {shown}, expected {shape_str(r.shape)}.",
                       "examples are columns: slice X[:, start:end], not X[start:end].")
        for j in range(Xt.shape[1]):
            source = lookup.get(np.ascontiguousarray(Xt[:, j]).tobytes())
            if source is None:
                c.fail(f"column {j} of X_t in mini-batch {k} is not a column of X.",
                       "shuffle whole columns: X[:, permutation].")
            if not np.array_equal(Yt[:, j], Y[:, source]):
                c.fail(f"in mini-batch {k}, column {j} of Y_t is not the label of column {j} "
                       "of X_t.",
                       "X and Y were shuffled differently: use one permutation for both, "
                       "X[:, permutation] and Y[:, permutation].")


def check_random_mini_batches(random_mini_batches) -> None:
    """Check ``random_mini_batches(X, Y, mini_batch_size, rng)``: one permutation, X/Y aligned."""
    cases = [(3, 10, 1, 4), (2, 12, 1, 4), (2, 20, 1, 64), (4, 9, 3, 2), (2, 5, 1, 1)]

    def body(c):
        for seed, (n_x, m, n_y, size) in enumerate(cases):
            c.case(f"X of shape ({n_x}, {m}), Y of shape ({n_y}, {m}), mini_batch_size = {size}")
            r = np.random.default_rng(400 + seed)
            X = r.standard_normal((n_x, m))
            if n_y == 1:
                Y = (r.random((1, m)) < 0.5).astype(float)
            else:
                Y = np.eye(n_y)[:, r.integers(0, n_y, m)]
            got = c.call(X, Y, size, np.random.default_rng(seed),
                         names=("X", "Y", "mini_batch_size", "rng"))
            ref = minibatch.random_mini_batches(X, Y, size, np.random.default_rng(seed))
            _batches_shape_and_pairs(c, got, X, Y, ref)
            unshuffled = [X[:, s:s + size] for s in range(0, m, size)]
            for k, ((Xt, _), (rX, _)) in enumerate(zip(got, ref), start=1):
                c.array(Xt, rX, f"X_t of mini-batch {k}", rtol=0, atol=0, mistakes=[
                    ("shuffle the columns first with permutation = rng.permutation(m).",
                     unshuffled[k - 1])],
                    hint="shuffle with permutation = rng.permutation(m) (exactly once, from the "
                         "rng argument), then cut X[:, permutation] into consecutive slices.")

    run("random_mini_batches", random_mini_batches, body, len(cases))


def _ewa_fed_back(theta, beta):
    v, out = np.zeros(theta.shape[1:]), np.empty_like(theta)
    for t in range(theta.shape[0]):
        v = (beta * v + (1 - beta) * theta[t]) / (1 - beta ** (t + 1))
        out[t] = v
    return out


def check_ewa(ewa_bias_corrected) -> None:
    """Check ``ewa_bias_corrected(theta, beta)``: every v_t / (1 - beta**t), time along axis 0."""
    r = np.random.default_rng(7)
    temps = 12 + 8 * np.sin(np.arange(30) / 5) + r.standard_normal(30)
    cases = [("theta = [10, 10, 10], beta = 0.9", np.array([10.0, 10.0, 10.0]), 0.9),
             ("30 noisy temperatures, beta = 0.98", temps, 0.98),
             ("beta = 0 (no averaging)", temps[:6], 0.0),
             ("theta of shape (20, 3), time along axis 0, beta = 0.9", r.standard_normal((20, 3)),
              0.9),
             ("a single value, beta = 0.5", np.array([4.0]), 0.5)]

    def body(c):
        for label, theta, beta in cases:
            c.case(label)
            got = c.call(theta.copy(), beta, names=("theta", "beta"))
            raw = ewa.ewa(theta, beta)
            t = np.arange(1, theta.shape[0] + 1).reshape((-1,) + (1,) * (theta.ndim - 1))
            no_one_minus = ewa.ewa(theta, beta) / (1 - beta) if beta < 1 else None
            c.array(got, ewa.ewa(theta, beta, bias_correction=True), "the averages", mistakes=[
                ("bias correction forgotten: divide each v_t by (1 - beta**t).", raw),
                ("t starts at 1 for the first value: divide by (1 - beta**t) with t = 1, 2, ...",
                 raw / (1 - beta ** (t + 1))),
                ("keep the uncorrected v_t in the recursion; correct only the value you output.",
                 _ewa_fed_back(theta, beta)),
                ("v_t = beta * v_(t-1) + (1 - beta) * theta_t: the (1 - beta) factor is missing.",
                 no_one_minus / (1 - beta**t) if no_one_minus is not None else None)],
                hint="v = 0; for t = 1, 2, ...: v = beta * v + (1 - beta) * theta[t - 1]; output "
                     "v / (1 - beta**t). Time runs along axis 0.")

    run("ewa_bias_corrected", ewa_bias_corrected, body, len(cases))


def _arrays(seed, shape, n):
    r = np.random.default_rng(seed)
    return [r.standard_normal(shape) for _ in range(n)]


def check_momentum_update(momentum_update) -> None:
    """Check ``momentum_update(w, dw, v, *, lr, beta) -> (w_new, v_new)`` in the EWA form."""
    cases = [("w of shape (3,), v = 0, lr = 0.1, beta = 0.9", (3,), 0.1, 0.9, True, False),
             ("w of shape (2, 3), v from earlier steps, lr = 0.05, beta = 0.9", (2, 3), 0.05, 0.9,
              False, False),
             ("beta = 0 (plain gradient descent)", (4, 1), 0.1, 0.0, False, False),
             ("dw = 0 (only the velocity moves w)", (2, 2), 0.2, 0.8, False, True),
             ("a single weight of shape (1, 1), lr = 1, beta = 0.99", (1, 1), 1.0, 0.99, False,
              False)]

    def body(c):
        for seed, (label, shape, lr, beta, v_zero, dw_zero) in enumerate(cases):
            c.case(label)
            w, dw, v = _arrays(500 + seed, shape, 3)
            v, dw = (np.zeros(shape) if v_zero else v), (np.zeros(shape) if dw_zero else dw)
            out = c.call(w, dw, v, names=("w", "dw", "v"), lr=lr, beta=beta)
            w_new, v_new = c.unpack(out, ("w_new", "v_new"))
            ref_w, state = optimizers.momentum_step(w, dw, optimizers.MomentumState(v), lr=lr,
                                                    beta=beta)
            c.array(v_new, state.v, "v_new", mistakes=[
                ("use the EWA form v = beta * v + (1 - beta) * dw, the course's convention.",
                 beta * v + dw),
                ("v = beta * v + (1 - beta) * dw: beta weights the old velocity, not the gradient.",
                 (1 - beta) * v + beta * dw)],
                hint="v_new = beta * v + (1 - beta) * dw.")
            c.array(w_new, ref_w, "w_new", mistakes=[
                ("update w with the new velocity, w - lr * v_new, not the raw gradient dw.",
                 w - lr * dw),
                ("use the new velocity v_new (computed first), not the old v.", w - lr * v),
                ("subtract: w_new = w - lr * v_new.", w + lr * state.v)],
                hint="w_new = w - lr * v_new.")

    run("momentum_update", momentum_update, body, len(cases))


def check_adam_update(adam_update) -> None:
    """Check ``adam_update(w, dw, v, s, t, *, lr, beta1, beta2, eps) -> (w_new, v_new, s_new)``.

    Named as in the lecture: ``v`` averages the gradients (momentum), ``s`` the squared gradients
    (``course_lib.optimizers.AdamState`` calls them ``m`` and ``v``, as PyTorch does).
    """
    cases = [("first step t = 1 from v = s = 0, lr = 0.01", (3,), 1, 0.01, 1e-8, True, 1.0),
             ("t = 3 with v, s from earlier steps, shape (2, 3)", (2, 3), 3, 0.01, 1e-8, False,
              1.0),
             ("t = 100, bias correction almost gone", (4, 1), 100, 0.001, 1e-8, False, 1.0),
             ("tiny gradients with eps = 0.1", (3, 2), 2, 0.01, 0.1, False, 1e-3),
             ("dw = 0 at t = 5", (2, 2), 5, 0.1, 1e-8, False, 0.0)]
    beta1, beta2 = 0.9, 0.999

    def body(c):
        for seed, (label, shape, t, lr, eps, zero_state, scale) in enumerate(cases):
            c.case(label)
            w, dw, v, s = _arrays(600 + seed, shape, 4)
            dw, s = dw * scale, np.abs(s) * 1e-2
            if zero_state:
                v, s = np.zeros(shape), np.zeros(shape)
            out = c.call(w, dw, v, s, t, names=("w", "dw", "v", "s", "t"), lr=lr, beta1=beta1,
                         beta2=beta2, eps=eps)
            w_new, v_new, s_new = c.unpack(out, ("w_new", "v_new", "s_new"))
            ref_w, st = optimizers.adam_step(w, dw, optimizers.AdamState(v, s, t - 1), lr=lr,
                                             beta1=beta1, beta2=beta2, eps=eps)
            ref_v, ref_s = st.m, st.v  # course_lib's AdamState names them m and v
            c1, c2 = 1 - beta1**t, 1 - beta2**t
            c.array(v_new, ref_v, "v_new", mistakes=[
                ("return the raw v; its bias-corrected value v / (1 - beta1**t) is only for the "
                 "update.", ref_v / c1),
                ("v = beta1 * v + (1 - beta1) * dw: the (1 - beta1) factor is missing.",
                 beta1 * v + dw)],
                hint="v_new = beta1 * v + (1 - beta1) * dw.")
            c.array(s_new, ref_s, "s_new", mistakes=[
                ("s averages the squared gradient: (1 - beta2) * dw**2.",
                 beta2 * s + (1 - beta2) * dw),
                ("return the raw s; its bias-corrected value s / (1 - beta2**t) is only for the "
                 "update.", ref_s / c2)],
                hint="s_new = beta2 * s + (1 - beta2) * dw**2 (elementwise square).")
            v_hat, s_hat = ref_v / c1, ref_s / c2
            late_v, late_s = ref_v / (1 - beta1 ** (t + 1)), ref_s / (1 - beta2 ** (t + 1))
            c.array(w_new, ref_w, "w_new", mistakes=[
                ("bias correction forgotten: divide v by (1 - beta1**t) and s by (1 - beta2**t).",
                 w - lr * ref_v / (np.sqrt(ref_s) + eps)),
                ("this exercise asks for the Adam paper's form, which PyTorch uses too: eps goes "
                 "outside the square root, np.sqrt(s_hat) + eps. The lecture's np.sqrt(s_hat + eps) "
                 "is another form in use; the two differ only where s_hat is not much larger than "
                 "eps (tiny gradients).",
                 w - lr * v_hat / np.sqrt(s_hat + eps)),
                ("t is already the step number (1 on the first step): use beta**t, not "
                 "beta**(t + 1).", w - lr * late_v / (np.sqrt(late_s) + eps)),
                ("divide by the square root of s_hat.", w - lr * v_hat / (s_hat + eps)),
                ("subtract the step: w - lr * v_hat / (np.sqrt(s_hat) + eps).",
                 w + lr * v_hat / (np.sqrt(s_hat) + eps))],
                hint="w_new = w - lr * v_hat / (np.sqrt(s_hat) + eps) with "
                     "v_hat = v_new / (1 - beta1**t) and s_hat = s_new / (1 - beta2**t).")

    run("adam_update", adam_update, body, len(cases))


def _decay_check(name, fn, cases, reference, variants, hint):
    def body(c):
        for kwargs in cases:
            lr0, epoch = kwargs["lr0"], kwargs["epoch"]
            extra = {k: v for k, v in kwargs.items() if k not in ("lr0", "epoch")}
            c.case(", ".join(f"{k} = {v:g}" for k, v in kwargs.items()))
            got = c.call(lr0, epoch, names=("lr0", "epoch"), **extra)
            c.number(got, reference(lr0, epoch, **extra), "the learning rate",
                     mistakes=[(h, f(lr0, epoch, **extra)) for h, f in variants], hint=hint)

    run(name, fn, body, len(cases))


def check_inverse_time_decay(inverse_time_decay) -> None:
    """Check ``inverse_time_decay(lr0, epoch, *, decay_rate)`` = lr0 / (1 + decay_rate * epoch)."""
    cases = [dict(lr0=0.2, epoch=e, decay_rate=1.0) for e in (1, 2, 3, 4)]
    cases += [dict(lr0=0.5, epoch=0, decay_rate=2.0), dict(lr0=0.1, epoch=10, decay_rate=0.5),
              dict(lr0=0.3, epoch=7, decay_rate=0.0)]
    _decay_check("inverse_time_decay", inverse_time_decay, cases, schedules.inverse_time_decay, [
        ("divide lr0 by (1 + decay_rate * epoch), do not multiply.",
         lambda a, e, decay_rate: a * (1 + decay_rate * e)),
        ("the denominator is 1 + decay_rate * epoch: the 1 keeps epoch 0 at lr0.",
         lambda a, e, decay_rate: a / (decay_rate * e) if decay_rate * e else math.inf),
        ("this schedule is not exponential: lr0 / (1 + decay_rate * epoch).",
         lambda a, e, decay_rate: a / (1 + decay_rate) ** e),
        ("epoch 0 keeps lr0: use epoch itself, not epoch + 1.",
         lambda a, e, decay_rate: a / (1 + decay_rate * (e + 1)))],
        "lr = lr0 / (1 + decay_rate * epoch); with lr0 = 0.2 and decay_rate = 1, epochs 1..4 give "
        "0.1, 0.0667, 0.05, 0.04.")


def check_fixed_interval_decay(fixed_interval_decay) -> None:
    """Check ``fixed_interval_decay(lr0, epoch, *, decay_rate, time_interval)`` (staircase)."""
    cases = [dict(lr0=0.5, epoch=e, decay_rate=1.0, time_interval=10) for e in (0, 9, 10, 25)]
    cases += [dict(lr0=0.2, epoch=3, decay_rate=1.0, time_interval=1),
              dict(lr0=0.1, epoch=1000, decay_rate=0.5, time_interval=100)]
    def with_steps(steps):  # the schedule with floor replaced by another rounding of e / interval
        def schedule(lr0, epoch, *, decay_rate, time_interval):
            return lr0 / (1 + decay_rate * steps(epoch, time_interval))
        return schedule

    _decay_check("fixed_interval_decay", fixed_interval_decay, cases,
                 schedules.fixed_interval_decay, [
        ("round epoch / time_interval down with np.floor: the rate stays fixed within each "
         "interval.", with_steps(lambda e, n: e / n)),
        ("use floor, not ceil: epochs 0 .. time_interval - 1 keep lr0.",
         with_steps(lambda e, n: math.ceil(e / n))),
        ("use floor, not round: the rate changes only when a whole interval has passed.",
         with_steps(lambda e, n: round(e / n))),
        ("divide the epoch by time_interval: decay_rate * floor(epoch / time_interval).",
         with_steps(lambda e, n: e))],
        "lr = lr0 / (1 + decay_rate * floor(epoch / time_interval)).")
