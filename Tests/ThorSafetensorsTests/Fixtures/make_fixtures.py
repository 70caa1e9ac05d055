#!/usr/bin/env python3
"""Writes the safetensors fixtures of ThorSafetensorsTests with Python's
`safetensors` package (0.8.0 made the committed files).

Run from this folder: python3 make_fixtures.py

Every value comes from a formula the Swift tests recompute:
  float tensors:   v[i] = i * 0.25 - 3  (row-major index i; exact in F16/BF16)
  F64 tensors:     v[i] = i / 3         (not representable in F32)
  integer tensors: v[i] = i
Numpy has no bfloat16, so BF16 tensors go through the package's own
serializer as raw bits: the upper 16 bits of each float32, exact because
the values need at most 8 significant bits.
"""
import numpy as np
from safetensors.numpy import TensorSpec, save_file, serialize_file


def quarter_steps(shape, dtype):
    n = int(np.prod(shape))
    return (np.arange(n, dtype=np.float64) * 0.25 - 3).astype(dtype).reshape(shape)


def thirds(shape):
    n = int(np.prod(shape))
    return (np.arange(n, dtype=np.float64) / 3).reshape(shape)


# Mixed dtypes, metadata as the trainer writes it, a scalar, an empty tensor
# and an integer tensor that the float accessors must reject.
save_file(
    {
        "fc1.A": quarter_steps((3, 3), np.float32),
        "fc1.G": thirds((2, 2)),
        "conv1.A": quarter_steps((2, 3, 4), np.float16),
        "scalar": quarter_steps((), np.float32),
        "empty": quarter_steps((0, 3), np.float32),
        "counts": np.arange(5, dtype=np.int32),
    },
    "mixed.safetensors",
    metadata={"format": "thor-tune/factors", "model": "fixture", "step": "7"},
)

# BF16 through TensorSpec; the bits array must stay alive while writing.
bits = (quarter_steps((4, 5), np.float32).view(np.uint32) >> 16).astype(np.uint16)
assert np.array_equal(
    (bits.astype(np.uint32) << 16).view(np.float32), quarter_steps((4, 5), np.float32)
)
serialize_file(
    {"layer.G": TensorSpec(dtype="bfloat16", shape=bits.shape,
                           data_ptr=bits.ctypes.data, data_len=bits.nbytes)},
    "bf16.safetensors",
    metadata={"format": "thor-tune/factors"},
)

# The tensors SafetensorsWriterTests builds, written by the reference, with
# no metadata: the Swift writer's output must read back the same.
save_file(
    {
        "layer1.A": quarter_steps((2, 3), np.float32),
        "layer1.G": thirds((3,)),
    },
    "writer-reference.safetensors",
)
