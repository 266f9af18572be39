// The one file reader and the one atomic writer of the engine. Every input
// (policies, imports, registry, rules, baseline, config, snapshot) is read by
// read_regular_file: a device, a FIFO or a directory is refused before a byte
// is read, and a file over the limit before it is read whole. Every output
// that replaces a file (fmt, audit -o, the cache) goes through write_atomically.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace luohu {

// The limit for inputs that have no other: 64 MiB (the registry is 0.3 MB).
inline constexpr std::uint64_t kMaxDataFileBytes = 64ull * 1024 * 1024;

struct ReadResult {
  enum class Error { none, missing, not_permitted, directory, not_regular, too_large, io };
  std::optional<std::string> text;
  Error error = Error::none;
  std::uint64_t size = 0;  // the file's size when it was too large
  std::uint64_t limit = 0;
  bool ok() const { return text.has_value(); }
  // "io-error" or "file-too-large", and why, in both languages.
  std::string code() const;
  std::string reason(bool zh) const;
  std::string reason_zh() const { return reason(true); }
  std::string reason_en() const { return reason(false); }
};

// At most max_bytes of a regular file. Opens with O_NONBLOCK (a FIFO never
// blocks the open), checks fstat, then reads at most max_bytes + 1 bytes (a
// /proc file reports size 0; a growing file is cut off, not followed).
ReadResult read_regular_file(const std::string& path, std::uint64_t max_bytes);

struct WriteOptions {
  // fmt: the path is a file the user wrote. Follow a symlink to its target,
  // keep the target's mode and owner, and refuse (rather than break) a file
  // with other hard links or one that is not writable.
  bool in_place_edit = false;
  // The mode of a new file (the umask applies).
  unsigned new_mode = 0666;
  // A replaced file keeps its mode; false (the cache): always new_mode.
  bool keep_mode = true;
  // Create the parent directories (the cache).
  bool create_directories = false;
  // A device or a pipe at the path (-o /dev/stdout) is written into; false
  // (the cache): it is replaced like a file, never opened (a FIFO would block).
  bool write_into_devices = true;
};

// Writes `bytes` to a temporary file beside `path`, fsyncs it and renames it
// over `path`: a reader sees the old file or the new one, never half, and on a
// full disk the old file survives. A path that exists and is not a regular file
// (/dev/stdout, /dev/null) is written directly. false with `error` (en) and
// `error_zh` when it could not be done.
bool write_atomically(const std::string& path, std::string_view bytes, const WriteOptions& options,
                      std::string& error, std::string& error_zh);

// One piece of output; false when it could not be written (the producer stops).
using ChunkWriter = std::function<bool(std::string_view)>;
// The same for output made piece by piece, so that a large report is never
// held whole: `produce` passes each piece, in order, to the writer it is given.
bool write_atomically_streamed(const std::string& path, const std::function<bool(const ChunkWriter&)>& produce,
                               const WriteOptions& options, std::string& error, std::string& error_zh);

// Writes all of `bytes` to a file descriptor, retrying on EINTR and short
// writes; false on any error (EPIPE, ENOSPC, ...).
bool write_all(int fd, std::string_view bytes);

}  // namespace luohu
