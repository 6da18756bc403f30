"""Code that runs *inside* a notebook's kernel to drive its widgets (sent by ``widget_harness``).

It finds every ipywidgets control the notebook created, sets each through its minimum, maximum
and a spread of values (every option of a selection, both states of a toggle, clicks on buttons),
redraws every figure the change made stale, and reports as one JSON line the exceptions (raised,
or caught and shown by ipywidgets), warnings, and figures that show NaN/inf without a visible
"diverged" message. (Latency is measured on the explorers themselves: benchmarks/widget_latency.)

Keep this file free of imports from the repository's tools (it is executed as source in the
kernel); the installed ``course_lib`` is there, as in every notebook.
"""

import json as _json
import math as _math
import re as _re
import traceback as _traceback
import warnings as _warnings


_READOUT_TYPES = ("HTML", "HTMLMath", "Label", "Output", "Valid", "Textarea", "Text", "Password",
                  "IntProgress", "FloatProgress")
_NONFINITE_WORD = _re.compile(r"(?<![a-z])(nan|inf|infinity)(?![a-z])", _re.IGNORECASE)


def is_control(w):
    """Whether ``w`` is something a learner sets: a button or a value widget that is no readout."""
    import ipywidgets as W

    readouts = tuple(getattr(W, name) for name in _READOUT_TYPES)
    if getattr(w, "disabled", False) or isinstance(w, readouts):
        return False
    return isinstance(w, (W.Button, W.ValueWidget))


def describe(w):
    label = getattr(w, "description", "") or getattr(w, "tooltip", "") or ""
    return f"{type(w).__name__} '{label}'" if label else type(w).__name__


def _spread(lo, hi, n, log=False, integer=False):
    import numpy as np

    if integer:
        vals = np.unique(np.round(np.linspace(lo, hi, n)).astype(int))
        return [int(v) for v in vals]
    if log:
        return [float(v) for v in np.logspace(_math.log10(lo), _math.log10(hi), n)]
    return [float(v) for v in np.linspace(lo, hi, n)]


def values_for(w, n=7):
    """Values to try on control ``w``, in order; None means 'click'."""
    import ipywidgets as W

    if isinstance(w, W.Button):
        return [None]
    if isinstance(w, W.FloatLogSlider):
        lo, hi = w.base ** w.min, w.base ** w.max
        return _spread(lo, hi, n, log=True)
    if hasattr(w, "options") and hasattr(w, "index"):
        if isinstance(w.index, tuple):  # multiple selection
            k = len(w.options)
            return [("__index__", tuple(range(j))) for j in range(1, k + 1)]
        return [("__index__", i) for i in range(len(w.options))]
    if isinstance(w.value, bool):
        return [not w.value, w.value]
    if isinstance(w.value, tuple) and hasattr(w, "min"):
        lo, hi = w.min, w.max
        mid = (lo + hi) / 2 if not isinstance(lo, int) else (lo + hi) // 2
        return [(lo, hi), (lo, lo), (hi, hi), (lo, mid), (mid, hi)]
    if hasattr(w, "min") and hasattr(w, "max"):
        return _spread(w.min, w.max, n, integer=isinstance(w.value, int))
    if isinstance(w.value, (int, float)):  # unbounded numeric text: what a learner might type
        integer = isinstance(w.value, int)
        return [0, -1, 10**6] if integer else [0.0, -1.0, 1e6, 1e-9]
    return []


def extremes_for(w):
    """The two ends of a control's range (first and last of :func:`values_for`); [] for buttons."""
    values = [v for v in values_for(w) if v is not None]
    return [values[0], values[-1]] if values else []


def current_value(w):
    """What :func:`apply` needs to put ``w`` back as it is now (None for a button)."""
    import ipywidgets as W

    if isinstance(w, W.Button):
        return None
    if hasattr(w, "index") and hasattr(w, "options"):
        return ("__index__", w.index)
    return w.value


def apply(w, v):
    if v is None:
        w.click()
    elif isinstance(v, tuple) and len(v) == 2 and v[0] == "__index__":
        w.index = v[1]
    else:
        w.value = v


def shown(v):
    if v is None:
        return "click"
    if isinstance(v, tuple) and len(v) == 2 and v[0] == "__index__":
        return repr(v[1])
    return repr(v)


