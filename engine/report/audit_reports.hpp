// Renderers of a batch audit: the terminal summary, JSON (the format a later
// audit reads as its baseline), CSV, SARIF 2.1.0 and one self-contained HTML
// page. Each report records the versions and SHA-256 of what was read.
#pragma once

#include <nlohmann/json_fwd.hpp>
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

std::string render_audit_summary(const AuditReportInput& in, bool color);
nlohmann::json audit_json(const AuditReportInput& in);  // "format": "luohu-audit/1"
std::string render_audit_json(const AuditReportInput& in);
// The same text, piece by piece (the CLI's -o and standard output): never held whole.
bool write_audit_json(const AuditReportInput& in, const ChunkWriter& write);
std::string render_audit_csv(const AuditReportInput& in);
std::string render_audit_sarif(const AuditReportInput& in);
std::string render_audit_html(const AuditReportInput& in);

// The audit's hook for the HTML report's pictures (audit::Options::graph):
// each city's pathway graph as DOT, labels in `lang`.
std::function<std::string(PolicyModel&, const std::vector<Diagnostic>&)> pathway_graph_hook(Lang lang);
// Lays out every city's DOT as SVG in one Graphviz run (FileResult::graph_svg,
// or graph_error saying why not).
void lay_out_graphs(std::vector<audit::FileResult>& files);

}  // namespace luohu
