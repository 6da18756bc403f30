"""nbgrader: cell metadata from the exercise markers, and autograding end to end, offline.

The end-to-end test builds an nbgrader course in a temporary folder (its own SQLite gradebook, the
course's ``grading/nbgrader_config.py``), generates the student edition with
``nbgrader generate_assignment``, submits every notebook with exercises three times (solved,
untouched, one planted mistake) and autogrades them: full, zero and full-minus-one-exercise points,
and the feedback holds the checks' own messages.
"""

from __future__ import annotations

import copy
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools import nbgrader_metadata as meta
from tools import nbgrader_scores
from tools import student_edition as se
from tools.notebooks import ROOT, numbered_notebooks

EXERCISE_NOTEBOOKS = [p for p in numbered_notebooks() if meta.BEGIN in p.read_text("utf-8")]


def _synthetic():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("[Index](00_start_here.ipynb)", id="nav-top",
                                      metadata={"tags": ["navigation"]}),
        nbformat.v4.new_markdown_cell("# 99 · Synthetic", id="title"),
        nbformat.v4.new_code_cell("import numpy as np", id="setup"),
        nbformat.v4.new_code_cell("# EXERCISE: double\ndef double(x):\n    ### BEGIN SOLUTION\n"
                                  "    return 2 * x\n    ### END SOLUTION", id="ex"),
        nbformat.v4.new_code_cell("from course_lib import checks\n\nchecks.check_ewa(double)",
                                  id="chk"),
    ]
    return nb


# ---------------------------------------------------------------- the metadata tool


def test_metadata_from_the_markers():
    nb = meta.with_metadata(_synthetic(), "99")
    base = {"schema_version": 3, "task": False}
    assert "nbgrader" not in nb.cells[0].metadata, "navigation cells are rewritten by a tool"
    assert nb.cells[1].metadata["nbgrader"] == {**base, "grade": False, "grade_id": "lesson_title",
                                                "locked": True, "solution": False}
    assert "nbgrader" not in nb.cells[2].metadata, "lesson code cells stay editable"
    assert nb.cells[3].metadata["nbgrader"] == {**base, "grade": False, "grade_id": "double",
                                                "locked": False, "solution": True}
    assert nb.cells[4].metadata["nbgrader"] == {**base, "grade": True, "grade_id": "double_check",
                                                "locked": True, "points": 1, "solution": False}


def test_metadata_leaves_everything_else_as_it_was():
    """Outputs, sources, ids and other metadata unchanged: nbval and GitHub see the same."""
    for path in numbered_notebooks():
        nb = nbformat.read(path, as_version=4)
        done = meta.with_metadata(nb, path.name)
        for cell in [*nb.cells, *done.cells]:
            cell.metadata.pop("nbgrader", None)
        assert done == nb, path.name


def test_grade_ids_survive_reexecution_and_inserted_cells():
    path = ROOT / "notebooks" / "08_momentum_rmsprop_adam.ipynb"
    nb = nbformat.read(path, as_version=4)
    before = {c.id: c.metadata["nbgrader"]["grade_id"]
              for c in meta.with_metadata(nb, path.name).cells if "nbgrader" in c.metadata}
    changed = copy.deepcopy(nb)
    for cell in changed.cells:  # as if executed again: new counts, other outputs
        if cell.cell_type == "code":
            cell.execution_count, cell.outputs = 99, []
    changed.cells.insert(3, nbformat.v4.new_markdown_cell("A new paragraph.", id="new-prose"))
    changed.cells.insert(3, nbformat.v4.new_code_cell("x = 1", id="new-code"))
    after = {c.id: c.metadata["nbgrader"]["grade_id"]
             for c in meta.with_metadata(changed, path.name).cells if "nbgrader" in c.metadata}
    assert after.pop("new-prose") == "lesson_new-prose"
    assert after == before
    assert {"momentum_update", "momentum_update_check", "adam_update",
            "adam_update_check"} <= set(before.values())


def test_check_reports_stale_metadata_and_the_tool_makes_it_current(tmp_path, capsys):
    path = tmp_path / "99_synthetic.ipynb"
    nbformat.write(_synthetic(), path)
    assert meta.main([str(path), "--check"]) == 1
    assert "run: python tools/nbgrader_metadata.py" in capsys.readouterr().err
    assert meta.main([str(path)]) == 0
    assert meta.main([str(path), "--check"]) == 0
    nb = nbformat.read(path, as_version=4)
    nb.cells[4].metadata["nbgrader"]["grade_id"] = "cell_4"  # a hand edit
    nb.cells[2].metadata["nbgrader"] = {"solution": True}  # a leftover
    nbformat.write(nb, path)
    capsys.readouterr()
    assert meta.main([str(path), "--check"]) == 1
    err = capsys.readouterr().err
    assert "cell 4: should be 'double_check'" in err
    assert "cell 2: has an nbgrader entry it should not have" in err


