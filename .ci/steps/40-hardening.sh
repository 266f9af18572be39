#!/usr/bin/env bash
# Hardening, in one clang build (cmake/sanitize.cmake + cmake/fuzz.cmake):
# 1. the whole test suite again under AddressSanitizer + UndefinedBehaviorSanitizer
#    (the engine, the CLI the tests run, and the tests themselves), leak checking on;
# 2. a short libFuzzer run of each target (fuzz/README.md), seeded from the
#    repository's inputs: LUOHU_FUZZ_SECONDS (20 s) each.
# Any sanitizer report, crash, hang or leak fails the step; a fuzz finding is left
# in build-hardening/findings/ (turn it into tests/fuzz_regressions/<target>/...).
# One build serves both: the fuzz flags (-fsanitize=fuzzer-no-link,address,undefined)
# instrument the engine, the tests link it without libFuzzer's main.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
dir=build-hardening
CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DLUOHU_SANITIZE=ON -DLUOHU_FUZZ=ON >/dev/null
cmake --build "$dir"
built=$(date +%s)
echo "hardening build: $(( built - start )) s"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$dir" --output-on-failure -j2
tested=$(date +%s)
echo "test suite under ASan+UBSan: $(( tested - built )) s"

seconds="${LUOHU_FUZZ_SECONDS:-20}"
rm -rf "$dir/seeds" && fuzz/seeds.sh "$dir/seeds"
mkdir -p "$dir/findings"
for t in policy predicate registry rule lsp; do
  mkdir -p "$dir/corpus/$t"
  echo "== fuzz_$t for ${seconds}s"
  status=0
  "$dir/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$dir/findings/$t-" "$dir/corpus/$t" "$dir/seeds/$t" > "$dir/fuzz_$t.log" 2>&1 || status=$?
  tail -n 12 "$dir/fuzz_$t.log"
  if [ "$status" -ne 0 ]; then echo "fuzz_$t found a problem (exit $status): see $dir/findings/"; exit 1; fi
done
echo "fuzzing: $(( $(date +%s) - tested )) s; hardening total: $(( $(date +%s) - start )) s"
