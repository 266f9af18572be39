// luohu fmt FILE...: rewrites policies in the canonical layout (atomically,
// keeping permissions); --check only reports which files would change.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "format/formatter.hpp"
#include "report/reporters.hpp"
#include "syntax/parser.hpp"
#include "util/file_io.hpp"

namespace luohu::cli {
namespace {

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
  CLI::App* app = nullptr;
};

int run_fmt(const FmtOptions& o, const GlobalOptions& global) {
  Lang lang = global.language();
  bool zh = lang == Lang::zh;
  int exit_code = kExitClean;
  const syntax::Limits limits;
  for (const auto& path : o.files) {
    // Devices, pipes and oversized files are refused before reading.
    auto read = read_regular_file(path, limits.max_file_bytes);
    if (!read.ok()) {
      std::cerr << path << ": " << (zh ? read.reason_zh() : read.reason_en()) << "\n";
      exit_code = kExitInputError;
      continue;
    }
    FileReport report;
    report.source = std::make_shared<SourceFile>(path, std::move(*read.text));
    auto result = format::format_source(*report.source);
    if (!result.text) {  // left untouched
      report.diagnostics = std::move(result.diagnostics);
      std::cerr << render_gcc(report, {lang, false});
      bool syntax = std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                                [](const Diagnostic& d) { return !d.code.starts_with("fmt-"); });
      if (syntax) std::cerr << path << ": " << (zh ? "有语法错误，未格式化" : "not formatted: it has syntax errors") << "\n";
      exit_code = kExitInputError;
      continue;
    }
    if (*result.text == report.source->text()) continue;

    if (o.check) {
      std::cout << path << (zh ? "：需要格式化\n" : ": would be reformatted\n");
      if (exit_code == kExitClean) exit_code = kExitFindings;
      continue;
    }
    // Through a symbolic link to its target; keeps mode, owner and hard links
    // or refuses (util/file_io.hpp).
    std::string error, error_zh;
    WriteOptions write;
    write.in_place_edit = true;
    if (!write_atomically(path, *result.text, write, error, error_zh)) {
      std::cerr << path << ": " << (zh ? error_zh : error) << "\n";
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
  c.setup = [options](CLI::App& app, GlobalOptions& global) {
    const Help& h = global.help;
    options->app = app.add_subcommand(
        "fmt", h("就地格式化政策文件（退出码 0 完成，1 与 --check 同用且有文件会改变，2 有文件出错）", "Format policy files in place (exit 0 done, 1 with --check if a file would change, 2 a file has errors)"));
    options->app->add_option("files", options->files, h("政策文件（.luohu）", "Policy files (.luohu)"))->required();
    options->app->add_flag("--check", options->check, h("不做改动；有文件未格式化则退出码为 1", "Change nothing; exit 1 if a file is not formatted"));
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.paths = [options] { return options->files; };
  c.run = [options](const GlobalOptions& g) { return run_fmt(*options, g); };
  return c;
}

}  // namespace luohu::cli
