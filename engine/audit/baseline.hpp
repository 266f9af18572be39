// Comparing an audit with an earlier one (its JSON report): each finding is
// new or unchanged, and each earlier finding that is gone is fixed (or
// unverified, when this audit could not check its city). Findings are matched
// by finding_key (city, rule, clause text), not by line, so inserting a line
// above a clause does not make it new; equal keys pair off one to one.
#pragma once

#include <map>
#include <optional>
#include <set>
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

// The comparison file by file, in report order (Options::in_order, when the
// audit is streamed): `mark` sets each finding's status, `finish` lists the
// baseline's findings that are gone.
class Comparison {
 public:
  explicit Comparison(const Baseline& baseline);
  void mark(FileResult& file);
  void finish(AuditResult& result);

 private:
  const Baseline& baseline_;
  // Earlier findings by key, each key with how many times it occurred; matched ones are taken out.
  std::map<std::string, std::vector<const PastFinding*>> old_;
  std::set<std::string> rechecked_;  // cities (or paths) this audit checked
};

void compare(AuditResult& result, const Baseline& baseline);  // every kept file, then finish

// An audit run in this process as the baseline of another, gathered file by
// file (Options::in_order) so that the earlier audit need not keep its files.
struct BaselineCollector {
  explicit BaselineCollector(std::string label) { baseline.file = {std::move(label), std::nullopt}; }
  void add(const FileResult& file);
  Baseline baseline;
};

// An audit run in this process as the baseline of another (luohu audit
// --impact: the same files as of the day before); `label` names it in reports.
Baseline baseline_of(const AuditResult& earlier, std::string label);

}  // namespace luohu::audit
