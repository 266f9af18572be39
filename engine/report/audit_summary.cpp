// The terminal summary of an audit: totals, then tables by rule, task,
// province, tier and responsible unit, then what needs a person's attention.
#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "check/city_record.hpp"
#include "diag/provenance.hpp"
#include "model/vocabulary.hpp"
#include "report/audit_reports.hpp"
#include "report/reporters.hpp"
#include "util/utf8.hpp"

namespace luohu {
namespace {

using namespace audit;

std::string rate_text(std::optional<double> r) { return r ? fmt::format("{:.1f}%", *r * 100) : "—"; }

// Columns padded by display width (CJK is two wide); columns from `numeric` on align right.
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows, std::size_t numeric) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = display_width(header[c]);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = " ";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string pad(width[c] - display_width(cells[c]), ' ');
      out += " " + (c >= numeric ? pad + cells[c] : cells[c] + (c + 1 == cells.size() ? "" : pad));
    }
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& row : rows) out += line(row);
  return out;
}

struct Words {
  Lang lang;
  const char* operator()(const char* zh, const char* en) const { return lang == Lang::zh ? zh : en; }
};

// `key_is_id`: the key is an identifier (a tier, a verification level) the label
// names; in zh only the label is shown, so no English id reaches a zh report.
std::string tally_table(const std::vector<Tally>& tallies, const char* key_header, bool with_label, bool city_groups, const Words& w,
                        Lang lang, bool key_is_id = false) {
  const bool show_key = !(with_label && key_is_id && lang == Lang::zh);
  std::vector<std::string> header;
  if (show_key) header.push_back(key_header);
  if (with_label) header.push_back(show_key ? w("名称", "name") : key_header);
  header.insert(header.end(), {city_groups ? w("已检查", "checked") : w("适用城市", "cities"),
                               w("有错误", "with errors"), w("合规率", "compliance"), w("有问题", "flagged"),
                               w("问题数", "findings"), w("错误数", "errors")});
  if (city_groups) header.insert(header.end(), {w("无法检查", "unchecked"), w("缺政策", "missing")});
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : tallies) {
    std::vector<std::string> row;
    if (show_key) row.push_back(t.key);
    if (with_label) row.push_back(t.label.in(lang));
    row.insert(row.end(), {std::to_string(t.applicable), std::to_string(t.violating), rate_text(t.compliance()),
                           std::to_string(t.flagged), std::to_string(t.findings), std::to_string(t.errors)});
    if (city_groups) row.insert(row.end(), {std::to_string(t.unchecked), std::to_string(t.missing)});
    rows.push_back(std::move(row));
  }
  return table(header, rows, (show_key ? 1 : 0) + (with_label ? 1 : 0));
}

