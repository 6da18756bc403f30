"""course_lib.predict: a guess locked in before the figure, compared after it with what was measured."""

from __future__ import annotations

import pytest

from course_lib.predict import Prediction


def choice_prediction():
    return Prediction("Which optimizer ends lowest?", choices=["GD", "momentum", "Adam"])


def test_unattended_the_reveal_states_the_measured_answer():
    p = choice_prediction()
    assert p.guess is None
    assert p.reveal_text("momentum", "it averages out the zig-zag") == (
        "Answer (measured above): momentum. Why: it averages out the zig-zag")


def test_a_locked_guess_is_compared_with_the_measured_answer():
    p = choice_prediction()
    p.lock("Adam")
    assert p.control.disabled and p.button.disabled and "Adam" in p.status.value
    assert p.reveal_text("momentum", "why").startswith("You predicted Adam; measured: momentum.")
    assert p.reveal_text("Adam", "why").startswith("You predicted Adam: right. Measured: Adam.")


def test_the_lock_button_needs_a_choice_first():
    p = choice_prediction()
    p.button.click()
    assert p.guess is None and not p.button.disabled and "Pick one" in p.status.value
    p.control.value = "GD"
    p.button.click()
    assert p.guess == "GD"


def test_numbers_are_right_within_the_relative_tolerance():
    p = Prediction("How many steps to J < 1e-6?", number=True)
    p.lock(300)
    assert p.reveal_text(400, "why", tolerance=0.25).startswith("You predicted 300: right.")
    assert p.reveal_text(401, "why", tolerance=0.25).startswith("You predicted 300; measured: 401.")
    with pytest.raises(ValueError, match="tolerance must be a number >= 0, got None"):
        p.reveal_text(400, "why")


def test_a_reveal_shown_before_the_guess_is_rewritten_when_the_learner_locks_in():
    p = choice_prediction()
    updates = []

    class Handle:
        def update(self, obj):
            updates.append(repr(obj))

    p._reveals.append((Handle(), ("momentum", "why", None)))
    p.lock("momentum")
    assert updates == ["You predicted momentum: right. Measured: momentum. Why: why"]


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="exactly one of choices"):
        Prediction("q?")
    with pytest.raises(ValueError, match="exactly one of choices"):
        Prediction("q?", choices=["a", "b"], number=True)
    with pytest.raises(ValueError, match="choices must be at least two distinct options"):
        Prediction("q?", choices=["a", "a"])
    with pytest.raises(ValueError, match="question must be a non-empty str"):
        Prediction("", number=True)
    with pytest.raises(ValueError, match=r"measured must be one of \['Adam', 'GD', 'momentum'\]"):
        choice_prediction().reveal_text("RMSprop", "why")
    with pytest.raises(ValueError, match="why must be a non-empty str"):
        choice_prediction().reveal_text("GD", "")


def test_without_a_kernel_the_prompt_reads_as_text():
    bundle = choice_prediction()._repr_mimebundle_()
    assert bundle["text/plain"] == "Predict first: Which optimizer ends lowest? (GD / momentum / Adam)"
    assert "application/vnd.jupyter.widget-view+json" in bundle
