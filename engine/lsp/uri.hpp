// file:// URIs (RFC 8089) for paths, as LSP and SARIF exchange them, and the
// address of a rule's documentation page (docs/rules/<ID>.md in the tree).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace luohu {

struct Rule;

std::string percent_encode_path(std::string_view path);  // keeps '/' and unreserved bytes
std::string path_to_uri(const std::string& path);        // absolute file:// URI
std::optional<std::string> uri_to_path(std::string_view uri);  // file:// only
std::string rule_doc_uri(const Rule& rule);              // file:///…/docs/rules/ID.md

}  // namespace luohu
