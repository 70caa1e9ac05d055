#!/usr/bin/env python3
"""Writes a synthetic transformer-like factor dump (safetensors, F32).

Each factor is the covariance E[x xᵀ] of `--samples` feature vectors with
a positive mean (like activations after a non-linearity), neighbouring
features correlated and feature scales decaying, plus a small ridge: a
positive definite matrix with a dominant top eigenvalue, as the Kronecker
factors of real layers have. Factors are written one at a time straight
to the file, so the writer holds one factor in memory.

Usage: make-dump.py --out FILE --factor NAME=DIM [--factor ...] [--seed S]
"""
import argparse
import json
import struct

import numpy as np


def factor(d, samples, rng):
    x = rng.standard_normal((samples, d), dtype=np.float32)
    # Correlate neighbours (a moving sum), then decay and shift the scale.
    x[:, 1:] += 0.6 * x[:, :-1]
    x *= (1.0 / (1.0 + np.arange(d, dtype=np.float32) / 512.0))
    x += 0.3
    a = x.T @ x
    a /= np.float32(samples)
    a[np.diag_indices(d)] += np.float32(1e-3)
    return a


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--factor", action="append", required=True,
                        help="NAME=DIM, e.g. layers.0.mlp.up.G=11008")
    parser.add_argument("--samples", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    specs = [(n, int(d)) for n, d in (f.split("=") for f in args.factor)]
    header, offset = {"__metadata__": {"format": "thor-tune/factors",
                                       "model": "synthetic-transformer"}}, 0
    for name, d in specs:
        header[name] = {"dtype": "F32", "shape": [d, d],
                        "data_offsets": [offset, offset + 4 * d * d]}
        offset += 4 * d * d
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    rng = np.random.default_rng(args.seed)
    with open(args.out, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for name, d in specs:
            a = factor(d, args.samples, rng)
            a.astype("<f4", copy=False).tofile(out)
            del a
    print(f"wrote {args.out}: {len(specs)} factors, "
          f"{offset / 2**20:.1f} MiB of F32")


if __name__ == "__main__":
    main()
