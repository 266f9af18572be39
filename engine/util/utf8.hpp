// The engine's one UTF-8 decoder, and the two ways text that came from a file
// (its content, its name, a rule's YAML) is made safe to show: every report is
// valid UTF-8 whatever the input, and no control character from a file ever
// reaches a terminal. Escapes are visible and ASCII, as clang shows them:
// an invalid byte is <FF>, a control or bidi character <U+202E>.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace luohu {

struct Utf8Char {
  char32_t code_point = 0;
  std::uint32_t length = 1;  // bytes; 1 for an invalid byte
  bool valid = false;        // well-formed (no overlong form, surrogate or value past U+10FFFF)
};

// The character starting at text[at] (at < text.size()).
Utf8Char decode_utf8(std::string_view text, std::size_t at);

// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text);

// Bidirectional controls (U+202A-202E, U+2066-2069, U+200E/200F, U+061C):
// text that reads differently from its bytes (Trojan Source, CVE-2021-42574).
bool is_bidi_control(char32_t c);

// The text with each invalid byte replaced by <XX> (its hex value).
std::string valid_utf8(std::string_view text);

// valid_utf8, and every C0 or C1 control (but tab and, with keep_newlines,
// LF), DEL and bidi control shown as <U+XXXX>: safe for a terminal.
std::string terminal_text(std::string_view text, bool keep_newlines = false);

}  // namespace luohu
