#!/usr/bin/env bash
# Interrupts every thor-tune command that writes output with SIGINT (what
# Ctrl-C sends) in the middle of real work, and checks that it exits with
# status 130 and leaves no partial or temporary output: no output file
# when it had not finished one, an earlier output unchanged, complete
# epochs only in a training log, only complete factor dumps, and no
# temporary files (.tmp-*, Foundation's .dat.nosync*).
#
#   Tests/Fuzz/sigint-check.sh [thor-tune binary] [trials]
#
# The binary defaults to .build/release/thor-tune, else .build/debug/;
# build one first. trials (default 5) is the number of interrupts at
# random moments for the race checks (interrupts that may land while a
# file is being written). Training reads a real subset of Fashion-MNIST
# (/usr/share/datasets/fashion-mnist, apt package dataset-fashion-mnist),
# copied uncompressed so that loading is quick. Needs python3 with numpy
# and safetensors. Prints one line per check; exits 1 if any failed.
set -uo pipefail
set -m  # background jobs get their own process group and default SIGINT

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-}
if [[ -z "$bin" ]]; then
  bin=$root/.build/release/thor-tune
  [[ -x "$bin" ]] || bin=$root/.build/debug/thor-tune
fi
trials=${2:-5}
if ! [[ -x "$bin" ]]; then
  echo "no thor-tune binary at $bin; run 'swift build' first" >&2
  exit 64
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
source_data=/usr/share/datasets/fashion-mnist

pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

# Python checks of the outputs: JSON Lines of whole epochs, safetensors.
python_check() {
  python3 - "$@" <<'EOF'
import json, sys
kind, paths = sys.argv[1], sys.argv[2:]
try:
  for path in paths:
    if kind == "jsonl":
      text = open(path).read()
      assert text.endswith("\n"), "no final newline"
      for line in text.splitlines():
        assert "epoch" in json.loads(line), "not an epoch record"
    elif kind == "safetensors":
      from safetensors.numpy import load_file
      assert load_file(path), "no tensors"
    elif kind == "json":
      json.load(open(path))
except Exception as error:
  print(f"{path}: {error}")
  sys.exit(1)
EOF
}

# Temporary files left in folder $1, one a line.
leftovers() {
  find "$1" \( -name '.tmp-*' -o -name '.dat.nosync*' \) -print 2>/dev/null
}

