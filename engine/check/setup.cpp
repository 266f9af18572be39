#include "check/setup.hpp"

#include <cstdlib>
#include <filesystem>

namespace luohu {

namespace fs = std::filesystem;

DataPaths default_data_paths() {
  std::vector<fs::path> roots;
  if (const char* env = std::getenv("LUOHU_DATA"); env && *env) roots.emplace_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    roots.push_back(exe.parent_path().parent_path() / "share" / "luohu");
    roots.push_back(exe.parent_path().parent_path());  // build/ inside the source tree
  }
  roots.emplace_back(LUOHU_SOURCE_DIR);
  for (const auto& root : roots) {
    if (fs::exists(root / "registry" / "cities.yaml", ec) && fs::is_directory(root / "rules", ec))
      return {(root / "registry" / "cities.yaml").string(), (root / "rules").string()};
  }
  fs::path root(LUOHU_SOURCE_DIR);
  return {(root / "registry" / "cities.yaml").string(), (root / "rules").string()};
}

std::optional<Setup> load_setup(const DataPaths& paths, std::vector<LoadError>& errors) {
  auto registry = Registry::load(paths.registry, errors);
  auto rules = load_rule_pack(paths.rules, errors);
  if (!registry || !rules) return std::nullopt;
  return Setup{std::move(*registry), std::move(*rules)};
}

Lang language_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string_view(v).substr(0, 2) == "zh" ? Lang::zh : Lang::en;
  }
  return Lang::en;
}

}  // namespace luohu
