// The audit as CSV (RFC 4180): one row per finding, input error, missing
// city or gone finding, with a `kind` column, for spreadsheets. `line` and
// `column` are in `source_file`: the policy, or a baseline it imports.
#include "check/city_record.hpp"
#include "diag/provenance.hpp"
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

std::vector<std::string> city_cells(const City* c, Lang lang) {
  if (!c) return {"", "", "", "", ""};
  // A band gives its tiers ("medium|small_i|small_ii"); tier_source says where tier or band comes from.
  return {lang == Lang::zh ? c->province_zh : c->province_en, c->code, lang == Lang::zh ? c->name_zh : c->name_en,
          c->tiers.empty() ? "" : c->tier_key(), c->level};
}

std::string tier_source(const City* c) { return c ? population_source_text(*c) : ""; }

}  // namespace

std::string render_audit_csv(const AuditReportInput& in) {
  const auto& r = in.result;
  std::string out = row({"kind", "province", "city_code", "city", "tier", "level", "file", "line", "column", "rule", "task",
                         "severity", "responsible", "status", "message", "clause", "file_sha256",
                         // Appended, so earlier columns keep their places.
                         "waived", "waiver_reason", "source_file",
                         "document", "document_number", "effective", "verification", "source_text", "cited_text",
                         "cited_source", "tier_source"});
  auto finding_row = [&](const std::string& kind, std::vector<std::string> cells, const std::string& path, const Finding& f,
                         const std::string& sha, const PolicyProvenance* p, const std::string& tier_from) {
    const Rule* rule = in.rules.find(f.rule);
    cells.insert(cells.begin(), kind);
    cells.insert(cells.end(), {path, std::to_string(f.line), std::to_string(f.column), f.rule, f.task ? std::to_string(*f.task) : "",
                               severity_name(f.severity), rule ? rule->responsible : "", status_name(f.status),
                               f.message.in(in.lang), f.clause, sha, f.waived ? "yes" : "no", f.waived ? f.waived->reason : "",
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
    cells.insert(cells.end(), {p ? p->title : "", p ? p->document : "", p ? p->effective : "", p ? p->verification : "", sources,
                               cited, cited_at, tier_from});
    out += row(cells);
  };
  for (const auto& file : r.files) {
    for (const auto& f : file.findings)
      finding_row(f.input_error ? "unchecked" : "finding", city_cells(file.city, in.lang), file.path, f, file.sha256.value_or(""),
                  file.provenance.get(), tier_source(file.city));
  }
  for (const City* c : r.missing) {
    auto cells = city_cells(c, in.lang);
    cells.insert(cells.begin(), "missing");
    cells.resize(28);
    cells[27] = tier_source(c);
    out += row(cells);
  }
  // Gone since the baseline: the city as the baseline named it.
  for (const auto& p : r.past)
    finding_row(status_name(p.finding.status), {"", p.city_code, in.lang == Lang::zh ? p.city_name_zh : p.city_name_en, "", ""},
                p.file, p.finding, "", nullptr, "");
  return out;
}

}  // namespace luohu
