#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan + libFuzzer) and runs each for a bounded
# time. Any crash, leak, timeout, out-of-memory or sanitizer report fails the script (non-zero
# exit), and the input that caused it is kept in $BUILD/fuzz-artifacts/ to become a regression
# input under tests/fuzz/regressions/<target>/ (replayed by ctest in every build).
#
#   bash scripts/fuzz.sh [BUILD_DIR]        # default build-fuzz
#   FUZZ_SECONDS=300 bash scripts/fuzz.sh   # longer runs (default 30 s per target)
#
# Seed corpora come from scenarios/ and tests/fuzz/regressions/ (copied at run time, never
# duplicated in the repository) plus a few spellings for the parsers; the corpora grow in
# $BUILD/fuzz-corpus/ between runs. scripts/test.sh (CI) runs this with FUZZ_SECONDS=60.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
seconds=${FUZZ_SECONDS:-30}
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DECSIM_FUZZ=ON -DECSIM_BUILD_TESTS=OFF -DECSIM_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target scenario_fuzzer parsers_fuzzer create_image_fuzzer trace_fuzzer

corpus="$build/fuzz-corpus"
artifacts="$build/fuzz-artifacts"
mkdir -p "$corpus/scenario" "$corpus/parsers" "$corpus/create_image" "$corpus/trace" "$artifacts"

# Seeds: every scenario file; durations, instants and sizes in the spellings the docs use; a few
# CreateImage requests against the fuzz target's fixed world.
n=0
while IFS= read -r f; do
  n=$((n + 1))
  cp "$f" "$corpus/scenario/seed_$n.yaml"
done < <(find scenarios -name '*.yaml' | sort)
# Past findings too: libFuzzer runs every corpus input before mutating, so a regressed fix fails.
for dir in scenario parsers create_image trace; do
  if [ -d "tests/fuzz/regressions/$dir" ]; then
    find "tests/fuzz/regressions/$dir" -type f -exec cp {} "$corpus/$dir/" \;
  fi
done
i=0
for s in 0s 250ms 90s 1.5h 2d 1h30m 1d2h3m4s 90250ms 1us 2026-01-01T00:00:00Z 2026-01-01T08:00:00+08:00 \
         2026-01-01T00:00:00.5Z 2026-01-01 40GiB 500MiB 2TiB 1.5GiB 123B 7KiB 20; do
  i=$((i + 1))
  printf '%s' "$s" > "$corpus/parsers/seed_$i"
done
printf 'RegionId=cn-hangzhou\nInstanceId=i-a\nImageName=web-1\n' > "$corpus/create_image/seed_1"
printf 'RegionId=cn-hangzhou\nSnapshotId=s-sys\nImageFamily=f\nClientToken=t\n' > "$corpus/create_image/seed_2"
printf 'RegionId=cn-hangzhou\nDiskDeviceMapping.1.SnapshotId=s-sys\nDiskDeviceMapping.2.SnapshotId=s-data\nDiskDeviceMapping.2.Device=/dev/xvdb\n' \
  > "$corpus/create_image/seed_3"
printf 'RegionId=cn-hangzhou\nInstanceId=i-stopped\nTag.1.Key=a\nTag.1.Value=b\nDryRun=true\n' > "$corpus/create_image/seed_4"

# Trace lines in the shapes docs/scenarios.md shows ("Traces").
printf '%s\n' '{"at": "0s", "name": "img-1", "Action": "CreateImage", "RegionId": "cn-hangzhou", "InstanceId": "i-1"}' \
  '{"at": 90, "client": "batch", "Action": "DeleteImage", "RegionId": "cn-hangzhou", "ImageId": "${golden.ImageId}"}' \
  > "$corpus/trace/seed_1"
printf '%s\n' '{"at": "2026-01-01T01:00:00Z", "Action": "CreateImage", "DiskDeviceMapping": [{"SnapshotId": "s-1"}], "expect": {"code": "InvalidSnapshotId.NotFound", "http": 404}}' \
  > "$corpus/trace/seed_2"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
run() {
  local target=$1 dir=$2
  shift 2
  echo "== fuzz $target for ${seconds}s"
  if ! "$build/tests/fuzz/$target" "$corpus/$dir" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$@" \
      >"$build/fuzz-$target.log" 2>&1; then
    echo "fuzz: $target FAILED; last lines of $build/fuzz-$target.log:"
    tail -n 40 "$build/fuzz-$target.log"
    status=1
  else
    grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$build/fuzz-$target.log" | tail -n 2 || true
  fi
}
run scenario_fuzzer scenario -max_len=8192
run parsers_fuzzer parsers -max_len=64
run create_image_fuzzer create_image -max_len=1024 -dict=tests/fuzz/create_image.dict
run trace_fuzzer trace -max_len=4096
exit $status
