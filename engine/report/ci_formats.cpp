#include "report/ci_formats.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/sha256.hpp"

namespace luohu {
namespace {

const char* gitlab_severity(Severity s) {
  return s == Severity::error ? "major" : s == Severity::warning ? "minor" : "info";
}

std::string xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += "?";
        else out += c;
    }
  }
  return out;
}

}  // namespace

nlohmann::json render_gitlab(const std::vector<FileReport>& reports, Lang lang) {
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& report : reports) {
    if (!report.source) continue;
    for (const auto& d : report.diagnostics) {
      if (d.waived) continue;
      Located here = locate(report, d.range);
      LineColumn begin = here.source->location(here.range.begin), end = here.source->location(here.range.end);
      std::string clause = here.source->text().substr(here.range.begin, here.range.end - here.range.begin);
      issues.push_back({{"type", "issue"},
                        {"check_name", d.code},
                        {"description", fmt::format("{} [{}]", d.message.in(lang), d.code)},
                        {"categories", {"Compatibility"}},
                        {"severity", gitlab_severity(d.severity)},
                        // Not the line: a finding that moves with its clause keeps its identity.
                        {"fingerprint", sha256_hex(fmt::format("{}\n{}\n{}", d.code, here.source->path(), clause)).substr(0, 32)},
                        {"location",
                         {{"path", here.source->path()},
                          {"positions", {{"begin", {{"line", begin.line}, {"column", begin.column}}},
                                         {"end", {{"line", end.line}, {"column", end.column}}}}}}}});
    }
  }
  return issues;
}

std::string render_junit(const std::vector<FileReport>& reports, Lang lang) {
  std::string cases;
  std::size_t tests = 0, failures = 0;
  for (const auto& report : reports) {
    if (!report.source) continue;
    const std::string& path = report.source->path();
    std::size_t before = failures;
    for (const auto& d : report.diagnostics) {
      if (d.waived || d.severity == Severity::note) continue;
      Located here = locate(report, d.range);
      LineColumn at = here.source->location(here.range.begin);
      ++tests;
      ++failures;
      std::string message = d.message.in(lang);
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{} {}:{}\" file=\"{}\" line=\"{}\">\n"
                           "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}: {} [{}]</failure>\n    </testcase>\n",
                           xml(path), xml(d.code), at.line, at.column, xml(here.source->path()), at.line,
                           severity_name(d.severity), xml(message), xml(here.source->path()), at.line, at.column,
                           severity_name(d.severity), xml(message), xml(d.code));
    }
    if (failures == before) {  // the file passed
      ++tests;
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"/>\n", xml(path),
                           lang == Lang::zh ? "无错误或警告" : "no errors or warnings", xml(path));
    }
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"luohu\" tests=\"{0}\" failures=\"{1}\">\n"
                     "  <testsuite name=\"luohu check\" tests=\"{0}\" failures=\"{1}\" errors=\"0\" skipped=\"0\">\n"
                     "{2}  </testsuite>\n</testsuites>\n",
                     tests, failures, cases);
}

}  // namespace luohu
