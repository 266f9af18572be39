// The same policies audited at several dates (`luohu audit --over-time`):
// what each date's rules make of them, kept as counts only (a summary per
// date), so the reports can set the 2016, 2019 and 2024 rules side by side.
#pragma once

#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "audit/summary.hpp"

namespace luohu::audit {

struct DatedSummary {
  std::string as_of;                   // YYYY-MM-DD, as Checker::as_of
  std::vector<std::string> documents;  // the national documents applied that day, as findings cite them
  Summary summary;
};

// Audits `files` once per date, with `checker`'s settings but its as_of set to
// each date, in the order given; no file's findings outlive its date's count.
std::vector<DatedSummary> audit_over_time(const Checker& checker, const std::vector<std::string>& files,
                                          const std::vector<std::string>& dates, const Options& options);

}  // namespace luohu::audit
