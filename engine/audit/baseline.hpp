// Comparing an audit with an earlier one (its JSON report): each finding is
// new or unchanged, and each earlier finding that is gone is fixed (or
// unverified, when this audit could not check its city). Findings are matched
// by finding_key (city, rule, clause text), not by line, so inserting a line
// above a clause does not make it new; equal keys pair off one to one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"

namespace luohu::audit {

struct Baseline {
  HashedFile file;
  std::vector<PastFinding> findings;
};

// nullopt and `error` set when the file cannot be read or is not an audit report.
std::optional<Baseline> load_baseline(const std::string& path, Message& error);
Baseline parse_baseline(const std::string& text, const std::string& path);  // throws std::runtime_error

void compare(AuditResult& result, const Baseline& baseline);

// An audit run in this process as the baseline of another (luohu audit
// --impact: the same files as of the day before); `label` names it in reports.
Baseline baseline_of(const AuditResult& earlier, std::string label);

}  // namespace luohu::audit
