// SHA-256 digests (OpenSSL's libcrypto): the audit records exactly which
// registry, rules and policies it read; the start-up snapshot is keyed by them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace luohu {

std::string sha256_hex(std::string_view data);  // lowercase hex
// Streams the file; nullopt when it cannot be read.
std::optional<std::string> sha256_file(const std::string& path);

}  // namespace luohu
