#!/usr/bin/env bash
# Profiles this machine twice with the same settings, with `thor-tune
# profile` and with PyTorch (Sources/Python/thor_tune_torch/profile.py on
# --device cpu), checks that `thor-tune plan` accepts the PyTorch profile
# and prints torch/thor-tune ratios of the median times per dimension:
# inversion, and each per-step product (A or G, gradient size m). Takes a
# few minutes; run it on a quiet machine (timings on a busy one mean
# little). Keeps both profiles and the table in OUT.
#
#   [VENV=...] [OUT=folder] [DIMS=1,16,...] [THREADS=n] [MIN_TIME=s] \
#     reports/integration/compare-torch-profile.sh [thor-tune binary]
# The binary defaults to the release build (built first).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ $# -ge 1 ]; then
  binary=$1
else
  swift build -c release --product thor-tune >&2
  binary=$(swift build -c release --show-bin-path)/thor-tune
fi
source Tests/Integration/torch-venv.sh
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
dims=${DIMS:-1,16,32,64,128,256,512}
threads=${THREADS:-$(nproc)}
min_time=${MIN_TIME:-0.2}
settings=(--dims "$dims" --threads "$threads" --min-time "$min_time"
  --product-min-time "$min_time" --factor-dim 2048)
echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD): $0 $*" \
  "(dims $dims, $threads threads, min time $min_time s)" | tee "$out/ratios.txt"
# Progress lines go to progress.log (shown when a profiler fails).
trap 'cat "$out/progress.log" >&2' ERR
"$binary" profile "${settings[@]}" --out "$out/thor-tune.json" \
  >/dev/null 2>"$out/progress.log"
"$python" -m thor_tune_torch.profile --device cpu "${settings[@]}" \
  --out "$out/torch.json" >/dev/null 2>>"$out/progress.log"
trap - ERR
factors=$out/factors.safetensors
"$python" - "$factors" <<'PY'
import sys, torch
from thor_tune_torch import save_dump
g = torch.Generator().manual_seed(0)
x = torch.randn(512, 300, generator=g, dtype=torch.float64)
save_dump({"fc.A": x.T @ x / 512, "fc.G": torch.eye(10)}, sys.argv[1],
          damping=0.03)
PY
"$binary" plan --factors "$factors" --profile "$out/torch.json" \
  --out "$out/plan.json" --report "$out/report" >/dev/null 2>&1 \
  || { echo "error: thor-tune plan refused $out/torch.json" >&2; exit 1; }
echo "thor-tune plan accepts the PyTorch profile" | tee -a "$out/ratios.txt"
"$python" - "$out/thor-tune.json" "$out/torch.json" <<'PY' \
  | tee -a "$out/ratios.txt"
import json, sys
ours, theirs = (json.load(open(p)) for p in sys.argv[1:])
print(f"torch/thor-tune median time per block; thor-tune: "
      f"{ours['machine']['blas']}; torch: {theirs['machine']['blas']}")
inv = {r["dim"]: r["median_us"] for r in ours["results"]}
cols = sorted({(p["factor"], p["other"]) for p in ours["products"]})
prod = lambda f: {(p["factor"], p["other"], p["dim"]): p["median_us"]
                  for p in f["products"]}
po, pt = prod(ours), prod(theirs)
head = ["dim", "invert"] + [f"{s} m={m}" for s, m in cols]
print("".join(f"{h:>10s}" for h in head))
for r in theirs["results"]:
    d = r["dim"]
    cells = [str(d), f"{r['median_us'] / inv[d]:.3g}"]
    cells += [f"{pt[(s, m, d)] / po[(s, m, d)]:.3g}" for s, m in cols]
    print("".join(f"{c:>10s}" for c in cells))
PY
echo "profiles and table in $out" >&2
