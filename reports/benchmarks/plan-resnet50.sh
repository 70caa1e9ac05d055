#!/usr/bin/env bash
# Benchmark of `thor-tune plan` on a ResNet-50-shaped factor dump against
# a dense NumPy eigvalsh reference computing the same Eq. 11 losses.
#
# Writes the dump (plan-make-dump.py, seeded) unless it exists, builds the
# release binary, then in one run: times `thor-tune plan` REPEATS times,
# plan-eigvalsh.py once, and `thor-tune plan` REPEATS times again (so both
# see the same machine load), all under /usr/bin/time -v (wall and CPU
# time, peak RSS), and checks that every loss agrees to 1e-6. Prints one
# JSON line with the median plan time, the reference time, the speed-ups
# in wall time and in CPU time (user + system, less sensitive to a loaded
# machine) and the peak RSS relative to the dump's size.
#
# Environment: DUMP (default /tmp/plan-resnet50.safetensors), SEED (0),
# REPEATS (3), THREADS (nproc), WORK (/tmp/plan-bench).
# Targets (issue 3): speed-up >= 20, peak RSS < 2 x dump size.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dump="${DUMP:-/tmp/plan-resnet50.safetensors}"
seed="${SEED:-0}"
repeats="${REPEATS:-3}"
threads="${THREADS:-$(nproc)}"
work="${WORK:-/tmp/plan-bench}"
profile="$root/profiles/ascend910-paper.json"
candidates="1,16,32,64,128,256,512,1024,2048"
mkdir -p "$work"

if [[ ! -f "$dump" ]]; then
  python3 "$here/plan-make-dump.py" --out "$dump" --seed "$seed" >&2
fi
(cd "$root" && swift build -c release --product thor-tune >&2)
binary="$root/.build/release/thor-tune"

time_plan() {
  /usr/bin/time -v -o "$work/time-$1.txt" "$binary" plan \
    --factors "$dump" --profile "$profile" --candidates "$candidates" \
    --threads "$threads" --out "$work/plan.json" --json \
    > "$work/summary.json" 2> "$work/stderr-$1.txt"
}

for run in $(seq "$repeats"); do time_plan "before-$run"; done
/usr/bin/time -v -o "$work/time-eigvalsh.txt" \
  python3 "$here/plan-eigvalsh.py" "$dump" --candidates "$candidates" \
  --plan "$work/plan.json" > "$work/eigvalsh.json"
for run in $(seq "$repeats"); do time_plan "after-$run"; done

python3 - "$dump" "$work" "$threads" <<'PY'
import glob, json, os, statistics, sys
dump, work, threads = sys.argv[1:]

def measure(path):
    """Wall seconds, CPU seconds and peak RSS bytes from time -v."""
    wall = cpu = rss = 0.0
    for line in open(path):
        key, _, value = line.strip().rpartition(": ")
        if key.startswith("Elapsed (wall clock)"):
            parts = value.split(":")
            wall = sum(float(p) * 60 ** i
                       for i, p in enumerate(reversed(parts)))
        elif key in ("User time (seconds)", "System time (seconds)"):
            cpu += float(value)
        elif key == "Maximum resident set size (kbytes)":
            rss = int(value) * 1024
    return wall, cpu, rss

plans = [measure(p) for p in sorted(glob.glob(f"{work}/time-*-*.txt"))]
wall, cpu, rss = measure(f"{work}/time-eigvalsh.txt")
reference = json.load(open(f"{work}/eigvalsh.json"))
size = os.path.getsize(dump)
plan_wall = statistics.median(p[0] for p in plans)
plan_cpu = statistics.median(p[1] for p in plans)
plan_rss = max(p[2] for p in plans)
print(json.dumps({
    "dump_bytes": size, "threads": int(threads),
    "plan_wall_seconds": [p[0] for p in plans],
    "plan_median_wall_seconds": plan_wall,
    "plan_median_cpu_seconds": plan_cpu,
    "eigvalsh_wall_seconds": wall, "eigvalsh_cpu_seconds": cpu,
    "eigvalsh_compute_seconds": reference["seconds"],
    "speedup_wall": wall / plan_wall, "speedup_cpu": cpu / plan_cpu,
    "plan_peak_rss_bytes": plan_rss, "rss_over_dump": plan_rss / size,
    "max_abs_loss_difference": reference["max_abs_difference"],
    "worst_at": reference["worst_at"],
    "agree_1e-6": reference["max_abs_difference"] <= 1e-6,
    "load_average": open("/proc/loadavg").read().split()[:3],
}))
PY
