// .luohu.yaml: a project's output defaults (language, format, colour, jobs),
// found by walking up from the working directory. It can never touch what a
// check means: rule severity, tiers, waivers and the data are not settable,
// and trying is an error with file:line. See docs/waivers.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/load_error.hpp"

namespace luohu {

struct ProjectConfig {
  std::string path;  // the file read; empty when there is none
  std::optional<std::string> lang;          // zh | en
  std::optional<std::string> color;         // auto | always | never
  std::optional<std::string> check_format;  // check: human | gcc | json | sarif
  std::optional<std::string> audit_format;  // audit: summary | json | csv | sarif | html
  std::optional<int> jobs;                  // audit: worker threads
  // The folder holding this file is a corpus: every policy under it must name
  // its 来源 and 核实 (docs/language.md#provenance). It only ever adds checks.
  bool require_provenance = false;
};

inline constexpr const char* kProjectConfigName = ".luohu.yaml";

// The nearest .luohu.yaml in `start` or a parent directory.
std::optional<std::filesystem::path> find_project_config(const std::filesystem::path& start);

// nullopt, with errors, when the file is malformed or tries to set anything
// but output defaults.
std::optional<ProjectConfig> parse_project_config(const std::string& text, const std::string& path,
                                                  std::vector<LoadError>& errors);

// The config found from the working directory; an empty one when none exists.
std::optional<ProjectConfig> load_project_config(std::vector<LoadError>& errors);

}  // namespace luohu
