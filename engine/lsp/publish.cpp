#include "lsp/publish.hpp"

#include <fmt/format.h>

#include "rules/docs.hpp"
#include "util/uri.hpp"

namespace luohu::lsp {

namespace {

int severity(Severity s) {
  switch (s) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    case Severity::note: return 3;
  }
  return 1;
}

void append_position(std::string& key, const SourceFile& source, std::uint32_t offset) {
  std::uint32_t p[2] = {source.line_of(offset), source.utf16_column(offset)};
  key.append(reinterpret_cast<const char*>(p), sizeof p);
}

void append_field(std::string& key, const std::string& s) {
  key += s;
  key += '\x1f';
}

}  // namespace

DiagnosticEncoder::DiagnosticEncoder(const RulePack& rules, Lang lang) : lang_(lang) {
  for (const auto& rule : rules.rules) {
    RuleExtras x;
    x.code_description = {{"href", rule_doc_uri(rule)}};
    // The quoted task, pointing at the rule that quotes it.
    std::uint32_t line = rule.line > 0 ? static_cast<std::uint32_t>(rule.line - 1) : 0;
    json at = {{"start", {{"line", line}, {"character", 0}}}, {"end", {{"line", line}, {"character", 0}}}};
    x.basis = {{"location", {{"uri", path_to_uri(rule.path)}, {"range", std::move(at)}}},
               {"message", fmt::format("{}{}", lang == Lang::zh ? "依据：" : "Basis: ",
                                       rule_citation(rule).in(lang))}};
    rules_.emplace(rule.id, std::move(x));
  }
}

const DiagnosticEncoder::RuleExtras* DiagnosticEncoder::extras(const std::string& code) const {
  auto it = rules_.find(code);
  return it == rules_.end() ? nullptr : &it->second;
}

json DiagnosticEncoder::encode(const SourceFile& source, const std::string& uri, const Diagnostic& d) const {
  // A waived finding stays visible (docs/waivers.md) but as a hint, not a
  // squiggle: it does not fail the check, and its message says who allowed it.
  std::string message = d.message.in(lang_);
  if (d.waived) {
    const Waived& w = *d.waived;
    message += lang_ == Lang::zh
                   ? fmt::format("（已豁免：{}；批准文件 {}（{}），有效期至 {}）", w.reason, w.document, w.date, w.expires)
                   : fmt::format(" (waived: {}; approved by {} of {}, until {})", w.reason, w.document, w.date, w.expires);
  }
  json out = {{"range", range(source, d.range)},
              {"severity", d.waived ? 4 : severity(d.severity)},
              {"code", d.code},
              {"source", "luohu"},
              {"message", std::move(message)}};
  json related = json::array();
  if (d.waived) {
    related.push_back({{"location", {{"uri", uri}, {"range", range(source, d.waived->range)}}},
                       {"message", lang_ == Lang::zh ? "豁免声明" : "the waiver"}});
  }
  for (const auto& r : d.related) {
    related.push_back({{"location", {{"uri", uri}, {"range", range(source, r.range)}}}, {"message", r.message.in(lang_)}});
  }
  if (const RuleExtras* x = extras(d.code)) {
    out["codeDescription"] = x->code_description;
    related.push_back(x->basis);
  }
  // The city's own sentence, where its source text holds it (else at its 原文 in the policy).
  for (const auto& c : d.cited) {
    std::string label = lang_ == Lang::zh ? fmt::format("城市原文：“{}”", c.text) : fmt::format("The city's text: “{}”", c.text);
    if (c.source.empty()) {
      related.push_back({{"location", {{"uri", uri}, {"range", range(source, c.range)}}}, {"message", std::move(label)}});
    } else {
      json at = {{"start", {{"line", c.begin.line - 1}, {"character", c.begin_utf16}}},
                 {"end", {{"line", c.end.line - 1}, {"character", c.end_utf16}}}};
      related.push_back({{"location", {{"uri", path_to_uri(c.source)}, {"range", std::move(at)}}}, {"message", std::move(label)}});
    }
  }
  if (!related.empty()) out["relatedInformation"] = std::move(related);
  return out;
}

void DiagnosticEncoder::key(const SourceFile& source, const std::string& uri, const Diagnostic& d, std::string& k) const {
  k.clear();
  append_field(k, d.code);
  k += static_cast<char>('0' + static_cast<int>(d.severity));
  append_field(k, d.message.in(lang_));
  append_position(k, source, d.range.begin);
  append_position(k, source, d.range.end);
  if (d.waived) {
    append_field(k, d.waived->reason);
    append_field(k, d.waived->document);
    append_field(k, d.waived->date);
    append_field(k, d.waived->expires);
    append_position(k, source, d.waived->range.begin);
    append_position(k, source, d.waived->range.end);
  }
  for (const auto& r : d.related) {
    append_field(k, r.message.in(lang_));
    append_position(k, source, r.range.begin);
    append_position(k, source, r.range.end);
  }
  for (const auto& c : d.cited) {
    append_field(k, c.text);
    append_field(k, c.source);
    append_position(k, source, c.range.begin);
    append_field(k, fmt::format("{}:{}-{}:{}", c.begin.line, c.begin.column, c.end.line, c.end.column));
  }
  append_field(k, uri);
}

std::string DiagnosticEncoder::publish(const SourceFile& source, const std::string& uri, std::int64_t version,
                                       const std::vector<Diagnostic>& diagnostics) {
  Cache& previous = encoded_[uri];
  Cache current;
  current.reserve(diagnostics.size());
  last_encoded_ = 0;
  std::string out;
  out.reserve(last_size_ + 4096);
  out = R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":)";
  out += to_text(uri);
  out += R"(,"version":)";
  out += std::to_string(version);
  out += R"(,"diagnostics":[)";
  std::string k;  // reused: a hit allocates nothing
  bool first = true;
  for (const auto& d : diagnostics) {
    key(source, uri, d, k);
    // A hit moves the old entry, key and text, into this publish's cache.
    Cache::node_type node;
    if (auto old = previous.find(k); old != previous.end()) node = previous.extract(old);
    if (!first) out += ',';
    first = false;
    if (node) {
      out += node.mapped();
      current.insert(std::move(node));  // a duplicate of an earlier diagnostic is dropped here
    } else {
      ++last_encoded_;
      std::string text = to_text(encode(source, uri, d));
      out += text;
      current.emplace(k, std::move(text));
    }
  }
  out += "]}}";
  previous = std::move(current);
  last_size_ = out.size();
  return out;
}

void DiagnosticEncoder::forget(const std::string& uri) { encoded_.erase(uri); }

}  // namespace luohu::lsp
