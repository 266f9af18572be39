// The luohu command line: a thin layer over the engine library.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "cli/commands.hpp"
#include "util/suggest.hpp"
#include "report/reporters.hpp"

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
    // --lang may come later on the line: the help's language (the line, else the locale).
    luohu::Lang lang = global.help.lang;
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

// CLI11's own help words in Chinese: headings, the help flag, type names.
// Subcommands made after this inherit the formatter, the option group and the help flag.
class ZhFormatter : public CLI::Formatter {
 public:
  // " TEXT:{zh,en} ..." -> " 文本:{zh,en} ...": the type word (a validator may append to it).
  std::string make_option_opts(const CLI::Option* opt) const override {
    std::string s = CLI::Formatter::make_option_opts(opt);
    for (const auto& [en, zh] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {" TEXT", " 文本"}, {" UINT", " 非负整数"}, {" INT", " 整数"}}) {
      if (s.rfind(en, 0) == 0 && (s.size() == en.size() || !std::isalnum(static_cast<unsigned char>(s[en.size()])))) {
        s.replace(0, en.size(), zh);
        break;
      }
    }
    // What CLI11's validators append: a range, a sign.
    for (const auto& [en, zh] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {":UINT in [", ":范围 ["}, {":INT in [", ":范围 ["}, {":NONNEGATIVE", ":非负"}, {":POSITIVE", ":正数"}}) {
      if (auto at = s.find(en); at != std::string::npos) s.replace(at, en.size(), zh);
    }
    return s;
  }
  // CLI11 pads the names' column by bytes; a Chinese type word is 3 bytes a character but 2 columns wide.
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    std::string description = make_option_desc(opt);
    const std::size_t width = get_column_width(), used = luohu::display_width(name);
    std::string out = name;
    if (!description.empty()) {
      out += used >= width ? "\n" + std::string(width, ' ') : std::string(width - used, ' ');
      for (char c : description) out += c == '\n' ? "\n" + std::string(width, ' ') : std::string(1, c);
    }
    return out + "\n";
  }
};

void localise_help(CLI::App& app) {
  auto formatter = std::make_shared<ZhFormatter>();
  for (const auto& [key, zh] : std::initializer_list<std::pair<const char*, const char*>>{
           {"Usage", "用法"}, {"OPTIONS", "选项"}, {"SUBCOMMAND", "子命令"}, {"SUBCOMMANDS", "子命令"},
           {"Positionals", "位置参数"}, {"REQUIRED", "必需"}, {"Excludes", "不可与之同用"}, {"Needs", "须同时给出"},
           {"Env", "环境变量"}})
    formatter->label(key, zh);
  app.formatter(formatter);
  app.option_defaults()->group("选项");
  app.set_help_flag("-h,--help", "显示此帮助并退出");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace luohu::cli;
  GlobalOptions global;
  // The help is in the language chosen before parsing: --lang anywhere on the line, else the locale.
  global.help.lang = help_language(argc, argv);
  const Help& h = global.help;
  CLI::App app{h("luohu — 对照规则包所编码的国家方案，检查各城市的落户政策",
                 "luohu — checks Chinese cities' settlement (落户) policies against the national plan its rule pack encodes")};
  if (h.lang == luohu::Lang::zh) localise_help(app);
  app.set_version_flag("--version", std::string("luohu ") + LUOHU_VERSION, h("显示版本并退出", "Display program version information and exit"));
  app.require_subcommand(1);
  app.fallthrough();  // global options after the subcommand too: `luohu check --lang zh f`
  app.add_option("--registry", global.paths.registry, h("城市登记表 YAML（默认：自带的 registry/cities.yaml）", "City registry YAML (default: bundled registry/cities.yaml)"));
  app.add_option("--rules", global.paths.rules, h("规则包目录（默认：自带的 rules/）", "Rule pack directory (default: bundled rules/)"));
  app.add_option("--lang", global.lang, h("消息语言：zh 或 en（默认：按区域设置）", "Message language: zh or en (default: from the locale)"))
      ->check(CLI::IsMember({"zh", "en"}));
  bool no_cache = false;
  app.add_flag("--no-cache", no_cache,
               h("从 YAML 加载登记表和规则，不用启动快照（docs/cache.md）", "Load registry and rules from YAML, not the start-up snapshot (docs/cache.md)"));

  std::vector<Command> commands = all_commands();
  for (auto& command : commands) command.setup(app, global);
  if (h.lang == luohu::Lang::zh) {
    for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      sub->group("子命令");
      sub->get_help_ptr()->group("选项");  // made from the root's before the option defaults were copied
    }
  }
  // A first word that names no subcommand: say which one was meant (CLI11
  // would only say "A subcommand is required").
  if (int code = unknown_subcommand(app, global, argc, argv); code != 0) return code;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    bool help = e.get_exit_code() == 0;  // --help, --version: CLI11 prints them
    if (!help && global.help.lang == luohu::Lang::zh) {
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
    int code = kExitInputError;
    try {
      code = command.run(global);
    } catch (const std::exception& e) {  // e.g. a start-up snapshot damaged on disk: never a crash or a silent pass
      bool zh = global.language() == luohu::Lang::zh;
      std::cerr << (zh ? "错误：" : "error: ") << e.what()
                << (zh ? "（可加 --no-cache 重试）\n" : " (try again with --no-cache)\n");
      return kExitInputError;
    }
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
