#include "report/sarif.hpp"

#include <fmt/format.h>

#include <map>

#include <nlohmann/json.hpp>

#include "source/source_map.hpp"
#include "registry/registry.hpp"
#include "rules/docs.hpp"
#include "util/uri.hpp"

namespace luohu {
namespace {

using nlohmann::json;

// SARIF's result levels are luohu's severity names (error, warning, note).
const char* level(Severity s) { return severity_name(s); }

json rule_descriptor(const RulePack& /*pack*/, const Rule& rule, Lang lang) {
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

json region(const SourceFile& source, SourceRange range) {
  auto begin = source.location(range.begin);
  auto end = source.location(range.end);
  return {{"startLine", begin.line},
          {"startColumn", source.utf16_column(range.begin) + 1},
          {"endLine", end.line},
          {"endColumn", source.utf16_column(range.end) + 1}};
}

json location(const SourceFile& source, SourceRange range) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", percent_encode_path(source.path())}}}, {"region", region(source, range)}}}};
}

// A report's range, in whichever file it lies (imports: compose/).
json location(const FileReport& report, SourceRange range) {
  Located at = locate(report, range);
  return location(*at.source, at.range);
}

}  // namespace

json render_sarif(const std::vector<FileReport>& reports, const RulePack& rules, Lang lang) {
  json descriptors = json::array();
  std::map<std::string, std::size_t> index;
  for (const auto& rule : rules.rules) {
    index[rule.id] = descriptors.size();
    descriptors.push_back(rule_descriptor(rules, rule, lang));
  }
  json results = json::array();
  bool all_checked = true;
  for (const auto& report : reports) {
    if (report.input_error()) all_checked = false;
    for (const auto& d : report.diagnostics) {
      json result = {{"ruleId", d.code},
                     {"level", level(d.severity)},
                     {"message", {{"text", d.message.in(lang)}}},
                     {"locations", json::array({location(report, d.range)})}};
      if (auto it = index.find(d.code); it != index.end()) result["ruleIndex"] = it->second;
      json related = json::array();
      for (std::size_t i = 0; i < d.related.size(); ++i) {
        json l = location(report, d.related[i].range);
        l["id"] = i;
        l["message"] = {{"text", d.related[i].message.in(lang)}};
        related.push_back(l);
      }
      // The city's sentence beside the plan's quote: in its source text once verified, else at its 原文.
      for (const auto& c : d.cited) {
        json l;
        if (c.source.empty()) {
          l = location(report, c.range);
        } else {
          l = {{"physicalLocation",
                {{"artifactLocation", {{"uri", percent_encode_path(c.source)}}},
                 {"region", {{"startLine", c.begin.line}, {"startColumn", c.begin_utf16 + 1},
                             {"endLine", c.end.line}, {"endColumn", c.end_utf16 + 1}}}}}};
        }
        l["id"] = related.size();
        l["message"] = {{"text", lang == Lang::zh ? fmt::format("城市原文：“{}”", c.text) : fmt::format("the city's text: “{}”", c.text)}};
        related.push_back(std::move(l));
      }
      if (!related.empty()) result["relatedLocations"] = related;
      json properties = {{"inputError", d.input_error}};
      if (d.task) properties["task"] = *d.task;
      if (!d.quote.empty()) properties["quote"] = d.quote;
      if (!d.cited.empty()) {
        json cited = json::array();
        for (const auto& c : d.cited) cited.push_back(c.text);
        properties["cited"] = cited;
      }
      result["properties"] = properties;
      // A waiver is SARIF's in-source suppression (docs/waivers.md).
      if (d.waived)
        result["suppressions"] = json::array({{{"kind", "inSource"}, {"status", "accepted"},
                                               {"justification", fmt::format("{} ({}, {}, until {})", d.waived->reason,
                                                                             d.waived->document, d.waived->date, d.waived->expires)}}});
      results.push_back(std::move(result));
    }
  }
  json driver = {
      {"name", "luohu"},
      {"version", LUOHU_VERSION},
      {"semanticVersion", LUOHU_VERSION},
      {"rules", descriptors},
      {"properties", {{"rulePack", rules.name}, {"rulePackVersion", rules.version}, {"seed", rules.seed}}},
  };
  json run = {
      {"tool", {{"driver", driver}}},
      {"columnKind", "utf16CodeUnits"},
      {"invocations", json::array({{{"executionSuccessful", all_checked}}})},
      {"results", results},
  };
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", json::array({run})}};
}

}  // namespace luohu
