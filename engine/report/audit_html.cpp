// The audit as one self-contained HTML page: the audit's JSON embedded in a
// data block, rendered by inline JavaScript into totals, SVG bar charts (by
// task, province, tier), tables, and a per-city drill-down quoting each
// finding's clause, with each city's pathway graph as inline SVG. No network,
// no external script or style; data only ever reaches the page through
// textContent, the graphs as Graphviz's escaped SVG markup.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "report/audit_reports.hpp"

namespace luohu {
namespace {

constexpr std::string_view kHead = R"HTML(<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>luohu audit</title>
<style>
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#222}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
.kpis{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}.kpi{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;min-width:8em}
.kpi b{display:block;font-size:1.6em}.kpi.bad b{color:#b00020}.kpi.good b{color:#1b7f3b}
table{border-collapse:collapse;margin:.5em 0;font-size:13px}th,td{border:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f4f4f4}
.charts{display:flex;flex-wrap:wrap;gap:2em}.chart h3{font-size:1em;margin:.3em 0}svg text{font-size:11px}
.bar rect.rest{fill:#e0a030}.bar rect.errors{fill:#c0392b}.bar.zero rect{fill:#ccc}.legend{font-size:12px;color:#555}
details.city{border:1px solid #ddd;border-radius:4px;margin:.3em 0;padding:.2em .6em}details.city summary{cursor:pointer}
details.city.ok summary{color:#1b7f3b}details.city.bad summary{color:#b00020}details.city.unchecked summary{color:#8a5a00}
code.clause{background:#f6f6f6;padding:0 .3em;white-space:pre-wrap}.sev-error{color:#b00020}.sev-warning{color:#8a5a00}
.status-new{color:#b00020;font-weight:bold}.status-fixed{color:#1b7f3b;font-weight:bold}
.hash{font-family:monospace;font-size:11px}#filter{padding:.3em;width:20em}
.graph{overflow-x:auto;margin:.5em 0}.graph svg{max-width:100%;height:auto}.graph-note{color:#8a5a00}
</style>
</head>
<body>
<noscript>This report is drawn by its inline script; enable JavaScript. 本报告由内嵌脚本绘制，请启用 JavaScript。</noscript>
<div id="app"></div>
<script type="application/json" id="audit-data">
)HTML";

constexpr std::string_view kTail = R"HTML(
</script>
<script>
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("audit-data").textContent);
  const zh = data.lang === "zh";
  const t = (a, b) => (zh ? a : b);
  const app = document.getElementById("app");
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  const pct = (r) => (r === null || r === undefined ? "—" : (r * 100).toFixed(1) + "%");
  const cityName = (c) => (zh ? c.name_zh : c.name_en);
  const s = data.summary;

  app.append(el("h1", {}, t("落户政策审计报告", "Settlement policy audit")));
  const prov = el("table", { id: "provenance" });
  const provRow = (k, v, cls) => prov.append(el("tr", {}, el("th", {}, k), el("td", cls ? { class: cls } : {}, v)));
  provRow("luohu", data.tool.version);
  provRow(t("规则包", "rule pack"), data.rule_pack.name + " " + data.rule_pack.version);
  provRow(t("依据", "seed"), data.rule_pack.seed);
  provRow(t("城市登记表", "registry"), data.registry.path + " (" + data.registry.version + ")");
  provRow("registry SHA-256", data.registry.sha256 || "—", "hash");
  provRow(t("输入", "inputs"), data.inputs.join(" "));
  if (data.baseline) provRow(t("基线", "baseline"), data.baseline.path + " · SHA-256 " + data.baseline.sha256);
  app.append(prov);

  const kpis = el("div", { class: "kpis" });
  const kpi = (id, label, value, cls) => kpis.append(el("div", { class: "kpi " + (cls || ""), id: "kpi-" + id }, el("b", {}, value), label));
  kpi("files", t("政策文件", "policy files"), s.files);
  kpi("checked", t("已检查", "checked"), s.checked);
  kpi("unchecked", t("无法检查", "could not be checked"), s.unchecked, s.unchecked ? "bad" : "good");
  kpi("compliant", t("无错误城市", "cities with no error"), s.cities_compliant + " / " + s.cities_checked, "good");
  kpi("errors", t("错误", "errors"), s.errors, s.errors ? "bad" : "good");
  kpi("warnings", t("警告", "warnings"), s.warnings);
  kpi("missing", t("无政策文件的登记城市", "registry cities with no policy"), s.missing);
  kpi("duplicates", t("重复城市", "duplicate cities"), s.duplicates, s.duplicates ? "bad" : "");
  if (s.baseline) {
    kpi("new", t("新增", "new"), s.baseline.new, s.baseline.new ? "bad" : "");
    kpi("fixed", t("已纠正", "fixed"), s.baseline.fixed, "good");
    kpi("unchanged", t("未变", "unchanged"), s.baseline.unchanged);
  }
  app.append(kpis);

  // Horizontal bars, one per group, labelled with the group and its count.
  function chart(id, title, rows) {
    const barH = 18, labelW = 150, plotW = 300, numW = 40;
    const max = Math.max(1, ...rows.map((r) => r.value));
    const box = svg("svg", { id: "chart-" + id, width: labelW + plotW + numW, height: rows.length * barH + 4, role: "img" });
    rows.forEach((r, i) => {
      const g = svg("g", { class: "bar" + (r.value ? "" : " zero"), "data-key": r.key, "data-value": r.value, "data-errors": r.errors });
      const y = i * barH + 2;
      const label = svg("text", { x: labelW - 6, y: y + 13, "text-anchor": "end" });
      label.textContent = r.label;
      // Errors in red, then the other findings (warnings, notes) in amber.
      const errW = (plotW * r.errors) / max, allW = (plotW * r.value) / max;
      const rect = svg("rect", { x: labelW, y: y + 2, height: barH - 4, width: Math.max(1, allW), class: "rest" });
      const errRect = svg("rect", { x: labelW, y: y + 2, height: barH - 4, width: errW, class: "errors" });
      const tip = svg("title");
      tip.textContent = r.label + ": " + r.value + " (" + t("错误 ", "errors: ") + r.errors + ")";
      rect.append(tip);
      const num = svg("text", { x: labelW + allW + 4, y: y + 13, class: "count" });
      num.textContent = r.value;
      g.append(label, rect, errRect, num);
      box.append(g);
    });
    return el("div", { class: "chart" }, el("h3", {}, title), box);
  }
  app.append(el("h2", {}, t("图表", "Charts")));
  const charts = el("div", { class: "charts" });
  const label = (x) => (zh ? x.label_zh : x.label_en);
  charts.append(chart("task", t("按任务的问题数", "Findings by task"), s.by_task.map((x) => ({ key: x.key, label: label(x), value: x.findings, errors: x.errors }))));
  charts.append(chart("province", t("按省份的问题数", "Findings by province"), s.by_province.map((x) => ({ key: x.key, label: label(x), value: x.findings, errors: x.errors }))));
  charts.append(chart("tier", t("按城市规模的问题数", "Findings by tier"), s.by_tier.map((x) => ({ key: x.key, label: label(x), value: x.findings, errors: x.errors }))));
  app.append(charts);
  app.append(el("p", { class: "legend" }, t("红色：错误；橙色：警告和提示。", "Red: errors; amber: warnings and notes.")));

  function tallyTable(id, title, rows, keyHeader, cityGroups) {
    const head = [keyHeader, t("名称", "name"), cityGroups ? t("已检查", "checked") : t("适用城市", "cities"),
      t("有错误", "with errors"), t("合规率", "compliance"), t("有问题", "flagged"), t("问题数", "findings"), t("错误数", "errors")];
    if (cityGroups) head.push(t("无法检查", "unchecked"), t("缺政策", "missing"));
    const table = el("table", { id: "table-" + id }, el("tr", {}, ...head.map((h) => el("th", {}, h))));
    for (const x of rows) {
      const cells = [el("td", {}, x.key), el("td", {}, label(x)), el("td", { class: "n" }, x.applicable),
        el("td", { class: "n" }, x.violating), el("td", { class: "n" }, pct(x.compliance)), el("td", { class: "n" }, x.flagged),
        el("td", { class: "n" }, x.findings), el("td", { class: "n" }, x.errors)];
      if (cityGroups) cells.push(el("td", { class: "n" }, x.unchecked), el("td", { class: "n" }, x.missing));
      table.append(el("tr", { "data-key": x.key }, ...cells));
    }
    app.append(el("h2", {}, title), table);
  }
  tallyTable("rule", t("按规则", "By rule"), s.by_rule, t("规则", "rule"), false);
  tallyTable("task", t("按任务", "By task"), s.by_task, t("任务", "task"), false);
  tallyTable("province", t("按省份", "By province"), s.by_province, t("代码", "code"), true);
  tallyTable("tier", t("按城市规模", "By tier"), s.by_tier, t("规模", "tier"), true);
  tallyTable("unit", t("按责任单位", "By responsible unit"), s.by_unit, t("责任单位", "unit"), false);

  // Per-city drill-down: each finding with its line and clause text.
  app.append(el("h2", {}, t("逐个城市", "City by city")));
  const filter = el("input", { id: "filter", type: "search", placeholder: t("按城市、代码或规则筛选", "filter by city, code or rule") });
  app.append(filter);
  const cities = el("div", { id: "cities" });
  for (const [index, f] of data.files.entries()) {
    const errors = f.findings.filter((x) => x.severity === "error" && !x.input_error && !x.waived).length;
    const state = !f.checked ? "unchecked" : errors ? "bad" : "ok";
    const name = f.city ? cityName(f.city) + " " + f.city.code + (f.city.tier ? " · " + f.city.tier : "") : t("未知城市", "unknown city");
    const verdict = !f.checked ? t("无法检查", "could not be checked") : errors ? t(errors + " 个错误", errors + " error" + (errors > 1 ? "s" : "")) : t("无错误", "no error");
    const d = el("details", { class: "city " + state, "data-code": f.city ? f.city.code : "", "data-findings": f.findings.length },
      el("summary", {}, name + " — " + f.path + " — " + verdict));
    if (f.findings.length) {
      const table = el("table", {}, el("tr", {}, ...[t("行", "line"), t("规则", "rule"), t("级别", "severity"),
        ...(data.baseline ? [t("对比", "status")] : []), t("说明", "message"), t("条款", "clause")].map((h) => el("th", {}, h))));
      for (const x of f.findings) {
        const cells = [el("td", { class: "n" }, (x.file ? x.file + ":" : "") + x.line + ":" + x.column), el("td", {}, x.rule), el("td", { class: "sev-" + x.severity }, x.severity)];
        if (data.baseline) cells.push(el("td", { class: "status-" + (x.status || "") }, x.status || ""));
        cells.push(el("td", {}, x.message + (x.waived ? t(" （已豁免：", " (waived: ") + x.waived.reason + ", " + x.waived.document + t("）", ")") : "")), el("td", {}, el("code", { class: "clause" }, x.clause)));
        table.append(el("tr", { class: "finding", "data-rule": x.rule }, ...cells));
      }
      d.append(table);
    }
    if (f.imports && f.imports.length) d.append(el("div", { class: "imports" }, t("导入：", "imports: ") + f.imports.join(", ")));
    // The pathway graph, laid out by Graphviz when the audit ran (static markup below the data block).
    const graph = document.getElementById("graph-" + index);
    if (graph) {
      const box = el("div", { class: "graph", "data-code": f.city ? f.city.code : "" });
      box.append(...graph.childNodes);
      d.append(el("h4", {}, t("落户路径图（红色：违反规则的渠道）", "Settlement pathways (red: channels that break a rule)")), box);
      graph.remove();
    }
    d.append(el("div", { class: "hash" }, "SHA-256 " + (f.sha256 || "—")));
    cities.append(d);
  }
  app.append(cities);
  filter.addEventListener("input", () => {
    const q = filter.value.trim().toLowerCase();
    for (const d of cities.children) d.hidden = q !== "" && !d.textContent.toLowerCase().includes(q);
  });

  if (data.gone.length) {
    app.append(el("h2", {}, t("基线中已消失的问题", "Findings gone since the baseline")));
    const table = el("table", { id: "gone" }, el("tr", {}, ...[t("城市", "city"), t("文件", "file"), t("规则", "rule"),
      t("对比", "status"), t("说明", "message"), t("条款", "clause")].map((h) => el("th", {}, h))));
    for (const x of data.gone)
      table.append(el("tr", {}, el("td", {}, cityName(x.city) + " " + x.city.code), el("td", {}, x.file + ":" + x.line), el("td", {}, x.rule),
        el("td", { class: "status-" + x.status }, x.status), el("td", {}, x.message), el("td", {}, el("code", { class: "clause" }, x.clause))));
    app.append(table);
  }
  if (data.waivers.length) {
    app.append(el("h2", {}, t("豁免台账", "Waiver ledger") + " (" + data.waivers.length + ")"));
    const table = el("table", { id: "waivers" }, el("tr", {}, ...[t("文件", "file"), t("规则", "rule"), t("理由", "reason"),
      t("批准文件", "document"), t("批准日期", "date"), t("到期", "expires"), t("状态", "status"), t("豁免问题数", "findings")].map((h) => el("th", {}, h))));
    for (const w of data.waivers)
      table.append(el("tr", { "data-status": w.status }, el("td", {}, w.file + ":" + w.line), el("td", {}, w.rule), el("td", {}, w.reason),
        el("td", {}, w.document), el("td", {}, w.date), el("td", {}, w.expires), el("td", {}, w.status), el("td", { class: "n" }, w.waived_findings)));
    app.append(table);
  }
  if (data.duplicates.length) {
    app.append(el("h2", {}, t("重复城市", "Duplicate cities")));
    const ul = el("ul", { id: "duplicates" });
    for (const d of data.duplicates) ul.append(el("li", {}, d.city + ": " + d.files.join(", ")));
    app.append(ul);
  }
  app.append(el("h2", {}, t("登记表中无政策文件的城市", "Registry cities with no policy") + " (" + data.missing.length + ")"));
  const missing = el("ul", { id: "missing" });
  for (const c of data.missing) missing.append(el("li", { "data-code": c.code }, (zh ? c.province_zh : c.province_en) + " · " + cityName(c) + " " + c.code + " · " + c.level));
  app.append(missing);

  app.append(el("h2", {}, t("规则文件", "Rule files")));
  const rules = el("table", { id: "rule-files" });
  for (const f of data.rule_pack.files) rules.append(el("tr", {}, el("td", {}, f.path), el("td", { class: "hash" }, f.sha256 || "—")));
  app.append(rules);
  document.body.setAttribute("data-rendered", "yes");
})();
</script>
</body>
</html>
)HTML";

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

bool contains_nocase(std::string_view text, std::string_view word) {
  auto it = std::search(text.begin(), text.end(), word.begin(), word.end(),
                        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return it != text.end();
}

// One hidden block per city with a graph: Graphviz's SVG inline (its own
// text is XML-escaped by Graphviz), or without Graphviz a note and the DOT.
std::string graph_markup(const audit::FileResult& file, std::size_t index, Lang lang) {
  if (file.graph_dot.empty()) return {};
  bool zh = lang == Lang::zh;
  std::string body;
  std::string_view svg = file.graph_svg ? std::string_view(*file.graph_svg) : std::string_view();
  auto start = svg.find("<svg");
  // Never inline anything active: Graphviz writes neither scripts nor links unless a DOT attribute asks.
  if (start != std::string_view::npos && !contains_nocase(svg, "<script") && !contains_nocase(svg, "javascript:") &&
      !contains_nocase(svg, "<foreignobject")) {
    body = std::string(svg.substr(start));
  } else {
    std::string why = file.graph_error.empty() ? (zh ? "SVG 无效" : "invalid SVG") : file.graph_error;
    body = fmt::format("<p class=\"graph-note\">{}</p><details><summary>DOT</summary><pre>{}</pre></details>",
                       escape(zh ? fmt::format("未绘制路径图：{}（安装 graphviz 后重新审计）", why)
                                 : fmt::format("pathway graph not drawn: {} (install graphviz and audit again)", why)),
                       escape(file.graph_dot));
  }
  return fmt::format("<div hidden id=\"graph-{}\">{}</div>\n", index, body);
}

}  // namespace

std::string render_audit_html(const AuditReportInput& in) {
  // "<" escaped so no text in the data can close the script block.
  std::string data;
  for (char c : audit_json(in).dump()) {
    if (c == '<') data += "\\u003c";
    else data += c;
  }
  std::string out(kHead);
  out += data;
  // The graphs go between the data block and the script that moves them into the drill-down.
  auto script = kTail.find("<script>");
  out += kTail.substr(0, script);
  for (std::size_t i = 0; i < in.result.files.size(); ++i) out += graph_markup(in.result.files[i], i, in.lang);
  out += kTail.substr(script);
  return out;
}

}  // namespace luohu
