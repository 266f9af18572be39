// The city registry: authoritative facts about each city (code, names,
// province, level, urban resident population) loaded from YAML. A city's
// tier is derived here from its population, never taken from its policy.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "util/load_error.hpp"

namespace luohu {

struct City {
  std::string code;
  std::string name_zh, name_en;
  std::string province_zh, province_en;
  std::string level;     // municipality | sub_provincial | prefecture | county
  bool capital = false;  // provincial capital
  // Urban resident population: an exact figure, or a sourced band
  // [population_min, population_max) when only the census tier list is known.
  std::optional<std::int64_t> population;
  std::int64_t population_min = 0;
  std::optional<std::int64_t> population_max;  // exclusive
  bool population_known = false;               // figure or band given
  int population_year = 0;
  std::string population_source;  // the source's title
  std::optional<double> registered_share;
  std::string note;
  std::optional<std::string> tier;  // derived; empty if the band spans tiers or nothing is known
  int line = 0;                     // where the entry starts in the registry file

  // levels for rule applicability: level, plus provincial_capital when capital.
  std::vector<std::string> levels() const;
};

// The city tiers of the 2014 standard (国发〔2014〕51号), largest first, each
// with its lower bound of urban residents: the one definition of the tier ids,
// their order and thresholds (the vocabulary gives their names; a test checks
// that the two agree).
struct TierBand {
  const char* id;
  std::int64_t min;
};
const std::vector<TierBand>& tier_bands();
// The administrative levels a registry entry may have (the vocabulary's
// `level` terms, less provincial_capital, which `capital` gives).
const std::vector<std::string>& city_levels();

// "以上包括本数，以下不包括本数".
std::string tier_for_population(std::int64_t urban_residents);
// The tier every population in [min, max) falls in, if there is one.
std::optional<std::string> tier_for_band(std::int64_t min, std::optional<std::int64_t> max);

class Registry {
 public:
  const City* find(const std::string& code) const;
  const std::vector<City>& cities() const { return cities_; }
  const std::string& path() const { return path_; }
  const std::string& version() const { return version_; }
  std::vector<std::string> codes() const;

  // All-or-nothing: a registry with any error is refused whole.
  static std::optional<Registry> load(const std::string& path, std::vector<LoadError>& errors);
  static std::optional<Registry> load_text(const std::string& text, const std::string& path,
                                           std::vector<LoadError>& errors);
  // Cities already validated by load_text (the start-up snapshot); rebuilds the index.
  static Registry from_cities(std::string path, std::string version, std::vector<City> cities);

 private:
  std::string path_;
  std::string version_;
  std::vector<City> cities_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace luohu
