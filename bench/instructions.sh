#!/usr/bin/env bash
# bench/instructions.sh BEFORE_BUILD AFTER_BUILD: instructions executed (valgrind
# callgrind, user space) by two Release builds for the same work. Unlike wall
# time, which drifts by up to ±40% an hour on these VMs, the count is the same
# run after run, so a change of 2% shows. It leaves out the kernel (system
# calls, page faults) and counts SHA-256 on the emulated CPU's code path, so
# it complements bench/compare.sh's timings rather than replacing them.
#   apt-get install -y valgrind
set -euo pipefail
before="$(cd "$1" && pwd)"
after="$(cd "$2" && pwd)"
work="${LUOHU_BENCH_DIR:-/tmp/luohu-compare}"
mkdir -p "$work"
export XDG_CACHE_HOME="$work/cache"  # each build's own snapshot, not the user's
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)" >&2; exit 1; }

gen="$after/luohu-gen"
[ -f "$work/one.luohu" ] || "$gen" --file "$work/one.luohu" --seed 7 2>/dev/null
[ -d "$work/gen700" ] || "$gen" --out "$work/gen700" --cities 700 --seed 1 >/dev/null 2>&1

count() {  # count BUILD ARGS...: instructions of one warm run
  local build="$1"
  shift
  # The warm-up runs under callgrind too: a snapshot names the running
  # executable, and under valgrind /proc/self/exe is valgrind's own binary.
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$build/luohu" "$@" </dev/null >/dev/null 2>&1 || true
  # luohu exits 1 when it finds errors: that is not a failure of the count.
  { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$build/luohu" "$@" </dev/null 2>&1 >/dev/null || true; } |
    awk '/Collected/ { gsub(",", "", $4); print $4 }'
}

echo "instructions (callgrind), before -> after"
while IFS='|' read -r name args; do
  # shellcheck disable=SC2086
  b=$(count "$before" $args)
  # shellcheck disable=SC2086
  a=$(count "$after" $args)
  awk -v n="$name" -v b="$b" -v a="$a" 'BEGIN { printf "%-34s %14d -> %14d  (%+.1f%%)\n", n, b, a, 100 * (a - b) / b }'
done <<EOF
check one.luohu|check $work/one.luohu
audit 700 cities, JSON, --jobs 1|audit $work/gen700/policies --jobs 1 --format json --output /dev/null
audit 700 cities, summary, --jobs 1|audit $work/gen700/policies --jobs 1
EOF
