// What stat(2) says of each input when its bytes were hashed: a later run
// whose stat data all match trusts the recorded digests instead of reading
// and hashing every input again (git's index and ninja do the same). A file
// changed within kSettleTime of its stat is never trusted this way: a second
// write inside one timestamp tick could leave its stat data unchanged. No
// clock reading is stored, so the same files always give the same stamps
// (and the same snapshot bytes, which an audit's receipt hashes).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace luohu::cache {

struct FileStat {
  std::uint64_t size = 0, inode = 0, device = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileStat&) const = default;
};

struct Stamp {
  std::string path;
  std::string sha256;  // of the bytes read after `stat` was taken
  FileStat stat;
  bool settled = false;  // last changed more than kSettleTime before the stat
  bool operator==(const Stamp&) const = default;
};

struct Stamps {
  std::vector<Stamp> files;  // registry first, then the rule files, as hashed
  bool operator==(const Stamps&) const = default;
};

// Generous against coarse timestamps (jiffies, FAT's 2 s) and a file server's clock.
inline constexpr std::chrono::nanoseconds kSettleTime = std::chrono::seconds(2);

std::optional<FileStat> stat_file(const std::string& path);  // follows symbolic links, as reading does
std::int64_t realtime_ns();

// Whether a file stat'ed at `now_ns` was neither modified nor had its status
// changed within `settle` before (ctime cannot be set back by a user, so it
// catches an mtime restored with touch -d).
bool settled_at(const FileStat& stat, std::int64_t now_ns, std::chrono::nanoseconds settle = kSettleTime);
// Every file stamped, and each settled.
bool settled(const Stamps& stamps);

// The recorded digests, when the stamps are settled, `paths` (the inputs as
// listed now) are exactly the recorded files, and stat says each is as it
// was; else nullopt.
std::optional<std::vector<std::pair<std::string, std::string>>> unchanged_digests(const Stamps& recorded,
                                                                                  const std::vector<std::string>& paths);

}  // namespace luohu::cache
