// Finding and loading the data luohu checks against: the city registry and
// the rule pack. Shared by the CLI and the language server.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registry/registry.hpp"
#include "rules/rule.hpp"
#include "util/load_error.hpp"

namespace luohu {

class MappedFile;

struct DataPaths {
  std::string registry;  // registry/cities.yaml
  std::string rules;     // rules/
};

// Where the data may be, in order: $LUOHU_DATA, PREFIX/share/luohu beside an
// installed PREFIX/bin/luohu, then BUILD/share/luohu beside build/luohu (CMake
// links it to the checkout at configure time). Never a path compiled in.
std::vector<std::string> data_roots();
// The registry and rules of the first data root holding both (else the first root's).
DataPaths default_data_paths();

struct Setup {
  Registry registry;
  RulePack rules;
  // The start-up snapshot holding this data, read or just written (the
  // audit's receipt names it and snapshot_sha256()); empty without a cache.
  std::string snapshot;
  // Each input's path and the SHA-256 of the bytes loaded from it (registry
  // first, then the rule files), hashed once at start-up: an audit's receipt
  // names these rather than reading the files again.
  std::vector<std::pair<std::string, std::string>> digests;
  // How those digests were had: every input read and parsed (no snapshot hit),
  // read and hashed to check the snapshot's key, or trusted from the
  // snapshot's stamps because stat(2) says no input changed (docs/cache.md).
  enum class Inputs { parsed, hashed, stat_matched };
  Inputs inputs = Inputs::parsed;
  // The bytes of the snapshot read (a hit), or the content digest of the one
  // written: what snapshot_sha256() reports, whatever has replaced the file since.
  std::shared_ptr<const MappedFile> snapshot_read;
  std::optional<std::string> snapshot_written_sha256;

  // cache::content_sha256 of the snapshot this data came from (stamps left
  // out, so a restamp between two runs does not change it); nullopt without one.
  std::optional<std::string> snapshot_sha256() const;
};

// Through the start-up snapshot in cache::default_directory() when there is
// one (docs/cache.md): any problem with it falls back to the YAML silently.
std::optional<Setup> load_setup(const DataPaths& paths, std::vector<LoadError>& errors);
// The same with an explicit cache directory; empty: always the YAML.
std::optional<Setup> load_setup(const DataPaths& paths, const std::string& cache_directory,
                                std::vector<LoadError>& errors);

// zh or en for a locale or language tag ("zh_CN.UTF-8", "zh-cn", "en"); else nullopt.
std::optional<Lang> language_from_locale(std::string_view name);
// The first of LANGUAGE's entries that is zh or en, else whether the first set
// of LC_ALL / LC_MESSAGES / LANG starts with "zh"; en by default.
Lang language_from_environment();

}  // namespace luohu
