"""check_critical_point (notebook 10): a right answer passes, each usual mistake gets its
hint, an unfinished exercise says "not implemented yet".

The right implementation is written by hand from the lesson (the signs of the eigenvalues), not by
calling the checker's reference.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from course_lib import checks
from tests.checker_support import learner_mode, run_checker  # noqa: F401 (autouse fixture)

PASS = re.compile(r"^All (\d+) cases pass: classify_critical_point matches the reference\.\n$")


def classify_critical_point(H):
    curvatures = np.linalg.eigvalsh(H)
    if np.all(curvatures > 0):
        return "minimum"
    if np.all(curvatures < 0):
        return "maximum"
    return "saddle point"


def _from(curvatures_of):
    def classify(H):
        lam = curvatures_of(H)
        return "minimum" if np.all(lam > 0) else "maximum" if np.all(lam < 0) else "saddle point"
    return classify


def verdict(capsys, fn) -> str:
    return run_checker(capsys, checks.check_critical_point, fn)


def test_right_answer_passes(capsys):
    match = PASS.match(verdict(capsys, classify_critical_point))
    assert match and int(match.group(1)) == 8


def test_exported_and_listed():
    assert "check_critical_point" in checks.__all__
    assert "check_critical_point" in checks.__doc__


def test_not_implemented_says_so(capsys):
    def unfinished(H):
        raise NotImplementedError("Exercise: write your code here")

    out = verdict(capsys, unfinished)
    assert out.startswith("not implemented yet: classify_critical_point still raises "
                          "NotImplementedError.")
    assert out.count("\n") == 1


def _fails(out, *needles):
    assert not PASS.match(out), out
    for needle in needles:
        assert needle in out, f"expected {needle!r} in:\n{out}"


MISTAKES = [  # (the learner's function, the case it fails first, what the message must say)
    (_from(np.diag), "Case 4 of 8", ("expected: saddle point", "got:      minimum",
                                     "the diagonal entries are the curvatures along the "
                                     "coordinate axes only")),
    (lambda H: "minimum" if np.linalg.det(H) > 0 else "saddle point", "Case 3 of 8",
     ("expected: maximum", "det(H) > 0 only says")),
    (lambda H: "minimum" if np.all(np.linalg.eigvalsh(H) > 0) else "saddle point",
     "Case 3 of 8", ("expected: maximum", "got:      saddle point", "is a maximum, not a saddle")),
    (lambda H: {"minimum": "maximum", "maximum": "minimum"}.get(classify_critical_point(H),
                                                                "saddle point"),
     "Case 1 of 8", ("expected: minimum", "the signs are swapped")),
]


@pytest.mark.parametrize("fn, case, needles", MISTAKES,
                         ids=["diagonal", "determinant", "no maximum", "swapped signs"])
def test_usual_mistake_gets_its_hint(capsys, fn, case, needles):
    _fails(verdict(capsys, fn), case, *needles)


def test_only_two_dimensions_handled(capsys):
    def two_d(H):
        lam1, lam2 = np.linalg.eigvalsh(H)
        return classify_critical_point(np.diag([lam1, lam2]))

    _fails(verdict(capsys, two_d), "Case 5 of 8", "raised ValueError")


def test_misspelt_kind_is_named(capsys):
    out = verdict(capsys, lambda H: classify_critical_point(H).replace("saddle point", "saddle"))
    _fails(out, "Case 2 of 8", "returned 'saddle'", "spell it exactly as listed: return "
           "'saddle point'.")


def test_eigenvalues_instead_of_a_name(capsys):
    _fails(verdict(capsys, np.linalg.eigvalsh), "Case 1 of 8", "not the eigenvalues")


def test_modifying_H_fails(capsys):
    def modifying(H):
        answer = classify_critical_point(H)
        H[0, 0] = 99.0
        return answer

    _fails(verdict(capsys, modifying), "Case 1 of 8", "modified its input H.")


def test_the_cases_cover_every_kind_and_turned_axes():
    from course_lib.checks import landscape

    cases = landscape._cases()
    kinds = [classify_critical_point(H) for _, H in cases]
    assert set(kinds) == {"minimum", "maximum", "saddle point"}
    assert any(not np.allclose(H, np.diag(np.diag(H))) for _, H in cases)  # not all diagonal
    for label, H in cases:
        assert np.allclose(H, H.T), label  # Hessians are symmetric
        assert np.min(np.abs(np.linalg.eigvalsh(H))) >= 0.09, label  # no curvature near 0
