// Where start-up snapshots live and how they are written: never fatal, and
// atomically, so a concurrent luohu (the audit, the editor) never reads half
// a file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/data_file.hpp"

namespace luohu::cache {

// $XDG_CACHE_HOME/luohu, else $HOME/.cache/luohu; empty (no cache) when
// LUOHU_NO_CACHE is set to anything but "" or "0", or no home is known.
std::string default_directory();

// The snapshot file for this data (registry path, rules directory) and this
// executable, inside directory.
std::string snapshot_path(const std::string& directory, const std::string& registry_path,
                          const std::string& rules_directory);

// Every input's path and the SHA-256 of its bytes.
using Digests = std::vector<std::pair<std::string, std::string>>;

// SHA-256 over the snapshot format, the luohu version, this executable's
// identity and every input's digest: any change gives another key.
std::string snapshot_key(const Digests& inputs);

// Temp file beside the target, then rename(2) (util/file_io.hpp). False on
// any failure, which the caller ignores: the cache only ever saves time.
bool write_atomically(const std::string& path, std::string_view bytes);

// Whether a snapshot in `directory` may decide a verdict: the directory
// exists, belongs to this user and no one else can write to it (as ssh treats
// ~/.ssh). Creates it (mode 0700) when it is missing. Otherwise the cache is
// neither read nor written.
bool trusted_directory(const std::string& directory);

// The largest snapshot mapped (the real one is about 340 KB).
inline constexpr std::size_t kMaxSnapshotBytes = 32 * 1024 * 1024;

// Keeps the newest `keep` snapshot files of directory, removing the rest
// (every rebuilt binary or edited data location leaves one behind).
void prune(const std::string& directory, std::size_t keep);

}  // namespace luohu::cache
