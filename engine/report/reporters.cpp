#include "report/reporters.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "diag/provenance.hpp"
#include "source/source_map.hpp"
#include "util/utf8.hpp"

namespace luohu {
namespace {


std::string paint(const RenderOptions& o, fmt::text_style style, const std::string& text) {
  return o.color ? fmt::format(style, "{}", text) : text;
}

fmt::text_style severity_style(Severity s) {
  switch (s) {
    case Severity::error: return fmt::fg(fmt::terminal_color::bright_red) | fmt::emphasis::bold;
    case Severity::warning: return fmt::fg(fmt::terminal_color::bright_yellow) | fmt::emphasis::bold;
    case Severity::note: return fmt::fg(fmt::terminal_color::bright_cyan) | fmt::emphasis::bold;
  }
  return {};
}

const char* severity_text(Severity s, Lang lang) { return lang == Lang::zh ? severity_name_zh(s) : severity_name(s); }

// A source line as shown: tabs expanded, invalid bytes and control or bidi
// characters escaped (a comment must not drive the terminal).
std::string expand_tabs(std::string_view line) {
  std::string out;
  for (char c : line) out += c == '\t' ? std::string("    ") : std::string(1, c);
  return terminal_text(out);
}

// Text from a file (a name, a message naming a channel) for the terminal.
std::string shown(std::string_view text) { return terminal_text(text, true); }
std::string shown_path(std::string_view path) { return terminal_text(path); }

// The source line of a range with a marker under the range (first line only).
std::string snippet(const SourceFile& source, SourceRange range, const RenderOptions& o, fmt::text_style marker_style,
                    const std::string& label) {
  LineColumn start = source.location(range.begin);
  std::string_view line = source.line_text(start.line);
  std::uint32_t line_begin = source.line_start(start.line);
  std::uint32_t line_end = line_begin + static_cast<std::uint32_t>(line.size());
  std::uint32_t from = std::min(range.begin, line_end);
  std::uint32_t to = std::max(from, std::min(range.end, line_end));
  std::string before = expand_tabs(line.substr(0, from - line_begin));
  std::string marked = expand_tabs(line.substr(from - line_begin, to - from));
  std::size_t pad = display_width(before);
  std::size_t width = std::max<std::size_t>(1, display_width(marked));
  std::string number = std::to_string(start.line);
  std::string gutter(number.size(), ' ');
  auto bar = paint(o, fmt::fg(fmt::terminal_color::bright_blue) | fmt::emphasis::bold, "|");
  std::string out;
  out += fmt::format("{} {}\n", gutter, bar);
  out += fmt::format("{} {} {}\n", paint(o, fmt::fg(fmt::terminal_color::bright_blue) | fmt::emphasis::bold, number), bar,
                     expand_tabs(line));
  out += fmt::format("{} {} {}{}{}\n", gutter, bar, std::string(pad, ' '),
                     paint(o, marker_style, std::string(width, '^')), label.empty() ? "" : " " + paint(o, marker_style, label));
  return out;
}

// Where a cited sentence is shown: in its source text once verified, else at its 原文 in the policy.
std::string cited_at(const FileReport& report, const CitedText& c) {
  if (!c.source.empty()) return fmt::format("{}:{}:{}", c.source, c.begin.line, c.begin.column);
  Located q = locate(report, c.range);
  LineColumn l = q.source->location(q.range.begin);
  return fmt::format("{}:{}:{}", q.source->path(), l.line, l.column);
}

}  // namespace

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto ch = decode_utf8(text, i);
    width += is_wide(ch.code_point) ? 2 : 1;
    i += ch.length;
  }
  return width;
}

