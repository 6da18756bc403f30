"""Checker for the programming-frameworks exercise (14): one training step's three parts in numpy.

The learner writes what ``optimizer.zero_grad(); cost.backward(); optimizer.step()`` does for the
least-squares cost :math:`J(w) = \\lVert A w - b \\rVert^2`: the forward pass (the cost), the
backward pass autograd would run (the chain rule through the residual ``r = A w - b``) and the
gradient-descent step. No PyTorch is needed: the reference below is the closed form
:math:`dJ/dw = 2 A^\\top (A w - b)`, which ``tests/test_checks_frameworks.py`` also compares with
PyTorch's autograd when PyTorch is installed.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks._core import run


def least_squares_reference(w, A, b, *, lr):
    """``(cost, dw, w_new)`` of one gradient-descent step on ``J(w) = ||A w - b||^2``.

    ``w`` has shape ``(n,)``, ``A`` shape ``(m, n)``, ``b`` shape ``(m,)``. The cost is the sum of
    squares (not the mean), as in notebook 14's quadratic.
    """
    r = A @ w - b
    dw = 2.0 * A.T @ r
    return float(r @ r), dw, w - lr * dw


_CASES = [  # (label, shape of A, lr, w solves A w = b); seeded arrays, see _arrays
    ("the notebook's J(w) = (w - 5)^2: A = [[1]], b = [5], w = [0], lr = 0.01", None, 0.01, False),
    ("a square, non-symmetric A of shape (3, 3), lr = 0.05", (3, 3), 0.05, False),
    ("A of shape (5, 3): more equations than parameters, lr = 0.01", (5, 3), 0.01, False),
    ("A of shape (2, 4): more parameters than equations, lr = 0.1", (2, 4), 0.1, False),
    ("w already solves A w = b, A of shape (4, 2): the gradient is 0", (4, 2), 0.1, True),
]


def _arrays(index, shape, at_solution):
    """``(w, A, b)`` of case ``index``: the notebook's quadratic, or seeded normal arrays."""
    if shape is None:
        return np.array([0.0]), np.array([[1.0]]), np.array([5.0])
    r = np.random.default_rng(1400 + index)
    A, w = r.normal(size=shape), r.normal(size=shape[1])
    return w, A, (A @ w if at_solution else r.normal(size=shape[0]))


def check_least_squares_step(least_squares_step) -> None:
    """Check ``least_squares_step(w, A, b, *, lr) -> (cost, dw, w_new)`` on ``||A w - b||^2``."""

    def body(c):
        for index, (label, shape, lr, at_solution) in enumerate(_CASES):
            c.case(label)
            w, A, b = _arrays(index, shape, at_solution)
            out = c.call(w, A, b, names=("w", "A", "b"), lr=lr)
            cost, dw, w_new = c.unpack(out, ("cost", "dw", "w_new"))
            ref_cost, ref_dw, ref_w = least_squares_reference(w, A, b, lr=lr)
            res = A @ w - b
            m = A.shape[0]
            c.number(cost, ref_cost, "the cost J", rtol=1e-9, atol=1e-12, mistakes=[
                ("the cost is the sum of the squared residuals, not their mean: no division by m.",
                 ref_cost / m),
                ("J = ||A w - b||^2 is the squared norm: r @ r (or np.sum(r ** 2)), not "
                 "np.linalg.norm(r).", np.sqrt(ref_cost))],
                hint="forward pass: r = A @ w - b, then cost = r @ r.")
            c.array(dw, ref_dw, "the gradient dw", rtol=1e-9, atol=1e-12, mistakes=[
                ("the derivative of r**2 is 2 r: dJ/dr = 2 * r, so dw = A.T @ (2 * r).",
                 A.T @ res),
                ("the cost is a sum, not a mean: no division by m in dw.", ref_dw / m),
                ("the sign is flipped: with r = A w - b, dr/dw = +A, so dw = A.T @ (2 * r) "
                 "(with r = b - A w the chain rule needs a minus sign).", -ref_dw),
                ("the backward pass multiplies by the transpose: dw = A.T @ dr, not A @ dr.",
                 2.0 * A @ res if A.shape[0] == A.shape[1] else None)],
                hint="backward pass: dr = 2 * r (dJ/dr), then dw = A.T @ dr (the chain rule "
                     "through r = A w - b).")
            c.array(w_new, ref_w, "w_new", rtol=1e-9, atol=1e-12, mistakes=[
                ("gradient descent steps against the gradient: w_new = w - lr * dw.",
                 w + lr * ref_dw),
                ("the step is scaled by the learning rate: w_new = w - lr * dw.", w - ref_dw)],
                hint="the optimizer's step: w_new = w - lr * dw.")

    run("least_squares_step", least_squares_step, body, len(_CASES))

