// The start-up snapshot: the loaded city registry and rule pack as MessagePack
// (nlohmann-json), so `luohu check` does not parse 500 KB of YAML each run.
// Rules are stored as their source texts, compiled when first applied.
// See docs/cache.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cache/stamps.hpp"
#include "registry/registry.hpp"
#include "rules/rule.hpp"

namespace luohu::cache {

// Bumped whenever what encode() writes changes shape.
inline constexpr int kSnapshotFormat = 8;  // 5: the seed's shape; 6: city codes up front; 7: the inputs' stamps; 8: one checksum

struct Snapshot {
  Registry registry;
  RulePack rules;
};

// A header naming the key, then length-prefixed MessagePack records: the
// inputs' stamps first (cache/stamps.hpp), then the registry and the rules.
std::string encode(const std::string& key, const Registry& registry, const RulePack& rules, const Stamps& stamps = {});
// The stamps a snapshot recorded; nullopt for another format or a damaged
// record. Not authenticated: a caller trusts their digests only to compute the
// key that decode() then checks against the header.
std::optional<Stamps> read_stamps(std::string_view bytes);
// The same snapshot with other stamps; nullopt when `bytes` has none to replace.
std::optional<std::string> with_stamps(std::string_view bytes, const Stamps& stamps);
// SHA-256 of a snapshot's content: its header and every record after the
// stamps, which with_stamps() rewrites in place as the inputs are stat'ed anew.
// So it names the data a run used, the same before and after a restamp (an
// audit's receipt); nullopt when `bytes` is no snapshot.
std::optional<std::string> content_sha256(std::string_view bytes);
// nullopt for another key or a truncated or corrupt body (the city records'
// and the string table's checksums are checked now): the caller then loads
// the YAML. Never throws. `owner` keeps `bytes` alive (the mapped
// file): each city is decoded from them when first asked for
// (Registry::from_codes).
std::optional<Snapshot> decode(std::string_view bytes, const std::string& key, std::shared_ptr<const void> owner);

}  // namespace luohu::cache
