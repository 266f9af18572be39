#include "util/yaml_text.hpp"

namespace luohu {

std::optional<YAML::Node> parse_yaml(const std::string& text, const std::string& path, std::vector<LoadError>& errors) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    errors.push_back({path, e.mark.line + 1, e.mark.column + 1, {"YAML 语法错误：" + e.msg, "YAML syntax error: " + e.msg}});
    return std::nullopt;
  }
}

}  // namespace luohu
