// examples/: compliant policies pass; each violation is flagged on exactly
// the lines its "# 预期: RULE-ID" comments name (like clang-tidy's CHECK lines).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "support.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> files_in(const std::string& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(test::source_path(dir))) {
    if (e.path().extension() == ".luohu") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const fs::path& p) { return test::read_file(p.string()); }

using Expectations = std::set<std::pair<std::uint32_t, std::string>>;

Expectations annotations(const std::string& text) {
  Expectations out;
  std::istringstream in(text);
  std::string line;
  std::uint32_t number = 0;
  static const std::regex marker("# 预期: (.*)$");
  static const std::regex id("T[0-9]+-[A-Z0-9-]+");
  while (std::getline(in, line)) {
    ++number;
    std::smatch m;
    if (!std::regex_search(line, m, marker)) continue;
    std::string ids = m[1];
    for (std::sregex_iterator it(ids.begin(), ids.end(), id), end; it != end; ++it) out.insert({number, it->str()});
  }
  return out;
}

}  // namespace

TEST_CASE("compliant examples pass with no finding", "[examples]") {
  auto files = files_in("examples/compliant");
  REQUIRE(files.size() >= 3);
  for (const auto& path : files) {
    DYNAMIC_SECTION(path.filename().string()) {
      auto report = test::check(read(path), path.string());
      INFO(test::codes(report).size());
      CHECK_FALSE(report.input_error());
      CHECK(report.count(Severity::error) == 0);
      CHECK(report.count(Severity::warning) == 0);
    }
  }
}

TEST_CASE("violation examples are flagged on the line of each offending clause", "[examples]") {
  auto files = files_in("examples/violations");
  REQUIRE(files.size() >= 5);
  for (const auto& path : files) {
    std::string text = read(path);
    auto report = test::check(text, path.string());
    Expectations found;
    for (const auto& d : report.diagnostics) {
      if (d.severity == Severity::note) continue;
      found.insert({report.source->location(d.range.begin).line, d.code});
    }
    DYNAMIC_SECTION(path.filename().string()) {
      REQUIRE_FALSE(report.input_error());
      CHECK(report.count(Severity::error) >= 1);
      CHECK(found == annotations(text));
    }
  }
}

TEST_CASE("together the violation examples show every rule of the plan", "[examples]") {
  std::set<std::string> rules_shown;
  for (const auto& path : files_in("examples/violations")) {
    for (const auto& d : test::check(read(path), path.string()).diagnostics) rules_shown.insert(d.code);
  }
  // The examples are of the plan's time (test::kPlanDate); the later documents' rules show in their own examples.
  for (const auto& rule : test::bundled().rules.rules) {
    if (!rule.in_force.on(test::kPlanDate)) continue;
    INFO(rule.id);
    CHECK(rules_shown.count(rule.id) == 1);
  }
}
