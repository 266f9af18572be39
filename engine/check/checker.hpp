// Runs the rule pack over one parsed policy that imports nothing: syntax tree
// -> policy model -> pathway analysis (when a rule reads it) -> rule
// evaluation -> waivers -> diagnostics. No I/O. Reading files and merging
// imports is compose/'s (compose/check.hpp: the entry points callers use).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/waivers.hpp"
#include "diag/file_report.hpp"
#include "model/policy.hpp"
#include "registry/registry.hpp"
#include "rules/rule.hpp"
#include "source/source_file.hpp"
#include "syntax/parser.hpp"

namespace luohu {

// What a policy says of a provision tasks 22–30 and 34 concern (ProvisionState,
// diag/file_report.hpp): for the audit's coverage view.
std::vector<ProvisionState> provision_states(const PolicyModel& policy);

class Checker {
 public:
  Checker(const Registry& registry, const RulePack& rules, syntax::Limits limits = {});

  // A parsed file that names its city and imports nothing (compose::check_parsed
  // routes the others). `model`, when given, receives the policy model
  // checked, for the caller to free when it suits (the language server: after
  // the diagnostics are out).
  FileReport check_single(std::shared_ptr<const SourceFile> source, const syntax::ParseResult& parsed,
                          std::unique_ptr<PolicyModel>* model = nullptr) const;
  // Findings of the pack's rules (or only `only`, when given) on a built
  // policy; runs the pathway analysis first when a rule to run reads it.
  std::vector<Diagnostic> evaluate(PolicyModel& policy, const Rule* only = nullptr) const;
  // evaluate() appended to `out`, a rule that fails to evaluate reported as an
  // input error at the policy's header: the step every check pipeline shares.
  void add_findings(PolicyModel& policy, std::vector<Diagnostic>& out) const;
  // Whether a rule reads a pathway field (model/policy.hpp reads_pathways); compiles it if not yet.
  bool rule_reads_pathways(const Rule& rule) const;

  const Registry& registry() const { return registry_; }
  const RulePack& rules() const { return rules_; }
  const syntax::Limits& limits() const { return limits_; }

  WaiverOptions waiver_options;  // no_waivers, today (docs/waivers.md)
  // The rules applied: those in force on this date (YYYY-MM-DD); "effective",
  // those in force on each policy's own 施行日期; empty: today (waiver_options.today
  // when set). docs/rules-over-time.md.
  std::string as_of;
  // The date a policy is checked as of, under as_of.
  std::string date_for(const PolicyModel& policy) const;
  // What a report states it applied: as_of, or today's date when unset.
  std::string stated_as_of() const;
  // Render findings' messages in this language only (a language server shows
  // one; rendering both was a tenth of the re-check time); both when unset.
  std::optional<Lang> message_language;

 private:
  // Throws predicate::EvalError naming the rule (a budget exceeded, out of memory).
  std::vector<Diagnostic> evaluate_rule(const PolicyModel& policy, const Rule& rule) const;
  std::vector<Diagnostic> evaluate_rule_unchecked(const PolicyModel& policy, const Rule& rule) const;
  // Below this many channels a policy is checked quicker on one thread.
  static constexpr std::size_t kParallelChannels = 16;

  const Registry& registry_;
  const RulePack& rules_;
  syntax::Limits limits_;
};

}  // namespace luohu
