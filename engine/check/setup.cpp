#include "check/setup.hpp"

#include <cstdlib>
#include <filesystem>

#include "cache/snapshot.hpp"
#include "cache/store.hpp"
#include "util/data_file.hpp"

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
  return load_setup(paths, cache::default_directory(), errors);
}

std::optional<Setup> load_setup(const DataPaths& paths, const std::string& cache_directory,
                                std::vector<LoadError>& errors) {
  // Read every input once: the bytes hashed into the key are the bytes parsed.
  std::optional<std::string> registry_text = read_file(paths.registry);
  std::vector<LoadError> rule_errors;
  auto rule_files = read_rule_files(paths.rules, rule_errors);

  std::string key, snapshot;
  if (!cache_directory.empty() && registry_text && rule_files) {
    std::vector<DataFile> inputs{{paths.registry, *registry_text}};
    inputs.insert(inputs.end(), rule_files->begin(), rule_files->end());
    key = cache::snapshot_key(inputs);
    snapshot = cache::snapshot_path(cache_directory, paths.registry, paths.rules);
    if (auto bytes = read_file(snapshot)) {
      if (auto hit = cache::decode(*bytes, key)) return Setup{std::move(hit->registry), std::move(hit->rules)};
    }
  }

  auto registry = registry_text ? Registry::load_text(*registry_text, paths.registry, errors)
                                : Registry::load(paths.registry, errors);  // reports why it cannot be read
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
  auto rules = rule_files ? load_rule_pack_files(paths.rules, *rule_files, errors) : std::nullopt;
  if (!registry || !rules) return std::nullopt;

  // Only a fully valid load is ever written.
  if (!snapshot.empty() && cache::write_atomically(snapshot, cache::encode(key, *registry, *rules)))
    cache::prune(cache_directory, 8);
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
