"""Automatic feedback for the practice exercises (work in progress: stubs)."""


def check_l2_cost(fn) -> None:
    """Check the learner's l2_cost(params, *, lambd, m) -> float: lambd/(2m) times the sum of squared entries of every W in params (biases not regularized)."""
    print("check_l2_cost: checker not written yet")


def check_dropout_forward(fn) -> None:
    """Check the learner's dropout_forward(A, keep_prob, rng) -> (A_drop, mask): mask = rng.random(A.shape) < keep_prob, A_drop = A * mask / keep_prob."""
    print("check_dropout_forward: checker not written yet")


def check_dropout_backward(fn) -> None:
    """Check the learner's dropout_backward(dA, mask, keep_prob) -> dA * mask / keep_prob."""
    print("check_dropout_backward: checker not written yet")


def check_he_init(fn) -> None:
    """Check the learner's he_init(layer_dims, rng) -> params: W{l} = rng.standard_normal((n[l], n[l-1])) * sqrt(2 / n[l-1]), b{l} = zeros((n[l], 1)), for l = 1..L in order."""
    print("check_he_init: checker not written yet")


def check_gradient_check(fn) -> None:
    """Check the learner's gradient_check(f, theta, dtheta, *, eps=1e-7) -> (difference, dtheta_approx): centred differences per component, difference = ||approx - dtheta|| / (||approx|| + ||dtheta||)."""
    print("check_gradient_check: checker not written yet")


def check_random_mini_batches(fn) -> None:
    """Check the learner's random_mini_batches(X, Y, mini_batch_size, rng) -> list of (X_t, Y_t): columns shuffled with rng.permutation(m), X and Y kept aligned, last batch smaller."""
    print("check_random_mini_batches: checker not written yet")


def check_ewa(fn) -> None:
    """Check the learner's ewa_bias_corrected(theta, beta) -> every bias-corrected v_t (time along axis 0)."""
    print("check_ewa: checker not written yet")


def check_momentum_update(fn) -> None:
    """Check the learner's momentum_update(w, dw, v, *, lr, beta) -> (w_new, v_new), EWA form v = beta v + (1 - beta) dw."""
    print("check_momentum_update: checker not written yet")


def check_adam_update(fn) -> None:
    """Check the learner's adam_update(w, dw, m, v, t, *, lr, beta1, beta2, eps) -> (w_new, m_new, v_new), bias corrected, t = 1 on the first step."""
    print("check_adam_update: checker not written yet")


def check_inverse_time_decay(fn) -> None:
    """Check the learner's inverse_time_decay(lr0, epoch, *, decay_rate) = lr0 / (1 + decay_rate * epoch)."""
    print("check_inverse_time_decay: checker not written yet")


def check_fixed_interval_decay(fn) -> None:
    """Check the learner's fixed_interval_decay(lr0, epoch, *, decay_rate, time_interval) = lr0 / (1 + decay_rate * floor(epoch / time_interval))."""
    print("check_fixed_interval_decay: checker not written yet")


def check_sample_log_uniform(fn) -> None:
    """Check the learner's sample_log_uniform(low, high, size, rng): 10**r with r uniform in [log10 low, log10 high]."""
    print("check_sample_log_uniform: checker not written yet")


def check_sample_beta(fn) -> None:
    """Check the learner's sample_beta(low, high, size, rng): beta = 1 - 10**r, so 1 - beta is log-uniform in [1 - high, 1 - low]."""
    print("check_sample_beta: checker not written yet")


def check_batchnorm_forward(fn) -> None:
    """Check the learner's batchnorm_step(Z, gamma, beta, *, eps=1e-8) -> Z_tilde, training mode: mean and biased variance of each row over the m columns."""
    print("check_batchnorm_forward: checker not written yet")


def check_softmax(fn) -> None:
    """Check the learner's softmax(Z) over axis 0 (classes are rows), numerically stable."""
    print("check_softmax: checker not written yet")


def check_cross_entropy(fn) -> None:
    """Check the learner's cross_entropy(Y_hat, Y) -> float: mean over the m examples of -sum_j y_j log y_hat_j."""
    print("check_cross_entropy: checker not written yet")
