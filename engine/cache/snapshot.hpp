// The start-up snapshot: the loaded city registry and rule pack as MessagePack
// (nlohmann-json), so `luohu check` does not parse 500 KB of YAML each run.
// Rules are stored as their source texts and compiled again when read.
// See docs/cache.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "registry/registry.hpp"
#include "rules/rule.hpp"

namespace luohu::cache {

// Bumped whenever what encode() writes changes shape.
inline constexpr int kSnapshotFormat = 6;  // 4: national documents, rules dated; 5: the seed's shape; 6: city codes up front

struct Snapshot {
  Registry registry;
  RulePack rules;
};

// A header naming the key, then length-prefixed MessagePack records.
std::string encode(const std::string& key, const Registry& registry, const RulePack& rules);
// nullopt for another key, a truncated or corrupt body (the city records'
// checksum is checked now), or a rule that no longer compiles: the caller
// then loads the YAML. Never throws. `owner` keeps `bytes` alive (the mapped
// file): each city is decoded from them when first asked for
// (Registry::from_codes).
std::optional<Snapshot> decode(std::string_view bytes, const std::string& key, std::shared_ptr<const void> owner);

}  // namespace luohu::cache
