#include "explain/explain.hpp"

#include <charconv>
#include <climits>
#include <cstdint>
#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "compose/check.hpp"
#include "compose/imports.hpp"
#include "graph/notes.hpp"
#include "graph/pathways.hpp"
#include "model/builder.hpp"
#include "source/source_map.hpp"

namespace luohu {
namespace {

// Ranges are in the offset space of the city and its imports (compose/):
// each is shown in the file it lies in.
std::string at(const FileReport& report, SourceRange r) {
  Located l = locate(report, r);
  auto lc = l.source->location(l.range.begin);
  return fmt::format("{}:{}:{}", l.source->path(), lc.line, lc.column);
}

std::string quote_line(const FileReport& report, SourceRange r) {
  Located l = locate(report, r);
  auto lc = l.source->location(l.range.begin);
  std::string text(l.source->line_text(lc.line));
  auto first = text.find_first_not_of(" \t");
  return first == std::string::npos ? "" : text.substr(first);
}

// The line of the checked file where a finding shows: its own line, or for a
// finding in an imported baseline the 导入 statement that brought it in (as
// the editor shows it).
std::uint32_t line_in_checked_file(const FileReport& report, const Located& l) {
  std::size_t file = l.file;
  SourceRange range = l.range;
  if (file != 0 && report.sources) {
    while (file != 0 && report.sources->files[file].importer) {
      range = report.sources->files[file].imported_at;  // shared offsets, in the importer
      file = *report.sources->files[file].importer;
    }
    return report.source->location(range.begin).line;
  }
  return l.source->location(l.range.begin).line;
}

const ChannelModel* channel_at(const PolicyModel& policy, SourceRange r) {
  for (const auto& ch : policy.channels) {
    if (r.begin >= ch->where.begin && r.end <= ch->where.end) return ch.get();
  }
  return nullptr;
}

void route_figures(std::ostringstream& out, const FileReport& src, const RouteModel& r, Lang lang) {
  bool zh = lang == Lang::zh;
  out << (zh ? "  路径：" : "  path: ");
  out << (zh ? "常住未落户" : "resident");
  if (r.via_permit) out << (zh ? " → 居住证持有人" : " -> permit holder");
  out << (zh ? fmt::format(" → 经渠道“{}”落户\n", r.channel->name) : fmt::format(" -> settled through '{}'\n", r.channel->name));
  for (const auto* c : r.clauses)
    out << fmt::format("    {}  {}\n", at(src, c->where), describe(*c, lang));
  out << (zh ? fmt::format("  社会保险年限累计：{}\n  连续居住年限累计：{} 年\n", route_sum(r, lang), r.residence_years)
             : fmt::format("  social insurance in all: {}\n  residence in all: {} years\n", route_sum(r, lang), r.residence_years));
}

}  // namespace

std::optional<FindingQuery> parse_finding_query(const std::string& text) {
  // FILE:LINE:COL is what check prints (human `-->`, gcc): take it as given.
  static const std::regex pattern(R"(^(.+?):([0-9]+)(?::([0-9]+))?(?::(T[0-9]{1,2}-[A-Z0-9-]+))?$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  FindingQuery q;
  q.path = m[1];
  // Any digits may come: stoul threw past 2^64 and 2^32 + 24 wrapped to 24.
  const std::string digits = m[2];
  std::uint64_t line = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), line);
  if (ec != std::errc() || end != digits.data() + digits.size() || line == 0 || line > UINT32_MAX) return std::nullopt;
  q.line = static_cast<std::uint32_t>(line);
  if (m[3].matched) {
    const std::string col = m[3];
    std::uint64_t c = 0;
    auto [cend, cec] = std::from_chars(col.data(), col.data() + col.size(), c);
    if (cec != std::errc() || cend != col.data() + col.size() || c == 0 || c > UINT32_MAX) return std::nullopt;
    q.column = static_cast<std::uint32_t>(c);
  }
  q.rule = m[4];
  return q;
}

std::optional<std::string> explain_finding(const Checker& checker, const FindingQuery& q, Lang lang, std::string& error) {
  bool zh = lang == Lang::zh;
  // The city with everything it imports, as `luohu check` sees it.
  auto checked = compose::check(checker, plan_imports({q.path}, checker.limits()), 0);
  const FileReport& report = checked.report;
  const FileReport& src = report;
  if (checked.policy) analyse_pathways(*checked.policy);  // the figures, whichever rules ran
  if (report.input_error()) {
    error = zh ? fmt::format("{} 无法检查（输入错误），先用 luohu check 查看", q.path)
               : fmt::format("{} could not be checked (input error); run luohu check on it first", q.path);
    return std::nullopt;
  }
  std::ostringstream out;
  std::vector<std::string> lines_with_findings;
  int shown = 0;
  for (const auto& d : report.diagnostics) {
    Located l = locate(report, d.range);
    // A finding in an imported baseline is asked for by the 导入 line that brought it in.
    const std::uint32_t line = line_in_checked_file(report, l);
    lines_with_findings.push_back(fmt::format("{}:{}", line, d.code));
    if (line != q.line || (!q.rule.empty() && d.code != q.rule)) continue;
    // A column narrows to the findings that start there (in the file asked about).
    if (q.column && l.file == 0 && l.source->location(l.range.begin).column != q.column) continue;
    if (shown++) out << "\n";
    out << fmt::format("{}[{}]: {}\n  --> {}\n", zh ? severity_name_zh(d.severity) : severity_name(d.severity), d.code,
                       d.message.in(lang), at(src, d.range));
    out << fmt::format("   | {}\n", quote_line(src, d.range));
    if (const Rule* rule = checker.rules().find(d.code)) {
      out << (zh ? "依据：" : "cites: ") << rule_citation(*rule).in(lang) << "\n";
      if (!rule->forbid_text.empty()) out << fmt::format("forbid: {}\n", rule->forbid_text);
      if (!rule->require_text.empty()) out << fmt::format("require: {}\n", rule->require_text);
    }
    if (!d.related.empty()) {
      out << (zh ? "条款链：\n" : "chain of clauses:\n");
      int n = 0;
      for (const auto& r : d.related) {
        out << fmt::format("  {}. {}  {}\n", ++n, at(src, r.range), r.message.in(lang));
        out << fmt::format("       | {}\n", quote_line(src, r.range));
      }
    }
    if (checked.policy) {
      if (const ChannelModel* ch = channel_at(*checked.policy, d.range)) {
        out << (zh ? fmt::format("渠道“{}”的路径数字：\n", ch->name) : fmt::format("figures of channel '{}':\n", ch->name));
        if (ch->graph().route) route_figures(out, src, *ch->graph().route, lang);
        else out << (zh ? "  无人能满足此渠道的条件\n" : "  no one can meet this channel's conditions\n");
      }
    }
  }
  if (shown == 0) {
    error = zh ? fmt::format("{} 第 {} 行没有{}发现；有发现的行：{}", q.path, q.line, q.rule.empty() ? "" : q.rule + " 的",
                             lines_with_findings.empty() ? "无" : fmt::format("{}", fmt::join(lines_with_findings, ", ")))
               : fmt::format("no {}finding on line {} of {}; findings are on: {}", q.rule.empty() ? "" : q.rule + " ", q.line,
                             q.path, lines_with_findings.empty() ? "none" : fmt::format("{}", fmt::join(lines_with_findings, ", ")));
    return std::nullopt;
  }
  return out.str();
}

}  // namespace luohu
