// luohu check FILE...: diagnostics for reviewers.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "check/checker.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "compose/check.hpp"
#include "report/ci_formats.hpp"
#include "report/reporters.hpp"
#include "report/sarif.hpp"
#include "rules/documents.hpp"

namespace luohu::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "human";
  std::string color = "auto";
  bool no_waivers = false;
  std::string today;  // for tests: the date waivers expire against
  bool quiet = false;
  std::string stdin_filename;  // the name `-` is checked and reported under
  std::string fail_on = "error";
  int max_warnings = -1;  // -1: no limit
  std::string as_of;  // YYYY-MM-DD or "effective"; empty: today
  CLI::App* app = nullptr;
};

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
}

int run_check(const CheckOptions& given, const GlobalOptions& global) {
  Lang lang;
  auto config = load_config_or_report(global, lang);
  if (!config) return kExitInputError;
  CheckOptions o = given;
  config_default(*given.app, "--format", config->check_format, o.format);
  config_default(*given.app, "--color", config->color, o.color);
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  Checker checker(setup->registry, setup->rules);
  checker.waiver_options = {o.no_waivers, o.today};
  checker.as_of = o.as_of;
  // Every report states the date whose rules it applied, and their documents.
  const std::string as_of = checker.stated_as_of();
  const std::vector<std::string> documents = documents_applied(setup->rules, as_of);
  RenderOptions render{lang, use_color(o.color)};
  std::size_t errors = 0, warnings = 0, notes = 0, unchecked = 0, waived = 0;
  nlohmann::json findings = nlohmann::json::array();
  nlohmann::json files = nlohmann::json::array();
  std::vector<FileReport> reports;  // for SARIF, rendered as one run
  for (const auto& path : o.files) {
    std::error_code ec;
    FileReport report;
    if (std::filesystem::is_directory(path, ec)) {
      report.source = std::make_shared<SourceFile>(path, "");
      report.diagnostics.push_back(input_error("io-error", {0, 0},
                                               {"这是目录而非文件；批量检查请用 luohu audit",
                                                "this is a directory, not a file; use luohu audit for a batch"}));
    } else if (path == "-") {
      // Standard input, for editors and pre-commit pipes: named as --stdin-filename says.
      std::string name = o.stdin_filename.empty() ? "-" : o.stdin_filename;
      std::size_t limit = checker.limits().max_file_bytes;
      std::string text(limit + 1, '\0');
      std::cin.read(text.data(), static_cast<std::streamsize>(text.size()));
      text.resize(static_cast<std::size_t>(std::cin.gcount()));
      if (text.size() > limit) {  // the same limit as a file's
        report.source = std::make_shared<SourceFile>(name, "");
        report.diagnostics.push_back(input_error("file-too-large", {0, 0},
                                                 {fmt::format("标准输入超过 {} 字节的上限", limit),
                                                  fmt::format("standard input is over the {}-byte limit", limit)}));
      } else {
        report = compose::check_text(checker, name, std::move(text));
      }
    } else {
      report = compose::check_file(checker, path);
    }
    bool failed = report.input_error();
    if (failed) ++unchecked;
    errors += report.count(Severity::error);
    warnings += report.count(Severity::warning);
    notes += report.count(Severity::note);
    waived += report.waived();
    if (o.quiet) {  // errors only (ESLint's --quiet); the counts above still gate the exit code
      std::erase_if(report.diagnostics, [](const Diagnostic& d) { return d.severity != Severity::error; });
    }
    if (o.format == "github") {
      std::cout << render_github(report, render);
    } else if (o.format == "human") {
      std::cout << render_human(report, render);
    } else if (o.format == "gcc") {
      std::cout << render_gcc(report, render);
    } else if (o.format == "sarif" || o.format == "gitlab" || o.format == "junit") {
      reports.push_back(std::move(report));
    } else {
      nlohmann::json file = {{"file", path}, {"checked", !failed}};
      if (report.city) file["city"] = {{"code", report.city->code}, {"name", lang == Lang::zh ? report.city->name_zh : report.city->name_en},
                                       {"tier", report.city->tier ? nlohmann::json(*report.city->tier) : nlohmann::json(nullptr)},
                                       {"level", report.city->level}};
      file["provenance"] = provenance_json(report.provenance.get());
      files.push_back(file);
      for (const auto& d : report.diagnostics) findings.push_back(diagnostic_json(report, d, lang));
    }
  }
  // The gate: errors always fail; --fail-on warning also warnings, --max-warnings N more than N of them.
  bool gate = errors || (o.fail_on == "warning" && warnings) ||
              (o.max_warnings >= 0 && warnings > static_cast<std::size_t>(o.max_warnings));
  int exit_code = unchecked ? kExitInputError : gate ? kExitFindings : kExitClean;
  if (o.format == "json") {
    nlohmann::json out = {
        {"tool", {{"name", "luohu"}, {"version", LUOHU_VERSION}}},
        {"rule_pack", {{"name", setup->rules.name}, {"version", setup->rules.version}, {"seed", setup->rules.seed}}},
        {"as_of", as_of},
        {"documents", documents},
        {"files", files},
        {"findings", findings},
        {"summary", {{"files", o.files.size()}, {"unchecked", unchecked}, {"errors", errors}, {"warnings", warnings}, {"notes", notes}, {"waived", waived}, {"exit_code", exit_code}}},
    };
    std::cout << dump_valid(std::move(out), 2) << "\n";
  } else if (o.format == "sarif") {
    nlohmann::json sarif = render_sarif(reports, setup->rules, lang);
    sarif["runs"][0]["properties"]["as_of"] = as_of;
    sarif["runs"][0]["properties"]["documents"] = documents;
    std::cout << dump_valid(std::move(sarif), 2) << "\n";
  } else if (o.format == "gitlab") {
    std::cout << dump_valid(render_gitlab(reports, lang), 2) << "\n";
  } else if (o.format == "junit") {
    std::cout << render_junit(reports, lang);
  } else if (o.format == "human" && !o.quiet) {
    std::string date = as_of == "effective" ? (lang == Lang::zh ? "各政策施行日期" : "each policy's effective date") : as_of;
    std::string list;
    for (const auto& d : documents) list += (list.empty() ? "" : lang == Lang::zh ? "、" : ", ") + d;
    std::cout << (lang == Lang::zh ? fmt::format("适用 {} 施行的规则（{}）\n", date, list)
                                   : fmt::format("rules in force on {} ({})\n", date, list));
    if (lang == Lang::zh)
      std::cout << fmt::format("检查了 {} 个文件：{} 个错误，{} 个警告，{} 个提示{}{}\n", o.files.size(), errors, warnings, notes,
                               waived ? fmt::format("；另有 {} 个已豁免", waived) : "",
                               unchecked ? fmt::format("；{} 个文件无法检查", unchecked) : "");
    else
      std::cout << fmt::format("checked {} file{}: {} error{}, {} warning{}, {} note{}{}{}\n", o.files.size(),
                               o.files.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                               warnings == 1 ? "" : "s", notes, notes == 1 ? "" : "s",
                               waived ? fmt::format("; {} waived", waived) : "",
                               unchecked ? fmt::format("; {} file{} could not be checked", unchecked, unchecked == 1 ? "" : "s") : "");
  }
  return exit_code;
}

}  // namespace

