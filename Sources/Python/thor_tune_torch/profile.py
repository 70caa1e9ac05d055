"""Profiles a torch device as `thor-tune profile` profiles a CPU.

    python -m thor_tune_torch.profile --device cuda [--out FILE]

Writes a hardware profile (`thor-tune/profile`, version 2; README, "File
formats and definitions") that `thor-tune plan --profile FILE` reads,
timing the code the reference step (`preconditioner.py`) runs:

- inversion: for each dimension `n`, one run inverts `k = max(1,
  factor_dim / n)` random SPD blocks `XᵀX/n + I` together
  (`inverse_spd`: batched `cholesky_ex` + `cholesky_inverse`, or `lu`,
  `eigh`; `n = 1` is the reciprocal the step uses), times per block;
  one run is checked (`max |B·B⁻¹ − I| ≤ 50·n·ε`);
- the per-step products: `k` blocks of size `n` applied to a gradient
  with `m` rows (`A`: `∇W·B`) or columns (`G`: `B·∇W`) for each `m` of
  `--product-others` (`BlockInverse.right` and `.left`), per block.

As `thor-tune profile`: `--warmup` untimed runs, then runs timed until
`--min-time` seconds (at least 5 runs, at most `--repeats`); median,
minimum and 90th percentile (linear, NumPy's), rounded to nanoseconds.
On an accelerator each run is bracketed by synchronizations, so a time
holds the whole kernel sequence. The profile records the device, the
torch version and the command.
"""
import argparse
import datetime
import json
import os
import platform
import re
import sys
import time

import numpy as np
import torch

from .preconditioner import BlockInverse, inverse_spd

MINIMUM_RUNS = 5
DEFAULT_DIMS = "1,16,32,64,128,256,512,1024,2048"


def positive_list(text):
    values = [int(v) for v in text.split(",") if v.strip()]
    if not values or any(v <= 0 for v in values):
        raise argparse.ArgumentTypeError("expected positive integers")
    if len(set(values)) != len(values):
        raise argparse.ArgumentTypeError("a value is given twice")
    return sorted(values)


