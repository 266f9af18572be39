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
#include "compose/fixes.hpp"
#include "report/ci_formats.hpp"
#include "report/reporters.hpp"
#include "report/sarif.hpp"
#include "rules/documents.hpp"
#include "syntax/parser.hpp"
#include "util/file_io.hpp"

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
  bool fix = false;           // apply safe fixes (compose/fixes.hpp)
  bool unsafe_fixes = false;  // and unsafe ones; implies --fix
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
  const bool fixing = o.fix || o.unsafe_fixes;
  std::size_t fixed = 0, hidden_fixes = 0;  // findings fixed; fixes --unsafe-fixes would apply
  // With --fix, standard input's fixed text goes to standard output (as ruff does), and the report to stderr.
  const bool fixed_to_stdout = fixing && std::find(o.files.begin(), o.files.end(), "-") != o.files.end();
  std::ostream& out = fixed_to_stdout ? std::cerr : std::cout;
  // Fixes the checked text; the report is then the fixed text's, with the fixes left to apply attached.
  auto fix = [&](FileReport& report, const std::string& name, std::string text) {
    auto outcome = compose::fix_text(checker, name, std::move(text), o.unsafe_fixes);
    report = std::move(outcome.report);
    fixed += outcome.fixed;
    if (!report.input_error()) {
      auto parsed = syntax::parse(*report.source, checker.limits());
      compose::attach_fixes(checker, report, parsed.file);
      for (const auto& d : report.diagnostics) {
        hidden_fixes += std::count_if(d.fixes.begin(), d.fixes.end(),
                                      [](const Fix& f) { return f.preferred && f.safety == FixSafety::unsafe; });
      }
    }
    return outcome;
  };
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
      } else if (fixing) {
        std::cout << fix(report, name, std::move(text)).text;
      } else {
        report = compose::check_text(checker, name, std::move(text));
      }
    } else if (fixing) {
      auto read = read_regular_file(path, checker.limits().max_file_bytes);
      if (!read.ok()) {
        report = compose::check_file(checker, path);  // an unreadable file: its input error
      } else {
        std::string original = *read.text;
        auto outcome = fix(report, path, std::move(*read.text));
        std::string error, error_zh;
        WriteOptions write;
        write.in_place_edit = true;  // keeps mode, owner and hard links, or refuses (util/file_io.hpp)
        if (outcome.text != original && !write_atomically(path, outcome.text, write, error, error_zh)) {
          report.diagnostics.push_back(input_error("io-error", {0, 0}, {fmt::format("无法写回修复：{}", error_zh),
                                                                      fmt::format("cannot write the fixes back: {}", error)}));
        }
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
      out << render_github(report, render);
    } else if (o.format == "human") {
      out << render_human(report, render);
    } else if (o.format == "gcc") {
      out << render_gcc(report, render);
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
    nlohmann::json doc = {
        {"tool", {{"name", "luohu"}, {"version", LUOHU_VERSION}}},
        {"rule_pack", {{"name", setup->rules.name}, {"version", setup->rules.version}, {"seed", setup->rules.seed}}},
        {"as_of", as_of},
        {"documents", documents},
        {"files", files},
        {"findings", findings},
        {"summary", {{"files", o.files.size()}, {"unchecked", unchecked}, {"errors", errors}, {"warnings", warnings}, {"notes", notes}, {"waived", waived}, {"exit_code", exit_code}}},
    };
    if (fixing) doc["summary"]["fixed"] = fixed;  // only with --fix: the output without it is unchanged
    out << dump_valid(std::move(doc), 2) << "\n";
  } else if (o.format == "sarif") {
    nlohmann::json sarif = render_sarif(reports, setup->rules, lang);
    sarif["runs"][0]["properties"]["as_of"] = as_of;
    sarif["runs"][0]["properties"]["documents"] = documents;
    out << dump_valid(std::move(sarif), 2) << "\n";
  } else if (o.format == "gitlab") {
    out << dump_valid(render_gitlab(reports, lang), 2) << "\n";
  } else if (o.format == "junit") {
    out << render_junit(reports, lang);
  } else if (o.format == "human" && !o.quiet) {
    std::string date = as_of == "effective" ? (lang == Lang::zh ? "各政策施行日期" : "each policy's effective date") : as_of;
    std::string list;
    for (const auto& d : documents) list += (list.empty() ? "" : lang == Lang::zh ? "、" : ", ") + d;
    out << (lang == Lang::zh ? fmt::format("适用 {} 施行的规则（{}）\n", date, list)
                                   : fmt::format("rules in force on {} ({})\n", date, list));
    if (lang == Lang::zh)
      out << fmt::format("检查了 {} 个文件：{} 个错误，{} 个警告，{} 个提示{}{}\n", o.files.size(), errors, warnings, notes,
                               waived ? fmt::format("；另有 {} 个已豁免", waived) : "",
                               unchecked ? fmt::format("；{} 个文件无法检查", unchecked) : "");
    else
      out << fmt::format("checked {} file{}: {} error{}, {} warning{}, {} note{}{}{}\n", o.files.size(),
                               o.files.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                               warnings == 1 ? "" : "s", notes, notes == 1 ? "" : "s",
                               waived ? fmt::format("; {} waived", waived) : "",
                               unchecked ? fmt::format("; {} file{} could not be checked", unchecked, unchecked == 1 ? "" : "s") : "");
    if (fixing) {
      out << (lang == Lang::zh
                  ? fmt::format("已修复 {} 个问题{}\n", fixed,
                                hidden_fixes ? fmt::format("；另有 {} 个可用 --unsafe-fixes 修复", hidden_fixes) : "")
                  : fmt::format("fixed {} finding{}{}\n", fixed, fixed == 1 ? "" : "s",
                                hidden_fixes ? fmt::format("; {} more with --unsafe-fixes", hidden_fixes) : ""));
    }
  }
  return exit_code;
}

}  // namespace

