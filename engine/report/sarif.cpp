// The one SARIF 2.1.0 writer: `check` (render_sarif) and `audit`
// (render_audit_sarif) build their runs from the same pieces, so a rule, a
// region, a city's cited sentence and a waiver read the same in both, and both
// count columns in UTF-16 code units, 1-based (run.columnKind), as GitHub code
// scanning and the LSP do.
#include "report/sarif.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "registry/registry.hpp"
#include "report/audit_reports.hpp"
#include "report/reporters.hpp"
#include "rules/docs.hpp"
#include "source/source_map.hpp"
#include "util/uri.hpp"

namespace luohu {
namespace {

using nlohmann::json;

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kColumnKind = "utf16CodeUnits";

// SARIF's result levels are luohu's severity names (error, warning, note).
const char* level(Severity s) { return severity_name(s); }

json rule_descriptor(const Rule& rule, Lang lang) {
  std::string citation = rule_citation(rule).in(lang);
  std::string help = fmt::format("{}\n\n{}", citation, rule.reading.in(lang));
  std::string markdown = fmt::format("**{}**\n\n> {}\n\n{}", rule.title.in(lang), citation, rule.reading.in(lang));
  return {
      {"id", rule.id},
      {"shortDescription", {{"text", rule.title.in(lang)}}},
      {"fullDescription", {{"text", fmt::format("{} — {}", rule.title.in(lang), citation)}}},
      {"help", {{"text", help}, {"markdown", markdown}}},
      // No helpUri: it must be absolute, and luohu has no stable public address;
      // a file:// path would be this machine's. The page's place in the data
      // root (share/luohu/ when installed) is a property instead.
      {"defaultConfiguration", {{"level", level(rule.severity)}}},
      {"properties", {{"task", rule.task != 0 ? json(rule.task) : json(nullptr)}, {"document", rule.document}, {"basis", rule.basis},
                      {"quote", rule.quote}, {"responsible", rule.responsible}, {"docs", rule_doc_path(rule)},
                      {"in_force", {{"from", rule.in_force.from}, {"until", rule.in_force.until.empty() ? json(nullptr) : json(rule.in_force.until)}}}}},
  };
}

// The pack's rules as tool.driver.rules, and where each sits in it (result.ruleIndex).
struct RuleTable {
  json descriptors = json::array();
  std::map<std::string, std::size_t> index;
  RuleTable(const RulePack& pack, Lang lang) {
    for (const auto& rule : pack.rules) {
      index[rule.id] = descriptors.size();
      descriptors.push_back(rule_descriptor(rule, lang));
    }
  }
  void set_index(json& result, const std::string& id) const {
    if (auto it = index.find(id); it != index.end()) result["ruleIndex"] = it->second;
  }
};

json driver(const std::string& version, const RuleTable& rules, const RulePack& pack) {
  return {{"name", "luohu"},
          {"version", version},
          {"semanticVersion", version},
          {"rules", rules.descriptors},
          {"properties", {{"rulePack", pack.name}, {"rulePackVersion", pack.version}, {"seed", pack.seed}}}};
}

// Columns are UTF-16 code units, 1-based.
json region(std::uint32_t line, std::uint32_t column, std::uint32_t end_line, std::uint32_t end_column) {
  json r = {{"startLine", std::max(1u, line)}, {"startColumn", std::max(1u, column)}};
  if (end_line >= line && end_line > 0) {
    r["endLine"] = end_line;
    r["endColumn"] = std::max(1u, end_column);
  }
  return r;
}

json physical(const std::string& path, json region_json, std::optional<std::size_t> artifact_index = std::nullopt) {
  json artifact = {{"uri", percent_encode_path(path)}};
  if (artifact_index) artifact["index"] = *artifact_index;
  return {{"physicalLocation", {{"artifactLocation", artifact}, {"region", std::move(region_json)}}}};
}

json location(const SourceFile& source, SourceRange range) {
  auto begin = source.location(range.begin);
  auto end = source.location(range.end);
  return physical(source.path(), region(begin.line, source.utf16_column(range.begin) + 1, end.line, source.utf16_column(range.end) + 1));
}

// A report's range, in whichever file it lies (imports: compose/).
json location(const FileReport& report, SourceRange range) {
  Located at = locate(report, range);
  return location(*at.source, at.range);
}

std::string cited_message(const CitedText& c, Lang lang) {
  return lang == Lang::zh ? fmt::format("城市原文：“{}”", c.text) : fmt::format("the city's text: “{}”", c.text);
}

// The city's sentence a finding judges, in its source text once verified.
std::optional<json> cited_in_source(const CitedText& c, Lang lang) {
  if (c.source.empty()) return std::nullopt;
  json r = region(c.begin.line, c.begin_utf16 + 1, c.end.line, c.end_utf16 + 1);
  r["snippet"] = {{"text", c.text}};
  json l = physical(c.source, std::move(r));
  l["message"] = {{"text", cited_message(c, lang)}};
  return l;
}

json cited_texts(const std::vector<CitedText>& cited) {
  json texts = json::array();
  for (const auto& c : cited) texts.push_back(c.text);
  return texts;
}

// A waiver is SARIF's in-source suppression (docs/waivers.md).
json suppressions(const Waived& w) {
  return json::array({{{"kind", "inSource"}, {"status", "accepted"},
                       {"justification", fmt::format("{} ({}, {}, until {})", w.reason, w.document, w.date, w.expires)}}});
}

json document(json run) { return {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}}; }

}  // namespace

