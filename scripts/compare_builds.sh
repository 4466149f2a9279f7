#!/usr/bin/env bash
# Determinism across builds: runs every scenario under scenarios/ with each given ecsim binary
# (e.g. the Release g++ build, the Debug+ASan build and the clang build) at the scenario's own
# seed, with the optional outputs on (--events --timeline), and requires every output file to be
# byte-identical (whatever files the run writes: operations.jsonl, summary.json, fingerprint.txt,
# events.jsonl, timeline.json, ...; a file only one build wrote is a difference) and the same exit
# status. Fails loudly, with the first differing lines, on any difference.
#
#   bash scripts/compare_builds.sh build/app/ecsim build-asan/app/ecsim build-clang/app/ecsim
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: $0 ECSIM_BINARY ECSIM_BINARY [ECSIM_BINARY...]" >&2
  exit 2
fi
for b in "$@"; do
  if [ ! -x "$b" ]; then
    echo "compare_builds: $b is not an executable" >&2
    exit 2
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

failures=0
count=0
while IFS= read -r scenario; do
  count=$((count + 1))
  name=${scenario#scenarios/}
  name=${name%.yaml}
  name=${name//\//_}
  k=0
  first_status=""
  for b in "$@"; do
    k=$((k + 1))
    out="$work/$k/$name"
    set +e
    "$b" run "$scenario" --quiet --events --timeline --out "$out" >"$work/$k.$name.stdout" 2>"$work/$k.$name.stderr"
    status=$?
    set -e
    if [ -z "$first_status" ]; then
      first_status=$status
    elif [ "$status" != "$first_status" ]; then
      echo "compare_builds: DIFFERENT EXIT STATUS for $scenario: $1 -> $first_status, $b -> $status" >&2
      cat "$work/$k.$name.stderr" >&2
      failures=$((failures + 1))
    fi
    if [ "$k" -gt 1 ]; then
      # Every file either build wrote, so a new output file is covered without editing this.
      files=$( { ls "$work/1/$name" 2>/dev/null || true; ls "$out" 2>/dev/null || true; } | LC_ALL=C sort -u)
      for f in $files; do
        # Both missing (an invalid scenario, same exit status) is agreement too.
        if [ ! -e "$work/1/$name/$f" ] && [ ! -e "$out/$f" ]; then continue; fi
        if ! cmp -s "$work/1/$name/$f" "$out/$f"; then
          echo "compare_builds: OUTPUTS DIFFER for $scenario: $f of $1 and of $b" >&2
          diff "$work/1/$name/$f" "$out/$f" 2>&1 | head -n 10 >&2 || true
          failures=$((failures + 1))
        fi
      done
    fi
  done
done < <(find scenarios -name '*.yaml' | LC_ALL=C sort)

if [ "$count" -eq 0 ]; then
  echo "compare_builds: no scenario found under scenarios/" >&2
  exit 1
fi
if [ "$failures" -ne 0 ]; then
  echo "compare_builds: FAILED: $failures difference(s) across $# builds" >&2
  exit 1
fi
echo "compare_builds: $count scenarios byte-identical across $# builds"
