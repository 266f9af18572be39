// `luohu explain --finding FILE:LINE[:COL][:RULE]`: for a finding, the chain of
// clauses and figures that produced it — the rule's predicate, every related
// clause quoted, and the pathway figures of the channel it lies in.
#pragma once

#include <optional>
#include <string>

#include "check/checker.hpp"

namespace luohu {

struct FindingQuery {
  std::string path;
  std::uint32_t line = 0;
  std::uint32_t column = 0;  // 0: any
  std::string rule;  // empty: every finding on the line
};

// Parses FILE:LINE[:COL][:RULE]; nullopt when malformed or LINE is not in 1..2^32-1.
std::optional<FindingQuery> parse_finding_query(const std::string& text);

// The explanation, or nullopt with `error` set (no finding there, input error).
std::optional<std::string> explain_finding(const Checker& checker, const FindingQuery& query, Lang lang, std::string& error);

}  // namespace luohu
