// The word under the cursor, by the grammar's own identifier rule, and the
// vocabulary terms and rules a word refers to (for hover and completion).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/value.hpp"
#include "model/vocabulary.hpp"
#include "rules/rule.hpp"

namespace luohu::lsp {

// The identifier containing (or ending at) offset; empty range if none.
SourceRange word_at(const std::string& text, std::uint32_t offset);

struct TermMatch {
  Vocabulary vocabulary;
  const Term* term;
};
std::optional<TermMatch> find_any_term(std::string_view spelling);

// The vocabularies a policy's words come from, in lookup order.
const std::vector<Vocabulary>& policy_vocabularies();

// Rules whose predicates or bindings name a vocabulary id.
std::vector<const Rule*> rules_mentioning(const RulePack& rules, const std::string& id);

}  // namespace luohu::lsp
