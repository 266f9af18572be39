// One loaded source text. Positions stay byte offsets everywhere else;
// this is the one place that turns them into lines and columns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace luohu {

struct LineColumn {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in Unicode code points
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  LineColumn location(std::uint32_t offset) const;
  // The 1-based line alone (a binary search; location() also counts the column).
  std::uint32_t line_of(std::uint32_t offset) const;
  // UTF-16 code units from the start of the line, 0-based (what LSP wants).
  std::uint32_t utf16_column(std::uint32_t offset) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
  // The text of a 1-based line without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_start(std::uint32_t line) const;
  // Byte offset of a 0-based line and UTF-16 column (LSP positions).
  std::uint32_t offset_of_utf16(std::uint32_t line0, std::uint32_t utf16_column) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Offset of the first byte that is not well-formed UTF-8, if any.
std::optional<std::uint32_t> find_invalid_utf8(std::string_view text);

// A character that editors show as a line break but that is not LF or CRLF:
// a lone CR, VT, FF, U+0085, U+2028 or U+2029. Inside a comment it would hide
// the clause after it from luohu while the reader sees it (D1).
struct HiddenBreak {
  std::uint32_t offset = 0;
  std::uint32_t length = 1;
  char32_t code_point = 0;
};
std::optional<HiddenBreak> find_hidden_line_break(std::string_view text);
// The first bidirectional control character (util/utf8.hpp is_bidi_control).
std::optional<HiddenBreak> find_bidi_control(std::string_view text);

// Number of code points in a UTF-8 string.
std::size_t utf8_length(std::string_view text);

}  // namespace luohu
