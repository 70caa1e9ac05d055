#!/usr/bin/env python3
"""Writes 54 `A` factors whose Eq. 11 losses give the paper's Table 1 counts.

The paper's Table 1 (ResNet-50, Ascend 910) reports, for each candidate
split s in [1, 16, 32, 64, 128, 256, 512, 1024, 2048], how many of the 54
`A` factors have L(s) < 1%: 4, 4, 5, 9, 13, 23, 32, 46, 48. The factors
themselves were not published, so this script builds 54 factors with
exactly those counts, for `thor-tune plan --profile
profiles/ascend910-paper.json` to recompute the paper's Fig. 5 crossing and
its split (128) through the same code path as a real dump.

A factor that first falls within tolerance at s = t is eps*I + v v^T of
dimension t with v = e_0 + e_(t-1): for s >= t nothing is split (L = 0);
for s < t the two coupled coordinates land in different blocks and
L = 1 - (1 + eps)/(2 + eps) ~ 0.5. The 4 factors within tolerance at s = 1
are diagonal; the 6 never within tolerance have t = 2049 (a 2048-wide
layer plus bias). Layer names follow ResNet-50's A factors only by count.

Usage: paper-table1-dump.py --out /tmp/paper-table1.safetensors
"""
import argparse

import numpy as np
from safetensors.numpy import save_file

CANDIDATES = [1, 16, 32, 64, 128, 256, 512, 1024, 2048]
WITHIN = [4, 4, 5, 9, 13, 23, 32, 46, 48]
TOTAL = 54
EPS = 0.01


def thresholds():
    """The dimension t at which each of the 54 factors enters tolerance."""
    result, before = [], 0
    for s, count in zip(CANDIDATES, WITHIN):
        result += [s] * (count - before)
        before = count
    return result + [CANDIDATES[-1] + 1] * (TOTAL - before)


def factor(t):
    if t == 1:
        return np.diag(np.linspace(1.0, 2.0, 64)).astype(np.float32)
    a = EPS * np.eye(t, dtype=np.float32)
    a[0, 0] += 1
    a[t - 1, t - 1] += 1
    a[0, t - 1] += 1
    a[t - 1, 0] += 1
    return a


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    tensors = {f"layer{i:02d}.A": factor(t)
               for i, t in enumerate(thresholds())}
    save_file(tensors, args.out, metadata={
        "format": "thor-tune/factors", "model": "ResNet-50 (Table 1 counts)",
        "step": "0", "dataset": "none (synthetic, paper Table 1)"})


if __name__ == "__main__":
    main()
