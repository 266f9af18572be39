#include "audit/over_time.hpp"

#include "rules/rule.hpp"

namespace luohu::audit {

std::vector<DatedSummary> audit_over_time(const Checker& checker, const std::vector<std::string>& files,
                                          const std::vector<std::string>& dates, const Options& options) {
  std::vector<DatedSummary> out;
  for (const auto& date : dates) {
    Checker at = checker;
    at.as_of = date;
    // Every rule of the pack is tallied: one not yet in force that day concerns no city.
    Summarizer counts(checker.rules(), std::string());
    Options quiet;  // no progress bar, no pictures: the files are counted as they pass and not kept
    quiet.jobs = options.jobs;
    quiet.expect = options.expect;
    quiet.in_order = [&](FileResult& file) { counts.add(file); };
    quiet.consume = [](FileResult&&, std::string&&) {};
    AuditResult result = run(at, files, quiet);
    out.push_back({date, documents_applied(checker.rules(), date), counts.finish(result)});
  }
  return out;
}

}  // namespace luohu::audit
