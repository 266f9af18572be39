#!/bin/sh
# scripts/check-layers must fail on a back-edge, a cycle in the table and an
# undeclared folder, and pass a tree that flows down.
set -u
check=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/engine/base" "$t/engine/top"
printf 'luohu_layer(base)\nluohu_layer(top DEPS base)\n' >"$t/engine/CMakeLists.txt"
printf '#include "base/a.hpp"\n' >"$t/engine/top/b.hpp"
printf '#pragma once\n' >"$t/engine/base/a.hpp"
python3 "$check" "$t" >/dev/null || { echo "FAIL: a clean tree was refused"; exit 1; }
printf '#include "top/b.hpp"\n' >"$t/engine/base/a.cpp"
out=$(python3 "$check" "$t") && { echo "FAIL: a back-edge passed"; exit 1; }
echo "$out" | grep -q 'engine/base/a.cpp:1: base includes "top/b.hpp", a higher layer' || { echo "FAIL: $out"; exit 1; }
rm "$t/engine/base/a.cpp"
printf 'luohu_layer(base DEPS top)\nluohu_layer(top DEPS base)\n' >"$t/engine/CMakeLists.txt"
python3 "$check" "$t" >/dev/null && { echo "FAIL: a cycle in the table passed"; exit 1; }
printf 'luohu_layer(base)\n' >"$t/engine/CMakeLists.txt"
python3 "$check" "$t" >/dev/null && { echo "FAIL: an undeclared folder passed"; exit 1; }
echo "PASS"
