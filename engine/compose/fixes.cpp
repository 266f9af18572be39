#include "compose/fixes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "compose/check.hpp"
#include "model/vocabulary.hpp"
#include "syntax/parser.hpp"
#include "syntax/waiver_comments.hpp"

namespace luohu::compose {
namespace {

using syntax::Argument;
using syntax::Clause;

// ---- finding what a finding points at ----------------------------------------------

// The clause at `r`, and the 任一 groups around it, innermost last.
const Clause* find_clause(const std::vector<Clause>& list, SourceRange r, std::vector<const Clause*>& around) {
  for (const auto& c : list) {
    if (c.range.begin == r.begin && c.range.end == r.end) return &c;
    around.push_back(&c);
    if (const Clause* inner = find_clause(c.alternatives, r, around)) return inner;
    around.pop_back();
  }
  return nullptr;
}

const Clause* find_clause(const syntax::File& tree, SourceRange r, std::vector<const Clause*>& around) {
  for (const auto& ch : tree.channels) {
    if (const Clause* c = find_clause(ch.conditions, r, around)) return c;
  }
  for (const auto& b : tree.blocks) {
    if (const Clause* c = find_clause(b.conditions, r, around)) return c;
    if (const Clause* c = find_clause(b.clauses, r, around)) return c;
  }
  return nullptr;
}

// The file writes its keywords in Chinese (城市) or in English (city).
bool chinese_spelling(const syntax::File& tree) {
  for (const auto& st : tree.statements) {
    if (const auto* k = syntax::find_keyword(st.keyword.text)) return st.keyword.text == k->zh;
  }
  for (const auto& ch : tree.channels) {
    for (const auto& st : ch.statements) {
      if (const auto* k = syntax::find_keyword(st.keyword.text)) return st.keyword.text == k->zh;
    }
  }
  return true;
}

// ---- verification -------------------------------------------------------------------

// How often each code fires as an error or a warning; nullopt when the file
// cannot be checked. A fix may bring notes (what a reviewer may want to know,
// such as one channel now covering another) but never an error or a warning.
std::optional<std::map<std::string, std::size_t>> profile(const FileReport& report) {
  if (report.input_error()) return std::nullopt;
  std::map<std::string, std::size_t> out;
  for (const auto& d : report.diagnostics) {
    if (d.severity != Severity::note) ++out[d.code];
  }
  return out;
}

struct Verifier {
  const Checker& checker;
  const FileReport& report;
  std::map<std::string, std::size_t> before;

