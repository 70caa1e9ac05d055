#!/bin/sh
# Times one SGD epoch of `mlp` and of `cnn` on the full Fashion-MNIST
# training set (60,000 images, batch 128) in a release build, and prints
# the epoch_seconds each run logged (training only, evaluation excluded).
#
# Usage: reports/benchmarks/train-speed.sh [repeats] [extra train options]
# Targets (issue 4): cnn < 60 s, mlp < 2 s per epoch on the 2-core machine.
# On a shared machine, quote the median of several repeats and the load.
set -eu
repeats=${1:-3}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/../.."
swift build -c release --product thor-tune >/dev/null
bin=.build/release/thor-tune
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for model in mlp cnn; do
  times=""
  for r in $(seq 1 "$repeats"); do
    "$bin" train --model "$model" --optimizer sgd --epochs 1 \
      --batch-size 128 --lr 0.01 --seed 1 --test-subset 1000 \
      --log "$out/$model-$r.jsonl" "$@" 2>/dev/null
    t=$(python3 -c 'import json,sys
print(json.loads(open(sys.argv[1]).readline())["epoch_seconds"])' \
      "$out/$model-$r.jsonl")
    times="$times $t"
  done
  python3 -c 'import statistics,sys
t=[float(x) for x in sys.argv[2:]]
print(f"{sys.argv[1]:4s} sgd epoch seconds: median {statistics.median(t):.2f}"
      f"  runs {[round(x, 2) for x in t]}")' "$model" $times
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
