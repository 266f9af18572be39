#include "lsp/hover.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "lsp/words.hpp"
#include "check/city_record.hpp"
#include "rules/applicability.hpp"
#include "syntax/keywords.hpp"

namespace luohu::lsp {
namespace {

bool covers(SourceRange r, std::uint32_t offset) {
  return (r.begin <= offset && offset < r.end) || (r.empty() && r.begin == offset);
}

std::string finding_text(const Diagnostic& d, const RulePack& rules, Lang lang) {
  bool zh = lang == Lang::zh;
  std::string s = fmt::format("**{}** {}", d.code, d.message.in(lang));
  if (const Rule* rule = rules.find(d.code)) {
    s += fmt::format("\n\n{}{}", zh ? "规则：" : "Rule: ", rule->title.in(lang));
    s += "\n\n> " + rule_citation(*rule).in(lang);
  }
  for (const auto& c : d.cited) {
    std::string where = c.source.empty() ? std::string() : fmt::format(" ({}:{}:{})", c.source, c.begin.line, c.begin.column);
    s += zh ? fmt::format("\n\n> 城市原文{}：“{}”", where, c.text) : fmt::format("\n\n> The city's text{}: “{}”", where, c.text);
  }
  return s;
}

// The 原文 of what lies under `offset`: the innermost clause or statement
// with a trailing 原文, or the standalone 原文 of the channel or block whose
// name or keyword it is.
std::vector<std::string> quotes_at(const syntax::File& tree, std::uint32_t offset) {
  std::vector<std::string> out;
  auto in = [&](SourceRange r) { return r.begin <= offset && offset < r.end; };
  auto standalone = [&](const std::vector<syntax::Statement>& statements) {
    for (const auto& st : statements) {
      const auto* k = syntax::find_keyword(st.keyword.text);
      if (k && k->id == "quote" && st.arguments.size() == 1) out.push_back(st.arguments[0].word.text);
    }
  };
  std::function<bool(const std::vector<syntax::Clause>&)> clauses = [&](const std::vector<syntax::Clause>& list) {
    for (const auto& c : list) {
      if (!in(c.range)) continue;
      if (c.any_of && clauses(c.alternatives)) return true;
      if (c.quote) out.push_back(c.quote->text.text);
      return c.quote.has_value();
    }
    return false;
  };
  auto statements = [&](const std::vector<syntax::Statement>& list) {
    for (const auto& st : list) {
      if (in(st.range) && st.quote) {
        out.push_back(st.quote->text.text);
        return true;
      }
    }
    return false;
  };
  if (statements(tree.statements)) return out;
  for (const auto& ch : tree.channels) {
    if (!in(ch.range)) continue;
    if (statements(ch.statements) || clauses(ch.conditions)) return out;
    if (in(ch.name.range) || in({ch.range.begin, ch.name.range.end})) standalone(ch.statements);
    return out;
  }
  for (const auto& b : tree.blocks) {
    if (!in(b.range)) continue;
    if (statements(b.statements) || clauses(b.clauses) || clauses(b.conditions)) return out;
    if (in(b.keyword.range)) standalone(b.statements);
    return out;
  }
  return out;
}

std::string word_text(const std::string& word, const RulePack& rules, Lang lang) {
  bool zh = lang == Lang::zh;
  std::vector<std::string> parts;
  if (const auto* k = syntax::find_keyword(word)) {
    parts.push_back(fmt::format("**{}** / `{}` — {}\n\n{}", k->zh, k->id, zh ? "关键字" : "keyword",
                                zh ? k->doc_zh : k->doc_en));
  }
  if (auto m = find_any_term(word)) {
    const Term& t = *m->term;
    std::string s = fmt::format("**{}** / `{}` — {}: {}", t.zh, t.id, vocabulary_name(m->vocabulary, lang),
                                zh ? t.zh : t.label_en);
    if (!t.aliases.empty()) {
      s += zh ? "\n\n别名：" : "\n\nAliases: ";
      for (std::size_t i = 0; i < t.aliases.size(); ++i) s += (i ? "、" : "") + t.aliases[i];
    }
    if (m->vocabulary == Vocabulary::service && t.rank > 0)
      s += zh ? fmt::format("\n\n依据任务{}", t.rank) : fmt::format("\n\nGoverned by task {}", t.rank);
    auto governing = rules_mentioning(rules, t.id);
    if (!governing.empty()) {
      s += zh ? "\n\n相关规则：" : "\n\nRules: ";
      for (std::size_t i = 0; i < governing.size(); ++i) {
        s += fmt::format("{}`{}` ({}{})", i ? ", " : "", governing[i]->id, zh ? "任务" : "task ", governing[i]->task);
      }
    }
    parts.push_back(std::move(s));
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "\n\n---\n\n") + p;
  return out;
}

// The 城市 (city) statement on the line holding `offset`: its code's range.
std::optional<SourceRange> city_code_on_line(std::string_view text, std::uint32_t offset) {
  std::size_t begin = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  begin = begin == std::string_view::npos ? 0 : begin + 1;
  std::size_t end = text.find('\n', offset);
  std::string_view line = text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(i);
  std::size_t word = rest.starts_with("城市") ? 6 : rest.starts_with("city") ? 4 : 0;
  if (word == 0) return std::nullopt;
  std::size_t digits = rest.find_first_not_of(" \t", word);
  if (digits == word || digits == std::string_view::npos || rest.size() < digits + 6) return std::nullopt;
  for (std::size_t k = 0; k < 6; ++k) {
    if (rest[digits + k] < '0' || rest[digits + k] > '9') return std::nullopt;
  }
  auto at = static_cast<std::uint32_t>(begin + i + digits);
  return SourceRange{at, at + 6};
}

// The rules that hold for the city because of its tier or level: the caps and
// bans a drafter must write within.
std::string tier_rules(const City& city, const RulePack& rules, Lang lang, const std::string& as_of) {
  bool zh = lang == Lang::zh;
  bool dated = !as_of.empty() && as_of != "effective";
  std::string out;
  for (const auto& r : rules.rules) {
    if (r.tiers.empty() && r.levels.empty()) continue;
    if (dated && !r.in_force.on(as_of)) continue;
    if (!applies(r, city)) continue;
    out += fmt::format("- `{}` {}\n", r.id, r.title.in(lang));
  }
  if (out.empty()) return out;
  std::string head = zh ? (dated ? fmt::format("**按规模、级别适用的规则**（{} 施行）", as_of) : "**按规模、级别适用的规则**")
                        : (dated ? fmt::format("**Rules for its tier and level** (in force on {})", as_of) : "**Rules for its tier and level**");
  return head + "\n\n" + out;
}

}  // namespace

std::optional<HoverInfo> hover(const SourceFile& source, const std::vector<Diagnostic>& diagnostics,
                               const RulePack& rules, Lang lang, std::uint32_t offset, const syntax::File* tree,
                               const Registry* registry, const std::string& as_of) {
  HoverInfo info;
  bool have_range = false;
  std::vector<std::string> parts;
  std::string city_record;  // on a 城市 statement: shown after the findings and the word
  SourceRange city_range;
  if (registry) {
    if (auto code = city_code_on_line(source.text(), offset)) {
      if (const City* city = registry->find(std::string(source.text().substr(code->begin, 6)))) {
        city_record = describe_city(*city, *registry, lang, true);
        if (std::string caps = tier_rules(*city, rules, lang, as_of); !caps.empty()) city_record += "\n" + caps;
        city_range = *code;
      }
    }
  }
  SourceRange word = word_at(source.text(), offset);
  if (!word.empty()) {
    std::string text = word_text(source.text().substr(word.begin, word.end - word.begin), rules, lang);
    if (tree) {
      for (const auto& q : quotes_at(*tree, offset))
        text += (text.empty() ? "" : "\n\n") + (lang == Lang::zh ? fmt::format("原文：“{}”", q) : fmt::format("Source text: “{}”", q));
    }
    if (!text.empty()) {
      parts.push_back(std::move(text));
      info.range = word;
      have_range = true;
    }
  }
  for (const auto& d : diagnostics) {
    if (!covers(d.range, offset)) continue;
    parts.push_back(finding_text(d, rules, lang));
    if (!have_range) {
      info.range = d.range;
      have_range = true;
    }
  }
  if (!city_record.empty()) {
    parts.push_back(std::move(city_record));
    if (!have_range) info.range = city_range;
  }
  if (parts.empty()) return std::nullopt;
  // Findings first: they are why the drafter is looking.
  if (parts.size() > 1 && !word.empty() && info.range.begin == word.begin) std::rotate(parts.begin(), parts.begin() + 1, parts.end());
  for (const auto& p : parts) info.markdown += (info.markdown.empty() ? "" : "\n\n---\n\n") + p;
  return info;
}

}  // namespace luohu::lsp
