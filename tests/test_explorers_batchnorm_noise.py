"""The explorers of notebook 12's mini-batch statistics (course_lib/explorers/batchnorm_noise.py).

The readouts give the spreads the histograms show, the running averages are those batch norm
itself keeps (course_lib.batchnorm in training mode), and the example data is the notebook's.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.batchnorm import batchnorm_forward, batchnorm_init
from course_lib.explorers import batchnorm_noise as bn_noise
from course_lib.explorers._bn_lesson import lesson_data

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def data():
    return lesson_data()


def test_the_examples_use_the_notebooks_pool(data):
    z = data["z_pool"]
    # notebook 12 prints: "the unit over 6000 fresh examples: mean -0.188, std 0.660" and
    # "mini-batch  64: spread of batch means 0.0825"
    assert (z.size, round(float(z.mean()), 3), round(float(z.std()), 3)) == (6000, -0.188, 0.660)
    assert round(float(data["batch_mu"][64].std()), 4) == 0.0825


def test_noise_readout_is_the_spread_of_the_histogrammed_values(data):
    explorer = bn_noise.EXAMPLES["noise_explorer"]()
    ax_mu = explorer.figures[0].axes[0]
    for size in (8, 64, 512):
        explorer.update(size=size)
        shares = ax_mu.patches[0].get_data().values
        assert np.isclose(shares.sum(), 1.0), "every batch mean is in one bar (clipped at the edges)"
        assert f"mini-batch size {size}: batch means spread with std " \
               f"{data['batch_mu'][size].std():.4f}" in explorer.readout
    plt.close(explorer.figures[0])


def test_running_averages_are_batchnorms_running_statistics(data):
    stream = data["streams"][16][:25]
    for decay in (0.5, 0.9, 0.999):
        stats, kept = batchnorm_init(1), []
        for batch in stream:
            _, stats, _ = batchnorm_forward(batch[None, :], np.ones((1, 1)), np.zeros((1, 1)),
                                            stats, training=True, decay=decay)
            kept.append((stats.mean[0, 0], stats.var[0, 0]))
        mean, var = bn_noise.running_averages(stream.mean(axis=1), stream.var(axis=1), decay)
        assert np.allclose(np.column_stack([mean, var]), kept)


def test_running_readout_is_the_last_point_of_the_running_line(data):
    explorer = bn_noise.EXAMPLES["running_explorer"]()
    z = data["z_pool"]
    ax_mean = explorer.figures[0].axes[0]
    for decay, size in ((0.9, 64), (0.999, 16), (0.5, 256)):
        explorer.update(decay=decay, batch_size=size)
        running = ax_mean.lines[1].get_ydata()
        off = abs(running[-1] - z.mean()) / z.std()
        assert f"mini-batch {size}: after 300 steps the running mean is off by {off:.3f} σ" \
            in explorer.readout
    explorer.update(decay=0.999, batch_size=64)
    assert abs(ax_mean.lines[1].get_ydata()[-1]) < 0.5 * abs(z.mean()), \
        "with d = 0.999 the running mean is still near its start 0 after 300 steps"
    plt.close(explorer.figures[0])


@pytest.mark.parametrize("call, match", [
    (lambda d: bn_noise.noise_explorer(d["batch_mu"], d["fixed_norm"], mu=0.0, sigma=-1.0,
                                       fixed_z=0.0), "sigma must be a number > 0, got -1.0"),
    (lambda d: bn_noise.noise_explorer(d["batch_mu"], {8: [0.1]}, mu=0.0, sigma=1.0, fixed_z=0.0),
     "batch_mu and fixed_norm must have the same sizes"),
    (lambda d: bn_noise.noise_explorer(d["batch_mu"], d["fixed_norm"], mu=0.0, sigma=1.0,
                                       fixed_z=0.0, size=100), "size must be one of"),
    (lambda d: bn_noise.running_explorer(d["streams"], mu=0.0, sigma=1.0, decay=1.0),
     "decay must be a number in \\[0.5, 0.999\\], got 1.0"),
    (lambda d: bn_noise.running_explorer({16: np.zeros((10, 8))}, mu=0.0, sigma=1.0, batch_size=16),
     "streams\\[16\\] must be an array of shape \\(steps >= 2, 16\\)"),
])
def test_bad_arguments_name_themselves(data, call, match):
    with pytest.raises(ValueError, match=match):
        call(data)
