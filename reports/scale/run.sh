#!/usr/bin/env bash
# Scale benchmark of `thor-tune plan` (issue 13): wall time and peak
# resident memory (/usr/bin/time -v) against the factor size, a factor
# larger than --memory, and sharded (n = 4) against unsharded runs.
#
# Writes synthetic transformer-like F32 dumps (make-dump.py, seeded; not
# committed) to $WORK unless they exist: one factor of 4,096, 11,008 and
# 28,672 (3.3 GB), and two transformer blocks' MLP and attention factors
# (12 factors, 2.5 GB). Then plans each single-factor dump with
# --strategy eq11 (the update change is O(d^3)), the 28,672 one again
# with --memory 1G, the 4,096 one with the per-layer strategy, and the
# blocks dump and the ResNet-50-shaped dump (reports/benchmarks/
# plan-make-dump.py) unsharded and as 4 shards merged, comparing the
# outputs apart from provenance (compare.py). Raw outputs go to $RAW;
# one line per run to $RAW/summary.tsv.
#
# Environment: WORK (default /tmp/thor-scale), RAW (reports/scale/raw),
# RESNET (default $WORK/plan-resnet50.safetensors), THREADS (nproc).
# About 5 minutes on 2 cores, most of it writing the dumps.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${WORK:-/tmp/thor-scale}"
raw="${RAW:-$here/raw}"
resnet="${RESNET:-$work/plan-resnet50.safetensors}"
threads="${THREADS:-$(nproc)}"
profile="$root/profiles/ascend910-paper.json"
mkdir -p "$work" "$raw"

make() {  # make NAME FACTOR=DIM...
  local out="$work/$1.safetensors"; shift
  [[ -f "$out" ]] || python3 "$here/make-dump.py" --out "$out" \
    "${@/#/--factor=}" >&2
}
make d4096 mlp.up.A=4096
make d11008 mlp.up.G=11008
make d28672 mlp.up.G=28672
blocks=()
for l in 0 1; do
  blocks+=("layers.$l.attn.q.A=4096" "layers.$l.attn.q.G=4096"
    "layers.$l.mlp.up.A=4096" "layers.$l.mlp.up.G=11008"
    "layers.$l.mlp.down.A=11008" "layers.$l.mlp.down.G=4096")
done
make blocks "${blocks[@]}"
[[ -f "$resnet" ]] || python3 "$root/reports/benchmarks/plan-make-dump.py" \
  --out "$resnet" --seed 0 >&2

(cd "$root" && swift build -c release --product thor-tune >&2)
bin="$root/.build/release/thor-tune"
printf "run\tdump_bytes\twall_s\tpeak_rss_bytes\trss_over_dump\n" \
  > "$raw/summary.tsv"

plan() {  # plan NAME DUMP ARGS...: one timed run, outputs in $work/NAME
  local name="$1" dump="$2"; shift 2
  /usr/bin/time -v -o "$raw/$name.time.txt" "$bin" plan --factors "$dump" \
    --profile "$profile" --threads "$threads" "$@" \
    > "$raw/$name.stdout.txt" 2> "$raw/$name.stderr.txt"
  local bytes wall rss
  bytes=$(stat -c %s "$dump")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]
    print s }' "$raw/$name.time.txt")
  rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 * 1024 }' \
    "$raw/$name.time.txt")
  printf "%s\t%s\t%s\t%s\t%.3f\n" "$name" "$bytes" "$wall" "$rss" \
    "$(echo "$rss / $bytes" | bc -l)" >> "$raw/summary.tsv"
}

for d in 4096 11008 28672; do
  plan "eq11-$d" "$work/d$d.safetensors" --strategy eq11 \
    --out "$work/eq11-$d.json" --report "$work/eq11-$d"
done
plan "eq11-28672-memory-1G" "$work/d28672.safetensors" --strategy eq11 \
  --memory 1G --out "$work/eq11-28672-1G.json" --report "$work/eq11-28672-1G"
python3 "$here/compare.py" "$work/eq11-28672.json" "$work/eq11-28672" \
  "$work/eq11-28672-1G.json" "$work/eq11-28672-1G" \
  > "$raw/compare-28672-memory-1G.txt"
plan "per-layer-4096" "$work/d4096.safetensors" \
  --out "$work/per-layer-4096.json" --report "$work/per-layer-4096"

shards() {  # shards NAME DUMP ARGS...: unsharded, 4 shards, merge, compare
  local name="$1" dump="$2"; shift 2
  plan "$name-unsharded" "$dump" "$@" --out "$work/$name.json" \
    --report "$work/$name"
  local parts=()
  for i in 0 1 2 3; do
    plan "$name-shard-$i-of-4" "$dump" "$@" --shard "$i/4" \
      --out "$work/$name-shard-$i.json"
    parts+=("$work/$name-shard-$i.json")
  done
  /usr/bin/time -v -o "$raw/$name-merge.time.txt" "$bin" plan --merge \
    "${parts[@]}" --profile "$profile" --out "$work/$name-merged.json" \
    --report "$work/$name-merged" > "$raw/$name-merge.stdout.txt" \
    2> "$raw/$name-merge.stderr.txt"
  python3 "$here/compare.py" "$work/$name.json" "$work/$name" \
    "$work/$name-merged.json" "$work/$name-merged" \
    > "$raw/compare-$name.txt"
}
shards blocks "$work/blocks.safetensors" --strategy eq11
shards resnet50 "$resnet" --candidates 1,16,32,64,128,256,512,1024,2048
cat "$raw/summary.tsv" "$raw"/compare-*.txt
