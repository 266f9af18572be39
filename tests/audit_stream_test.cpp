// The streamed audit (audit::Options::in_order, prepare, consume): each file
// is handed on in report order as soon as it is checked, and not kept. It must
// say exactly what the audit that keeps every file says.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "audit/baseline.hpp"
#include "audit/discover.hpp"
#include "audit/summary.hpp"
#include "audit_support.hpp"
#include "report/audit_reports.hpp"

using namespace luohu;
using namespace luohu::test;

namespace {

// Every bundled policy and example: imports, broken files, duplicate cities.
std::vector<std::string> corpus() {
  auto found = audit::discover({source_path("examples"), source_path("policies")});
  REQUIRE(found.errors.empty());
  return found.files;
}

// The findings of the same files under today's rules: against it an audit under the 2016 plan alone
// has unchanged findings, and gone ones (the later documents' rules).
audit::Baseline later_baseline(const Checker& checker, const std::vector<std::string>& files) {
  Checker later = checker;
  later.as_of = "2026-12-01";
  return audit::baseline_of(audit::run(later, files), "2026");
}

struct Kept {
  audit::AuditResult result;
  audit::Summary summary;
  std::string json, terminal;
};

Kept kept_audit(const Checker& checker, const std::vector<std::string>& files, const audit::Provenance& provenance,
                const audit::Baseline& baseline) {
  Kept k;
  audit::Options options;
  options.jobs = 2;
  k.result = audit::run(checker, files, options);
  k.result.provenance = provenance;
  audit::compare(k.result, baseline);
  k.summary = audit::summarize(k.result, checker.rules());
  AuditReportInput in{k.result, k.summary, checker.rules(), Lang::zh};
  k.json = render_audit_json(in);
  k.terminal = render_audit_summary(in, false);
  return k;
}

}  // namespace

TEST_CASE("a streamed audit writes the report the kept audit writes, byte for byte, holding a few files at a time",
          "[audit][stream]") {
  Checker checker(bundled().registry, bundled().rules);
  checker.as_of = "2017-01-01";
  const auto files = corpus();
  REQUIRE(files.size() > 40);
  const auto baseline = later_baseline(checker, files);
  REQUIRE_FALSE(baseline.findings.empty());
  auto provenance = audit::provenance(bundled().registry, bundled().rules, {"examples", "policies"});
  provenance.as_of = checker.stated_as_of();
  provenance.baseline = baseline.file;
  const Kept kept = kept_audit(checker, files, provenance, baseline);
  REQUIRE(kept.result.duplicates.size() > 0);
  REQUIRE(kept.summary.fixed + kept.summary.unverified > 0);
  REQUIRE(kept.summary.unchanged > 0);

  audit::Comparison comparison(baseline);
  audit::Summarizer counts(bundled().rules, provenance.as_of);
  AuditSummaryLines lines(Lang::zh);
  AuditJsonWriter json(provenance, bundled().rules, Lang::zh, audit::Expect::prefecture, true);
  std::string text;
  auto write = [&](std::string_view piece) {
    text += piece;
    return true;
  };
  REQUIRE(json.begin(write));
  std::vector<std::string> order;
  std::size_t in_flight = 0, most_in_flight = 0;
  audit::Options options;
  options.jobs = 2;
  options.in_order = [&](audit::FileResult& file) {
    comparison.mark(file);
    counts.add(file);
    lines.add(file);
    most_in_flight = std::max(most_in_flight, ++in_flight);
  };
  options.prepare = [&](const audit::FileResult& file) { return json.entry(file); };
  options.consume = [&](audit::FileResult&& file, std::string&& entry) {
    --in_flight;
    order.push_back(file.path);
    CHECK(json.add(file, entry, write));
  };
  auto result = audit::run(checker, files, options);
  result.provenance = provenance;
  comparison.finish(result);
  const auto summary = counts.finish(result);
  AuditReportInput in{result, summary, bundled().rules, Lang::zh};
  REQUIRE(json.end(in, write));

  CHECK(result.files.empty());  // nothing kept
  REQUIRE(order.size() == kept.result.files.size());
  for (std::size_t i = 0; i < order.size(); ++i) CHECK(order[i] == kept.result.files[i].path);
  CHECK(result.exit_code() == kept.result.exit_code());
  CHECK(result.count(Severity::error) == kept.result.count(Severity::error));
  CHECK(result.past.size() == kept.result.past.size());
  CHECK(text == kept.json);
  CHECK(nlohmann::json::parse(text)["summary"]["baseline"]["unchanged"] == kept.summary.unchanged);
  CHECK(render_audit_summary(in, false, &lines) == kept.terminal);
  // The pipeline's window: never more files between check and hand-on than it has tokens (4 per job).
  CHECK(most_in_flight <= 8);
  CHECK(most_in_flight >= 1);
}

TEST_CASE("an earlier audit gathered file by file is the baseline its kept files give", "[audit][stream][baseline]") {
  Checker checker(bundled().registry, bundled().rules);
  checker.as_of = "2017-01-01";
  const auto files = corpus();
  const auto kept = audit::baseline_of(audit::run(checker, files), "2017");
  audit::BaselineCollector gathered("2017");
  audit::Options options;
  options.in_order = [&](audit::FileResult& file) { gathered.add(file); };
  options.consume = [](audit::FileResult&&, std::string&&) {};
  audit::run(checker, files, options);
  REQUIRE(gathered.baseline.findings.size() == kept.findings.size());
  for (std::size_t i = 0; i < kept.findings.size(); ++i) {
    const auto &a = gathered.baseline.findings[i], &b = kept.findings[i];
    CHECK(audit::finding_key(a.city_code, a.finding.rule, a.finding.clause) == audit::finding_key(b.city_code, b.finding.rule, b.finding.clause));
    CHECK(a.file == b.file);
  }
}

TEST_CASE("CSV written file by file as the audit runs is the CSV of the kept audit", "[audit][stream][csv]") {
  Checker checker(bundled().registry, bundled().rules);
  checker.as_of = "2026-12-01";
  const auto files = corpus();
  for (Lang lang : {Lang::zh, Lang::en}) {
    auto kept = audit::run(checker, files);
    const auto kept_summary = audit::summarize(kept, checker.rules());
    const std::string whole = render_audit_csv({kept, kept_summary, checker.rules(), lang});
    std::string text = audit_csv_header(lang);
    audit::Options options;
    options.prepare = [&](const audit::FileResult& file) { return audit_csv_rows(file, checker.rules(), lang); };
    options.consume = [&](audit::FileResult&&, std::string&& rows) { text += rows; };
    auto streamed = audit::run(checker, files, options);
    const auto summary = audit::summarize(streamed, checker.rules());
    text += audit_csv_tail({streamed, summary, checker.rules(), lang});
    CHECK(streamed.files.empty());
    CHECK(text.size() > 10000);
    CHECK(text == whole);
  }
}
