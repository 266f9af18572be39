// Parsing YAML text with a syntax error reported as a LoadError at its
// line:column: one place for the registry, the rule pack and the config.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "util/load_error.hpp"

namespace luohu {

std::optional<YAML::Node> parse_yaml(const std::string& text, const std::string& path, std::vector<LoadError>& errors);

}  // namespace luohu
