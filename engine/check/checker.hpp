// Runs the rule pack over one policy: source text -> syntax tree -> policy
// model -> rule evaluation -> diagnostics. No I/O beyond reading the file.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/waivers.hpp"
#include "diag/diagnostic.hpp"
#include "model/policy.hpp"
#include "registry/registry.hpp"
#include "rules/rule.hpp"
#include "source/source_file.hpp"
#include "syntax/parser.hpp"

namespace luohu {

struct SourceMap;
struct PolicyProvenance;

// What a policy says of a provision tasks 22–30 and 34 concern (a service
// settlers receive, the residence permit): for the audit's coverage view.
struct ProvisionState {
  std::string id;     // a service id, or "residence_permit"
  int task = 0;
  std::string state;  // equal | worse | silent; the permit: stated | silent
};
std::vector<ProvisionState> provision_states(const PolicyModel& policy);

struct FileReport {
  std::shared_ptr<const SourceFile> source;
  std::shared_ptr<const SourceMap> sources;  // with imports: the files ranges may lie in (compose/source_map.hpp, locate())
  std::vector<Diagnostic> diagnostics;  // sorted by position
  const City* city = nullptr;
  std::vector<Waiver> waivers;          // every well-formed waiver in the file, for the audit's ledger
  std::vector<ProvisionState> provisions;  // empty when the policy could not be modelled
  std::shared_ptr<const PolicyProvenance> provenance;  // its 来源/核实 and document (check/provenance.hpp)
  bool input_error() const;             // could not be checked: exit 2
  std::size_t count(Severity s) const;  // unwaived findings (not input errors) of a severity
  std::size_t waived() const;           // findings a waiver covers
};

class Checker {
 public:
  Checker(const Registry& registry, const RulePack& rules, syntax::Limits limits = {});

  FileReport check_text(std::string path, std::string text) const;
  FileReport check_file(const std::string& path) const;  // unreadable file -> input error
  // The same, from a parse already made (the language server re-parses only
  // what an edit touched: syntax/incremental.hpp). The const& overload keeps
  // the tree for the next edit and copies it only for imports.
  FileReport check_parsed(std::shared_ptr<const SourceFile> source, syntax::ParseResult&& parsed) const;
  // `model`, when given, receives the policy model checked, for the caller to
  // free when it suits (the language server: after the diagnostics are out).
  FileReport check_parsed(std::shared_ptr<const SourceFile> source, const syntax::ParseResult& parsed,
                          std::unique_ptr<PolicyModel>* model = nullptr) const;
  // Findings of the pack's rules (or only `only`, when given) on a built policy.
  std::vector<Diagnostic> evaluate(const PolicyModel& policy, const Rule* only = nullptr) const;

  const Registry& registry() const { return registry_; }
  const RulePack& rules() const { return rules_; }
  const syntax::Limits& limits() const { return limits_; }

  WaiverOptions waiver_options;  // no_waivers, today (docs/waivers.md)
  // Render findings' messages in this language only (a language server shows
  // one; rendering both was a tenth of the re-check time); both when unset.
  std::optional<Lang> message_language;

 private:
  std::vector<Diagnostic> evaluate_rule(const PolicyModel& policy, const Rule& rule) const;
  // Below this many channels a policy is checked quicker on one thread.
  static constexpr std::size_t kParallelChannels = 16;

  const Registry& registry_;
  const RulePack& rules_;
  syntax::Limits limits_;
  std::vector<char> needs_pathways_;  // per rule of the pack: reads a pathway field (model/policy.hpp)
};

}  // namespace luohu
