// The luohu command line: a thin layer over the engine library.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace luohu::cli;
  CLI::App app{"luohu — checks Chinese cities' settlement (落户) policies against the national plan its rule pack encodes"};
  app.set_version_flag("--version", std::string("luohu ") + LUOHU_VERSION);
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_option("--registry", global.paths.registry, "City registry YAML (default: bundled registry/cities.yaml)");
  app.add_option("--rules", global.paths.rules, "Rule pack directory (default: bundled rules/)");
  app.add_option("--lang", global.lang, "Message language: zh or en (default: from the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
  bool no_cache = false;
  app.add_flag("--no-cache", no_cache, "Load registry and rules from YAML, not the start-up snapshot (docs/cache.md)");

  std::vector<Command> commands = all_commands();
  for (auto& command : commands) command.setup(app, global);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return e.get_exit_code() == 0 ? 0 : (code == 0 ? 0 : 2);
  }
  if (no_cache) ::setenv("LUOHU_NO_CACHE", "1", 1);  // what load_setup reads, for every command
  for (auto& command : commands) {
    if (!command.parsed()) continue;
    int code = command.run(global);
    // A report cut short (a full disk, a closed pipe) is never a success or a
    // verdict: say so and exit 2.
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
      bool zh = global.language() == luohu::Lang::zh;
      std::cerr << (zh ? "错误：无法写入标准输出（磁盘已满或管道已关闭？），输出不完整\n"
                       : "error: cannot write to standard output (disk full or pipe closed?); the output is incomplete\n");
      return kExitInputError;
    }
    return code;
  }
  return 2;
}
