#!/usr/bin/env bash
# The audit report's vendored map (engine/report/assets/china_map.cpp) is what scripts/map/build-map.mjs
# makes from the pinned npm packages (scripts/map/README.md). Needs Node.js >= 20 and npm, as 20-editor.sh.
set -euo pipefail
cd "$(dirname "$0")/../../scripts/map"
start=$(date +%s)
timeout 300 npm ci --no-audit --no-fund --loglevel=error
node build-map.mjs --check
echo "50-map: china_map.cpp matches its packages ($(( $(date +%s) - start )) s)"
