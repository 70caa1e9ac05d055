#!/usr/bin/env python3
"""Checks that `thor_tune_torch.capture` gives the factors `thor-tune
train --dump-factors` writes for the same initial weights
(`--init-weights`) and batch, on the trainer's `cnn` (dense and conv
layers, C_in 32 exercising the patch order) and an MLP, and that
`thor-tune plan` accepts the PyTorch dumps.

Usage: check_torch_capture.py THOR_TUNE_BINARY WORK_FOLDER
PyTorch computes in float64 here (an independent reference for the
trainer's float32); the tolerance is 1e-4 of each factor's largest entry.
Each line gives the largest difference from the float64 capture, over
the factor's largest entry, of thor-tune's factor and of PyTorch's own
float32 capture.
"""
import os
import sys

import torch
import torch.nn.functional as F
from safetensors.torch import load_file

import torch_fixtures as fx
from thor_tune_torch import FactorCapture, save_dump

TOLERANCE = 1e-4


def capture_factors(model):
    """The factors `FactorCapture` records on the batch, in the model's
    precision."""
    dtype = next(model.parameters()).dtype
    capture = FactorCapture(model)
    model.zero_grad()
    F.cross_entropy(model(fx.images().to(dtype)), fx.labels()).backward()
    capture.remove()
    return capture.factors()


def check_model(binary, work, model_class):
    model = fx.make(model_class)
    name = model_class.__name__.lower()
    weights = os.path.join(work, f"{name}-weights.safetensors")
    fx.save_weights(model, weights)
    ours = os.path.join(work, f"{name}-thor-tune.safetensors")
    fx.train_dump(binary, model_class.spec, weights, ours)
    trainer = load_file(ours)

    factors = capture_factors(model.double())
    single = capture_factors(model.float())
    assert set(factors) == set(trainer), (sorted(factors), sorted(trainer))
    worst = 0.0
    for key in sorted(factors):
        value = factors[key]
        scale = value.abs().max()
        error = float((trainer[key].double() - value).abs().max() / scale)
        f32 = float((single[key].double() - value).abs().max() / scale)
        worst = max(worst, error)
        print(f"{model_class.spec:18s} {key:8s} {str(list(value.shape)):12s}"
              f" thor-tune {error:.2e}  torch float32 {f32:.2e}")
        assert error < TOLERANCE, f"{key} differs: {error:.2e}"

    dump = os.path.join(work, f"{name}-torch.safetensors")
    save_dump(factors, dump, damping=0.03)
    plan = os.path.join(work, f"{name}-plan.json")
    profile = os.path.join(fx.ROOT, "profiles",
                           "amd-epyc-2threads-cholesky-float32.json")
    fx.run([binary, "plan", "--factors", dump, "--profile", profile,
            "--out", plan, "--report", os.path.join(work, f"{name}-report")])
    print(f"{model_class.spec}: PyTorch capture matches thor-tune's "
          f"factors (worst {worst:.2e}); plan accepts the PyTorch dump")
    return worst


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}")
    for model_class in (fx.CNN, fx.MLP):
        check_model(binary, work, model_class)
    print("2 passed, 0 failed")


if __name__ == "__main__":
    main()
