#!/usr/bin/env bash
# The notebooks' checks (issue 8), run by scripts/test.sh after the Release build:
#   1. the unit tests of notebooks/ecsim_nb.py (the notebooks' only reader of ecsim's outputs);
#   2. scripts/check_notebooks.py: committed notebooks carry no outputs;
#   3. every notebooks/*.ipynb executed top to bottom with nbconvert; an error in a cell fails it.
# Usage: bash scripts/notebooks.sh [ECSIM_BINARY]   (default build/app/ecsim)
# Runs every check, then prints "notebooks: N passed, N failed" and exits non-zero if one failed.
#
# Debian's Python packages (pandas, matplotlib, nbconvert, ipykernel) belong to /usr/bin/python3;
# a `python3` earlier on PATH (pyenv, a venv) may lack them. So the checks run /usr/bin/python3,
# and the kernel nbconvert starts is a kernelspec named python3, written here to a temporary
# directory first on JUPYTER_PATH, that runs /usr/bin/python3 too.
set -euo pipefail
cd "$(dirname "$0")/.."

py=/usr/bin/python3
bin=$(realpath "${1:-build/app/ecsim}")
if [ ! -x "$bin" ]; then
  echo "notebooks: no ecsim executable at $bin" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/jupyter/kernels/python3" "$tmp/out"
cat > "$tmp/jupyter/kernels/python3/kernel.json" <<EOF
{
  "argv": ["$py", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
  "display_name": "Python 3 (Debian)",
  "language": "python"
}
EOF
export JUPYTER_PATH="$tmp/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
# Nothing is written to the home directory: runtime files, IPython profile, matplotlib cache.
export JUPYTER_RUNTIME_DIR="$tmp/runtime" IPYTHONDIR="$tmp/ipython" MPLCONFIGDIR="$tmp/matplotlib"
export ECSIM_BIN="$bin" PYTHONDONTWRITEBYTECODE=1

passed=0
failed=0
check() {
  local what=$1
  shift
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "notebooks: ok   $what ($((SECONDS - start))s)"
  else
    failed=$((failed + 1))
    echo "notebooks: FAIL $what ($((SECONDS - start))s)"
  fi
}

check "helper module tests (notebooks/test_*.py)" \
  "$py" -m unittest discover -s notebooks -p 'test_*.py'
check "notebooks committed without outputs" "$py" scripts/check_notebooks.py
for nb in notebooks/*.ipynb; do
  check "execute $nb" "$py" -m nbconvert --to notebook --execute --output-dir "$tmp/out" \
    --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 "$nb"
done

echo "notebooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
