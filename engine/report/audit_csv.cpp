// The audit as CSV (RFC 4180): one row per finding, input error, missing
// city or gone finding, with a `kind` column, for spreadsheets. `line` and
// `column` are in `source_file`: the policy, or a baseline it imports. In zh
// the headers and the enumerated values (kind, tier, level, severity, status,
// waived, verification) are Chinese, in en the ids (docs/audit.md lists both).
#include "audit/summary.hpp"
#include "check/city_record.hpp"
#include "diag/provenance.hpp"
#include "model/vocabulary.hpp"
#include "report/audit_reports.hpp"
#include "util/utf8.hpp"

namespace luohu {
namespace {

using namespace audit;

// Valid UTF-8 whatever the file held (an invalid byte shows as <FF>).
std::string field(const std::string& raw) {
  std::string s = valid_utf8(raw);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string row(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + field(cells[i]);
  return out + "\r\n";
}

// A column's header in each language, in the order of the columns.
struct Column {
  const char* en;
  const char* zh;
};
constexpr Column kColumns[] = {
    {"kind", "类型"},           {"province", "省份"},       {"city_code", "城市代码"},     {"city", "城市"},
    {"tier", "城市规模"},       {"level", "行政级别"},      {"file", "文件"},              {"line", "行"},
    {"column", "列"},           {"rule", "规则"},           {"task", "任务"},              {"severity", "级别"},
    {"responsible", "责任单位"}, {"status", "对比"},         {"message", "问题"},           {"clause", "条款"},
    {"file_sha256", "文件SHA256"},
    // Appended, so earlier columns keep their places.
    {"waived", "已豁免"},       {"waiver_reason", "豁免理由"}, {"source_file", "所在文件"},
    {"document", "文件标题"},   {"document_number", "文号"},   {"effective", "施行日期"},     {"verification", "核实程度"},
    {"source_text", "原文文本"}, {"cited_text", "所引原文"},   {"cited_source", "引文出处"},  {"tier_source", "规模依据"},
};
constexpr std::size_t kColumnCount = sizeof kColumns / sizeof kColumns[0];

// An enumerated value as the report's language shows it: the id in en.
struct Values {
  Lang lang;
  bool zh() const { return lang == Lang::zh; }
  std::string kind(const std::string& id) const {
    if (!zh()) return id;
    if (id == "finding") return "问题";
    if (id == "unchecked") return "无法检查";
    if (id == "missing") return "缺政策";
    return status(id);
  }
  std::string status(const std::string& id) const {
    if (!zh()) return id;
    if (id == "new") return "新增";
    if (id == "unchanged") return "未变";
    if (id == "fixed") return "已纠正";
    if (id == "unverified") return "无法核实";
    return id;
  }
  std::string severity(Severity s) const { return zh() ? severity_name_zh(s) : severity_name(s); }
  std::string yes_no(bool yes) const { return zh() ? (yes ? "是" : "否") : (yes ? "yes" : "no"); }
  // A tier, or a band's tiers ("medium|small_i|small_ii"; 中等城市或I型小城市或II型小城市).
  std::string tier(const std::string& key) const { return zh() && !key.empty() ? audit::tier_label(key).in(lang) : key; }
  std::string term(const std::string& id) const { return zh() && !id.empty() ? label(id, lang) : id; }  // level, verification
};

std::vector<std::string> city_cells(const City* c, const Values& v) {
  if (!c) return {"", "", "", "", ""};
  // A band gives its tiers ("medium|small_i|small_ii"); tier_source says where tier or band comes from.
  return {v.zh() ? c->province_zh : c->province_en, c->code, v.zh() ? c->name_zh : c->name_en,
          c->tiers.empty() ? "" : v.tier(c->tier_key()), v.term(c->level)};
}

std::string tier_source(const City* c) { return c ? population_source_text(*c) : ""; }

// One finding's row: the city's cells first, then the finding's, then what it rests on.
std::string finding_row(const std::string& kind, std::vector<std::string> cells, const std::string& path, const Finding& f,
                      const std::string& sha, const PolicyProvenance* p, const std::string& tier_from, const RulePack& rules,
                      const Values& v) {
  const Rule* rule = rules.find(f.rule);
  cells.insert(cells.begin(), v.kind(kind));
  cells.insert(cells.end(), {path, std::to_string(f.line), std::to_string(f.column), f.rule, f.task ? std::to_string(*f.task) : "",
                             v.severity(f.severity), rule ? rule->responsible : "", v.status(status_name(f.status)),
                             f.message.in(v.lang), f.clause, sha, v.yes_no(f.waived != nullptr), f.waived ? f.waived->reason : "",
                             f.file.empty() ? path : f.file});
  // The city's side: its document, 核实 level, source texts, and the sentences the finding judges.
  std::string sources, cited, cited_at;
  if (p) {
    for (const auto& s : p->sources) sources += (sources.empty() ? "" : "; ") + (s.resolved.empty() ? s.path : s.resolved);
  }
  for (const auto& c : f.cited) {
    cited += (cited.empty() ? "" : "\n") + c.text;
    cited_at += (cited_at.empty() ? "" : "; ") + (c.source.empty() ? std::string() : c.source + ":" + std::to_string(c.begin.line));
  }
  cells.insert(cells.end(), {p ? p->title : "", p ? p->document : "", p ? p->effective : "", p ? v.term(p->verification) : "", sources,
                             cited, cited_at, tier_from});
  return row(cells);
}

}  // namespace

std::string audit_csv_header(Lang lang) {
  const Values v{lang};
  std::vector<std::string> header;
  for (const auto& c : kColumns) header.push_back(v.zh() ? c.zh : c.en);
  return row(header);
}

std::string audit_csv_rows(const FileResult& file, const RulePack& rules, Lang lang) {
  const Values v{lang};
  std::string out;
  for (const auto& f : file.findings)
    out += finding_row(f.input_error ? "unchecked" : "finding", city_cells(file.city, v), file.path, f, file.sha256.value_or(""),
                       file.provenance.get(), tier_source(file.city), rules, v);
  return out;
}

std::string audit_csv_tail(const AuditReportInput& in) {
  const auto& r = in.result;
  const Values v{in.lang};
  std::string out;
  for (const City* c : r.missing) {
    auto cells = city_cells(c, v);
    cells.insert(cells.begin(), v.kind("missing"));
    cells.resize(kColumnCount);
    cells.back() = tier_source(c);
    out += row(cells);
  }
  // Gone since the baseline: the city as the baseline named it.
  for (const auto& p : r.past)
    out += finding_row(status_name(p.finding.status), {"", p.city_code, in.lang == Lang::zh ? p.city_name_zh : p.city_name_en, "", ""},
                       p.file, p.finding, "", nullptr, "", in.rules, v);
  return out;
}

std::string render_audit_csv(const AuditReportInput& in) {
  std::string out = audit_csv_header(in.lang);
  for (const auto& file : in.result.files) out += audit_csv_rows(file, in.rules, in.lang);
  return out + audit_csv_tail(in);
}

}  // namespace luohu
