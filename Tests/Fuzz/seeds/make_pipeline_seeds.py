#!/usr/bin/env python3
"""Writes the seed dumps of the `pipeline` fuzz target (Tests/Fuzz/run.sh)
into seeds/pipeline/: small valid factor dumps that `thor-tune plan`
accepts, so that the fuzzer starts deep in the analyser and solver.

Run from this folder: python3 make_pipeline_seeds.py

Safetensors written by hand (8-byte little-endian header length, JSON
header, row-major data) with numpy only. Every factor is symmetric
positive (semi)definite with a few dims; each file stays under 1 KB.
"""
import json
import struct

import numpy as np

rng = np.random.default_rng(8)


def spd(n):
    """A symmetric positive definite n x n matrix with off-diagonal mass."""
    m = rng.standard_normal((n, n))
    return m @ m.T / n + 0.1 * np.eye(n)


def block_diagonal(sizes):
    """SPD blocks on the diagonal, zero elsewhere: some splits are exact."""
    n = sum(sizes)
    a = np.zeros((n, n))
    start = 0
    for s in sizes:
        a[start:start + s, start:start + s] = spd(s)
        start += s
    return a


def bf16_bits(a):
    """The upper 16 bits of each float32 (BF16, truncated)."""
    return (a.astype(np.float32).view(np.uint32) >> 16).astype(np.uint16)


def save(name, tensors, metadata=None):
    """tensors: name -> (dtype name, array of the stored type)."""
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for key, (dtype, array) in tensors.items():
        data = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"))
        raw = data.tobytes()
        header[key] = {"dtype": dtype, "shape": list(array.shape),
                       "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(f"pipeline/{name}.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


meta = {"format": "thor-tune/factors", "model": "seed", "step": "0"}
save("one-layer-f64", {"fc.A": ("F64", spd(4)), "fc.G": ("F64", spd(3))},
     meta)
save("two-layers-f32", {
    "conv.A": ("F32", spd(6).astype(np.float32)),
    "conv.G": ("F32", spd(2).astype(np.float32)),
    "fc.A": ("F32", block_diagonal([2, 3]).astype(np.float32)),
    "fc.G": ("F32", spd(3).astype(np.float32)),
}, meta)
save("half-precision", {
    "l1.A": ("F16", spd(5).astype(np.float16)),
    "l1.G": ("BF16", bf16_bits(block_diagonal([1, 2, 1]))),
})
save("zero-and-tiny", {
    "z.A": ("F32", np.zeros((3, 3), np.float32)),
    "z.G": ("F64", np.ones((1, 1))),
    "d.A": ("F64", np.diag([1.0, 2.0, 3.0, 4.0])),
    "d.G": ("F64", spd(2)),
}, {"format": "thor-tune/factors"})
