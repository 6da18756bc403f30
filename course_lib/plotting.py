"""Moved: the figure helpers now live in ``course_lib.figures`` (one module per concern).

This module only re-exports them while the notebooks move to the explorers; it goes when nothing
imports it.
"""

from course_lib.divergence import finite_prefix as finite_or_none  # noqa: F401
from course_lib.figures.blit import FastRedraw, relabelled_yaxis, set_status, status_text  # noqa: F401
from course_lib.figures.live import _canvases, live_figure, show_live  # noqa: F401
from course_lib.figures.regions import decision_regions, region_grid  # noqa: F401
from course_lib.figures.style import (COLORS, COURSE_RCPARAMS, LINESTYLES, MARKERS,  # noqa: F401
                                      PALETTE, use_course_style)
