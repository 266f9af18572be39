// luohu city CODE|NAME: one city's registry record, and the tier it gives.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "check/city_record.hpp"

namespace luohu::cli {
namespace {

struct CityOptions {
  std::vector<std::string> keys;
  std::string format = "human";
  CLI::App* app = nullptr;
};

int run_city(const CityOptions& o, const GlobalOptions& global) {
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  Lang lang = global.language();
  const Registry& registry = setup->registry;
  nlohmann::json records = nlohmann::json::array();
  int status = kExitClean;
  bool first = true;
  for (const auto& key : o.keys) {
    const City* c = registry.lookup(key);
    if (!c) {
      std::cerr << (lang == Lang::zh ? fmt::format("城市登记表中没有“{}”（或有多个同名城市：请用6位行政区划代码）\n", key)
                                     : fmt::format("no city '{}' in the registry (or several of that name: give the 6-digit code)\n", key));
      status = kExitInputError;
      continue;
    }
    if (o.format == "json") records.push_back(city_record_json(*c, registry));
    else std::cout << (first ? "" : "\n") << describe_city(*c, registry, lang);
    first = false;
  }
  if (o.format == "json")
    std::cout << nlohmann::json{{"registry", {{"path", registry.path()}, {"version", registry.version()}}}, {"cities", records}}.dump(2) << "\n";
  return status;
}

}  // namespace

Command city_command() {
  auto options = std::make_shared<CityOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions& global) {
    const Help& h = global.help;
    options->app = app.add_subcommand("city", h("显示城市在登记表中的记录：名称、行政级别、人口或人口区间、来源及由此确定的城市规模", "Show a city's registry record: names, level, population or band, its sources and the tier it gives"));
    options->app->add_option("city", options->keys, h("6 位区划代码或名称（如 230400、鹤岗、Hegang）", "6-digit code or name (e.g. 230400, 鹤岗, Hegang)"))->required();
    options->app->add_option("--format", options->format, h("human 或 json", "human or json"))->check(CLI::IsMember({"human", "json"}));
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.run = [options](const GlobalOptions& g) { return run_city(*options, g); };
  return c;
}

}  // namespace luohu::cli
