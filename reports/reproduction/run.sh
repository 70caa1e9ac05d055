#!/usr/bin/env bash
# Reproduces the THOR paper's Table 1 / Fig. 5, Table 2, ablation and Fig. 4
# on this machine with thor-tune (Fashion-MNIST `cnn` and a 784-20-20-20-10
# MLP instead of ResNet on CIFAR-10/ImageNet). See report.md for the results
# and how they compare with the paper.
#
# Usage: reports/reproduction/run.sh
# Environment (defaults in brackets):
#   OUT      output folder [reports/reproduction; /tmp/thor-repro-quick when
#            QUICK=1]; big factor dumps go to $OUT/work (git-ignored)
#   QUICK=1  smoke test: 2000 training / 1000 test images, 1 epoch each
#   LONG     epochs of SGD and THOR [10]
#   SHORT    epochs of K-FAC, THOR_stop and THOR_NT [3]
#   PLANNED  epochs of THOR with this machine's per-layer plan [1]
#   ABLATION_SUBSET training images of each ablation run (1 epoch) [20000]
#   SEED     seed of initialization and data order, the same for all [1]
#   THREADS  OpenBLAS threads per run [1]
#   JOBS     Table 2 and ablation runs at once [3]
#   BIN      a thor-tune to use instead of building the release one
#   ONLY=ablation  rerun only stage (6), the ablation, and its analysis
#
# Stages: (1) this machine's inversion profile; (2) the paper's Table 1
# counts through `thor-tune plan` with profiles/ascend910-paper.json;
# (3) a `cnn` THOR dump at step 50, planned against this machine's profile
# (the per-layer plan THOR then trains with); (4) Fig. 4 from an MLP's
# dumps at steps 0, 10, ..., 50 (fig4.py); (5) Table 2: sgd, thor (with
# the plan; dumps its factors at the end), kfac, thor-stop, thor-nt, the
# same seed, $JOBS at a time; the late dump's plan and `thor-tune report`;
# (6) the four ablation runs at once, so that they share the machine's
# conditions, and their extrapolation (ablation.py). Every command and
# the load average around it
# go to $OUT/runs.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
quick=${QUICK:-0}
if [ "$quick" = 1 ]; then
  out=${OUT:-/tmp/thor-repro-quick}
  long=${LONG:-1} short=${SHORT:-1} planned=${PLANNED:-1}
  subset="--train-subset 2000 --test-subset 1000"
  ablation_images=${ABLATION_SUBSET:-2000}
else
  out=${OUT:-reports/reproduction}
  long=${LONG:-10} short=${SHORT:-3} planned=${PLANNED:-1}
  subset=""
  ablation_images=${ABLATION_SUBSET:-20000}
fi
seed=${SEED:-1}
threads=${THREADS:-1}
jobs=${JOBS:-3}
work=$out/work
mkdir -p "$out/logs" "$work"
if [ -z "${BIN:-}" ]; then
  swift build -c release --product thor-tune >/dev/null
  BIN=$(swift build -c release --show-bin-path)/thor-tune
fi
bin=$BIN
py=python3

# Hyperparameters: the K-FAC helper's tuned cnn settings (issue 4,
# reports/benchmarks/train-compare.sh); the Eq. 14 decay ends one epoch
# after the long runs, for every run, so short runs share the long runs'
# first epochs exactly.
decay="--lr-schedule poly:end=$((long + 1)),power=2"
common="--model cnn --seed $seed --threads $threads --batch-size 128 $subset"
sgd_args="--lr 0.02 --momentum 0.9 $decay"
second="--lr 0.005 --momentum 0.9 --damping 0.03 --factor-samples 32 $decay"
growing="0:10,1:50,3:200"
thor_args="$second --split 128 --inv-interval $growing"

log_run() {  # name command... : runs it, recording command, time and load
  local name=$1
  shift
  local record=$work/$name.run
  {
    echo "## $name"
    echo "started $(date -u +%FT%TZ)  load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "\$ $*"
  } >"$record"
  local status=0
  "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
  echo "ended   $(date -u +%FT%TZ)  load $(cut -d' ' -f1-3 /proc/loadavg)" \
    "  exit $status" >>"$record"
  cat "$record" >>"$out/runs.txt"
  if [ "$status" != 0 ]; then
    echo "error: $name failed (exit $status); see $work/$name.err" >&2
    tail -n 5 "$work/$name.err" >&2
    return "$status"
  fi
  echo "done: $name" >&2
}

train() {  # name args... : a cnn (or other) training run with its log
  local name=$1
  shift
  # shellcheck disable=SC2086
  log_run "$name" "$bin" train --log "$out/logs/$name.jsonl" "$@"
}

pids=()
wait_all() {
  local failed=0
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  pids=()
  return $failed
}
spawn() {  # runs "$@" in the background, at most $jobs at once
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 2; done
  "$@" &
  pids+=($!)
}

stages_1_to_5() {
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- \
    Sources || echo ' (with uncommitted source changes)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "cores: $(nproc)  memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: QUICK=$quick LONG=$long SHORT=$short PLANNED=$planned" \
    "ABLATION_SUBSET=$ablation_images SEED=$seed THREADS=$threads JOBS=$jobs"
  echo "sgd:  $sgd_args"
  echo "kfac: $second --inv-interval 20"
  echo "thor, thor-stop, thor-nt: $thor_args"
} >"$out/machine.txt"

# (1) This machine's inversion profile (float32 Cholesky, the same thread
# count as training; up to 4096 so that cnn's fc1.A, 3137, is interpolated).
log_run profile "$bin" profile --threads "$threads" --min-time 0.3 \
  --dims 1,16,32,64,128,256,512,1024,2048,4096 --out "$out/profile-cpu.json"

