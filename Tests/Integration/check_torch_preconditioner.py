#!/usr/bin/env python3
"""Checks `thor_tune_torch.Preconditioner` against thor-tune's own
inverses and products (`thor-tune precondition`, the code a training
step runs) on the same factors and gradient: the trainer's `cnn` dump
(`train --dump-factors`, step 0) and the PyTorch gradient of the same
weights and batch.

Usage: check_torch_preconditioner.py THOR_TUNE_BINARY WORK_FOLDER
Cases: the plan `thor-tune plan` makes for the dump; a plan with splits
that leave remainder blocks (and one factor with no entry), with the
`sqrt`, `lambda` and `pi` damping forms; no split (K-FAC). Both sides
compute in float32; each direction must agree to 1e-4 of its largest
entry. A float64 dense NumPy computation (block-diagonal matrix built
entry by entry, `numpy.linalg.inv`) checks the reference apart.
"""
import copy
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

import torch_fixtures as fx
from thor_tune_torch import Preconditioner, gradient_matrix
from thor_tune_torch.layers import (factored_modules, layer_inputs,
                                    output_rows)

TOLERANCE = 1e-4
DAMPING = 0.03
# Splits with remainders: A 26 = 3*7+5, 801 = 8*100+1, 3137 = 3*1000+137,
# 257 = 16*16+1; G 32 = 6*5+2, 64 whole (2048), 256 at 1; fc2.G absent.
AWKWARD = {"conv1": (7, 5), "conv2": (100, 2048), "fc1": (1000, 1),
           "fc2": (16, None)}


def awkward_plan(plan):
    plan = copy.deepcopy(plan)
    for layer in plan["layers"]:
        a, g = AWKWARD[layer["name"]]
        layer["A"]["split"] = a
        if g is None:
            del layer["G"]
        else:
            layer["G"]["split"] = g
    return plan


def dense_reference(factor, split, gamma):
    """`(X̂ + γI)⁻¹`, X̂ the diagonal blocks of `factor` at `split`, by
    building the block-diagonal matrix and inverting it densely."""
    x = factor.astype(np.float64)
    d = x.shape[0]
    mask = np.zeros((d, d), dtype=bool)
    for start in range(0, d, split):
        mask[start:start + split, start:start + split] = True
    return np.linalg.inv(np.where(mask, x, 0) + gamma * np.eye(d))


def run_case(binary, work, label, plan, form, factors, gradients,
             original):
    args = [binary, "precondition", "--factors", factors["path"],
            "--gradients", gradients, "--damping", str(DAMPING),
            "--damping-form", form]
    if plan is not None:
        path = os.path.join(work, f"plan-{label}.json")
        with open(path, "w") as f:
            json.dump(plan, f)
        args += ["--plan", path]
        pre = Preconditioner.from_plan(plan, damping=DAMPING,
                                       damping_form=form)
    else:
        pre = Preconditioner({}, damping=DAMPING, damping_form=form)
    out = os.path.join(work, f"directions-{label}.safetensors")
    fx.run(args + ["--out", out])
    theirs = load_file(out)

    pre.update_inverses(factors["tensors"])
    model = copy.deepcopy(original)           # .grad is not copied
    for mine, given in zip(model.parameters(), original.parameters()):
        mine.grad = given.grad.clone()
    raw = {n: gradient_matrix(m).clone() for n, m in factored_modules(model)}
    pre.precondition(model)                   # .grad ← the directions
    worst = 0.0
    for name, module in factored_modules(model):
        ours = gradient_matrix(module).double()
        swift = theirs[f"{name}.direction"].double()
        scale = float(swift.abs().max())
        error = float((ours - swift).abs().max()) / scale
        worst = max(worst, error)
        print(f"  {label:14s} {name:6s} {str(list(swift.shape)):11s} "
              f"max|torch - thor-tune| / max|thor-tune| {error:.2e}")
        assert error < TOLERANCE, f"{label} {name}: {error:.2e}"
        if label.startswith("awkward-sqrt"):
            a = factors["tensors"][f"{name}.A"].numpy()
            g = factors["tensors"][f"{name}.G"].numpy()
            sa, sg = AWKWARD[name]
            gamma = np.sqrt(np.float32(DAMPING)).astype(np.float32)
            dense = (dense_reference(g, sg or g.shape[0], gamma)
                     @ raw[name].double().numpy()
                     @ dense_reference(a, sa, gamma))
            e64 = float(np.abs(dense - swift.numpy()).max()) / scale
            print(f"  {'':14s} {'':6s} {'':11s} "
                  f"max|float64 dense - thor-tune| / max|thor-tune| "
                  f"{e64:.2e}")
            assert e64 < TOLERANCE, f"dense {name}: {e64:.2e}"
    return worst


