// The city registry: authoritative facts about each city (code, names,
// province, level, urban resident population) loaded from YAML. A city's
// tier is derived here from its population, never taken from its policy.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "util/load_error.hpp"

namespace luohu {

// A source of the registry (`sources:` in the file), named by its key.
struct SourceRef {
  std::string key, title, url;
  bool operator==(const SourceRef&) const = default;
};

// One source's claim about a city where sources disagree.
struct Conflict {
  SourceRef source;
  std::string says;
  bool operator==(const Conflict&) const = default;
};

struct City {
  std::string code;
  std::string name_zh, name_en;
  std::string province_zh, province_en;
  // municipality | sub_provincial | prefecture | county, or a prefecture-level
  // division that is not a city: prefecture_area (地区) | autonomous_prefecture
  // (自治州) | league (盟).
  std::string level;
  bool capital = false;  // provincial capital
  // Urban resident population: an exact figure, or a sourced band
  // [population_min, population_max) when only the census tier lists are known.
  std::optional<std::int64_t> population;
  std::int64_t population_min = 0;
  std::optional<std::int64_t> population_max;  // exclusive
  bool population_known = false;               // figure or band given
  int population_year = 0;
  // How the figure or band was reached: figure | list (named in a tier list) |
  // exclusion (named in none of the lists; see Registry::exclusion()) |
  // province_exclusion (not in a source's complete lists for its province) |
  // total_bound (below the whole city's census population, of which the 城区 is part).
  std::string population_basis;
  std::vector<SourceRef> population_sources;
  std::vector<Conflict> conflicts;  // sources that disagree, the one taken first
  std::string decision;             // which was taken and why (with conflicts)
  std::optional<double> registered_share;
  std::string note;
  // A division that is not a city: the code of its seat city, if the seat is a city.
  std::optional<std::string> seat;
  std::vector<SourceRef> seat_sources;
  std::optional<std::string> tier;  // derived; empty if the band spans tiers or nothing is known
  std::vector<std::string> tiers;   // every tier the figure or band allows, smallest last; empty if unknown
  int line = 0;                     // where the entry starts in the registry file

  // levels for rule applicability: level, plus provincial_capital when capital.
  std::vector<std::string> levels() const;
  // A city (市), as opposed to a 地区, 自治州 or 盟.
  bool is_city() const;
  // The tier, or for a band the tiers it spans joined by '|' ("small_i|small_ii");
  // "unknown" when nothing is known. label() renders either.
  std::string tier_key() const;
  bool operator==(const City&) const = default;
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
// Every tier some population in [min, max) falls in, largest first.
std::vector<std::string> tiers_in_band(std::int64_t min, std::optional<std::int64_t> max);
// Whether a rule limited to `rule_tiers` binds the city: true when every tier
// the city may be in is one of them, false when none is, nullopt when the
// registry cannot tell (nothing known, or a band the rule splits).
std::optional<bool> tiers_include(const std::vector<std::string>& rule_tiers, const City& city);

// The registry's stated reading for cities named in none of the census lists.
struct ExclusionReading {
  Message text;
  std::vector<SourceRef> sources;
  bool operator==(const ExclusionReading& o) const { return text.zh == o.text.zh && text.en == o.text.en && sources == o.sources; }
};

class Registry {
 public:
  const City* find(const std::string& code) const;
  // By code, or by Chinese or English name (with or without 市); nullptr if none or ambiguous.
  const City* lookup(const std::string& code_or_name) const;
  const std::vector<City>& cities() const;
  const std::string& path() const { return path_; }
  const std::string& version() const { return version_; }
  const ExclusionReading& exclusion() const { return exclusion_; }
  std::vector<std::string> codes() const;

  // All-or-nothing: a registry with any error is refused whole.
  static std::optional<Registry> load(const std::string& path, std::vector<LoadError>& errors);
  static std::optional<Registry> load_text(const std::string& text, const std::string& path,
                                           std::vector<LoadError>& errors);
  // Cities already validated by load_text (the start-up snapshot); rebuilds the index.
  static Registry from_cities(std::string path, std::string version, std::vector<City> cities,
                              ExclusionReading exclusion = {});
  // The same, each city decoded when first asked for (`decode(i)` makes the
  // city of codes[i]): a check of one policy decodes one city of the
  // snapshot, not all (docs/cache.md). Thread-safe; decode may throw
  // std::runtime_error, which the asking call passes on.
  static Registry from_codes(std::string path, std::string version, std::vector<std::string> codes,
                             std::function<City(std::size_t)> decode, ExclusionReading exclusion = {});
  // How many cities have been decoded so far (all, unless from_codes).
  std::size_t decoded_cities() const;

 private:
  struct Lazy {
    std::function<City(std::size_t)> decode;
    std::unique_ptr<std::once_flag[]> once;  // one per city
    std::once_flag all;
    std::atomic<std::size_t> decoded{0};
  };
  const City& at(std::size_t i) const;

  std::string path_;
  std::string version_;
  ExclusionReading exclusion_;
  // Slots made up front (each with its code), so a city's address never
  // moves when others are decoded.
  mutable std::vector<City> cities_;
  std::map<std::string, std::size_t> index_;
  std::unique_ptr<Lazy> lazy_;  // null: every city is decoded
};

}  // namespace luohu
