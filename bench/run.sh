#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR]: measures every figure of bench/README.md's table.
# BUILD_DIR must be a Release build with the bench targets:
#   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DLUOHU_BUILD_TESTS=OFF
#   cmake --build build-bench --target bench lsp_latency
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$src/build-bench}" && pwd)"
work="${LUOHU_BENCH_DIR:-/tmp/luohu-bench}"
cities="${LUOHU_BENCH_CITIES:-10000}"
mkdir -p "$work"
luohu="$build/luohu"
# The start-up snapshot goes to a cache of this run's own, not the user's (docs/cache.md).
export XDG_CACHE_HOME="$work/cache"

echo "== machine"
echo "date: $(date -u +%Y-%m-%d)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== Google Benchmark: parse, parse+check, loading registry and rules"
"$build/luohu_bench" --benchmark_filter='-BM_Rule/' --benchmark_min_time=1 --benchmark_counters_tabular=true

echo "== rule evaluation alone, per rule, over the 200 typical policies (slowest first)"
"$build/luohu_bench" --benchmark_filter='BM_Rule/' --benchmark_min_time=0.2 2>/dev/null | grep '^BM_Rule' | sort -k4 -n -r | head -15

echo "== start-up: luohu check of one typical file (hyperfine)"
"$build/luohu-gen" --file "$work/one.luohu" --seed 7 2>/dev/null
hyperfine -N --warmup 5 --runs 50 --ignore-failure /bin/true "$luohu --version" "$luohu check $work/one.luohu" --export-markdown "$work/startup.md" >/dev/null
cat "$work/startup.md"

echo "== audit of $cities generated cities, --jobs 2, vs cat"
rm -rf "$work/gen$cities"
"$build/luohu-gen" --out "$work/gen$cities" --cities "$cities" --seed 1 --synthetic
du -sb "$work/gen$cities/policies" | awk '{ printf "policies: %.1f MB\n", $1 / 1e6 }'
cat "$work/gen$cities"/policies/*.luohu > /dev/null  # warm the page cache for both
hyperfine -N --warmup 1 --runs 5 --ignore-failure \
  "sh -c 'cat $work/gen$cities/policies/*.luohu > /dev/null'" \
  "$luohu --registry $work/gen$cities/registry.yaml audit $work/gen$cities/policies --jobs 2 --format json --output /dev/null" \
  --export-markdown "$work/audit.md" >/dev/null
cat "$work/audit.md"

echo "== peak memory (max RSS)"
rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo "luohu check one file: $(rss "$luohu" check "$work/one.luohu") KB"
for n in 1000 "$cities"; do
  [ -d "$work/gen$n" ] || "$build/luohu-gen" --out "$work/gen$n" --cities "$n" --seed 1 --synthetic 2>/dev/null
  echo "luohu audit of $n cities (--jobs 2): $(rss "$luohu" --registry "$work/gen$n/registry.yaml" audit "$work/gen$n/policies" --jobs 2 --format json --output /dev/null) KB"
done

echo "== editor: edit-to-diagnostics on 5,000 lines (bench/lsp_latency, issue 5)"
if [ -x "$build/lsp_latency" ]; then "$build/lsp_latency" --benchmark_min_time=1; else echo "lsp_latency not built"; fi