  // The edited text still checks, `code` fires less often and no error or warning more often.
  bool clears(const std::string& text, const std::string& code) const {
    FileReport edited = check_text(checker, report.source->path(), text);
    auto after = profile(edited);
    if (!after) return false;
    for (const auto& [c, n] : *after) {
      auto it = before.find(c);
      if (n > (it == before.end() ? 0 : it->second)) return false;
    }
    auto fired = [&](const FileReport& r) {
      return std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
    };
    return fired(edited) < fired(report);
  }
};

// ---- the edits --------------------------------------------------------------------------

std::optional<Fix> lower(const Verifier& v, const Clause& clause, const Diagnostic& d) {
  const std::string& text = v.report.source->text();
  for (const auto& a : clause.arguments) {
    if (a.kind != Argument::Kind::comparison || !a.number) continue;
    if (a.op != syntax::CompareOp::ge && a.op != syntax::CompareOp::gt && a.op != syntax::CompareOp::eq) continue;
    std::uint32_t end = a.range.end;
    std::string written = text.substr(a.range.begin, a.range.end - a.range.begin);
    // "4年以上" stays in the author's words: "3年以上".
    std::string suffix;
    for (const char* words : {"及以上", "以上"}) {
      if (suffix.empty() && written.ends_with(words)) suffix = words;
    }
    std::string op = ">=";
    for (const char* at_least : {"不少于", "不低于", "\xE2\x89\xA5"}) {
      if (text.compare(a.range.begin, std::strlen(at_least), at_least) == 0) op = at_least;
    }
    std::string unit = a.unit ? " " + text.substr(a.unit->range.begin, a.unit->range.end - a.unit->range.begin) : "";
    // Candidates below the number; "> N" allows N itself once written as ">=".
    long from = a.op == syntax::CompareOp::gt ? static_cast<long>(std::floor(*a.number)) + 1
                                              : static_cast<long>(std::ceil(*a.number));
    auto at = [&](long n) {
      std::string value = suffix.empty() ? fmt::format("{} {}{}", op, n, unit)
                                         : fmt::format("{}{}{}", n, a.unit ? a.unit->text : "", suffix);
      return Fix{{}, {a.range.begin, end}, value, FixSafety::safe};
    };
    auto clears = [&](long n) { return v.clears(apply_fix(text, at(n)), d.code); };
    // If even 1 does not clear it, lowering is not the fix (a points score, a level); else the
    // largest value that clears it, by bisection (a cap is a threshold; the value found was checked).
    if (from <= 1 || !clears(1)) continue;
    long lo = 1, hi = from - 1;
    while (lo < hi) {
      long mid = lo + (hi - lo + 1) / 2;
      if (clears(mid)) lo = mid;
      else hi = mid - 1;
    }
    Fix fix = at(lo);
    fix.description = {fmt::format("改为“{}”以符合 {}", fix.replacement, d.code),
                       fmt::format("change to '{}' to satisfy {}", fix.replacement, d.code)};
    return fix;
  }
  return std::nullopt;
}

// Deletes `r`; when it stands on lines of its own (a comment may trail it) the
// lines go, and each comment on them stays, on a line of its own at the same
// indentation. Nothing when a waiver comment would move (docs/waivers.md: an
// edit never changes which findings a waiver covers).
std::optional<Fix> removal(const std::string& text, const syntax::File& tree, SourceRange r) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  std::uint32_t line_begin = r.begin;
  while (line_begin > 0 && blank(text[line_begin - 1])) --line_begin;
  bool lead_alone = line_begin == 0 || text[line_begin - 1] == '\n';
  std::size_t nl = text.find('\n', r.end);
  std::uint32_t line_end = static_cast<std::uint32_t>(nl == std::string::npos ? text.size() : nl);
  std::vector<const syntax::Comment*> kept;
  for (const auto& c : tree.comments) {
    if (c.range.begin >= r.begin && c.range.begin < line_end) kept.push_back(&c);
  }
  std::uint32_t rest = r.end;
  while (rest < line_end && (blank(text[rest]) || text[rest] == '\r')) ++rest;
  bool trail_alone = rest == line_end || (!kept.empty() && kept.back()->range.begin == rest);
  for (const auto* c : kept) {
    if (syntax::is_waiver_comment(text.substr(c->range.begin, c->range.end - c->range.begin))) return std::nullopt;
  }
  if (lead_alone && trail_alone) {
    std::string indent = text.substr(line_begin, r.begin - line_begin);
    std::string eol = line_end > 0 && text[line_end - 1] == '\r' ? "\r\n" : "\n";
    std::string replacement;
    for (const auto* c : kept) {
      std::string comment = text.substr(c->range.begin, c->range.end - c->range.begin);
      while (!comment.empty() && (comment.back() == '\r' || blank(comment.back()))) comment.pop_back();
      replacement += indent + comment + eol;
    }
    std::uint32_t end = nl == std::string::npos ? line_end : line_end + 1;
    return Fix{{}, {line_begin, end}, replacement, FixSafety::unsafe};
  }
  for (const auto* c : kept) {
    if (c->range.begin < r.end) return std::nullopt;  // a comment inside a range that shares its lines
  }
  return Fix{{}, r, "", FixSafety::unsafe};  // on a line with other clauses: only its own text
}

// Removes the clause; the last alternative of a 任一 takes the 任一 with it.
std::optional<Fix> remove_clause(const Verifier& v, const syntax::File& tree, const Clause& clause,
                                 const std::vector<const Clause*>& around, const Diagnostic& d) {
  SourceRange r = clause.range;
  for (auto it = around.rbegin(); it != around.rend() && (*it)->alternatives.size() == 1; ++it) r = (*it)->range;
  auto fix = removal(v.report.source->text(), tree, r);
  if (!fix || !v.clears(apply_fix(v.report.source->text(), *fix), d.code)) return std::nullopt;
  fix->description = {fmt::format("删除条件“{}”", clause.name.text), fmt::format("remove the condition '{}'", clause.name.text)};
  return fix;
}

std::optional<Fix> remove_block(const Verifier& v, const syntax::File& tree, const Diagnostic& d) {
  for (const auto& b : tree.blocks) {
    if (d.range.begin != b.range.begin && d.range.begin != b.keyword.range.begin) continue;
    auto fix = removal(v.report.source->text(), tree, b.range);
    if (!fix || !v.clears(apply_fix(v.report.source->text(), *fix), d.code)) return std::nullopt;
    fix->description = {fmt::format("删除“{}”块", b.keyword.text), fmt::format("remove the '{}' block", b.keyword.text)};
    return fix;
  }
  return std::nullopt;
}

// The fewest family members (in vocabulary order) that, added to the channel's
// 随迁 list or written as its 随迁 statement, clear the finding.
std::optional<Fix> add_family(const Verifier& v, const syntax::File& tree, const Diagnostic& d) {
  const std::string& text = v.report.source->text();
  const bool zh = chinese_spelling(tree);
  for (const auto& ch : tree.channels) {
    const syntax::Statement* family = nullptr;
    for (const auto& st : ch.statements) {
      if (st.id == syntax::KeywordId::family) family = &st;
    }
    bool on_statement = family && family->range.begin == d.range.begin;
    bool on_channel = !family && (d.range.begin == ch.name.range.begin || d.range.begin == ch.range.begin);
    if (!on_statement && !on_channel) continue;
    std::vector<std::string> have;
    if (family) {
      for (const auto& a : family->arguments) {
        if (const Term* m = find_term(Vocabulary::family, a.word.text)) have.push_back(m->id);
      }
    }
    std::vector<const Term*> missing;
    for (const auto& t : terms(Vocabulary::family)) {
      if (std::find(have.begin(), have.end(), t.id) == have.end()) missing.push_back(&t);
    }
    if (missing.empty()) return std::nullopt;
    std::string sep = zh ? "、" : ", ";
    if (family && family->arguments.size() >= 2) {
      const auto& a = family->arguments;
      std::string between = text.substr(a[0].range.end, a[1].range.begin - a[0].range.end);
      if (between.find("、") == std::string::npos) sep = between.find(',') != std::string::npos ? ", " : sep;
      else sep = "、";
    }
    auto spelled = [&](const std::vector<const Term*>& list) {
      std::string s;
      for (const auto* t : list) s += (s.empty() ? "" : sep) + (zh ? t->zh : t->id);
      return s;
    };
    auto edit = [&](const std::vector<const Term*>& list) -> Fix {
      if (family) {
        std::uint32_t at = family->arguments.empty() ? family->keyword.range.end : family->arguments.back().range.end;
        return {{}, {at, at}, (family->arguments.empty() ? " " : sep) + spelled(list), FixSafety::safe};
      }
      // A new statement before the channel's closing brace, indented as its first statement.
      std::uint32_t close = ch.range.end - 1;
      std::uint32_t line_begin = close;
      while (line_begin > 0 && (text[line_begin - 1] == ' ' || text[line_begin - 1] == '\t')) --line_begin;
      std::string statement = fmt::format("{} {};", zh ? "随迁" : "family", spelled(list));
      if (line_begin == 0 || text[line_begin - 1] != '\n' || ch.statements.empty()) {
        return {{}, {close, close}, statement + " ", FixSafety::safe};
      }
      std::uint32_t first = ch.statements.front().range.begin, indent_begin = first;
      while (indent_begin > 0 && (text[indent_begin - 1] == ' ' || text[indent_begin - 1] == '\t')) --indent_begin;
      std::string eol = close > 1 && text[line_begin - 2] == '\r' ? "\r\n" : "\n";
      return {{}, {line_begin, line_begin}, text.substr(indent_begin, first - indent_begin) + statement + eol, FixSafety::safe};
    };
    if (!v.clears(apply_fix(text, edit(missing)), d.code)) return std::nullopt;
    // Drop each member that is not needed (子女 makes 未成年子女 unnecessary).
    for (std::size_t i = 0; i < missing.size() && missing.size() > 1;) {
      auto fewer = missing;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
      if (v.clears(apply_fix(text, edit(fewer)), d.code)) missing = std::move(fewer);
      else ++i;
    }
    Fix fix = edit(missing);
    std::string names = spelled(missing);
    if (family) {
      fix.description = {fmt::format("随迁加上“{}”", names), fmt::format("add '{}' to the family who may follow", names)};
    } else {
      std::string statement = fmt::format("{} {};", zh ? "随迁" : "family", names);
      fix.description = {fmt::format("加上“{}”", statement), fmt::format("add '{}'", statement)};
    }
    return fix;
  }
  return std::nullopt;
}

// A waiver comment on its own line above the finding's line, every field to be
// filled in by the approving authority (docs/waivers.md).
Fix waiver_skeleton(const std::string& text, const syntax::File& tree, const Diagnostic& d) {
  std::uint32_t line_begin = d.range.begin;
  while (line_begin > 0 && text[line_begin - 1] != '\n') --line_begin;
  std::uint32_t indent_end = line_begin;
  while (indent_end < text.size() && (text[indent_end] == ' ' || text[indent_end] == '\t')) ++indent_end;
  std::size_t nl = text.find('\n', line_begin);
  std::string eol = nl != std::string::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
  std::string comment =
      chinese_spelling(tree)
          ? fmt::format("# luohu: 豁免 {} 理由=“” 文号=“” 日期=YYYY-MM-DD 到期=YYYY-MM-DD", d.code)
          : fmt::format("# luohu: allow {} reason=\"\" document=\"\" date=YYYY-MM-DD expires=YYYY-MM-DD", d.code);
  return {{fmt::format("插入豁免声明模板（理由、批准文号、日期、到期日须由审批机关填写）：{}", d.code),
           fmt::format("insert a waiver skeleton for {} (the approving authority fills in reason, document, date, expiry)", d.code)},
          {line_begin, line_begin},
          text.substr(line_begin, indent_end - line_begin) + comment + eol,
          FixSafety::display_only};
}

}  // namespace

