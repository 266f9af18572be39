#!/usr/bin/env bash
# bench/compare.sh BEFORE_BUILD AFTER_BUILD: the figures of issue 20's table for
# two Release builds (each with the bench targets, as bench/run.sh), run
# alternately in the same minutes so each figure stands beside its reference
# (these VMs drift by up to ±40% in an hour). Prints one line per measurement.
set -euo pipefail
before="$(cd "$1" && pwd)"
after="$(cd "$2" && pwd)"
work="${LUOHU_BENCH_DIR:-/tmp/luohu-compare}"
rounds="${LUOHU_BENCH_ROUNDS:-3}"
mkdir -p "$work"
export XDG_CACHE_HOME="$work/cache"  # each build's own snapshot, not the user's
echo "date: $(date -u '+%Y-%m-%d %H:%M') UTC; load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

gen="$after/luohu-gen"
[ -f "$work/one.luohu" ] || "$gen" --file "$work/one.luohu" --seed 7 2>/dev/null
[ -d "$work/gen700" ] || "$gen" --out "$work/gen700" --cities 700 --seed 1 >/dev/null 2>&1
[ -d "$work/gen10000" ] || "$gen" --out "$work/gen10000" --cities 10000 --seed 1 --synthetic >/dev/null 2>&1
for b in "$before" "$after"; do "$b/luohu" check "$work/one.luohu" >/dev/null 2>&1 || true; done  # write each snapshot

audit_args() {  # audit_args N: the audit's arguments for the N-city corpus
  if [ -f "$work/gen$1/registry.yaml" ]; then echo "--registry $work/gen$1/registry.yaml audit $work/gen$1/policies"
  else echo "audit $work/gen$1/policies"; fi
}

for round in $(seq "$rounds"); do
  echo "== round $round"
  for b in "$before" "$after"; do
    name=$([ "$b" = "$before" ] && echo before || echo after)
    "$b/luohu_bench" --benchmark_filter='BM_ParseTypical|BM_ParseCheckTypical' --benchmark_min_time=1 2>/dev/null |
      awk -v n="$name" '/^BM_/ { for (i = 1; i <= NF; i++) if ($i ~ /^bytes_per_second=/) print n, $1, substr($i, 18) }'
    hyperfine -N --warmup 5 --runs 40 -i /bin/true "$b/luohu check $work/one.luohu" --export-json "$work/h.json" >/dev/null 2>&1
    python3 -c "import json,sys; r=json.load(open('$work/h.json'))['results']; print('$name', 'check one.luohu', '%.2f ms' % (r[1]['mean']*1e3), '/bin/true', '%.2f ms' % (r[0]['mean']*1e3), 'ratio %.1f' % (r[1]['mean']/r[0]['mean']))"
    for n in 700 10000; do
      hyperfine -N --warmup 1 --runs 3 -i "sh -c 'cat $work/gen$n/policies/*.luohu > /dev/null'" \
        "$b/luohu $(audit_args $n) --jobs 2 --format json --output /dev/null" --export-json "$work/h.json" >/dev/null 2>&1
      python3 -c "import json; r=json.load(open('$work/h.json'))['results']; print('$name', 'audit $n', '%.3f s' % r[1]['mean'], 'cat', '%.3f s' % r[0]['mean'], 'ratio %.1f' % (r[1]['mean']/r[0]['mean']))"
    done
    # shellcheck disable=SC2046
    echo "$name peak memory, audit 10000 JSON: $(/usr/bin/time -f %M "$b/luohu" $(audit_args 10000) --jobs 2 --format json --output /dev/null 2>&1 >/dev/null | tail -1) KB"
    "$b/lsp_latency" --benchmark_filter=edit_to_diagnostics --benchmark_min_time=1 2>/dev/null |
      awk -v n="$name" '/^edit_to_diagnostics/ { for (i = 1; i <= NF; i++) if ($i ~ /^diagnostics=/) d = $i; print n, "editor edit-to-diagnostics", $2, $3, d }'
  done
done