Command check_command() {
  auto options = std::make_shared<CheckOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions&) {
    options->app = app.add_subcommand("check", "Check policy files against the rule pack (exit 0 clean, 1 errors, 2 unchecked)");
    options->app->add_option("files", options->files, "Policy files (.luohu); - reads standard input")->required();
    options->app->add_option("--format", options->format, "human, gcc, json, sarif, github (workflow annotations), gitlab (Code Quality) or junit")
        ->capture_default_str()
        ->check(CLI::IsMember({"human", "gcc", "json", "sarif", "github", "gitlab", "junit"}));
    options->app->add_option("--stdin-filename", options->stdin_filename, "The name to report standard input (`-`) under");
    options->app->add_flag("-q,--quiet", options->quiet, "Print findings of error severity only, and no summary line");
    options->app->add_option("--fail-on", options->fail_on, "Lowest severity that makes the exit code 1: error or warning")
        ->capture_default_str()
        ->check(CLI::IsMember({"error", "warning"}));
    options->app->add_option("--max-warnings", options->max_warnings, "Exit 1 when there are more than N warnings")
        ->check(CLI::NonNegativeNumber);
    options->app->add_option("--color", options->color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
    options->app->add_flag("--no-waivers", options->no_waivers, "Ignore waivers: every finding counts (docs/waivers.md)");
    options->app->add_option("--today", options->today, "Date waivers expire against, YYYY-MM-DD (default: today)")
        ->check(CLI::Validator([](std::string& s) { return valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD"; }, "YYYY-MM-DD"));
    options->app->add_option("--as-of", options->as_of,
                             "Apply the rules in force on DATE (YYYY-MM-DD), or on each policy's own 施行日期 (effective); "
                             "default: today")
        ->check(CLI::Validator([](std::string& s) { return s == "effective" || valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD or effective"; },
                               "DATE|effective"));
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.run = [options](const GlobalOptions& g) { return run_check(*options, g); };
  return c;
}

}  // namespace luohu::cli