json render_sarif(const std::vector<FileReport>& reports, const RulePack& rules, Lang lang) {
  RuleTable table(rules, lang);
  json results = json::array();
  bool all_checked = true;
  for (const auto& report : reports) {
    if (report.input_error()) all_checked = false;
    for (const auto& d : report.diagnostics) {
      json result = {{"ruleId", d.code},
                     {"level", level(d.severity)},
                     {"message", {{"text", d.message.in(lang)}}},
                     {"locations", json::array({location(report, d.range)})}};
      table.set_index(result, d.code);
      json related = json::array();
      for (const auto& r : d.related) {
        json l = location(report, r.range);
        l["message"] = {{"text", r.message.in(lang)}};
        related.push_back(std::move(l));
      }
      // The city's sentence beside the plan's quote: in its source text once verified, else at its 原文.
      for (const auto& c : d.cited) {
        json l = cited_in_source(c, lang).value_or(json());
        if (l.is_null()) {
          l = location(report, c.range);
          l["message"] = {{"text", cited_message(c, lang)}};
        }
        related.push_back(std::move(l));
      }
      for (std::size_t i = 0; i < related.size(); ++i) related[i]["id"] = i;
      if (!related.empty()) result["relatedLocations"] = std::move(related);
      json properties = {{"inputError", d.input_error}};
      if (d.task) properties["task"] = *d.task;
      if (!d.quote.empty()) properties["quote"] = d.quote;
      if (!d.cited.empty()) properties["cited"] = cited_texts(d.cited);
      result["properties"] = properties;
      if (d.waived) result["suppressions"] = suppressions(*d.waived);
      results.push_back(std::move(result));
    }
  }
  json run = {
      {"tool", {{"driver", driver(LUOHU_VERSION, table, rules)}}},
      {"columnKind", kColumnKind},
      {"invocations", json::array({{{"executionSuccessful", all_checked}}})},
      {"results", results},
  };
  return document(std::move(run));
}

// The audit as one run: one result per finding with a line-independent
// fingerprint, and with a baseline, baselineState (new, unchanged, absent for
// gone findings). Files that could not be checked are tool execution
// notifications. Provenance sits in run.properties.
namespace {

const char* baseline_state(audit::Status s) {
  switch (s) {
    case audit::Status::new_finding: return "new";
    case audit::Status::unchanged: return "unchanged";
    default: return "absent";
  }
}

// A finding read back from a baseline has no UTF-16 columns: its code-point
// columns stand in (equal for every character of the Basic Multilingual Plane).
json finding_location(const std::string& path, std::optional<std::size_t> index, const audit::Finding& f) {
  json r = region(f.line, f.column_utf16 ? f.column_utf16 : f.column, f.end_line, f.end_column_utf16 ? f.end_column_utf16 : f.end_column);
  if (!f.clause.empty()) r["snippet"] = {{"text", f.clause}};
  return physical(path, std::move(r), index);
}

json hashes(const std::string& sha256) { return json{{"sha-256", sha256}}; }

}  // namespace