std::string render_human(const FileReport& report, const RenderOptions& o) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    // A range may lie in an imported file (compose/): show that file.
    Located here = locate(report, d.range);
    const SourceFile& source = *here.source;
    LineColumn at = source.location(here.range.begin);
    out += paint(o, severity_style(d.severity), fmt::format("{}[{}]", severity_text(d.severity, o.lang), d.code));
    out += paint(o, fmt::emphasis::bold, fmt::format(": {}", shown(d.message.in(o.lang)))) + "\n";
    auto arrow = paint(o, fmt::fg(fmt::terminal_color::bright_blue) | fmt::emphasis::bold, "-->");
    out += fmt::format("  {} {}:{}:{}\n", arrow, shown_path(source.path()), at.line, at.column);
    if (!source.text().empty()) out += snippet(source, here.range, o, severity_style(d.severity), "");
    // Notes line up under the gutter's bar, as rustc does.
    std::string indent(std::to_string(at.line).size() + 1, ' ');
    for (const auto& r : d.related) {
      Located there = locate(report, r.range);
      LineColumn rl = there.source->location(there.range.begin);
      out += fmt::format("{}{} {}:{}:{}: {}\n", indent, paint(o, fmt::emphasis::bold, o.lang == Lang::zh ? "= 注:" : "= note:"),
                         shown_path(there.source->path()), rl.line, rl.column, shown(r.message.in(o.lang)));
    }
    if (!d.quote.empty()) {  // a rule's finding: the national sentence it enforces
      Message cites = task_citation(d.basis, d.task.value_or(0), d.quote);
      if (o.lang == Lang::zh)
        out += fmt::format("{}{} {}\n", indent, paint(o, fmt::emphasis::bold, "= 依据:"), shown(cites.zh));
      else
        out += fmt::format("{}{} {}{}\n", indent, paint(o, fmt::emphasis::bold, "= cites:"), d.task ? "State Council plan " : "",
                           shown(cites.en));
    }
    for (const auto& c : d.cited) {  // the city's side, beside the plan's
      out += fmt::format("{}{} {}: “{}”\n", indent, paint(o, fmt::emphasis::bold, o.lang == Lang::zh ? "= 城市原文:" : "= city's text:"),
                         shown_path(cited_at(report, c)), shown(c.text));
    }
    if (d.waived) {
      const auto& w = *d.waived;
      if (o.lang == Lang::zh)
        out += fmt::format("{}{} {}（{}，{}，至 {}）\n", indent, paint(o, fmt::emphasis::bold, "= 已豁免:"), shown(w.reason), shown(w.document), w.date, w.expires);
      else
        out += fmt::format("{}{} {} ({}, {}, until {})\n", indent, paint(o, fmt::emphasis::bold, "= waived:"), shown(w.reason), shown(w.document), w.date, w.expires);
    }
    // Fixes are attached on request (check --fix): the preferred one left to apply, and how.
    for (const auto& f : d.fixes) {
      if (!f.preferred) continue;
      bool zh = o.lang == Lang::zh;
      const char* how = f.safety == FixSafety::safe ? (zh ? "可用 --fix 修复" : "--fix applies it")
                                                    : (zh ? "可用 --unsafe-fixes 修复" : "--unsafe-fixes applies it");
      out += fmt::format("{}{} {}（{}）\n", indent, paint(o, fmt::emphasis::bold, zh ? "= 修复:" : "= fix:"),
                         shown(f.description.in(o.lang)), how);
    }
    out += "\n";
  }
  return out;
}

std::string render_gcc(const FileReport& report, const RenderOptions& o) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    Located here = locate(report, d.range);
    LineColumn at = here.source->location(here.range.begin);
    // One line per diagnostic: a newline in a file name must not forge another.
    out += fmt::format("{}:{}:{}: {}: {} [{}]{}\n", shown_path(here.source->path()), at.line, at.column,
                       severity_name(d.severity), shown(d.message.in(o.lang)), d.code,
                       d.waived ? fmt::format(" (waived: {})", shown_path(d.waived->reason)) : "");
    for (const auto& c : d.cited) {
      out += fmt::format("{}: note: {}“{}”\n", shown_path(cited_at(report, c)), o.lang == Lang::zh ? "城市原文：" : "the city's text: ", shown(c.text));
    }
  }
  return out;
}

namespace {

// GitHub's workflow-command escaping: the message, then the stricter one of a property.
std::string github_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}
std::string github_property(std::string_view s) {
  std::string out;
  for (char c : github_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

std::string render_github(const FileReport& report, const RenderOptions& o) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    if (d.waived) continue;  // accepted by a waiver: no annotation on the pull request
    Located here = locate(report, d.range);
    LineColumn at = here.source->location(here.range.begin), end = here.source->location(here.range.end);
    const char* level = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "notice";
    out += fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{} [{}]\n", level,
                       github_property(here.source->path()), at.line, at.column, end.line, end.column,
                       github_property(d.code), github_data(d.message.in(o.lang)), d.code);
  }
  return out;
}

// A file's document, 核实 level and source texts (null when it was not built).
nlohmann::json provenance_json(const PolicyProvenance* p) {
  if (!p) return nullptr;
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& s : p->sources) {
    sources.push_back({{"path", s.path},
                       {"file", s.resolved.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.resolved)},
                       {"title", s.title},
                       {"number", s.number},
                       {"issuer", s.issuer},
                       {"date", s.date},
                       {"origin", s.origin}});
  }
  return {{"title", p->title},
          {"document", p->document},
          {"effective", p->effective},
          {"verification", p->verification.empty() ? nlohmann::json(nullptr) : nlohmann::json(p->verification)},
          {"sources", sources}};
}

