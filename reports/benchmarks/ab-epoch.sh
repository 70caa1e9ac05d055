#!/usr/bin/env bash
# A/B: one epoch of a preset (batch 128, momentum 0.9, seed 1; SGD with
# lr 0.02 unless OPTIONS says otherwise) with two thor-tune release
# binaries, alternating which goes first, REPEATS times in one run; prints
# each side's epoch_seconds (the training steps only) and the ratio B/A.
#
# Usage: reports/benchmarks/ab-epoch.sh BINARY_A BINARY_B
# Environment: MODEL (cnn), REPEATS (4), TRAIN (training images, 60000),
# THREADS (2), DATA (the IDX folder), OPTIONS (train options replacing
# "--optimizer sgd --lr 0.02").
set -euo pipefail
a=$1 b=$2
model=${MODEL:-cnn} repeats=${REPEATS:-4} train=${TRAIN:-60000}
threads=${THREADS:-2} data=${DATA:-/usr/share/datasets/fashion-mnist}
options=${OPTIONS:---optimizer sgd --lr 0.02}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "# $0 $*, $(date -u +%FT%TZ), model $model, $train images," \
  "$threads threads, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "options: $options"
echo "A: $a ($("$a" --version)), B: $b ($("$b" --version))"
epoch() {
  # shellcheck disable=SC2086
  "$1" train --model "$model" $options --epochs 1 --batch-size 128 \
    --momentum 0.9 --seed 1 --threads "$threads" --data "$data" \
    --train-subset "$train" --test-subset 100 --log "$out/log.jsonl" \
    >/dev/null 2>&1
  python3 -c 'import json,sys
print(json.loads(open(sys.argv[1]).readline())["epoch_seconds"])' \
    "$out/log.jsonl"
}
for r in $(seq 1 "$repeats"); do
  if [ $((r % 2)) -eq 1 ]; then ta=$(epoch "$a"); tb=$(epoch "$b")
  else tb=$(epoch "$b"); ta=$(epoch "$a"); fi
  printf 'repeat %d: A %7.2f s  B %7.2f s  B/A %.3f\n' "$r" "$ta" "$tb" \
    "$(python3 -c "print($tb / $ta)")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
