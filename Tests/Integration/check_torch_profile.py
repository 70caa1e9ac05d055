#!/usr/bin/env python3
"""Checks that `thor_tune_torch.profile` writes what `thor-tune profile`
writes (same fields, version, dimensions and product entries for the
same settings, timings aside) and that `thor-tune plan` accepts it.

Usage: check_torch_profile.py THOR_TUNE_BINARY WORK_FOLDER
Short timings (this checks the format, not the machine); the timings
are compared by reports/integration/compare-torch-profile.sh.
"""
import contextlib
import io
import json
import os
import sys

import torch

import torch_fixtures            # also puts Sources/Python on the path
from thor_tune_torch import save_dump
from thor_tune_torch.profile import main as torch_profile

SETTINGS = ["--dims", "1,16,40", "--factor-dim", "64", "--threads", "1",
            "--min-time", "0.001", "--product-min-time", "0.001",
            "--product-others", "8,24", "--repeats", "20"]


def shape(value):
    """The structure of a JSON value: keys, list lengths and types."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "number"
    return type(value).__name__


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    ours = os.path.join(work, "thor-tune.json")
    torch_fixtures.run([binary, "profile", *SETTINGS, "--out", ours])
    theirs = os.path.join(work, "torch.json")
    quiet = io.StringIO()             # its table and progress: timings
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        torch_profile(["--device", "cpu", *SETTINGS, "--out", theirs])
    a, b = (json.load(open(p)) for p in (ours, theirs))
    for key in ("format", "version", "method", "dtype"):
        assert a[key] == b[key], (key, a[key], b[key])
    keyed = lambda p: ([r["dim"] for r in p["results"]],   # noqa: E731
                       [(q["factor"], q["dim"], q["other"])
                        for q in p["products"]])
    assert keyed(a) == keyed(b), (keyed(a), keyed(b))
    assert shape(a["results"]) == shape(b["results"])
    assert shape(a["products"]) == shape(b["products"])
    assert shape(a["machine"]) == shape(b["machine"])
    missing = set(a["options"]) - set(b["options"])
    assert not missing, f"options thor-tune writes and torch lacks: {missing}"
    print(f"profile.py writes thor-tune's format (version {b['version']}, "
          f"{len(b['results'])} dims, {len(b['products'])} products)")

    dump = os.path.join(work, "factors.safetensors")
    x = torch.randn(256, 50, generator=torch.Generator().manual_seed(0))
    save_dump({"fc.A": x.T @ x / 256, "fc.G": torch.eye(8)}, dump,
              damping=0.03)
    torch_fixtures.run(
        [binary, "plan", "--factors", dump, "--profile", theirs, "--out",
         os.path.join(work, "plan.json"), "--report",
         os.path.join(work, "report")])
    print("thor-tune plan accepts the PyTorch profile")
    print("2 passed, 0 failed")


if __name__ == "__main__":
    main()
