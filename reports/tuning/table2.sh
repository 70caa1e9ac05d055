#!/usr/bin/env bash
# Table 2 with validation-tuned hyperparameters: SGD-momentum and THOR with
# the settings reports/tuning/run.sh chose on the validation split
# (chosen.json), K-FAC, THOR_stop and THOR_NT with THOR's learning rate and
# damping, all on the 60,000 training images and the test set, seed 1, one
# run after the other (so that their seconds compare), then
# `thor-tune report` into $out/report (Table 2: time to 88%, 90%, 91%
# test accuracy).
#
# Usage: reports/tuning/table2.sh [out-folder]
# Environment: LONG (epochs of SGD and THOR, 3), SHORT (epochs of the
# others, 1), BIN (a thor-tune release binary).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-reports/tuning/table2}
long=${LONG:-3}
short=${SHORT:-1}
mkdir -p "$out/logs"
if [ -z "${BIN:-}" ]; then
  swift build -c release --product thor-tune >/dev/null
  BIN=$(swift build -c release --show-bin-path)/thor-tune
fi
read -r sgd_lr nesterov thor_lr damping < <(python3 -c '
import json
c = json.load(open("reports/tuning/chosen.json"))
print(c["sgd"]["lr"], int(c["sgd"]["nesterov"]), c["thor"]["lr"],
      c["thor"]["damping"])')
decay="--lr-schedule poly:end=$((long + 1)),power=2"
common="--model cnn --seed 1 --batch-size 128 --momentum 0.9 $decay"
sgd="--optimizer sgd --lr $sgd_lr"
[ "$nesterov" = 1 ] && sgd="$sgd --nesterov"
second="--lr $thor_lr --damping $damping --factor-samples 32"
thor="$second --split 128 --inv-interval 0:10,1:50,3:200"
{
  echo "commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "sgd: $common $sgd"
  echo "thor: $common $thor"
} >"$out/settings.txt"

run() {  # name epochs options...
  local name=$1 epochs=$2
  shift 2
  echo "== $name ($epochs epochs): $*" >&2
  # shellcheck disable=SC2086
  "$BIN" train $common --epochs "$epochs" "$@" \
    --log "$out/logs/$name.jsonl" 2>"$out/logs/$name.err"
}
# shellcheck disable=SC2086
{
  run sgd "$long" $sgd
  run thor "$long" --optimizer thor $thor
  run kfac "$short" --optimizer kfac $second --inv-interval 20
  run thor-stop "$short" --optimizer thor-stop $thor
  run thor-nt "$short" --optimizer thor-nt $thor
}
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/settings.txt"
"$BIN" report --out "$out/report" \
  --log "$out/logs/sgd.jsonl" --label SGD-momentum \
  --log "$out/logs/kfac.jsonl" --label K-FAC \
  --log "$out/logs/thor.jsonl" --label THOR \
  --log "$out/logs/thor-stop.jsonl" --label THOR_stop \
  --log "$out/logs/thor-nt.jsonl" --label THOR_NT \
  --thresholds 0.88,0.90,0.91 >"$out/report.out"
