#include "audit/over_time.hpp"

#include "rules/rule.hpp"

namespace luohu::audit {

std::vector<DatedSummary> audit_over_time(const Checker& checker, const std::vector<std::string>& files,
                                          const std::vector<std::string>& dates, const Options& options) {
  std::vector<DatedSummary> out;
  Options quiet;  // no progress bar, no pictures: only the counts are kept
  quiet.jobs = options.jobs;
  quiet.expect = options.expect;
  for (const auto& date : dates) {
    Checker at = checker;
    at.as_of = date;
    AuditResult result = run(at, files, quiet);
    out.push_back({date, documents_applied(checker.rules(), date), summarize(result, checker.rules())});
  }
  return out;
}

}  // namespace luohu::audit
