#!/usr/bin/env bash
# Side by side: one SGD-momentum epoch (batch 128, lr 0.02, momentum 0.9,
# the 60,000 Fashion-MNIST training images) of the `mlp` and `cnn`
# presets in thor-tune (release build) and in PyTorch on the CPU
# (torch-epoch.py: the same layers as ModelSpec), alternating the two
# sides REPEATS times per preset in one run so that both see the same
# machine. Each side is a fresh process; its timed region is the epoch's
# training steps only (thor-tune's epoch_seconds; loading, model set-up
# and evaluation excluded on both sides). Prints every repeat's seconds,
# its ratio thor-tune / PyTorch and the median ratio per preset.
#
# thor-tune computes in Float32 with its own im2col convolutions on
# OpenBLAS sgemm; PyTorch uses its own CPU kernels (oneDNN/MKL-DNN for
# convolutions). Both use THREADS threads (torch.set_num_threads).
#
# Usage: reports/benchmarks/torch-compare.sh
# Environment: REPEATS (2), MODELS ("mlp cnn"), THREADS (2), VENV (a
# Python virtual environment with torch and numpy; default
# .build-venv-torch in the repository root, created with
# `pip install torch numpy` when absent: about 4.5 GB; never in CI),
# DATA (the IDX folder, /usr/share/datasets/fashion-mnist), BIN (a release
# thor-tune to use instead of building one).
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${REPEATS:-2}
models=${MODELS:-mlp cnn}
threads=${THREADS:-2}
venv=${VENV:-.build-venv-torch}
data=${DATA:-/usr/share/datasets/fashion-mnist}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet torch numpy
fi
if [ -z "${BIN:-}" ]; then
  swift build -c release --product thor-tune >/dev/null
  BIN=$(swift build -c release --show-bin-path)/thor-tune
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo |
  cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "thor-tune: $("$BIN" --version 2>/dev/null || echo '?'), $threads" \
  "threads; torch: $("$venv/bin/python" -c 'import torch
print(torch.__version__)'), $threads threads"

thor_epoch() {
  "$BIN" train --model "$1" --optimizer sgd --epochs 1 --batch-size 128 \
    --lr 0.02 --momentum 0.9 --seed 1 --threads "$threads" --data "$data" \
    --test-subset 100 --log "$out/thor.jsonl" >/dev/null 2>&1
  python3 -c 'import json,sys
print(json.loads(open(sys.argv[1]).readline())["epoch_seconds"])' \
    "$out/thor.jsonl"
}

torch_epoch() {
  "$venv/bin/python" reports/benchmarks/torch-epoch.py "$1" \
    --threads "$threads" --data "$data" --lr 0.02 |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["epoch_seconds"])'
}

for model in $models; do
  ratios=""
  for r in $(seq 1 "$repeats"); do
    # Alternate which side goes first, so neither always runs warmer.
    if [ $((r % 2)) -eq 1 ]; then
      thor=$(thor_epoch "$model"); torch=$(torch_epoch "$model")
    else
      torch=$(torch_epoch "$model"); thor=$(thor_epoch "$model")
    fi
    ratio=$(python3 -c "print(f'{$thor / $torch:.3f}')")
    ratios="$ratios $ratio"
    printf '%-4s repeat %d: thor-tune %7.2f s  pytorch %7.2f s  ratio %s\n' \
      "$model" "$r" "$thor" "$torch" "$ratio"
  done
  median=$(printf '%s\n' $ratios | sort -n |
    awk '{v[NR] = $1}
      END {print (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2}')
  echo "$model median ratio thor-tune/pytorch: $median over $repeats repeats"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
