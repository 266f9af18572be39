#!/usr/bin/env bash
# A short libFuzzer run of each target (fuzz/README.md), seeded from the
# repository's inputs: LUOHU_FUZZ_SECONDS (8 s) each (CI has 20 minutes for everything). Every input has a time
# limit (-timeout, 10 s) and the process a memory limit (-rss_limit_mb): an
# input that takes super-linear time or memory fails the step. The targets come from
# CI's build/ (.ci/run configures it with LUOHU_FUZZ=ON: ASan + UBSan).
# A crash, hang, leak or sanitizer report fails the step and leaves the input
# in build/findings/ (turn it into tests/fuzz_regressions/<target>/...).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=build
if [ ! -x "$dir/fuzz_policy" ]; then
  echo "40-fuzz: $dir has no fuzz targets: configure with CXX=clang++ -DLUOHU_FUZZ=ON (as .ci/run does)" >&2
  exit 1
fi
start=$(date +%s)
seconds="${LUOHU_FUZZ_SECONDS:-8}"
rm -rf "$dir/seeds" && fuzz/seeds.sh "$dir/seeds"
mkdir -p "$dir/findings"
# fuzz_report checks and audits each input through every reporter (~1.7 s under ASan): loading all of its
# seeds took 114 s of a 20 s run, so it starts from its regression inputs and a few examples only.
find "$dir/seeds/report" -type f | LC_ALL=C sort | tail -n +13 | xargs -r rm -f
# Two targets at a time, one per core: each target is one process, so the step takes half the wall time.
fuzz() {  # fuzz TARGET: exit 0, or 1 with the input left in findings/
  local t="$1" status=0
  mkdir -p "$dir/corpus/$t"
  "$dir/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$dir/findings/$t-" "$dir/corpus/$t" "$dir/seeds/$t" > "$dir/fuzz_$t.log" 2>&1 || status=$?
  echo "== fuzz_$t for ${seconds}s: exit $status"
  tail -n 12 "$dir/fuzz_$t.log"
  if [ "$status" -ne 0 ]; then echo "fuzz_$t found a problem (exit $status): see $dir/findings/"; return 1; fi
}
export -f fuzz
export dir seconds
# The slowest (report) first, so the other lane takes the rest.
printf '%s\n' report policy reparse lsp rule predicate registry snapshot | xargs -P 2 -I{} bash -c 'fuzz {}' || exit 1
echo "fuzzing: $(( $(date +%s) - start )) s"
