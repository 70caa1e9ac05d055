#!/usr/bin/env bash
# The validation protocol of issue 11: hyperparameters of SGD-momentum and
# THOR chosen on a validation split held out of the training set, with
# tuning budgets of the same size, before the test set is looked at.
#
# Every run: `cnn`, seed 1, batch 128, the last 10,000 training images held
# out (`--validation 10000`, trains on the other 50,000), the Eq. 14 decay
# lr*(1-e/(EPOCHS+1))^2 for both methods, validation evaluated every 100
# steps (`--validate-every`, outside the timed part), and the test set cut
# to one image (`--test-subset 1`) so that no choice can see it.
#   SGD-momentum (10 runs): lr 0.005 0.01 0.02 0.05 0.1, each with and
#     without Nesterov momentum; momentum 0.9.
#   THOR (10 runs): lr 0.002 0.005 0.01 0.02 0.05, damping 0.03 and 0.1;
#     momentum 0.9, split 128, inverse interval 0:10,1:50,3:200, A from 32
#     samples per batch (the Table 2 settings apart from lr and damping).
# summarize.py picks each method's run with the best final validation
# accuracy and writes results.md and chosen.json.
#
# Usage: reports/tuning/run.sh [out-folder]
# Environment: EPOCHS per run (2), BIN (a thor-tune release binary to use
# instead of building one), NICE (a niceness for the runs, 0). A rerun
# keeps the runs whose logs are complete (resumes an interrupted sweep).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-reports/tuning}
epochs=${EPOCHS:-2}
mkdir -p "$out/logs"
if [ -z "${BIN:-}" ]; then
  swift build -c release --product thor-tune >/dev/null
  BIN=$(swift build -c release --show-bin-path)/thor-tune
fi
common="--model cnn --seed 1 --batch-size 128 --epochs $epochs
  --validation 10000 --validate-every 100 --test-subset 1
  --lr-schedule poly:end=$((epochs + 1)),power=2 --momentum 0.9"
thor="--factor-samples 32 --split 128 --inv-interval 0:10,1:50,3:200"

run() {  # name options... ; a run whose log has every epoch is kept
  local name=$1
  shift
  if [ -f "$out/logs/$name.jsonl" ] &&
    [ "$(grep -c . "$out/logs/$name.jsonl")" -ge "$epochs" ]; then
    return
  fi
  echo "== $name: $*" >&2
  echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg) $name: $*" \
    >>"$out/runs.txt"
  # shellcheck disable=SC2086
  nice -n "${NICE:-0}" "$BIN" train $common "$@" \
    --log "$out/logs/$name.jsonl" 2>"$out/logs/$name.err" \
    || echo "$name failed: $(tail -1 "$out/logs/$name.err")" >>"$out/runs.txt"
}

for lr in 0.005 0.01 0.02 0.05 0.1; do
  run "sgd-lr$lr" --optimizer sgd --lr "$lr"
  run "sgd-nesterov-lr$lr" --optimizer sgd --lr "$lr" --nesterov
done
for lr in 0.002 0.005 0.01 0.02 0.05; do
  for damping in 0.03 0.1; do
    # shellcheck disable=SC2086
    run "thor-lr$lr-damping$damping" --optimizer thor --lr "$lr" \
      --damping "$damping" $thor
  done
done
python3 reports/tuning/summarize.py "$out"
