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

status=0
"$luohu" --lang en --rules "$work/rules" audit "$work/policies" --format html --output "$work/audit.html" >/dev/null || status=$?
[ "$status" -eq 2 ] || { echo "FAIL: expected exit 2 (one file unchecked), got $status"; exit 1; }
if grep -q 'id="kpi-files"' "$work/audit.html"; then
  echo "FAIL: the static page already holds the rendered numbers; the test would not prove the script ran"
  exit 1
fi

timeout 90 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/profile" --dump-dom "file://$work/audit.html" \
  >"$work/dom.html" 2>"$work/chromium.log" || { echo "FAIL: chromium failed"; tail -20 "$work/chromium.log"; exit 1; }

failures=0
expect() {  # expect DESCRIPTION FIXED-STRING
  if grep -qF -- "$2" "$work/dom.html"; then echo "ok: $1"; else echo "FAIL: $1: no '$2' in the rendered DOM"; failures=$((failures + 1)); fi
}
expect "script ran to the end" 'data-rendered="yes"'
expect "files" 'id="kpi-files"><b>3</b>'
expect "checked" 'id="kpi-checked"><b>2</b>'
expect "unchecked" 'id="kpi-unchecked"><b>1</b>'
expect "cities with no error" 'id="kpi-compliant"><b>1 / 2</b>'
expect "errors" 'id="kpi-errors"><b>1</b>'
expect "task chart: one finding for task 9" 'class="bar" data-key="9" data-value="1" data-errors="1"'
expect "province chart: Yunnan (53) has one" 'class="bar" data-key="53" data-value="1" data-errors="1"'
expect "tier chart: medium cities have one" 'class="bar" data-key="medium" data-value="1" data-errors="1"'
expect "rule table: T9 medium 2 cities, 1 violating, 50%" '<tr data-key="T9-SOCIAL-INSURANCE-MEDIUM"><td>T9-SOCIAL-INSURANCE-MEDIUM</td>'
expect "rule table compliance" '<td class="n">2</td><td class="n">1</td><td class="n">50.0%</td><td class="n">1</td><td class="n">1</td><td class="n">1</td>'
expect "drill-down for Qujing" 'data-code="530300" data-findings="1"'
expect "the finding's clause text" '<code class="clause">社会保险 &gt;= 48 个月;</code>'
expect "the unchecked file" 'class="city unchecked" data-code="230400"'
expect "Shanghai listed as missing" '<li data-code="310000">'
# Each checked city's pathway graph, inline in its drill-down; Qujing's workers' channel in red with the rule id.
if command -v dot >/dev/null; then
  expect "Qujing's pathway graph as inline SVG" 'class="graph" data-code="530300"><svg'
  expect "Changde's pathway graph as inline SVG" 'class="graph" data-code="430700"><svg'
  expect "the breaking edge in red with its rule id" 'fill="red">T9-SOCIAL-INSURANCE-MEDIUM</text>'
else
  expect "without Graphviz, a note instead of the graph" 'pathway graph not drawn'
fi
[ "$failures" -eq 0 ] || { echo "$failures check(s) failed; DOM kept at $work/dom.html"; trap - EXIT; exit 1; }
echo "PASS: the HTML report renders in Chromium with the expected numbers"
