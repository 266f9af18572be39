// luohu graph FILE --format dot|svg [--output F]: the pathway graph.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "report/dot.hpp"
#include "explain/explain.hpp"
#include "compose/check.hpp"
#include "compose/imports.hpp"
#include "graph/pathways.hpp"
#include "report/reporters.hpp"
#include "util/file_io.hpp"
#include "util/utf8.hpp"

namespace luohu::cli {
namespace {

struct GraphOptions {
  std::string file;
  std::string format = "dot";
  std::string output;
  CLI::App* app = nullptr;
};

int run_graph(const GraphOptions& o, const GlobalOptions& global) {
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  Lang lang = global.language();
  bool zh = lang == Lang::zh;
  Checker checker(setup->registry, setup->rules);
  // The policy merged with what it imports, as luohu check sees it.
  auto checked = compose::check(checker, plan_imports({o.file}, checker.limits()), 0);
  if (checked.report.input_error() || !checked.policy) {
    std::cerr << render_human(checked.report, {lang, false});
    return kExitInputError;
  }
  analyse_pathways(*checked.policy);
  std::string text = pathway_dot(*checked.policy, checked.report.diagnostics, lang);
  if (o.format == "svg") {
    std::string error;
    auto svg = dot_to_svg(text, error);
    if (!svg) {
      std::cerr << (zh ? fmt::format("无法生成 SVG：{}；请安装 graphviz（apt-get install graphviz），或改用 --format dot\n", error)
                       : fmt::format("cannot make SVG: {}; install graphviz (apt-get install graphviz) or use --format dot\n", error));
      return kExitInputError;
    }
    text = *svg;
  }
  if (o.output.empty()) {
    std::cout << text;
    return kExitClean;
  }
  std::string error, error_zh;
  if (!write_atomically(o.output, text, WriteOptions{}, error, error_zh)) {
    std::cerr << (zh ? fmt::format("无法写入 {}：{}\n", o.output, error_zh) : fmt::format("cannot write {}: {}\n", o.output, error));
    return kExitInputError;
  }
  return kExitClean;
}

}  // namespace

// explain --finding (registered by rules_command.cpp's explain subcommand).
int run_explain_finding(const std::string& finding, const GlobalOptions& global) {
  Lang lang = global.language();
  bool zh = lang == Lang::zh;
  auto query = parse_finding_query(finding);
  if (!query) {
    std::cerr << (zh ? fmt::format("--finding 应形如 文件:行号[:列号][:规则编号]（行号为 1 至 4294967295），而非“{}”\n", terminal_text(finding))
                     : fmt::format("--finding takes FILE:LINE[:COL][:RULE] (LINE from 1 to 4294967295), not '{}'\n", terminal_text(finding)));
    return kExitInputError;
  }
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  Checker checker(setup->registry, setup->rules);
  std::string error;
  auto text = explain_finding(checker, *query, lang, error);
  if (!text) {
    std::cerr << error << "\n";
    return kExitInputError;
  }
  std::cout << terminal_text(*text, true);  // it quotes the policy's names and clauses
  return kExitClean;
}

Command graph_command() {
  auto options = std::make_shared<GraphOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions& global) {
    const Help& h = global.help;
    options->app = app.add_subcommand("graph", h("绘制一个政策的落户路径图（Graphviz DOT 或 SVG）", "Draw a policy's settlement pathway graph (Graphviz DOT or SVG)"));
    options->app->add_option("file", options->file, h("一个 .luohu 政策文件", "A .luohu policy"))->required();
    options->app->add_option("--format", options->format, h("dot 或 svg（svg 需要 Graphviz 的 dot）", "dot or svg (svg needs Graphviz's dot)"))
        ->check(CLI::IsMember({"dot", "svg"}));
    options->app->add_option("--output,-o", options->output, h("写入此文件而非标准输出", "Write to this file instead of standard output"));
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.paths = [options] { return std::vector<std::string>{options->file}; };
  c.run = [options](const GlobalOptions& g) { return run_graph(*options, g); };
  return c;
}

}  // namespace luohu::cli