def check_layout(model):
    """`gradient_matrix` (the layout both sides precondition in) equals
    `(1/N) Σ g aᵀ` over the capture's rows `a` (their order is checked
    against the trainer's factors by check_torch_capture.py)."""
    model = copy.deepcopy(model).double()
    rows, handles = {}, []
    for name, module in factored_modules(model):
        def hook(m, inputs, output, name=name):
            rows[name] = [layer_inputs(m, inputs[0].detach())]
            output.register_hook(lambda g: rows[name].append(output_rows(g)))
        handles.append(module.register_forward_hook(hook))
    model.zero_grad()
    F.cross_entropy(model(fx.images()), fx.labels()).backward()
    for name, module in factored_modules(model):
        a, g = rows[name]
        expected = g.T @ a       # g is the mean loss gradient: (1/N) sum
        error = float((gradient_matrix(module) - expected).abs().max()
                      / expected.abs().max())
        print(f"  layout         {name:6s} gradient_matrix vs (1/N) sum g "
              f"a^T: {error:.2e}")
        assert error < 1e-10, f"{name}: layout differs ({error:.2e})"
    for handle in handles:
        handle.remove()


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}")
    model = fx.make(fx.CNN)
    weights = os.path.join(work, "cnn-weights.safetensors")
    fx.save_weights(model, weights)
    dump = os.path.join(work, "cnn-thor-tune.safetensors")
    fx.train_dump(binary, "cnn", weights, dump)
    factors = {"path": dump, "tensors": load_file(dump)}

    model.zero_grad()                         # float32, as the trainer
    F.cross_entropy(model(fx.images().float()), fx.labels()).backward()
    gradients = os.path.join(work, "cnn-gradients.safetensors")
    save_file({f"{n}.gradient": gradient_matrix(m).contiguous()
               for n, m in factored_modules(model)}, gradients)

    check_layout(model)

    plan_path = os.path.join(work, "cnn-plan.json")
    profile = os.path.join(fx.ROOT, "profiles",
                           "amd-epyc-2threads-cholesky-float32.json")
    fx.run([binary, "plan", "--factors", dump, "--profile", profile,
            "--out", plan_path, "--report", os.path.join(work, "cnn-report")])
    with open(plan_path) as f:
        plan = json.load(f)
    chosen = ", ".join(f"{l['name']} {l['A']['split']}/{l['G']['split']}"
                       for l in plan["layers"])
    print(f"plan (split A/G): {chosen}")
    odd = awkward_plan(plan)
    cases = [("plan-sqrt", plan, "sqrt"), ("awkward-sqrt", odd, "sqrt"),
             ("awkward-lambda", odd, "lambda"), ("awkward-pi", odd, "pi"),
             ("no-split", None, "sqrt")]
    worst = 0.0
    for label, p, form in cases:
        worst = max(worst, run_case(binary, work, label, p, form, factors,
                                    gradients, model))
    print(f"the PyTorch reference step matches thor-tune's preconditioned "
          f"direction (worst {worst:.2e} of the largest entry)")
    print(f"{len(cases)} passed, 0 failed")


if __name__ == "__main__":
    main()