def parse(argv):
    p = argparse.ArgumentParser(
        prog="python -m thor_tune_torch.profile",
        description="Time block inversion and the per-step products on a "
        "torch device; write a thor-tune profile (version 2).")
    p.add_argument("--device", default="cpu",
                   help="torch device: cpu, cuda, cuda:1, mps, ... "
                   "(default: cpu)")
    p.add_argument("--dims", type=positive_list, default=DEFAULT_DIMS,
                   help=f"dimensions (default: {DEFAULT_DIMS})")
    p.add_argument("--method", choices=["cholesky", "lu", "eigh"],
                   default="cholesky", help="(default: cholesky)")
    p.add_argument("--dtype", choices=["float32", "float64"],
                   default="float32", help="(default: float32)")
    p.add_argument("--factor-dim", type=int, default=2048,
                   help="blocks of a factor this size per run "
                   "(default: 2048)")
    p.add_argument("--threads", type=int, default=None,
                   help="CPU threads (torch.set_num_threads; default: "
                   "torch's)")
    p.add_argument("--min-time", type=float, default=1.0,
                   help="seconds of timed inversions per dimension "
                   "(default: 1.0)")
    p.add_argument("--repeats", type=int, default=10000,
                   help="most timed runs per measurement (default: 10000)")
    p.add_argument("--warmup", type=int, default=3,
                   help="untimed runs first (default: 3)")
    p.add_argument("--product-others", type=positive_list,
                   default="16,128,1024",
                   help="gradient sizes m for the products "
                   "(default: 16,128,1024)")
    p.add_argument("--product-min-time", type=float, default=0.1,
                   help="seconds of timed products per measurement "
                   "(default: 0.1)")
    p.add_argument("--seed", type=int, default=1,
                   help="seed of the test matrices (default: 1)")
    p.add_argument("--out", "-o", default=None,
                   help="profile JSON (default: profiles/<device>-torch-"
                   "<type>-<method>-<dtype>.json)")
    args = p.parse_args(argv)
    for name in ("factor_dim", "repeats"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be positive")
    if args.threads is not None and args.threads < 1:
        p.error("--threads must be positive")
    if args.warmup < 0 or args.min_time < 0 or args.product_min_time < 0:
        p.error("--warmup, --min-time and --product-min-time must not be "
                "negative")
    return args


class Timer:
    """`thor-tune profile`'s timing loop on one device."""

    def __init__(self, device, repeats, warmup):
        self.device, self.repeats, self.warmup = device, repeats, warmup

    def sync(self):
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
        elif self.device.type == "mps":
            torch.mps.synchronize()
        elif self.device.type == "xpu":
            torch.xpu.synchronize(self.device)

    def samples(self, run, per_run, min_time):
        """Microseconds per block of each timed run."""
        for _ in range(self.warmup):
            run()
        self.sync()
        at_least = min(MINIMUM_RUNS, self.repeats)
        samples, total = [], 0.0
        while len(samples) < self.repeats and (
                total < min_time * 1e6 or len(samples) < at_least):
            self.sync()
            start = time.perf_counter_ns()
            run()
            self.sync()
            elapsed = (time.perf_counter_ns() - start) / 1e3
            samples.append(elapsed / per_run)
            total += elapsed
        return samples


def summary(samples):
    s = np.asarray(samples)
    # Picoseconds: per-block times of tiny blocks fall below a nanosecond.
    return {"median_us": round(float(np.median(s)), 6),
            "min_us": round(float(s.min()), 6),
            "p90_us": round(float(np.percentile(s, 90)), 6),
            "repeats": len(samples)}


def random_spd(k, n, seed, dtype, device):
    """`k` blocks `XᵀX/n + I` (condition number below about 4)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(k, n, n, generator=g, dtype=torch.float64)
    b = x.transpose(1, 2) @ x / n + torch.eye(n, dtype=torch.float64)
    return b.to(dtype=dtype, device=device)


def block_inverse(blocks):
    """A `BlockInverse` of `(k, s, s)` inverses, as the step keeps it."""
    k, s = blocks.shape[0], blocks.shape[1]
    if s == 1:
        return BlockInverse(k, 1, blocks.reshape(k), None)
    return BlockInverse(k * s, s, blocks, None)


def measure_inversion(n, args, timer, dtype, device):
    k = max(1, args.factor_dim // n)
    blocks = random_spd(k, n, args.seed * 1_000_003 + n, dtype, device)
    if n == 1:
        diagonal = blocks.reshape(k)
        run = lambda: 1 / diagonal                            # noqa: E731
        inverse = run().reshape(k, 1, 1)
    else:
        run = lambda: inverse_spd(blocks, args.method)        # noqa: E731
        inverse = run()
    eye = torch.eye(n, dtype=dtype, device=device)
    residual = float((blocks @ inverse - eye).abs().max())
    tolerance = 50 * n * torch.finfo(dtype).eps
    if not residual <= tolerance:
        sys.exit(f"error: inverse of dimension {n} is inaccurate "
                 f"(residual {residual:.3g} above {tolerance:.3g})")
    result = summary(timer.samples(run, k, args.min_time))
    result["dim"] = n
    result["gflops"] = round(n ** 3 / (result["median_us"] * 1e3), 6)
    return result


def measure_product(side, s, m, args, timer, dtype, device):
    k = max(1, args.factor_dim // s)
    seed = args.seed * 1_000_003 + s * 7919 + m
    inverse = block_inverse(random_spd(k, s, seed, dtype, device))
    g = torch.Generator().manual_seed(seed + 1)
    shape = (m, k * s) if side == "A" else (k * s, m)
    x = (torch.rand(shape, generator=g, dtype=torch.float64) - 0.5).to(
        dtype=dtype, device=device)
    apply = inverse.right if side == "A" else inverse.left
    result = summary(timer.samples(lambda: apply(x), k,
                                   args.product_min_time))
    result.update({"factor": side, "dim": s, "other": m})
    return result


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and ":" in line:
                    name = line.split(":", 1)[1].strip()
                    if name:
                        return name
    except OSError:
        pass
    return platform.processor() or platform.machine()


def operating_system():
    system = f"{platform.system()} {platform.release()}"
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    name = line.split("=", 1)[1].strip().strip("\"'")
                    return f"{name} ({system})"
    except OSError:
        pass
    return system


def machine(device):
    """The profile's `machine`: for an accelerator its name and
    multiprocessors, for the CPU as `thor-tune profile` writes it."""
    version = f"PyTorch {torch.__version__}"
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        libraries = (f"HIP {torch.version.hip}" if torch.version.hip
                     else f"CUDA {torch.version.cuda}")
        return {"cpu": props.name, "cores": props.multi_processor_count,
                "blas": f"{version}, {libraries}", "threads": 1,
                "os": operating_system()}
    if device.type == "cpu":
        config = torch.__config__.show()
        found = dict(re.findall(r"(BLAS_INFO|LAPACK_INFO)=(\w+)", config))
        libraries = ", ".join(f"{k.split('_')[0]} {v}"
                              for k, v in sorted(found.items()))
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:
            cores = os.cpu_count() or 1
        return {"cpu": cpu_model(), "cores": cores,
                "blas": f"{version} CPU" + (f" ({libraries})"
                                            if libraries else ""),
                "threads": torch.get_num_threads(),
                "os": operating_system()}
    return {"cpu": str(device), "cores": 1, "blas": version, "threads": 1,
            "os": operating_system()}


def slug(name, threads=None):
    """`thor-tune profile`'s file-name slug of a machine name (with the
    thread count for a CPU)."""
    name = name.split("@")[0].lower()
    filler = {"r", "tm", "cpu", "processor", "with", "radeon", "graphics"}
    words = [w for w in re.split(r"[^a-z0-9]+", name)
             if w and w not in filler]
    base = "-".join(words) or "machine"
    return base if threads is None else f"{base}-{threads}threads"


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return None


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv)
    try:
        device = torch.device(args.device)
        torch.empty(1, device=device)      # fails early for a bad device
    except (RuntimeError, AssertionError) as e:
        sys.exit(f"error: device '{args.device}' is not usable: "
                 f"{str(e).splitlines()[0]}")
    if device.type == "cuda" and device.index is not None:
        torch.cuda.set_device(device)
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    dtype = getattr(torch, args.dtype)
    timer = Timer(device, args.repeats, args.warmup)
    load_before = load_average()
    results = []
    for i, n in enumerate(args.dims):
        print(f"\rProfiling dimension {n} ({i + 1}/{len(args.dims)})",
              end="", file=sys.stderr, flush=True)
        results.append(measure_inversion(n, args, timer, dtype, device))
    products = []
    count = 2 * len(args.product_others) * len(args.dims)
    for side in ("A", "G"):
        for m in args.product_others:
            for s in args.dims:
                print(f"\rProfiling per-step products ({len(products) + 1}"
                      f"/{count})", end="", file=sys.stderr, flush=True)
                products.append(
                    measure_product(side, s, m, args, timer, dtype, device))
    print(file=sys.stderr)
    info = machine(device)
    command = "python -m thor_tune_torch.profile " + " ".join(argv)
    options = {
        "device": str(device), "torch": torch.__version__,
        "dims": ",".join(map(str, args.dims)),
        "threads": str(info["threads"]),
        "path": "torch batched", "factor_dim": str(args.factor_dim),
        "timing": "per block; a run inverts max(1, factor_dim / dim) "
        "blocks of size dim together",
        "min_time": str(args.min_time), "repeats": str(args.repeats),
        "warmup": str(args.warmup), "seed": str(args.seed),
        "tool": f"thor_tune_torch.profile (PyTorch {torch.__version__})",
        "command": command.strip(),
        "gflops_convention": "n^3 operations per inverse",
        "product_others": ",".join(map(str, args.product_others)),
        "product_min_time": str(args.product_min_time),
        "product_timing": "per block; a run applies max(1, factor_dim / "
        "dim) blocks to a gradient of other x (blocks * dim) (A) or its "
        "transpose (G)",
    }
    if load_before is not None:
        options["load_before"] = load_before
        options["load_after"] = load_average()
    profile = {
        "format": "thor-tune/profile", "version": 2, "machine": info,
        "method": args.method, "dtype": args.dtype, "options": options,
        "created": datetime.datetime.now(datetime.timezone.utc)
        .strftime("%Y-%m-%dT%H:%M:%SZ"),
        "results": results, "products": products,
        "source": f"measured on {info['cpu']} ({device}) with PyTorch "
        f"{torch.__version__} by Sources/Python/thor_tune_torch/profile.py",
    }
    threads = info["threads"] if device.type == "cpu" else None
    out = args.out or os.path.join(
        "profiles", f"{slug(info['cpu'], threads)}-torch-{device.type}-"
        f"{args.method}-{args.dtype}.json")
    print(table(profile))
    folder = os.path.dirname(out)
    if folder:
        os.makedirs(folder, exist_ok=True)
    temporary = out + ".tmp"
    with open(temporary, "w") as f:
        json.dump(profile, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(temporary, out)
    print(f"Wrote {out}", file=sys.stderr)


def table(profile):
    """Median µs per block: inversion, then each side and gradient size."""
    others = sorted({p["other"] for p in profile["products"]})
    columns = [(side, m) for side in ("A", "G") for m in others]
    median = {(p["factor"], p["other"], p["dim"]): p["median_us"]
              for p in profile["products"]}
    head = ["dim", "invert"] + [f"{s} m={m}" for s, m in columns]
    lines = ["".join(f"{h:>12s}" for h in head)]
    for r in profile["results"]:
        cells = [str(r["dim"]), f"{r['median_us']:.3f}"] + [
            f"{median[(s, m, r['dim'])]:.3f}" for s, m in columns]
        lines.append("".join(f"{c:>12s}" for c in cells))
    return (f"{profile['method']} inverse and per-step products, "
            f"{profile['dtype']}, {profile['machine']['cpu']}; median us "
            "per block\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
