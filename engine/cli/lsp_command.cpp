// luohu lsp: the language server on stdin/stdout, for editors.
#include <iostream>

#include "check/checker.hpp"
#include "cli/commands.hpp"
#include "lsp/server.hpp"

namespace luohu::cli {
namespace {

int run_lsp(const GlobalOptions& global) {
  // stdout carries the protocol: load errors go to stderr, which editors log.
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  Checker checker(setup->registry, setup->rules);
  // Chosen on the command line: render only that language. Else the editor's
  // initialize locale decides, so the checker keeps both.
  bool fixed = !global.lang.empty();
  if (fixed) checker.message_language = global.language();
  std::ios::sync_with_stdio(false);
  lsp::Transport transport(std::cin, std::cout);
  // The .luohu.yaml's lang (found from the working directory here, from the workspace root at
  // initialize) comes after the editor's own luohu.lang setting and before its UI locale.
  std::optional<Lang> project;
  if (global.project.lang) project = *global.project.lang == "zh" ? Lang::zh : Lang::en;
  return lsp::serve(checker, global.language(), transport, fixed, project);
}

}  // namespace

Command lsp_command() {
  auto app = std::make_shared<CLI::App*>(nullptr);
  Command c;
  c.setup = [app](CLI::App& root, GlobalOptions& global) {
    const Help& h = global.help;
    *app = root.add_subcommand("lsp", h("在标准输入输出上运行语言服务器（LSP 3.17），供编辑器使用", "Run the language server (LSP 3.17) on stdin/stdout for editors"));
  };
  c.parsed = [app] { return *app && (*app)->parsed(); };
  c.run = [](const GlobalOptions& g) { return run_lsp(g); };
  return c;
}

}  // namespace luohu::cli
