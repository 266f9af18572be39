#include "check/setup.hpp"

#include <cstdlib>
#include <filesystem>

#include "cache/snapshot.hpp"
#include "cache/store.hpp"
#include "util/data_file.hpp"
#include "util/mapped_file.hpp"
#include "util/sha256.hpp"

namespace luohu {

namespace fs = std::filesystem;

std::vector<std::string> data_roots() {
  std::vector<std::string> roots;
  if (const char* env = std::getenv("LUOHU_DATA"); env && *env) roots.emplace_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    roots.push_back((exe.parent_path().parent_path() / "share" / "luohu").string());  // PREFIX/bin/luohu
    roots.push_back((exe.parent_path() / "share" / "luohu").string());                // build/luohu
  }
  return roots;
}

DataPaths default_data_paths() {
  auto roots = data_roots();
  std::error_code ec;
  for (const auto& r : roots) {
    fs::path root(r);
    if (fs::exists(root / "registry" / "cities.yaml", ec) && fs::is_directory(root / "rules", ec))
      return {(root / "registry" / "cities.yaml").string(), (root / "rules").string()};
  }
  // None holds the data: name the first place looked, so the error says where.
  fs::path root = roots.empty() ? fs::path("share/luohu") : fs::path(roots.front());
  return {(root / "registry" / "cities.yaml").string(), (root / "rules").string()};
}

std::optional<Setup> load_setup(const DataPaths& paths, std::vector<LoadError>& errors) {
  return load_setup(paths, cache::default_directory(), errors);
}

namespace {

// The registry, then every rule file, as listed now.
std::optional<std::vector<std::string>> input_paths(const DataPaths& paths) {
  std::vector<LoadError> ignored;  // the YAML path reports them
  auto list = list_rule_files(paths.rules, ignored);
  if (!list) return std::nullopt;
  list->insert(list->begin(), paths.registry);
  return list;
}

// The inputs as they are on disk now, each stat'ed before it is hashed as it
// streams by: a hit never holds 500 KB of YAML in memory (on this VM every
// fresh page costs ~15 µs).
std::optional<cache::Stamps> hash_files(const std::vector<std::string>& paths) {
  cache::Stamps out;
  const std::int64_t now = cache::realtime_ns();
  for (const auto& path : paths) {
    auto stat = cache::stat_file(path);
    auto digest = sha256_file(path);
    if (!stat || !digest) return std::nullopt;
    out.files.push_back({path, std::move(*digest), *stat, cache::settled_at(*stat, now)});
  }
  return out;
}

// Stamps for the files a cold load read: only when stat saw every one of them,
// listed in the order they were read; else none, and the next run hashes.
cache::Stamps stamps_of_read(const std::vector<std::string>& listed, const std::vector<std::optional<cache::FileStat>>& stats,
                             const cache::Digests& read, std::int64_t now) {
  cache::Stamps out;
  if (listed.size() != read.size() || stats.size() != read.size()) return out;
  for (std::size_t i = 0; i < read.size(); ++i) {
    if (!stats[i] || listed[i] != read[i].first) return {};
    out.files.push_back({read[i].first, read[i].second, *stats[i], cache::settled_at(*stats[i], now)});
  }
  return out;
}

cache::Digests digests_of(const cache::Stamps& stamps) {
  cache::Digests out;
  for (const auto& f : stamps.files) out.emplace_back(f.path, f.sha256);
  return out;
}

std::optional<Setup> from_snapshot(const DataPaths& paths, const std::string& snapshot) {
  // Kept mapped while the registry lives: its cities are decoded from it as they are asked for.
  auto file = std::make_shared<const MappedFile>(snapshot, cache::kMaxSnapshotBytes, true);
  if (!file->ok()) return std::nullopt;
  auto inputs = input_paths(paths);
  if (!inputs) return std::nullopt;
  // stat(2) first; only when it cannot vouch for every input are they all hashed.
  std::optional<cache::Digests> digests;
  auto recorded = cache::read_stamps(file->bytes());
  if (recorded) digests = cache::unchanged_digests(*recorded, *inputs);
  const bool stat_matched = digests.has_value();
  std::optional<cache::Stamps> fresh;
  if (!stat_matched) {
    fresh = hash_files(*inputs);
    if (!fresh) return std::nullopt;
    digests = digests_of(*fresh);
  }
  auto hit = cache::decode(file->bytes(), cache::snapshot_key(*digests), file);
  if (!hit) return std::nullopt;
  // The key matched by hashing: record stamps the next run can trust (once the
  // inputs have settled; until then each run hashes them). Only stamps that
  // differ are written, so unchanged files leave the snapshot's bytes alone.
  if (fresh && cache::settled(*fresh) && !(recorded && *recorded == *fresh)) {
    if (auto restamped = cache::with_stamps(file->bytes(), *fresh)) cache::write_atomically(snapshot, *restamped);
  }
  return Setup{std::move(hit->registry), std::move(hit->rules), snapshot, std::move(*digests),
               stat_matched ? Setup::Inputs::stat_matched : Setup::Inputs::hashed, file, std::nullopt};
}

}  // namespace

