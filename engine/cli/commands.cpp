#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <sys/stat.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <vector>
#include <string_view>

namespace luohu::cli {

Command check_command();
Command rules_command();
Command explain_command();
Command audit_command();
Command lsp_command();
Command fmt_command();
Command graph_command();
Command corpus_command();
Command city_command();
Command completion_command();

std::vector<Command> all_commands() {
  return {check_command(), rules_command(), explain_command(), audit_command(), lsp_command(),
          fmt_command(),   graph_command(), corpus_command(),  city_command(), completion_command()};
}

Lang help_language(int argc, const char* const* argv) {
  std::optional<Lang> chosen;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;  // what follows is operands
    std::string_view value;
    if (a == "--lang" && i + 1 < argc) value = argv[++i];
    else if (a.rfind("--lang=", 0) == 0) value = a.substr(7);
    else continue;
    if (value == "zh") chosen = Lang::zh;
    else if (value == "en") chosen = Lang::en;
  }
  return chosen.value_or(language_from_environment());
}

Setup* load_or_report(const GlobalOptions& global) {
  DataPaths defaults = default_data_paths();
  DataPaths paths = global.paths;
  if (paths.registry.empty()) paths.registry = defaults.registry;
  if (paths.rules.empty()) paths.rules = defaults.rules;
  std::vector<LoadError> errors;
  auto setup = load_setup(paths, errors);
  if (!setup) {
    for (const auto& e : errors) std::cerr << e.format(global.language()) << "\n";
    bool zh = global.language() == Lang::zh;
    std::cerr << (zh ? "无法加载城市登记表或规则包，未进行检查。\n"
                     : "could not load the city registry or the rule pack; nothing was checked.\n");
    if (global.paths.registry.empty() || global.paths.rules.empty()) {
      std::string roots;
      for (const auto& r : data_roots()) roots += "\n  " + r;
      std::cerr << (zh ? "数据目录依次查找（可设 LUOHU_DATA 或用 --registry、--rules 指定）："
                       : "data looked for in (set LUOHU_DATA, or pass --registry and --rules):")
                << roots << "\n";
    }
    return nullptr;
  }
  static auto* kept = new std::vector<std::unique_ptr<Setup>>();  // never destroyed
  kept->push_back(std::make_unique<Setup>(std::move(*setup)));
  return kept->back().get();
}

// Writes beside the file, then renames over it: a reader never sees half a file.
bool write_atomically(const std::string& path, const std::string& text, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    error = "cannot stat the file";
    return false;
  }
  std::string temp = path + ".luohu-fmt-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    error = "cannot create a temporary file beside it";
    return false;
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ok && ::fchmod(fd, st.st_mode & 07777) == 0;
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    error = "cannot write the file";
    return false;
  }
  return true;
}

}  // namespace luohu::cli
