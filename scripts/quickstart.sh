#!/usr/bin/env bash
# Set up (Debian packages), build ecsim in Release and run the quickstart scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --target ecsim
./build/app/ecsim run scenarios/quickstart.yaml --out ecsim-out
