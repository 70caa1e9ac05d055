#!/usr/bin/env python3
"""The paper's Fig. 4: K-FAC block-diagonal Fisher vs. its split version.

For every layer i of a factor dump, the K-FAC Fisher block is
F_i = A_i (x) G_i (Eq. 4) and the split approximation with split s is
F^_i = A^_i (x) G^_i, A^ and G^ keeping only consecutive diagonal blocks of
size s (the last one the remainder, Eq. 10; README definitions). This script reports

  rel_i = ||F_i - F^_i||_F / ||F_i||_F

per layer and over the block-diagonal F~ = diag(F_i) of the chosen layers
(the square root of the summed squared numerators over that of the
denominators), the same per factor (A, G), and Eq. 11's spectral loss
applied to each Kronecker block, 1 - ||F^_i||_2 / ||F_i||_2. Because A^ is A masked and ||X (x) Y||_F = ||X||_F ||Y||_F:

  ||A(x)G - A^(x)G^||_F^2 = |A|^2 |G|^2 - |A^|^2 |G^|^2,

so no Kronecker product is formed (it is checked against the explicit
product for small layers). It also writes a PNG of |F~|, |F^| and
|F~ - F^| for the chosen layers (the paper's panels a-c), log-scaled.

Usage: fig4.py --split 10 --layers fc2,fc3,fc4 --png fig4.png \
         --json fig4.json DUMP...
"""
import argparse
import json
import struct
import sys
import zlib

import numpy as np
from safetensors.numpy import load_file
from safetensors import safe_open


def split_mask(d, s):
    """Boolean mask of the diagonal blocks of size s (remainder last)."""
    block = np.arange(d) // s
    return block[:, None] == block[None, :]


def layer_factors(path):
    tensors = load_file(path)
    with safe_open(path, "np") as f:
        meta = f.metadata() or {}
    layers = {}
    for name, value in tensors.items():
        layer, _, kind = name.rpartition(".")
        if kind not in ("A", "G"):
            sys.exit(f"{path}: tensor '{name}' is not <layer>.A or .G")
        if value.ndim != 2 or value.shape[0] != value.shape[1]:
            sys.exit(f"{path}: tensor '{name}' is not square: {value.shape}")
        layers.setdefault(layer, {})[kind] = value.astype(np.float64)
    for layer, pair in layers.items():
        if set(pair) != {"A", "G"}:
            sys.exit(f"{path}: layer '{layer}' lacks its A or G factor")
    return meta, layers


def errors(a, g, s):
    """(||F - F^||_F^2, ||F||_F^2) for F = A (x) G at split s."""
    a_hat = np.where(split_mask(len(a), s), a, 0)
    g_hat = np.where(split_mask(len(g), s), g, 0)
    full = np.sum(a * a) * np.sum(g * g)
    kept = np.sum(a_hat * a_hat) * np.sum(g_hat * g_hat)
    if a.size * g.size <= 2_000_000:  # check against the explicit product
        explicit = np.sum((np.kron(a, g) - np.kron(a_hat, g_hat)) ** 2)
        assert abs(explicit - (full - kept)) <= 1e-9 * full, "identity"
    return full - kept, full


def spectral_loss(a, g, s):
    """Eq. 11 for the Kronecker block: 1 - ||A^ (x) G^||_2 / ||A (x) G||_2.

    ||X (x) Y||_2 = ||X||_2 ||Y||_2, and for a block-diagonal PSD X^ the
    norm is the largest of its blocks' norms.
    """
    def norm(x):
        return float(np.linalg.eigvalsh(x)[-1])

    def split_norm(x):
        return max(norm(x[i:i + s, i:i + s]) for i in range(0, len(x), s))

    return 1 - split_norm(a) * split_norm(g) / (norm(a) * norm(g))


def factor_error(x, s):
    """||X - X^||_F / ||X||_F for one factor."""
    off = np.where(split_mask(len(x), s), 0, x)
    return float(np.sqrt(np.sum(off * off) / np.sum(x * x)))


