"""Time per epoch of ``course_lib.mlp`` against PyTorch on CPU, same network, data and start.

    python -m benchmarks.train_speed                 # 1 thread each, float64
    python -m benchmarks.train_speed --threads 2 --epochs 12

Network 2 -> 64 -> 64 -> 1 (ReLU, sigmoid output), 2,000 moons points, mini-batches of 64 (32 steps
per epoch), Adam (lr 0.01, 0.9, 0.999, 1e-8), He initial weights copied into ``torch.nn.Linear``.
Each epoch both sides shuffle, take 32 Adam steps, then evaluate the training cost and accuracy
once in test mode (what ``mlp.train`` records per epoch). The first ``--warmup`` epochs are not
timed; the median of the rest is reported. Thread counts are pinned before numpy and torch load
(``OMP/OPENBLAS/MKL_NUM_THREADS`` and ``torch.set_num_threads``), since the machine is shared.
This is a benchmark, not a test: numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=10, help="timed epochs")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--m", type=int, default=2000)
    args = parser.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)  # must happen before numpy/torch are imported
    import numpy as np
    import torch

    from course_lib import data, mlp

    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    X, labels = data.moons(args.m, noise=0.2, rng=rng)
    Y = labels.reshape(1, -1).astype(float)
    dims, batch, lr = [2, 64, 64, 1], 64, 0.01

    # numpy: one mlp.train call per epoch, continuing the model (so each epoch can be timed)
    model, _ = mlp.train(X, Y, layer_dims=dims, rng=np.random.default_rng(1), n_epochs=0)
    start_params = {k: v.copy() for k, v in model.params.items()}
    np_times = []
    for epoch in range(args.warmup + args.epochs):
        t0 = time.perf_counter()
        model, hist = mlp.train(X, Y, model=model, rng=rng, n_epochs=1, mini_batch_size=batch,
                                lr=lr, optimizer="adam")
        np_times.append(time.perf_counter() - t0)
    np_acc, np_cost = hist["train_acc"][-1], hist["train_cost"][-1]

    # torch: the same network, the same initial weights, examples as rows (torch's layout)
    net = torch.nn.Sequential(torch.nn.Linear(2, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                              torch.nn.ReLU(), torch.nn.Linear(64, 1)).double()
    with torch.no_grad():
        for i, layer in enumerate(net[::2], start=1):
            layer.weight.copy_(torch.from_numpy(start_params[f"W{i}"]))
            layer.bias.copy_(torch.from_numpy(start_params[f"b{i}"].ravel()))
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    Xt, Yt = torch.from_numpy(X.T.copy()), torch.from_numpy(Y.T.copy())
    gen = torch.Generator().manual_seed(0)
    torch_times = []
    for epoch in range(args.warmup + args.epochs):
        t0 = time.perf_counter()
        order = torch.randperm(args.m, generator=gen)
        Xs, Ys = Xt[order], Yt[order]
        for s in range(0, args.m, batch):
            opt.zero_grad()
            loss = loss_fn(net(Xs[s:s + batch]), Ys[s:s + batch])
            loss.backward()
            opt.step()
        with torch.no_grad():
            logits = net(Xt)
            torch_cost = loss_fn(logits, Yt).item()
            torch_acc = ((logits > 0).double() == Yt).double().mean().item()
        torch_times.append(time.perf_counter() - t0)

    t_np = statistics.median(np_times[args.warmup:])
    t_torch = statistics.median(torch_times[args.warmup:])
    print(f"network {dims}, m = {args.m}, mini-batch {batch}, Adam lr {lr}, float64, "
          f"{args.threads} thread(s) (torch.get_num_threads() = {torch.get_num_threads()})")
    print(f"median of {args.epochs} epochs after {args.warmup} warm-up epochs")
    print(f"{'':14}{'ms per epoch':>14}{'train cost':>12}{'train acc':>11}")
    print(f"{'course_lib':14}{1000 * t_np:14.1f}{np_cost:12.4f}{np_acc:11.3f}")
    print(f"{'pytorch':14}{1000 * t_torch:14.1f}{torch_cost:12.4f}{torch_acc:11.3f}")
    print(f"ratio numpy / torch = {t_np / t_torch:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
