"""The student edition: solutions become placeholders, outputs go, a learner's file is never lost."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from tools import nbgrader_metadata as meta
from tools import student_edition as se
from tools.notebooks import ROOT, numbered_notebooks

EXERCISE = '''# EXERCISE: softmax
def softmax(Z):
    """Column-wise softmax."""
    ### BEGIN SOLUTION
    T = np.exp(Z - Z.max(axis=0, keepdims=True))
    return T / T.sum(axis=0, keepdims=True)
    ### END SOLUTION'''

NESTED = '''# EXERCISE: outer
def outer(x):
    def inner(y):
        ### BEGIN SOLUTION
        z = y * 2
        return z
        ### END SOLUTION
    return inner(x)'''


def synthetic_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 99 · Synthetic"),
        nbformat.v4.new_code_cell("import numpy as np\nfrom course_lib import checks",
                                  execution_count=1),
        nbformat.v4.new_code_cell(EXERCISE, execution_count=2),
        nbformat.v4.new_code_cell("checks.check_softmax(softmax)", execution_count=3, outputs=[
            nbformat.v4.new_output("stream", name="stdout",
                                   text="All 5 cases pass: softmax matches the reference.\n")]),
        nbformat.v4.new_code_cell(NESTED, execution_count=4),
        nbformat.v4.new_code_cell("checks.check_softmax(outer)", execution_count=5),
        nbformat.v4.new_code_cell("print(1 + 1)", execution_count=6,
                                  outputs=[nbformat.v4.new_output("stream", name="stdout",
                                                                   text="2\n")]),
    ]
    nb.metadata["widgets"] = {"state": {}}
    return nb


@pytest.fixture
def instructor(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    path = folder / "99_synthetic.ipynb"
    nbformat.write(synthetic_notebook(), path)
    return path


def test_solution_becomes_placeholder_at_the_same_indentation():
    nb, n_blocks, solutions = se.student_notebook(synthetic_notebook(), "99")
    assert n_blocks == 2
    assert nb.cells[2].source.splitlines() == [
        "# EXERCISE: softmax", "def softmax(Z):", '    """Column-wise softmax."""',
        "    " + se.ADVICE, "    " + se.PLACEHOLDER]
    assert [s.strip() for s in solutions[2]] == ["T = np.exp(Z - Z.max(axis=0, keepdims=True))",
                                                 "return T / T.sum(axis=0, keepdims=True)"]
    nested = nb.cells[4].source
    assert "        " + se.PLACEHOLDER in nested.splitlines()
    assert nested.splitlines()[-1] == "    return inner(x)"
    compile(nested, "<nested>", "exec")  # still valid Python


def test_the_stub_tells_the_learner_what_to_write():
    assert se.ADVICE.startswith("# Your code here: replace the next line with your solution")
    assert se.PLACEHOLDER == 'raise NotImplementedError("Exercise: write your code here")'


@pytest.mark.parametrize("source, problem", [
    ("# EXERCISE: f\n### BEGIN SOLUTION\nx = 1", "without a matching '### END SOLUTION'"),
    ("# EXERCISE: f\nx = 1\n### END SOLUTION", "without a matching '### BEGIN SOLUTION'"),
    ("# EXERCISE: f\n### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION",
     "inside another solution block"),
    ("def f():\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION",
     "must start with '# EXERCISE: function_name'"),
    ("# EXERCISE: f\nx = 1  ### BEGIN SOLUTION\n### END SOLUTION", "a line of its own"),
])
def test_bad_markers_are_refused(instructor, tmp_path, source, problem):
    nb = nbformat.read(instructor, as_version=4)
    nb.cells[4].source = source
    nbformat.write(nb, instructor)
    with pytest.raises(se.EditionError, match=problem):
        se.build(tmp_path / "student", [instructor])
    assert not (tmp_path / "student").exists()


def test_student_cells_are_locked_as_nbgrader_locks_them(instructor, tmp_path):
    [target] = se.build(tmp_path / "student", [instructor])
    nb = nbformat.read(target, as_version=4)
    check, exercise, prose, lesson_code = nb.cells[3], nb.cells[2], nb.cells[0], nb.cells[6]
    assert check.metadata["editable"] is False and check.metadata["deletable"] is False
    assert check.metadata["nbgrader"]["grade_id"] == "softmax_check"
    assert "editable" not in exercise.metadata and exercise.metadata["deletable"] is False
    assert prose.metadata["editable"] is False
    assert "editable" not in lesson_code.metadata and "nbgrader" not in lesson_code.metadata
    assert all("checksum" in c.metadata["nbgrader"] for c in (check, exercise, prose))


def test_round_trip_on_a_synthetic_notebook(instructor, tmp_path):
    before = instructor.read_bytes()
    out = tmp_path / "student"
    [target] = se.build(out, [instructor])
    assert target == out / instructor.name
    assert instructor.read_bytes() == before, "the instructor edition must not change"
    nb = nbformat.read(target, as_version=4)
    codes = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in codes)
    assert "widgets" not in nb.metadata
    text = "\n".join(c.source for c in nb.cells)
    assert "BEGIN SOLUTION" not in text and "T.sum(axis=0" not in text and "z = y * 2" not in text
    assert text.count(se.PLACEHOLDER) == 2
    assert nb.cells[3].source == "checks.check_softmax(softmax)"  # check cells are kept
    assert nb.cells[6].source == "print(1 + 1)"
    assert all("execution" not in c.metadata for c in codes)


def executed(nb, check_output: str):
    """A stand-in for the kernel: give the check cells ``check_output``."""
    for i in (3, 5):
        nb.cells[i].outputs = [nbformat.v4.new_output("stream", name="stdout", text=check_output)]
    return nb


def test_verification_accepts_a_proper_student_edition(instructor):
    original = nbformat.read(instructor, as_version=4)
    student, n_blocks, _ = se.student_notebook(original, "99")
    assert n_blocks == 2
    good = executed(student, "not implemented yet: softmax still raises NotImplementedError. ...\n")
    assert se.verify_executed(good, original, "99") == []


def test_verification_catches_passing_checks_leftovers_and_silence(instructor):
    original = nbformat.read(instructor, as_version=4)
    student, _, _ = se.student_notebook(original, "99")
    passing = executed(nbformat.from_dict(student),
                       "All 5 cases pass: softmax matches the reference.\n")
    problems = se.verify_executed(passing, original, "99")
    assert any("passes in the student edition" in p for p in problems)
    assert any("does not say 'not implemented yet'" in p for p in problems)
    leftover = executed(nbformat.from_dict(student), "not implemented yet: ...\n")
    leftover.cells[2].source = original.cells[2].source.replace("### BEGIN SOLUTION\n", "").replace(
        "    ### END SOLUTION", "")
    problems = se.verify_executed(leftover, original, "99")
    left = "'T = np.exp(Z - Z.max(axis=0, keepdims=True))'"
    assert problems == [f"99, cell 2: solution code left: {left}"]


def test_refuses_to_overwrite_a_learners_file(instructor, tmp_path, capsys):
    out = tmp_path / "student"
    se.build(out, [instructor])
    target = out / instructor.name
    target.write_text("the learner's work")
    assert se.main([str(instructor), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "refusing to overwrite" in err and str(target) in err and "--force" in err
    assert target.read_text() == "the learner's work"


def test_nothing_is_written_when_one_target_exists(instructor, tmp_path):
    second = instructor.with_name("98_other.ipynb")
    nbformat.write(synthetic_notebook(), second)
    out = tmp_path / "student"
    out.mkdir()
    (out / second.name).write_text("work")
    with pytest.raises(se.EditionError, match="98_other.ipynb"):
        se.build(out, [instructor, second])
    assert not (out / instructor.name).exists()


def test_force_overwrites(instructor, tmp_path):
    out = tmp_path / "student"
    out.mkdir()
    (out / instructor.name).write_text("old")
    assert se.main([str(instructor), "--out", str(out), "--force"]) == 0
    nb = nbformat.read(out / instructor.name, as_version=4)
    assert se.PLACEHOLDER in nb.cells[2].source


def test_runs_as_a_script():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "student_edition.py"), "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--check" in done.stdout and "--force" in done.stdout


@pytest.mark.slow
def test_student_edition_of_every_notebook_executes_and_reports_not_implemented(monkeypatch):
    """Slow (executes every notebook in a kernel), and must run in CI: the real --check.

    In the checks' grading mode (set here in the shell) --check still runs them as a learner does.
    """
    monkeypatch.setenv("COURSE_LIB_CHECKS", "raise")
    notebooks = numbered_notebooks()
    assert notebooks, "no numbered notebooks found"
    exercises = [p for p in notebooks if se.BEGIN in p.read_text(encoding="utf-8")]
    assert exercises, "no notebook has an exercise yet"
    assert se.check(notebooks) == []
