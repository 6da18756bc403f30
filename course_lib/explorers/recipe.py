"""Explorers for reading two errors and acting on them (notebook 01).

- :func:`diagnosis_quiz_explorer`: pick one of the course's cases, decide, click a diagnosis; the
  bars show the Bayes, training and dev errors and the two gaps between them.
- :func:`basic_recipe_explorer`: the basic recipe as a flow chart; the boxes on the path of the
  chosen errors light up, and the readout names the diagnosis and what to try.
"""

from __future__ import annotations

import ipywidgets as widgets

from course_lib import _validate as check
from course_lib.diagnosis import (BIAS_ACTIONS, DIAGNOSES, TOL, VARIANCE_ACTIONS, basic_recipe,
                                  diagnose, error_gaps)
from course_lib.figures.blit import FastRedraw, SkipUnchanged
from course_lib.figures.explorer import Explorer
from course_lib.figures.live import live_figure
from course_lib.figures.style import PALETTE

NO_ANSWER = "(your answer)"
COURSE_CASES = [(1.0, 11.0, 0.0), (15.0, 16.0, 0.0), (15.0, 30.0, 0.0), (0.5, 1.0, 0.0),
                (15.0, 16.0, 15.0)]  # (train %, dev %, Bayes %): the lecture's table


def _cases(cases, tol):
    if not isinstance(cases, (list, tuple)) or not cases:
        check.fail("cases", "a non-empty list of (train %, dev %, Bayes %) errors", cases)
    out = []
    for case in cases:
        if not isinstance(case, (list, tuple)) or len(case) not in (3, 4):
            check.fail("cases", "(train %, dev %, Bayes %) or (..., diagnosis) for each case",
                       case)
        error_gaps(*case[:3])  # checks the three errors
        errors = tuple(float(e) for e in case[:3])
        expected = diagnose(*errors, tol=tol)
        if len(case) == 4 and case[3] != expected:
            raise ValueError(f"cases: {case} says {case[3]!r}, but the errors give {expected!r} "
                             f"(tol = {tol:g} points)")
        out.append((*errors, expected))
    return out


def diagnosis_quiz_explorer(cases=COURSE_CASES, *, case: int = 0, tol: float = TOL) -> Explorer:
    """Quiz on ``cases`` (train %, dev %, Bayes %), each diagnosed by ``course_lib.diagnosis``.

    Controls: ``case`` (a dropdown) and ``answer`` (the learner's diagnosis, reset to
    "(your answer)" whenever the case changes).
    """
    tol = check.non_negative("tol", tol)
    cases = _cases(cases, tol)
    case = check.integer("case", case, low=0)
    if case >= len(cases):
        raise ValueError(f"case must be an index in [0, {len(cases) - 1}], got {case}")
    fig, ax = live_figure(figsize=(6.5, 3.4))
    bars = ax.barh([2, 1, 0], [0, 0, 0], color=[PALETTE["black"], PALETTE["blue"],
                                                PALETTE["orange"]],
                   hatch=["", "//", ".."], edgecolor="white")
    top = max(40.0, 1.25 * max(max(c[:3]) for c in cases))
    ax.set(yticks=[2, 1, 0], yticklabels=["Bayes error", "training error", "dev error"],
           xlim=(0, top), xlabel="error (%)", title="Errors of the chosen case")
    bias_text = ax.text(0, 1, "", fontsize=9, color=PALETTE["blue"], va="center")
    var_text = ax.text(0, 0, "", fontsize=9, color=PALETTE["vermillion"], va="center")

    def render(case, answer):
        train_err, dev_err, bayes_err, expected = cases[case]
        for bar, value in zip(bars, (bayes_err, train_err, dev_err)):
            bar.set_width(value)
        bias_text.set_text(f"avoidable bias {train_err - bayes_err:+.1f} points")
        bias_text.set_position((train_err + 0.5, 1))
        var_text.set_text(f"variance {dev_err - train_err:+.1f} points")
        var_text.set_position((dev_err + 0.5, 0))
        if answer == NO_ANSWER:
            return "Decide, then click a diagnosis."
        if answer == expected:
            return f"<b>Right:</b> {expected}."
        return (f"<b>Not quite.</b> Compare the gaps with {tol:g} points: avoidable bias "
                f"{train_err - bayes_err:+.1f}, variance {dev_err - train_err:+.1f}.")

    labels = [f"train {t:g}% / dev {d:g}% (Bayes {b:g}%)" for t, d, b, _ in cases]
    case_dropdown = widgets.Dropdown(options=list(zip(labels, range(len(cases)))), value=case,
                                     description="case", layout=widgets.Layout(width="360px"))
    answers = widgets.ToggleButtons(options=(NO_ANSWER,) + DIAGNOSES, value=NO_ANSWER,
                                    description="diagnosis", style={"button_width": "190px"})

    def new_case(change):  # observed before the explorer's own observer: one render, reset
        answers.value = NO_ANSWER

    case_dropdown.observe(new_case, names="value")

    def layout(controls, canvases, readout):
        return widgets.VBox([case_dropdown, answers, *canvases, readout])

    return Explorer({"case": case_dropdown, "answer": answers}, render, figures=[fig],
                    blit=[FastRedraw(fig, [*bars, bias_text, var_text])], layout=layout,
                    description="Quiz: diagnose the course's cases")


