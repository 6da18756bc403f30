"""The data-augmentation explorer of notebook 02 (course_lib/explorers/augmentation.py)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.explorers import augmentation as A

pytestmark = pytest.mark.usefixtures("ipympl_backend")  # tests/conftest.py


@pytest.fixture(scope="module")
def explorer():
    built = A.EXAMPLES["augmentation_explorer"]()
    built.show_headless()
    yield built
    plt.close(built.figures[0])


@pytest.mark.parametrize("kind", A.AUGMENTATIONS)
def test_copies_are_the_transformations_with_the_draws_seed(explorer, kind):
    explorer.update(kind=kind, draw=7)
    rng = np.random.default_rng(7)
    F = A._letter_f()
    for ax in explorer.figures[0].axes[1:]:
        assert np.allclose(ax.images[0].get_array(), A.augment_image(F, kind, rng))
    assert ("does NOT keep the label" in explorer.readout) == (kind == "horizontal flip")


def test_transformations_golden_values():
    F = A._letter_f()
    assert np.array_equal(A.augment_image(F, "horizontal flip", None), F[:, ::-1])
    assert np.array_equal(A.shift_image(F, 0, 0), F) and np.allclose(A.rotate_image(F, 0.0), F)
    shifted = A.shift_image(F, 1, -2)
    assert np.array_equal(shifted[1:, :-2], F[:-1, 2:]) and not shifted[0].any()
    noisy = A.augment_image(F, "noise / distortion", np.random.default_rng(0))
    assert noisy.min() >= 0 and noisy.max() <= 1 and not np.array_equal(noisy, F)
    square = np.zeros((6, 6))
    square[1:3, 1:3] = 1.0
    assert np.allclose(A.rotate_image(square, 90.0).sum(), square.sum(), atol=1e-9)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="kind must be one of"):
        A.augmentation_explorer(A._letter_f(), kind="blur")
    with pytest.raises(ValueError, match=r"draw must be an integer in \[0, 20\]"):
        A.augmentation_explorer(A._letter_f(), draw=21)
    with pytest.raises(ValueError, match="image must be a non-empty 2-D array with values in"):
        A.augmentation_explorer(2 * A._letter_f())
