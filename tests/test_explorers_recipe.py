"""The quiz and the basic-recipe flow of notebook 01: the bars, lit boxes and readouts follow
course_lib.diagnosis, the quiz resets its answer on a new case, bad input is refused."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from course_lib.diagnosis import BIAS_ACTIONS, DIAGNOSES, basic_recipe, diagnose
from course_lib.explorers.recipe import (COURSE_CASES, NO_ANSWER, basic_recipe_explorer,
                                         diagnosis_quiz_explorer)

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.mark.parametrize("case", range(len(COURSE_CASES)))
def test_quiz_bars_are_the_case_and_the_right_answer_is_course_libs(case):
    explorer = diagnosis_quiz_explorer(COURSE_CASES)
    explorer.update(case=case)
    train_err, dev_err, bayes_err = COURSE_CASES[case]
    bars = explorer.figures[0].axes[0].patches
    assert [b.get_width() for b in bars] == [bayes_err, train_err, dev_err]
    assert explorer.readout == "Decide, then click a diagnosis."
    expected = diagnose(train_err, dev_err, bayes_err)
    explorer.update(answer=expected)
    assert explorer.readout == f"Right: {expected}."
    wrong = next(d for d in DIAGNOSES if d != expected)
    explorer.update(answer=wrong)
    assert explorer.readout.startswith("Not quite. Compare the gaps with 3 points: avoidable "
                                       f"bias {train_err - bayes_err:+.1f}")
    plt.close(explorer.figures[0])


def test_a_new_case_clears_the_answer():
    explorer = diagnosis_quiz_explorer(COURSE_CASES)
    explorer.controls["answer"].value = "high variance"
    assert explorer.readout == "Right: high variance."
    explorer.controls["case"].value = 4  # as a learner picks another case
    assert explorer.controls["answer"].value == NO_ANSWER
    assert explorer.readout == "Decide, then click a diagnosis."
    plt.close(explorer.figures[0])


def test_the_notebooks_table_with_its_diagnoses_is_accepted_and_a_wrong_one_refused():
    table = [(1.0, 11.0, 0.0, "high variance"), (15.0, 16.0, 15.0, "low bias and low variance")]
    plt.close(diagnosis_quiz_explorer(table).figures[0])
    with pytest.raises(ValueError, match="says 'high bias', but the errors give 'low bias and"):
        diagnosis_quiz_explorer([(15.0, 16.0, 15.0, "high bias")])
    with pytest.raises(ValueError, match=r"case must be an index in \[0, 4\], got 5"):
        diagnosis_quiz_explorer(COURSE_CASES, case=5)
    with pytest.raises(ValueError, match=r"train_err must be a number >= 0, got -1"):
        diagnosis_quiz_explorer([(-1, 2, 0)])


def _lit(explorer):
    ax = explorer.figures[0].axes[0]
    return {t.get_text().splitlines()[0] for t in ax.texts
            if t.get_visible() and t.get_bbox_patch() is not None
            and t.get_bbox_patch().get_linewidth() == 2.0}


@pytest.mark.parametrize("bayes, train, dev, lit_box", [
    (0, 15, 30, "bigger network"), (0, 1, 30, "more data"), (0, 1, 2, "done"),
    (15, 15, 16, "done"), (20, 0, 50, "more data")])
def test_the_lit_path_and_the_readout_follow_the_recipe(bayes, train, dev, lit_box):
    explorer = basic_recipe_explorer()
    explorer.update(bayes_err=bayes, train_err=train, dev_err=dev)
    lit = _lit(explorer)
    assert lit_box in lit and "trained a model:" in lit and "high bias?" in lit
    actions = basic_recipe(train, dev, bayes)
    assert explorer.readout.startswith(f"avoidable bias {train - bayes:+.1f}, variance "
                                       f"{dev - train:+.1f} points: {diagnose(train, dev, bayes)}")
    assert f"try: {', '.join(actions)}" in explorer.readout
    assert ("high variance?" in lit) == (actions != BIAS_ACTIONS)
    plt.close(explorer.figures[0])


def test_dev_below_train_is_flagged():
    explorer = basic_recipe_explorer(train_err=10.0, dev_err=5.0)
    assert "dev below train: check that both come from the same distribution" in explorer.readout
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("kwargs, message", [
    ({"train_err": 45.0}, r"train_err must be a number in \[0, 40\], got 45.0"),
    ({"dev_err": "30"}, r"dev_err must be a number in \[0, 50\], got '30' \(str\)"),
    ({"tol": -1}, r"tol must be a number >= 0"),
])
def test_recipe_bad_arguments_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        basic_recipe_explorer(**kwargs)


def test_a_change_that_keeps_the_path_sends_no_new_frame():
    explorer = basic_recipe_explorer()
    explorer.show_headless()
    canvas, sent = explorer.figures[0].canvas, []
    original = canvas.blit
    canvas.blit = lambda bbox=None: (sent.append(bbox), original(bbox))
    explorer.update(dev_err=40.0)           # still high bias: the same lit boxes
    assert sent == [] and "variance +25.0" in explorer.readout
    explorer.update(train_err=1.0)          # now high variance: another path, one frame
    assert len(sent) == 1
    canvas.blit = original
    plt.close(explorer.figures[0])
