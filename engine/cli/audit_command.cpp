// luohu audit DIR...: every policy under some folders, checked in parallel,
// summarised for a public-security department, in the format asked for.
#include <nlohmann/json.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>

#include "audit/audit.hpp"
#include "audit/baseline.hpp"
#include "audit/discover.hpp"
#include "audit/summary.hpp"
#include "cli/commands.hpp"
#include "rules/documents.hpp"
#include "cli/options.hpp"
#include "report/audit_reports.hpp"
#include "util/file_io.hpp"

namespace luohu::cli {
namespace {

struct AuditOptions {
  std::vector<std::string> paths;
  std::string format = "summary";
  std::string output;
  std::string baseline;
  unsigned jobs = 0;
  std::string expect = "prefecture";
  bool no_waivers = false;
  std::string today;
  std::string as_of;   // YYYY-MM-DD or "effective"
  std::string impact;  // YYYY-MM-DD
  std::vector<std::string> over_time;  // YYYY-MM-DD each: the same files under each date's rules, counts only
  bool bom = false;     // a UTF-8 byte order mark before the CSV (always in zh unless --no-bom)
  bool no_bom = false;
  CLI::App* app = nullptr;
};

// A one-line bar redrawn in place; only on a terminal.
void draw_progress(std::size_t done, std::size_t total) {
  constexpr int width = 30;
  int filled = total ? static_cast<int>(width * done / total) : width;
  std::cerr << fmt::format("\r[{}{}] {}/{}", std::string(filled, '#'), std::string(width - filled, '.'), done, total);
  if (done == total) std::cerr << "\r" << std::string(width + 30, ' ') << "\r";
  std::cerr.flush();
}

int run_audit(const AuditOptions& given, const GlobalOptions& global) {
  Lang lang;
  auto config = load_config_or_report(global, lang);
  if (!config) return kExitInputError;
  AuditOptions o = given;
  config_default(*given.app, "--format", config->audit_format, o.format);
  config_default(*given.app, "--jobs", config->jobs, o.jobs);
  auto fail = [&](const Message& m) {
    std::cerr << (lang == Lang::zh ? "错误：" : "error: ") << m.in(lang) << "\n";
    return kExitInputError;
  };
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  auto found = audit::discover(o.paths);
  if (!found.errors.empty()) {
    for (const auto& e : found.errors) fail(e);
    return kExitInputError;
  }
  std::optional<audit::Baseline> baseline;
  if (!o.baseline.empty()) {
    Message error;
    baseline = audit::load_baseline(o.baseline, error);
    if (!baseline) return fail(error);
  }

  Checker checker(setup->registry, setup->rules);
  checker.waiver_options = {o.no_waivers, o.today};
  checker.as_of = o.impact.empty() ? o.as_of : o.impact;
  const auto expect = o.expect == "all" ? audit::Expect::all : audit::Expect::prefecture;
  // --impact: the same files under the rules of the day before are the baseline.
  std::optional<audit::Baseline> before;
  if (!o.impact.empty()) {
    Checker earlier(setup->registry, setup->rules);
    earlier.waiver_options = checker.waiver_options;
    earlier.as_of = day_before(o.impact);
    audit::BaselineCollector earlier_findings(fmt::format("luohu audit --as-of {}", earlier.as_of));
    audit::Options quiet;
    quiet.jobs = o.jobs;
    quiet.expect = expect;
    quiet.in_order = [&](audit::FileResult& file) { earlier_findings.add(file); };
    quiet.consume = [](audit::FileResult&&, std::string&&) {};
    audit::run(earlier, found.files, quiet);
    before = std::move(earlier_findings.baseline);
  }
  const audit::Baseline* against = baseline ? &*baseline : before ? &*before : nullptr;
  audit::Provenance provenance = audit::provenance(setup->registry, setup->rules, o.paths, setup->digests);
  provenance.as_of = checker.stated_as_of();
  provenance.impact = o.impact;
  provenance.documents = documents_applied(setup->rules, provenance.as_of);
  if (!setup->snapshot.empty()) provenance.snapshot = audit::SnapshotUsed{setup->snapshot, setup->snapshot_sha256()};
  if (against) provenance.baseline = against->file;

  audit::Options options;
  options.jobs = o.jobs;
  options.expect = expect;
  std::vector<audit::DatedSummary> over_time;
  if (!o.over_time.empty()) over_time = audit::audit_over_time(checker, found.files, o.over_time, options);
  if (::isatty(STDERR_FILENO)) options.progress = draw_progress;
  // Each file is compared and counted as the audit hands it on, in report order.
  std::optional<audit::Comparison> comparison;
  if (against) comparison.emplace(*against);
  audit::Summarizer counts(setup->rules, provenance.as_of);
  AuditSummaryLines lines(lang);
  options.in_order = [&](audit::FileResult& file) {
    if (comparison) comparison->mark(file);
    counts.add(file);
    lines.add(file);
  };
  const bool html = o.format == "html";
  if (html) {  // each city's pathway graph in the drill-down
    options.graph = pathway_graph_hook(lang);
    options.lay_out = lay_out_graphs;
  }
  audit::AuditResult result;
  audit::Summary summary;
  auto run = [&] {
    result = audit::run(checker, found.files, options);
    result.provenance = provenance;
    if (comparison) comparison->finish(result);
    summary = counts.finish(result);
    // The main audit's own date closes the row of dates (its counts are at hand), unless it was given.
    if (!o.over_time.empty() &&
        std::none_of(over_time.begin(), over_time.end(), [&](const audit::DatedSummary& d) { return d.as_of == provenance.as_of; }))
      over_time.push_back({provenance.as_of, provenance.documents, summary});
  };
  auto input = [&] { return AuditReportInput{result, summary, setup->rules, lang, &over_time}; };

  // JSON, CSV and the terminal summary are streamed: each file's findings are
  // written (or counted) as they are ready and not kept, so the audit of
  // 10,000 cities never holds them all. SARIF and HTML are built whole.
  std::function<bool(const ChunkWriter&)> produce;
  if (o.format == "json") {
    produce = [&](const ChunkWriter& write) {
      AuditJsonWriter json(provenance, setup->rules, lang, expect, against != nullptr);
      bool ok = json.begin(write);
      options.prepare = [&](const audit::FileResult& file) { return json.entry(file); };
      options.consume = [&](audit::FileResult&& file, std::string&& entry) { ok = ok && json.add(file, entry, write); };
      run();
      return ok && json.end(input(), write);
    };
  } else if (o.format == "csv") {
    produce = [&](const ChunkWriter& write) {
      // BOM: Excel reads UTF-8, not GBK.
      bool ok = write(o.bom || (lang == Lang::zh && !o.no_bom) ? "\xEF\xBB\xBF" : "") && write(audit_csv_header(lang));
      options.prepare = [&](const audit::FileResult& file) { return audit_csv_rows(file, setup->rules, lang); };
      options.consume = [&](audit::FileResult&&, std::string&& rows) { ok = ok && write(rows); };
      run();
      return ok && write(audit_csv_tail(input()));
    };
  } else if (o.format == "summary") {
    options.consume = [](audit::FileResult&&, std::string&&) {};
    run();
  } else {
    run();
    std::string report = o.format == "sarif" ? render_audit_sarif(input()) : render_audit_html(input());
    produce = [report = std::move(report)](const ChunkWriter& write) { return write(report); };
  }
  bool color = ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  if (o.format == "summary") {
    std::cout << render_audit_summary(input(), color, &lines);
  } else if (o.output.empty() || o.output == "-") {
    produce([](std::string_view piece) { return static_cast<bool>(std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()))); });
  } else {
    // Atomically: on a full disk the previous report survives whole.
    std::string error, error_zh;
    if (!write_atomically_streamed(o.output, produce, WriteOptions{}, error, error_zh))
      return fail({fmt::format("{}：无法写入报告：{}", o.output, error_zh),
                   fmt::format("{}: cannot write the report: {}", o.output, error)});
    // The report went to a file: the summary still goes to the terminal.
    std::cout << render_audit_summary(input(), color, &lines);
    if (lang == Lang::zh) std::cout << fmt::format("{} 报告已写入 {}\n", o.format, o.output);
    else std::cout << fmt::format("{} report written to {}\n", o.format, o.output);
  }
  return result.exit_code();
}

}  // namespace

