#include "lsp/symbols.hpp"

#include <algorithm>

#include "syntax/keywords.hpp"

namespace luohu::lsp {
namespace {

std::string slice(const std::string& text, SourceRange r) { return text.substr(r.begin, r.end - r.begin); }

std::string arguments_text(const std::vector<syntax::Argument>& args, const std::string& text) {
  std::string s;
  for (const auto& a : args) s += (s.empty() ? "" : " ") + slice(text, a.range);
  return s;
}

std::vector<Symbol> clauses(const std::vector<syntax::Clause>& list, const std::string& text) {
  std::vector<Symbol> out;
  for (const auto& c : list) {
    Symbol s{c.name.text, c.any_of ? "" : arguments_text(c.arguments, text), Symbol::Kind::clause, c.range,
             c.name.range, {}};
    if (c.any_of) s.children = clauses(c.alternatives, text);
    out.push_back(std::move(s));
  }
  return out;
}

Symbol statement(const syntax::Statement& st, const std::string& text) {
  bool zone = st.id == syntax::KeywordId::zone;
  if (zone && !st.arguments.empty()) {
    const auto& name = st.arguments.front();
    return {name.word.text, st.keyword.text, Symbol::Kind::zone, st.range, name.range, {}};
  }
  return {st.keyword.text, arguments_text(st.arguments, text), Symbol::Kind::statement, st.range, st.keyword.range, {}};
}

Symbol conditions(SourceRange range, const std::vector<syntax::Clause>& list, const std::string& text) {
  SourceRange keyword{range.begin, range.begin + (text.compare(range.begin, 6, "条件") == 0 ? 6u : 10u)};
  return {slice(text, keyword), "", Symbol::Kind::conditions, range, keyword, clauses(list, text)};
}

void sort(std::vector<Symbol>& list) {
  std::stable_sort(list.begin(), list.end(), [](const Symbol& a, const Symbol& b) { return a.range.begin < b.range.begin; });
}

}  // namespace

std::vector<Symbol> document_symbols(const syntax::File& file, const std::string& text) {
  std::vector<Symbol> out;
  for (const auto& st : file.statements) out.push_back(statement(st, text));
  for (const auto& ch : file.channels) {
    Symbol s{ch.name.text, "", Symbol::Kind::channel, ch.range, ch.name.range, {}};
    for (const auto& st : ch.statements) s.children.push_back(statement(st, text));
    if (ch.conditions_range) s.children.push_back(conditions(*ch.conditions_range, ch.conditions, text));
    sort(s.children);
    out.push_back(std::move(s));
  }
  for (const auto& b : file.blocks) {
    Symbol s{b.keyword.text, "", Symbol::Kind::block, b.range, b.keyword.range, {}};
    for (const auto& st : b.statements) s.children.push_back(statement(st, text));
    for (auto& c : clauses(b.clauses, text)) s.children.push_back(std::move(c));
    if (b.conditions_range) s.children.push_back(conditions(*b.conditions_range, b.conditions, text));
    sort(s.children);
    out.push_back(std::move(s));
  }
  sort(out);
  return out;
}

}  // namespace luohu::lsp
