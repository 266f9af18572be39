// The Chinese prose of the rule pack reads as written: no space between two
// Chinese characters or full-width punctuation marks (a YAML folded scalar
// puts one at every line break, e.g. "与副省级 省会同级").
#include <catch2/catch.hpp>

#include <string>

#include "support.hpp"

using namespace luohu;

namespace {

// Decodes one UTF-8 code point at s[i], advancing i; U+FFFD on a bad byte.
char32_t next_code_point(const std::string& s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool wide(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) ||  // CJK punctuation 、。《》「」
         (c >= 0x3400 && c <= 0x9FFF) ||  // CJK ideographs
         (c >= 0xFF00 && c <= 0xFFEF) ||  // full-width forms （），；：
         c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x2026 || c == 0x2014;  // “”‘’…—
}

// The first "X Y" with X and Y wide and only spaces between, or "".
std::string stray_space(const std::string& text) {
  std::size_t i = 0, last_start = 0;
  char32_t last = 0;
  bool spaces = false;
  while (i < text.size()) {
    std::size_t start = i;
    char32_t c = next_code_point(text, i);
    if (c == U' ') {
      spaces = true;
      continue;
    }
    if (spaces && wide(last) && wide(c)) return text.substr(last_start, i - last_start);
    last = c;
    last_start = start;
    spaces = false;
  }
  return {};
}

}  // namespace

TEST_CASE("the stray-space check finds a folded line break and passes clean prose", "[rules][prose]") {
  CHECK(stray_space("与副省级 省会同级") == "级 省");
  CHECK(stray_space("按警告报告， 指向两条") == "， 指");
  CHECK(stray_space("由 T3-CHANNEL-MISSING 提示") == "");  // a space beside Latin text is typography
  CHECK(stray_space("社会保险 >= 3 年") == "");
  CHECK(stray_space("与副省级省会同级") == "");
}

TEST_CASE("no zh text of a rule has a space between two Chinese characters", "[rules][prose]") {
  const auto& pack = test::bundled().rules;
  REQUIRE(!pack.rules.empty());
  for (const auto& rule : pack.rules) {
    INFO(rule.id);
    CHECK(stray_space(rule.title.zh) == "");
    CHECK(stray_space(rule.reading.zh) == "");
    CHECK(stray_space(rule.message_zh_text) == "");
  }
  for (const auto& reading : pack.readings) {
    INFO(reading.id);
    CHECK(stray_space(reading.text.zh) == "");
  }
  for (const auto& task : pack.tasks) {
    INFO("task " << task.number);
    CHECK(stray_space(task.reason.zh) == "");
  }
}
