"""Checker for the cost-landscape exercise (10): what kind of point has zero gradient."""

from __future__ import annotations

import numpy as np

from course_lib.checks._core import fmt, run

KINDS = ("minimum", "maximum", "saddle point")


def _kind(curvatures) -> str:
    if np.all(curvatures > 0):
        return "minimum"
    if np.all(curvatures < 0):
        return "maximum"
    return "saddle point"


def _rotated(eigenvalues, seed):
    """A symmetric matrix with these eigenvalues whose axes are not the coordinate axes."""
    n = len(eigenvalues)
    q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((n, n)))
    H = q @ np.diag(eigenvalues) @ q.T
    return (H + H.T) / 2


def _cases():
    d = np.diag
    return [
        ("the saddle's Hessian at (0, 1), diag(1, 2)", d([1.0, 2.0])),
        ("the saddle's Hessian at (0, 0), diag(1, -1)", d([1.0, -1.0])),
        ("H = [[-2, 1], [1, -2]], curvatures -1 and -3", np.array([[-2.0, 1.0], [1.0, -2.0]])),
        ("H = [[1, 2], [2, 1]]: positive diagonal, curvatures 3 and -1",
         np.array([[1.0, 2.0], [2.0, 1.0]])),
        ("3-D, curvatures 2, -1, -0.5 along turned axes", _rotated([2.0, -1.0, -0.5], 10)),
        ("1-D, H = [[-0.5]]", np.array([[-0.5]])),
        ("50-D, every curvature between 0.1 and 5, turned axes",
         _rotated(np.linspace(0.1, 5.0, 50), 11)),
        ("50-D, one curvature -0.1 among 49 positive ones, turned axes",
         _rotated(np.r_[-0.1, np.linspace(0.5, 5.0, 49)], 12)),
    ]


def _usual_mistakes(H):
    """(hint, the answer that mistake gives) for the usual wrong ways to read H."""
    diagonal = np.diag(H)
    det = np.linalg.det(H)
    by_det = "minimum" if det > 0 else "saddle point"
    return [
        ("the diagonal entries are the curvatures along the coordinate axes only; the kind of "
         "point is decided by the eigenvalues, np.linalg.eigvalsh(H), the curvatures along the "
         "Hessian's own axes.", _kind(diagonal)),
        ("det(H) > 0 only says that an even number of curvatures are negative (in 2-D: both or "
         "neither), so it cannot tell a minimum from a maximum; look at the sign of every "
         "eigenvalue.", by_det),
        ("all curvatures negative (the cost curves down in every direction) is a maximum, not a "
         "saddle point.", "saddle point" if _kind(np.linalg.eigvalsh(H)) == "maximum" else None),
        ("the signs are swapped: a positive curvature means the cost curves up, so all positive "
         "is a minimum and all negative a maximum.",
         {"minimum": "maximum", "maximum": "minimum"}.get(_kind(np.linalg.eigvalsh(H)))),
    ]


def check_critical_point(classify_critical_point) -> None:
    """Check ``classify_critical_point(H)``: "minimum", "maximum" or "saddle point" from H."""
    cases = _cases()

    def body(c):
        for label, H in cases:
            c.case(label)
            got = c.call(H.copy(), names=("H",))
            expected = _kind(np.linalg.eigvalsh(H))
            if not isinstance(got, str) or got not in KINDS:
                hint = None
                if isinstance(got, str) and got.strip().lower().startswith(expected.split()[0]):
                    hint = f"spell it exactly as listed: return {expected!r}."
                elif isinstance(got, np.ndarray):
                    hint = "return the name of the kind of point, not the eigenvalues."
                shown = repr(got) if isinstance(got, str) else fmt(got)
                c.fail(f"classify_critical_point returned {shown}; it should return one of "
                       "'minimum', 'maximum', 'saddle point'.",
                       hint or "return one of the three strings, e.g. return 'minimum'.")
            if got != expected:
                hint = next((h for h, wrong in _usual_mistakes(H) if wrong == got),
                            "compute the curvatures with np.linalg.eigvalsh(H): all > 0 is a "
                            "minimum, all < 0 a maximum, mixed signs a saddle point.")
                c.fail(f"wrong kind of point.\n  expected: {expected}\n  got:      {got}", hint)

    run("classify_critical_point", classify_critical_point, body, len(cases))
