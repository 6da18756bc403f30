"""The lesson's settings: "Check yourself" cells check claims made for them, and say so when changed.

A notebook's exercises invite changes ("set ``NOISE = 0.1`` and run the notebook again"). The
checks below a figure assert what the lesson's settings show; after such a change their claims
may no longer hold, and an ``AssertionError`` would then tell the learner the opposite of what
they just found. So a check cell asks first::

    LESSON = {"NOISE": 0.25}                     # in Setup: the settings the checks were written for
    ...
    if lesson_settings({"NOISE": NOISE}, LESSON):
        assert ..., "..."                        # the lesson's claims, checked

With the lesson's values it prints nothing and returns True (the checks run). Otherwise it prints
which settings differ and returns False, so the cell runs on without asserting claims that were
never made for the learner's values.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def _same(yours, lesson) -> bool:
    try:
        return bool(np.array_equal(np.asarray(yours), np.asarray(lesson)))
    except (TypeError, ValueError):
        return yours == lesson


def changed_settings(yours: Mapping, lesson: Mapping) -> dict:
    """The settings in ``yours`` whose value differs from ``lesson``'s: ``{name: (yours, lesson)}``."""
    if not isinstance(yours, Mapping) or not isinstance(lesson, Mapping):
        raise ValueError("yours and lesson must be dicts of setting name -> value, got "
                         f"{type(yours).__name__} and {type(lesson).__name__}")
    unknown = sorted(set(yours) - set(lesson))
    if unknown:
        raise ValueError(f"yours names settings the lesson does not define: {unknown}; "
                         f"the lesson defines {sorted(lesson)}")
    return {name: (value, lesson[name]) for name, value in yours.items()
            if not _same(value, lesson[name])}


def lesson_settings(yours: Mapping, lesson: Mapping) -> bool:
    """True if every setting in ``yours`` has the lesson's value; else say which differ, False.

    Parameters
    ----------
    yours : dict
        The settings as the notebook has them now, e.g. ``{"NOISE": NOISE}``.
    lesson : dict
        The values the checks were written for, e.g. ``{"NOISE": 0.25}``.
    """
    changed = changed_settings(yours, lesson)
    if not changed:
        return True
    theirs = ", ".join(f"{name} = {was!r}" for name, (_, was) in changed.items())
    mine = ", ".join(f"{name} = {now!r}" for name, (now, _) in changed.items())
    print(f"These checks are written for the lesson's settings ({theirs}); you set {mine}, so "
          "they were not run. Compare what you see with the lesson's claims yourself, and set "
          "the lesson's values back to run the checks.")
    return False