nlohmann::json diagnostic_json(const FileReport& report, const Diagnostic& d, Lang lang) {
  Located here = locate(report, d.range);
  const SourceFile& source = *here.source;
  LineColumn start = source.location(here.range.begin);
  LineColumn end = source.location(here.range.end);
  nlohmann::json j = {
      {"file", source.path()},
      {"line", start.line},
      {"column", start.column},
      {"end_line", end.line},
      {"end_column", end.column},
      {"rule", d.code},
      {"task", d.task ? nlohmann::json(*d.task) : nlohmann::json(nullptr)},
      {"severity", severity_name(d.severity)},
      {"message", d.message.in(lang)},
      {"message_zh", d.message.zh},
      {"message_en", d.message.en},
      {"input_error", d.input_error},
  };
  if (!d.quote.empty()) {
    j["quote"] = d.quote;
    j["basis"] = d.basis;
  }
  if (d.waived) {
    Located w = locate(report, d.waived->range);
    LineColumn wl = w.source->location(w.range.begin);
    j["waived"] = {{"reason", d.waived->reason}, {"document", d.waived->document}, {"date", d.waived->date},
                   {"expires", d.waived->expires}, {"line", wl.line}};
  }
  if (!d.fixes.empty()) {
    auto& fixes = j["fixes"] = nlohmann::json::array();
    for (const auto& f : d.fixes) {
      Located at = locate(report, f.range);
      LineColumn fb = at.source->location(at.range.begin), fe = at.source->location(at.range.end);
      fixes.push_back({{"description", f.description.in(lang)},
                       {"safety", fix_safety_name(f.safety)},
                       {"preferred", f.preferred},
                       {"line", fb.line},
                       {"column", fb.column},
                       {"end_line", fe.line},
                       {"end_column", fe.column},
                       {"replacement", f.replacement}});
    }
  }
  if (!d.cited.empty()) {
    auto& cited = j["cited"] = nlohmann::json::array();
    for (const auto& c : d.cited) {
      Located q = locate(report, c.range);
      LineColumn ql = q.source->location(q.range.begin);
      nlohmann::json e = {{"text", c.text}, {"quote_file", q.source->path()}, {"quote_line", ql.line}, {"quote_column", ql.column}};
      if (!c.source.empty()) {
        e["source"] = c.source;
        e["line"] = c.begin.line;
        e["column"] = c.begin.column;
        e["end_line"] = c.end.line;
        e["end_column"] = c.end.column;
      }
      cited.push_back(std::move(e));
    }
  }
  if (!d.related.empty()) {
    auto& related = j["related"] = nlohmann::json::array();
    for (const auto& r : d.related) {
      Located there = locate(report, r.range);
      LineColumn rl = there.source->location(there.range.begin);
      related.push_back({{"file", there.source->path()}, {"line", rl.line}, {"column", rl.column}, {"message", r.message.in(lang)}});
    }
  }
  return j;
}

namespace {

void make_valid(nlohmann::json& j) {
  if (j.is_string()) {
    auto& s = j.get_ref<std::string&>();
    if (first_invalid_utf8(s) != std::string::npos) s = valid_utf8(s);
  } else if (j.is_array()) {
    for (auto& e : j) make_valid(e);
  } else if (j.is_object()) {
    nlohmann::json fixed = nlohmann::json::object();
    bool renamed = false;
    for (auto& [k, v] : j.items()) renamed = renamed || first_invalid_utf8(k) != std::string::npos;
    if (renamed) {
      for (auto& [k, v] : j.items()) fixed[valid_utf8(k)] = std::move(v);
      j = std::move(fixed);
    }
    for (auto& [k, v] : j.items()) make_valid(v);
  }
}

}  // namespace

std::string dump_valid(nlohmann::json j, int indent) {
  // The serializer checks every string as it writes it: only a document that
  // holds invalid UTF-8 (rare: a broken input file) pays for mending it and a
  // second dump. Mending first, always, was 7% of an audit's instructions.
  try {
    return j.dump(indent);
  } catch (const nlohmann::json::type_error& e) {
    if (e.id != 316) throw;  // 316: invalid UTF-8
  }
  make_valid(j);
  return j.dump(indent);
}

}  // namespace luohu
