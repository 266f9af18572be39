// Shared fixtures: the bundled registry and rule pack, loaded once, and
// running the luohu binary for CLI tests.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "check/checker.hpp"
#include "check/setup.hpp"
#include "model/builder.hpp"

namespace luohu::test {

const Setup& bundled();  // registry/cities.yaml and rules/ of the source tree
// A day on which only the 2016 plan's rules bind (docs/rules-over-time.md): the
// examples and most tests show the plan's rules; tests of the later documents'
// rules name their own dates.
inline constexpr const char* kPlanDate = "2017-12-31";
FileReport check(const std::string& text, const std::string& path = "test.luohu");

// A policy model built from text that must parse (a syntax error throws).
struct Built {
  std::shared_ptr<SourceFile> source;  // the model's ranges point into it
  BuildResult result;
};
Built build(const std::string& text, const std::string& path = "test.luohu");
std::vector<std::string> codes(const FileReport& report);  // diagnostic codes in order

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs build/luohu with arguments (shell-quoted here) and optional stdin file.
RunResult run_luohu(const std::vector<std::string>& args, const std::string& stdin_path = "");

std::string source_path(const std::string& relative);  // path inside the source tree
std::string temp_file(const std::string& name, const std::string& content);
std::string read_file(const std::string& path);  // the whole file, bytes as they are

// RFC 4180 records (the audit's CSV): quoted fields may hold commas, quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);
// Runs `body` with exactly these of LANGUAGE, LC_ALL, LC_MESSAGES and LANG set (the others unset), then restores all four.
void with_locale_variables(const std::map<std::string, std::string>& vars, const std::function<void()>& body);

}  // namespace luohu::test
