// OpenSSL's SHA256_* functions, deprecated in 3.0 but kept: the EVP interface
// loads the provider and config on first use, 2-3 ms of every luohu start-up
// (more than loading the snapshot); the digest itself is the same code.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "util/sha256.hpp"

#include <openssl/sha.h>

#include <array>
#include <fstream>

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
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  std::array<char, 1 << 16> buffer;
  while (in) {
    in.read(buffer.data(), buffer.size());
    if (in.gcount() > 0) SHA256_Update(&ctx, buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_Final(digest, &ctx);
  return hex(digest);
}

}  // namespace luohu