Command check_command() {
  auto options = std::make_shared<CheckOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions& global) {
    const Help& h = global.help;
    options->app = app.add_subcommand("check", h("按规则包检查政策文件（退出码 0 无错误，1 有错误，2 有文件无法检查）",
                                                         "Check policy files against the rule pack (exit 0 clean, 1 errors, 2 unchecked)"));
    options->app->add_option("files", options->files, h("政策文件（.luohu）；- 表示读标准输入", "Policy files (.luohu); - reads standard input"))->required();
    options->app->add_option("--format", options->format, h("human、gcc、json、sarif、github（工作流注释）、gitlab（Code Quality）或 junit",
                                                               "human, gcc, json, sarif, github (workflow annotations), gitlab (Code Quality) or junit"))
        ->capture_default_str()
        ->check(CLI::IsMember({"human", "gcc", "json", "sarif", "github", "gitlab", "junit"}));
    options->app->add_option("--stdin-filename", options->stdin_filename, h("报告标准输入（-）时所用的文件名", "The name to report standard input (`-`) under"));
    options->app->add_flag("-q,--quiet", options->quiet, h("只输出错误级别的问题，不输出汇总行", "Print findings of error severity only, and no summary line"));
    options->app->add_option("--fail-on", options->fail_on, h("使退出码为 1 的最低级别：error（错误）或 warning（警告）", "Lowest severity that makes the exit code 1: error or warning"))
        ->capture_default_str()
        ->check(CLI::IsMember({"error", "warning"}));
    options->app->add_option("--max-warnings", options->max_warnings, h("警告多于 N 个时退出码为 1", "Exit 1 when there are more than N warnings"))
        ->check(CLI::NonNegativeNumber);
    options->app->add_option("--color", options->color, h("颜色：auto（自动）、always（总是）或 never（从不）", "auto, always or never"))->check(CLI::IsMember({"auto", "always", "never"}));
    options->app->add_flag("--fix", options->fix,
                           h("对有安全修复的问题逐一修复并改写文件（docs/fixes.md）；与 - 同用时输出修复后的文本",
                             "Apply the safe fix of each finding that has one and rewrite the file (docs/fixes.md); "
                             "with -, print the fixed text"));
    options->app->add_flag("--unsafe-fixes", options->unsafe_fixes,
                           h("也应用不安全的修复（删除条件或整个块）；隐含 --fix", "Also apply unsafe fixes (removing a condition or a block); implies --fix"));
    options->app->add_flag("--no-waivers", options->no_waivers, h("忽略豁免：每个问题都计入（docs/waivers.md）", "Ignore waivers: every finding counts (docs/waivers.md)"));
    options->app->add_option("--today", options->today, h("判断豁免是否到期所用的日期，YYYY-MM-DD（默认：今天）", "Date waivers expire against, YYYY-MM-DD (default: today)"))
        ->check(CLI::Validator([](std::string& s) { return valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD"; }, "YYYY-MM-DD"));
    options->app->add_option("--as-of", options->as_of,
                             h("适用 DATE（YYYY-MM-DD）施行的规则，或各政策自身施行日期施行的规则（effective）；默认：今天",
                               "Apply the rules in force on DATE (YYYY-MM-DD), or on each policy's own 施行日期 (effective); "
                               "default: today"))
        ->check(CLI::Validator([](std::string& s) { return s == "effective" || valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD or effective"; },
                               "DATE|effective"));
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.run = [options](const GlobalOptions& g) { return run_check(*options, g); };
  c.paths = [options] {
    // Standard input is found from the name it is reported under.
    if (!options->files.empty() && options->files.front() == "-" && !options->stdin_filename.empty())
      return std::vector<std::string>{options->stdin_filename};
    return options->files;
  };
  return c;
}

}  // namespace luohu::cli
