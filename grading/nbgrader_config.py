"""The course's nbgrader configuration. Run the nbgrader commands from this folder (grading/).

    nbgrader generate_assignment notebooks --create   # student edition -> release/notebooks/
    nbgrader autograde notebooks                      # grades submitted/<learner>/notebooks/
    python ../tools/nbgrader_scores.py                # one row per learner, one column per notebook

The assignment ``notebooks`` *is* the committed collection: ``source/notebooks`` is a symbolic link
to ``../notebooks`` (the instructor edition, with the nbgrader metadata that
``python tools/nbgrader_metadata.py`` writes). Where a checkout has no symbolic links (Windows
without them enabled), replace it with a copy of ``notebooks/``. Everything nbgrader writes stays
in this folder (``gradebook.db``, ``release/``, ``submitted/``, ``autograded/``, ``feedback/``).
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository, for the shared settings below
from tools.nbgrader_metadata import (  # noqa: E402
    CLEARED_METADATA, CODE_STUB, GRADING_KERNEL_ARGUMENTS)

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.CourseDirectory.course_id = "improving-deep-networks"
# The stub tells the learner what to write; the same one as `python tools/student_edition.py`.
c.ClearSolutions.code_stub = {"python": CODE_STUB}
c.ClearOutput.remove_metadata_fields = CLEARED_METADATA
# Kernels that nbgrader starts (autograde, validate) run the checks in grading mode: a check that
# does not pass prints its usual message, then fails the cell. JupyterLab's kernels are unaffected.
c.Execute.extra_arguments = GRADING_KERNEL_ARGUMENTS
c.Execute.timeout = 300  # seconds per cell; a notebook's figures take a few seconds on 2 cores
