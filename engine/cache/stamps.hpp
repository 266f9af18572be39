// What stat(2) says of each input when its bytes were hashed: a later run
// whose stat data all match trusts the recorded digests instead of reading
// and hashing every input again (git's index and ninja do the same). A file
// changed within kSettleTime of the recording is never trusted this way: a
// second write inside one timestamp tick could leave its stat data unchanged.
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
};

struct Stamps {
  std::int64_t taken_ns = 0;  // the clock (CLOCK_REALTIME) before the first stat
  std::vector<Stamp> files;   // registry first, then the rule files, as hashed
};

// Generous against coarse timestamps (jiffies, FAT's 2 s) and a file server's clock.
inline constexpr std::chrono::nanoseconds kSettleTime = std::chrono::seconds(2);

std::optional<FileStat> stat_file(const std::string& path);  // follows symbolic links, as reading does
std::int64_t realtime_ns();

// Whether no file was modified or had its status changed within `settle` of
// the recording (ctime cannot be set back by a user, so it catches an mtime
// restored with touch -d).
bool settled(const Stamps& stamps, std::chrono::nanoseconds settle = kSettleTime);

// The recorded digests, when `paths` (the inputs as listed now) are exactly
// the recorded files and stat says each is as it was; else nullopt.
std::optional<std::vector<std::pair<std::string, std::string>>> unchanged_digests(
    const Stamps& recorded, const std::vector<std::string>& paths, std::chrono::nanoseconds settle = kSettleTime);

}  // namespace luohu::cache
