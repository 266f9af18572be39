#include "cli/options.hpp"

#include <iostream>

namespace luohu::cli {

std::optional<ProjectConfig> load_config_or_report(const GlobalOptions& global, Lang& lang) {
  lang = global.language();
  std::vector<LoadError> errors;
  auto config = load_project_config(errors);
  if (!config) {
    for (const auto& e : errors) std::cerr << e.format(lang) << "\n";
    return std::nullopt;
  }
  if (global.lang.empty() && config->lang) lang = *config->lang == "zh" ? Lang::zh : Lang::en;
  return config;
}

}  // namespace luohu::cli