std::string apply_fix(const std::string& text, const Fix& fix) {
  return text.substr(0, fix.range.begin) + fix.replacement + text.substr(fix.range.end);
}

std::vector<Fix> fixes_for(const Checker& checker, const FileReport& report, const syntax::File& tree,
                           const Diagnostic& finding) {
  std::vector<Fix> out;
  if (!report.source || finding.input_error || finding.waived || !checker.rules().find(finding.code)) return out;
  if (locate(report, finding.range).file != 0) return out;  // in an imported file: fixed there
  auto before = profile(report);
  if (!before) return out;
  Verifier v{checker, report, std::move(*before)};
  std::vector<const Clause*> around;
  if (const Clause* clause = find_clause(tree, finding.range, around); clause && !clause->any_of) {
    if (auto fix = lower(v, *clause, finding)) out.push_back(std::move(*fix));
    if (auto fix = remove_clause(v, tree, *clause, around, finding)) out.push_back(std::move(*fix));
  } else {
    if (auto fix = add_family(v, tree, finding)) out.push_back(std::move(*fix));
    if (auto fix = remove_block(v, tree, finding)) out.push_back(std::move(*fix));
  }
  std::stable_sort(out.begin(), out.end(), [](const Fix& a, const Fix& b) { return a.safety < b.safety; });
  if (!out.empty()) out.front().preferred = true;
  out.push_back(waiver_skeleton(report.source->text(), tree, finding));
  return out;
}

