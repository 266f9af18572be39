// The national documents rules cite (rules/documents/*.yaml) and what dates a
// rule: which rules and documents are in force on a day, and how a finding
// cites its document. The engine names no document: all of it is data.
#pragma once

#include <string>
#include <vector>

#include "rules/rule.hpp"
#include "util/load_error.hpp"

namespace luohu {

inline constexpr const char* kDocumentsFolder = "documents";  // rules/documents/<id>.yaml
inline constexpr const char* kDatedRulesFolder = "dated";     // rules/dated/D<year>-….yaml

// One document record from YAML text; its id is the file's stem.
std::optional<NationalDocument> load_document_text(const std::string& text, const std::string& path,
                                                   std::vector<LoadError>& errors);

// After loading: every rule's document and superseded_by exist, the seed's
// rules (T…) cite the seed and others (D…) a later document, no rule binds
// before its document does; sets each rule's `basis` and the pack's seed_number.
void link_documents(RulePack& pack, std::vector<LoadError>& errors);

// How a document is named: its 文号, or issuer and title when it has none.
std::string document_name(const NationalDocument& d);

// The day before a YYYY-MM-DD date (the impact of a document is the change from that day to its first).
std::string day_before(const std::string& date);

}  // namespace luohu