def nonfinite_in_figures(figures, texts):
    """Figures (``(number, figure)`` pairs) that show NaN/inf without a visible "diverged" message.

    ``texts`` are the readouts' texts (HTML allowed); a readout mentioning "diverg" counts as the
    message, and a readout that prints nan or inf without one is a problem too.
    """
    import numpy as np
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
    from matplotlib.text import Text

    problems = []
    for num, fig in figures:
        bad, diverged = [], False
        for art in fig.findobj():
            if not art.get_visible():
                continue
            if isinstance(art, Text):
                t = art.get_text()
                if "diverg" in t.lower():
                    diverged = True
                elif _NONFINITE_WORD.search(t):
                    bad.append(f"text {t!r}")
                continue
            try:
                if isinstance(art, Line2D):
                    data = np.asarray(art.get_xydata(), dtype=float)
                elif isinstance(art, AxesImage):
                    arr = art.get_array()
                    data = np.ma.filled(arr.astype(float), 0.0) if arr is not None else None
                elif isinstance(art, Rectangle):
                    data = np.array([art.get_x(), art.get_y(), art.get_width(), art.get_height()], float)
                elif isinstance(art, Collection):
                    data = np.asarray(art.get_offsets(), dtype=float)
                else:
                    continue
            except (TypeError, ValueError):
                continue
            if data is not None and data.size and not np.isfinite(data).all():
                bad.append(type(art).__name__)
        if any("diverg" in t.lower() for t in texts):
            diverged = True
        for t in texts:
            if _NONFINITE_WORD.search(_re.sub(r"<[^>]+>", " ", t)) and "diverg" not in t.lower():
                bad.append(f"readout {t[:60]!r}")
        if bad and not diverged:
            title = fig.axes[0].get_title() if fig.axes else ""
            problems.append(f"figure {num} ({title!r}) shows non-finite values without a "
                            f"'diverged' message: {sorted(set(bad))[:4]}")
    return problems


def _course_probe():
    import ipywidgets as W
    import matplotlib.pyplot as plt
    import numpy as np
    from IPython import get_ipython
    from ipywidgets.widgets.widget import _instances

    shell = get_ipython()
    shown_errors = []
    original_showtraceback = shell.showtraceback

    def record_traceback(*args, **kwargs):
        shown_errors.append(_traceback.format_exc(limit=3).strip().splitlines()[-1])

    def redraw():
        for num in plt.get_fignums():
            fig = plt.figure(num)
            if fig.stale:
                fig.canvas.draw()

    def texts_of_widgets():
        return [str(w.value) for w in list(_instances.values())
                if isinstance(w, (W.HTML, W.HTMLMath, W.Label)) and getattr(w, "value", None)]

    def nonfinite_problems():
        return nonfinite_in_figures([(n, plt.figure(n)) for n in plt.get_fignums()],
                                    texts_of_widgets())

    # A connected front end sends ipympl's "initialized" message, after which the kernel stops
    # re-encoding a full PNG data URL on every draw. No browser is connected here, so do what
    # that message does; otherwise every redraw would pay for a PNG a learner never receives.
    # The front end also asks each figure for one full draw when it first shows it.
    from course_lib.figures._ipympl import act_as_if_front_end_connected, is_ipympl_canvas

    for w in list(_instances.values()):
        if is_ipympl_canvas(w):
            act_as_if_front_end_connected(w)
    for num in plt.get_fignums():
        plt.figure(num).canvas.draw()

    controls = [w for w in list(_instances.values()) if is_control(w)]
    report = {"controls": [], "problems": []}
    shell.showtraceback = record_traceback
    try:
        for w in controls:
            name = describe(w)
            values = values_for(w)
            original = current_value(w)
            entry = {"widget": name, "values": len(values)}
            for v in values:
                del shown_errors[:]
                with _warnings.catch_warnings(record=True) as caught:
                    _warnings.simplefilter("always")
                    try:
                        apply(w, v)
                        redraw()
                    except Exception as exc:  # noqa: BLE001 - reported, not hidden
                        shown_errors.append(f"{type(exc).__name__}: {exc}")
                where = f"{name} = {shown(v)}"
                for err in shown_errors:
                    report["problems"].append(f"{where}: exception {err}")
                for warning in caught:
                    report["problems"].append(
                        f"{where}: warning {warning.category.__name__}: {warning.message}")
                for p in nonfinite_problems():
                    report["problems"].append(f"{where}: {p}")
            if original is not None:
                try:
                    apply(w, original)
                    redraw()
                except Exception as exc:  # noqa: BLE001
                    report["problems"].append(f"{name}: restoring {shown(original)} raised {exc!r}")
            report["controls"].append(entry)
    finally:
        shell.showtraceback = original_showtraceback
    print("COURSE-PROBE " + _json.dumps(report))
