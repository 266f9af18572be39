// What the speed work on the model relies on: every schema field has a
// FieldId that field_ref answers exactly as field(name) does, cached values
// stay put, and the pathway analysis runs only when something reads it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "graph/pathways.hpp"
#include "model/builder.hpp"
#include "model/field_id.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"

using namespace luohu;

namespace {

const char* kPolicy = R"(城市 530400;
标题 “示例”;
区域 红塔区 主城区;
渠道 务工落户 {
  对象 常住人口;
  随迁 配偶;
  条件 { 合法稳定就业; 社会保险 >= 1 年; }
}
渠道 技能落户 {
  对象 技术工人;
  区域 红塔区;
  条件 { 合法稳定就业 >= 2 年; 社会保险 >= 2 年; 任一 { 技能等级 >= 高级工; 持有居住证 >= 1 年; } }
}
渠道 矛盾 {
  对象 高校毕业生;
  条件 { 年龄 <= 30 岁; 年龄 >= 40 岁; }
}
积分 {
  因素 社会保险 权重 3 上限 60;
  分值线 100;
}
居住证 {
  条件 { 连续居住 >= 6 个月; }
  义务教育 享有;
}
公共服务 {
  住房保障 同等;
}
农村权益退出 本集体经济组织;
)";

// Every object of the model reachable from the policy, with its type's fields.
void objects_of(const ModelObject* o, std::vector<const ModelObject*>& out) {
  if (!o || std::find(out.begin(), out.end(), o) != out.end()) return;
  out.push_back(o);
  const ObjectSchema* schema = policy_schema().find(o->type_name());
  REQUIRE(schema);
  for (const auto& [name, type] : schema->fields) {
    Value v = o->field(name);
    if (v.is_object()) objects_of(v.as_object(), out);
    if (v.is_list()) {
      for (const auto& e : v.as_list()) {
        if (e.is_object()) objects_of(e.as_object(), out);
      }
    }
  }
}

}  // namespace

TEST_CASE("every field of every schema type has a FieldId", "[perf][model]") {
  for (const auto& [type, object] : policy_schema().types()) {
    for (const auto& [name, field_type] : object.fields) {
      INFO(type << "." << name);
      FieldId id = field_id(name);
      CHECK(id != FieldId::none);
      CHECK(field_name(id) == name);
    }
  }
  CHECK(field_id("no_such_field") == FieldId::none);
  CHECK(field_name(FieldId::none).empty());
}

TEST_CASE("field_ref by id answers as field by name, and cached values stay put", "[perf][model]") {
  auto b = test::build(kPolicy);
  REQUIRE(b.result.ok());
  analyse_pathways(*b.result.policy);  // the route, group and conflict objects
  std::vector<const ModelObject*> all;
  objects_of(b.result.policy.get(), all);
  std::set<std::string_view> types;
  for (const ModelObject* o : all) types.insert(o->type_name());
  // Every type the schema describes is exercised.
  for (const auto& [type, object] : policy_schema().types()) {
    INFO(type);
    CHECK(types.count(type) == 1);
  }
  for (const ModelObject* o : all) {
    for (const auto& [name, type] : policy_schema().find(o->type_name())->fields) {
      INFO(o->type_name() << "." << name);
      Value tmp;
      const Value& first = o->field_ref(field_id(name), tmp);
      CHECK(first == o->field(name));
      if (first.is_list() || first.is_string()) {
        Value tmp2;
        CHECK(&o->field_ref(field_id(name), tmp2) == &first);  // built once, handed out by reference
      }
    }
    Value tmp;
    CHECK(o->field_ref(FieldId::none, tmp).is_null());
  }
}

TEST_CASE("the checker runs the pathway analysis only when a rule to run reads a pathway field", "[perf][graph]") {
  const auto& rules = test::bundled().rules;
  Checker checker(test::bundled().registry, rules);
  auto b = test::build(kPolicy);
  REQUIRE(b.result.ok());
  PolicyModel& p = *b.result.policy;
  CHECK_FALSE(p.pathways_analysed());

  // A rule reading only channels and their targets.
  const Rule* plain = rules.find("T2-KEY-GROUP-CHANNEL");
  REQUIRE(plain);
  CHECK_FALSE(checker.rule_reads_pathways(*plain));
  checker.evaluate(p, plain);
  CHECK_FALSE(p.pathways_analysed());

  // A rule reading policy.conflicts.
  const Rule* shadowed = rules.find("T2-SHADOWED-CHANNEL");
  REQUIRE(shadowed);
  CHECK(checker.rule_reads_pathways(*shadowed));
  auto findings = checker.evaluate(p, shadowed);
  CHECK(p.pathways_analysed());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "T2-SHADOWED-CHANNEL");
  const auto* routes = &p.pathways().routes;
  checker.evaluate(p, shadowed);  // analysed once
  CHECK(&p.pathways().routes == routes);
  CHECK(p.channels[0]->graph().route == p.pathways().routes[0].get());
}

TEST_CASE("the whole pack finds the same with the analysis run by the checker as with it run first", "[perf][graph]") {
  Checker checker(test::bundled().registry, test::bundled().rules);
  auto by_checker = test::build(kPolicy);
  auto first = test::build(kPolicy);
  analyse_pathways(*first.result.policy);
  auto a = checker.evaluate(*by_checker.result.policy);
  auto e = checker.evaluate(*first.result.policy);
  REQUIRE(a.size() == e.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].code == e[i].code);
    CHECK(a[i].message.en == e[i].message.en);
    CHECK(a[i].range.begin == e[i].range.begin);
  }
}
