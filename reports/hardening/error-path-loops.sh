#!/usr/bin/env bash
# Error paths in loops, statuses only (nothing timed): every run must end
# with its documented status (1 for an input error, 64 for a usage error,
# 130 after SIGINT, 143 after SIGTERM) and never die of another signal
# (a crash, or an abort while a worker thread still runs), and leave no
# temporary file (.tmp-*) beside its outputs.
#
#   reports/hardening/error-path-loops.sh [thor-tune binary] [trials]
#
# Loops: `train` (THOR with weight decay on cnn, SGD on mlp) interrupted
# with SIGINT or SIGTERM 0.1-1.5 s in, while its workers run; `train`
# with a plan that is not JSON and with one of another model; `plan`
# interrupted 0.03-1 s in (it takes about 1.4 s here), while its
# analyser threads run. Prints one line per run and the counts.
set -uo pipefail
set -m  # background jobs get their own process group and default SIGINT
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/.build/release/thor-tune}
trials=${2:-10}
data=/usr/share/datasets/fashion-mnist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $0, $(date -u +%FT%TZ), $($bin --version), $trials trials a loop"

report() {  # name status expected...
  local name=$1 status=$2
  shift 2
  local tmp
  tmp=$(find "$work/out" -name '.tmp-*' 2>/dev/null | wc -l)
  local verdict=bad
  for ok in "$@"; do [[ $status == "$ok" ]] && verdict=ok; done
  [[ $tmp == 0 ]] || verdict=bad
  echo "$name status $status tmp $tmp $verdict"
}

interrupt() {  # signal delay command...
  local signal=$1 delay=$2
  shift 2
  rm -rf "$work/out" && mkdir -p "$work/out"
  "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep "$delay"
  kill -"$signal" "$pid" 2>/dev/null
  wait "$pid"
}

# A dump and a plan to plan from and train with.
"$bin" train --model cnn --optimizer kfac --epochs 1 --train-subset 1280 \
  --test-subset 100 --data "$data" --log "$work/capture.jsonl" \
  --dump-factors "$work/dump.safetensors" >/dev/null 2>&1
"$bin" plan --factors "$work/dump.safetensors" --out "$work/plan.json" \
  >/dev/null 2>&1
echo "not json" >"$work/bad-plan.json"

for i in $(seq 1 "$trials"); do
  delay=$(python3 -c "import random; print(round(random.uniform(0.1, 1.5), 2))")
  for signal in INT TERM; do
    expected=$([[ $signal == INT ]] && echo 130 || echo 143)
    interrupt "$signal" "$delay" "$bin" train --model cnn --optimizer thor \
      --weight-decay 5e-4 --epochs 3 --train-subset 2000 --test-subset 100 \
      --data "$data" --log "$work/out/thor.jsonl" --plan "$work/plan.json"
    report "train-thor $signal at ${delay}s" $? "$expected" 0
    interrupt "$signal" "$delay" "$bin" train --model mlp --optimizer sgd \
      --epochs 20 --train-subset 6000 --test-subset 100 --data "$data" \
      --log "$work/out/sgd.jsonl"
    report "train-mlp $signal at ${delay}s" $? "$expected" 0
  done
  early=$(python3 -c "print(round($delay / 1.5, 2))")
  interrupt INT "$early" "$bin" plan \
    --factors "$work/dump.safetensors" --out "$work/out/plan.json" \
    --report "$work/out/report"
  status=$?
  # An interrupted plan leaves no plan file (the report folder may not be
  # written either).
  [[ $status == 130 && -e $work/out/plan.json ]] && status="130+plan.json"
  report "plan INT at ${early}s" "$status" 130
  rm -rf "$work/out" && mkdir -p "$work/out"
  "$bin" train --model cnn --optimizer thor --epochs 1 --train-subset 256 \
    --data "$data" --plan "$work/bad-plan.json" \
    --log "$work/out/t.jsonl" >/dev/null 2>&1
  report "train bad plan" $? 1
  "$bin" train --model mlp --optimizer thor --epochs 1 --train-subset 256 \
    --data "$data" --plan "$work/plan.json" \
    --log "$work/out/t.jsonl" >/dev/null 2>&1
  report "train plan of another model" $? 1
done | tee "$work/lines"
echo "## counts"
sed -E 's/ at [0-9.]+s//' "$work/lines" | sort | uniq -c
