#!/usr/bin/env bash
# Builds the VS Code extension (editors/vscode) into luohu.vsix with @vscode/vsce
# from the npm registry. Uses the machine's Node.js (>= 20) and npm; no cache.
set -euo pipefail
cd "$(dirname "$0")/../../editors/vscode"
if ! command -v npm >/dev/null; then
  echo "20-editor: npm not found: the VS Code extension needs Node.js >= 20 and npm" >&2
  exit 1
fi
start=$(date +%s)
timeout 600 npm ci --no-audit --no-fund --loglevel=error
timeout 300 npx --no-install vsce package --skip-license --allow-missing-repository -o luohu.vsix
# The package holds the manifest, the grammar and the language client.
# Capture the listing first: grep -q closing the pipe early would fail the step under pipefail.
listing=$(/usr/bin/python3 -m zipfile -l luohu.vsix)
grep -q 'extension/syntaxes/luohu.tmLanguage.json' <<<"$listing"
grep -q 'extension/node_modules/vscode-languageclient/' <<<"$listing"
echo "20-editor: built editors/vscode/luohu.vsix in $(( $(date +%s) - start )) s"
