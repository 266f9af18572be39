#include "util/utf8.hpp"

#include <fmt/format.h>

namespace luohu {

Utf8Char decode_utf8(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {c, 1, true};
  std::uint32_t len = 0;
  char32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return {c, 1, false};
  }
  if (i + len > s.size()) return {c, 1, false};
  for (std::uint32_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {c, 1, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
    return {c, 1, false};
  return {cp, len, true};
}

std::size_t first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    auto ch = decode_utf8(text, i);
    if (!ch.valid) return i;
    i += ch.length;
  }
  return std::string_view::npos;
}

bool is_bidi_control(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

namespace {

template <typename Visible>
std::string escape(std::string_view text, Visible visible) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto ch = decode_utf8(text, i);
    if (!ch.valid) {
      out += fmt::format("<{:02X}>", static_cast<unsigned>(static_cast<unsigned char>(text[i])));
    } else if (visible(ch.code_point)) {
      out.append(text.substr(i, ch.length));
    } else {
      out += fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(ch.code_point));
    }
    i += ch.length;
  }
  return out;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  if (first_invalid_utf8(text) == std::string_view::npos) return std::string(text);
  return escape(text, [](char32_t) { return true; });
}

std::string terminal_text(std::string_view text, bool keep_newlines) {
  return escape(text, [keep_newlines](char32_t c) {
    if (c == '\t' || (keep_newlines && c == '\n')) return true;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return false;
    return !is_bidi_control(c) && c != 0x2028 && c != 0x2029;
  });
}

}  // namespace luohu
