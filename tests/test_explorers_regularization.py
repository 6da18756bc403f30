"""The L2 explorers of notebook 02 (course_lib/explorers/regularization.py): readouts match the
figure's data, bad arguments are named, and the figures' claims hold."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib import mlp
from course_lib.explorers import regularization as R
from course_lib.figures.regions import region_grid

# ipympl's own toolbar warns on every figure it makes (not ours to fix; a notebook hides it)
pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture
def built(request):
    explorer = R.EXAMPLES[request.param]()
    explorer.show_headless()
    yield explorer
    for fig in explorer.figures:
        plt.close(fig)


def _bold_numbers(text):
    return [float(x.replace(",", "")) for x in re.findall(r"<b>([-0-9.,]+)%?</b>", text)]


@pytest.mark.parametrize("built", ["weight_decay_explorer"], indirect=True)
@pytest.mark.parametrize("lambd", [0.0, 1.0, 10.0])
def test_weight_decay_readout_is_the_plotted_run(built, lambd):
    built.update(lambd=lambd)
    run_line, alone_line = built.figures[0].axes[0].lines[1:3]
    factor, final = _bold_numbers(built.readout_widget.value)
    assert final == pytest.approx(run_line.get_ydata()[-1], abs=0.05)
    assert factor == pytest.approx(1 - 0.1 * lambd / 100, abs=5e-5)
    steps = np.arange(len(run_line.get_ydata()))
    expected = run_line.get_ydata()[0] * (1 - 0.1 * lambd / 100) ** (2 * steps)
    assert np.allclose(alone_line.get_ydata(), expected)


@pytest.mark.parametrize("built", ["weight_decay_explorer"], indirect=True)
def test_weight_decay_claims(built):
    norms = R._notebook_02()["norms"]
    finals = [norms[l][-1] for l in sorted(norms)]
    assert all(a > b for a, b in zip(finals, finals[1:])), "a larger λ decays the weights further"
    built.update(lambd=3.0)
    run_line, alone_line = built.figures[0].axes[0].lines[1:3]
    assert run_line.get_ydata()[-1] > alone_line.get_ydata()[-1], "the data gradient pushes back"


@pytest.mark.parametrize("built", ["regularization_sweep_explorer"], indirect=True)
@pytest.mark.parametrize("value", [0.0, 0.3, 10.0])
def test_sweep_readout_and_regions_are_the_chosen_network(built, value):
    built.update(value=value)
    X_train, Y_train, X_dev, Y_dev = R._notebook_02()["sets"]
    model = R._notebook_02()["by_lambd"][value]
    train, dev, norm = _bold_numbers(built.readout_widget.value)
    assert train == pytest.approx(100 * mlp.accuracy(model, X_train, Y_train), abs=0.05)
    assert dev == pytest.approx(100 * mlp.accuracy(model, X_dev, Y_dev), abs=0.05)
    assert norm == pytest.approx(R.sum_squared_weights(model.params), abs=0.05)
    image = built.figures[0].axes[0].images[0]
    grid = region_grid(np.hstack([X_train, X_dev]), resolution=90, padding=0.3)
    assert np.array_equal(np.asarray(image.get_array()).ravel(), mlp.predict(model, grid))
    assert built.figures[0].axes[0].title.get_text() == f"Decision boundary, λ = {value:g}"


@pytest.mark.parametrize("built", ["regularization_sweep_explorer"], indirect=True)
def test_sweep_weight_norm_falls_with_lambda_and_dev_peaks_in_between(built):
    ax_w = built.figures[0].axes[2]
    norms = ax_w.lines[0].get_ydata()
    assert all(a > b for a, b in zip(norms, norms[1:]))
    dev = built.figures[0].axes[1].lines[1].get_ydata()
    assert 0 < int(np.argmax(dev)) < len(dev) - 1


def test_cost_curves_plot_what_they_are_given():
    curves = {"a": np.array([3.0, 2.0, 1.0]), "b": np.array([1.0, 0.5])}
    explorer = R.cost_curves_explorer(curves, title="t", ylabel="J")
    lines = explorer.figures[0].axes[0].lines
    assert [l.get_label() for l in lines] == ["a", "b"]
    assert np.array_equal(lines[0].get_ydata(), curves["a"])
    assert lines[0].get_linestyle() != lines[1].get_linestyle()  # not colour alone
    plt.close(explorer.figures[0])


def test_bad_arguments_are_named():
    d = R._notebook_02()
    with pytest.raises(ValueError, match="norms must be a dict"):
        R.weight_decay_explorer({1.0: d["norms"][1.0]}, alpha=0.1, m=100)
    with pytest.raises(ValueError, match="lambd must be one of"):
        R.weight_decay_explorer(d["norms"], alpha=0.1, m=100, lambd=2.0)
    with pytest.raises(ValueError, match="value must be one of"):
        R.regularization_sweep_explorer(d["by_lambd"], *d["sets"], symbol="λ", value=0.5)
    X_train, Y_train, X_dev, Y_dev = d["sets"]
    with pytest.raises(ValueError, match=r"Y_train must have shape \(1, 100\)"):
        R.regularization_sweep_explorer(d["by_lambd"], X_train, Y_train[:, :50], X_dev, Y_dev,
                                        symbol="λ", value=0.0)
    with pytest.raises(ValueError, match="models must be"):
        R.regularization_sweep_explorer({0.0: "net"}, *d["sets"], symbol="λ", value=0.0)
    with pytest.raises(ValueError, match="curves must be"):
        R.cost_curves_explorer({}, title="t")