void attach_fixes(const Checker& checker, FileReport& report, const syntax::File& tree) {
  for (auto& d : report.diagnostics) d.fixes = fixes_for(checker, report, tree, d);
}

FixOutcome fix_text(const Checker& checker, std::string path, std::string text, bool unsafe) {
  FixOutcome out;
  auto count = [](const FileReport& r) {
    return static_cast<std::size_t>(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                                                  [](const Diagnostic& d) { return !d.input_error && !d.waived && d.severity != Severity::note; }));
  };
  std::size_t first_count = 0;
  bool checked = false;  // out.report is the check of `text`
  for (int round = 0; round < 50; ++round) {
    checked = true;
    auto source = std::make_shared<const SourceFile>(path, text);
    auto parsed = syntax::parse(*source, checker.limits());
    out.report = check_parsed(checker, source, parsed);
    if (round == 0) first_count = count(out.report);
    if (!parsed.ok() || out.report.input_error()) break;
    // The preferred fix of each finding that may be applied, by position, without overlaps.
    struct Chosen {
      Fix fix;
      std::string code;  // the finding's
    };
    std::vector<Chosen> chosen;
    for (const auto& d : out.report.diagnostics) {
      for (auto& fix : fixes_for(checker, out.report, parsed.file, d)) {
        if (!fix.preferred) continue;
        if (fix.safety == FixSafety::safe || (unsafe && fix.safety == FixSafety::unsafe)) chosen.push_back({std::move(fix), d.code});
      }
    }
    std::stable_sort(chosen.begin(), chosen.end(), [](const Chosen& a, const Chosen& b) { return a.fix.range.begin < b.fix.range.begin; });
    std::vector<Chosen> batch;
    std::map<std::string, std::size_t> targeted;  // findings of each code the batch clears
    for (auto& c : chosen) {
      const Fix& f = c.fix;
      if (!batch.empty()) {
        const Fix& last = batch.back().fix;
        if (last.range.begin == f.range.begin && last.range.end == f.range.end && last.replacement == f.replacement) {
          ++targeted[c.code];  // one edit, several findings
          continue;
        }
        if (f.range.begin < last.range.end || (f.range.begin == last.range.begin && f.range.begin == f.range.end)) continue;
      }
      ++targeted[c.code];
      batch.push_back(std::move(c));
    }
    if (batch.empty()) break;
    auto apply_all = [&](std::size_t n) {
      std::string edited = text;
      for (std::size_t i = n; i-- > 0;) edited = apply_fix(edited, batch[i].fix);
      return edited;
    };
    std::string edited = apply_all(batch.size());
    if (batch.size() > 1) {
      // Each fix was verified alone; together they must still leave the file checkable, no error or
      // warning more frequent, and clear as many findings of each code as they did one by one.
      auto before = profile(out.report);
      FileReport together = check_text(checker, path, edited);
      auto after = profile(together);
      bool worse = !after;
      for (const auto& [c, n] : after ? *after : std::map<std::string, std::size_t>{}) {
        auto it = before->find(c);
        if (n > (it == before->end() ? 0 : it->second)) worse = true;
      }
      for (const auto& [targeted_code, n] : targeted) {
        const std::string& code = targeted_code;  // clang 14: a lambda cannot capture a structured binding
        auto of = [&](const FileReport& r) {
          return static_cast<std::size_t>(
              std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; }));
        };
        if (of(together) + std::min(n, of(out.report)) > of(out.report)) worse = true;
      }
      if (worse) {
        batch.resize(1);
        edited = apply_all(1);
      }
    }
    out.edits += batch.size();
    text = std::move(edited);
    checked = false;
  }
  if (!checked) out.report = check_text(checker, path, text);
  out.text = std::move(text);
  std::size_t left = count(out.report);
  out.fixed = first_count > left ? first_count - left : 0;
  return out;
}

}  // namespace luohu::compose
