#!/usr/bin/env bash
# Builds the libFuzzer harnesses and fuzzes thor-tune's input readers.
#
#   Tests/Fuzz/run.sh [seconds] [target]
#
# seconds: total fuzzing time, shared equally by the targets (default 600).
# target:  safetensors | profile | plan | pipeline | all (default all).
#   safetensors  SafetensorsFile(data:source:), then doubles(of:) of every
#                floating-point tensor
#   profile      HardwareProfile.decode(_:file:) (decode + validation) and
#                the interpolated inversion time
#   plan         FactorSplits.Source.loadPlan(at:partial:) and
#                FactorSplits.resolve against the cnn and mlp presets
#   pipeline     the whole `thor-tune plan` run in-process (ThorTune.main):
#                the input is the factor dump; reader, catalog, analyser on
#                2 worker threads, solver, plan and report writers into a
#                private temporary folder (inputs up to 4 KB)
#
# SwiftPM cannot link a libFuzzer executable, so each module is compiled
# with swiftc (-sanitize=fuzzer,address, whole-module, -O) into
# .build-fuzz/modules and linked with a harness from Tests/Fuzz/Harnesses;
# a module is rebuilt only when its sources or the flags change.
#
# Before fuzzing, every committed input under Tests/Fuzz/crashes/<target>/
# is replayed and must not crash. The corpus (.build-fuzz/corpus/<target>)
# starts from Tests/Fuzz/seeds/<target>, the safetensors test fixtures and
# profiles/*.json, and grows across runs. New crashing inputs go to
# .build-fuzz/artifacts/<target>/; after a crash the target is restarted
# until its time is used (at most 5 crashes a target, and not when the
# same input crashes again). Prints executions, seconds and crashes per
# target; exits 1 if anything crashed.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
fuzz=Tests/Fuzz
build=.build-fuzz
seconds=${1:-600}
target=${2:-all}
# The raised solver scope threshold: under these flags swiftc gives up on
# a closure in ThorReports' ColorScale.mix ("unable to type-check this
# expression in reasonable time") that SwiftPM's builds accept.
flags=(-O -wmo -parse-as-library -sanitize=fuzzer,address -use-ld=lld
  -package-name thor_tune
  -Xfrontend -solver-scope-threshold=100000000
  -I Sources/CLapack -I Sources/CZlib -I Sources/CCrypto -I "$build/modules")
links=(-lopenblas -llapacke -lz -lcrypto)

case "$target" in
  all) targets=(safetensors profile plan pipeline) ;;
  safetensors | profile | plan | pipeline) targets=("$target") ;;
  *) echo "unknown target '$target'" \
    "(safetensors, profile, plan, pipeline or all)" >&2
    exit 64 ;;
esac
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "seconds must be a positive integer, got '$seconds'" >&2
  exit 64
fi

# The library modules each harness needs, in dependency order.
modules_of() {
  case "$1" in
    safetensors) echo ThorSafetensors ;;
    profile) echo ThorFormats ThorLinalg ThorProfiler ;;
    plan) echo ThorFormats ThorLinalg ThorSafetensors ThorTraining ;;
    pipeline) echo ThorFormats ThorLinalg ThorSafetensors ThorProfiler \
      ThorAnalysis ThorSolver ThorTraining ThorReports ThorTuneCLI ;;
  esac
}

harness_of() {
  case "$1" in
    safetensors) echo SafetensorsFuzz.swift ;;
    profile) echo ProfileFuzz.swift ;;
    plan) echo PlanFuzz.swift ;;
    pipeline) echo PipelineFuzz.swift ;;
  esac
}

# The longest input of target $1: the pipeline analyses every factor of
# its input, so its inputs stay small (factors of a few dims).
max_len_of() {
  case "$1" in
    pipeline) echo 4096 ;;
    *) echo 65536 ;;
  esac
}

# The dictionary of target $1: the pipeline's input is a safetensors dump.
dictionary_of() {
  case "$1" in
    pipeline) echo "$fuzz/dictionaries/safetensors.dict" ;;
    *) echo "$fuzz/dictionaries/$1.dict" ;;
  esac
}

# A fingerprint of files' contents and the flags, to skip needless builds.
fingerprint() {
  { printf '%s\n' "${flags[@]}"; cat "$@"; } | sha256sum | cut -d' ' -f1
}

# The modules module $1 imports (as Package.swift declares them).
dependencies_of() {
  case "$1" in
    ThorLinalg) echo ThorFormats ;;
    ThorProfiler) echo ThorLinalg ThorFormats ;;
    ThorAnalysis) echo ThorLinalg ThorSafetensors ThorFormats ;;
    ThorSolver) echo ThorAnalysis ThorProfiler ThorFormats ;;
    ThorTraining) echo ThorLinalg ThorSafetensors ThorFormats ;;
    ThorReports) echo ThorFormats ThorSafetensors ;;
    ThorTuneCLI) echo ThorFormats ThorLinalg ThorSafetensors ThorProfiler \
      ThorAnalysis ThorSolver ThorTraining ThorReports ;;
  esac
}

