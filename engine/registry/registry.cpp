#include "registry/registry.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "util/yaml_text.hpp"
#include "util/file_io.hpp"

namespace luohu {

std::vector<std::string> City::levels() const {
  std::vector<std::string> out{level};
  if (capital) out.push_back("provincial_capital");
  return out;
}

const std::vector<TierBand>& tier_bands() {
  static const std::vector<TierBand> bands = {
      {"supercity", 10'000'000}, {"megacity", 5'000'000}, {"large_i", 3'000'000}, {"large_ii", 1'000'000},
      {"medium", 500'000},       {"small_i", 200'000},    {"small_ii", 0},
  };
  return bands;
}

const std::vector<std::string>& city_levels() {
  static const std::vector<std::string> levels = {"municipality", "sub_provincial", "prefecture", "county"};
  return levels;
}

std::string tier_for_population(std::int64_t n) {
  for (const auto& band : tier_bands()) {
    if (n >= band.min) return band.id;
  }
  return tier_bands().back().id;
}

std::optional<std::string> tier_for_band(std::int64_t min, std::optional<std::int64_t> max) {
  std::string low = tier_for_population(min);
  std::int64_t top = max ? *max - 1 : std::numeric_limits<std::int64_t>::max();
  if (top < min) return std::nullopt;
  if (tier_for_population(top) != low) return std::nullopt;
  return low;
}

const City* Registry::find(const std::string& code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &cities_[it->second];
}

Registry Registry::from_cities(std::string path, std::string version, std::vector<City> cities) {
  Registry registry;
  registry.path_ = std::move(path);
  registry.version_ = std::move(version);
  registry.cities_ = std::move(cities);
  for (std::size_t i = 0; i < registry.cities_.size(); ++i) registry.index_.emplace(registry.cities_[i].code, i);
  return registry;
}

std::vector<std::string> Registry::codes() const {
  std::vector<std::string> out;
  for (const auto& c : cities_) out.push_back(c.code);
  return out;
}

namespace {

class Reader {
 public:
  Reader(std::string path, std::vector<LoadError>& errors) : path_(std::move(path)), errors_(errors) {}

  void error(const YAML::Node& node, Message m) {
    auto mark = node.Mark();
    errors_.push_back({path_, mark.line + 1, mark.column + 1, std::move(m)});
  }

  std::optional<std::string> string(const YAML::Node& parent, const char* key, bool required = true) {
    YAML::Node n = parent[key];
    if (!n) {
      if (required)
        error(parent, {fmt::format("缺少字段“{}”", key), fmt::format("missing field '{}'", key)});
      return std::nullopt;
    }
    if (!n.IsScalar()) {
      error(n, {fmt::format("字段“{}”应为字符串", key), fmt::format("field '{}' must be a string", key)});
      return std::nullopt;
    }
    return n.Scalar();
  }

