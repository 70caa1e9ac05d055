#!/usr/bin/env bash
# The plan sweep (issue: the plan must pay off in training). On this
# machine, in a release build, one run after the other (nothing else may
# run meanwhile):
#
# 1. profile: `thor-tune profile` with its defaults (inversion and the
#    per-step products), written to raw/profile.json;
# 2. for each model (cnn, mlp, mlp:784,1024,512,10): a K-FAC capture, one
#    epoch on the first 12,800 training images, dumped at its end;
# 3. plans from that dump at update budgets 0.1, 0.25 and 0.5 (and the
#    eq11 strategy), modelled for the runs of step 4;
# 4. sweep: 3 epochs on the first 50,000 training images, the last 10,000
#    held out for validation (`--validation 10000`), same seed: SGD; THOR
#    with no split, the paper's global split from this profile, split 128,
#    and the three plans. Validation accuracy chooses the default budget
#    (summarize.py); the test accuracy is reported beside it;
# 5. protocol: one epoch on the first 20,000 training images (test set,
#    as the issue measures): SGD, THOR split 128, THOR with the plan at
#    each budget, THOR without split, plans modelled for 157 steps.
#
# Usage: reports/plan-sweep/run.sh [stage...]   (stages: profile capture
#        plan sweep protocol; default all). EPOCHS (3) and MODELS override.
# Every output goes to reports/plan-sweep/raw/; summarize.py writes
# report.md from it.
set -euo pipefail
cd "$(dirname "$0")/../.."
raw=${RAW:-reports/plan-sweep/raw}
mkdir -p "$raw"
epochs=${EPOCHS:-3}
models=(${MODELS:-cnn mlp mlp:784,1024,512,10})
budgets=(0.1 0.25 0.5)
stages=("${@:-profile capture plan sweep protocol}")
stages=(${stages[*]})
has() { [[ " ${stages[*]} " == *" $1 "* ]]; }

swift build -c release --product thor-tune >/dev/null
bin=$(swift build -c release --show-bin-path)/thor-tune
slug() { echo "${1//[:,]/-}"; }

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo +dirty)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$raw/machine.txt"

if has profile; then
  "$bin" profile --out "$raw/profile.json" >"$raw/profile.txt" 2>/dev/null
fi

for model in "${models[@]}"; do
  m=$(slug "$model")
  if has capture; then
    "$bin" train --model "$model" --optimizer kfac --epochs 1 \
      --train-subset 12800 --validation 10000 --seed 0 \
      --dump-factors "$raw/$m-factors.safetensors" \
      --log "$raw/$m-capture.jsonl" >/dev/null 2>&1
  fi
  if has plan; then
    for b in "${budgets[@]}"; do
      "$bin" plan --factors "$raw/$m-factors.safetensors" \
        --profile "$raw/profile.json" --update-budget "$b" \
        --steps-per-epoch 391 --epochs "$epochs" \
        --out "$raw/$m-plan-$b.json" --report "$raw/$m-report-$b" \
        >"$raw/$m-plan-$b.txt" 2>&1
      "$bin" plan --factors "$raw/$m-factors.safetensors" \
        --profile "$raw/profile.json" --update-budget "$b" \
        --steps-per-epoch 157 --epochs 1 \
        --out "$raw/$m-plan20k-$b.json" --report "$raw/$m-report20k-$b" \
        >"$raw/$m-plan20k-$b.txt" 2>&1
    done
    "$bin" plan --factors "$raw/$m-factors.safetensors" \
      --profile "$raw/profile.json" --strategy eq11 \
      --steps-per-epoch 391 --epochs "$epochs" \
      --out "$raw/$m-plan-eq11.json" --report "$raw/$m-report-eq11" \
      >"$raw/$m-plan-eq11.txt" 2>&1
  fi
  global=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['global']['split'])" \
    "$raw/$m-plan-${budgets[0]}.json")
  run() {  # run NAME OPTIONS...: one training run, log and output kept
    local name=$1
    shift
    "$bin" train --model "$model" --seed 1 "$@" \
      --log "$raw/$m-$name.jsonl" >"$raw/$m-$name.txt" 2>&1
  }
  if has sweep; then
    common=(--epochs "$epochs" --train-subset 50000 --validation 10000)
    run sweep-sgd --optimizer sgd "${common[@]}"
    run sweep-thor-none --optimizer thor "${common[@]}"
    run sweep-thor-global --optimizer thor --split "$global" "${common[@]}"
    run sweep-thor-128 --optimizer thor --split 128 "${common[@]}"
    for b in "${budgets[@]}"; do
      run "sweep-thor-plan-$b" --optimizer thor \
        --plan "$raw/$m-plan-$b.json" "${common[@]}"
    done
  fi
  if has protocol; then
    common=(--epochs 1 --train-subset 20000)
    run protocol-sgd --optimizer sgd "${common[@]}"
    run protocol-thor-128 --optimizer thor --split 128 "${common[@]}"
    for b in "${budgets[@]}"; do
      run "protocol-thor-plan-$b" --optimizer thor \
        --plan "$raw/$m-plan20k-$b.json" "${common[@]}"
    done
    run protocol-thor-none --optimizer thor "${common[@]}"
    run protocol-sgd-2 --optimizer sgd "${common[@]}"
    run protocol-thor-128-2 --optimizer thor --split 128 "${common[@]}"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$raw/machine.txt"