std::optional<Setup> load_setup(const DataPaths& paths, const std::string& cache_directory,
                                std::vector<LoadError>& errors) {
  std::string snapshot;
  // A cache another user could write to never decides a verdict (docs/cache.md).
  if (!cache_directory.empty() && cache::trusted_directory(cache_directory)) {
    snapshot = cache::snapshot_path(cache_directory, paths.registry, paths.rules);
    if (auto hit = from_snapshot(paths, snapshot)) return hit;
  }

  // Each input stat'ed, then read once: the snapshot written is keyed by the
  // bytes parsed, and stamped with what stat said before they were read (a
  // change after the stat shows as a stat mismatch next time).
  const std::int64_t now = cache::realtime_ns();
  std::vector<std::optional<cache::FileStat>> stats;
  auto listed = snapshot.empty() ? std::nullopt : input_paths(paths);
  if (listed)
    for (const auto& p : *listed) stats.push_back(cache::stat_file(p));
  std::optional<std::string> registry_text = read_file(paths.registry);
  auto registry = registry_text ? Registry::load_text(*registry_text, paths.registry, errors)
                                : Registry::load(paths.registry, errors);  // reports why it cannot be read
  auto rule_files = read_rule_files(paths.rules, errors);
  auto rules = rule_files ? load_rule_pack_files(paths.rules, *rule_files, errors) : std::nullopt;
  if (!registry || !rules) return std::nullopt;

  // The bytes parsed, hashed as they were read: the snapshot's key and the audit's receipt.
  cache::Digests digests;
  if (registry_text) {
    digests.emplace_back(paths.registry, sha256_hex(*registry_text));
    for (const auto& file : *rule_files) digests.emplace_back(file.path, sha256_hex(file.text));
  }
  const cache::Stamps stamps = listed ? stamps_of_read(*listed, stats, digests, now) : cache::Stamps{};
  // Only a fully valid load is ever written.
  if (!snapshot.empty() && registry_text) {
    const std::string encoded = cache::encode(cache::snapshot_key(digests), *registry, *rules, stamps);
    if (cache::write_atomically(snapshot, encoded)) {
      cache::prune(cache_directory, 8);
      // The snapshot now holds exactly this data: a receipt names it whether
      // this run read it or wrote it, so a cold and a warm run report alike.
      return Setup{std::move(*registry), std::move(*rules), snapshot, std::move(digests), Setup::Inputs::parsed,
                   nullptr, cache::content_sha256(encoded)};
    }
  }
  return Setup{std::move(*registry), std::move(*rules), {}, std::move(digests), Setup::Inputs::parsed, nullptr,
                std::nullopt};
}

std::optional<std::string> Setup::snapshot_sha256() const {
  if (snapshot_read) return cache::content_sha256(snapshot_read->bytes());
  return snapshot_written_sha256;
}

std::optional<Lang> language_from_locale(std::string_view name) {
  if (name.substr(0, 2) == "zh") return Lang::zh;
  if (name.substr(0, 2) == "en") return Lang::en;
  return std::nullopt;
}

Lang language_from_environment() {
  // gettext's order: LANGUAGE (a priority list, "zh_CN:en"), then the first
  // set of LC_ALL, LC_MESSAGES, LANG. C, POSIX and other languages give en.
  if (const char* v = std::getenv("LANGUAGE"); v && *v) {
    std::string_view list(v);
    while (!list.empty()) {
      auto colon = list.find(':');
      if (auto lang = language_from_locale(list.substr(0, colon))) return *lang;
      list = colon == std::string_view::npos ? std::string_view() : list.substr(colon + 1);
    }
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return language_from_locale(v).value_or(Lang::en);
  }
  return Lang::en;
}

}  // namespace luohu
