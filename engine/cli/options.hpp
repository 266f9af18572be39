// .luohu.yaml output defaults for a subcommand: read once, applied where the
// command line left an option unset (the command line wins). check and audit
// share this; see docs/waivers.md for what the file may set.
#pragma once

#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "config/project_config.hpp"

namespace luohu::cli {

// The project config, with `lang` set from it unless --lang was given;
// nullopt (its errors printed) when the file is malformed.
std::optional<ProjectConfig> load_config_or_report(const GlobalOptions& global, Lang& lang);

// `target = *value` when the config sets it and `option` was not given.
template <typename T, typename U>
void config_default(const CLI::App& app, const char* option, const std::optional<U>& value, T& target) {
  if (value && app.get_option(option)->count() == 0) target = static_cast<T>(*value);
}

}  // namespace luohu::cli