Command audit_command() {
  auto options = std::make_shared<AuditOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions& global) {
    const Help& h = global.help;
    options->app = app.add_subcommand(
        "audit", h("并行审计各目录下的全部 *.luohu（退出码 0 无错误，1 有错误，2 有文件无法检查或输入有误）",
                   "Audit every *.luohu under folders, in parallel (exit 0 clean, 1 errors, 2 a file unchecked or bad input)"));
    options->app->add_option("paths", options->paths, h("目录（递归查找 *.luohu）或政策文件", "Folders (searched recursively for *.luohu) or policy files"))->required();
    options->app->add_option("--format", options->format, h("summary（终端汇总）、json、csv、sarif 或 html", "summary (terminal), json, csv, sarif or html"))
        ->check(CLI::IsMember({"summary", "json", "csv", "sarif", "html"}));
    auto* bom = options->app->add_flag("--bom", options->bom,
                                       h("CSV：以 UTF-8 字节序标记（BOM）开头，使中文 Windows 上的 Excel 按 UTF-8 打开（中文报告默认如此）",
                                         "CSV: begin with a UTF-8 byte order mark, so Excel on Chinese Windows reads it as UTF-8 (a zh report always does)"));
    options->app->add_flag("--no-bom", options->no_bom, h("CSV：中文报告也不加字节序标记", "CSV: no byte order mark, even in a zh report"))
        ->excludes(bom);
    options->app->add_option("--output,-o", options->output, h("把报告写入 FILE（默认：标准输出）", "Write the report to FILE (default: standard output)"));
    options->app->add_option("--baseline", options->baseline, h("先前一次审计的 JSON：把问题标为新增、已纠正或未变", "An earlier audit's JSON: mark findings new, fixed or unchanged"));
    options->app->add_option("--expect", options->expect,
                             h("应有政策文件的登记表城市：prefecture（地级及以上）或 all（全部）",
                               "Registry cities expected to have a policy: prefecture (prefecture level and above) or all"))
        ->check(CLI::IsMember({"prefecture", "all"}));
    options->app->add_option("--jobs,-j", options->jobs, h("并行检查数（默认：全部核心）", "Parallel checks (default: every core)"))->check(CLI::Range(1u, 1024u));
    options->app->add_flag("--no-waivers", options->no_waivers, h("忽略豁免：每个问题都计入（docs/waivers.md）", "Ignore waivers: every finding counts (docs/waivers.md)"));
    options->app->add_option("--today", options->today, h("判断豁免是否到期所用的日期，YYYY-MM-DD（默认：今天）", "Date waivers expire against, YYYY-MM-DD (default: today)"))
        ->check(CLI::Validator([](std::string& s) { return valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD"; }, "YYYY-MM-DD"));
    options->app->add_option("--as-of", options->as_of,
                             h("适用 DATE（YYYY-MM-DD）施行的规则，或各政策自身施行日期施行的规则（effective）；默认：今天",
                               "Apply the rules in force on DATE (YYYY-MM-DD), or on each policy's own 施行日期 (effective); "
                               "default: today"))
        ->check(CLI::Validator([](std::string& s) { return s == "effective" || valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD or effective"; },
                               "DATE|effective"));
    options->app->add_option("--impact", options->impact,
                             h("DATE 起施行的规则带来的变化：与前一日相比，每个问题标为新增或已纠正",
                               "What the rules taking effect on DATE change: each finding new or fixed against the day before"))
        ->check(CLI::Validator([](std::string& s) { return valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD"; }, "YYYY-MM-DD"))
        ->excludes("--baseline");
    options->app->add_option("--over-time", options->over_time,
                             h("同一批文件再按各 DATE（以逗号分隔的 YYYY-MM-DD）施行的规则审计：报告按城市规模和规则逐日并列合规情况",
                               "Also audit the same files under the rules of each DATE (comma-separated YYYY-MM-DD): the reports "
                               "set compliance by tier and by rule side by side, date by date"))
        ->delimiter(',')
        ->check(CLI::Validator([](std::string& s) { return valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD"; }, "YYYY-MM-DD"));
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.paths = [options] { return options->paths; };
  c.run = [options](const GlobalOptions& g) { return run_audit(*options, g); };
  return c;
}

}  // namespace luohu::cli
