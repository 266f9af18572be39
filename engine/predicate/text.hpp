// UTF-8 helpers for expression text: validation, and byte offset -> 1-based
// line and column in characters (the only place offsets become columns).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "predicate/predicate.hpp"

namespace luohu::predicate {

// Offset of the first byte that is not part of well-formed UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Code points in `text` (counts lead bytes; `text` is assumed valid).
std::size_t count_characters(std::string_view text);

Error locate(std::string_view text, std::size_t offset, std::string message);

}  // namespace luohu::predicate
