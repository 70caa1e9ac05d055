#!/usr/bin/env python3
"""Dense reference for `thor-tune plan`: Eq. 11 losses by numpy.linalg.eigvalsh.

For every factor `<layer>.A` / `<layer>.G` of a safetensors dump and every
candidate split s < d, computes L(s) = 1 - max_j lmax(A_jj) / lmax(A) with
full dense eigendecompositions (numpy.linalg.eigvalsh, LAPACK syevd) of the
whole factor and of every diagonal block (the last block is the remainder
d mod s), in float64. Prints the wall time; with --plan, compares every loss
with the plan's and reports the largest absolute difference.

Usage: plan-eigvalsh.py DUMP --candidates 1,16,...,2048 [--plan plan.json]
       [--json results.json]
"""
import argparse
import json
import time

import numpy as np
from safetensors.numpy import load_file


def losses(a, candidates):
    d = a.shape[0]
    whole = np.linalg.eigvalsh(a)[-1]
    out = []
    for s in candidates:
        if s >= d:
            out.append(0.0 if whole != 0 else None)
            continue
        starts = range(0, d, s)
        top = max(np.linalg.eigvalsh(a[i:i + s, i:i + s])[-1] for i in starts)
        out.append(None if whole == 0 else min(1.0, max(0.0, 1 - top / whole)))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dump")
    parser.add_argument("--candidates", required=True)
    parser.add_argument("--plan")
    parser.add_argument("--json")
    args = parser.parse_args()
    candidates = [int(s) for s in args.candidates.split(",")]
    started = time.perf_counter()
    tensors = load_file(args.dump)
    results = {}
    for name, tensor in tensors.items():
        if not (name.endswith(".A") or name.endswith(".G")):
            continue
        a = tensor.astype(np.float64)
        a = (a + a.T) / 2
        results[name] = losses(a, candidates)
    seconds = time.perf_counter() - started
    report = {"seconds": seconds, "factors": len(results)}
    if args.plan:
        with open(args.plan) as f:
            plan = json.load(f)
        if plan["candidates"] != candidates:
            raise SystemExit("the plan's candidates differ from --candidates")
        worst, where = 0.0, None
        for layer in plan["layers"]:
            for kind in ("A", "G"):
                if kind not in layer:
                    continue
                name = f"{layer['name']}.{kind}"
                for s, got, want in zip(
                        candidates, layer[kind]["losses"], results[name]):
                    if (got is None) != (want is None):
                        raise SystemExit(f"{name} at {s}: {got} vs {want}")
                    if got is not None and abs(got - want) > worst:
                        worst, where = abs(got - want), f"{name} at s={s}"
        report["max_abs_difference"] = worst
        report["worst_at"] = where
    print(json.dumps(report))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"report": report, "losses": results}, f)


if __name__ == "__main__":
    main()
