#!/usr/bin/env bash
# Opens the audit's HTML report in headless Chromium and checks that its
# inline script drew the expected numbers (they are not in the page's static
# markup: only the data block holds them). Usage: audit_html_test.sh LUOHU SOURCE_DIR
# Exit 77 (ctest: skipped) when chromium is not installed.
set -euo pipefail
luohu=$1
src=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIPPED: chromium is not installed (apt-get install chromium; CI installs it via scripts/packages/audit.txt)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/policies/yunnan" "$work/policies/hunan" "$work/policies/heilongjiang"
# 曲靖 (medium city) asks 48 months of social insurance, over the 3-year cap; 常德 (medium) stays within it.
cat > "$work/policies/yunnan/qujing.luohu" <<'POLICY'
城市 530300 曲靖市;
渠道 务工人员落户 {
  对象 农业转移人口、高校毕业生、技术工人、职业院校毕业生、留学归国人员;
  条件 {
    社会保险 >= 48 个月;
  }
}
POLICY
cat > "$work/policies/hunan/changde.luohu" <<'POLICY'
城市 430700 常德市;
渠道 务工人员落户 {
  对象 农业转移人口、高校毕业生;
  条件 {
    社会保险 >= 3 年;
  }
}
POLICY
printf '城市 230400 鹤岗市;\n渠道 {\n' > "$work/policies/heilongjiang/hegang.luohu"
# A fixed small rule pack, so the expected numbers do not move as rules/ grows.
mkdir "$work/rules"
for rule in pack T7-PURCHASE-INVEST-TAX T9-SOCIAL-INSURANCE-LARGE T9-SOCIAL-INSURANCE-MEDIUM; do
  cp "$src/rules/$rule.yaml" "$work/rules/"
done
mkdir "$work/rules/documents"  # the document those rules cite
cp "$src/rules/documents/guobanfa-2016-72.yaml" "$work/rules/documents/"

status=0
"$luohu" --lang en --rules "$work/rules" audit "$work/policies" --over-time 2017-01-01 --format html --output "$work/audit.html" >/dev/null || status=$?
[ "$status" -eq 2 ] || { echo "FAIL: expected exit 2 (one file unchecked), got $status"; exit 1; }
if grep -q 'id="kpi-checked"' "$work/audit.html"; then
  echo "FAIL: the static page already holds the rendered numbers; the test would not prove the script ran"
  exit 1
fi

chrome() {  # chrome URL OUT: the DOM after the inline script ran
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$work/profile" --dump-dom "$1" \
    >"$2" 2>"$work/chromium.log" || { echo "FAIL: chromium failed"; tail -20 "$work/chromium.log"; exit 1; }
}
chrome "file://$work/audit.html" "$work/dom.html"
# Opened at #province-53 (where a click on Yunnan leads): only Yunnan's cities are shown.
chrome "file://$work/audit.html#province-53" "$work/dom-53.html"

failures=0
expect() {  # expect DESCRIPTION FIXED-STRING [FILE]
  if grep -qF -- "$2" "${3:-$work/dom.html}"; then echo "ok: $1"; else echo "FAIL: $1: no '$2' in the rendered DOM"; failures=$((failures + 1)); fi
}
reject() {  # reject DESCRIPTION FIXED-STRING [FILE]
  if grep -qF -- "$2" "${3:-$work/dom.html}"; then echo "FAIL: $1: '$2' is in the rendered DOM"; failures=$((failures + 1)); else echo "ok: $1"; fi
}
expect "script ran to the end" 'data-rendered="yes"'
expect "the page says its language" '<html lang="en">'
# Figures: each with what it counts and over how many; errors and warnings apart.
expect "cities checked, over the registry cities expected" 'id="kpi-checked"><b>2 / '
expect "cities with errors over cities checked" 'id="kpi-with-errors"><b>1 / 2</b>'
expect "cities with warnings only, apart" 'id="kpi-warnings-only"><b>0 / 2</b>'
expect "clean cities: 1 of 2 is not all, so not green" 'class="kpi " id="kpi-clean"><b>1 / 2</b>'
expect "errors" 'id="kpi-errors"><b>1</b>'
expect "unchecked files in red" 'class="kpi bad" id="kpi-unchecked"><b>1 / 3</b>'
# The map: one shape per provincial-level division, coloured by the share of checked cities with errors.
shapes=$(grep -o '<path class="prov [^"]*" d="[^"]*" data-province="[0-9]*"' "$work/dom.html" | grep -o 'data-province="[0-9]*"' | sort -u | wc -l)
paths=$(grep -o '<path class="prov ' "$work/dom.html" | wc -l)
if [ "$shapes" -eq 34 ] && [ "$paths" -eq 34 ]; then echo "ok: the map has one shape for each of the 34 provincial-level divisions"
else echo "FAIL: the map has $paths province shapes for $shapes codes, expected 34 and 34"; failures=$((failures + 1)); fi
for code in 11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82; do
  grep -q "data-province=\"$code\" data-class=" "$work/dom.html" || { echo "FAIL: no map shape for province $code"; failures=$((failures + 1)); }
done
expect "Yunnan: its one checked city has an error" 'data-province="53" data-class="e3"'
expect "Hunan: its one checked city is clean (green)" 'data-province="43" data-class="clean"'
expect "Heilongjiang: its file could not be checked, so no data (not 0)" 'data-province="23" data-class="nodata"'
expect "Shanghai: no policy, no data" 'data-province="31" data-class="nodata"'
expect "the ten-dash line is drawn" '<path class="dash" d="M'
# --over-time: the same cities under 2017-01-01's rules beside today's (the main audit's), drawn by the script.
expect "the dates side by side" '<table id="table-over-time"'
expect "2017-01-01 is a column" '>2017-01-01</th>'
expect "all checked cities: 1 of 2 with no error" '1 / 2 (50.0%)'
expect "the rules that tell the dates apart" '<table id="table-over-time-rules"'

