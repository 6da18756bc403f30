"""Answered predictions: the learner commits to a guess before a figure, the notebook then tells.

A "Predict first" prompt becomes a small control the learner locks in before moving anything::

    guess = Prediction("Which optimizer ends lowest after 100 steps?",
                       choices=["gradient descent", "momentum", "Adam"])
    guess                                   # shows the choices and a "Lock in" button
    ...                                     # the figure, the experiment
    guess.reveal(best_name, why="momentum averages out the zig-zag ...")

``reveal`` takes the answer the notebook *measured* (never a typed constant) and shows one line:
the learner's guess against it and why. Run unattended (nobody locked anything in, as when the
tests execute the notebook), it states the measured answer, so the committed notebook reads well on
GitHub. If the learner locks in after the reveal cell ran (Run All first), the reveal's output is
rewritten in place with the comparison.

Numbers work the same with ``number=True``; ``reveal(measured, tolerance=0.25)`` then counts a
guess within 25 % of the measured value as right.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from course_lib import _validate as check


class Prediction:
    """A prediction control: choices (``choices=[...]``) or a number (``number=True``)."""

    def __init__(self, question: str, *, choices=None, number: bool = False):
        if not isinstance(question, str) or not question.strip():
            check.fail("question", "a non-empty str", question)
        if (choices is None) == (not number):
            raise ValueError("give exactly one of choices=[...] or number=True, got "
                             f"choices={choices!r}, number={number!r}")
        if choices is not None:
            choices = [str(c) for c in choices]
            if len(choices) < 2 or len(set(choices)) != len(choices):
                check.fail("choices", "at least two distinct options", choices)
            self.control = widgets.ToggleButtons(options=choices, value=None,
                                                 description="your guess")
        else:
            self.control = widgets.FloatText(value=0.0, description="your guess")
        self.question, self.choices = question, choices
        self.button = widgets.Button(description="Lock in", button_style="primary",
                                     tooltip="record your prediction before you move the figure")
        self.status = widgets.HTML("")
        self.button.on_click(self._lock)
        self.widget = widgets.VBox([widgets.HTML(f"<b>Predict first:</b> {html.escape(question)}"),
                                    widgets.HBox([self.control, self.button]), self.status])
        self.guess = None
        self._reveals = []

    def _lock(self, _button=None) -> None:
        value = self.control.value
        if self.choices is not None and value is None:
            self.status.value = "Pick one of the options first."
            return
        self.guess = value if self.choices is not None else float(value)
        self.control.disabled = self.button.disabled = True
        self.status.value = (f"Locked in: <b>{html.escape(self._show(self.guess))}</b>. "
                             "Now explore; the answer comes after the figure.")
        for handle, args in self._reveals:
            handle.update(_Text(self.reveal_text(*args)))

    def lock(self, guess) -> None:
        """Record ``guess`` as if the learner had chosen it and pressed "Lock in" (for tests)."""
        self.control.value = guess
        self._lock()

    @staticmethod
    def _show(value) -> str:
        return f"{value:g}" if isinstance(value, float) else str(value)

    def reveal_text(self, measured, why: str, tolerance=None) -> str:
        """The reveal line for the answer ``measured`` (see :meth:`reveal`)."""
        if not isinstance(why, str) or not why.strip():
            check.fail("why", "a non-empty str (the reason, in plain words)", why)
        if self.choices is not None:
            check.choice("measured", str(measured), self.choices)
            right = self.guess is not None and self.guess == str(measured)
        else:
            measured = check.number("measured", measured)
            tolerance = check.number("tolerance", tolerance, low=0.0)
            right = (self.guess is not None
                     and abs(self.guess - measured) <= tolerance * abs(measured))
        answer = self._show(measured if self.choices is None else str(measured))
        if self.guess is None:
            head = f"Answer (measured above): {answer}."
        elif right:
            head = f"You predicted {self._show(self.guess)}: right. Measured: {answer}."
        else:
            head = f"You predicted {self._show(self.guess)}; measured: {answer}."
        return f"{head} Why: {why}"

    def reveal(self, measured, *, why: str, tolerance=None):
        """Show the learner's guess against ``measured``, the value the notebook computed.

        ``tolerance`` (numbers only) is relative: 0.25 accepts guesses within 25 %.
        """
        from IPython.display import display

        args = (measured, why, tolerance)
        text = _Text(self.reveal_text(*args))
        handle = display(text, display_id=True)
        if handle is not None:
            self._reveals.append((handle, args))

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        options = f" ({' / '.join(self.choices)})" if self.choices else " (a number)"
        bundle["text/plain"] = f"Predict first: {self.question}{options}"
        bundle["text/html"] = (f"<p><b>Predict first:</b> {html.escape(self.question)}"
                               f"<i>{html.escape(options)}</i></p>")  # GitHub shows this
        return bundle


class _Text:
    """Plain text that displays the same in a notebook, on GitHub and in a test."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.text)}</p>"
