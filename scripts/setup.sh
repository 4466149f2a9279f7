#!/usr/bin/env bash
# Installs every dependency of ecsim from Debian's packages, and nothing any other way.
# Idempotent: packages already installed are skipped, and apt is not touched when none is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libboost-graph-dev libeigen3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libyaml-cpp-dev nlohmann-json3-dev
  clang libclang-rt-14-dev            # fuzzing and the clang determinism build
  # the notebooks (notebooks/), executed by scripts/test.sh with Debian's /usr/bin/python3
  python3-pandas python3-matplotlib python3-nbformat python3-ipykernel jupyter-nbconvert
  graphviz                            # renders ecsim's DOT output (lifecycle, graph) in notebook 01
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
