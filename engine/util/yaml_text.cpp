#include "util/yaml_text.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/utf8.hpp"

namespace luohu {

std::optional<YAML::Node> parse_yaml(const std::string& text, const std::string& path, std::vector<LoadError>& errors) {
  // YAML is Unicode text. Invalid UTF-8 in a rule's quote passed the loader
  // and then aborted every JSON report; refuse it here, for every YAML input.
  if (auto bad = first_invalid_utf8(text); bad != std::string::npos) {
    std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    std::size_t start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
    std::size_t column = bad - (start == std::string::npos || bad == 0 ? 0 : start + 1) + 1;
    errors.push_back({path, static_cast<int>(line), static_cast<int>(column),
                      {fmt::format("不是有效的 UTF-8：第 {} 字节（0x{:02X}）无效", bad, static_cast<unsigned char>(text[bad])),
                       fmt::format("not valid UTF-8: invalid byte 0x{:02X} at offset {}", static_cast<unsigned char>(text[bad]), bad)}});
    return std::nullopt;
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    errors.push_back({path, e.mark.line + 1, e.mark.column + 1, {"YAML 语法错误：" + e.msg, "YAML syntax error: " + e.msg}});
    return std::nullopt;
  }
}

}  // namespace luohu
