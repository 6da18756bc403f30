"""The collection's interactive figures, one module per lesson topic.

Each module holds its topic's explorers: functions named ``<what>_explorer`` that build their figures
and controls from explicit data and keyword settings (named as in the lectures) and return a
:class:`course_lib.figures.explorer.Explorer`, which a notebook displays by leaving it as the last
expression of a cell:

    ewa_explorer(theta, beta=0.98, day=30)          # course_lib/explorers/ewa.py

Each module also has one plain dict, ``EXAMPLES``: explorer name -> a function of no arguments that
builds it as its notebook shows it (same seeded data, same settings). Tests, the widget fuzz and
the latency benchmark take every explorer from there, so a new explorer needs no new test code.
"""

from __future__ import annotations

import importlib
import pkgutil


def example_builders() -> dict:
    """Every explorer's example builder, keyed ``"<module>.<explorer name>"``."""
    builders = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, build in getattr(module, "EXAMPLES", {}).items():
            builders[f"{info.name}.{name}"] = build
    return builders
