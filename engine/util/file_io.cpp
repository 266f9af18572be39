#include "util/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

namespace luohu {

namespace fs = std::filesystem;

std::string ReadResult::code() const { return error == Error::too_large ? "file-too-large" : "io-error"; }

std::string ReadResult::reason(bool zh) const {
  auto say = [zh](const char* z, const char* e) { return std::string(zh ? z : e); };
  const double mib = size / 1048576.0, cap = limit / 1048576.0;
  switch (error) {
    case Error::none: return "";
    case Error::missing: return say("无法读取文件（不存在）", "cannot read the file (it does not exist)");
    case Error::not_permitted: return say("无法读取文件（无权限）", "cannot read the file (not permitted)");
    case Error::directory: return say("这是目录而非文件", "this is a directory, not a file");
    case Error::not_regular: return say("不是普通文件（设备或管道），未读取", "not a regular file (a device or a pipe): not read");
    case Error::too_large:
      if (size <= limit) return zh ? fmt::format("文件过大（超过上限 {:.0f} MiB）", cap) : fmt::format("file too large (over the limit of {:.0f} MiB)", cap);
      return zh ? fmt::format("文件过大（{:.1f} MiB），上限为 {:.0f} MiB", mib, cap)
                : fmt::format("file too large ({:.1f} MiB); the limit is {:.0f} MiB", mib, cap);
    case Error::io: return say("读取文件失败", "failed to read the file");
  }
  return "";
}

ReadResult read_regular_file(const std::string& path, std::uint64_t max_bytes) {
  ReadResult r;
  r.limit = max_bytes;
  auto fail = [&](ReadResult::Error e) {
    r.error = e;
    r.text.reset();
    return r;
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP || errno == ENAMETOOLONG) return fail(ReadResult::Error::missing);
    if (errno == EACCES || errno == EPERM) return fail(ReadResult::Error::not_permitted);
    if (errno == EISDIR) return fail(ReadResult::Error::directory);
    return fail(ReadResult::Error::io);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return fail(ReadResult::Error::io);
  }
  if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail(S_ISDIR(st.st_mode) ? ReadResult::Error::directory : ReadResult::Error::not_regular);
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    r.size = static_cast<std::uint64_t>(st.st_size);
    return fail(ReadResult::Error::too_large);
  }
  // Regular files ignore O_NONBLOCK; +1 so end of file is seen without a regrow.
  std::string text(static_cast<std::size_t>(st.st_size) + 1, '\0');
  std::size_t size = 0;
  for (;;) {
    if (size == text.size()) {
      if (size > max_bytes) break;  // grew, or a /proc file reporting size 0
      text.resize(static_cast<std::size_t>(std::min<std::uint64_t>(max_bytes + 1, std::max<std::size_t>(2 * size, 4096))));
    }
    ssize_t n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return fail(errno == EISDIR ? ReadResult::Error::directory : ReadResult::Error::io);
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (size > max_bytes) {
    r.size = size;
    return fail(ReadResult::Error::too_large);
  }
  text.resize(size);
  r.text = std::move(text);
  return r;
}

