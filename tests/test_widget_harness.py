"""The fuzz harness must catch what it claims to: prove it on a notebook with planted faults."""

from __future__ import annotations

import nbformat

from tools.widget_harness import probe_notebook

PLANTED = r'''
%matplotlib widget
import warnings
import numpy as np
import matplotlib.pyplot as plt
import ipywidgets as widgets
from course_lib.figures.blit import set_status
from course_lib.figures.live import live_figure

fig, ax = live_figure()
(line,) = ax.plot([0, 1], [0, 1])

def raises(change):
    if change["new"] > 5:
        raise ZeroDivisionError("planted")

def warns(change):
    if change["new"] == "b":
        warnings.warn("planted warning", RuntimeWarning)

def nan_silent(change):
    line.set_ydata([0, np.nan] if change["new"] else [0, 1])

def nan_explained(change):
    line.set_ydata([0, np.inf] if change["new"] < 0 else [0, 1])
    set_status(ax, "diverged: planted" if change["new"] < 0 else "")

widgets.IntSlider(value=0, min=0, max=10, description="raiser").observe(raises, names="value")
widgets.Dropdown(options=["a", "b"], description="warner").observe(warns, names="value")
widgets.Checkbox(value=False, description="silent-nan").observe(nan_silent, names="value")
widgets.FloatSlider(value=0, min=-1, max=1, description="explained").observe(nan_explained, names="value")
button = widgets.Button(description="clicker")
button.on_click(lambda b: 1 / 0)
widgets.FloatSlider(value=0.5, min=0, max=1, description="fine").observe(lambda c: None, names="value")
'''


def test_harness_reports_each_planted_fault_and_nothing_else(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PLANTED)])
    path = tmp_path / "99_planted.ipynb"
    nbformat.write(nb, path)
    report = probe_notebook(path)
    text = "\n".join(report.problems)
    assert "IntSlider 'raiser' = 7: exception ZeroDivisionError: planted" in text, text
    assert "Dropdown 'warner' = 1: warning RuntimeWarning: planted warning" in text, text
    assert "Checkbox 'silent-nan' = True" in text and "without a 'diverged' message" in text, text
    assert "Button 'clicker' = click: exception ZeroDivisionError" in text, text
    assert "'explained'" not in text, "a non-finite value with a 'diverged' message is allowed"
    assert "'fine'" not in text, text
    names = {c["widget"] for c in report.controls}
    assert names >= {"IntSlider 'raiser'", "Dropdown 'warner'", "Checkbox 'silent-nan'",
                     "FloatSlider 'explained'", "Button 'clicker'", "FloatSlider 'fine'"}, names


def test_harness_reports_a_cell_that_fails_while_executing(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    path = tmp_path / "98_broken.ipynb"
    nbformat.write(nb, path)
    report = probe_notebook(path)
    assert report.problems and "ZeroDivisionError" in report.problems[0], report.problems
