// The audit as one self-contained HTML page for the people who act on it: the
// audit's JSON and a map of China (report/china_map.hpp) embedded in data
// blocks, drawn by inline JavaScript into a header that says what was audited,
// a written conclusion, figures that each say what they count and over how many
// cities (errors and warnings apart, no data shown as no data), a map of the
// provinces, sortable tables, filters, and one linkable section per city
// (#440400) with its document, findings and pathway graph. A print stylesheet
// expands everything for paper. No network, no external script or style; data
// only ever reaches the page through textContent, the graphs as Graphviz's
// escaped SVG markup, the map as coordinates set as attributes.
#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "model/vocabulary.hpp"
#include "report/audit_reports.hpp"
#include "report/china_map.hpp"
#include "report/reporters.hpp"
#include "util/sha256.hpp"

namespace luohu {
namespace {

// Chinese UI fonts first, as Chinese Windows (Microsoft YaHei), macOS (PingFang SC) and Linux (Noto Sans CJK SC) have them.
constexpr std::string_view kHead = R"HTML(<!DOCTYPE html>
<html lang="@LANG@">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>
:root{--err:#b3261e;--err2:#e0665c;--err1:#f4b7b0;--warn:#9a6700;--warnbg:#f7dd8a;--ok:#1b7f3b;--okbg:#a9d8b5;--nodata:#e6e6e6;--line:#d6d6d6}
body{font:14px/1.55 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","Hiragino Sans GB","WenQuanYi Micro Hei",system-ui,sans-serif;margin:0 auto;max-width:1320px;padding:1em 2em;color:#1f1f1f}
h1{font-size:1.7em;margin:.2em 0 .1em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:2px solid #333;padding-bottom:.1em}h3{font-size:1.1em;margin:.2em 0}
.sub{color:#555}.note{color:#555;font-size:12.5px}.nodata{color:#777;font-style:italic}
#provenance{display:grid;grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);gap:0 .8em;font-size:12.5px;margin:.4em 0}#provenance dt{font-weight:600}#provenance dd{margin:0}
.top{display:grid;grid-template-columns:minmax(0,1fr) 420px;gap:1em;align-items:start}.top .kpis{grid-template-columns:1fr 1fr;margin:0}
#conclusion{font-size:15px;background:#f6f6f6;border-left:4px solid #333;padding:.6em 1em;margin:1em 0}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:.5em;margin:1em 0}
.kpi{border:1px solid var(--line);border-top:4px solid #888;border-radius:4px;padding:.3em .7em;font-size:13px;line-height:1.35}.kpi b{display:block;font-size:1.6em;font-variant-numeric:tabular-nums}
.kpi .of{font-size:12px;color:#555}.kpi.bad{border-top-color:var(--err)}.kpi.bad b{color:var(--err)}.kpi.warn{border-top-color:#d4a106}.kpi.warn b{color:var(--warn)}
.kpi.good{border-top-color:var(--ok)}.kpi.good b{color:var(--ok)}.kpi .delta{font-size:12px}
table{border-collapse:collapse;margin:.5em 0;font-size:13px}th,td{border:1px solid var(--line);padding:.2em .55em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f1f1f1}th.sortable{cursor:pointer;user-select:none}th.sortable:after{content:" ↕";color:#aaa}
th.asc:after{content:" ↑";color:#333}th.desc:after{content:" ↓";color:#333}
#map{width:100%;height:auto;border:1px solid var(--line);background:#eef3f7;display:block}
#map .prov{stroke:#fff;stroke-width:.7;cursor:pointer}#map .prov:hover{stroke:#000;stroke-width:1.6}#map .prov.sel{stroke:#000;stroke-width:2}
.c-nodata{fill:var(--nodata)}.c-clean{fill:var(--okbg)}.c-warn{fill:var(--warnbg)}.c-e1{fill:var(--err1)}.c-e2{fill:var(--err2)}.c-e3{fill:var(--err)}
#map .border{fill:none;stroke:#555;stroke-width:.9}#map .dash{fill:#555}#map .nb{fill:#f7f7f2;stroke:#c8c8c8;stroke-width:.5}#map .land{fill:var(--nodata);stroke:#555;stroke-width:.6}
#map .label{font-size:16px;fill:#222;pointer-events:none;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:2.5px}
#map .pt{stroke:#fff;stroke-width:1.6;cursor:pointer}#map .pt.s-error{fill:#7a0d07}#map .pt.s-warning{fill:#8a5d00}#map .pt.s-clean{fill:#0f5f2a}#map .pt.s-unchecked{fill:#555}
.legend{font-size:12.5px}.legend .sw{display:inline-block;width:1.1em;height:.9em;vertical-align:-.1em;margin-right:.3em;border:1px solid #999}
.legend li{list-style:none;margin:.15em 0}.legend ul{padding:0;margin:.3em 0}
.bar{display:inline-block;height:.75em;vertical-align:middle}.bar.e{background:var(--err)}.bar.w{background:#d4a106}.bar.c{background:var(--ok)}.bar.u{background:var(--nodata)}
#filters{position:sticky;top:0;background:#fff;z-index:2;padding:.4em 0;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
#filters select,#filters input{font:inherit;padding:.15em}#shown{color:#555}
section.city{border:1px solid var(--line);border-left:6px solid #888;border-radius:4px;margin:1em 0;padding:.5em 1em}
section.city.s-error{border-left-color:var(--err)}section.city.s-warning{border-left-color:#d4a106}section.city.s-clean{border-left-color:var(--ok)}section.city.s-unchecked{border-left-color:#555}
section.city h3 a{color:inherit;text-decoration:none}.badge{display:inline-block;border-radius:3px;padding:0 .45em;margin-left:.4em;font-size:12px;font-weight:normal;border:1px solid}
.badge.e{color:var(--err);border-color:var(--err)}.badge.w{color:var(--warn);border-color:#d4a106}.badge.c{color:var(--ok);border-color:var(--ok)}.badge.u{color:#555;border-color:#888}
dl.facts{display:grid;grid-template-columns:9em 1fr;gap:.1em .8em;margin:.4em 0;font-size:13px}dl.facts dt{color:#555}dl.facts dd{margin:0}
code.clause{background:#f4f4f4;padding:0 .3em;white-space:pre-wrap}.quote{color:#333}.cited{margin-top:.2em}
.sev-error{color:var(--err);font-weight:600}.sev-warning{color:var(--warn)}.sev-note{color:#555}
.status-new{color:var(--err);font-weight:bold}.status-fixed{color:var(--ok);font-weight:bold}.status-unverified{color:var(--warn)}
.hash{font-family:ui-monospace,monospace;font-size:11px;word-break:break-all}
.graph{overflow:auto;max-height:80vh;margin:.5em 0;border:1px solid #eee}.graph svg{height:auto}.graph-note{color:var(--warn)}
.cov-worse{color:var(--err);font-weight:600}.cov-silent{color:#777}.cov-equal,.cov-stated{color:var(--ok)}
@page{size:A4;margin:14mm 12mm 16mm;@bottom-center{content:counter(page) " / " counter(pages);font-size:9pt;color:#555}@bottom-left{content:"@FOOTER@";font-size:8pt;color:#777}}
@media print{
  body{max-width:none;padding:0;font-size:10pt}#filters,.screen-only{display:none!important}
  .print-only{display:block!important}
  section.city,section.city[hidden],tr.finding[hidden]{display:revert!important}
  section.city{break-before:page;border:none;border-top:4px solid #888;border-radius:0;padding:.3em 0}
  h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}
  #first-page{break-after:page}.top{display:block}.top .kpis{grid-template-columns:repeat(4,1fr);margin-top:.6em}#provenance{font-size:9pt;grid-template-columns:max-content minmax(0,1fr)}#provenance dd{white-space:nowrap}
  .graph{overflow:visible;max-height:none;border:none}.graph svg{max-width:100%}
  table.findings,table.findings tbody,table.findings tr,table.findings td{display:block;border:none;padding:0}table.findings thead{display:none}
  table.findings tr.finding{border-top:1px solid #bbb;padding:.25em 0}table.findings td.meta{display:inline;margin-right:.8em}
  table.findings td.message{margin:.1em 0;font-weight:600}table.findings td.quote:before{content:attr(data-label)}table.findings td.own:before{content:attr(data-label)}
  a{color:inherit;text-decoration:none}th.sortable:after{content:""}
}
.print-only{display:none}
</style>
</head>
<body>
<noscript>This report is drawn by its inline script; enable JavaScript. 本报告由内嵌脚本绘制，请启用 JavaScript。</noscript>
<div id="app"></div>
<script type="application/json" id="audit-data">
)HTML";

constexpr std::string_view kMapOpen = R"HTML(
</script>
<script type="application/json" id="map-data">
)HTML";

constexpr std::string_view kTail = R"HTML(
</script>
<script>
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("audit-data").textContent);
  const map = JSON.parse(document.getElementById("map-data").textContent);
  const zh = data.lang === "zh";
  const t = (a, b) => (zh ? a : b);
  const app = document.getElementById("app");
  const SVG = "http://www.w3.org/2000/svg";
  const s = data.summary;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const NODATA = t("无数据", "no data");
  const nodata = (why) => el("span", { class: "nodata" }, why ? NODATA + t("（", " (") + why + t("）", ")") : NODATA);
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) + "%" : "—");
  const label = (x) => (zh ? x.label_zh : x.label_en) || x.label || x.key;
  const levelName = (id) => (data.level_labels || {})[id] || id;
  const cityName = (c) => (zh ? c.name_zh : c.name_en);
  const provName = (c) => (zh ? c.province_zh : c.province_en);
  const sevName = { error: t("错误", "error"), warning: t("警告", "warning"), note: t("提示", "note") };
  const waiverStatus = { active: t("生效", "active"), unused: t("未用上", "unused"), expired: t("已过期", "expired"), ambiguous: t("有歧义", "ambiguous"), not_in_force: t("尚未生效", "not in force") };
  const statusName = { new: t("新增", "new"), unchanged: t("未变", "unchanged"), fixed: t("已纠正", "fixed"), unverified: t("无法核实", "unverified") };
  const rules = new Map(data.rules.map((r) => [r.id, r]));
  const ruleTitle = (id) => { const r = rules.get(id); return r ? (zh ? r.title_zh : r.title_en) || r.title : ""; };

  // ---- One record per file: what the figures count -------------------------------------------
  const dupFiles = new Set(data.duplicates.flatMap((d) => d.files));
  const counted = (x) => !x.input_error && !x.waived;
  // A city with two files counts once, on its first file, with every file's findings and as non-compliant:
  // a decoy file claiming the city cannot hide the real policy's errors.
  const dupFirst = new Map(data.duplicates.map((d) => [d.files[0], d.files]));
  const tally = (f) => {
    const n = { error: 0, warning: 0, note: 0 };
    for (const x of f.findings) if (counted(x)) n[x.severity] = (n[x.severity] || 0) + 1;
    return n;
  };
  const byPath = new Map(data.files.map((f) => [f.path, f]));
  const files = data.files.map((f, index) => {
    const dup = dupFiles.has(f.path);
    const n = tally(f);
    if (dupFirst.has(f.path)) {
      for (const other of dupFirst.get(f.path).slice(1)) {
        const m = tally(byPath.get(other) || { findings: [] });
        for (const k of Object.keys(n)) n[k] += m[k];
      }
    }
    const checked = f.checked && (!dup || dupFirst.has(f.path));
    const state = !f.checked ? "unchecked" : n.error || dup ? "error" : n.warning ? "warning" : "clean";
    const p = f.provenance || null;
    return { f, index, n, checked, state, city: f.city, province: f.city ? f.city.code.slice(0, 2) : "",
      id: f.city ? f.city.code : "file-" + index, verification: p && p.verification ? p.verification : "" };
  });
  const checkedCities = files.filter((x) => x.checked && x.city);
  const C = checkedCities.length;
  const count = (pred) => checkedCities.filter(pred).length;
  const withErrors = count((x) => x.n.error > 0 || x.state === "error"), warnOnly = count((x) => x.state === "warning");
  const clean = C - withErrors - warnOnly;
  const registryTotal = C + s.unchecked + s.missing;
  const tierLabel = new Map(s.by_tier.map((x) => [x.key, label(x)]));
  const levelLabel = new Map((s.by_verification || []).map((x) => [x.key, label(x)]));

  // Per group of findings (a rule, a task, a unit): cities with an error of it, cities with a warning and no error of it.
  function groupCities(keyOf) {
    const out = new Map();
    for (const x of checkedCities) {
      const mine = new Map();
      for (const g of x.f.findings) {
        if (!counted(g)) continue;
        for (const k of keyOf(g)) {
          const m = mine.get(k) || { error: false, warning: false };
          if (g.severity === "error") m.error = true;
          if (g.severity === "warning") m.warning = true;
          mine.set(k, m);
        }
      }
      for (const [k, m] of mine) {
        const o = out.get(k) || { error: 0, warnOnly: 0, newF: 0, fixed: 0 };
        if (m.error) o.error++;
        else if (m.warning) o.warnOnly++;
        out.set(k, o);
      }
    }
    // Change since the baseline: new findings here, fixed ones from the gone list.
    for (const x of files) for (const g of x.f.findings) if (g.status === "new") for (const k of keyOf(g)) { const o = out.get(k) || { error: 0, warnOnly: 0, newF: 0, fixed: 0 }; o.newF++; out.set(k, o); }
    for (const g of data.gone) if (g.status === "fixed") for (const k of keyOf(g)) { const o = out.get(k) || { error: 0, warnOnly: 0, newF: 0, fixed: 0 }; o.fixed++; out.set(k, o); }
    return out;
  }
  const units = (g) => (g.responsible || "").split(/[、，,;；]/).map((u) => u.trim()).filter(Boolean);
  const byRule = groupCities((g) => [g.rule]);
  const byTask = groupCities((g) => (g.task === null || g.task === undefined ? [] : [String(g.task)]));
  const byUnit = groupCities(units);

  // Per province: the checked cities' states, and the change since the baseline.
  const provinces = new Map();
  for (const row of s.by_province) provinces.set(row.key, { key: row.key, name: label(row), checked: 0, error: 0, warnOnly: 0, clean: 0,
    unchecked: row.unchecked || 0, missing: row.missing || 0, errors: 0, warnings: 0, newF: 0, fixed: 0, row });
  const prov = (code) => {
    if (!provinces.has(code)) provinces.set(code, { key: code, name: code, checked: 0, error: 0, warnOnly: 0, clean: 0, unchecked: 0, missing: 0, errors: 0, warnings: 0, newF: 0, fixed: 0 });
    return provinces.get(code);
  };
  for (const x of checkedCities) {
    const p = prov(x.province);
    p.checked++;
    if (x.state === "error") p.error++; else if (x.state === "warning") p.warnOnly++; else p.clean++;
    p.errors += x.n.error;
    p.warnings += x.n.warning;
  }
  for (const x of files) if (x.city) for (const g of x.f.findings) if (g.status === "new") prov(x.province).newF++;
  for (const g of data.gone) if (g.status === "fixed" && g.city) prov(g.city.code.slice(0, 2)).fixed++;
  const mapClass = (p) => {
    if (!p || !p.checked) return "nodata";
    const share = p.error / p.checked;
    if (share === 0) return p.warnOnly ? "warn" : "clean";
    return share <= 1 / 3 ? "e1" : share <= 2 / 3 ? "e2" : "e3";
  };

  // ---- Header: what was audited, against what, when, and the inputs' fingerprint ----------------
  const title = t("落户政策审计报告", "Settlement policy audit");
  const first = el("div", { id: "first-page" });
  app.append(first);
  const header = el("div", { id: "report-header" });
  header.append(el("h1", {}, title));
  header.append(el("div", { class: "sub" }, t("依据", "Against ") + data.rule_pack.seed));
  const facts = el("dl", { id: "provenance" });
  const fact = (k, v, cls) => facts.append(el("dt", {}, k), el("dd", cls ? { class: cls } : {}, v));
  fact(t("规则包", "Rule pack"), data.rule_pack.name + " " + data.rule_pack.version + " (" + data.rules.length + t(" 条规则）", " rules)"));
  fact(t("城市登记表", "City registry"), data.registry.path + " · " + t("版本 ", "version ") + data.registry.version);
  fact(t("登记表 SHA-256", "Registry SHA-256"), data.registry.sha256 || "—", "hash");
  fact(t("启动快照", "Start-up snapshot"), data.snapshot ? data.snapshot.path + t(" · 内容 SHA-256（不含文件状态记录） ", " · content SHA-256 (stamps left out) ") + (data.snapshot.content_sha256 || "—") : t("未使用（读取 YAML）", "none (read the YAML)"));
  fact(t("适用规则之日", "Rules in force on"), data.as_of === "effective" ? t("各政策的施行日期", "each policy's own effective date") : (data.as_of || nodata()));
  fact(t("所依国家文件", "National documents applied"), (data.documents || []).join("、") || nodata());
  if (data.impact) fact(t("影响对比", "Impact"), t(data.impact + " 起施行的规则相对前一日的变化：新增为新违规，已修复为不再适用", "what the rules in force from " + data.impact + " change against the day before: new findings, and fixed ones that no longer apply"));
  fact(t("输入", "Inputs"), data.inputs.join(" ") + " · " + data.files.length + t(" 个政策文件", " policy files"));
  fact(t("输入 SHA-256", "Inputs SHA-256"), data.inputs_sha256 || "—", "hash");
  fact(t("工具", "Tool"), "luohu " + data.tool.version);
  if (data.baseline) fact(t("对比基线", "Baseline"), data.baseline.path + " · SHA-256 " + data.baseline.sha256);
  header.append(facts);
  header.append(el("div", { class: "note" }, t("输入 SHA-256：按报告顺序对每个文件“SHA-256 两个空格 路径”一行的清单求 SHA-256（与 sha256sum 的输出格式相同）。",
    "Inputs SHA-256: the SHA-256 of the list of lines “SHA-256, two spaces, path”, one per file in report order (sha256sum's format).")));
  first.append(header);

  // ---- The conclusion, written out --------------------------------------------------------------
  const conclusion = t(
    `本次审计检查了 ${C} 个城市的落户政策（登记表中应有政策的城市共 ${registryTotal} 个，${s.missing} 个未提交政策文件，未审计）。` +
    `${withErrors} 个城市（${pct(withErrors, C)}）至少有一项违反国家规定的错误；${warnOnly} 个城市没有错误但有警告；${clean} 个城市既无错误也无警告。` +
    `共 ${s.errors} 个错误、${s.warnings} 个警告、${s.notes} 个提示。` + (s.unchecked ? `${s.unchecked} 个文件无法检查，须先修正。` : "") +
    (s.baseline ? `与基线相比：新增 ${s.baseline.new} 个问题，已纠正 ${s.baseline.fixed} 个。` : ""),
    `This audit checked the settlement policies of ${C} cities (of the ${registryTotal} registry cities expected to have one; ${s.missing} filed none and were not audited). ` +
    `${withErrors} cities (${pct(withErrors, C)}) have at least one error against the national rules; ${warnOnly} have warnings but no error; ${clean} have neither. ` +
    `${s.errors} errors, ${s.warnings} warnings, ${s.notes} notes in all.` + (s.unchecked ? ` ${s.unchecked} files could not be checked and must be fixed first.` : "") +
    (s.baseline ? ` Since the baseline: ${s.baseline.new} new findings, ${s.baseline.fixed} fixed.` : ""));
  first.append(el("p", { id: "conclusion" }, conclusion));

  // ---- Figures: each says what it counts and over how many ----------------------------------------
  const kpis = el("div", { class: "kpis" });
  const kpi = (id, value, what, of, cls) => kpis.append(el("div", { class: "kpi " + (cls || ""), id: "kpi-" + id }, el("b", {}, value), el("div", {}, what), of ? el("div", { class: "of" }, of) : null));
  const overChecked = t(`占已检查的 ${C} 个城市的 `, `of the ${C} checked cities: `);
  kpi("checked", C + " / " + registryTotal, t("已检查的城市", "cities checked"), t("登记表中应有政策的城市（地级及以上）：", "registry cities expected to have a policy: ") + pct(C, registryTotal));
  kpi("with-errors", withErrors + " / " + C, t("有错误的城市", "cities with errors"), overChecked + pct(withErrors, C), withErrors ? "bad" : "good");
  kpi("warnings-only", warnOnly + " / " + C, t("无错误、有警告的城市", "cities with warnings, no error"), overChecked + pct(warnOnly, C), warnOnly ? "warn" : "");
  kpi("clean", clean + " / " + C, t("无错误、无警告的城市", "cities with no error or warning"), overChecked + pct(clean, C), C && clean === C ? "good" : "");
  kpi("errors", s.errors, t("错误（违反国家规定）", "errors (break a national rule)"), t(`分布在 ${withErrors} 个城市`, `in ${withErrors} cities`), s.errors ? "bad" : "good");
  kpi("warnings", s.warnings, t("警告", "warnings"), t(`分布在 ${count((x) => x.n.warning > 0)} 个城市；另有 ${s.notes} 个提示`, `in ${count((x) => x.n.warning > 0)} cities; ${s.notes} notes besides`), s.warnings ? "warn" : "");
  kpi("unchecked", s.unchecked + " / " + s.files, t("无法检查的文件", "files that could not be checked"), s.unchecked ? t("语法错误、未知城市或无法读取", "syntax error, unknown city or unreadable") : t("全部文件均已检查", "every file was checked"), s.unchecked ? "bad" : "good");
  kpi("missing", s.missing + " / " + registryTotal, t("未提交政策文件的登记城市", "registry cities with no policy"), t("未审计，不计入以上各项", "not audited, not counted above"), "");
  if (s.duplicates) kpi("duplicates", s.duplicates, t("重复城市", "duplicate cities"), t("同一城市有多个文件，不计入", "several files for one city, left out"), "bad");
  if (s.baseline) {
    kpi("new", s.baseline.new, t("新增问题（与基线相比）", "new findings since the baseline"), "", s.baseline.new ? "bad" : "good");
    kpi("fixed", s.baseline.fixed, t("已纠正的问题", "findings fixed"), t(`另有 ${s.baseline.unverified} 个因城市无法检查而无法核实`, `${s.baseline.unverified} more unverified: their city could not be checked`), s.baseline.fixed ? "good" : "");
    kpi("unchanged", s.baseline.unchanged, t("未变的问题", "findings unchanged"), "", s.baseline.unchanged ? "warn" : "");
  }
  const topRow = el("div", { class: "top" });
  const mapCol = el("div", { class: "mapcol" }), figCol = el("div", { class: "figcol" });
  topRow.append(mapCol, figCol);
  figCol.append(kpis);
  figCol.append(el("p", { class: "note" }, t(
    "“错误”违反国家规定，决定合规；“警告”是应当改进而未构成违反之处，另行列出；“提示”仅供参考。合规率 = 适用城市中没有该项错误的城市所占比例（只计错误）。“—”与“无数据”表示没有可计算的城市，不是 0。",
    "An error breaks a national rule and decides compliance; a warning is something to improve short of a breach, listed apart; a note is for information. Compliance = the share of the concerned cities with no error of the item (errors only). “—” and “no data” mean there was no city to count, not zero.")));

  // ---- Map of China --------------------------------------------------------------------------------
  first.append(topRow);
  mapCol.append(el("h2", { id: "map-title" }, t("各省份：已检查城市中有错误的比例", "By province: share of checked cities with errors")));
  const wrap = mapCol;
  const box = svg("svg", { id: "map", viewBox: `0 0 ${map.width} ${map.height}`, role: "img", "aria-labelledby": "map-title" });
  box.append(svg("path", { class: "nb", d: map.neighbours }));
  box.append(svg("path", { class: "land", d: map.border }));
  const classCount = { nodata: 0, clean: 0, warn: 0, e1: 0, e2: 0, e3: 0 };
  const describe = (p) => !p || !p.checked
    ? t("无已检查城市（无数据）", "no checked city (no data)") + (p && (p.missing || p.unchecked) ? t(`；缺政策 ${p.missing}，无法检查 ${p.unchecked}`, `; ${p.missing} missing, ${p.unchecked} unchecked`) : "")
    : t(`已检查 ${p.checked} 个城市：${p.error} 个有错误，${p.warnOnly} 个只有警告，${p.clean} 个无问题；缺政策 ${p.missing}`,
        `${p.checked} cities checked: ${p.error} with errors, ${p.warnOnly} with warnings only, ${p.clean} clean; ${p.missing} missing`);
  for (const shape of map.provinces) {
    const p = provinces.get(shape.code);
    const cls = mapClass(p);
    classCount[cls]++;
    const name = p ? p.name : shape.name;
    const path = svg("path", { class: "prov c-" + cls, d: shape.d, "data-province": shape.code, "data-class": cls, tabindex: "0" });
    const change = data.baseline && p ? t(`；与基线相比新增 ${p.newF}，已纠正 ${p.fixed}`, `; since the baseline ${p.newF} new, ${p.fixed} fixed`) : "";
    path.append(svg("title", {}, name + " — " + describe(p) + change));
    // A province leads to its cities: #province-44 filters the city list (a link one can share).
    path.addEventListener("click", () => { location.hash = "#province-" + shape.code; });
    path.addEventListener("keydown", (e) => { if (e.key === "Enter") location.hash = "#province-" + shape.code; });
    box.append(path);
  }
  box.append(svg("path", { class: "border", d: map.border }));
  box.append(svg("path", { class: "dash", d: map.dashes }));
  for (const shape of map.provinces) {
    const p = provinces.get(shape.code);
    // The municipalities and SARs are too small for a label: their figures are in the tooltip and the table.
    if (p && p.checked && !["11", "12", "31", "81", "82"].includes(shape.code)) box.append(svg("text", { class: "label", x: shape.cx, y: shape.cy + 4, "data-province": shape.code }, p.error + "/" + p.checked));
  }
  // Cities as points, where the map package gives the prefecture's centre.
  const pointOf = (c) => {
    const inProv = map.points.filter((q) => q.province === c.code.slice(0, 2));
    return inProv.find((q) => q.name === c.name_zh) || inProv.find((q) => q.name.slice(0, 2) === c.name_zh.slice(0, 2));
  };
  let placed = 0;
  for (const x of files) {
    if (!x.city) continue;
    const q = pointOf(x.city);
    if (!q) continue;
    placed++;
    const dot = svg("circle", { class: "pt s-" + x.state, cx: q.x, cy: q.y, r: 4.5, "data-code": x.city.code });
    dot.append(svg("title", {}, cityName(x.city) + " " + x.city.code + " — " + cityVerdict(x)));
    dot.addEventListener("click", () => { location.hash = "#" + x.id; });
    box.append(dot);
  }
  const I = map.inset;
  box.append(svg("rect", { x: I.x, y: I.y, width: I.w, height: I.h, fill: "#eef3f7", stroke: "#555" }));
  box.append(svg("path", { class: "nb", d: I.neighbours }), svg("path", { class: "land", d: I.land }), svg("path", { class: "dash", d: I.dashes }));
  box.append(svg("text", { x: I.x + I.w - 6, y: I.y + I.h - 6, "text-anchor": "end", "font-size": 12 }, zh ? I.label_zh : I.label_en));
  wrap.append(box);

  const legend = el("div", { class: "legend", id: "map-legend" });
  legend.append(el("b", {}, t("图例（省份数）", "Legend (provinces)")));
  const ul = el("ul");
  const key = [["e3", t("超过 2/3 的已检查城市有错误", "over 2/3 of checked cities have errors")], ["e2", t("1/3 至 2/3 有错误", "1/3 to 2/3 have errors")],
    ["e1", t("不到 1/3 有错误", "under 1/3 have errors")], ["warn", t("无错误，但有警告", "no error, but warnings")],
    ["clean", t("无错误、无警告", "no error, no warning")], ["nodata", t("无数据：没有已检查的城市", "no data: no city checked")]];
  for (const [cls, text] of key) ul.append(el("li", { "data-class": cls }, el("span", { class: "sw c-" + cls, style: "background:var(--" + { e3: "err", e2: "err2", e1: "err1", warn: "warnbg", clean: "okbg", nodata: "nodata" }[cls] + ")" }), text + " — " + classCount[cls]));
  legend.append(ul);
  legend.append(el("div", {}, t("省份上的数字：有错误的城市 / 已检查的城市。", "Numbers on provinces: cities with errors / cities checked.")));
  legend.append(el("div", {}, t(`圆点：已检查的城市（${placed} 个可定位），深红 有错误，深黄 只有警告，深绿 无问题，灰 无法检查。点击省份查看其城市，点击圆点跳到该城市。`,
    `Dots: the cities checked (${placed} placed): dark red errors, dark amber warnings only, dark green clean, grey unchecked. Click a province for its cities, a dot for the city.`)));
  legend.append(el("p", { class: "note" }, t(
    `本图为统计示意图。省界据 npm 包 ${map.sources[0].package}（${map.sources[0].licence}），国界、南海诸岛与十段线据 ${map.sources[1].package}（${map.sources[1].licence}，参照自然资源部标准地图 GS(2023)2767号调整），不作为权属界线的依据。`,
    `A statistical sketch map. Provincial boundaries from the npm package ${map.sources[0].package} (${map.sources[0].licence}); the national border, South China Sea islands and the ten-dash line from ${map.sources[1].package} (${map.sources[1].licence}, adjusted after the Ministry of Natural Resources' standard map GS(2023)2767). Not an authority on boundaries.`)));
  figCol.append(legend);

  // ---- Sortable tables ---------------------------------------------------------------------------
  // A cell's sort value: numbers as numbers; no data ("—") always last.
  function sortable(table) {
    const heads = table.tHead.rows[0].cells;
    for (let i = 0; i < heads.length; i++) {
      const th = heads[i];
      th.classList.add("sortable");
      th.addEventListener("click", () => {
        const dir = th.classList.contains("asc") ? -1 : 1;
        for (const h of heads) h.classList.remove("asc", "desc");
        th.classList.add(dir === 1 ? "asc" : "desc");
        const body = table.tBodies[0];
        const rows = [...body.rows];
        const val = (r) => r.cells[i].getAttribute("data-sort") ?? r.cells[i].textContent;
        rows.sort((a, b) => {
          const x = val(a), y = val(b);
          if (x === "" || y === "") return (x === "") - (y === "");
          const nx = Number(x), ny = Number(y);
          const c = !isNaN(nx) && !isNaN(ny) ? nx - ny : String(x).localeCompare(String(y), zh ? "zh-CN" : "en");
          return dir * c;
        });
        body.append(...rows);
      });
    }
    return table;
  }
  // table(id, headers, rows): a header is [text, numeric?]; a cell is text, a Node, or {v, sort, cls}.
  function table(id, headers, rows) {
    const tb = el("table", { id });
    tb.append(el("thead", {}, el("tr", {}, ...headers.map(([h, n]) => el("th", n ? { class: "n" } : {}, h)))));
    const body = el("tbody");
    for (const r of rows) {
      const tr = el("tr", r.attrs || {});
      r.cells.forEach((c, i) => {
        const num = headers[i][1];
        if (c && typeof c === "object" && !(c instanceof Node)) tr.append(el("td", { class: (num ? "n " : "") + (c.cls || ""), "data-sort": c.sort }, c.v instanceof Node ? c.v : String(c.v)));
        else if (c === null || c === undefined) tr.append(el("td", { class: num ? "n" : "", "data-sort": "" }, "—"));
        else tr.append(el("td", num ? { class: "n" } : {}, c));
      });
      body.append(tr);
    }
    tb.append(body);
    return sortable(tb);
  }
  const rate = (a, b) => (b ? { v: pct(a, b), sort: a / b } : { v: "—", sort: "" });
  const share = (a, b) => (b ? { v: a + " (" + pct(a, b) + ")", sort: a / b } : { v: "—", sort: "" });
  const stack = (p) => {  // a small bar: errors, warnings only, clean of the checked cities
    if (!p.checked) return { v: nodata(), sort: "" };
    const w = (k) => el("span", { class: "bar " + k[0], style: `width:${(80 * k[1]) / p.checked}px`, title: k[1] });
    return { v: el("span", {}, w(["e", p.error]), w(["w", p.warnOnly]), w(["c", p.clean])), sort: p.error / p.checked };
  };
  const baseCols = (o) => (data.baseline ? [o ? o.newF : 0, o ? o.fixed : 0] : []);
  const baseAttrs = (o) => (data.baseline ? { "data-new": o ? o.newF : 0, "data-fixed": o ? o.fixed : 0 } : {});
  const baseHeads = data.baseline ? [[t("新增", "new"), true], [t("已纠正", "fixed"), true]] : [];

  app.append(el("h2", { id: "by-province" }, t("按省份", "By province")));
  app.append(el("p", { class: "note" }, t("城市数按已检查的城市计；“无数据”表示该省没有已检查的城市。", "City counts are of checked cities; “no data”: no city of the province was checked.")));
  const provRows = [...provinces.values()].sort((a, b) => a.key.localeCompare(b.key)).map((p) => ({
    attrs: { "data-key": p.key, "data-class": mapClass(p), ...baseAttrs(p) },
    cells: [p.key, p.name, p.checked, p.checked ? p.error : null, p.checked ? p.warnOnly : null, p.checked ? p.clean : null, stack(p),
      rate(p.checked - p.error, p.checked), p.checked ? p.errors : null, p.checked ? p.warnings : null, p.unchecked, p.missing, ...baseCols(p)] }));
  app.append(table("table-province", [[t("代码", "code")], [t("省份", "province")], [t("已检查城市", "checked"), true], [t("有错误", "with errors"), true],
    [t("只有警告", "warnings only"), true], [t("无问题", "clean"), true], [t("构成", "mix")], [t("无错误城市比例", "share with no error"), true],
    [t("错误数", "errors"), true], [t("警告数", "warnings"), true], [t("无法检查", "unchecked"), true], [t("缺政策", "missing"), true], ...baseHeads], provRows));

  function tallyTable(id, title, rows, groups, keyHead, nameOf, note) {
    app.append(el("h2", { id: "by-" + id }, title));
    if (note) app.append(el("p", { class: "note" }, note));
    app.append(table("table-" + id, [[keyHead], [t("名称", "name")], [t("适用城市", "concerned"), true], [t("有错误的城市", "with errors"), true],
      [t("只有警告的城市", "warnings only"), true], [t("合规率（只计错误）", "compliance (errors only)"), true], [t("错误数", "errors"), true], [t("警告数", "warnings"), true], ...baseHeads],
    rows.map((x) => {
      const g = groups.get(String(x.key)) || { error: 0, warnOnly: 0, newF: 0, fixed: 0 };
      const n = x.applicable;
      return { attrs: { "data-key": x.key, ...baseAttrs(g) }, cells: [x.key, nameOf(x), n, n ? g.error : null, n ? g.warnOnly : null, rate(n - x.violating, n), x.errors, x.warnings ?? null, ...baseCols(g)] };
    })));
  }
  tallyTable("rule", t("按规则", "By rule"), s.by_rule, byRule, t("规则", "rule"), (x) => ruleTitle(x.key) || label(x),
    t("适用城市：规则按城市规模和级别适用的已检查城市。", "Concerned: the checked cities the rule applies to by tier and level."));
  tallyTable("task", t("按任务", "By task"), s.by_task, byTask, t("任务", "task"), label);
  tallyTable("unit", t("按责任单位", "By responsible unit"), s.by_unit, byUnit, t("责任单位", "unit"), () => "");

  app.append(el("h2", { id: "by-tier" }, t("按城市规模", "By tier")));
  // In zh only the label: the tier and level ids are English words (issue 19).
  const idHead = (head) => (zh ? [] : [[head]]), idCell = (x) => (zh ? [] : [x.key]);
  app.append(table("table-tier", [...idHead("tier"), [t("规模", "name")], [t("已检查城市", "checked"), true], [t("有错误的城市", "with errors"), true],
    [t("合规率（只计错误）", "compliance (errors only)"), true], [t("错误数", "errors"), true], [t("无法检查", "unchecked"), true], [t("缺政策", "missing"), true]],
  s.by_tier.map((x) => ({ attrs: { "data-key": x.key }, cells: [...idCell(x), label(x), x.applicable, x.applicable ? x.violating : null, rate(x.applicable - x.violating, x.applicable), x.errors, x.unchecked, x.missing] }))));
  // --over-time: the same policies under each date's national rules (counts only, audit/over_time.hpp).
  if (data.over_time && data.over_time.length) {
    const dates = data.over_time;
    app.append(el("h2", { id: "over-time" }, t("各日期规则下的合规情况", "Compliance under each date's rules")));
    app.append(el("p", { class: "note" }, t("同一批政策文件分别按各日期施行的国家规则检查。每格：无错误的城市 / 适用的已检查城市（比例）。",
      "The same policy files checked against the national rules in force on each date. Each cell: cities with no error / checked cities concerned (share).")));
    const cell = (x) => (x && x.applicable ? { v: (x.applicable - x.violating) + " / " + x.applicable + " (" + pct(x.applicable - x.violating, x.applicable) + ")",
      sort: (x.applicable - x.violating) / x.applicable } : { v: "—", sort: "" });
    const keys = (field) => { const out = []; for (const d of dates) for (const x of d[field]) if (!out.includes(x.key)) out.push(x.key); return out; };
    const at = (d, field, k) => d[field].find((x) => x.key === k);
    const first = (field, k) => dates.map((d) => at(d, field, k)).find(Boolean);
    const dateHeads = dates.map((d) => [d.as_of, true]);
    const tierRows = keys("by_tier").filter((k) => dates.some((d) => { const x = at(d, "by_tier", k); return x && x.applicable; })).map((k) => ({ attrs: { "data-key": k }, cells: [label(first("by_tier", k)), ...dates.map((d) => cell(at(d, "by_tier", k)))] }));
    tierRows.push({ attrs: { class: "totals" }, cells: [t("全部已检查城市", "all checked cities"),
      ...dates.map((d) => cell({ applicable: d.cities_checked, violating: d.cities_checked - d.cities_compliant }))] });
    app.append(table("table-over-time", [[t("规模", "tier")], ...dateHeads], tierRows));
    // The rules whose verdicts the dates tell apart: cities with an error under each, where any date has one.
    const ruleRows = keys("by_rule").filter((k) => dates.some((d) => { const x = at(d, "by_rule", k); return x && x.violating; }))
      .map((k) => ({ attrs: { "data-key": k }, cells: [k, ruleTitle(k) || label(first("by_rule", k)),
        ...dates.map((d) => { const x = at(d, "by_rule", k); return x && x.applicable ? { v: x.violating, sort: x.violating } : { v: "—", sort: "" }; })] }));
    app.append(el("h3", {}, t("各日期有错误的城市数，按规则", "Cities with an error under each date's rules, by rule")));
    app.append(table("table-over-time-rules", [[t("规则", "rule")], [t("名称", "name")], ...dateHeads], ruleRows));
    const docs = el("ul", { id: "over-time-documents" });
    for (const d of dates) docs.append(el("li", {}, d.as_of + t("：适用 ", ": applies ") + (d.documents.join(t("、", ", ")) || "—")));
    app.append(docs);
  }
  if (s.by_verification && s.by_verification.length) {
    app.append(el("h2", { id: "by-verification" }, t("按核实程度", "By verification level")));
    app.append(el("p", { class: "note" }, t("核实程度：政策文件的条款是否逐条对照原文核实。未经全文核实的城市，其问题是线索，不是审计结论。", "Verification: how far the policy file was checked against the original text. Findings on a city not verified against the full text are leads, not audit results.")));
    app.append(table("table-verification", [...idHead("level"), [t("核实程度", "name")], [t("已检查城市", "checked"), true], [t("有错误的城市", "with errors"), true], [t("错误数", "errors"), true], [t("无法检查", "unchecked"), true]],
      s.by_verification.map((x) => ({ attrs: { "data-key": x.key }, cells: [...idCell(x), label(x), x.applicable, x.applicable ? x.violating : null, x.errors, x.unchecked] }))));
  }
  // Coverage: cities × provisions (issue 14's view), when the audit has it.
  if (s.coverage && s.coverage.length) {
    const word = { equal: t("同等", "equal"), worse: t("更差", "worse"), silent: t("未写明", "silent"), stated: t("已写", "stated") };
    app.append(el("h2", { id: "coverage" }, t("覆盖情况：各城市对配套规定的写法", "Coverage: what each city's policy says of each provision")));
    app.append(el("p", { class: "note" }, t("未写明的事项由其他文件规定，本次未检查，不计为问题；写明“延后”“不享有”的为错误。",
      "A provision the policy is silent on is left to other documents: not checked, not counted as a finding; one it delays or denies is an error.")));
    const heads = [[t("城市", "city")], ...s.coverage.map((c) => [label(c) + " (" + t("任务", "task ") + c.task + ")"])];
    const rows = checkedCities.filter((x) => x.f.provisions).map((x) => ({ attrs: { "data-code": x.city.code },
      cells: [cityName(x.city) + " " + x.city.code, ...s.coverage.map((c) => { const v = x.f.provisions[c.provision] || ""; return { v: word[v] || v || "—", cls: "cov-" + v, sort: v }; })] }));
    // The last row: how many cities state each provision equal, worse, or are silent on it.
    rows.push({ attrs: { class: "totals" }, cells: [t("同等 / 更差 / 未写明", "equal / worse / silent"),
      ...s.coverage.map((c) => ({ v: c.stated_equal + " / " + c.stated_worse + " / " + c.silent, sort: "" }))] });
    app.append(table("table-coverage", heads, rows));
  }

  // ---- City by city -------------------------------------------------------------------------------
  function cityVerdict(x) {
    if (!x.f.checked) return t("无法检查", "could not be checked");
    const parts = [];
    parts.push(x.n.error + t(" 个错误", x.n.error === 1 ? " error" : " errors"));
    parts.push(x.n.warning + t(" 个警告", x.n.warning === 1 ? " warning" : " warnings"));
    if (x.n.note) parts.push(x.n.note + t(" 个提示", x.n.note === 1 ? " note" : " notes"));
    return parts.join(t("，", ", "));
  }
  app.append(el("h2", { id: "cities-title" }, t("逐个城市", "City by city")));
  const bar = el("div", { id: "filters", class: "screen-only" });
  const select = (id, all, options) => {
    const sel = el("select", { id, "aria-label": all }, el("option", { value: "" }, all));
    for (const [v, text] of options) sel.append(el("option", { value: v }, text));
    bar.append(sel);
    return sel;
  };
  const uniq = (xs) => [...new Set(xs)];
  const fProv = select("filter-province", t("全部省份", "all provinces"), uniq(files.filter((x) => x.city).map((x) => x.province)).map((k) => [k, provinces.get(k) ? provinces.get(k).name : k]));
  const fTier = select("filter-tier", t("全部规模", "all tiers"), uniq(files.filter((x) => x.city).map((x) => x.city.tier || "unknown")).map((k) => [k, tierLabel.get(k) || k]));
  const fRule = select("filter-rule", t("全部规则", "all rules"), uniq(files.flatMap((x) => x.f.findings.map((g) => g.rule))).sort().map((k) => [k, k]));
  const fSev = select("filter-severity", t("全部级别", "all severities"), [["error", sevName.error], ["warning", sevName.warning], ["note", sevName.note]]);
  const fLevel = select("filter-verification", t("全部核实程度", "all verification levels"), uniq(files.map((x) => x.verification)).map((k) => [k, k ? levelLabel.get(k) || k : t("未注明", "not stated")]));
  const fText = el("input", { id: "filter", type: "search", placeholder: t("城市名称或代码", "city name or code") });
  bar.append(fText);
  const shown = el("span", { id: "shown" });
  bar.append(shown);
  app.append(bar);

  const cities = el("div", { id: "cities" });
  for (const x of files) cities.append(citySection(x));
  app.append(cities);
  // Graphviz's graph label puts every broken rule on one line, wider than the graph, which then shrinks to a few
  // pixels on a page: drop a label line wider than the drawing (the findings list those rules) and fit the SVG
  // to what is left, at Graphviz's own scale.
  for (const g of cities.querySelectorAll(".graph svg")) {
    const root = g.querySelector("g.graph");
    const parts = root ? [...root.querySelectorAll(":scope > g")] : [];
    if (!parts.length) continue;
    const union = (els) => els.map((e) => e.getBBox()).reduce((a, b) => ({ x0: Math.min(a.x0, b.x), y0: Math.min(a.y0, b.y),
      x1: Math.max(a.x1, b.x + b.width), y1: Math.max(a.y1, b.y + b.height) }), { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity });
    const drawn = union(parts);
    if (!(drawn.x1 > drawn.x0)) continue;  // not laid out (no layout engine): leave it as Graphviz drew it
    for (const line of root.querySelectorAll(":scope > text")) if (line.getBBox().width > drawn.x1 - drawn.x0) line.remove();
    for (const bg of root.querySelectorAll(":scope > polygon")) bg.remove();  // the white sheet behind the graph
    const b = union([...root.querySelectorAll(":scope > g, :scope > text")]);
    const m = 6, w = Math.ceil(b.x1 - b.x0 + 2 * m), h = Math.ceil(b.y1 - b.y0 + 2 * m);
    root.setAttribute("transform", `translate(${m - b.x0} ${m - b.y0})`);
    g.setAttribute("viewBox", `0 0 ${w} ${h}`);
    g.setAttribute("width", w + "pt");
    g.setAttribute("height", h + "pt");
    g.setAttribute("data-fitted", "yes");
  }

  function citySection(x) {
    const f = x.f, c = f.city;
    const sec = el("section", { class: "city s-" + x.state, id: x.id, "data-code": c ? c.code : "", "data-province": x.province,
      "data-tier": c ? c.tier || "unknown" : "", "data-verification": x.verification, "data-findings": f.findings.length, "data-state": x.state });
    const name = c ? cityName(c) + " " + c.code : t("未知城市", "unknown city") + " — " + f.path;
    const h = el("h3", {}, el("a", { href: "#" + x.id }, name));
    const badge = (cls, text) => el("span", { class: "badge " + cls }, text);
    if (!f.checked) h.append(badge("u", t("无法检查", "could not be checked")));
    else {
      h.append(badge(x.n.error ? "e" : "c", x.n.error + t(" 个错误", " errors")));
      h.append(badge(x.n.warning ? "w" : "c", x.n.warning + t(" 个警告", " warnings")));
      if (x.n.note) h.append(badge("u", x.n.note + t(" 个提示", " notes")));
      if (dupFiles.has(f.path)) h.append(badge("e", t("重复城市：计为不合规", "duplicate city: counted as non-compliant")));
    }
    sec.append(h);
    const dl = el("dl", { class: "facts" });
    const row = (k, v) => dl.append(el("dt", {}, k), el("dd", {}, v));
    if (c) row(t("省份 · 级别", "province · level"), provName(c) + " · " + levelName(c.level) + (c.capital ? t(" · 省会", " · capital") : ""));
    row(t("政策文件", "policy file"), f.path);
    const p = f.provenance;
    const doc = p ? [p.title, p.document || p.number, p.effective || p.date].filter(Boolean) : [];
    row(t("文件（标题 · 文号 · 施行日期）", "document (title · number · in force)"), doc.length ? el("span", { class: "document" }, doc.join(" · ")) : nodata(p ? t("文件未写明", "the file names none") : ""));
    row(t("核实程度", "verification"), x.verification ? el("span", { class: "verification" }, levelLabel.get(x.verification) || x.verification) : nodata(t("未注明", "not stated")));
    const sources = p && p.sources && p.sources.length ? el("div", { class: "sources" }) : nodata();
    if (p && p.sources) for (const src of p.sources) {
      const origin = typeof src.origin === "string" ? src.origin : src.origin ? [src.origin.repository, src.origin.path || src.origin.address].filter(Boolean).join(":") : "";
      sources.append(el("div", { class: "source" }, [src.title, src.number].filter(Boolean).join(" ") + " — " + (src.file || src.path) + (origin ? " ← " + origin : "")));
    }
    row(t("来源", "source"), sources);
    if (c) {
      // The registry's figure (or band) and its sources, when the audit data carries them.
      const pop = c.population ?? c.urban_population;
      const band = c.population_min !== undefined && c.population_min !== null ? "[" + c.population_min + ", " + (c.population_max ?? "∞") + ")" : "";
      const srcs = (c.population_sources || (c.population_source ? [c.population_source] : [])).map((x) => typeof x === "string" ? x : [x.title || x.key, x.url].filter(Boolean).join(" "));
      row(t("城市规模", "tier"), c.tier ? tierLabel.get(c.tier) || c.tier : nodata(t("登记表无人口数", "the registry has no population")));
      const popText = pop !== undefined && pop !== null ? String(pop) : band;
      row(t("城区常住人口 · 来源", "urban population · source"), popText || srcs.length
        ? el("span", { class: "population" }, [popText, c.population_basis, srcs.join("；")].filter(Boolean).join(" · "))
        : nodata(t("审计数据未带登记表的人口及来源", "the audit data carries no registry figure or source")));
    }
    row("SHA-256", el("span", { class: "hash" }, f.sha256 || "—"));
    if (f.imports && f.imports.length) row(t("导入", "imports"), f.imports.join(", "));
    sec.append(dl);

    if (f.findings.length) {
      const heads = [t("位置", "at"), t("规则", "rule"), t("级别", "severity"), ...(data.baseline ? [t("对比", "status")] : []),
        t("问题", "finding"), t("本市条文", "the city's text"), t("国家依据", "the national text")];
      const tb = el("table", { class: "findings" }, el("thead", {}, el("tr", {}, ...heads.map((hd) => el("th", {}, hd)))));
      const body = el("tbody");
      for (const g of f.findings) {
        const r = rules.get(g.rule);
        const tr = el("tr", { class: "finding", "data-rule": g.rule, "data-severity": g.severity });
        tr.append(el("td", { class: "n meta" }, (g.file ? g.file + ":" : "") + g.line + ":" + g.column));
        tr.append(el("td", { class: "meta" }, g.rule));
        tr.append(el("td", { class: "meta sev-" + g.severity }, g.input_error ? t("输入错误", "input error") : sevName[g.severity] || g.severity));
        if (data.baseline) tr.append(el("td", { class: "meta status-" + (g.status || "") }, statusName[g.status] || g.status || ""));
        tr.append(el("td", { class: "message" }, g.message + (g.waived ? t("（已豁免：", " (waived: ") + g.waived.reason + ", " + g.waived.document + t("）", ")") : "")));
        const own = el("td", { class: "own", "data-label": t("本市条文：", "The city's text: ") }, el("code", { class: "clause" }, g.clause));
        for (const q of g.cited || []) own.append(el("div", { class: "cited" }, t("原文：“", "text: “") + q.text + "”" + (q.source ? " (" + q.source + (q.line ? ":" + q.line : "") + ")" : "")));
        tr.append(own);
        tr.append(el("td", { class: "quote", "data-label": t("国家依据：", "The national text: ") }, r && r.quote ? "“" + r.quote + "”" : nodata()));
        body.append(tr);
      }
      tb.append(body);
      sec.append(tb);
    } else if (f.checked) sec.append(el("p", {}, t("没有问题。", "No finding.")));

    // The pathway graph, laid out by Graphviz when the audit ran (static markup below the data block), at its own size.
    const graph = document.getElementById("graph-" + x.index);
    if (graph) {
      const gbox = el("div", { class: "graph", "data-code": c ? c.code : "" });
      for (const tip of graph.querySelectorAll("title")) tip.remove();  // Graphviz's node ids, not for readers
      gbox.append(...graph.childNodes);
      sec.append(el("h4", {}, t("落户路径图（红色：违反规则的渠道）", "Settlement pathways (red: channels that break a rule)")), gbox);
      graph.remove();
    }
    return sec;
  }

  function applyFilters() {
    const q = fText.value.trim().toLowerCase();
    let n = 0;
    for (const sec of cities.children) {
      const code = sec.getAttribute("data-code");
      let ok = (!fProv.value || sec.getAttribute("data-province") === fProv.value) && (!fTier.value || sec.getAttribute("data-tier") === fTier.value) &&
        (!fLevel.value || sec.getAttribute("data-verification") === fLevel.value);
      if (ok && q) ok = code.includes(q) || sec.querySelector("h3").textContent.toLowerCase().includes(q);
      const rows = sec.querySelectorAll("tr.finding");
      let match = 0;
      for (const tr of rows) {
        const hit = (!fRule.value || tr.getAttribute("data-rule") === fRule.value) && (!fSev.value || tr.getAttribute("data-severity") === fSev.value);
        tr.hidden = !hit;
        if (hit) match++;
      }
      if ((fRule.value || fSev.value) && !match) ok = false;
      sec.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = t(`显示 ${n} / ${cities.children.length} 个文件`, `showing ${n} of ${cities.children.length} files`);
    for (const shape of box.querySelectorAll(".prov")) shape.classList.toggle("sel", shape.getAttribute("data-province") === fProv.value);
  }
  for (const c of [fProv, fTier, fRule, fSev, fLevel]) c.addEventListener("change", applyFilters);
  fText.addEventListener("input", applyFilters);
  function followHash() {
    const h = decodeURIComponent(location.hash.slice(1));
    const m = /^province-(\d\d)$/.exec(h);
    if (m) {
      fProv.value = [...fProv.options].some((o) => o.value === m[1]) ? m[1] : "";
      applyFilters();
      document.getElementById("cities-title").scrollIntoView();
    } else if (h) {
      const target = document.getElementById(h);
      if (target && target.hidden) { for (const c of [fProv, fTier, fRule, fSev, fLevel, fText]) c.value = ""; applyFilters(); }
      if (target) target.scrollIntoView();
    }
  }
  applyFilters();
  window.addEventListener("hashchange", followHash);

  // ---- What else the audit found ---------------------------------------------------------------------
  if (data.gone.length) {
    app.append(el("h2", { id: "gone" }, t("与基线相比已消失的问题", "Findings gone since the baseline") + " (" + data.gone.length + ")"));
    app.append(table("table-gone", [[t("城市", "city")], [t("文件", "file")], [t("规则", "rule")], [t("对比", "status")], [t("问题", "finding")], [t("条款", "clause")]],
      data.gone.map((g) => ({ cells: [g.city ? cityName(g.city) + " " + g.city.code : "—", g.file + ":" + g.line, g.rule, { v: statusName[g.status] || g.status, cls: "status-" + g.status }, g.message, el("code", { class: "clause" }, g.clause)] }))));
  }
  if (data.waivers.length) {
    app.append(el("h2", { id: "waivers-title" }, t("豁免台账", "Waiver ledger") + " (" + data.waivers.length + ")"));
    app.append(table("waivers", [[t("文件", "file")], [t("规则", "rule")], [t("理由", "reason")], [t("批准文件", "document")], [t("批准日期", "date")], [t("到期", "expires")], [t("状态", "status")], [t("豁免问题数", "findings"), true]],
      data.waivers.map((w) => ({ attrs: { "data-status": w.status }, cells: [w.file + ":" + w.line, w.rule, w.reason, w.document, w.date, w.expires, waiverStatus[w.status] || w.status, w.waived_findings] }))));
  }
  if (data.duplicates.length) {
    app.append(el("h2", {}, t("重复城市", "Duplicate cities")));
    const dl = el("ul", { id: "duplicates" });
    for (const d of data.duplicates) dl.append(el("li", {}, d.city + ": " + d.files.join(", ")));
    app.append(dl);
  }
  // Missing cities, one row per province (not one long list).
  app.append(el("h2", { id: "missing-title" }, t("未提交政策文件的登记城市", "Registry cities with no policy") + " (" + data.missing.length + ")"));
  app.append(el("p", { class: "note" }, t("范围：", "Scope: ") + (data.expect === "all" ? t("登记表中的全部城市", "every registry city") : t("地级及以上城市", "prefecture level and above")) + t("。这些城市未审计。", ". These cities were not audited.")));
  const byProv = new Map();
  for (const c of data.missing) { const k = c.code.slice(0, 2); if (!byProv.has(k)) byProv.set(k, []); byProv.get(k).push(c); }
  const missing = el("table", { id: "missing" }, el("thead", {}, el("tr", {}, el("th", {}, t("省份", "province")), el("th", { class: "n" }, t("城市数", "cities")), el("th", {}, t("城市", "cities")))));
  const mbody = el("tbody");
  for (const [k, list] of [...byProv].sort((a, b) => a[0].localeCompare(b[0]))) {
    const names = el("td", {});
    list.forEach((c, i) => names.append(i ? t("、", ", ") : "", el("span", { "data-code": c.code, title: c.code + " · " + levelName(c.level) + (c.tier ? " · " + (tierLabel.get(c.tier) || c.tier) : "") }, cityName(c))));
    mbody.append(el("tr", { "data-key": k }, el("td", {}, provName(list[0])), el("td", { class: "n" }, list.length), names));
  }
  missing.append(mbody);
  app.append(missing);

  app.append(el("h2", {}, t("规则文件", "Rule files")));
  app.append(table("rule-files", [[t("文件", "file")], ["SHA-256"]], data.rule_pack.files.map((f) => ({ cells: [f.path, { v: f.sha256 || "—", cls: "hash" }] }))));

  followHash();
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

// "<" escaped so no text in the data can close the script block.
std::string script_safe(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

std::string replace_all(std::string text, std::string_view what, std::string_view with) {
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) text.replace(at, what.size(), with);
  return text;
}

}  // namespace

std::string render_audit_html(const AuditReportInput& in) {
  auto j = audit_json(in);
  // One fingerprint of every input, as `sha256sum` lists them: "<sha256>  <path>\n" per file in report order.
  std::string manifest;
  for (const auto& file : in.result.files) manifest += file.sha256.value_or("-") + "  " + file.path + "\n";
  j["inputs_sha256"] = sha256_hex(manifest);
  // What the page shows for an administrative level id ("prefecture" -> 地级市), in the report's language.
  for (const auto& term : terms(Vocabulary::level)) j["level_labels"][term.id] = label(term.id, in.lang);
  bool zh = in.lang == Lang::zh;
  std::string head = replace_all(std::string(kHead), "@LANG@", zh ? "zh-CN" : "en");
  head = replace_all(std::move(head), "@TITLE@", zh ? "落户政策审计报告" : "Settlement policy audit");
  // Each printed page's footer names the report (and its date, when given) beside the page number.
  std::string footer = zh ? "落户政策审计报告" : "Settlement policy audit";
  if (!in.result.provenance.as_of.empty()) footer += " · " + in.result.provenance.as_of;
  head = replace_all(std::move(head), "@FOOTER@", footer);
  std::string out = std::move(head);
  out += script_safe(dump_valid(std::move(j)));  // file names may hold any bytes
  out += kMapOpen;
  out += script_safe(china_map_json());
  // The graphs go between the data blocks and the script that moves them into the city sections.
  auto script = kTail.find("<script>");
  out += kTail.substr(0, script);
  for (std::size_t i = 0; i < in.result.files.size(); ++i) out += graph_markup(in.result.files[i], i, in.lang);
  out += kTail.substr(script);
  return out;
}

}  // namespace luohu
