#include "predicate/text.hpp"

#include "source/source_file.hpp"

namespace luohu::predicate {

// One UTF-8 decoder for the whole engine: util/utf8.hpp (through source/source_file.hpp).
std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  if (auto bad = find_invalid_utf8(text)) return *bad;
  return std::nullopt;
}

std::size_t count_characters(std::string_view text) { return utf8_length(text); }

Error locate(std::string_view text, std::size_t offset, std::string message) {
  if (offset > text.size()) offset = text.size();
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const auto column = static_cast<std::uint32_t>(count_characters(text.substr(line_start, offset - line_start)) + 1);
  return Error{std::move(message), line, column};
}

}  // namespace luohu::predicate
