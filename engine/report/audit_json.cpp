// The audit as one JSON document: provenance, summary, every file with its
// findings, missing cities, duplicates and (with a baseline) gone findings.
#include <nlohmann/json.hpp>

#include <cmath>

#include "diag/provenance.hpp"
#include "report/audit_reports.hpp"
#include "report/reporters.hpp"

namespace luohu {
namespace {

using nlohmann::json;
using namespace audit;

json optional_text(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json population_source_keys(const City& c) {
  json out = json::array();
  for (const auto& s : c.population_sources) out.push_back({{"key", s.key}, {"title", s.title}, {"url", s.url}});
  return out;
}

json city_json(const City& c) {
  return {{"code", c.code},
          {"name_zh", c.name_zh},
          {"name_en", c.name_en},
          {"province_zh", c.province_zh},
          {"province_en", c.province_en},
          {"level", c.level},
          {"capital", c.capital},
          {"tier", optional_text(c.tier)},
          // The tier's grounds beside it: a band's tiers, how it was reached and from which sources.
          {"tiers", c.tiers},
          {"urban_population", c.population ? json(*c.population) : json(nullptr)},
          {"population_min", c.population_known && !c.population ? json(c.population_min) : json(nullptr)},
          {"population_max", c.population_known && !c.population && c.population_max ? json(*c.population_max) : json(nullptr)},
          {"population_basis", c.population_known ? json(c.population_basis) : json(nullptr)},
          {"population_sources", population_source_keys(c)}};
}

// The city's sentences a finding judges, and where its source text holds each.
json cited_json(const std::vector<CitedText>& cited) {
  json out = json::array();
  for (const auto& c : cited) {
    json e = {{"text", c.text}, {"source", c.source.empty() ? json(nullptr) : json(c.source)}};
    if (!c.source.empty()) {
      e["line"] = c.begin.line;
      e["column"] = c.begin.column;
      e["end_line"] = c.end.line;
      e["end_column"] = c.end.column;
    }
    out.push_back(std::move(e));
  }
  return out;
}

json finding_json(const Finding& f, const std::string& key, const RulePack& rules, bool baseline, Lang lang) {
  json j = {{"rule", f.rule},
            {"task", f.task ? json(*f.task) : json(nullptr)},
            {"severity", severity_name(f.severity)},
            {"line", f.line},
            {"column", f.column},
            {"end_line", f.end_line},
            {"end_column", f.end_column},
            {"message", f.message.in(lang)},
            {"message_zh", f.message.zh},
            {"message_en", f.message.en},
            {"clause", f.clause},
            {"input_error", f.input_error},
            {"key", key}};
  if (!f.file.empty()) j["file"] = f.file;  // in an imported baseline
  if (const Rule* r = rules.find(f.rule)) j["responsible"] = r->responsible;
  if (baseline && !f.input_error) j["status"] = status_name(f.status);
  if (f.waived)
    j["waived"] = {{"reason", f.waived->reason}, {"document", f.waived->document}, {"date", f.waived->date}, {"expires", f.waived->expires}};
  if (!f.cited.empty()) j["cited"] = cited_json(f.cited);
  return j;
}

json tally_json(const Tally& t, Lang lang) {
  auto rate = t.compliance();
  return {{"key", t.key},
          {"label", t.label.in(lang)},
          {"label_zh", t.label.zh},
          {"label_en", t.label.en},
          {"applicable", t.applicable},
          {"violating", t.violating},
          {"flagged", t.flagged},
          // Four decimals: enough to read, and stable text.
          {"compliance", rate ? json(std::round(*rate * 10000) / 10000) : json(nullptr)},
          {"findings", t.findings},
          {"errors", t.errors},
          {"warnings", t.warnings},
          {"notes", t.notes},
          {"unchecked", t.unchecked},
          {"missing", t.missing}};
}

json tallies(const std::vector<Tally>& ts, Lang lang) {
  json out = json::array();
  for (const auto& t : ts) out.push_back(tally_json(t, lang));
  return out;
}

json coverage_json(const std::vector<ProvisionCount>& coverage, Lang lang) {
  json out = json::array();
  for (const auto& c : coverage)
    out.push_back({{"provision", c.id},
                   {"task", c.task},
                   {"label", c.label.in(lang)},
                   {"label_zh", c.label.zh},
                   {"label_en", c.label.en},
                   {"stated_equal", c.equal},
                   {"stated_worse", c.worse},
                   {"silent", c.silent}});
  return out;
}

json file_json(const FileResult& file, const RulePack& rules, bool baseline, Lang lang) {
  std::string owner = file.city ? file.city->code : file.path;
  json findings = json::array();
  for (const auto& f : file.findings) findings.push_back(finding_json(f, finding_key(owner, f.rule, f.clause), rules, baseline, lang));
  // The file's row of the coverage view: what it says of each provision of tasks 22–30 and 34.
  json provisions = json::object();
  for (const auto& state : file.provisions) provisions[state.id] = state.state;
  return {{"path", file.path},
          {"sha256", optional_text(file.sha256)},
          {"checked", file.checked},
          {"duplicate", file.duplicate},
          {"city", file.city ? city_json(*file.city) : json(nullptr)},
          {"imports", file.imports},
          {"provisions", provisions},
          {"provenance", provenance_json(file.provenance.get())},
          {"findings", findings}};
}

// The waiver ledger's rows of one file: every waiver of every checked file, used or not.
void add_waivers(json& ledger, const FileResult& file) {
  for (const auto& w : file.waivers)
    ledger.push_back({{"file", file.path},
                      {"city", file.city ? json(file.city->code) : json(nullptr)},
                      {"line", w.line},
                      {"rule", w.rule},
                      {"reason", w.reason},
                      {"document", w.document},
                      {"date", w.date},
                      {"expires", w.expires},
                      {"status", w.not_yet ? "not_in_force" : w.expired ? "expired" : w.ambiguous ? "ambiguous" : w.uses ? "active" : "unused"},
                      {"waived_findings", w.uses}});
}

// What the report says before its files: all known before any file is checked.
json head_json(const Provenance& p, const RulePack& pack, Lang lang, Expect expect) {
  json rule_files = json::array();
  for (const auto& f : p.rule_files) rule_files.push_back(hashed_file_json(f));
  json rules = json::array();
  for (const auto& rule : pack.rules)
    rules.push_back({{"id", rule.id},
                     {"task", rule.task},
                     {"severity", severity_name(rule.severity)},
                     {"title", rule.title.in(lang)},
                     {"title_zh", rule.title.zh},
                     {"title_en", rule.title.en},
                     {"quote", rule.quote},
                     {"responsible", rule.responsible}});
  return {{"format", "luohu-audit/1"},
          {"lang", lang == Lang::zh ? "zh" : "en"},
          {"tool", {{"name", "luohu"}, {"version", p.luohu_version}}},
          {"rule_pack", {{"name", p.pack_name}, {"version", p.pack_version}, {"seed", p.pack_seed}, {"files", rule_files}}},
          {"registry", {{"path", p.registry.path}, {"version", p.registry_version}, {"sha256", optional_text(p.registry.sha256)}}},
          {"inputs", p.inputs},
          {"as_of", p.as_of.empty() ? json(nullptr) : json(p.as_of)},
          {"documents", p.documents},
          {"impact", p.impact.empty() ? json(nullptr) : json(p.impact)},
          {"expect", expect_name(expect)},
          {"snapshot", p.snapshot ? snapshot_json(*p.snapshot) : json(nullptr)},
          {"baseline", p.baseline ? hashed_file_json(*p.baseline) : json(nullptr)},
          {"rules", rules}};
}

// What the report says after its files: what needs every file checked.
json tail_json(const AuditReportInput& in, json ledger) {
  const auto& r = in.result;
  const auto& s = in.summary;
  // Baselines the policies import, hashed like the inputs.
  json imports = json::array();
  for (const auto& b : r.imports) imports.push_back({{"path", b.path}, {"sha256", optional_text(b.sha256)}, {"imported_by", b.importers}});
  json missing = json::array();
  for (const City* c : r.missing) missing.push_back(city_json(*c));
  json duplicates = json::array();
  for (const auto& group : r.duplicates) duplicates.push_back({{"city", group.city->code}, {"files", group.paths}});
  json gone = json::array();
  for (const auto& past : r.past) {
    json j = finding_json(past.finding, finding_key(past.city_code.empty() ? past.file : past.city_code, past.finding.rule, past.finding.clause),
                          in.rules, true, in.lang);
    j["file"] = past.file;
    j["city"] = {{"code", past.city_code}, {"name_zh", past.city_name_zh}, {"name_en", past.city_name_en}};
    gone.push_back(j);
  }
  json summary = {{"files", s.files},
                  {"checked", s.checked},
                  {"unchecked", s.unchecked},
                  {"duplicates", s.duplicates},
                  {"missing", s.missing},
                  {"cities_checked", s.cities_checked},
                  {"cities_compliant", s.cities_compliant},
                  {"errors", s.errors},
                  {"warnings", s.warnings},
                  {"notes", s.notes},
                  {"by_rule", tallies(s.by_rule, in.lang)},
                  {"by_task", tallies(s.by_task, in.lang)},
                  {"by_province", tallies(s.by_province, in.lang)},
                  {"by_tier", tallies(s.by_tier, in.lang)},
                  {"by_unit", tallies(s.by_unit, in.lang)},
                  {"coverage", coverage_json(s.coverage, in.lang)},
                  {"by_verification", tallies(s.by_verification, in.lang)}};
  if (r.baseline)
    summary["baseline"] = {{"new", s.new_findings}, {"unchanged", s.unchanged}, {"fixed", s.fixed}, {"unverified", s.unverified}};
  json tail = {{"imports", imports},
               {"exit_code", r.exit_code()},
               {"summary", summary},
               {"missing", missing},
               {"duplicates", duplicates},
               {"gone", gone},
               {"waivers", std::move(ledger)}};
  // --over-time: the same files under each date's rules, counts only.
  if (in.over_time && !in.over_time->empty()) {
    json dates = json::array();
    for (const auto& d : *in.over_time)
      dates.push_back({{"as_of", d.as_of},
                       {"documents", d.documents},
                       {"cities_checked", d.summary.cities_checked},
                       {"cities_compliant", d.summary.cities_compliant},
                       {"errors", d.summary.errors},
                       {"warnings", d.summary.warnings},
                       {"notes", d.summary.notes},
                       {"by_tier", tallies(d.summary.by_tier, in.lang)},
                       {"by_rule", tallies(d.summary.by_rule, in.lang)}});
    tail["over_time"] = std::move(dates);
  }
  return tail;
}

// Indented one level deeper, as an element of the top-level "files" array:
// line by line (char by char it was 7% of an audit's instructions).
std::string nested(const std::string& entry) {
  std::string out;
  out.reserve(entry.size() + entry.size() / 8);
  std::size_t from = 0;
  for (std::size_t nl; (nl = entry.find('\n', from)) != std::string::npos; from = nl + 1) {
    out.append(entry, from, nl + 1 - from);
    out += "    ";  // JSON strings hold no raw newline
  }
  out.append(entry, from);
  return out;
}

}  // namespace

json hashed_file_json(const HashedFile& file) { return {{"path", file.path}, {"sha256", optional_text(file.sha256)}}; }

json snapshot_json(const SnapshotUsed& snapshot) {
  return {{"path", snapshot.path}, {"content_sha256", optional_text(snapshot.content_sha256)}};
}

json audit_json(const AuditReportInput& in) {
  const auto& r = in.result;
  json j = head_json(r.provenance, in.rules, in.lang, r.expect);
  json files = json::array(), ledger = json::array();
  for (const auto& file : r.files) {
    files.push_back(file_json(file, in.rules, r.baseline, in.lang));
    add_waivers(ledger, file);
  }
  j["files"] = std::move(files);
  j.update(tail_json(in, std::move(ledger)));
  return j;
}

AuditJsonWriter::AuditJsonWriter(const Provenance& provenance, const RulePack& rules, Lang lang, Expect expect, bool baseline)
    : provenance_(provenance), rules_(rules), lang_(lang), expect_(expect), baseline_(baseline),
      ledger_(std::make_unique<json>(json::array())) {}

AuditJsonWriter::~AuditJsonWriter() = default;

bool AuditJsonWriter::begin(const ChunkWriter& write) {
  const std::string head = dump_valid(head_json(provenance_, rules_, lang_, expect_), 2);  // "{\n  ...\n}"
  return write(std::string_view(head).substr(0, head.size() - 2)) && write(",\n  \"files\": [");
}

std::string AuditJsonWriter::entry(const FileResult& file) const {
  return nested(dump_valid(file_json(file, rules_, baseline_, lang_), 2));
}

bool AuditJsonWriter::add(const FileResult& file, std::string_view entry, const ChunkWriter& write) {
  add_waivers(*ledger_, file);
  return write(files_++ == 0 ? "\n    " : ",\n    ") && write(entry);
}

bool AuditJsonWriter::end(const AuditReportInput& in, const ChunkWriter& write) {
  const std::string tail = dump_valid(tail_json(in, std::move(*ledger_)), 2);  // "{\n  ...\n}"
  return write(files_ ? "\n  ]," : "],") && write(std::string_view(tail).substr(1)) && write("\n");
}

bool write_audit_json(const AuditReportInput& in, const ChunkWriter& write) {
  // The writer a streamed audit drives, over files already kept (the CLI streams; this serves the library's callers).
  const auto& r = in.result;
  AuditJsonWriter writer(r.provenance, in.rules, in.lang, r.expect, r.baseline);
  if (!writer.begin(write)) return false;
  for (const auto& file : r.files) {
    if (!writer.add(file, writer.entry(file), write)) return false;
  }
  return writer.end(in, write);
}

std::string render_audit_json(const AuditReportInput& in) {
  std::string out;
  write_audit_json(in, [&](std::string_view piece) {
    out += piece;
    return true;
  });
  return out;
}

}  // namespace luohu
