"""Tested numpy reference implementations for the *Improving deep neural networks* notebooks.

One concept per module: ``course_lib.ewa``, ``course_lib.optimizers``, ``course_lib.schedules``,
``course_lib.batchnorm``, ``course_lib.softmax``, ``course_lib.initializers``,
``course_lib.regularization``, ``course_lib.gradcheck``, ``course_lib.minibatch``,
``course_lib.data``, ``course_lib.mlp``, ``course_lib.hparams``, ``course_lib.surfaces``,
``course_lib.plotting`` and ``course_lib.checks`` (automatic feedback for exercises).
Import the module you need, e.g. ``from course_lib.optimizers import adam_step``.
"""

__version__ = "0.1.0"