@pytest.mark.parametrize("change, problem", [
    (lambda nb: nb.cells.pop(4), "exercise 'double' has no check cell"),
    (lambda nb: nb.cells.append(nbformat.v4.new_code_cell("checks.check_ewa(double)")),
     "exercise 'double' has 2 check cells"),
    (lambda nb: nb.cells.append(nbformat.v4.new_code_cell("checks.check_ewa(triple)")),
     "checks 'triple', but no cell starts with '# EXERCISE: triple'"),
    (lambda nb: nb.cells.append(copy.deepcopy(nb.cells[3])), "exercise names must be unique"),
    (lambda nb: nb.cells.insert(3, nb.cells.pop(4)), "comes before the exercise"),
    (lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("### BEGIN SOLUTION")),
     "solution markers belong in code cells only"),
    (lambda nb: nb.cells.append(nbformat.v4.new_markdown_cell("Again.", id="title")),
     "duplicate grade ids ['lesson_title']"),
])
def test_bad_notebooks_are_refused(change, problem):
    nb = _synthetic()
    change(nb)
    with pytest.raises(meta.MetadataError, match=re.escape(problem)):
        meta.with_metadata(nb, "99")


def test_every_exercise_is_graded():
    assert EXERCISE_NOTEBOOKS, "no notebook has exercises"
    for path in EXERCISE_NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        names = [m[1] for m in map(meta.EXERCISE.match, (c.source.split("\n")[0]
                                                         for c in nb.cells)) if m]
        assert [e[0] for e in meta.exercises(nb, path.name)] == names, path.name


def test_the_course_folder_links_to_the_collection():
    link = ROOT / "grading" / "source" / "notebooks"
    assert link.is_symlink() and link.resolve() == (ROOT / "notebooks").resolve()


def test_committed_notebooks_carry_current_metadata(capsys):
    """Fails until `python tools/nbgrader_metadata.py` has been run and committed."""
    assert meta.main(["--check"]) == 0, capsys.readouterr().err


# ---------------------------------------------------------------- nbgrader end to end

# One typical mistake per notebook with exercises: (exercise, solution text, mistaken text, what
# the checker's message must say about it, hint included). Written by hand from course_lib/checks.
VALUES = ("expected:", "got:")
MISTAKES = {
    "00": ("gradient_descent_until", "w = w - alpha * 2 * (w - 5)", "w = w + alpha * 2 * (w - 5)",
           (*VALUES, "against the gradient")),
    "01": ("bias_variance", "avoidable_bias = train_err - bayes_err", "avoidable_bias = train_err",
           (*VALUES, "not against 0%")),
    "02": ("dropout_backward", "return dA * mask / keep_prob", "return dA * mask",
           (*VALUES, "divide by keep_prob")),
    "03": ("normalize_inputs", "(X_test - mu) / sigma",
           "(X_test - X_test.mean(axis=1, keepdims=True)) / X_test.std(axis=1, keepdims=True)",
           (*VALUES, "use the TRAINING mu and sigma for X_test too")),
    "04": ("he_init", "np.sqrt(2 / n_prev)", "np.sqrt(1 / n_prev)", (*VALUES, "Xavier")),
    "05": ("gradient_check", "/ (2 * eps)", "/ eps", (*VALUES, "divide by 2 * eps")),
    "06": ("random_mini_batches", "range(0, m, mini_batch_size)",
           "range(0, m - m % mini_batch_size, mini_batch_size)",
           ("got 2 mini-batches, expected 3.",
            "the last, smaller one holds the remaining examples")),
    "07": ("ewa_bias_corrected", "out[t] = v / (1 - beta ** (t + 1))", "out[t] = v",
           (*VALUES, "bias correction forgotten")),
    "08": ("adam_update", "(np.sqrt(s_corr) + eps)", "np.sqrt(s_corr + eps)",
           (*VALUES, "eps goes outside the square root")),
    "09": ("fixed_interval_decay", "np.floor(epoch / time_interval)", "(epoch / time_interval)",
           (*VALUES, "np.floor")),
    "10": ("classify_critical_point", "np.linalg.eigvalsh(H)", "np.diag(H)",
           (*VALUES, "decided by the eigenvalues")),
    "11": ("sample_log_uniform", "np.log10(low), np.log10(high)", "np.log(low), np.log(high)",
           ("samples must lie in [0.0001, 1]; got values from",
            "use log10 and 10**r together")),
    "12": ("batchnorm_step", "np.sqrt(var + eps)", "(np.sqrt(var) + eps)",
           (*VALUES, "eps goes inside the square root")),
    "13": ("softmax", "T / np.sum(T, axis=0, keepdims=True)", "T / np.sum(T)",
           (*VALUES, "normalize each column separately")),
    "14": ("least_squares_step", "dr = 2 * r", "dr = r", (*VALUES, "dJ/dr = 2 * r")),
}
LEARNERS = ("solved", "untouched", "one-mistake")


def _nbgrader(course: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "COURSE_LIB_CHECKS"}
    # nbgrader runs `alembic` by name when it creates the gradebook: this interpreter's bin first.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    return done.stderr


