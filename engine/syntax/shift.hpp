// Moving syntax-tree nodes by a number of bytes: an edit's change in length
// (syntax/incremental.hpp), or a file's place in the offset space imports
// share (source/source_map.hpp).
#pragma once

#include <cstdint>

#include "syntax/ast.hpp"

namespace luohu::syntax {

void shift(SourceRange& r, std::int64_t delta);
void shift(Word& w, std::int64_t delta);
void shift(Argument& a, std::int64_t delta);
void shift(Quote& q, std::int64_t delta);
void shift(Clause& c, std::int64_t delta);
void shift(Statement& s, std::int64_t delta);
void shift(Channel& c, std::int64_t delta);
void shift(Block& b, std::int64_t delta);
void shift(Comment& c, std::int64_t delta);
void shift(File& f, std::int64_t delta);

}  // namespace luohu::syntax
