#!/usr/bin/env bash
# Checks thor-tune's profiler against an independent timing of the same
# LAPACK calls: `thor-bench profile-check` (InversionProfiler, release
# build) and potrf_potri.c (a C loop over LAPACKE_?potrf_work +
# LAPACKE_?potri_work) time the Cholesky inverse at the same dimensions,
# alternating for ROUNDS rounds so that both see the same machine load.
# Prints, per dimension, the median over rounds of each tool's median,
# their ratio, and the range of the per-round ratios (a measure of the
# machine's noise); the target is a ratio within 10% of 1.
#
# Environment: DIMS (64,256,1024,2048), DTYPE (float32), THREADS (all
# cores), MIN_TIME seconds per dimension (1.0), ROUNDS (3).
set -euo pipefail
cd "$(dirname "$0")/../.."
dims=${DIMS:-64,256,1024,2048}
dtype=${DTYPE:-float32}
threads=${THREADS:-$(nproc)}
min_time=${MIN_TIME:-1.0}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cc -O2 -Wall -o "$work/potrf_potri" reports/benchmarks/potrf_potri.c \
  -llapacke -lopenblas
swift build -c release --product thor-bench >/dev/null
bench=$(swift build -c release --show-bin-path)/thor-bench

echo "potrf+potri, $dtype, $threads thread(s), min-time ${min_time}s," \
  "$rounds rounds; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  "$bench" profile-check --dims "$dims" --dtype "$dtype" \
    --threads "$threads" --min-time "$min_time" >"$work/swift.$round"
  "$work/potrf_potri" "$dtype" "$threads" "$min_time" 10000 3 \
    ${dims//,/ } >"$work/c.$round"
done

python3 - "$work" "$rounds" <<'PY'
import statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def per_round(tool):
    by_dim = {}
    for r in range(1, rounds + 1):
        for line in open(f"{work}/{tool}.{r}"):
            dim, median, *_ = line.split()
            by_dim.setdefault(int(dim), []).append(float(median))
    return by_dim
swift, c = per_round("swift"), per_round("c")
print(f"{'dim':>5}  {'profiler us':>12}  {'C loop us':>12}  {'ratio':>6}"
      f"  {'per-round ratios':>16}")
worst = 0.0
for dim in sorted(swift):
    s, k = statistics.median(swift[dim]), statistics.median(c[dim])
    ratio = s / k
    rounds_ratios = [a / b for a, b in zip(swift[dim], c[dim])]
    spread = f"{min(rounds_ratios):.2f}-{max(rounds_ratios):.2f}"
    worst = max(worst, abs(ratio - 1))
    print(f"{dim:>5}  {s:>12.3f}  {k:>12.3f}  {ratio:>6.3f}  {spread:>16}")
print(f"largest deviation: {worst:.1%} (target: within 10%)")
PY