def heat_png(path, layers, s, scale=1):
    """Panels |F~|, |F^|, |F~ - F^| side by side, log10-scaled, as PNG."""
    blocks = []
    for a, g in layers:
        f = np.kron(a, g)
        f_hat = np.kron(np.where(split_mask(len(a), s), a, 0),
                        np.where(split_mask(len(g), s), g, 0))
        blocks.append((f, f_hat))
    n = sum(len(f) for f, _ in blocks)
    panels = [np.zeros((n, n)) for _ in range(3)]
    edges, at = [], 0
    for f, f_hat in blocks:
        m = len(f)
        for panel, value in zip(panels, (f, f_hat, f - f_hat)):
            panel[at:at + m, at:at + m] = np.abs(value)
        at += m
        edges.append(at)
    top = max(p.max() for p in panels)
    floor = top * 1e-4
    rgb = []
    for panel in panels:
        level = np.clip(np.log10(np.maximum(panel, floor) / floor) / 4, 0, 1)
        level = level.repeat(scale, 0).repeat(scale, 1)
        image = np.stack([level ** 0.5, level ** 1.5, 1 - level], -1)
        image[level == 0] = 1.0  # exact zeros (and below 1e-4 of max): white
        for e in edges[:-1]:  # dashed layer separators
            dash = (np.arange(n * scale) // 6) % 2 == 0
            image[e * scale, dash] = 0.3
            image[dash, e * scale] = 0.3
        rgb.append(image)
        rgb.append(np.ones((n * scale, 12, 3)))
    pixels = (np.concatenate(rgb[:-1], 1) * 255).astype(np.uint8)
    height, width, _ = pixels.shape
    raw = b"".join(b"\0" + row.tobytes() for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return (struct.pack(">I", len(data)) + body
                + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF))

    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                        0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    with open(path + ".tmp", "wb") as out:
        out.write(png)
    import os
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dumps", nargs="+")
    parser.add_argument("--split", type=int, default=10)
    parser.add_argument("--layers", default="",
                        help="comma-separated layers for the total and PNG "
                             "(default: all)")
    parser.add_argument("--png", help="write the heat maps of the last dump")
    parser.add_argument("--json", help="write the numbers as JSON")
    args = parser.parse_args()
    rows = []
    for path in args.dumps:
        meta, layers = layer_factors(path)
        chosen = args.layers.split(",") if args.layers else sorted(layers)
        missing = [c for c in chosen if c not in layers]
        if missing:
            sys.exit(f"{path}: no layer(s) {', '.join(missing)}; "
                     f"the dump has {', '.join(sorted(layers))}")
        row = {"dump": path, "step": int(meta.get("step", -1)), "layers": {}}
        num = den = 0.0
        for name in sorted(layers):
            a, g = layers[name]["A"], layers[name]["G"]
            e, f = errors(a, g, args.split)
            row["layers"][name] = {
                "dims": [len(a), len(g)], "relative_error": (e / f) ** 0.5,
                "A_error": factor_error(a, args.split),
                "G_error": factor_error(g, args.split),
                "spectral_loss": spectral_loss(a, g, args.split)}
            if name in chosen:
                num, den = num + e, den + f
        row["total_relative_error"] = (num / den) ** 0.5
        row["total_layers"] = chosen
        rows.append(row)
    rows.sort(key=lambda r: r["step"])
    names = sorted(rows[0]["layers"])
    print(f"split {args.split}: ||F - F^||_F / ||F||_F")
    print("| step | " + " | ".join(
        f"{n} ({'x'.join(map(str, rows[0]['layers'][n]['dims']))})"
        for n in names) + f" | {'+'.join(rows[0]['total_layers'])} |")
    print("|---" * (len(names) + 2) + "|")
    for r in rows:
        cells = [f"{r['layers'][n]['relative_error']:.2%}" for n in names]
        print(f"| {r['step']} | " + " | ".join(cells)
              + f" | {r['total_relative_error']:.2%} |")
    print(f"\nEq. 11 on each Kronecker block: 1 - ||F^||_2 / ||F||_2")
    print("| step | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for r in rows:
        cells = [f"{r['layers'][n]['spectral_loss']:.2%}" for n in names]
        print(f"| {r['step']} | " + " | ".join(cells) + " |")
    print(f"\nper factor: ||A - A^||_F / ||A||_F, ||G - G^||_F / ||G||_F")
    print("| step | " + " | ".join(f"{n}.A | {n}.G" for n in names) + " |")
    print("|---" * (2 * len(names) + 1) + "|")
    for r in rows:
        cells = [f"{r['layers'][n]['A_error']:.2%} | "
                 f"{r['layers'][n]['G_error']:.2%}" for n in names]
        print(f"| {r['step']} | " + " | ".join(cells) + " |")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"split": args.split, "rows": rows}, out, indent=1)
    if args.png:
        _, layers = layer_factors(rows[-1]["dump"])
        chosen = rows[-1]["total_layers"]
        heat_png(args.png, [(layers[n]["A"], layers[n]["G"]) for n in chosen],
                 args.split)


if __name__ == "__main__":
    main()
