// Reports for CI systems that read their own format (issue 19): GitLab Code
// Quality JSON and JUnit XML, one document over every file checked.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "diag/file_report.hpp"

namespace luohu {

// GitLab Code Quality (a Code Climate subset): one issue per finding not
// waived, with a fingerprint stable across runs (rule, file, clause text).
nlohmann::json render_gitlab(const std::vector<FileReport>& reports, Lang lang);

// JUnit XML: a test case per file without errors or warnings (passed) and one
// per error or warning (failed); notes and waived findings are not failures.
std::string render_junit(const std::vector<FileReport>& reports, Lang lang);

}  // namespace luohu
