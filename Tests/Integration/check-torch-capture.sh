#!/usr/bin/env bash
# The PyTorch checks, against a thor-tune binary (default: the debug
# build; `swift build` first):
# - check_torch_capture.py: Sources/Python/thor_tune_torch/capture.py
#   gives the factors `thor-tune train --dump-factors` writes for the
#   same weights (--init-weights) and batch, on the trainer's cnn and an
#   MLP, and `thor-tune plan` accepts the PyTorch dumps;
# - check_torch_preconditioner.py: the reference step (preconditioner.py)
#   gives thor-tune's preconditioned direction (`thor-tune precondition`)
#   on a cnn dump and gradient;
# - check_torch_profile.py: profile.py writes thor-tune's profile format
#   and `thor-tune plan` accepts it (timings: compare-torch-profile.sh in
#   reports/integration/).
# Not run by CI (PyTorch is too big). VENV names the virtual environment
# (default .build-venv-torch, created with PyTorch's CPU wheels when
# missing).
#
#   [VENV=...] Tests/Integration/check-torch-capture.sh [thor-tune binary]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
binary=${1:-$(swift build --show-bin-path)/thor-tune}
source Tests/Integration/torch-venv.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" Tests/Integration/check_torch_capture.py "$binary" "$work/capture"
"$python" Tests/Integration/check_torch_preconditioner.py "$binary" \
  "$work/preconditioner"
"$python" Tests/Integration/check_torch_profile.py "$binary" "$work/profile"
