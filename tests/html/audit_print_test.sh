#!/usr/bin/env bash
# Prints the zh audit report of the bundled corpus (policies/) to PDF with headless Chromium, as a
# department head would print it, and checks the paper: the first page holds the header (rule pack,
# registry, the audit's date, the inputs' SHA-256); the text holds every error message and every
# city's document number; each city starts a page.
# Usage: audit_print_test.sh LUOHU SOURCE_DIR. Exit 77 (ctest: skipped) without chromium or pdftotext.
set -euo pipefail
luohu=$1
src=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
  echo "SKIPPED: needs chromium and poppler-utils (pdftotext, pdfinfo); CI installs them via scripts/packages/audit.txt"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
status=0
"$luohu" --lang zh audit policies/ --as-of 2026-12-01 --format html --output "$work/audit.html" >/dev/null || status=$?
# 2 is a file that could not be checked (.ci/steps/30-audit.sh fails on that): its error is printed too.
[ "$status" -le 2 ] && [ -s "$work/audit.html" ] || { echo "FAIL: the audit of policies/ exited $status with no report"; exit 1; }
"$luohu" --lang zh audit policies/ --as-of 2026-12-01 --format json --output "$work/audit.json" >/dev/null || true

timeout 240 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf="$work/audit.pdf" \
  "file://$work/audit.html" >"$work/chromium.log" 2>&1 || { echo "FAIL: chromium failed"; tail -20 "$work/chromium.log"; exit 1; }
pages=$(pdfinfo "$work/audit.pdf" | awk '/^Pages:/ { print $2 }')
pdftotext -enc UTF-8 "$work/audit.pdf" "$work/all.txt"
pdftotext -enc UTF-8 -f 1 -l 1 "$work/audit.pdf" "$work/first.txt"
pdftotext -enc UTF-8 -f 2 -l 2 "$work/audit.pdf" "$work/second.txt"

# Compared with all whitespace removed: a printed line breaks wherever the page is full.
python3 - "$work" "$pages" <<'PY'
import json, re, sys
work, pages = sys.argv[1], int(sys.argv[2])
# pdftotext drops a hyphen that ends a printed line ("2016-" + "02-15" reads "201602-15"): hyphens are left out
# on both sides, so a date that wraps still matches.
squash = lambda s: re.sub(r"[\s-]+", "", s)
data = json.load(open(f"{work}/audit.json", encoding="utf-8"))
text = squash(open(f"{work}/all.txt", encoding="utf-8").read())
first = squash(open(f"{work}/first.txt", encoding="utf-8").read())
failures = []
def expect(what, needle, hay, where):
    if squash(needle) not in hay:
        failures.append(f"{what}: '{needle}' not on {where}")

pack = data["rule_pack"]
expect("the rule pack", pack["name"] + " " + pack["version"], first, "the first page")
expect("the registry version", data["registry"]["version"], first, "the first page")
expect("the audit's date", "2026-12-01", first, "the first page")
expect("the title", "落户政策审计报告", first, "the first page")
# The inputs' SHA-256, as the report computes it: sha256sum's list of every file, in report order.
import hashlib
manifest = "".join(f"{f['sha256'] or '-'}  {f['path']}\n" for f in data["files"])
expect("the inputs' SHA-256", hashlib.sha256(manifest.encode()).hexdigest(), first, "the first page")

# Every error: the findings of error severity and the input errors of files that could not be checked.
errors = [x for f in data["files"] for x in f["findings"] if x["severity"] == "error" and not x.get("waived")]
for x in errors:
    expect("error message", x["message_zh"], text, "the PDF")
numbers = []
for f in data["files"]:
    p = f.get("provenance") or {}
    for n in [p.get("document") or p.get("number")] + [s.get("number") for s in p.get("sources") or []]:
        if n:
            numbers.append(n)
            expect("document number", n, text, "the PDF")
for f in data["files"]:
    if f["city"]:
        expect("the city's section", f["city"]["name_zh"] + f["city"]["code"], text, "the PDF")
# Each page's footer: the report, its date and "page / pages".
second = squash(open(f"{work}/second.txt", encoding="utf-8").read())
expect("page 2's number", f"2/{pages}", second, "page 2")
expect("page 2's footer", "落户政策审计报告·2026-12-01", second, "page 2")
cities = sum(1 for f in data["files"] if f["city"])
if pages < cities + 1:
    failures.append(f"{pages} pages for {cities} cities: each city should start a page after the first")
for f in failures[:20]:
    print("FAIL:", f)
print(f"{len(errors)} error messages, {len(numbers)} document numbers, {cities} cities, {pages} pages; {len(failures)} missing")
sys.exit(1 if failures else 0)
PY
echo "PASS: the printed report ($pages pages) holds the header on page 1, every error message and every document number"