expect "the South China Sea inset is labelled" '>South China Sea Islands</text>'
expect "the legend counts provinces per class" '<li data-class="e3"><span class="sw c-e3"'
expect "Qujing as a point on the map" '<circle class="pt s-error" cx='
expect "the map's label: errors / checked" 'data-province="53">1/1</text>'
# Tables: no data is no data.
expect "province table: Heilongjiang has no checked city, shown as no data" '<tr data-key="23" data-class="nodata"><td>23</td><td>Heilongjiang</td><td class="n">0</td><td class="n" data-sort="">—</td>'
expect "province table: Yunnan 1 checked, 1 with errors" '<tr data-key="53" data-class="e3"><td>53</td><td>Yunnan</td><td class="n">1</td><td class="n">1</td><td class="n">0</td><td class="n">0</td>'
expect "tables sort on a click of their headers" '<th class="n sortable">'
expect "rule table: T9 medium 2 cities, 1 with errors, 50%" '<tr data-key="T9-SOCIAL-INSURANCE-MEDIUM"><td>T9-SOCIAL-INSURANCE-MEDIUM</td>'
expect "rule table compliance (errors only)" '<td class="n">2</td><td class="n">1</td><td class="n">0</td><td class="n " data-sort="0.5">50.0%</td>'
# Each city a section one can link to, with its facts; no data where the audit has none.
expect "Qujing's section, linkable as #530300" '<section class="city s-error" id="530300" data-code="530300" data-province="53"'
expect "the unchecked file's section" 'class="city s-unchecked" id="230400"'
expect "the finding's clause text" '<code class="clause">社会保险 &gt;= 48 个月;</code>'
expect "the national text beside it" '“大城市落户条件中对参加城镇社会保险的年限要求不得超过5年,中等城市不得超过3年。”'
expect "filters by province, tier, rule, severity and verification" 'id="filter-verification"'
for f in province tier rule severity; do expect "filter by $f" "<select id=\"filter-$f\""; done
expect "Shanghai listed as missing" '<span data-code="310000"'
expect "a Chinese font stack of Windows and macOS" '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC"'
# Following #province-53: Qujing shown, Changde (43) hidden.
expect "#province-53 shows Qujing" '<section class="city s-error" id="530300" data-code="530300" data-province="53" data-tier="medium" data-verification="" data-findings="1" data-state="error">' "$work/dom-53.html"
expect "#province-53 hides Changde" 'id="430700" data-code="430700" data-province="43" data-tier="medium" data-verification="" data-findings="0" data-state="clean" hidden=""' "$work/dom-53.html"
expect "#province-53 selects Yunnan on the map" 'class="prov c-e3 sel"' "$work/dom-53.html"
# Each checked city's pathway graph, inline in its section; Qujing's workers' channel in red with the rule id.
if command -v dot >/dev/null; then
  expect "Qujing's pathway graph as inline SVG" 'class="graph" data-code="530300"><svg'
  expect "Changde's pathway graph as inline SVG" 'class="graph" data-code="430700"><svg'
  expect "the breaking edge in red with its rule id" 'fill="red">T9-SOCIAL-INSURANCE-MEDIUM</text>'
  reject "Graphviz's node ids are not left as tooltips" '<title>G</title>'
  expect "the graph fitted to its drawing, at Graphviz's scale" 'data-fitted="yes"'
else
  expect "without Graphviz, a note instead of the graph" 'pathway graph not drawn'
fi
# Change since the baseline, where the figures are: Qujing fixes its cap (fixed in Yunnan), Changde breaks it (new in Hunan).
"$luohu" --lang en --rules "$work/rules" audit "$work/policies" --format json --output "$work/before.json" >/dev/null || true
sed -i 's/>= 48 个月/>= 36 个月/' "$work/policies/yunnan/qujing.luohu"
sed -i 's/>= 3 年/>= 4 年/' "$work/policies/hunan/changde.luohu"
"$luohu" --lang en --rules "$work/rules" audit "$work/policies" --baseline "$work/before.json" --format html --output "$work/after.html" >/dev/null || true
chrome "file://$work/after.html" "$work/dom-after.html"
expect "baseline: one new finding" 'id="kpi-new"><b>1</b>' "$work/dom-after.html"
expect "baseline: one fixed, in green" 'class="kpi good" id="kpi-fixed"><b>1</b>' "$work/dom-after.html"
expect "baseline: Yunnan fixed one" '<tr data-key="53" data-class="clean" data-new="0" data-fixed="1">' "$work/dom-after.html"
expect "baseline: Hunan has one new" '<tr data-key="43" data-class="e3" data-new="1" data-fixed="0">' "$work/dom-after.html"
expect "baseline: the rule has one new, one fixed" '<tr data-key="T9-SOCIAL-INSURANCE-MEDIUM" data-new="1" data-fixed="1">' "$work/dom-after.html"
expect "baseline: the gone finding listed" 'id="table-gone"' "$work/dom-after.html"
[ "$failures" -eq 0 ] || { echo "$failures check(s) failed; DOM kept at $work/dom.html"; trap - EXIT; exit 1; }
echo "PASS: the HTML report renders in Chromium: figures, the map (34 shapes), tables, city sections, filters, change since the baseline"
