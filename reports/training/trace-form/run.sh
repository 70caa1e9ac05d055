#!/usr/bin/env bash
# The trace rule's two forms (Eq. 8 on tr(F + lambda I), or on tr(A) tr(G))
# for THOR and THOR_stop: cnn, 3 epochs on the first 20,000 training
# images, seed 1, trainer defaults otherwise, one run after the other in a
# release build. Logs go next to this script; summarize.py tabulates them.
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=reports/training/trace-form
swift build -c release --product thor-tune >/dev/null
bin=$(swift build -c release --show-bin-path)/thor-tune
for optimizer in thor thor-stop; do
  for form in damped undamped; do
    "$bin" train --model cnn --optimizer "$optimizer" --trace-form "$form" \
      --epochs 3 --train-subset 20000 --seed 1 \
      --log "$out/$optimizer-$form.jsonl" >/dev/null 2>&1
  done
done
python3 "$out/summarize.py" | tee "$out/results.md"