// --over-time: a row per tier, a column per date: cities with no error / checked cities concerned.
std::string over_time_table(const std::vector<DatedSummary>& dates, const Words& w, Lang lang) {
  std::vector<std::string> header = {w("规模", "tier")};
  for (const auto& d : dates) header.push_back(d.as_of);
  auto cell = [](const Tally& t) {
    return t.applicable ? fmt::format("{}/{} ({})", t.applicable - t.violating, t.applicable, rate_text(t.compliance())) : "—";
  };
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> keys;
  for (const auto& d : dates)  // the tiers some date has checked cities of
    for (const auto& t : d.summary.by_tier)
      if (t.applicable && std::find(keys.begin(), keys.end(), t.key) == keys.end()) keys.push_back(t.key);
  for (const auto& key : keys) {
    std::vector<std::string> row = {tier_label(key).in(lang)};
    for (const auto& d : dates) {
      auto t = std::find_if(d.summary.by_tier.begin(), d.summary.by_tier.end(), [&](const Tally& x) { return x.key == key; });
      row.push_back(t == d.summary.by_tier.end() ? "—" : cell(*t));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> total = {w("全部已检查城市", "all checked cities")};
  for (const auto& d : dates) {
    Tally all;
    all.applicable = d.summary.cities_checked;
    all.violating = d.summary.cities_checked - d.summary.cities_compliant;
    total.push_back(cell(all));
  }
  rows.push_back(std::move(total));
  std::string out = table(header, rows, 1);
  for (const auto& d : dates) {
    std::string documents;
    for (const auto& doc : d.documents) documents += (documents.empty() ? "" : w("、", ", ")) + doc;
    out += fmt::format("  {}{}{}\n", d.as_of, w("：适用 ", ": applies "), documents.empty() ? "—" : documents);
  }
  return out;
}

}  // namespace

void AuditSummaryLines::add(const FileResult& file) {
  Words w{lang};
  for (const auto& x : file.waivers) {
    ++waivers;
    waived += x.uses;
    expired += x.expired;
    unused += !x.expired && !x.not_yet && !x.ambiguous && x.uses == 0;
  }
  // Each city's document, how far it was read, and its source texts: what its findings rest on.
  if (file.city) {
    const PolicyProvenance* pv = file.provenance.get();
    std::string doc, level = w("未注明", "not stated"), sources;
    if (pv) {
      for (const std::string* part : {&pv->title, &pv->document, &pv->effective}) {
        if (!part->empty()) doc += (doc.empty() ? "" : " ") + *part;
      }
      if (!pv->verification.empty()) level = label(pv->verification, lang);
      for (const auto& src : pv->sources) sources += (sources.empty() ? "" : ", ") + (src.resolved.empty() ? src.path : src.resolved);
    }
    documents += fmt::format("  {} {} — {} — {}: {} — {}: {}\n", file.city->code,
                             lang == Lang::zh ? file.city->name_zh : file.city->name_en, doc.empty() ? "—" : doc,
                             w("核实", "verification"), level, w("来源", "source"), sources.empty() ? "—" : sources);
  }
  if (!file.checked) {
    for (const auto& f : file.findings) {
      if (f.input_error && f.rule != "duplicate-city") unchecked += fmt::format("  {}:{}:{}: [{}] {}\n", terminal_text(file.path), f.line, f.column, f.rule, terminal_text(f.message.in(lang), true));
    }
    return;
  }
  std::map<std::string, int> rules;
  for (const auto& f : file.findings) {
    if (f.counts(Severity::error)) ++rules[f.rule];
  }
  if (rules.empty()) return;
  std::string list;
  for (const auto& [id, n] : rules) list += fmt::format("{}{}{}", list.empty() ? "" : ", ", id, n > 1 ? fmt::format(" ×{}", n) : "");
  // The tier beside the registry sources it rests on.
  violating += fmt::format("  {} {} ({}) [{} · {}]: {}\n", file.city->code, lang == Lang::zh ? file.city->name_zh : file.city->name_en,
                           terminal_text(file.path), tier_label(file.city->tier_key()).in(lang),
                           file.city->population_sources.empty() ? w("无来源", "no source") : population_source_text(*file.city), list);
}

std::string render_audit_summary(const AuditReportInput& in, bool color, const AuditSummaryLines* lines) {
  const auto& r = in.result;
  const auto& s = in.summary;
  const auto& p = r.provenance;
  Words w{in.lang};
  auto heading = [&](const char* zh, const char* en) {
    std::string text = w(zh, en);
    return "\n" + (color ? fmt::format(fmt::emphasis::bold, "{}", text) : text) + "\n";
  };
  std::string out;
  out += fmt::format("{} {} {} · {} {} · luohu {}\n", w("luohu 审计 — 规则包", "luohu audit — rule pack"), p.pack_name,
                     p.pack_version, w("城市登记表", "registry"), p.registry_version, p.luohu_version);
  if (!p.as_of.empty()) {
    std::string documents;
    for (const auto& d : p.documents) documents += (documents.empty() ? "" : in.lang == Lang::zh ? "、" : ", ") + d;
    std::string date = p.as_of == "effective" ? w("各政策施行日期", "each policy's effective date") : p.as_of;
    out += in.lang == Lang::zh ? fmt::format("适用 {} 施行的规则；所依国家文件：{}\n", date, documents)
                               : fmt::format("rules in force on {}; national documents applied: {}\n", date, documents);
    if (!p.impact.empty())
      out += in.lang == Lang::zh ? fmt::format("影响：{} 起施行的规则相对前一日——新增的违规标为“新”，不再适用的标为“已修复”\n", p.impact)
                                 : fmt::format("impact: the rules in force from {} against the day before — findings they add are new, those they end are fixed\n", p.impact);
  }
  std::optional<double> compliant;
  if (s.cities_checked) compliant = static_cast<double>(s.cities_compliant) / static_cast<double>(s.cities_checked);
  if (in.lang == Lang::zh) {
    out += fmt::format("文件 {} 个：已检查 {}，无法检查 {}；已检查城市 {} 个，无错误 {} 个（{}）\n", s.files, s.checked, s.unchecked,
                       s.cities_checked, s.cities_compliant, rate_text(compliant));
    out += fmt::format("问题：错误 {}，警告 {}，提示 {}；登记表中无政策文件的{}城市 {} 个；重复城市 {} 个\n", s.errors, s.warnings,
                       s.notes, r.expect == Expect::all ? "" : "地级及以上", s.missing, s.duplicates);
  } else {
    out += fmt::format("files: {} ({} checked, {} could not be checked); cities checked: {}, with no error: {} ({})\n", s.files,
                       s.checked, s.unchecked, s.cities_checked, s.cities_compliant, rate_text(compliant));
    out += fmt::format("findings: {} errors, {} warnings, {} notes; registry cities{} with no policy: {}; duplicate cities: {}\n",
                       s.errors, s.warnings, s.notes, r.expect == Expect::all ? "" : " of prefecture level and above", s.missing,
                       s.duplicates);
  }
  AuditSummaryLines own(in.lang);
  if (!lines) {
    for (const auto& file : r.files) own.add(file);
    lines = &own;
  }
  const auto& [waivers, waived, expired, unused] = std::tie(lines->waivers, lines->waived, lines->expired, lines->unused);
  const std::string &documents = lines->documents, &unchecked = lines->unchecked, &violating = lines->violating;
  if (waivers)
    out += fmt::format("{}: {} · {} {} · {} {} · {} {}\n", w("豁免台账（见 JSON/HTML 报告）", "waiver ledger (see the JSON/HTML report)"), waivers,
                       w("豁免问题", "findings waived"), waived, w("已过期", "expired"), expired, w("未用上", "unused"), unused);
  if (r.baseline)
    out += fmt::format("{}: {} {} · {} {} · {} {} · {} {}\n", w("与基线相比", "against the baseline"), w("新增", "new"),
                       s.new_findings, w("未变", "unchanged"), s.unchanged, w("已纠正", "fixed"), s.fixed,
                       w("未能复查", "unverified"), s.unverified);

  out += heading("按规则", "By rule");
  out += tally_table(s.by_rule, w("规则", "rule"), false, false, w, in.lang);
  out += heading("按任务", "By task");
  out += tally_table(s.by_task, w("任务", "task"), false, false, w, in.lang);
  out += heading("按省份", "By province");
  out += tally_table(s.by_province, w("代码", "code"), true, true, w, in.lang);
  out += heading("按城市规模", "By tier");
  out += tally_table(s.by_tier, w("规模", "tier"), true, true, w, in.lang, true);
  if (in.over_time && !in.over_time->empty()) {
    out += heading("各日期规则下的合规情况（无错误的城市 / 适用的已检查城市）", "Compliance under each date's rules (cities with no error / checked cities concerned)");
    out += over_time_table(*in.over_time, w, in.lang);
  }
  out += heading("按责任单位", "By responsible unit");
  out += tally_table(s.by_unit, w("责任单位", "unit"), false, false, w, in.lang);
  if (!s.coverage.empty()) {
    // Silence is not a breach: a settlement policy usually leaves these to other documents.
    out += heading("覆盖情况（落户政策对各项配套规定说了什么；未写明的由其他文件规定，未检查）",
                   "Coverage (what the settlement policies say of each provision; silent ones are left to other documents, not checked)");
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : s.coverage)
      rows.push_back({std::to_string(c.task), c.label.in(in.lang), std::to_string(c.equal), std::to_string(c.worse),
                      std::to_string(c.silent)});
    out += table({w("任务", "task"), w("事项", "provision"), w("写明同等（居住证：已写）", "stated equal (permit: stated)"),
                  w("写明更差", "stated worse"), w("未写明", "silent")},
                 rows, 2);
  }
  out += heading("按核实程度", "By verification level");
  out += tally_table(s.by_verification, w("核实程度", "level"), true, true, w, in.lang, true);

  if (!documents.empty()) out += heading("各城市的文件与来源", "Each city's document and sources") + documents;

  if (!unchecked.empty()) out += heading("无法检查的文件", "Files that could not be checked") + unchecked;
  if (!r.duplicates.empty()) {
    out += heading("重复城市（每个城市只能有一个政策文件；在消除重复之前这些城市计为不合规）",
                   "Duplicate cities (a city may have one policy file; these cities count as non-compliant until resolved)");
    for (const auto& group : r.duplicates) {
      const City* c = group.city;
      out += fmt::format("  {} {}:\n", c->code, in.lang == Lang::zh ? c->name_zh : c->name_en);
      for (const auto& path : group.paths) out += fmt::format("    {}\n", terminal_text(path));
    }
  }
  if (!violating.empty()) out += heading("有错误的城市", "Cities with errors") + violating;
  if (!r.missing.empty()) {
    out += r.expect == Expect::all ? heading("登记表中无政策文件的城市", "Registry cities with no policy")
                                   : heading("登记表中无政策文件的地级及以上城市", "Registry cities of prefecture level and above with no policy");
    std::map<std::string, std::pair<std::string, std::string>> by_province;  // code prefix -> name, cities
    for (const City* c : r.missing) {
      auto& [province, cities] = by_province[c->code.substr(0, 2)];
      province = in.lang == Lang::zh ? c->province_zh : c->province_en;
      cities += (cities.empty() ? "" : w("、", ", ")) + (in.lang == Lang::zh ? c->name_zh : c->name_en);
    }
    for (const auto& [code, pc] : by_province) out += fmt::format("  {}: {}\n", pc.first, pc.second);
  }
  return out;
}

}  // namespace luohu
