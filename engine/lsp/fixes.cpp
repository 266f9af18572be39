#include "lsp/fixes.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "compose/check.hpp"

namespace luohu::lsp {
namespace {

using syntax::Argument;
using syntax::Clause;

const Clause* find_clause(const std::vector<Clause>& list, SourceRange r) {
  for (const auto& c : list) {
    if (c.range.begin == r.begin && c.range.end == r.end) return &c;
    if (const Clause* inner = find_clause(c.alternatives, r)) return inner;
  }
  return nullptr;
}

const Clause* find_clause(const syntax::File& tree, SourceRange r) {
  for (const auto& ch : tree.channels) {
    if (const Clause* c = find_clause(ch.conditions, r)) return c;
  }
  for (const auto& b : tree.blocks) {
    if (const Clause* c = find_clause(b.conditions, r)) return c;
  }
  return nullptr;
}

std::string edited(const std::string& text, const Fix& fix) {
  return text.substr(0, fix.range.begin) + fix.replacement + text.substr(fix.range.end);
}

// Findings of the code that cover `at` after the edit, or -1 if the edited
// text cannot be checked.
long findings_of(const Checker& checker, const SourceFile& source, const std::string& text, const std::string& code,
                 std::optional<std::uint32_t> at) {
  FileReport report = compose::check_text(checker, source.path(), text);
  if (report.input_error()) return -1;
  long n = 0;
  for (const auto& d : report.diagnostics) {
    if (d.code == code && (!at || d.range.begin == *at)) ++n;
  }
  return n;
}

std::optional<Fix> lower(const Checker& checker, const SourceFile& source, const Clause& clause, const Diagnostic& d) {
  const std::string& text = source.text();
  for (const auto& a : clause.arguments) {
    if (a.kind != Argument::Kind::comparison || !a.number) continue;
    if (a.op != syntax::CompareOp::ge && a.op != syntax::CompareOp::gt && a.op != syntax::CompareOp::eq) continue;
    std::uint32_t end = a.unit ? a.unit->range.end : a.word.range.end;
    std::string op = ">=";
    for (const char* at_least : {"不少于", "不低于", "\xE2\x89\xA5"}) {
      if (text.compare(a.range.begin, std::strlen(at_least), at_least) == 0) op = at_least;
    }
    std::string unit = a.unit ? " " + text.substr(a.unit->range.begin, a.unit->range.end - a.unit->range.begin) : "";
    // Candidates below the number; "> N" allows N itself once written as ">=".
    long from = a.op == syntax::CompareOp::gt ? static_cast<long>(std::floor(*a.number)) + 1
                                              : static_cast<long>(std::ceil(*a.number));
    for (long v = from - 1, tries = 0; v >= 1 && tries < 120; --v, ++tries) {
      Fix fix{{}, {a.range.begin, end}, fmt::format("{} {}{}", op, v, unit)};
      long left = findings_of(checker, source, edited(text, fix), d.code, d.range.begin);
      if (left == 0) {
        fix.description = {fmt::format("改为“{}”以符合 {}", fix.replacement, d.code),
                           fmt::format("change to '{}' to satisfy {}", fix.replacement, d.code)};
        return fix;
      }
      if (left < 0) return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Fix> remove(const Checker& checker, const SourceFile& source, const Clause& clause, const Diagnostic& d) {
  const std::string& text = source.text();
  SourceRange r = clause.range;
  std::uint32_t line_begin = r.begin;
  while (line_begin > 0 && (text[line_begin - 1] == ' ' || text[line_begin - 1] == '\t')) --line_begin;
  std::uint32_t line_end = r.end;
  while (line_end < text.size() && (text[line_end] == ' ' || text[line_end] == '\t' || text[line_end] == '\r')) ++line_end;
  bool alone = (line_begin == 0 || text[line_begin - 1] == '\n') && (line_end == text.size() || text[line_end] == '\n');
  if (alone) r = {line_begin, std::min<std::uint32_t>(line_end + 1, static_cast<std::uint32_t>(text.size()))};
  Fix fix{{fmt::format("删除条件“{}”", clause.name.text), fmt::format("remove the condition '{}'", clause.name.text)},
          r, ""};
  long before = findings_of(checker, source, text, d.code, std::nullopt);
  long after = findings_of(checker, source, edited(text, fix), d.code, std::nullopt);
  if (after < 0 || after >= before) return std::nullopt;
  return fix;
}

}  // namespace

std::vector<QuickFix> quick_fixes(const Checker& checker, const SourceFile& source, const syntax::File& tree,
                                  const Diagnostic& finding) {
  std::vector<QuickFix> out;
  if (finding.input_error || !checker.rules().find(finding.code)) return out;
  const Clause* clause = find_clause(tree, finding.range);
  if (!clause || clause->any_of) return out;
  if (auto fix = lower(checker, source, *clause, finding)) out.push_back({*fix, true});
  if (auto fix = remove(checker, source, *clause, finding)) out.push_back({*fix, out.empty()});
  return out;
}

}  // namespace luohu::lsp
