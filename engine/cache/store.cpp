#include "cache/store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <thread>

#include <fmt/format.h>

#include "cache/snapshot.hpp"
#include "util/file_io.hpp"
#include "util/sha256.hpp"

namespace luohu::cache {

namespace fs = std::filesystem;

namespace {

// Size and modification time of the running executable: a rebuilt luohu
// (same version number, other code) never trusts an older build's snapshot.
std::string executable_identity() {
  struct stat st{};
  if (::stat("/proc/self/exe", &st) != 0) return "unknown";
  return fmt::format("{}:{}.{}", st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

}  // namespace

std::string default_directory() {
  if (const char* off = std::getenv("LUOHU_NO_CACHE"); off && *off && std::string_view(off) != "0") return {};
  // XDG: a relative XDG_CACHE_HOME is invalid and ignored.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return (fs::path(xdg) / "luohu").string();
  if (const char* home = std::getenv("HOME"); home && *home == '/') return (fs::path(home) / ".cache" / "luohu").string();
  return {};
}

std::string snapshot_path(const std::string& directory, const std::string& registry_path,
                          const std::string& rules_directory) {
  std::string where = fmt::format("{}\n{}\n{}\n{}\n{}", kSnapshotFormat, LUOHU_VERSION, executable_identity(),
                                  absolute(registry_path), absolute(rules_directory));
  return (fs::path(directory) / fmt::format("setup-{}.msgpack", sha256_hex(where).substr(0, 20))).string();
}

std::string snapshot_key(const Digests& inputs) {
  std::string all = fmt::format("luohu {} snapshot {} exe {}\n", LUOHU_VERSION, kSnapshotFormat, executable_identity());
  for (const auto& [path, digest] : inputs) all += fmt::format("{}\n{}\n", path, digest);
  return sha256_hex(all);
}

bool write_atomically(const std::string& path, std::string_view bytes) {
  std::string error, error_zh;
  WriteOptions options;
  options.new_mode = 0600;
  options.create_directories = true;
  options.write_into_devices = false;
  options.keep_mode = false;  // a snapshot made writable by others is replaced by a private one
  return luohu::write_atomically(path, bytes, options, error, error_zh);
}

bool trusted_directory(const std::string& directory) {
  struct stat st{};
  if (::stat(directory.c_str(), &st) != 0) {
    std::error_code ec;
    fs::path dir(directory);
    if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
    if (::mkdir(directory.c_str(), 0700) != 0 || ::stat(directory.c_str(), &st) != 0) return false;
  }
  return S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

void prune(const std::string& directory, std::size_t keep) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> snapshots;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("setup-") && name.ends_with(".msgpack"))
      snapshots.emplace_back(entry.last_write_time(ec), entry.path());
  }
  if (snapshots.size() <= keep) return;
  std::sort(snapshots.begin(), snapshots.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = keep; i < snapshots.size(); ++i) fs::remove(snapshots[i].second, ec);
}

}  // namespace luohu::cache
