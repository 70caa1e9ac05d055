#!/usr/bin/env python3
"""Writes a ResNet-50-shaped Kronecker factor dump (safetensors, F32).

54 conv/fc layers of torchvision's ResNet-50: `<layer>.A` has dimension
C_in*k*k (im2col order: channel-major, then kernel rows and columns), and
`<layer>.G` has dimension C_out. Spectra are realistic rather than random:
A factors are covariances of post-ReLU patches whose channels mix through a
decaying low-rank map and whose k*k patch elements share their channel's
signal (so there is near block structure at multiples of k*k and a large
mean direction); G factors are covariances of zero-mean gradients with a
decaying spectrum. Each factor is X^T X / m + damping for m samples.

Usage: plan-make-dump.py --out /tmp/resnet50.safetensors [--seed 0]
       [--shrink 1]   (divide channel counts, for quick runs)
"""
import argparse

import numpy as np
from safetensors.numpy import save_file


def resnet50_layers(shrink):
    """(name, C_in, C_out, k) for the 54 layers, as torchvision names them."""
    def c(n):
        return max(1, n // shrink)

    layers = [("conv1", 3, c(64), 7)]
    inplanes = c(64)
    for stage, (width, blocks) in enumerate(
            [(64, 3), (128, 4), (256, 6), (512, 3)], start=1):
        width = c(width)
        out = width * 4
        for b in range(blocks):
            prefix = f"layer{stage}.{b}"
            layers.append((f"{prefix}.conv1", inplanes, width, 1))
            layers.append((f"{prefix}.conv2", width, width, 3))
            layers.append((f"{prefix}.conv3", width, out, 1))
            if b == 0:
                layers.append((f"{prefix}.downsample.0", inplanes, out, 1))
            inplanes = out
    layers.append(("fc", inplanes, c(1000), 1))
    return layers


def decaying_mix(rng, n, rank, rate):
    """An n x n mixing map of the given rank with decaying strength."""
    left = rng.standard_normal((n, rank), dtype=np.float32)
    scale = (1.0 / (1.0 + np.arange(rank) / rate)).astype(np.float32)
    right = rng.standard_normal((rank, n), dtype=np.float32)
    return (left * scale) @ right / np.sqrt(rank)


def a_factor(rng, c_in, k, samples):
    """Covariance of post-ReLU im2col patches: dimension c_in*k*k."""
    rank = max(1, min(c_in, 64))
    latent = rng.standard_normal((samples, c_in), dtype=np.float32)
    channels = latent @ decaying_mix(rng, c_in, rank, 6.0)
    channels += 0.5 * rng.standard_normal(channels.shape, dtype=np.float32)
    kk = k * k
    rho = np.float32(0.8)
    noise = rng.standard_normal((samples, c_in, kk), dtype=np.float32)
    patches = rho * channels[:, :, None] + np.sqrt(1 - rho * rho) * noise
    x = np.maximum(patches + 0.3, 0).reshape(samples, c_in * kk)
    return covariance(x)


def g_factor(rng, c_out, samples):
    """Covariance of zero-mean output gradients: dimension c_out."""
    z = rng.standard_normal((samples, c_out), dtype=np.float32)
    decay = (1.0 / (1.0 + np.arange(c_out) / 8.0)).astype(np.float32)
    mix = np.eye(c_out, dtype=np.float32) + 0.3 * rng.standard_normal(
        (c_out, c_out), dtype=np.float32) / np.sqrt(c_out)
    return covariance((z * decay) @ mix)


def covariance(x):
    a = x.T @ x / np.float32(x.shape[0])
    a = (a + a.T) / 2
    a[np.diag_indices_from(a)] += np.float32(1e-3) * np.mean(np.diag(a))
    return np.ascontiguousarray(a, dtype=np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shrink", type=int, default=1)
    parser.add_argument("--samples", type=int, default=2048,
                        help="samples per factor (rows of X)")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    tensors = {}
    for name, c_in, c_out, k in resnet50_layers(args.shrink):
        scale = np.float32(10.0 ** rng.uniform(-3, 1))
        tensors[f"{name}.A"] = scale * a_factor(rng, c_in, k, args.samples)
        tensors[f"{name}.G"] = g_factor(rng, c_out, args.samples)
    metadata = {
        "format": "thor-tune/factors", "model": "resnet50-shaped",
        "generator": "reports/benchmarks/plan-make-dump.py",
        "seed": str(args.seed), "shrink": str(args.shrink),
        "samples": str(args.samples),
    }
    save_file(tensors, args.out, metadata=metadata)
    total = sum(t.nbytes for t in tensors.values())
    print(f"wrote {args.out}: {len(tensors)} factors, {total / 2**20:.1f} MiB "
          f"of F32, largest {max(t.shape[0] for t in tensors.values())}")


if __name__ == "__main__":
    main()
