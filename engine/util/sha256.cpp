// OpenSSL's SHA256_* functions, deprecated in 3.0 but kept: the EVP interface
// loads the provider and config on first use, 2-3 ms of every luohu start-up
// (more than loading the snapshot); the digest itself is the same code.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "util/sha256.hpp"

#include <openssl/sha.h>

#include <array>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace luohu {
namespace {

std::string hex(const unsigned char (&digest)[SHA256_DIGEST_LENGTH]) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char byte : digest) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(digest, &ctx);
  return hex(digest);
}

std::optional<std::string> sha256_file(const std::string& path) {
  // A regular file only: a FIFO must not block, a device must not stream forever.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  std::array<char, 1 << 16> buffer;
  for (;;) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    SHA256_Update(&ctx, buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(digest, &ctx);
  return hex(digest);
}

}  // namespace luohu
