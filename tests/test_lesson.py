"""course_lib.lesson: check cells run their asserts only for the lesson's settings, and say so."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.lesson import changed_settings, lesson_settings


def test_the_lessons_settings_run_the_checks_silently(capsys):
    assert lesson_settings({"NOISE": 0.25, "SIZES": (1, 64)}, {"NOISE": 0.25, "SIZES": (1, 64)})
    assert capsys.readouterr().out == ""


def test_a_changed_setting_is_named_with_both_values(capsys):
    assert not lesson_settings({"NOISE": 0.1}, {"NOISE": 0.25, "w0": 0.0})
    out = capsys.readouterr().out
    assert "lesson's settings (NOISE = 0.25)" in out and "you set NOISE = 0.1" in out
    assert "not run" in out and "w0" not in out


def test_arrays_compare_by_value():
    assert changed_settings({"a": np.array([1.0, 2.0])}, {"a": [1.0, 2.0]}) == {}
    assert list(changed_settings({"a": np.array([1.0, 3.0])}, {"a": [1.0, 2.0]})) == ["a"]
    assert list(changed_settings({"act": "relu"}, {"act": "tanh"})) == ["act"]


def test_a_setting_the_lesson_does_not_define_is_an_error():
    with pytest.raises(ValueError, match=r"does not define: \['NOSIE'\]"):
        lesson_settings({"NOSIE": 0.1}, {"NOISE": 0.25})
    with pytest.raises(ValueError, match="must be dicts"):
        lesson_settings(0.1, {"NOISE": 0.25})
