#!/usr/bin/env bash
# Installs JAX (CPU wheels from PyPI), NumPy and safetensors into their own
# virtual environment (.build-venv-jax) and runs check_jax_capture.py
# against a thor-tune binary (default: the debug build; `swift build`
# first). Used by .ci/run after the Swift tests.
#
#   Tests/Integration/check-jax-capture.sh [thor-tune binary]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
binary=${1:-$(swift build --show-bin-path)/thor-tune}
venv=.build-venv-jax
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q jax numpy safetensors
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" Tests/Integration/check_jax_capture.py "$binary" "$work"
