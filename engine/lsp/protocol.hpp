// The few LSP 3.17 shapes luohu uses, and the one place where byte offsets
// become LSP positions (0-based line, UTF-16 code units) and back.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "diag/diagnostic.hpp"
#include "source/source_file.hpp"

namespace luohu::lsp {

using nlohmann::json;

// JSON-RPC and LSP error codes.
namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;
}  // namespace error_code

// Thrown for params a method cannot use; answered with InvalidParams.
struct InvalidParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A message as JSON text. Invalid UTF-8 from a client's text is replaced
// rather than thrown on.
std::string to_text(const json& message);

json position(const SourceFile& source, std::uint32_t offset);
json range(const SourceFile& source, SourceRange r);
// Byte offset of an LSP position; out-of-range lines/columns clamp to the end.
std::uint32_t offset(const SourceFile& source, const json& position);
SourceRange source_range(const SourceFile& source, const json& range);

json text_edit(const SourceFile& source, SourceRange r, const std::string& new_text);

}  // namespace luohu::lsp
