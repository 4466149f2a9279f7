#!/usr/bin/env bash
# Set up (Debian packages), build and run every test: the Release build, then the notebooks run
# with its binary (scripts/notebooks.sh), then a Debug build with
# AddressSanitizer + UndefinedBehaviorSanitizer, then a clang Release build whose outputs must be
# byte-identical to the other two builds' for every scenario (scripts/compare_builds.sh), then the
# libFuzzer targets (clang, ASan + UBSan) for 60 s each (scripts/fuzz.sh, build-fuzz; FUZZ_SECONDS
# overrides), failing on any crash, leak, timeout or sanitizer report. Exits non-zero on the first
# failure. Past fuzz findings run in every build as ctest tests (tests/fuzz/regressions/).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

stage_start=$SECONDS
stage_done() { echo "== $1 took $((SECONDS - stage_start))s"; stage_start=$SECONDS; }

bash scripts/setup.sh

echo "== Release build and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$jobs"
(cd build && ctest --output-on-failure -j "$jobs" | tee ctest.log)
stage_done "Release build and tests"

echo "== Notebooks with the Release binary: helper tests, no committed outputs, each executed"
bash scripts/notebooks.sh build/app/ecsim | tee build/notebooks.log
stage_done "Notebooks"

echo "== Debug + AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
# -O1 -g1: what the ASan documentation recommends for reasonable speed, with line tables for the
# stack traces; still a Debug build (assertions on, no NDEBUG). GCC -O1 (not -O0, not -O3) reports a
# false maybe-uninitialized / uninitialized inside boost::optional (boost/graph/named_graph.hpp): kept warnings.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1 -Wno-error=maybe-uninitialized -Wno-error=uninitialized" -DECSIM_SANITIZE=ON \
  -DECSIM_BUILD_BENCHMARKS=OFF
cmake --build build-asan -j "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$jobs" | tee ctest.log)
stage_done "Debug + sanitizers build and tests"

echo "== clang Release build; outputs byte-identical across the g++, g++ Debug+ASan and clang builds"
cmake -S . -B build-clang -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DECSIM_BUILD_TESTS=OFF -DECSIM_BUILD_BENCHMARKS=OFF
cmake --build build-clang -j "$jobs" --target ecsim
bash scripts/compare_builds.sh build/app/ecsim build-asan/app/ecsim build-clang/app/ecsim
stage_done "clang build and cross-build comparison"

echo "== libFuzzer targets (clang, ASan + UBSan), ${FUZZ_SECONDS:-60}s each"
FUZZ_SECONDS=${FUZZ_SECONDS:-60} bash scripts/fuzz.sh build-fuzz
stage_done "fuzzing"

# One closing line for the whole run: the tests of both builds (ctest's own summaries are above).
count() { sed -n 's/.* tests failed out of \([0-9]*\).*/\1/p' "$1" | tail -n 1; }
failed() { sed -n 's/.*, \([0-9]*\) tests failed out of.*/\1/p' "$1" | tail -n 1; }
total=$(( $(count build/ctest.log) + $(count build-asan/ctest.log) ))
bad=$(( $(failed build/ctest.log) + $(failed build-asan/ctest.log) ))
# The notebook checks (scripts/notebooks.sh) count as tests too.
total=$(( total + $(sed -n 's/^notebooks: \([0-9]*\) passed, \([0-9]*\) failed$/\1 + \2/p' build/notebooks.log) ))
bad=$(( bad + $(sed -n 's/^notebooks: [0-9]* passed, \([0-9]*\) failed$/\1/p' build/notebooks.log) ))
echo "tests: $((total - bad)) passed, $bad failed"
