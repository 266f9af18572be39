// file:// URIs (RFC 8089) for paths, as LSP and SARIF exchange them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace luohu {

std::string percent_encode_path(std::string_view path);  // keeps '/' and unreserved bytes
std::string path_to_uri(const std::string& path);        // absolute file:// URI
std::optional<std::string> uri_to_path(std::string_view uri);  // file:// only

}  // namespace luohu
