// What checking one file gives every reporter: its findings and input errors,
// the files their ranges lie in, the city and the waivers. Below the checker,
// so reporters (report/, lsp/) depend on diagnostics and sources only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/provenance.hpp"
#include "source/source_file.hpp"
#include "source/source_map.hpp"

namespace luohu {

struct City;  // registry/registry.hpp

// A well-formed waiver comment (check/waivers.hpp reads them; docs/waivers.md).
struct Waiver {
  std::string rule;
  std::string reason, document, date, expires;  // dates YYYY-MM-DD
  SourceRange range;                             // the comment
  std::uint32_t line = 0;                        // the comment's line
  std::uint32_t target_line = 0;                 // the line whose findings it covers
  std::size_t covers = 1;  // covers=N: how many findings it may waive
  bool expired = false;
  bool not_yet = false;       // dated after today: not in force
  std::size_t ambiguous = 0;  // findings on its line beyond `covers`: none waived
  std::size_t uses = 0;       // findings covered
};

// What a policy says of a provision tasks 22–30 and 34 concern (a service
// settlers receive, the residence permit): for the audit's coverage view
// (check/checker.hpp provision_states).
// Its strings are the vocabulary's and literals, never a copy: an audit keeps
// one per provision per city (80,000 for 10,000 cities).
struct ProvisionState {
  std::string_view id;     // a service id, or "residence_permit"
  int task = 0;
  std::string_view state;  // equal | worse | silent; the permit: stated | silent
};

struct FileReport {
  std::shared_ptr<const SourceFile> source;
  std::shared_ptr<const SourceMap> sources;  // with imports: the files ranges may lie in (locate())
  std::vector<Diagnostic> diagnostics;  // sorted by position
  const City* city = nullptr;
  std::vector<Waiver> waivers;          // every well-formed waiver in the file, for the audit's ledger
  std::vector<ProvisionState> provisions;  // empty when the policy could not be modelled
  std::shared_ptr<const PolicyProvenance> provenance;  // its 来源/核实 and document (diag/provenance.hpp)
  bool input_error() const;             // could not be checked: exit 2
  std::size_t count(Severity s) const;  // unwaived findings (not input errors) of a severity
  std::size_t waived() const;           // findings a waiver covers
};

// Resolves a report's range to its file (the report's own source when it has no imports).
Located locate(const FileReport& report, SourceRange range);

}  // namespace luohu
