// Fixtures for the audit tests: a fresh folder of policy files per test.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "support.hpp"

namespace luohu::test {

// A new empty folder under the temp dir, unique to this process and name.
inline std::filesystem::path audit_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("luohu-audit-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path.generic_string();
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A small fixed rule pack (pack.yaml, T7, the two T9 rules) copied from
// rules/, so the audit tests' counts do not move as the bundled pack grows.
inline std::string fixture_rules_dir() {
  static const std::string dir = [] {
    auto d = audit_dir("fixture-rules");
    for (const char* name : {"pack.yaml", "T7-PURCHASE-INVEST-TAX.yaml", "T9-SOCIAL-INSURANCE-LARGE.yaml",
                             "T9-SOCIAL-INSURANCE-MEDIUM.yaml"})
      std::filesystem::copy_file(source_path(std::string("rules/") + name), d / name);
    std::filesystem::create_directories(d / "documents");  // the seed document the rules cite
    std::filesystem::copy_file(source_path("rules/documents/guobanfa-2016-72.yaml"), d / "documents" / "guobanfa-2016-72.yaml");
    return d.string();
  }();
  return dir;
}

inline const RulePack& fixture_rules() {
  static const RulePack pack = [] {
    std::vector<LoadError> errors;
    auto loaded = load_rule_pack(fixture_rules_dir(), errors);
    if (!loaded) throw std::runtime_error("the fixture rule pack failed to load: " + (errors.empty() ? "" : errors[0].format(Lang::en)));
    return std::move(*loaded);
  }();
  return pack;
}

// Registry cities of prefecture level and above: what the audit expects a policy for by default.
// Cities of prefecture level and above; 地区, 自治州 and 盟 are not cities and never missing.
inline std::size_t prefecture_cities() {
  const auto& cities = bundled().registry.cities();
  return std::count_if(cities.begin(), cities.end(), [](const City& c) { return c.level != "county" && c.is_city(); });
}

// 曲靖 (medium city): social insurance 48 months, over the medium-city cap of 3 years, on line 9.
inline const char* kQujing = R"(城市 530300 曲靖市;
渠道 重点群体落户 {
  对象 高校毕业生、技术工人、职业院校毕业生、留学归国人员;
}
渠道 务工人员落户 {
  对象 农业转移人口;
  条件 {
    合法稳定就业;
      社会保险 >= 48 个月;
  }
}
)";
inline const char* kQujingClause = "社会保险 >= 48 个月;";

// 常德 (medium city) within the cap.
inline const char* kChangde = R"(城市 430700 常德市;
渠道 务工人员落户 {
  对象 农业转移人口、高校毕业生;
  条件 {
    社会保险 >= 3 年;
  }
}
)";

// A policy that does not parse (a channel with no name), naming 鹤岗 first.
inline const char* kBrokenPolicy = "城市 230400 鹤岗市;\n渠道 {\n  对象 高校毕业生;\n}\n";

}  // namespace luohu::test
