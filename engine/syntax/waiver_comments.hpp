// Where a waiver comment sits and which line it covers: shared by the waiver
// reader (check/waivers.cpp) and the formatter, which must never move a waiver
// off the clauses it covers (docs/waivers.md).
#pragma once

#include <cstdint>
#include <string_view>

#include "source/source_file.hpp"
#include "source/source_range.hpp"

namespace luohu::syntax {

// A comment that is meant as a waiver: "luohu:" right after the comment marker.
bool is_waiver_comment(std::string_view comment_text);

// The line a waiver in `comment` covers: its own line when it trails a clause,
// else the next line that is not itself a comment (so waivers stack).
std::uint32_t waiver_target_line(const SourceFile& source, SourceRange comment);

}  // namespace luohu::syntax
