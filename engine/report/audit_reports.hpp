// Renderers of a batch audit: the terminal summary, JSON (the format a later
// audit reads as its baseline), CSV, SARIF 2.1.0 and one self-contained HTML
// page. Each report records the versions and SHA-256 of what was read.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <memory>
#include <string>

#include "audit/audit.hpp"
#include "audit/over_time.hpp"
#include "audit/summary.hpp"
#include "util/file_io.hpp"

namespace luohu {

struct AuditReportInput {
  const audit::AuditResult& result;
  const audit::Summary& summary;
  const RulePack& rules;
  Lang lang = Lang::zh;
  // --over-time: the same files' counts under other dates' rules (none: not asked).
  const std::vector<audit::DatedSummary>* over_time = nullptr;
};

// The terminal summary's lines about single files (each city's document and
// sources, the files that could not be checked, the cities with errors, the
// waiver counts), gathered in report order, so that a streamed audit
// (audit::Options::in_order) need not keep its files.
struct AuditSummaryLines {
  Lang lang;
  std::size_t waivers = 0, waived = 0, expired = 0, unused = 0;
  std::string documents, unchecked, violating;
  explicit AuditSummaryLines(Lang l) : lang(l) {}
  void add(const audit::FileResult& file);
};

// `lines`: gathered as the audit ran; none: from the result's files.
std::string render_audit_summary(const AuditReportInput& in, bool color, const AuditSummaryLines* lines = nullptr);
nlohmann::json audit_json(const AuditReportInput& in);  // "format": "luohu-audit/1"
// The receipt's records of an input file ({path, sha256}) and of the start-up
// snapshot ({path, content_sha256}), as the JSON report and SARIF both write them.
nlohmann::json hashed_file_json(const audit::HashedFile& file);
nlohmann::json snapshot_json(const audit::SnapshotUsed& snapshot);
std::string render_audit_json(const AuditReportInput& in);
// The same document, piece by piece (the CLI's -o and standard output): never held whole.
bool write_audit_json(const AuditReportInput& in, const ChunkWriter& write);

// The JSON report written while the audit runs (audit::Options::prepare and
// consume): first what is known before any check (tool, rule pack, registry,
// dates, rules), then each file's entry as the audit hands it on, then what
// needs every file (summary, exit code, missing cities, gone findings, the
// waiver ledger). A writer returns false once `write` has failed.
class AuditJsonWriter {
 public:
  // `baseline`: the audit compares against one (each finding gets a status).
  AuditJsonWriter(const audit::Provenance& provenance, const RulePack& rules, Lang lang, audit::Expect expect, bool baseline);
  ~AuditJsonWriter();
  bool begin(const ChunkWriter& write);
  std::string entry(const audit::FileResult& file) const;  // any thread, concurrently
  bool add(const audit::FileResult& file, std::string_view entry, const ChunkWriter& write);  // in report order
  bool end(const AuditReportInput& in, const ChunkWriter& write);

 private:
  const audit::Provenance& provenance_;
  const RulePack& rules_;
  Lang lang_;
  audit::Expect expect_;
  bool baseline_;
  std::size_t files_ = 0;
  std::unique_ptr<nlohmann::json> ledger_;  // the waivers of the files written so far
};
std::string render_audit_csv(const AuditReportInput& in);
// The same CSV piece by piece, as a streamed audit hands its files on: the
// header row, each file's rows (any thread, concurrently), then the missing
// cities and the findings gone since the baseline.
std::string audit_csv_header(Lang lang);
std::string audit_csv_rows(const audit::FileResult& file, const RulePack& rules, Lang lang);
std::string audit_csv_tail(const AuditReportInput& in);
std::string render_audit_sarif(const AuditReportInput& in);
std::string render_audit_html(const AuditReportInput& in);

// The audit's hook for the HTML report's pictures (audit::Options::graph):
// each city's pathway graph as DOT, labels in `lang`.
std::function<std::string(PolicyModel&, const std::vector<Diagnostic>&)> pathway_graph_hook(Lang lang);
// Lays out every city's DOT as SVG in one Graphviz run (FileResult::graph_svg,
// or graph_error saying why not).
void lay_out_graphs(std::vector<audit::FileResult>& files);

}  // namespace luohu
