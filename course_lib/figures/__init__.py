"""The figure machinery under the explorers, one concern per module.

- ``style``: the course rcParams, palette, line styles and markers (``use_course_style``).
- ``live``: live figures for widget layouts and their display with a static fallback.
- ``blit``: fast redraws (``FastRedraw``), relabelled y axes, status messages.
- ``explorer``: ``Explorer``, what every interactive figure of ``course_lib.explorers`` returns.
- ``regions``: decision regions of a 2-D classifier.
- ``contours``: cost contours with optimizer paths, clipped where they diverge.
- ``_ipympl``: the only code that touches ipympl's private attributes.
"""
