// .luohu.yaml: a project's output defaults (language, format, colour, jobs)
// and whether its folder is a corpus, found by walking up from the file
// checked (the nearest one wins, as ruff's and clang-tidy's do). It can never
// touch what a check means: rule severity, tiers, waivers and the data are not
// settable, and trying is an error with file:line. See docs/waivers.md.
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

// The one place .luohu.yaml is looked up and read (the CLI, the language
// server, the provenance check and the import root all ask here): the nearest
// config in `dir` or above (a stat per directory), each config file read and
// parsed once per process (again when it changes). An empty config when there
// is none; nullopt, with errors, when the nearest is malformed. Thread-safe.
std::optional<ProjectConfig> project_config_for(const std::filesystem::path& dir, std::vector<LoadError>& errors);
// The same for a directory already absolute and canonical (the provenance
// check resolves a policy's folder once and asks with it).
std::optional<ProjectConfig> project_config_for_canonical(const std::filesystem::path& dir, std::vector<LoadError>& errors);

// The directory holding the nearest .luohu.yaml at or above `dir`, if any.
std::optional<std::filesystem::path> project_config_dir(const std::filesystem::path& dir);

// The config that governs a run over `paths` (files or folders, as given on
// the command line): the one found upward from the first of them; from the
// working directory when none is given (or for standard input, "-").
std::optional<ProjectConfig> load_project_config(const std::vector<std::string>& paths, std::vector<LoadError>& errors);

}  // namespace luohu
