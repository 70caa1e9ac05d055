# Sourced by the PyTorch checks: sets $python to the virtual environment
# $VENV (default .build-venv-torch in the repository root), creating it
# with PyTorch's CPU wheels, NumPy and safetensors when it is missing.
# PyTorch (about 200 MB for the CPU wheels) is not installed in CI.
venv=${VENV:-.build-venv-torch}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q torch --index-url \
    https://download.pytorch.org/whl/cpu
  "$venv/bin/pip" install -q numpy safetensors
fi
python="$venv/bin/python"
PYTHONPATH="$root/Sources/Python:$root/Tests/Integration"\
"${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONPATH
