#!/usr/bin/env bash
# luohu audit on the bundled corpus in every format: each report is written and
# well-formed, --jobs 1 and --jobs 2 agree byte for byte, and the exit code is
# 0 or 1 (2 would mean a policy in policies/ could not be checked).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {  # run ARGS...: the audit's exit code must be 0 or 1
  local code=0
  build/luohu audit policies/ "$@" >/dev/null || code=$?
  if [ "$code" -gt 1 ]; then echo "audit $* exited $code"; exit 1; fi
}
start=$(date +%s.%N)
run --format json --output "$out/j1.json" --jobs 1
end=$(date +%s.%N)
run --format json --output "$out/j2.json" --jobs 2
cmp "$out/j1.json" "$out/j2.json" || { echo "--jobs 1 and --jobs 2 differ"; exit 1; }
run --format csv --lang en --output "$out/audit.csv"  # en headers: the check below reads them
run --format sarif --output "$out/audit.sarif"
run --format html --over-time 2017-01-01,2020-01-01 --output "$out/audit.html"  # as the README's main job
run --format json --baseline "$out/j1.json" --output "$out/again.json"
grep -q '"format": "luohu-audit/1"' "$out/j1.json"
grep -q '"version": "2.1.0"' "$out/audit.sarif"
head -1 "$out/audit.csv" | grep -q '^kind,province,city_code'
grep -q '"new": 0' "$out/again.json" || { echo "re-auditing against itself found new findings"; exit 1; }
grep -q '<script type="application/json" id="audit-data">' "$out/audit.html"
grep -q '"over_time":\[{"as_of":"2017-01-01"' "$out/audit.html"
echo "audit of policies/: every format written; --jobs 1 = --jobs 2; $(awk "BEGIN { printf \"%.2f\", $end - $start }") s with one job"
