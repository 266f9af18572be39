// luohu fmt FILE...: rewrites policies in the canonical layout (atomically,
// keeping permissions); --check only reports which files would change.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "format/formatter.hpp"
#include "report/reporters.hpp"

namespace luohu::cli {
namespace {

namespace fs = std::filesystem;

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
  CLI::App* app = nullptr;
};

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_fmt(const FmtOptions& o, const GlobalOptions& global) {
  Lang lang = global.language();
  bool zh = lang == Lang::zh;
  int exit_code = kExitClean;
  for (const auto& path : o.files) {
    auto text = read_file(path);
    std::error_code ec;
    if (!text || fs::is_directory(path, ec)) {
      std::cerr << path << ": " << (zh ? "无法读取文件" : "cannot read the file") << "\n";
      exit_code = kExitInputError;
      continue;
    }
    FileReport report;
    report.source = std::make_shared<SourceFile>(path, std::move(*text));
    auto result = format::format_source(*report.source);
    if (!result.text) {  // left untouched
      report.diagnostics = std::move(result.diagnostics);
      std::cerr << render_gcc(report, {lang, false});
      std::cerr << path << ": " << (zh ? "有语法错误，未格式化" : "not formatted: it has syntax errors") << "\n";
      exit_code = kExitInputError;
      continue;
    }
    if (*result.text == report.source->text()) continue;
    if (o.check) {
      std::cout << path << (zh ? "：需要格式化\n" : ": would be reformatted\n");
      if (exit_code == kExitClean) exit_code = kExitFindings;
      continue;
    }
    std::string error;
    if (!write_atomically(path, *result.text, error)) {
      std::cerr << path << ": " << error << "\n";
      exit_code = kExitInputError;
      continue;
    }
    std::cout << path << (zh ? "：已格式化\n" : ": formatted\n");
  }
  return exit_code;
}

}  // namespace

Command fmt_command() {
  auto options = std::make_shared<FmtOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions&) {
    options->app = app.add_subcommand(
        "fmt", "Format policy files in place (exit 0 done, 1 with --check if a file would change, 2 a file has errors)");
    options->app->add_option("files", options->files, "Policy files (.luohu)")->required();
    options->app->add_flag("--check", options->check, "Change nothing; exit 1 if a file is not formatted");
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.run = [options](const GlobalOptions& g) { return run_fmt(*options, g); };
  return c;
}

}  // namespace luohu::cli
