#include "lsp/protocol.hpp"

#include <fmt/format.h>

#include "lsp/uri.hpp"

namespace luohu::lsp {

json position(const SourceFile& source, std::uint32_t offset) {
  return {{"line", source.location(offset).line - 1}, {"character", source.utf16_column(offset)}};
}

json range(const SourceFile& source, SourceRange r) {
  return {{"start", position(source, r.begin)}, {"end", position(source, r.end)}};
}

std::uint32_t offset(const SourceFile& source, const json& p) {
  auto line = p.at("line").get<std::int64_t>();
  auto character = p.at("character").get<std::int64_t>();
  if (line < 0 || character < 0) throw InvalidParams("a position has a negative line or character");
  if (line >= source.line_count()) return static_cast<std::uint32_t>(source.text().size());
  return source.offset_of_utf16(static_cast<std::uint32_t>(line),
                                static_cast<std::uint32_t>(std::min<std::int64_t>(character, UINT32_MAX)));
}

SourceRange source_range(const SourceFile& source, const json& r) {
  SourceRange out{offset(source, r.at("start")), offset(source, r.at("end"))};
  if (out.end < out.begin) std::swap(out.begin, out.end);
  return out;
}

namespace {
int severity(Severity s) {
  switch (s) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    case Severity::note: return 3;
  }
  return 1;
}
}  // namespace

json diagnostic(const DiagnosticContext& c, const Diagnostic& d) {
  // A waived finding stays visible (docs/waivers.md) but as a hint, not a
  // squiggle: it does not fail the check, and its message says who allowed it.
  std::string message = d.message.in(c.lang);
  if (d.waived) {
    const Waived& w = *d.waived;
    message += c.lang == Lang::zh
                   ? fmt::format("（已豁免：{}；批准文件 {}（{}），有效期至 {}）", w.reason, w.document, w.date, w.expires)
                   : fmt::format(" (waived: {}; approved by {} of {}, until {})", w.reason, w.document, w.date, w.expires);
  }
  json out = {{"range", range(c.source, d.range)},
              {"severity", d.waived ? 4 : severity(d.severity)},
              {"code", d.code},
              {"source", "luohu"},
              {"message", message}};
  json related = json::array();
  if (d.waived) {
    related.push_back({{"location", {{"uri", c.uri}, {"range", range(c.source, d.waived->range)}}},
                       {"message", c.lang == Lang::zh ? "豁免声明" : "the waiver"}});
  }
  for (const auto& r : d.related) {
    related.push_back({{"location", {{"uri", c.uri}, {"range", range(c.source, r.range)}}}, {"message", r.message.in(c.lang)}});
  }
  if (const Rule* rule = c.rules.find(d.code)) {
    out["codeDescription"] = {{"href", rule_doc_uri(*rule)}};
    // The quoted task, pointing at the rule that quotes it.
    std::uint32_t line = rule->line > 0 ? static_cast<std::uint32_t>(rule->line - 1) : 0;
    json at = {{"start", {{"line", line}, {"character", 0}}}, {"end", {{"line", line}, {"character", 0}}}};
    related.push_back({{"location", {{"uri", path_to_uri(rule->path)}, {"range", at}}},
                       {"message", c.lang == Lang::zh
                                       ? fmt::format("依据：国办发〔2016〕72号 任务{}：“{}”", rule->task, rule->quote)
                                       : fmt::format("Basis: 国办发〔2016〕72号, task {}: “{}”", rule->task, rule->quote)}});
  }
  if (!related.empty()) out["relatedInformation"] = related;
  return out;
}

json text_edit(const SourceFile& source, SourceRange r, const std::string& new_text) {
  return {{"range", range(source, r)}, {"newText", new_text}};
}

}  // namespace luohu::lsp
