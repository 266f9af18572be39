// Internal: compiling a slice of a larger text (a template hole) so that
// error positions are reported against the whole text.
#pragma once

#include <cstddef>
#include <string_view>

#include "predicate/predicate.hpp"

namespace luohu::predicate {

CompileResult compile_part(std::string_view full, std::size_t begin, std::size_t end, const Schema& schema,
                           const Scope& scope);

}  // namespace luohu::predicate
