#include "lsp/words.hpp"

#include <tao/pegtl.hpp>

#include "syntax/grammar.hpp"

namespace luohu::lsp {

namespace pegtl = tao::pegtl;

namespace {
// Length of the identifier character at i, or 0 if there is none.
std::size_t ident_char(const std::string& text, std::size_t i) {
  if (i >= text.size()) return 0;
  pegtl::memory_input<> in(text.data() + i, text.size() - i, "");
  if (!pegtl::parse<syntax::grammar::ident_other>(in)) return 0;
  return static_cast<std::size_t>(in.current() - (text.data() + i));
}
}  // namespace

SourceRange word_at(const std::string& text, std::uint32_t offset) {
  std::size_t at = std::min<std::size_t>(offset, text.size());
  std::size_t begin = at;
  while (begin > 0) {  // step back one code point at a time
    std::size_t prev = begin - 1;
    while (prev > 0 && (static_cast<unsigned char>(text[prev]) & 0xC0) == 0x80) --prev;
    if (ident_char(text, prev) != begin - prev) break;
    begin = prev;
  }
  std::size_t end = at;
  while (std::size_t n = ident_char(text, end)) end += n;
  return {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
}

const std::vector<Vocabulary>& policy_vocabularies() {
  static const std::vector<Vocabulary> list = {
      Vocabulary::group,     Vocabulary::condition,  Vocabulary::education, Vocabulary::skill,
      Vocabulary::family,    Vocabulary::service,    Vocabulary::treatment, Vocabulary::rural_right,
      Vocabulary::zone_kind, Vocabulary::exit_scope, Vocabulary::rental,    Vocabulary::factor};
  return list;
}

std::optional<TermMatch> find_any_term(std::string_view spelling) {
  for (auto v : policy_vocabularies()) {
    if (const Term* t = find_term(v, spelling)) return TermMatch{v, t};
  }
  return std::nullopt;
}

std::vector<const Rule*> rules_mentioning(const RulePack& rules, const std::string& id) {
  std::vector<const Rule*> out;
  std::string quoted = "'" + id + "'";
  for (const auto& rule : rules.rules) {
    bool named = rule.forbid_text.find(quoted) != std::string::npos ||
                 rule.require_text.find(quoted) != std::string::npos ||
                 rule.blame_text.find(quoted) != std::string::npos;
    for (const auto& [name, values] : rule.for_each) {
      for (const auto& v : values) named = named || (v.is_string() && v.as_string() == id);
    }
    if (named) out.push_back(&rule);
  }
  return out;
}

}  // namespace luohu::lsp
