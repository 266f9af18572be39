#!/usr/bin/env bash
# fuzz/seeds.sh DIR: writes a seed corpus for each fuzz target into DIR/<target>/,
# taken from the repository's own inputs (examples/, policies/, rules/, registry/)
# plus the regression inputs in tests/fuzz_regressions/.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
out="$1"
mkdir -p "$out"/{policy,predicate,registry,rule,lsp,reparse,report,snapshot}
# Named by their path: examples/imports/qujing.luohu and policies/yunnan/qujing.luohu are both seeds.
for f in "$src"/examples/*/*.luohu "$src"/policies/*/*.luohu; do
  rel="${f#"$src"/}"
  cp "$f" "$out/policy/${rel//\//-}"
done
# Re-parsing: six bytes choosing an edit, then a policy (fuzz/targets.hpp, run_reparse).
n=0
for f in "$src"/examples/*/*.luohu "$src"/policies/*/*.luohu; do
  rel="${f#"$src"/}"
  { LC_ALL=C awk -v n="$n" 'BEGIN { printf "%c%c%c%c%c%c", n * 37 % 256, n * 91 % 256, n % 16, n * 53 % 256, n * 29 % 256, n % 24 }'; cat "$f"; } > "$out/reparse/${rel//\//-}"
  n=$((n + 1))
done
# Reports: a name-length byte, the name, then the file (fuzz/targets.hpp, run_report); the
# hostile-input review's reproduction files among them.
for f in "$src"/examples/*/*.luohu "$src"/tests/data/reliability/*.luohu; do
  rel="${f#"$src"/}"
  { printf '\006policy'; cat "$f"; } > "$out/report/${rel//\//-}"
done
# Predicates: each forbid/require/blame expression of the rule pack, one per file.
for f in "$src"/rules/*.yaml; do
  awk -v dir="$out/predicate" -v base="$(basename "$f" .yaml)" '
    function flush() { if (key != "" && expr != "") { print expr > (dir "/" base "-" key ".txt"); close(dir "/" base "-" key ".txt") } key = ""; expr = "" }
    /^[a-z_]+:/ { flush() }
    /^(forbid|require|blame):/ {
      key = substr($1, 1, length($1) - 1); rest = $0; sub(/^[a-z_]+:[ ]*/, "", rest)
      if (rest != ">-" && rest != ">" && rest != "|" && rest != "|-") { expr = rest; flush() }
      next
    }
    key != "" && /^  / { line = $0; sub(/^ +/, "", line); expr = expr (expr == "" ? "" : " ") line }
    END { flush() }' "$f"
done
cp "$src"/rules/*.yaml "$out/rule/"
# The predicate corpus kept from earlier runs (tests/fuzz_corpus/README.md).
cp "$src"/tests/fuzz_corpus/predicate/* "$out/predicate/"
# The registry's header and first cities (the whole file is too big a unit).
awk '/^cities:/ { c = 1 } { print } c && /^  - code:/ && ++n > 12 { exit }' "$src/registry/cities.yaml" | sed '$d' > "$out/registry/head.yaml"
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' > "$out/lsp/initialize"
{ frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'; frame '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'; } > "$out/lsp/two"
for t in policy predicate registry rule lsp reparse report snapshot; do
  cp "$src"/tests/fuzz_regressions/$t/* "$out/$t/" 2>/dev/null || true
done
