#!/usr/bin/env bash
# Counts the multi-threaded OpenBLAS calls of short training runs: every
# call OpenBLAS hands to its own threads goes through `exec_blas`, so a
# gdb breakpoint there counts them (and prints the caller of each kind).
# Such a call wakes OpenBLAS's threads, which then spin in `sched_yield`
# beside the trainer's workers (reports/benchmarks/thor-perf.txt).
#
# Usage: reports/benchmarks/openblas-threaded-calls.sh [BINARY]
# Environment: TRAIN (training images, 2000), THREADS (2), DATA.
set -euo pipefail
bin=${1:-.build/release/thor-tune}
train=${TRAIN:-2000} threads=${THREADS:-2}
data=${DATA:-/usr/share/datasets/fashion-mnist}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat >"$out/gdb" <<'GDB'
set pagination off
set breakpoint pending on
break exec_blas
commands
silent
bt 6
continue
end
run
GDB
echo "# $0 $*, $(date -u +%FT%TZ), $train images, $threads threads"
for options in "--model cnn --optimizer sgd --weight-decay 5e-4" \
  "--model cnn --optimizer thor --weight-decay 5e-4" \
  "--model cnn --optimizer kfac --weight-decay 5e-4 --kl-clip 0.001" \
  "--model cnn --optimizer thor-stop" "--model cnn --optimizer thor-nt" \
  "--model mlp --optimizer sgd" "--model mlp --optimizer thor"; do
  # shellcheck disable=SC2086
  gdb -q -batch -x "$out/gdb" --args "$bin" train $options --epochs 1 \
    --train-subset "$train" --test-subset 100 --threads "$threads" \
    --data "$data" --log "$out/log.jsonl" >"$out/trace" 2>&1
  echo "$options: $(grep -c '^#0' "$out/trace" || true) multi-threaded calls"
  # The BLAS entry point (frame 2) and its caller (frame 3) of each kind.
  { grep -E '^#[23] ' "$out/trace" || true; } |
    sed -E 's/0x[0-9a-f]+ in //; s/ \(.*//' |
    awk '{print "  " $1 " " substr($2, 1, 100)}' | sort | uniq -c |
    sort -rn | head -6
done
