// Renderers of a batch audit: the terminal summary, JSON (the format a later
// audit reads as its baseline), CSV, SARIF 2.1.0 and one self-contained HTML
// page. Each report records the versions and SHA-256 of what was read.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "audit/audit.hpp"
#include "audit/summary.hpp"

namespace luohu {

struct AuditReportInput {
  const audit::AuditResult& result;
  const audit::Summary& summary;
  const RulePack& rules;
  Lang lang = Lang::zh;
};

std::string render_audit_summary(const AuditReportInput& in, bool color);
nlohmann::json audit_json(const AuditReportInput& in);  // "format": "luohu-audit/1"
std::string render_audit_json(const AuditReportInput& in);
std::string render_audit_csv(const AuditReportInput& in);
std::string render_audit_sarif(const AuditReportInput& in);
std::string render_audit_html(const AuditReportInput& in);

}  // namespace luohu
