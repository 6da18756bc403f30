"""Tested numpy reference implementations for the *Improving deep neural networks* notebooks.

One concept per module: ``ewa``, ``optimizers``, ``schedules``, ``batchnorm``, ``softmax``,
``initializers``, ``regularization``, ``gradcheck``, ``minibatch``, ``data``, ``hparams``,
``surfaces``, ``diagnosis`` (bias, variance and the basic recipe); the small network in
``layers`` (activations, one layer), ``network`` (forward and backward), ``mlp`` (training) and
``snapshots`` (training with decision-region snapshots); ``search`` (trials for parallel
hyperparameter search);
``divergence`` (where a diverging run stops being a number), ``checks`` (automatic feedback for
exercises), ``explorers`` (every interactive figure, one module per topic) and ``figures`` (the
machinery under them: course style, live figures, blitting, the ``Explorer`` object).
Import the module you need, e.g. ``from course_lib.optimizers import adam_step``.

Importing the package keeps numpy's BLAS on one thread unless ``OMP_NUM_THREADS`` or
``OPENBLAS_NUM_THREADS`` says otherwise: the course's matrices are small, and on a 2-core machine
a multithreaded BLAS made them up to 60 times slower (threads waiting on each other), which
learners feel as sliders lagging behind.
"""

import os as _os

import numpy as _numpy  # noqa: F401  (load numpy's BLAS first: only loaded libraries are limited)
from threadpoolctl import threadpool_limits as _threadpool_limits

__version__ = "0.1.0"

if not any(_os.environ.get(name) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")):
    _threadpool_limits(limits=1, user_api="blas")
