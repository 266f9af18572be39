#include "cli/options.hpp"

#include <iostream>

namespace luohu::cli {

std::optional<ProjectConfig> load_config_or_report(const GlobalOptions& global, Lang& lang) {
  // main.cpp read it (found upward from the command's first path) and refused a malformed one.
  lang = global.language();
  return global.project;
}

}  // namespace luohu::cli