std::string render_audit_sarif(const AuditReportInput& in) {
  const auto& r = in.result;
  const auto& p = r.provenance;
  RuleTable table(in.rules, in.lang);
  json artifacts = json::array();
  json results = json::array();
  json notifications = json::array();
  auto result_json = [&](const audit::Finding& f, const std::string& owner, json where, const json& city) {
    json j = {{"ruleId", f.rule},
              {"level", level(f.severity)},
              {"message", {{"text", f.message.in(in.lang)}}},
              {"locations", json::array({std::move(where)})},
              {"partialFingerprints", {{"luohuClauseKey/v1", audit::finding_key(owner, f.rule, f.clause)}}},
              {"properties", {{"city", city}}}};
    table.set_index(j, f.rule);
    if (f.task) j["properties"]["task"] = *f.task;
    json related = json::array();
    for (const auto& c : f.cited) {
      if (auto l = cited_in_source(c, in.lang)) {
        (*l)["id"] = related.size();
        related.push_back(std::move(*l));
      }
    }
    if (!related.empty()) j["relatedLocations"] = std::move(related);
    if (!f.cited.empty()) j["properties"]["cited"] = cited_texts(f.cited);
    if (r.baseline) j["baselineState"] = baseline_state(f.status);
    if (f.waived) j["suppressions"] = suppressions(*f.waived);
    return j;
  };
  // Imported baselines are artifacts after the policy files; a finding in one points there.
  std::map<std::string, std::size_t> import_index;
  for (const auto& b : r.imports) import_index.emplace(b.path, r.files.size() + import_index.size());
  auto where = [&](const std::string& path, std::size_t index, const audit::Finding& f) {
    if (f.file.empty()) return finding_location(path, index, f);
    auto it = import_index.find(f.file);
    return finding_location(f.file, it == import_index.end() ? std::nullopt : std::optional(it->second), f);
  };
  for (const auto& file : r.files) {
    std::size_t index = artifacts.size();
    json artifact = {{"location", {{"uri", percent_encode_path(file.path)}}}};
    if (file.sha256) artifact["hashes"] = hashes(*file.sha256);
    artifacts.push_back(artifact);
    json city = file.city ? json{{"code", file.city->code},
                                 {"name", in.lang == Lang::zh ? file.city->name_zh : file.city->name_en},
                                 {"province", in.lang == Lang::zh ? file.city->province_zh : file.city->province_en},
                                 {"tier", file.city->tier ? json(*file.city->tier) : json(nullptr)}}
                          : json(nullptr);
    for (const auto& f : file.findings) {
      if (f.input_error) {
        notifications.push_back({{"level", "error"},
                                 {"descriptor", {{"id", f.rule}}},
                                 {"message", {{"text", f.message.in(in.lang)}}},
                                 {"locations", json::array({where(file.path, index, f)})}});
      } else {
        results.push_back(result_json(f, file.city ? file.city->code : file.path, where(file.path, index, f), city));
      }
    }
  }
  for (const auto& b : r.imports) {
    json artifact = {{"location", {{"uri", percent_encode_path(b.path)}}}};
    if (b.sha256) artifact["hashes"] = hashes(*b.sha256);
    artifacts.push_back(artifact);
  }
  for (const auto& past : r.past) {
    json city = {{"code", past.city_code}, {"name", in.lang == Lang::zh ? past.city_name_zh : past.city_name_en}};
    json j = result_json(past.finding, past.city_code.empty() ? past.file : past.city_code,
                         finding_location(past.file, std::nullopt, past.finding), city);
    j["properties"]["status"] = audit::status_name(past.finding.status);
    results.push_back(std::move(j));
  }
  json rule_files = json::array();
  for (const auto& f : p.rule_files) rule_files.push_back(hashed_file_json(f));
  json missing = json::array();
  for (const City* c : r.missing) missing.push_back(c->code);
  json properties = {{"rulePack", {{"name", p.pack_name}, {"version", p.pack_version}, {"files", rule_files}}},
                     {"registry", {{"path", p.registry.path}, {"version", p.registry_version},
                                   {"sha256", p.registry.sha256 ? json(*p.registry.sha256) : json(nullptr)}}},
                     {"inputs", p.inputs},
                     {"expect", audit::expect_name(r.expect)},
                     {"missingCities", missing}};
  if (p.snapshot) properties["snapshot"] = snapshot_json(*p.snapshot);
  if (p.baseline) properties["baseline"] = hashed_file_json(*p.baseline);
  json run = {{"tool", {{"driver", driver(p.luohu_version, table, in.rules)}}},
              {"columnKind", kColumnKind},
              {"artifacts", artifacts},
              {"invocations", json::array({{{"executionSuccessful", r.unchecked() == 0},
                                            {"exitCode", r.exit_code()},
                                            {"toolExecutionNotifications", notifications}}})},
              {"results", results},
              {"properties", properties}};
  return dump_valid(document(std::move(run)), 2) + "\n";
}

}  // namespace luohu