BOXES = {  # key: (x, y, label)
    "start": (1.2, 5.2, "trained a model:\nmeasure train and dev error"),
    "bias?": (1.2, 3.6, "high bias?\ntrain - Bayes > {tol:g} points"),
    "bias fix": (4.9, 3.6, "\n".join(BIAS_ACTIONS)),
    "var?": (1.2, 1.9, "high variance?\ndev - train > {tol:g} points"),
    "var fix": (8.1, 1.9, "\n".join(VARIANCE_ACTIONS)),
    "done": (1.2, 0.4, "done"),
}
PATHS = {BIAS_ACTIONS: {"start", "bias?", "bias fix"},
         VARIANCE_ACTIONS: {"start", "bias?", "var?", "var fix"}}


def basic_recipe_explorer(*, bayes_err: float = 0.0, train_err: float = 15.0,
                          dev_err: float = 30.0, tol: float = TOL) -> Explorer:
    """The basic recipe's flow for the chosen errors (percent), bias first.

    Controls: ``bayes_err`` (0 to 20), ``train_err`` (0 to 40), ``dev_err`` (0 to 50).
    """
    bayes_err = check.number("bayes_err", bayes_err, low=0.0, high=20.0)
    train_err = check.number("train_err", train_err, low=0.0, high=40.0)
    dev_err = check.number("dev_err", dev_err, low=0.0, high=50.0)
    tol = check.non_negative("tol", tol)
    fig, ax = live_figure(figsize=(9, 4.2))
    ax.set(xlim=(0, 10), ylim=(0, 6), title="The basic recipe")
    ax.axis("off")
    box = {"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": PALETTE["black"],
           "linewidth": 0.8}
    idle, lit = {}, {}
    for key, (x, y, label) in BOXES.items():
        text = label.format(tol=tol)
        idle[key] = ax.text(x, y, text, ha="center", va="center", fontsize=9, bbox=box)
        # the lit box is drawn over the idle one (same text and place), only on the path
        lit[key] = ax.text(x, y, text, ha="center", va="center", fontsize=9, visible=False,
                           bbox={**box, "facecolor": PALETTE["orange"], "linewidth": 2.0})
    arrow = {"arrowstyle": "->", "color": PALETTE["black"], "linewidth": 1, "shrinkA": 2,
             "shrinkB": 2}

    def connect(a, b, start, end, label="", **style):
        # an arrow between two boxes, in coordinates relative to each box (0..1 across it)
        ax.annotate("", xy=end, xycoords=idle[b], xytext=start, textcoords=idle[a],
                    arrowprops={**arrow, **style})
        if label:
            ax.annotate(label, xy=start, xycoords=idle[a], xytext=(6, -12),
                        textcoords="offset points", fontsize=9)

    connect("start", "bias?", (0.5, 0), (0.5, 1))
    connect("bias?", "var?", (0.5, 0), (0.5, 1), "no")
    connect("var?", "done", (0.5, 0), (0.5, 1), "no")
    connect("bias?", "bias fix", (1, 0.5), (0, 0.5), "yes")
    connect("var?", "var fix", (1, 0.5), (0, 0.5), "yes")
    for fix in ("bias fix", "var fix"):
        connect(fix, "start", (0.5, 1), (1, 0.5), connectionstyle="angle,angleA=90,angleB=0")
    ax.text(5.2, 5.3, "try again", fontsize=9)
    redraw = SkipUnchanged(fig, list(lit.values()))

    def render(bayes_err, train_err, dev_err):
        actions = basic_recipe(train_err, dev_err, bayes_err, tol=tol)
        path = PATHS.get(actions, {"start", "bias?", "var?", "done"})
        redraw.key = frozenset(path)
        for key, text in lit.items():
            text.set_visible(key in path)
        bias, variance = error_gaps(train_err, dev_err, bayes_err)
        note = (" (dev below train: check that both come from the same distribution)"
                if dev_err < train_err else "")
        return (f"avoidable bias {bias:+.1f}, variance {variance:+.1f} points: "
                f"<b>{diagnose(train_err, dev_err, bayes_err, tol=tol)}</b> &rarr; try: "
                f"<b>{', '.join(actions)}</b>{note}")

    style = {"description_width": "110px"}
    controls = {
        "bayes_err": widgets.FloatSlider(value=bayes_err, min=0, max=20, step=0.5,
                                         description="Bayes error %", style=style),
        "train_err": widgets.FloatSlider(value=train_err, min=0, max=40, step=0.5,
                                         description="training error %", style=style),
        "dev_err": widgets.FloatSlider(value=dev_err, min=0, max=50, step=0.5,
                                       description="dev error %", style=style),
    }
    return Explorer(controls, render, figures=[fig], blit=[redraw],
                    description="The basic recipe as a flow from the diagnosis to an action")


EXAMPLES = {
    "diagnosis_quiz_explorer": lambda: diagnosis_quiz_explorer(COURSE_CASES, case=0),
    "basic_recipe_explorer": lambda: basic_recipe_explorer(bayes_err=0.0, train_err=15.0,
                                                           dev_err=30.0),
}
