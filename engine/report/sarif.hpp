// SARIF 2.1.0 (OASIS) for code-scanning tools: one run, the rule pack as
// tool.driver.rules with the quoted task as help, one result per diagnostic.
// Columns are UTF-16 code units, 1-based (run.columnKind says so). The audit's
// SARIF (report/audit_reports.hpp) is written by the same code (sarif.cpp).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "diag/file_report.hpp"

namespace luohu {

struct RulePack;  // rules/rule.hpp

nlohmann::json render_sarif(const std::vector<FileReport>& reports, const RulePack& rules, Lang lang);

}  // namespace luohu
