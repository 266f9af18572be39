#include "registry/registry.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <set>
#include <stdexcept>
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
  // The last three are divisions that are not cities (地区, 自治州, 盟): a registry row names their seat.
  static const std::vector<std::string> levels = {"municipality", "sub_provincial", "prefecture", "county",
                                                  "prefecture_area", "autonomous_prefecture", "league"};
  return levels;
}

bool City::is_city() const { return level != "prefecture_area" && level != "autonomous_prefecture" && level != "league"; }

std::string City::tier_key() const {
  if (tier) return *tier;
  if (tiers.empty()) return "unknown";
  std::string out;
  for (const auto& t : tiers) out += (out.empty() ? "" : "|") + t;
  return out;
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

std::vector<std::string> tiers_in_band(std::int64_t min, std::optional<std::int64_t> max) {
  // The tier bounds, largest first; a tier is in the band when the band meets [bound, next bound).
  static const std::int64_t bounds[] = {10'000'000, 5'000'000, 3'000'000, 1'000'000, 500'000, 200'000, 0};
  std::vector<std::string> out;
  std::int64_t upper = std::numeric_limits<std::int64_t>::max();
  for (std::int64_t bound : bounds) {
    bool meets = min < upper && (!max || *max > bound);
    if (meets) out.push_back(tier_for_population(bound));
    upper = bound;
  }
  return out;
}

std::optional<bool> tiers_include(const std::vector<std::string>& rule_tiers, const City& city) {
  if (city.tiers.empty()) return std::nullopt;
  std::size_t in = 0;
  for (const auto& t : city.tiers) in += std::find(rule_tiers.begin(), rule_tiers.end(), t) != rule_tiers.end();
  if (in == city.tiers.size()) return true;
  if (in == 0) return false;
  return std::nullopt;
}

const City* Registry::lookup(const std::string& key) const {
  if (const City* c = find(key)) return c;
  const City* found = nullptr;
  auto plain = [](std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  std::string want = plain(key);
  for (const auto& c : cities()) {
    std::string zh = c.name_zh;
    bool same = want == plain(c.name_en) || key == zh ||
                (zh.size() > 3 && zh.compare(zh.size() - 3, 3, "市") == 0 && key == zh.substr(0, zh.size() - 3));
    if (!same) continue;
    if (found) return nullptr;  // two cities of that name (e.g. 泰州/台州 are both Taizhou)
    found = &c;
  }
  return found;
}

const City* Registry::find(const std::string& code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &at(it->second);
}

const City& Registry::at(std::size_t i) const {
  if (lazy_) {
    std::call_once(lazy_->once[i], [&] {
      City city = lazy_->decode(i);
      if (city.code != cities_[i].code) throw std::runtime_error("a decoded city's code is not the one listed for it");
      cities_[i] = std::move(city);
      ++lazy_->decoded;
    });
  }
  return cities_[i];
}

const std::vector<City>& Registry::cities() const {
  if (lazy_) {
    std::call_once(lazy_->all, [&] {
      for (std::size_t i = 0; i < cities_.size(); ++i) at(i);
    });
  }
  return cities_;
}

std::size_t Registry::decoded_cities() const { return lazy_ ? lazy_->decoded.load() : cities_.size(); }

Registry Registry::from_codes(std::string path, std::string version, std::vector<std::string> codes,
                              std::function<City(std::size_t)> decode, ExclusionReading exclusion) {
  std::vector<City> slots(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) slots[i].code = std::move(codes[i]);
  Registry registry = from_cities(std::move(path), std::move(version), std::move(slots), std::move(exclusion));
  registry.lazy_ = std::make_unique<Lazy>();
  registry.lazy_->decode = std::move(decode);
  registry.lazy_->once = std::make_unique<std::once_flag[]>(registry.cities_.size());
  return registry;
}

Registry Registry::from_cities(std::string path, std::string version, std::vector<City> cities,
                               ExclusionReading exclusion) {
  Registry registry;
  registry.exclusion_ = std::move(exclusion);
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
    if (city.population_min < 0 || (city.population_max && *city.population_max <= city.population_min)) {
      r.error(n, {"人口区间为空（below 应大于 at_least）", "the population band is empty (below must exceed at_least)"});
      return;
    }
    city.population_known = true;
    // A band may span tiers (e.g. 小城市, below 50万): rules that treat its tiers alike are decided.
    city.tiers = tiers_in_band(city.population_min, city.population_max);
    city.tier = tier_for_band(city.population_min, city.population_max);
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
  city.tiers = {*city.tier};
}

using Sources = std::map<std::string, SourceRef>;

// A source key, or a list of keys, each defined under `sources`.
std::vector<SourceRef> read_sources(Reader& r, const YAML::Node& n, const Sources& sources, const char* key) {
  std::vector<SourceRef> out;
  auto one = [&](const YAML::Node& k) {
    if (!k.IsScalar()) {
      r.error(k, {fmt::format("字段“{}”应为来源名或来源名列表", key), fmt::format("field '{}' must be a source key or a list of them", key)});
      return;
    }
    auto it = sources.find(k.Scalar());
    if (it == sources.end())
      r.error(k, {fmt::format("未在 sources 中定义的来源“{}”", k.Scalar()),
                  fmt::format("source '{}' is not defined under sources", k.Scalar())});
    else
      out.push_back(it->second);
  };
  if (n.IsSequence()) {
    for (const auto& k : n) one(k);
  } else {
    one(n);
  }
  return out;
}

bool cites(const std::vector<SourceRef>& list, const std::string& key) {
  return std::any_of(list.begin(), list.end(), [&](const SourceRef& s) { return s.key == key; });
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

  Sources sources;
  YAML::Node source_nodes = root["sources"];
  if (source_nodes && source_nodes.IsMap()) {
    for (auto kv : source_nodes) {
      auto title = kv.second.IsMap() ? r.string(kv.second, "title") : std::nullopt;
      auto url = kv.second.IsMap() ? r.string(kv.second, "url", false) : std::nullopt;
      sources[kv.first.Scalar()] = {kv.first.Scalar(), title.value_or(kv.first.Scalar()), url.value_or("")};
    }
  } else {
    r.error(source_nodes ? source_nodes : root, {"缺少 sources（数据来源）映射", "missing the sources map"});
  }
  // The reading behind every band derived by exclusion from the census lists.
  if (YAML::Node ex = root["exclusion"]) {
    if (!ex.IsMap() || !ex["sources"]) {
      r.error(ex, {"exclusion 应为 {zh: …, en: …, sources: […]}", "exclusion must be a map {zh: ..., en: ..., sources: [...]}"});
    } else {
      if (auto v = r.string(ex, "zh")) registry.exclusion_.text.zh = *v;
      if (auto v = r.string(ex, "en")) registry.exclusion_.text.en = *v;
      registry.exclusion_.sources = read_sources(r, ex["sources"], sources, "sources");
    }
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
      if (!levels.count(*level) || *level == "provincial_capital")
        r.error(entry["level"], {fmt::format("未知的行政级别“{}”（应为 municipality、sub_provincial、prefecture、county，"
                                             "或非城市的 prefecture_area、autonomous_prefecture、league）", *level),
                                 fmt::format("unknown level '{}' (expected municipality, sub_provincial, prefecture, county, or "
                                             "for a division that is not a city prefecture_area, autonomous_prefecture, league)", *level)});
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
      if (YAML::Node src = entry["population_source"])
        city.population_sources = read_sources(r, src, sources, "population_source");
      else
        r.error(entry, {"缺少字段“population_source”", "missing field 'population_source'"});
      city.population_basis = r.string(entry, "population_basis", false).value_or(city.population ? "figure" : "list");
      static const std::set<std::string> bases = {"figure", "list", "exclusion", "province_exclusion", "total_bound"};
      if (!bases.count(city.population_basis))
        r.error(entry["population_basis"], {"population_basis 应为 figure、list、exclusion、province_exclusion 或 total_bound",
                                            "population_basis must be figure, list, exclusion, province_exclusion or total_bound"});
      // A bound from the whole city's total is an upper bound only (the 城区 is part of the city).
      if (city.population_basis == "total_bound" && (city.population || city.population_min != 0 || !city.population_max))
        r.error(entry["urban_population"], {"population_basis: total_bound 只给上限：urban_population 应为 {below: N}",
                                            "population_basis: total_bound gives an upper bound only: urban_population must be {below: N}"});
      if (city.population_basis == "exclusion") {
        // A band by exclusion rests on every list it was excluded from.
        for (const auto& s : registry.exclusion_.sources) {
          if (!cites(city.population_sources, s.key))
            r.error(entry["population_source"], {fmt::format("由排除得出的区间须引用 exclusion 的来源“{}”", s.key),
                                                 fmt::format("a band by exclusion must cite the exclusion source '{}'", s.key)});
        }
        if (registry.exclusion_.sources.empty())
          r.error(entry, {"population_basis: exclusion 需要顶层 exclusion 说明", "population_basis: exclusion needs the top-level exclusion reading"});
      }
    }
    if (YAML::Node conflicts = entry["conflicts"]) {
      if (!conflicts.IsSequence()) {
        r.error(conflicts, {"conflicts 应为列表", "conflicts must be a list"});
      } else {
        for (const auto& c : conflicts) {
          if (!c.IsMap() || !c["source"]) {
            r.error(c, {"每个冲突应为 {source: …, says: …}", "each conflict must be {source: ..., says: ...}"});
            continue;
          }
          auto refs = read_sources(r, c["source"], sources, "source");
          auto says = r.string(c, "says");
          if (refs.size() == 1 && says) city.conflicts.push_back({refs[0], *says});
        }
      }
      if (auto d = r.string(entry, "decision")) city.decision = *d;
    }
    if (!city.is_city()) {
      if (city.population_known)
        r.error(entry["urban_population"], {"地区、自治州、盟没有自己的城区：写 unknown，并以 seat 指出驻地城市",
                                            "a 地区, 自治州 or 盟 has no 城区 of its own: write unknown and name its seat city in seat"});
      if (YAML::Node seat = entry["seat"]; seat && seat.IsScalar() && seat.Scalar() != "none" && seat.Scalar() != "unknown")
        city.seat = seat.Scalar();
      else if (!seat)
        r.error(entry, {"地区、自治州、盟须有 seat（驻地城市代码，或 none / unknown）",
                        "a 地区, 自治州 or 盟 needs seat (the code of its seat city, or none / unknown)"});
      if (YAML::Node src = entry["seat_source"]) city.seat_sources = read_sources(r, src, sources, "seat_source");
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
  for (const auto& c : registry.cities_) {
    if (!c.seat) continue;
    const City* seat = registry.find(*c.seat);
    if (!seat || !seat->is_city())
      errors.push_back({path, c.line, 1, {fmt::format("{}的驻地“{}”不是登记表中的城市", c.name_zh, *c.seat),
                                          fmt::format("the seat '{}' of {} is not a city in the registry", *c.seat, c.name_en)}});
  }
  if (errors.size() != errors_before) return std::nullopt;
  return registry;
}

}  // namespace luohu