# (2) The paper's own Table 1 counts through the planner.
log_run paper-dump $py "$here/paper-table1-dump.py" \
  --out "$work/paper-table1.safetensors"
log_run paper-plan "$bin" plan --factors "$work/paper-table1.safetensors" \
  --profile profiles/ascend910-paper.json --out "$out/paper-table1-plan.json" \
  --report "$out/paper-table1"
cp "$work/paper-plan.out" "$out/paper-table1-summary.txt"

# (3) Early cnn factors (THOR at step 50) and their plan.
early_subset="--train-subset $((51 * 128)) --test-subset 1000"
# shellcheck disable=SC2086
log_run early-dump "$bin" train --model cnn --seed "$seed" \
  --threads "$threads" --optimizer thor $thor_args \
  --epochs 1 $early_subset --dump-factors "$work/cnn-step50.safetensors" \
  --dump-at 50
log_run early-plan "$bin" plan --factors "$work/cnn-step50.safetensors" \
  --profile "$out/profile-cpu.json" --out "$out/cnn-early-plan.json" \
  --report "$out/cnn-early"
cp "$work/early-plan.out" "$out/cnn-early-summary.txt"

# (4) Fig. 4: MLP 784-20-20-20-10, K-FAC with factors every step, dumps at
# steps 0, 10, ..., 50 (51 steps of 128 images).
# shellcheck disable=SC2086
log_run fig4-train "$bin" train --model mlp:784,20,20,20,10 --seed "$seed" \
  --threads "$threads" --optimizer kfac $second --factor-interval 1 \
  --epochs 1 --train-subset 6528 --test-subset 1000 \
  --log "$out/logs/fig4-mlp.jsonl" \
  --dump-factors "$work/fig4-mlp.safetensors" --dump-every 10
log_run fig4 $py "$here/fig4.py" --split 10 --layers fc2,fc3,fc4 \
  --json "$out/fig4.json" --png "$out/fig4.png" \
  "$work"/fig4-mlp-step*.safetensors
cp "$work/fig4.out" "$out/fig4.md"

# (5) Table 2, at most $JOBS runs at once (SGD and THOR start together, so
# they share the machine's conditions), and THOR with this machine's
# per-layer plan instead of split 128.
# shellcheck disable=SC2086
{
  spawn train sgd $common --optimizer sgd --epochs "$long" $sgd_args
  spawn train thor $common --optimizer thor --epochs "$long" $thor_args \
    --dump-factors "$work/cnn-late.safetensors"
  spawn train kfac $common --optimizer kfac --epochs "$short" $second \
    --inv-interval 20
  spawn train thor-stop $common --optimizer thor-stop --epochs "$short" \
    $thor_args
  spawn train thor-nt $common --optimizer thor-nt --epochs "$short" \
    $thor_args
  spawn train thor-plan $common --optimizer thor --epochs "$planned" \
    $second --inv-interval $growing --plan "$out/cnn-early-plan.json"
}

wait_all

log_run late-plan "$bin" plan --factors "$work/cnn-late.safetensors" \
  --profile "$out/profile-cpu.json" --out "$out/cnn-late-plan.json" \
  --report "$out/cnn-late"
cp "$work/late-plan.out" "$out/cnn-late-summary.txt"
log_run table2 "$bin" report --out "$out/table2" \
  --log "$out/logs/sgd.jsonl" --label SGD-momentum \
  --log "$out/logs/kfac.jsonl" --label K-FAC \
  --log "$out/logs/thor.jsonl" --label THOR \
  --log "$out/logs/thor-stop.jsonl" --label THOR_stop \
  --log "$out/logs/thor-nt.jsonl" --label THOR_NT \
  --log "$out/logs/thor-plan.jsonl" --label "THOR (plan)" \
  --thresholds 0.88,0.90,0.91
}

stage_6() {
# (6) The ablation, all four at once: one epoch of $ablation_images images
# for each ingredient alone on top of K-FAC (interval 20, no split, no
# trace rule), extrapolated to 10 full epochs by ablation.py.
abl="--model cnn --seed $seed --threads $threads --epochs 1"
abl="$abl --train-subset $ablation_images --test-subset 1000"
# shellcheck disable=SC2086
{
  spawn train ablation-kfac $abl --optimizer kfac $second --inv-interval 20
  spawn train ablation-tr $abl --optimizer thor $second --inv-interval 20
  spawn train ablation-fre $abl --optimizer kfac $second \
    --inv-interval $growing
  spawn train ablation-sp $abl --optimizer kfac $second --inv-interval 20 \
    --split 128
}
wait_all
log_run ablation $py "$here/ablation.py" --steps-per-epoch 469 \
  --measured-steps $(((ablation_images + 127) / 128)) \
  --json "$out/ablation.json" \
  "K-FAC=$out/logs/ablation-kfac.jsonl=20" \
  "THOR_tr=$out/logs/ablation-tr.jsonl=20" \
  "THOR_fre=$out/logs/ablation-fre.jsonl=$growing" \
  "THOR_sp=$out/logs/ablation-sp.jsonl=20"
cp "$work/ablation.out" "$out/ablation.md"
}

if [ "${ONLY:-}" = ablation ]; then
  echo "## ONLY=ablation rerun, $(date -u +%FT%TZ)" >>"$out/runs.txt"
  echo "ablation rerun (ONLY=ablation): $(date -u +%FT%TZ), load" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
  jobs=4
  stage_6
  exit 0
fi
: >"$out/runs.txt"
stages_1_to_5
jobs=4
stage_6
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)  $(date -u +%FT%TZ)" \
  >>"$out/machine.txt"
echo "Reproduction written to $out (see runs.txt; dumps in $work)" >&2