def _with_mistake(nb, number: str):
    assert number in MISTAKES, f"{number} has exercises: add its planted mistake to MISTAKES"
    exercise, right, wrong, _ = MISTAKES[number]
    nb = copy.deepcopy(nb)
    [cell] = [c for c in nb.cells if c.source.startswith(f"# EXERCISE: {exercise}\n")]
    assert cell.source.count(right) == 1, f"{number}: the planted mistake no longer applies"
    cell.source = cell.source.replace(right, wrong)
    return nb


def graded_course(root: Path, notebooks: list[Path]):
    """Build, hand out, submit and autograde ``notebooks`` in ``root``.

    Returns ``(course folder, {learner: {notebook: score}}, {notebook: max score})``.
    """
    course = root / "course"
    source = course / "source" / "notebooks"  # a copy where the repository has a link
    source.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nload_subconfig({str(ROOT / 'grading' / 'nbgrader_config.py')!r})\n")
    for path in notebooks:  # the metadata in memory: works before it is committed
        nbformat.write(meta.with_metadata(nbformat.read(path, as_version=4), path.name),
                       source / path.name)
    _nbgrader(course, "generate_assignment", "notebooks", "--create")
    for learner in LEARNERS:
        _nbgrader(course, "db", "student", "add", learner)
        (course / "submitted" / learner / "notebooks").mkdir(parents=True)
    for path in notebooks:
        solved = nbformat.read(source / path.name, as_version=4)
        handout = course / "release" / "notebooks" / path.name
        versions = {"solved": solved, "untouched": nbformat.read(handout, as_version=4),
                    "one-mistake": _with_mistake(solved, path.name[:2])}
        for learner, nb in versions.items():
            nbformat.write(nb, course / "submitted" / learner / "notebooks" / path.name)
    _nbgrader(course, "autograde", "notebooks")
    _nbgrader(course, "generate_feedback", "notebooks")
    names, table, maxima = nbgrader_scores.score_table(course / "gradebook.db", "notebooks")
    print("\n" + nbgrader_scores.format_table(names, table, maxima))
    return course, table, maxima


@pytest.mark.parametrize("path", EXERCISE_NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_notebook_with_exercises_has_a_planted_mistake(path):
    nb = nbformat.read(path, as_version=4)
    assert _with_mistake(nb, path.name[:2]) != nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return graded_course(tmp_path_factory.mktemp("nbgrader"), EXERCISE_NOTEBOOKS)


def _check_cells(course: Path, learner: str, name: str):
    nb = nbformat.read(course / "autograded" / learner / "notebooks" / name, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")


def _feedback_text(course: Path, learner: str, name: str) -> str:
    page = (course / "feedback" / learner / "notebooks" / name).with_suffix(".html")
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text("utf-8")))


@pytest.mark.slow
def test_nbgrader_generates_the_same_student_edition_as_the_tool(course, tmp_path):
    folder, _, _ = course
    sources = sorted((folder / "source" / "notebooks").glob("*.ipynb"))  # what nbgrader read
    assert [p.name for p in sources] == [p.name for p in EXERCISE_NOTEBOOKS]
    for target in se.build(tmp_path, sources):
        released = nbformat.read(folder / "release" / "notebooks" / target.name, as_version=4)
        assert nbformat.read(target, as_version=4) == released, target.name


@pytest.mark.slow
@pytest.mark.parametrize("path", EXERCISE_NOTEBOOKS, ids=lambda p: p.name[:2])
def test_autograde_scores_and_feedback(course, path):
    folder, table, maxima = course
    name, number = path.stem, path.name[:2]
    graded = nbformat.read(folder / "source" / "notebooks" / path.name, as_version=4)
    n_exercises = len(meta.exercises(graded, path.name))
    assert maxima[name] == n_exercises * meta.POINTS
    assert table["solved"][name] == maxima[name]
    assert table["untouched"][name] == 0
    assert table["one-mistake"][name] == maxima[name] - meta.POINTS

    exercise, _, _, says = MISTAKES[number]
    for learner in LEARNERS:
        cells = _check_cells(folder, learner, path.name)
        assert len(cells) == n_exercises
        feedback = _feedback_text(folder, learner, path.name)
        for grade_id, cell in cells.items():
            out = _stdout(cell)
            wrong = learner == "untouched" or (learner == "one-mistake"
                                               and grade_id == f"{exercise}_check")
            errors = [o for o in cell.outputs if o.output_type == "error"]
            if not wrong:
                assert re.fullmatch(r"All \d+ cases pass: \w+ matches the reference\.\n", out)
                assert not errors
                continue
            assert [e.ename for e in errors] == ["CheckFailed"]
            assert errors[0].traceback == [f"CheckFailed: {errors[0].evalue}"], "no traceback"
            if learner == "untouched":
                assert out.startswith("not implemented yet: "), out
            else:  # the checker's message: named case, expected vs got, hint
                assert re.match(r"Case \d+ of \d+ \(", out), out
                assert "\nHint: " in out, out
                for fragment in says:
                    assert fragment in out, f"{fragment!r} not in: {out}"
            for line in out.splitlines():
                assert line.strip() in feedback, f"{learner}, {grade_id}: {line!r} not in feedback"
