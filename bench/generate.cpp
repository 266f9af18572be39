#include "generate.hpp"

#include <fmt/format.h>

#include <random>

namespace luohu::bench {
namespace {

template <typename T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

bool chance(std::mt19937_64& rng, double p) { return std::bernoulli_distribution(p)(rng); }

const std::vector<std::string> kComments = {
    "# 依据：市政府关于进一步推进户籍制度改革的实施意见（合成文本，仅供基准测试）",
    "# 核对状态：合成数据，非真实政策",
    "# 说明：条件按公开报道的常见写法组织",
    "# 注：本渠道面向在本市稳定就业的外来人员",
};

std::string key_group_channel(std::mt19937_64& rng) {
  std::string s = "渠道 重点群体落户 {\n  对象 高校毕业生、技术工人、职业院校毕业生、留学归国人员;\n";
  if (chance(rng, 0.3)) s += "  条件 { 任一 { 学历 >= 大专; 技能等级 >= 初级工; } }\n";
  if (chance(rng, 0.1)) s += "  条件 { 社会保险 >= 1 年; }   # 违反任务3（合成）\n";
  s += chance(rng, 0.8) ? "  随迁 配偶、子女、父母;\n}\n\n" : "  随迁 配偶、子女;\n}\n\n";
  return s;
}

std::string worker_channel(std::mt19937_64& rng, std::size_t i) {
  std::string s = i == 0 ? "渠道 务工人员落户 {\n" : fmt::format("渠道 务工人员落户{} {{\n", i);
  s += chance(rng, 0.5) ? "  对象 农业转移人口、普通劳动者;\n" : "  对象 农业转移人口;\n";
  s += "  条件 {\n    合法稳定就业;\n";
  s += chance(rng, 0.7) ? "    合法稳定住所 含租赁;\n" : "    合法稳定住所;\n";
  if (chance(rng, 0.6)) s += fmt::format("    社会保险 >= {} 个月;\n", pick(rng, std::vector<int>{6, 12, 24, 36, 48, 60}));
  if (chance(rng, 0.2)) s += fmt::format("    连续居住 >= {} 年;\n", pick(rng, std::vector<int>{1, 2, 3, 5}));
  if (chance(rng, 0.05)) s += "    购买房屋 面积 >= 90 平方米;\n";
  s += "  }\n  随迁 配偶、子女;\n}\n\n";
  return s;
}

std::string points_block(std::mt19937_64& rng) {
  return fmt::format(
      "积分 {{\n  因素 合法稳定就业 权重 3;\n  因素 合法稳定住所 权重 1;\n  因素 学历 上限 {};\n  因素 年龄 上限 20;\n  指标 {};\n}}\n\n",
      pick(rng, std::vector<int>{20, 30, 37}), pick(rng, std::vector<int>{2000, 6000, 10000}));
}

}  // namespace

std::string generate_policy(const GenCity& city, std::uint64_t seed, std::size_t extra_channels) {
  std::mt19937_64 rng(seed * 1000003u + std::hash<std::string>{}(city.code));
  int year = std::uniform_int_distribution<int>(2016, 2024)(rng);
  std::string s;
  s += fmt::format("# {}（{}）户籍准入（合成政策，luohu-gen 种子 {}）\n", city.name_zh, city.code, seed);
  s += pick(rng, kComments) + "\n" + pick(rng, kComments) + "\n\n";
  s += fmt::format("城市 {} {};\n", city.code, city.name_zh);
  s += fmt::format("标题 “{}关于进一步推进户籍制度改革的实施意见（合成）”;\n", city.name_zh);
  s += fmt::format("文号 “合政发〔{}〕{}号”;\n", year, std::uniform_int_distribution<int>(1, 99)(rng));
  s += fmt::format("施行日期 {}年{}月{}日;\n\n", year, std::uniform_int_distribution<int>(1, 12)(rng),
                   std::uniform_int_distribution<int>(1, 28)(rng));
  s += key_group_channel(rng);
  for (std::size_t i = 0; i <= extra_channels; ++i) s += worker_channel(rng, i);
  if (city.population >= 3000000 && chance(rng, 0.6)) s += points_block(rng);
  s += "居住证 {\n  条件 {\n    连续居住 >= 6 个月;\n    任一 { 合法稳定就业; 合法稳定住所; 连续就读; }\n  }\n";
  s += "  义务教育 享有; 基本公共就业服务 享有; 基本公共卫生服务 享有; 公共文化体育服务 享有; 法律援助 享有; 办事便利 享有;\n}\n\n";
  s += "公共服务 {\n  子女教育 同等;\n  住房保障 同等;\n";
  if (chance(rng, 0.8)) s += "  租赁补贴 同等;\n";
  s += "  住房公积金 同等;\n  医疗保险 同等;\n  养老保险 同等;\n";
  if (chance(rng, 0.9)) s += "  最低生活保障 同等;\n";
  s += "}\n";
  return s;
}

std::vector<GenCity> synthetic_cities(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  // Tier mix roughly like the real registry: mostly small and medium cities.
  const std::vector<std::int64_t> populations = {12000000, 6000000, 4000000, 1500000, 1500000, 700000, 700000,
                                                 700000,   300000,  300000,  300000,  150000,  150000};
  std::vector<GenCity> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    GenCity c;
    c.code = fmt::format("{}", 900001 + i);
    c.name_zh = fmt::format("合成{}市", i + 1);
    c.name_en = fmt::format("Synthetic {}", i + 1);
    c.province_zh = fmt::format("合成{}省", i % 31 + 1);
    c.province_en = fmt::format("Synthetic province {}", i % 31 + 1);
    c.population = pick(rng, populations);
    out.push_back(std::move(c));
  }
  return out;
}

std::string synthetic_registry_yaml(const std::vector<GenCity>& cities) {
  std::string s =
      "# Synthetic registry written by luohu-gen for benchmarks: fake codes 900001.., not real cities.\n"
      "version: \"synthetic\"\nsources:\n  synthetic:\n    title: \"luohu-gen synthetic population\"\ncities:\n";
  for (const auto& c : cities) {
    s += fmt::format(
        "  - code: \"{}\"\n    name: {{zh: {}, en: \"{}\"}}\n    province: {{zh: {}, en: \"{}\"}}\n    level: prefecture\n"
        "    capital: false\n    urban_population: {}\n    population_year: 2020\n    population_source: synthetic\n"
        "    registered_share: unknown\n",
        c.code, c.name_zh, c.name_en, c.province_zh, c.province_en, c.population);
  }
  return s;
}

}  // namespace luohu::bench
