"""The early-stopping explorer of notebook 02 (course_lib/explorers/early_stopping.py)."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import mlp, network
from course_lib.explorers import early_stopping as E
from course_lib.explorers.regularization import _notebook_02

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def explorer():
    built = E.EXAMPLES["early_stopping_explorer"]()
    built.show_headless()
    yield built
    plt.close(built.figures[0])


@pytest.mark.parametrize("epoch", [10, 30, 400])
def test_readout_is_the_plotted_costs_and_the_snapshot(explorer, epoch):
    explorer.update(epoch=epoch)
    train, dev, acc = (float(x) for x in re.findall(r"<b>([0-9.]+)%?</b>",
                                                   explorer.readout_widget.value))
    ax_c = explorer.figures[0].axes[1]
    train_line, dev_line = ax_c.lines[0], ax_c.lines[1]
    assert train == pytest.approx(train_line.get_ydata()[epoch - 1], abs=5e-4)
    i = list(dev_line.get_xdata()).index(epoch)
    assert dev == pytest.approx(dev_line.get_ydata()[i], abs=5e-4)
    X_train, Y_train, X_dev, Y_dev = _notebook_02()["sets"]
    model = _notebook_02()["snapshots"][epoch]
    assert dev == pytest.approx(network.cost(model.params, X_dev, Y_dev, training=False,
                                             activation="tanh"), abs=5e-4)
    assert acc == pytest.approx(100 * mlp.accuracy(model, X_dev, Y_dev), abs=0.05)
    assert ax_c.lines[-1].get_xdata()[0] == epoch  # the stopping line


def test_the_star_marks_the_lowest_dev_cost_before_the_end(explorer):
    ax_c = explorer.figures[0].axes[1]
    dev_line, star = ax_c.lines[1], ax_c.lines[2]
    best = dev_line.get_xdata()[int(np.argmin(dev_line.get_ydata()))]
    assert star.get_xdata()[0] == best and 0 < best < 400
    assert f"best dev cost at epoch {best}" in explorer.readout
    assert dev_line.get_ydata()[-1] > 1.2 * min(dev_line.get_ydata())  # overfitting after it


def test_bad_arguments_are_named():
    d = _notebook_02()
    with pytest.raises(ValueError, match="epoch must be one of"):
        E.early_stopping_explorer(d["snapshots"], d["train_costs"], *d["sets"], epoch=35)
    with pytest.raises(ValueError, match="train_costs must hold one cost per epoch up to 400"):
        E.early_stopping_explorer(d["snapshots"], d["train_costs"][:100], *d["sets"], epoch=400)
    with pytest.raises(ValueError, match="snapshots must be a non-empty dict"):
        E.early_stopping_explorer({}, d["train_costs"], *d["sets"], epoch=400)
