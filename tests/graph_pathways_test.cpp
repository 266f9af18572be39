// The pathway graph: effective (chained) requirements, reachability,
// impossible and shadowed channels, and the chain findings' locations.
#include <catch2/catch.hpp>

#include <algorithm>

#include "graph/pathway_graph.hpp"
#include "graph/pathways.hpp"
#include "model/builder.hpp"
#include "support.hpp"

using namespace luohu;

namespace {

struct Built {
  std::shared_ptr<SourceFile> source;
  syntax::ParseResult parsed;
  BuildResult built;
};

Built build(const std::string& text) {
  Built b;
  b.source = std::make_shared<SourceFile>("test.luohu", text);
  b.parsed = syntax::parse(*b.source);
  REQUIRE(b.parsed.ok());
  b.built = build_policy(b.parsed.file, test::bundled().registry);
  REQUIRE(b.built.ok());
  analyse_pathways(*b.built.policy);
  return b;
}

const GroupModel& group(const PolicyModel& p, const std::string& id) {
  for (const auto& g : p.pathways().groups) {
    if (g->id == id) return *g;
  }
  FAIL("no group " << id);
  throw;
}

std::string chained(const std::string& code) {
  return "城市 " + code + ";\n"
         "居住证 {\n"
         "  条件 { 连续居住 >= 6 个月; 社会保险 >= 2 年; }\n"  // line 3
         "}\n"
         "渠道 务工落户 {\n"  // line 5
         "  对象 常住人口;\n"
         "  条件 { 合法稳定就业; 持有居住证 >= 3 年; }\n"  // line 7
         "}\n";
}

const Diagnostic* find(const FileReport& r, const std::string& code) {
  auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
  return it == r.diagnostics.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a permit needing 2 years then 3 years holding it is 5 years: flagged in a medium city, passes in a large one",
          "[graph][chain]") {
  auto medium = test::check(chained("530400"));  // 玉溪, medium
  const Diagnostic* d = find(medium, "T9-CHAIN-MEDIUM");
  REQUIRE(d);
  CHECK(d->severity == Severity::error);
  CHECK(medium.source->location(d->range.begin).line == 7);  // the holding clause
  CHECK(d->message.zh.find("累计 5 年") != std::string::npos);
  CHECK(d->message.en.find("5 years of social insurance in all") != std::string::npos);
  // Related locations: the permit's clause, then the channel with the sum.
  REQUIRE(d->related.size() == 2);
  CHECK(medium.source->location(d->related[0].range.begin).line == 3);
  CHECK(d->related[0].message.zh == "居住证申领条件：社会保险 >= 2 年");
  CHECK(medium.source->location(d->related[1].range.begin).line == 5);
  CHECK(d->related[1].message.zh.find("居住证申领 2 年 + 持有居住证 3 年 = 5 年") != std::string::npos);
  // No clause alone is over the cap.
  CHECK_FALSE(find(medium, "T9-SOCIAL-INSURANCE-MEDIUM"));

  auto large = test::check(chained("140100"));  // 太原, large-I: 5 <= 5
  CHECK_FALSE(find(large, "T9-CHAIN-LARGE"));
  CHECK_FALSE(find(large, "T9-CHAIN-MEDIUM"));
  auto large6 = test::check(chained("140100").replace(chained("140100").find("2 年"), 1, "3"));
  CHECK(find(large6, "T9-CHAIN-LARGE"));
}

TEST_CASE("effective requirements are the least over every path (Dijkstra)", "[graph][chain]") {
  auto b = build(
      "城市 530400;\n"
      "居住证 { 条件 { 连续居住 >= 1 年; 社会保险 >= 1 年; } }\n"
      "渠道 持证落户 { 对象 农业转移人口; 条件 { 持有居住证 >= 2 年; 连续居住 >= 2 年; } }\n"
      "渠道 社保落户 { 对象 农业转移人口; 条件 { 社会保险 >= 4 年; 连续居住 >= 5 年; } }\n"
      "渠道 人才 { 对象 高校毕业生; 条件 { 学历 >= 大专; } }\n");
  const auto& p = *b.built.policy;
  const auto& via = *p.channels[0]->graph().route;
  CHECK(via.via_permit);
  CHECK(via.social_insurance_years == 3);  // 1 + 2 held
  CHECK(via.residence_years == 3);         // 1 + 2 held, more than the channel's own 2
  CHECK(via.clauses.size() == 2);
  const auto& direct = *p.channels[1]->graph().route;
  CHECK_FALSE(direct.via_permit);
  CHECK(direct.social_insurance_years == 4);

  const auto& migrants = group(p, "long_term_migrant");  // served through 农业转移人口
  CHECK(migrants.reachable);
  CHECK(migrants.social_insurance_years == 3);
  CHECK(migrants.residence_years == 3);
  REQUIRE(migrants.route);
  CHECK(migrants.route->channel == p.channels[0].get());
  const auto& graduates = group(p, "college_graduate");
  CHECK(graduates.open);
  CHECK(graduates.social_insurance_years == 0);
  const auto& army = group(p, "army_entrant");
  CHECK(army.reachable);
  CHECK_FALSE(group(p, "skilled_worker").reachable);
  CHECK(group(p, "skilled_worker").channels.empty());
}

TEST_CASE("the graph has one status per zone and edges per way of meeting a channel", "[graph]") {
  auto b = build(
      "城市 310000;\n区域 浦东新区 新区;\n区域 黄浦区 主城区;\n"
      "渠道 甲 { 对象 普通劳动者; 区域 浦东新区; 条件 { 任一 { 社会保险 >= 1 年; 持有居住证 >= 2 年; } } }\n");
  Pathways p = build_pathways(*b.built.policy);
  CHECK(boost::num_vertices(p.graph) == 5);  // resident, permit, settled, two zones
  CHECK(p.zones.size() == 2);
  int channel_edges = 0;
  for (auto [e, end] = boost::edges(p.graph); e != end; ++e) {
    if (p.graph[*e].kind == Step::Kind::channel) ++channel_edges;
  }
  CHECK(channel_edges == 2);  // one from the resident, one from the permit holder
  CHECK(p.permit_residence == 0.5);  // no 居住证 block: the regulation's half year
}

TEST_CASE("impossible channels: contradictory bounds, every any_of option", "[graph][conflicts]") {
  auto r = test::check(
      "城市 530400;\n"
      "渠道 青年 {\n"
      "  对象 农业转移人口;\n"
      "  条件 { 年龄 <= 30 岁; 年龄 >= 40 岁; }\n"
      "}\n"
      "渠道 学历 {\n"
      "  对象 常住人口;\n"
      "  条件 { 学历 <= 高中; 任一 { 学历 >= 本科; 学历 > 高中; } }\n"
      "}\n");
  int impossible = 0;
  for (const auto& d : r.diagnostics) {
    if (d.code != "T2-IMPOSSIBLE-CHANNEL") continue;
    ++impossible;
    CHECK(d.related.size() == 2);
  }
  CHECK(impossible == 2);
  auto ok = build("城市 530400;\n渠道 甲 { 对象 常住人口; 条件 { 年龄 <= 30 岁; 任一 { 年龄 >= 40 岁; 年龄 >= 18 岁; } } }\n");
  CHECK(ok.built.policy->channels[0]->graph().possible);
  auto edge = build("城市 530400;\n渠道 甲 { 对象 常住人口; 条件 { 年龄 < 30 岁; 年龄 >= 30 岁; } }\n");
  CHECK_FALSE(edge.built.policy->channels[0]->graph().possible);
}

TEST_CASE("a group whose only channels are impossible is unreachable", "[graph][reachability]") {
  auto r = test::check("城市 530400;\n渠道 甲 {\n  对象 农业转移人口;\n  条件 { 年龄 <= 30 岁; 年龄 >= 40 岁; }\n}\n");
  std::vector<std::string> groups;
  for (const auto& d : r.diagnostics) {
    if (d.code == "T2-GROUP-UNREACHABLE") groups.push_back(d.message.en);
  }
  CHECK(groups.size() == 5);  // one finding per key group of task 2, each naming it
  CHECK(std::any_of(groups.begin(), groups.end(),
                    [](const std::string& m) { return m.find("new-generation migrant workers") != std::string::npos; }));
}

TEST_CASE("shadowed channels: same people and zones, conditions no stricter", "[graph][conflicts]") {
  auto b = build(
      "城市 530400;\n"
      "渠道 宽 { 对象 常住人口; 条件 { 合法稳定就业; 社会保险 >= 1 年; 合法稳定住所 含租赁; } 随迁 配偶; }\n"
      "渠道 严 { 对象 技术工人; 条件 { 合法稳定就业 >= 1 年; 社会保险 > 1 年; 合法稳定住所 不含租赁; } }\n"
      "渠道 带指标 { 对象 技术工人; 条件 { 社会保险 >= 2 年; } }\n"
      "渠道 别处 { 对象 技术工人; 区域 主城区; 条件 { 合法稳定就业; 社会保险 >= 1 年; 合法稳定住所 含租赁; } }\n"
      "渠道 更宽 { 对象 技术工人; 条件 { 合法稳定就业; 社会保险 >= 0.5 年; 合法稳定住所; } }\n");
  const auto& ch = b.built.policy->channels;
  CHECK(ch[1]->graph().shadowed_by == ch[0].get());
  CHECK(ch[2]->graph().shadowed_by == nullptr);  // no employment or residence condition
  CHECK(ch[3]->graph().shadowed_by == ch[0].get());  // a zone is within the whole city
  CHECK(ch[0]->graph().shadowed_by == nullptr);       // serves more people than 更宽
  CHECK(ch[4]->graph().shadowed_by == nullptr);       // weaker than 宽
  auto same = build("城市 530400;\n渠道 甲 { 对象 常住人口; 条件 { 社会保险 >= 1 年; } }\n渠道 乙 { 对象 常住人口; 条件 { 社会保险 >= 1 年; } }\n");
  CHECK(same.built.policy->channels[0]->graph().shadowed_by == nullptr);
  CHECK(same.built.policy->channels[1]->graph().shadowed_by == same.built.policy->channels[0].get());
}
