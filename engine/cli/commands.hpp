// The subcommands, each one entry of one table: {name, setup, run}.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "check/setup.hpp"
#include "config/project_config.hpp"
#include "diag/diagnostic.hpp"

namespace luohu::cli {

// Help text (--help, the man page, the completions) in the language chosen
// before CLI11 parses: --lang anywhere on the line, else the locale.
struct Help {
  Lang lang = Lang::en;
  std::string operator()(const char* zh, const char* en) const { return lang == Lang::zh ? zh : en; }
};

// The language of the help: `--lang L` or `--lang=L` anywhere on the line (the last wins), else the locale.
Lang help_language(int argc, const char* const* argv);

struct GlobalOptions {
  DataPaths paths;
  Help help;  // the language the options are described in, fixed before parsing
  std::string lang;  // empty: the project's .luohu.yaml, else the locale
  // The .luohu.yaml found upward from the command's first path (Command::paths), read once in main.
  ProjectConfig project;
  Lang language() const {
    if (!lang.empty()) return lang == "zh" ? Lang::zh : Lang::en;
    if (project.lang) return *project.lang == "zh" ? Lang::zh : Lang::en;
    return language_from_environment();
  }
};

struct Command {
  std::function<void(CLI::App&, GlobalOptions&)> setup;
  std::function<bool()> parsed;
  std::function<int(const GlobalOptions&)> run;
  // The files or folders the command reads, whose .luohu.yaml governs it;
  // none (unset, or empty): the working directory's.
  std::function<std::vector<std::string>()> paths;
};

std::vector<Command> all_commands();

// Exit codes: 0 clean, 1 findings of error severity, 2 could not check.
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitInputError = 2;

// Loads registry and rules; prints load errors and returns nullptr on failure.
// What it returns is never freed: the OS reclaims it at exit faster than its
// destructors would (8% of a warm check's instructions), as clang's
// -disable-free does. A static holds it, so leak checkers see it reachable.
Setup* load_or_report(const GlobalOptions& global);

// Writes beside the file, then renames over it (keeping its mode): a reader never
// sees half a file. False, with `error` set (en), when it could not.
bool write_atomically(const std::string& path, const std::string& text, std::string& error);

}  // namespace luohu::cli
