#include "source/source_file.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace luohu {
namespace {

// Length of the UTF-8 sequence at text[i] (1 for a stray byte), as
// decode_utf8 counts it. ASCII and the three-byte sequences that cannot be
// overlong or surrogates (lead E1–EC, EE, EF: all of CJK) are counted here
// without a call: the editor turns every diagnostic's positions into UTF-16
// columns on each keystroke, and that was 8% of the edit (bench/README.md).
inline std::uint32_t sequence_length(std::string_view text, std::uint32_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return 1;
  if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && i + 2 < text.size() &&
      (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(text[i + 2]) & 0xC0) == 0x80)
    return 3;
  return decode_utf8(text, i).length;
}

}  // namespace

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::uint32_t SourceFile::line_of(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::uint32_t>(it - line_starts_.begin());
}

LineColumn SourceFile::location(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const std::uint32_t line = line_of(offset);
  std::uint32_t start = line_starts_[line - 1];
  std::uint32_t column = 1;
  for (std::uint32_t i = start; i < offset;) {
    i += sequence_length(text_, i);
    ++column;
  }
  return {line, column};
}

std::uint32_t SourceFile::utf16_column(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::uint32_t start = *(it - 1);
  std::uint32_t units = 0;
  for (std::uint32_t i = start; i < offset;) {
    int n = sequence_length(text_, i);
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return units;
}

std::uint32_t SourceFile::line_start(std::uint32_t line) const {
  if (line == 0) return 0;
  if (line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[line - 1];
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t start = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<std::uint32_t>(text_.size());
  std::string_view view(text_.data() + start, end - start);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

std::uint32_t SourceFile::offset_of_utf16(std::uint32_t line0, std::uint32_t utf16_column) const {
  if (line0 >= line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t i = line_starts_[line0];
  std::uint32_t units = 0;
  while (i < text_.size() && text_[i] != '\n' && units < utf16_column) {
    int n = sequence_length(text_, i);
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return std::min<std::uint32_t>(i, static_cast<std::uint32_t>(text_.size()));
}

std::optional<std::uint32_t> find_invalid_utf8(std::string_view text) {
  auto at = first_invalid_utf8(text);
  if (at == std::string_view::npos) return std::nullopt;
  return static_cast<std::uint32_t>(at);
}

std::optional<HiddenBreak> find_hidden_line_break(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) return HiddenBreak{static_cast<std::uint32_t>(i), 1, U'\r'};
    if (c == '\v' || c == '\f') return HiddenBreak{static_cast<std::uint32_t>(i), 1, static_cast<char32_t>(c)};
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\x85') return HiddenBreak{static_cast<std::uint32_t>(i), 2, 0x85};
    if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' && (text[i + 2] == '\xA8' || text[i + 2] == '\xA9'))
      return HiddenBreak{static_cast<std::uint32_t>(i), 3, text[i + 2] == '\xA8' ? U'\u2028' : U'\u2029'};
  }
  return std::nullopt;
}

std::optional<HiddenBreak> find_bidi_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c != 0xE2 && c != 0xD8) continue;  // every bidi control starts so
    auto ch = decode_utf8(text, i);
    if (ch.valid && is_bidi_control(ch.code_point)) return HiddenBreak{static_cast<std::uint32_t>(i), ch.length, ch.code_point};
  }
  return std::nullopt;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace luohu
