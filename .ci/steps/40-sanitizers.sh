#!/usr/bin/env bash
# The whole test suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (cmake/sanitize.cmake). Any report fails the step: UBSan halts on error, ASan
# always does, and leak checking is on.
# Heavy: a second full build. Off by default so CI stays under 20 minutes on 2 cores;
# run with LUOHU_CI_HARDENING=1 (see fuzz/README.md, docs/limits.md).
if [ "${LUOHU_CI_HARDENING:-0}" != 1 ]; then echo "$(basename "$0"): skipped (set LUOHU_CI_HARDENING=1 to run)"; exit 0; fi
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLUOHU_SANITIZE=ON >/dev/null
cmake --build build-asan
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j2
echo "sanitizer build and tests: $(( $(date +%s) - start )) s"
