// The luohu command line: a thin layer over the engine library.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "cli/commands.hpp"
#include "util/suggest.hpp"

namespace {

int unknown_subcommand(const CLI::App& app, const luohu::cli::GlobalOptions& global, int argc, char** argv) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a.empty() || a[0] == '-') {
      // Options of the root that take a value: skip the value too.
      if ((a == "--lang" || a == "--registry" || a == "--rules") && i + 1 < argc) ++i;
      continue;
    }
    if (std::find(names.begin(), names.end(), a) != names.end()) return 0;
    // --lang may come later on the line: look for it, else the locale.
    luohu::Lang lang = global.language();
    for (int j = 1; j + 1 < argc; ++j)
      if (std::string_view(argv[j]) == "--lang") lang = std::string_view(argv[j + 1]) == "zh" ? luohu::Lang::zh : luohu::Lang::en;
    auto near = luohu::closest_match(a, names);
    bool zh = lang == luohu::Lang::zh;
    std::cerr << (zh ? fmt::format("错误：未知的子命令“{}”", a) : fmt::format("error: unknown subcommand '{}'", a));
    if (near) std::cerr << (zh ? fmt::format("；是否应为“{}”？", *near) : fmt::format("; did you mean '{}'?", *near));
    std::cerr << "\n" << (zh ? "子命令：" : "subcommands: ");
    for (std::size_t k = 0; k < names.size(); ++k) std::cerr << (k ? ", " : "") << names[k];
    std::cerr << "\n";
    return luohu::cli::kExitInputError;
  }
  return 0;
}

// The language for an error CLI11 raises before luohu's own options are read:
// --lang anywhere on the line, else the locale.
luohu::Lang early_language(const luohu::cli::GlobalOptions& global, int argc, char** argv) {
  luohu::Lang lang = global.language();
  for (int j = 1; j + 1 < argc; ++j)
    if (std::string_view(argv[j]) == "--lang") lang = std::string_view(argv[j + 1]) == "zh" ? luohu::Lang::zh : luohu::Lang::en;
  return lang;
}

// CLI11's own errors in Chinese: what kind of mistake, then CLI11's detail
// (it names the option or value), then where to look.
std::string parse_error_zh(const CLI::ParseError& e) {
  static const std::pair<const char*, const char*> kinds[] = {
      {"RequiredError", "缺少必需的参数或选项"},      {"ExtrasError", "有多余的参数，luohu 不认识"},
      {"ValidationError", "参数值不在允许的范围内"},  {"ConversionError", "参数值的类型不对"},
      {"ArgumentMismatch", "选项所带的参数个数不对"}, {"ExcludesError", "这两个选项不能同时使用"},
      {"RequiresError", "此选项需要同时给出另一个选项"}, {"OptionNotFound", "没有这个选项"},
      {"InvalidError", "参数无效"},                  {"FileError", "无法读取文件"},
  };
  std::string kind = "命令行参数有误";
  for (const auto& [name, zh] : kinds) {
    if (e.get_name() == name) kind = zh;
  }
  return fmt::format("错误：{}（{}）\n运行 luohu --help 或 luohu 子命令 --help 查看用法\n", kind, e.what());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace luohu::cli;
  CLI::App app{"luohu — checks Chinese cities' settlement (落户) policies against the national plan its rule pack encodes"};
  app.set_version_flag("--version", std::string("luohu ") + LUOHU_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options after the subcommand too: `luohu check --lang zh f`
  GlobalOptions global;
  app.add_option("--registry", global.paths.registry, "City registry YAML (default: bundled registry/cities.yaml)");
  app.add_option("--rules", global.paths.rules, "Rule pack directory (default: bundled rules/)");
  app.add_option("--lang", global.lang, "Message language: zh or en (default: from the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
  bool no_cache = false;
  app.add_flag("--no-cache", no_cache, "Load registry and rules from YAML, not the start-up snapshot (docs/cache.md)");

  std::vector<Command> commands = all_commands();
  for (auto& command : commands) command.setup(app, global);
  // A first word that names no subcommand: say which one was meant (CLI11
  // would only say "A subcommand is required").
  if (int code = unknown_subcommand(app, global, argc, argv); code != 0) return code;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    bool help = e.get_exit_code() == 0;  // --help, --version: CLI11 prints them
    if (!help && early_language(global, argc, argv) == luohu::Lang::zh) {
      std::cerr << parse_error_zh(e);
      return kExitInputError;
    }
    int code = app.exit(e);
    return e.get_exit_code() == 0 ? 0 : (code == 0 ? 0 : 2);
  }
  if (no_cache) ::setenv("LUOHU_NO_CACHE", "1", 1);  // what load_setup reads, for every command
  for (auto& command : commands) {
    if (!command.parsed()) continue;
    // The project's .luohu.yaml: the nearest above the first file or folder the command reads (ruff, clang-tidy).
    std::vector<luohu::LoadError> errors;
    auto project = luohu::load_project_config(command.paths ? command.paths() : std::vector<std::string>{}, errors);
    if (!project) {
      for (const auto& e : errors) std::cerr << e.format(global.language()) << "\n";
      return kExitInputError;
    }
    global.project = std::move(*project);
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
