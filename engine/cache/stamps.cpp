#include "cache/stamps.hpp"

#include <sys/stat.h>
#include <time.h>

#include <algorithm>

namespace luohu::cache {

namespace {
std::int64_t ns(const struct timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }
}  // namespace

std::optional<FileStat> stat_file(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStat{static_cast<std::uint64_t>(st.st_size), static_cast<std::uint64_t>(st.st_ino),
                  static_cast<std::uint64_t>(st.st_dev), ns(st.st_mtim), ns(st.st_ctim)};
}

std::int64_t realtime_ns() {
  struct timespec t{};
  ::clock_gettime(CLOCK_REALTIME, &t);
  return ns(t);
}

bool settled_at(const FileStat& stat, std::int64_t now_ns, std::chrono::nanoseconds settle) {
  const std::int64_t limit = now_ns - settle.count();
  return stat.mtime_ns < limit && stat.ctime_ns < limit;
}

bool settled(const Stamps& stamps) {
  return !stamps.files.empty() &&
         std::all_of(stamps.files.begin(), stamps.files.end(), [](const Stamp& s) { return s.settled; });
}

std::optional<std::vector<std::pair<std::string, std::string>>> unchanged_digests(const Stamps& recorded,
                                                                                  const std::vector<std::string>& paths) {
  if (recorded.files.size() != paths.size() || !settled(recorded)) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const Stamp& s = recorded.files[i];
    if (s.path != paths[i]) return std::nullopt;
    auto now = stat_file(paths[i]);
    if (!now || !(*now == s.stat)) return std::nullopt;
    out.emplace_back(s.path, s.sha256);
  }
  return out;
}

}  // namespace luohu::cache