# Compiles Sources/$1 into $build/modules/$1.{o,swiftmodule}; the
# fingerprint covers its sources and its dependencies' fingerprints.
build_module() {
  local name=$1 sources stamps=() dependency print
  mapfile -t sources < <(find "Sources/$name" -name '*.swift' | sort)
  for dependency in $(dependencies_of "$name"); do
    stamps+=("$build/modules/$dependency.stamp")
  done
  print=$(fingerprint "${sources[@]}" "${stamps[@]}")
  local stamp="$build/modules/$name.stamp"
  if [[ -f "$stamp" && $(cat "$stamp") == "$print" ]]; then return; fi
  echo "Compiling $name (${#sources[@]} files)"
  rm -f "$stamp"
  swiftc "${flags[@]}" -module-name "$name" -emit-module \
    -emit-module-path "$build/modules/$name.swiftmodule" \
    -c "${sources[@]}" -o "$build/modules/$name.o"
  echo "$print" >"$stamp"
}

# Links the fuzzer for target $1 into $build/bin/$1.
build_fuzzer() {
  local t=$1 objects=() name
  for name in $(modules_of "$t"); do
    build_module "$name"
    objects+=("$build/modules/$name.o")
  done
  local sources=("$fuzz/Harnesses/$(harness_of "$t")"
    "$fuzz/Harnesses/BrokenPromise.swift")
  local stamp="$build/bin/$t.stamp" print
  print=$(fingerprint "${sources[@]}" "${objects[@]}")
  if [[ -x "$build/bin/$t" && -f "$stamp" && $(cat "$stamp") == "$print" ]]
  then return; fi
  echo "Linking the $t fuzzer"
  swiftc "${flags[@]}" -module-name "${t^}Fuzz" "${sources[@]}" \
    "${objects[@]}" "${links[@]}" -o "$build/bin/$t"
  echo "$print" >"$stamp"
}

# Copies the seed inputs of target $1 into its corpus folder.
seed_corpus() {
  local t=$1 corpus="$build/corpus/$1"
  mkdir -p "$corpus"
  if [[ -d "$fuzz/seeds/$t" ]]; then cp -n "$fuzz/seeds/$t"/* "$corpus/"; fi
  case "$t" in
    safetensors)
      cp -n Tests/ThorSafetensorsTests/Fixtures/*.safetensors "$corpus/" ;;
    profile) cp -n profiles/*.json "$corpus/" ;;
  esac
}

# The libFuzzer options every run shares.
run_fuzzer() {
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$@"
}

# Replays the committed crashing inputs of target $1; each must now pass.
replay_crashes() {
  local t=$1 files
  shopt -s nullglob
  files=("$fuzz/crashes/$t"/*)
  shopt -u nullglob
  ((${#files[@]})) || return 0
  if ! run_fuzzer "$build/bin/$t" -runs=1 "${files[@]}" \
    >"$build/logs/$t-replay.log" 2>&1; then
    echo "$t: a committed crash input still fails;" \
      "see $build/logs/$t-replay.log" >&2
    return 1
  fi
  echo "$t: ${#files[@]} committed crash input(s) replayed, no crash"
}

# Fuzzes target $1 for $2 seconds; restarts after a crash.
fuzz_target() {
  local t=$1 budget=$2 artifacts="$build/artifacts/$1/"
  mkdir -p "$artifacts"
  local start=$SECONDS executions=0 crashes=0 log status run=0 before
  while ((SECONDS - start < budget && crashes < 5)); do
    run=$((run + 1))
    log="$build/logs/$t-$(date +%Y%m%d-%H%M%S)-$run.log"
    before=$(ls "$artifacts")
    status=0
    run_fuzzer "$build/bin/$t" "$build/corpus/$t" \
      -max_total_time=$((budget - (SECONDS - start))) -timeout=10 \
      -rss_limit_mb=2048 -max_len="$(max_len_of "$t")" \
      -print_final_stats=1 -dict="$(dictionary_of "$t")" \
      -artifact_prefix="$artifacts" >"$log" 2>&1 || status=$?
    local runs
    # -a: the target's messages may quote the input's raw bytes.
    runs=$(grep -ao 'stat::number_of_executed_units: [0-9]*' "$log" \
      | grep -o '[0-9]*$' | tail -1 || true)
    executions=$((executions + ${runs:-0}))
    if ((status != 0)); then
      crashes=$((crashes + 1))
      echo "$t: CRASH (exit $status): $(grep -a -m1 -E \
        'Fatal error|ERROR: (AddressSanitizer|libFuzzer)|broken promise' \
        "$log" || echo 'see log')"
      local unit
      unit=$(grep -ao "Test unit written to .*" "$log" | tail -1 || true)
      echo "$t:   ${unit:-no input written}"
      echo "$t:   log: $log"
      # The same input again (a seed or corpus entry): restarting is futile.
      if [[ -n "$unit" ]] && grep -qxF "$(basename "$unit")" <<<"$before"
      then
        echo "$t:   the same input crashed before; stopping this target"
        break
      fi
    fi
  done
  printf '%-12s %12d executions %6d s %3d crash(es)\n' \
    "$t" "$executions" $((SECONDS - start)) "$crashes" >>"$build/summary"
  return 0
}

mkdir -p "$build/modules" "$build/bin" "$build/logs"
for t in "${targets[@]}"; do build_fuzzer "$t"; done
failed=0
for t in "${targets[@]}"; do replay_crashes "$t" || failed=1; done
: >"$build/summary"
share=$((seconds / ${#targets[@]}))
((share > 0)) || share=1
for t in "${targets[@]}"; do
  seed_corpus "$t"
  echo "Fuzzing $t for $share s"
  fuzz_target "$t" "$share"
done
echo
echo "target       executions        time    crashes"
cat "$build/summary"
if grep -qv ' 0 crash(es)$' "$build/summary" || ((failed)); then exit 1; fi
