#!/usr/bin/env python3
"""Checks that jax_capture.py's factors equal `thor-tune train
--dump-factors` for the same weights and batch, and that `thor-tune plan`
accepts the JAX dump.

Usage: check_jax_capture.py THOR_TUNE_BINARY WORK_FOLDER
Uses the first 128 Fashion-MNIST training images (Debian's
dataset-fashion-mnist) as one batch: the factors are averages over the
batch, so the trainer's shuffled order does not change them.
"""
import gzip
import os
import subprocess
import sys

import jax
import numpy as np
from safetensors.numpy import load_file, save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jax_capture import mlp_factors, save_dump  # noqa: E402

jax.config.update("jax_enable_x64", True)
DATA = "/usr/share/datasets/fashion-mnist"
WIDTHS = [784, 64, 32, 10]
BATCH = 128


def images(n):
    with gzip.open(f"{DATA}/train-images-idx3-ubyte.gz") as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    pixels = raw[: n * 784].reshape(n, 784).astype(np.float64)
    return (pixels / 255 - 0.2860) / 0.3530


def labels(n):
    with gzip.open(f"{DATA}/train-labels-idx1-ubyte.gz") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:n].copy()


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    rng = np.random.default_rng(7)
    params, tensors = [], {}
    for i in range(1, len(WIDTHS)):
        bound = np.sqrt(6 / WIDTHS[i - 1])
        w = rng.uniform(-bound, bound, (WIDTHS[i], WIDTHS[i - 1]))
        b = rng.uniform(-0.1, 0.1, WIDTHS[i])
        w, b = w.astype(np.float32), b.astype(np.float32)
        params.append((w.astype(np.float64), b.astype(np.float64)))
        tensors[f"fc{i}.weight"], tensors[f"fc{i}.bias"] = w, b
    weights = os.path.join(work, "weights.safetensors")
    save_file(tensors, weights)

    swift_dump = os.path.join(work, "thor-tune.safetensors")
    model = "mlp:" + ",".join(map(str, WIDTHS))
    subprocess.run(
        [binary, "train", "--model", model, "--optimizer", "kfac",
         "--epochs", "1", "--train-subset", str(BATCH), "--batch-size",
         str(BATCH), "--test-subset", "16", "--init-weights", weights,
         "--dump-factors", swift_dump, "--dump-at", "0", "--threads", "1"],
        check=True, stdout=subprocess.DEVNULL)
    ours = load_file(swift_dump)
    theirs = mlp_factors(params, images(BATCH), labels(BATCH))
    worst = 0.0
    for name, value in sorted(theirs.items()):
        got = ours[name].astype(np.float64)
        error = np.max(np.abs(got - value)) / np.max(np.abs(value))
        worst = max(worst, error)
        print(f"{name:6s} {str(value.shape):12s} max relative difference "
              f"{error:.2e}")
        assert error < 1e-4, f"{name} differs: {error}"
    assert set(ours) == set(theirs), (sorted(ours), sorted(theirs))

    jax_dump = os.path.join(work, "jax.safetensors")
    save_dump(theirs, jax_dump)
    plan = subprocess.run(
        [binary, "plan", "--factors", jax_dump, "--profile",
         os.path.join(os.path.dirname(__file__), "../../profiles",
                      "ascend910-paper.json"),
         "--out", os.path.join(work, "plan.json"), "--report",
         os.path.join(work, "report"), "--json"],
        capture_output=True, text=True)
    assert plan.returncode == 0, plan.stderr
    print(f"JAX capture matches thor-tune's factors (worst {worst:.2e}); "
          "plan accepts the JAX dump")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