bool write_all(int fd, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

namespace {

bool fail(std::string& error, std::string& error_zh, std::string en, std::string zh) {
  error = std::move(en);
  error_zh = std::move(zh);
  return false;
}

// A name beside `target` that no one else holds (O_EXCL: a planted symlink is
// never followed).
int create_temporary(const std::string& target, unsigned mode, std::string& temp) {
  static std::atomic<unsigned> counter{0};
  fs::path p(target);
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp = (p.parent_path() / fmt::format(".{}.luohu-tmp-{}-{}-{}", p.filename().string(), ::getpid(), counter++,
                                          static_cast<unsigned>(std::rand())))
               .string();
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

}  // namespace

bool write_atomically(const std::string& path, std::string_view bytes, const WriteOptions& options,
                      std::string& error, std::string& error_zh) {
  return write_atomically_streamed(path, [&](const ChunkWriter& write) { return write(bytes); }, options, error, error_zh);
}

namespace {

// Pieces gathered into writes of 64 KiB: a report's pieces are small.
bool produce_into(int fd, const std::function<bool(const ChunkWriter&)>& produce) {
  std::string pending;
  auto put = [&](std::string_view piece) {
    pending.append(piece);
    if (pending.size() < (64u << 10)) return true;
    bool ok = write_all(fd, pending);
    pending.clear();
    return ok;
  };
  return produce(put) && write_all(fd, pending);
}

}  // namespace

bool write_atomically_streamed(const std::string& path_in, const std::function<bool(const ChunkWriter&)>& produce,
                               const WriteOptions& options, std::string& error, std::string& error_zh) {
  std::string path = path_in;
  std::error_code ec;
  if (options.create_directories) {
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) return fail(error, error_zh, "cannot create its directory", "无法创建其所在目录");
  }
  struct stat st {};
  bool exists = ::lstat(path.c_str(), &st) == 0;
  if (exists && S_ISLNK(st.st_mode) && options.in_place_edit) {
    // The file the user means is the link's target: format it, keep the link.
    char resolved[PATH_MAX];
    if (!::realpath(path.c_str(), resolved))
      return fail(error, error_zh, "the symbolic link points to nothing", "符号链接指向的文件不存在");
    path = resolved;
    exists = ::lstat(path.c_str(), &st) == 0;
  } else if (exists && S_ISLNK(st.st_mode)) {
    exists = ::stat(path.c_str(), &st) == 0;
  }
  if (exists && S_ISDIR(st.st_mode)) return fail(error, error_zh, "it is a directory", "这是目录");
  if (exists && !S_ISREG(st.st_mode) && (options.in_place_edit || options.write_into_devices)) {
    if (options.in_place_edit) return fail(error, error_zh, "not a regular file", "不是普通文件");
    // A device or a pipe (/dev/stdout, /dev/null): there is nothing to replace.
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return fail(error, error_zh, "cannot open it for writing", "无法打开以写入");
    bool ok = produce_into(fd, produce);
    ok = ::close(fd) == 0 && ok;
    return ok || fail(error, error_zh, "cannot write it (disk full or closed?)", "写入失败（磁盘已满或已关闭？）");
  }
  unsigned mode = options.new_mode;
  if (exists && !S_ISREG(st.st_mode)) exists = false;  // replaced, not kept
  if (exists) {
    if (options.keep_mode) mode = st.st_mode & 07777;
    if (options.in_place_edit) {
      if (::access(path.c_str(), W_OK) != 0)
        return fail(error, error_zh, "the file is not writable: left unchanged", "文件不可写：未修改");
      if (st.st_nlink > 1)
        return fail(error, error_zh,
                    fmt::format("the file has {} hard links and replacing it would break them: left unchanged", st.st_nlink),
                    fmt::format("该文件有 {} 个硬链接，替换会断开它们：未修改", st.st_nlink));
    }
  }
  std::string temp;
  int fd = create_temporary(path, mode, temp);
  if (fd < 0) return fail(error, error_zh, "cannot create a temporary file beside it", "无法在其旁边创建临时文件");
  bool ok = false;
  try {
    ok = produce_into(fd, produce);  // an audit runs inside it: it may throw
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());  // no half-written temporary left beside the report
    throw;
  }
  if (ok && exists) {
    ok = ::fchmod(fd, mode) == 0;  // the umask may have dropped bits
    // Keep the owner; only possible when allowed (root, or already ours).
    if (ok && (st.st_uid != ::geteuid() || st.st_gid != ::getegid()) && ::fchown(fd, st.st_uid, st.st_gid) != 0 &&
        options.in_place_edit) {
      ::close(fd);
      ::unlink(temp.c_str());
      return fail(error, error_zh, "the file belongs to another user, who would lose it: left unchanged",
                  "文件属于其他用户，替换会改变其所有者：未修改");
    }
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(temp.c_str());
    return fail(error, error_zh, "cannot write it (disk full?); the previous file is unchanged",
                "写入失败（磁盘已满？）；原文件未改变");
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return fail(error, error_zh, "cannot replace it", "无法替换该文件");
  }
  return true;
}

}  // namespace luohu
