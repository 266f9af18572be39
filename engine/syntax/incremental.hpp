// Re-parsing after an edit, as an editor does on every keystroke: only the
// top-level items the edit touched are parsed again; the rest of the tree is
// kept, moved by the edit's change in length. Whenever equality with a full
// parse is not certain (a syntax error in the old or the new text, invalid
// UTF-8) it parses the whole file instead.
#pragma once

#include <string_view>

#include "syntax/parser.hpp"

namespace luohu::syntax {

struct Reparsed {
  ParseResult result;
  bool incremental = false;  // false: the whole file was parsed
  std::uint32_t parsed_bytes = 0;
};

// `previous` is the parse of `previous_text`; `source` holds the edited text.
// The rvalue overload moves the kept nodes instead of copying them.
Reparsed reparse(ParseResult&& previous, std::string_view previous_text, const SourceFile& source,
                 const Limits& limits = {});
Reparsed reparse(const ParseResult& previous, std::string_view previous_text, const SourceFile& source,
                 const Limits& limits = {});

}  // namespace luohu::syntax
