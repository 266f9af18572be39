// Counts and compliance rates of an audit, by rule, task, province, tier and
// responsible unit. A city complies with a group of rules when none of them
// found an error in its policy (warnings and notes are counted, as "flagged",
// but do not break compliance, as they do not fail `luohu check`). A rule
// group's rate is over the checked cities to which at least one of its rules
// applies (by tier and level, as the checker decides); a province's or tier's
// over its checked cities.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "audit/audit.hpp"

namespace luohu::audit {

struct Tally {
  std::string key;          // rule id, task number, province code, tier, unit
  Message label;            // what to print beside the key
  std::size_t applicable = 0;  // checked cities concerned
  std::size_t violating = 0;   // of those, cities with a finding of error severity
  std::size_t flagged = 0;     // of those, cities with any finding (warnings and notes too)
  std::size_t findings = 0;
  std::size_t errors = 0, warnings = 0, notes = 0;
  std::size_t unchecked = 0, missing = 0;  // city groups only
  std::optional<double> compliance() const;  // (applicable - violating) / applicable
};

// One provision of the coverage view (tasks 22–30 and 34): how many checked
// cities state it equal, state it worse (delayed, denied), or leave it to
// other documents. For the residence permit "equal" counts the cities whose
// policy states its conditions.
struct ProvisionCount {
  std::string id;
  int task = 0;
  Message label;
  std::size_t equal = 0, worse = 0, silent = 0;
};
Message provision_label(const std::string& id);

struct Summary {
  std::size_t files = 0, checked = 0, unchecked = 0, duplicates = 0, missing = 0;
  std::size_t cities_checked = 0, cities_compliant = 0;
  std::size_t errors = 0, warnings = 0, notes = 0;
  std::size_t new_findings = 0, unchanged = 0, fixed = 0, unverified = 0;
  std::vector<Tally> by_rule, by_task, by_province, by_tier, by_unit;
  std::vector<ProvisionCount> coverage;
  // By the 核实 level of each city's policy (docs/language.md#provenance), in
  // the levels' order, then "unstated": how far the findings rest on read text.
  std::vector<Tally> by_verification;
};

// Counts an audit file by file, in report order: as it runs (Options::in_order,
// when the files are streamed and not kept) or afterwards (summarize).
class Summarizer {
 public:
  // `as_of`: the audit's date (Provenance::as_of), which decides the rules in force.
  Summarizer(const RulePack& rules, const std::string& as_of);
  void add(const FileResult& file);
  // The counts of the whole audit (files, missing cities, duplicates, gone findings) join the files' own.
  Summary finish(const AuditResult& result);

 private:
  // A group of rules tallied together (one rule, a task's, a unit's).
  struct RuleGroup {
    Tally tally;
    std::vector<std::size_t> members;  // pack indexes
    std::vector<char> member;          // [pack index]
  };
  void add_rules(const FileResult& file);

  const RulePack& rules_;
  std::unordered_map<std::string_view, int> index_;  // rule id -> pack index
  std::vector<RuleGroup> by_rule_, by_task_, by_unit_;
  std::map<std::string, Tally> others_, by_province_, by_tier_;
  std::map<std::string, bool> city_ok_;  // a city with two files is not compliant
  std::size_t checked_cities_ = 0;       // checked files naming a known city
  Summary summary_;                      // what is counted as it goes: coverage, statuses, verification
  std::vector<int> rule_of_;             // scratch, per file: each finding's pack index (-1: outside the pack)
  std::vector<char> applies_;            // scratch, per file: whether each rule applies
};

Summary summarize(const AuditResult& result, const RulePack& rules);

// The units named in Rule::responsible ("A、B" -> A, B).
std::vector<std::string> responsible_units(const std::string& responsible);

// Tiers in order from supercity down, then "unknown".
const std::vector<std::string>& tier_order();
Message tier_label(const std::string& tier);

}  // namespace luohu::audit