  std::optional<std::int64_t> integer(const YAML::Node& n, const char* key) {
    try {
      return n.as<std::int64_t>();
    } catch (const YAML::Exception&) {
      error(n, {fmt::format("字段“{}”应为整数，实为“{}”", key, n.IsScalar() ? n.Scalar() : "…"),
                fmt::format("field '{}' must be an integer, not '{}'", key, n.IsScalar() ? n.Scalar() : "...")});
      return std::nullopt;
    }
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<LoadError>& errors_;
};

void read_names(Reader& r, const YAML::Node& entry, const char* key, std::string& zh, std::string& en) {
  YAML::Node n = entry[key];
  if (!n || !n.IsMap()) {
    r.error(n ? n : entry, {fmt::format("字段“{}”应为 {{zh: …, en: …}}", key),
                            fmt::format("field '{}' must be a map {{zh: ..., en: ...}}", key)});
    return;
  }
  if (auto v = r.string(n, "zh")) zh = *v;
  if (auto v = r.string(n, "en")) en = *v;
}

void read_population(Reader& r, const YAML::Node& entry, City& city) {
  YAML::Node n = entry["urban_population"];
  if (!n) {
    r.error(entry, {"缺少字段“urban_population”（未知时写 unknown）",
                    "missing field 'urban_population' (write unknown when it is not known)"});
    return;
  }
  if (n.IsScalar() && n.Scalar() == "unknown") return;
  if (n.IsMap()) {
    for (auto kv : n) {
      auto key = kv.first.Scalar();
      if (key != "at_least" && key != "below")
        r.error(kv.first, {fmt::format("人口区间只能有 at_least 与 below，而非“{}”", key),
                           fmt::format("a population band has only at_least and below, not '{}'", key)});
    }
    if (n["at_least"]) {
      if (auto v = r.integer(n["at_least"], "at_least")) city.population_min = *v;
    }
    if (n["below"]) {
      if (auto v = r.integer(n["below"], "below")) city.population_max = *v;
    }
    if (!n["at_least"] && !n["below"]) {
      r.error(n, {"人口区间至少需要 at_least 或 below", "a population band needs at_least or below"});
      return;
    }
    city.population_known = true;
    city.tier = tier_for_band(city.population_min, city.population_max);
    if (!city.tier)
      r.error(n, {"人口区间跨越多个城市规模，无法确定规模", "the population band spans several tiers"});
    return;
  }
  auto v = r.integer(n, "urban_population");
  if (!v) return;
  if (*v < 0 || *v > 100'000'000) {
    r.error(n, {fmt::format("城区常住人口 {} 不合理", *v), fmt::format("urban population {} is implausible", *v)});
    return;
  }
  city.population = *v;
  city.population_min = *v;
  city.population_max = *v + 1;
  city.population_known = true;
  city.tier = tier_for_population(*v);
}

}  // namespace

std::optional<Registry> Registry::load(const std::string& path, std::vector<LoadError>& errors) {
  auto read = read_regular_file(path, kMaxDataFileBytes);
  if (!read.ok()) {
    errors.push_back({path, 0, 0, {"无法读取城市登记表文件：" + read.reason_zh(), "cannot read the city registry file: " + read.reason_en()}});
    return std::nullopt;
  }
  return load_text(*read.text, path, errors);
}

std::optional<Registry> Registry::load_text(const std::string& text, const std::string& path,
                                            std::vector<LoadError>& errors) {
  std::size_t errors_before = errors.size();
  auto parsed = parse_yaml(text, path, errors);
  if (!parsed) return std::nullopt;
  YAML::Node root = *parsed;
  Reader r(path, errors);
  if (!root.IsMap()) {
    errors.push_back({path, 1, 1, {"城市登记表应为映射，含 version、sources、cities", "the registry must be a map with version, sources and cities"}});
    return std::nullopt;
  }
  Registry registry;
  registry.path_ = path;
  if (auto v = r.string(root, "version")) registry.version_ = *v;

  std::map<std::string, std::string> sources;
  YAML::Node source_nodes = root["sources"];
  if (source_nodes && source_nodes.IsMap()) {
    for (auto kv : source_nodes) {
      auto title = kv.second.IsMap() ? r.string(kv.second, "title") : std::nullopt;
      sources[kv.first.Scalar()] = title.value_or(kv.first.Scalar());
    }
  } else {
    r.error(source_nodes ? source_nodes : root, {"缺少 sources（数据来源）映射", "missing the sources map"});
  }

  YAML::Node list = root["cities"];
  if (!list || !list.IsSequence()) {
    r.error(list ? list : root, {"缺少 cities 列表", "missing the cities list"});
    return std::nullopt;
  }
  const std::set<std::string> levels(city_levels().begin(), city_levels().end());
  for (const auto& entry : list) {
    if (!entry.IsMap()) {
      r.error(entry, {"每个城市条目应为映射", "each city entry must be a map"});
      continue;
    }
    City city;
    city.line = entry.Mark().line + 1;
    if (auto code = r.string(entry, "code")) {
      bool six_digits = code->size() == 6 && code->find_first_not_of("0123456789") == std::string::npos;
      if (!six_digits)
        r.error(entry["code"], {fmt::format("行政区划代码“{}”应为6位数字", *code),
                                fmt::format("administrative division code '{}' must be 6 digits", *code)});
      city.code = *code;
    }
    read_names(r, entry, "name", city.name_zh, city.name_en);
    read_names(r, entry, "province", city.province_zh, city.province_en);
    if (auto level = r.string(entry, "level")) {
      if (!levels.count(*level))
        r.error(entry["level"], {fmt::format("未知的行政级别“{}”（应为 municipality、sub_provincial、prefecture 或 county）", *level),
                                 fmt::format("unknown level '{}' (expected municipality, sub_provincial, prefecture or county)", *level)});
      city.level = *level;
    }
    if (entry["capital"]) {
      try {
        city.capital = entry["capital"].as<bool>();
      } catch (const YAML::Exception&) {
        r.error(entry["capital"], {"capital 应为 true 或 false", "capital must be true or false"});
      }
    }
    read_population(r, entry, city);
    if (city.population_known) {
      if (entry["population_year"]) {
        if (auto y = r.integer(entry["population_year"], "population_year")) city.population_year = static_cast<int>(*y);
      }
      if (auto src = r.string(entry, "population_source")) {
        auto it = sources.find(*src);
        if (it == sources.end())
          r.error(entry["population_source"], {fmt::format("未在 sources 中定义的来源“{}”", *src),
                                               fmt::format("source '{}' is not defined under sources", *src)});
        else
          city.population_source = it->second;
      }
    }
    if (YAML::Node share = entry["registered_share"]; share && !(share.IsScalar() && share.Scalar() == "unknown")) {
      try {
        double v = share.as<double>();
        if (v <= 0 || v > 1)
          r.error(share, {"registered_share 应在 0 与 1 之间", "registered_share must be between 0 and 1"});
        else
          city.registered_share = v;
      } catch (const YAML::Exception&) {
        r.error(share, {"registered_share 应为数字或 unknown", "registered_share must be a number or unknown"});
      }
    }
    if (auto note = r.string(entry, "note", false)) city.note = *note;
    if (!city.code.empty()) {
      if (registry.index_.count(city.code)) {
        r.error(entry["code"], {fmt::format("行政区划代码“{}”重复", city.code),
                                fmt::format("duplicate administrative division code '{}'", city.code)});
        continue;
      }
      registry.index_[city.code] = registry.cities_.size();
      registry.cities_.push_back(std::move(city));
    }
  }
  if (errors.size() != errors_before) return std::nullopt;
  return registry;
}

}  // namespace luohu