# Waits (up to 300 s) until $1 succeeds as a shell test, or pid $2 exits.
wait_until() {
  local condition=$1 pid=$2 deadline=$((SECONDS + 300))
  until eval "$condition"; do
    kill -0 "$pid" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

# Runs thor-tune with the remaining arguments in the background, waits
# until condition $1 holds, sleeps $2 seconds and sends SIGINT. Sets
# $status to the exit status (-1 when the condition never held) and leaves
# stderr in $work/stderr.
interrupt() {
  local condition=$1 delay=$2
  shift 2
  "$bin" "$@" >"$work/stdout" 2>"$work/stderr" &
  local pid=$!
  if ! wait_until "$condition" "$pid"; then
    kill -INT "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    status=-1
    return
  fi
  sleep "$delay"
  kill -INT "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  status=$?
}

# Checks status 130 and no temporary files under $2; names the check $1.
expect_clean_interrupt() {
  local name=$1 folder=$2 left
  left=$(leftovers "$folder")
  if ((status == -1)); then
    fail "$name: the command ended before it could be interrupted"
    sed 's/^/      /' "$work/stderr" | tail -3
  elif ((status != 130)); then
    fail "$name: exit status $status, expected 130"
    sed 's/^/      /' "$work/stderr" | tail -3
  elif [[ -n "$left" ]]; then
    fail "$name: temporary files left: $left"
  else
    return 0
  fi
  return 1
}

# A real subset of Fashion-MNIST, uncompressed (the loader reads both).
make_data() {
  mkdir -p "$work/data"
  python3 - "$source_data" "$work/data" <<'EOF'
import gzip, os, sys
source, target = sys.argv[1:]
for prefix, count in [("train", 4096), ("t10k", 512)]:
  for kind, size, header in [("images-idx3", 784, 16), ("labels-idx1", 1, 8)]:
    name = f"{prefix}-{kind}-ubyte"
    path = os.path.join(source, name)
    opener = gzip.open if os.path.exists(path + ".gz") else open
    with opener(path + ".gz" if opener is gzip.open else path, "rb") as f:
      head = bytearray(f.read(header))
      body = f.read(count * size)
    head[4:8] = count.to_bytes(4, "big")
    with open(os.path.join(target, name), "wb") as f:
      f.write(bytes(head) + body)
EOF
}

echo "thor-tune: $bin"
if ! make_data; then
  echo "cannot read Fashion-MNIST from $source_data" >&2
  exit 1
fi
data=$work/data
train=(train --data "$data" --threads 1)

# Interrupts a command that writes file $2 (and nothing else outside the
# file's folder) once condition $3 holds, then sleeping $4 s; the rest are
# its arguments. First with an empty folder, which must stay empty, then
# over an earlier file, which must be all the folder holds, unchanged.
check_absent_then_kept() {
  local name=$1 file=$2 condition=$3 delay=$4
  shift 4
  local folder
  folder=$(dirname "$file")
  interrupt "$condition" "$delay" "$@"
  if expect_clean_interrupt "$name (no earlier output)" "$folder"; then
    if [[ -n "$(ls -A "$folder" 2>/dev/null)" ]]; then
      fail "$name: output was written: $(ls -A "$folder")"
    else pass "$name (no earlier output): 130, no output, no temporary" \
      "file"; fi
  fi
  mkdir -p "$folder" && echo "earlier output" >"$file"
  interrupt "$condition" "$delay" "$@"
  if expect_clean_interrupt "$name (earlier output)" "$folder"; then
    if [[ "$(ls -A "$folder")" == "$(basename "$file")" \
      && "$(cat "$file")" == "earlier output" ]]; then
      pass "$name (earlier output): 130, the earlier output unchanged"
    else fail "$name (earlier output): the folder changed"; fi
  fi
}

# --- profile ---------------------------------------------------------------
out=$work/profile
check_absent_then_kept profile "$out/p.json" \
  "grep -q 'Profiling dimension' $work/stderr" 1 \
  profile --dims 256,512,1024 --min-time 3 --threads 1 -o "$out/p.json"

# --- train --log -----------------------------------------------------------
out=$work/train
mkdir -p "$out"
interrupt "[[ -s $out/log.jsonl ]]" 0.3 "${train[@]}" \
  --model mlp --epochs 200 --log "$out/log.jsonl"
if expect_clean_interrupt "train --log" "$out"; then
  if message=$(python_check jsonl "$out/log.jsonl"); then
    pass "train --log: 130, $(wc -l <"$out/log.jsonl") whole epoch(s)" \
      "logged, no temporary file"
  else fail "train --log: $message"; fi
fi

# --- train --dump-factors (at the end, and a series) -----------------------
out=$work/dump-end
mkdir -p "$out"
interrupt "grep -q 'epoch 1 ' $work/stderr" 0.2 "${train[@]}" \
  --model mlp:784,256,10 --optimizer kfac --epochs 100 \
  --dump-factors "$out/f.safetensors"
if expect_clean_interrupt "train --dump-factors (end)" "$out"; then
  if [[ -e "$out/f.safetensors" ]]; then
    fail "train --dump-factors (end): a dump was written"
  else pass "train --dump-factors (end): 130, no dump, no temporary file"
  fi
fi
out=$work/dumps
mkdir -p "$out"
series_ok=0
for ((trial = 1; trial <= trials; trial++)); do
  rm -rf "$out" && mkdir -p "$out"
  delay=$(python3 -c "import random; print(random.uniform(0, 1.5))")
  interrupt "[[ -e $out/f-step000001.safetensors ]]" "$delay" \
    "${train[@]}" --model mlp:784,256,10 --optimizer kfac --epochs 100 \
    --dump-factors "$out/f.safetensors" --dump-every 1
  if expect_clean_interrupt "train --dump-every (trial $trial)" "$out"; then
    if message=$(python_check safetensors "$out"/*.safetensors); then
      series_ok=$((series_ok + 1))
    else fail "train --dump-every (trial $trial): $message"; fi
  fi
done
((series_ok == trials)) && pass "train --dump-every: $trials interrupts" \
  "at random moments, 130, every dump complete, no temporary file"
dumps=$out

# --- plan ------------------------------------------------------------------
out=$work/plan
mkdir -p "$out"
# A cnn dump is analysed in a fifth of a second, before the interrupt can
# land; the ResNet-50-shaped benchmark dump (615 MB) takes over a second.
python3 "$root/reports/benchmarks/plan-make-dump.py" \
  --out "$work/resnet50.safetensors" --seed 0 >/dev/null 2>&1 \
  || fail "plan: could not make the ResNet-50-shaped factor dump"
check_absent_then_kept plan "$out/plan.json" \
  "grep -q 'Analysing factor' $work/stderr" 0 \
  plan --factors "$work/resnet50.safetensors" --threads 1 \
  --profile "$root/profiles/ascend910-paper.json" -o "$out/plan.json" \
  --report "$out/report"

# --- report ----------------------------------------------------------------
out=$work/report
mkdir -p "$out/dumps"
"$bin" "${train[@]}" --model mlp:784,256,10 --optimizer kfac --epochs 1 \
  --dump-factors "$out/dumps/f.safetensors" --dump-every 1 >/dev/null 2>&1 \
  || fail "report: could not make the factor dump series"
report=("$bin" report --log "$work/train/log.jsonl" --dumps "$out/dumps")
start=$(date +%s.%N)
"${report[@]}" -o "$out/reference" >/dev/null 2>&1
duration=$(python3 -c "import time; print(time.time() - $start)")
mkdir -p "$out/earlier" && echo earlier >"$out/earlier/report.md"
interrupted=0 report_ok=0
for ((trial = 1; trial <= trials; trial++)); do
  delay=$(python3 -c "import random; print(random.uniform(0, $duration))")
  "${report[@]}" -o "$out/earlier" >"$work/stdout" 2>"$work/stderr" &
  pid=$!
  sleep "$delay"
  kill -INT "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  status=$?
  left=$(leftovers "$out")
  if [[ -n "$left" ]]; then
    fail "report (trial $trial): temporary files left: $left"
  elif ((status == 130)); then
    if [[ "$(cat "$out/earlier/report.md")" == earlier ]] \
      || diff -rq "$out/earlier" "$out/reference" >/dev/null; then
      interrupted=$((interrupted + 1)) report_ok=$((report_ok + 1))
    else fail "report (trial $trial): the report folder is mixed"; fi
  elif ((status == 0)); then
    if diff -rq "$out/earlier" "$out/reference" >/dev/null; then
      report_ok=$((report_ok + 1))
    else fail "report (trial $trial): finished, but differs"; fi
    rm -rf "$out/earlier" && mkdir -p "$out/earlier"
    echo earlier >"$out/earlier/report.md"
  else fail "report (trial $trial): exit status $status"; fi
done
((report_ok == trials)) && pass "report: $trials interrupts at random" \
  "moments within its ${duration:0:4} s run, $interrupted with 130; the" \
  "folder always the earlier or the complete report, no temporary file"

echo
if ((failures)); then echo "$failures check(s) failed"; exit 1; fi
echo "all checks passed"
