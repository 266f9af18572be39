// The audit as SARIF 2.1.0: one run; the pack's rules as tool.driver.rules;
// one result per finding with a line-independent fingerprint, and with a
// baseline, baselineState (new, unchanged, absent for gone findings). Files
// that could not be checked are tool execution notifications. Columns are
// code points (columnKind says so). Provenance sits in run.properties.
#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include <map>

#include "report/audit_reports.hpp"
#include "report/reporters.hpp"
#include "util/uri.hpp"

namespace luohu {
namespace {

using nlohmann::json;
using namespace audit;

// A relative path, percent-encoded, for artifactLocation.uri.
std::string uri(const std::string& path) { return percent_encode_path(path); }

const char* level(Severity s) { return severity_name(s); }  // SARIF's levels are the severity names

const char* baseline_state(Status s) {
  switch (s) {
    case Status::new_finding: return "new";
    case Status::unchanged: return "unchanged";
    default: return "absent";
  }
}

json location(const std::string& path, std::optional<std::size_t> index, const Finding& f) {
  json artifact = {{"uri", uri(path)}};
  if (index) artifact["index"] = *index;
  json region = {{"startLine", std::max(1u, f.line)}, {"startColumn", std::max(1u, f.column)}};
  if (f.end_line >= f.line && f.end_line > 0) {
    region["endLine"] = f.end_line;
    region["endColumn"] = std::max(1u, f.end_column);
  }
  if (!f.clause.empty()) region["snippet"] = {{"text", f.clause}};
  return {{"physicalLocation", {{"artifactLocation", artifact}, {"region", region}}}};
}

}  // namespace

std::string render_audit_sarif(const AuditReportInput& in) {
  const auto& r = in.result;
  const auto& p = r.provenance;
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const auto& rule : in.rules.rules) {
    rule_index[rule.id] = rules.size();
    rules.push_back({{"id", rule.id},
                     {"shortDescription", {{"text", rule.title.in(in.lang)}}},
                     {"fullDescription", {{"text", rule.quote}}},
                     {"defaultConfiguration", {{"level", level(rule.severity)}}},
                     {"properties", {{"task", rule.task}, {"responsible", rule.responsible}}}});
  }
  json artifacts = json::array();
  json results = json::array();
  json notifications = json::array();
  auto result_json = [&](const Finding& f, const std::string& owner, const std::string& path, std::optional<std::size_t> index,
                         const json& city) {
    json j = {{"ruleId", f.rule},
              {"level", level(f.severity)},
              {"message", {{"text", f.message.in(in.lang)}}},
              {"locations", json::array({location(path, index, f)})},
              {"partialFingerprints", {{"luohuClauseKey/v1", finding_key(owner, f.rule, f.clause)}}},
              {"properties", {{"city", city}}}};
    if (auto it = rule_index.find(f.rule); it != rule_index.end()) j["ruleIndex"] = it->second;
    if (f.task) j["properties"]["task"] = *f.task;
    // The city's sentence the finding judges, in its source text (columns in code points, as the run says).
    json related = json::array();
    for (const auto& c : f.cited) {
      if (c.source.empty()) continue;
      related.push_back({{"id", related.size()},
                         {"physicalLocation",
                          {{"artifactLocation", {{"uri", uri(c.source)}}},
                           {"region", {{"startLine", c.begin.line}, {"startColumn", c.begin.column}, {"endLine", c.end.line},
                                       {"endColumn", c.end.column}, {"snippet", {{"text", c.text}}}}}}},
                         {"message", {{"text", in.lang == Lang::zh ? "城市原文：“" + c.text + "”" : "the city's text: “" + c.text + "”"}}}});
    }
    if (!related.empty()) j["relatedLocations"] = std::move(related);
    if (!f.cited.empty()) {
      json texts = json::array();
      for (const auto& c : f.cited) texts.push_back(c.text);
      j["properties"]["cited"] = std::move(texts);
    }
    if (r.baseline) j["baselineState"] = baseline_state(f.status);
    // A waiver is SARIF's in-source suppression (docs/waivers.md).
    if (f.waived)
      j["suppressions"] = json::array({{{"kind", "inSource"}, {"status", "accepted"},
                                        {"justification", f.waived->reason + " (" + f.waived->document + ", " + f.waived->date +
                                                              ", until " + f.waived->expires + ")"}}});
    return j;
  };
  // Imported baselines are artifacts after the policy files; a finding in one points there.
  std::map<std::string, std::size_t> import_index;
  for (const auto& b : r.imports) import_index.emplace(b.path, r.files.size() + import_index.size());
  auto where = [&](const std::string& path, std::size_t index, const Finding& f) {
    if (f.file.empty()) return location(path, index, f);
    auto it = import_index.find(f.file);
    return location(f.file, it == import_index.end() ? std::nullopt : std::optional(it->second), f);
  };
  for (const auto& file : r.files) {
    std::size_t index = artifacts.size();
    json artifact = {{"location", {{"uri", uri(file.path)}}}};
    if (file.sha256) artifact["hashes"] = {{"sha-256", *file.sha256}};
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
        json j = result_json(f, file.city ? file.city->code : file.path, file.path, index, city);
        j["locations"] = json::array({where(file.path, index, f)});
        results.push_back(std::move(j));
      }
    }
  }
  for (const auto& b : r.imports) {
    json artifact = {{"location", {{"uri", uri(b.path)}}}};
    if (b.sha256) artifact["hashes"] = {{"sha-256", *b.sha256}};
    artifacts.push_back(artifact);
  }
  for (const auto& past : r.past) {
    json city = {{"code", past.city_code}, {"name", in.lang == Lang::zh ? past.city_name_zh : past.city_name_en}};
    json j = result_json(past.finding, past.city_code.empty() ? past.file : past.city_code, past.file, std::nullopt, city);
    j["properties"]["status"] = status_name(past.finding.status);
    results.push_back(j);
  }
  json rule_files = json::array();
  for (const auto& f : p.rule_files) rule_files.push_back({{"path", f.path}, {"sha256", f.sha256 ? json(*f.sha256) : json(nullptr)}});
  json missing = json::array();
  for (const City* c : r.missing) missing.push_back(c->code);
  json properties = {{"rulePack", {{"name", p.pack_name}, {"version", p.pack_version}, {"files", rule_files}}},
                     {"registry", {{"path", p.registry.path}, {"version", p.registry_version},
                                   {"sha256", p.registry.sha256 ? json(*p.registry.sha256) : json(nullptr)}}},
                     {"inputs", p.inputs},
                     {"expect", expect_name(r.expect)},
                     {"missingCities", missing}};
  if (p.snapshot) properties["snapshot"] = {{"path", p.snapshot->path}, {"sha256", p.snapshot->sha256 ? json(*p.snapshot->sha256) : json(nullptr)}};
  if (p.baseline) properties["baseline"] = {{"path", p.baseline->path}, {"sha256", p.baseline->sha256 ? json(*p.baseline->sha256) : json(nullptr)}};
  json run = {{"tool", {{"driver", {{"name", "luohu"}, {"version", p.luohu_version}, {"semanticVersion", p.luohu_version}, {"rules", rules}}}}},
              {"columnKind", "unicodeCodePoints"},
              {"artifacts", artifacts},
              {"invocations", json::array({{{"executionSuccessful", r.unchecked() == 0},
                                            {"exitCode", r.exit_code()},
                                            {"toolExecutionNotifications", notifications}}})},
              {"results", results},
              {"properties", properties}};
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  return dump_valid(std::move(doc), 2) + "\n";
}

}  // namespace luohu
