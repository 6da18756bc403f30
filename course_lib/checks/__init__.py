"""Automatic feedback for the practice exercises: ``checks.check_x(your_function)``.

Each checker runs the learner's function on several seeded cases, edge cases included, against the
tested ``course_lib`` reference and prints one verdict in plain words: a short confirmation when
every case passes; otherwise the case, the output, expected vs got, and a hint naming the usual
mistake when the output matches it (bias correction forgotten, ``eps`` inside the square root,
mask not divided by ``keep_prob``, X and Y shuffled differently, ...). A function that still raises
``NotImplementedError`` gets "not implemented yet". Checkers never raise and return None, except
under the autograder: with ``COURSE_LIB_CHECKS=raise`` in the kernel's environment (nbgrader's
kernels get it from ``grading/nbgrader_config.py``) a check that does not pass prints the same
message, then raises :class:`CheckFailed` (one line, no traceback) so nbgrader scores it zero.

============================  ==  ==============================================================
checker                       nb  learner's function
============================  ==  ==============================================================
check_gradient_descent_until  00  ``gradient_descent_until(w0, *, alpha, tol, max_steps)``
check_bias_variance           01  ``bias_variance(train_err, dev_err, bayes_err, *, tol)``
check_l2_cost                 02  ``l2_cost(params, *, lambd, m)``
check_dropout_forward         02  ``dropout_forward(A, keep_prob, rng)``
check_dropout_backward        02  ``dropout_backward(dA, mask, keep_prob)``
check_normalize_inputs        03  ``normalize_inputs(X_train, X_test)``
check_he_init                 04  ``he_init(layer_dims, rng)``
check_gradient_check          05  ``gradient_check(f, theta, dtheta, *, eps=1e-7)``
check_random_mini_batches     06  ``random_mini_batches(X, Y, mini_batch_size, rng)``
check_ewa                     07  ``ewa_bias_corrected(theta, beta)``
check_momentum_update         08  ``momentum_update(w, dw, v, *, lr, beta)``
check_adam_update             08  ``adam_update(w, dw, v, s, t, *, lr, beta1, beta2, eps)``
check_inverse_time_decay      09  ``inverse_time_decay(lr0, epoch, *, decay_rate)``
check_fixed_interval_decay    09  ``fixed_interval_decay(lr0, epoch, *, decay_rate, time_interval)``
check_critical_point          10  ``classify_critical_point(H)``
check_sample_log_uniform      11  ``sample_log_uniform(low, high, size, rng)``
check_sample_beta             11  ``sample_beta(low, high, size, rng)``
check_batchnorm_forward       12  ``batchnorm_step(Z, gamma, beta, *, eps=1e-8)``
check_softmax                 13  ``softmax(Z)``
check_cross_entropy           13  ``cross_entropy(Y_hat, Y)``
check_least_squares_step      14  ``least_squares_step(w, A, b, *, lr)``
============================  ==  ==============================================================
"""

from course_lib.checks._core import MODE_VARIABLE, CheckFailed, grading_mode
from course_lib.checks.diagnosis import check_bias_variance
from course_lib.checks.frameworks import check_least_squares_step
from course_lib.checks.start import check_gradient_descent_until
from course_lib.checks.inputs import check_normalize_inputs
from course_lib.checks.landscape import check_critical_point
from course_lib.checks.optimization import (
    check_adam_update,
    check_ewa,
    check_fixed_interval_decay,
    check_inverse_time_decay,
    check_momentum_update,
    check_random_mini_batches,
)
from course_lib.checks.practical import (
    check_dropout_backward,
    check_dropout_forward,
    check_gradient_check,
    check_he_init,
    check_l2_cost,
)
from course_lib.checks.tuning import (
    check_batchnorm_forward,
    check_cross_entropy,
    check_sample_beta,
    check_sample_log_uniform,
    check_softmax,
)

__all__ = [
    "check_gradient_descent_until", "check_bias_variance", "check_l2_cost", "check_dropout_forward", "check_dropout_backward", "check_he_init",
    "check_gradient_check", "check_random_mini_batches", "check_ewa", "check_momentum_update",
    "check_adam_update", "check_inverse_time_decay", "check_fixed_interval_decay",
    "check_sample_log_uniform", "check_sample_beta", "check_batchnorm_forward", "check_softmax",
    "check_cross_entropy", "check_least_squares_step", "check_critical_point",
    "check_normalize_inputs",
]  # the checkers; CheckFailed, grading_mode and MODE_VARIABLE are importable too
