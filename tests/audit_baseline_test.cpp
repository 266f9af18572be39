// Comparing audits: new, fixed and unchanged findings, keyed so that moving
// a clause down a few lines leaves it unchanged.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "audit/baseline.hpp"
#include "audit/summary.hpp"
#include "audit_support.hpp"
#include "report/audit_reports.hpp"

using namespace luohu;
using namespace luohu::test;

namespace {

// 洛阳 (type-II large): points under 3 million (T8) and house purchase (T7) in round 1.
const char* kRound1 = R"(城市 410300 洛阳市;
渠道 重点群体 {
  对象 高校毕业生, 技术工人, 职业院校毕业生, 留学归国人员;
}
渠道 购房落户 {
  对象 常住人口;
  条件 {
    购买房屋 面积 >= 90 平方米;
  }
}
渠道 务工 {
  对象 农业转移人口;
  条件 {
    社会保险 >= 6 年;
  }
}
)";

// Round 2: comment lines inserted above everything, the purchase channel
// dropped (fixed), insurance unchanged, a tax condition added (new).
const char* kRound2 = R"(# 2024 修订
# 见文号
城市 410300 洛阳市;
渠道 重点群体 {
  对象 高校毕业生, 技术工人, 职业院校毕业生, 留学归国人员;
}
渠道 务工 {
  对象 农业转移人口;
  条件 {
      社会保险   >= 6 年;
    纳税 >= 1 万元;
  }
}
)";

audit::AuditResult audit_text(const std::string& dir_name, const std::string& text) {
  Checker checker(bundled().registry, fixture_rules());
  auto dir = audit_dir(dir_name);
  auto path = write_file(dir / "luoyang.luohu", text);
  auto r = audit::run(checker, {path});
  r.provenance = audit::provenance(bundled().registry, fixture_rules(), {dir.string()});
  return r;
}

std::string json_of(const audit::AuditResult& r) {
  auto s = audit::summarize(r, fixture_rules());
  return render_audit_json({r, s, fixture_rules(), Lang::en});
}

std::map<std::string, std::string> statuses(const audit::AuditResult& r) {
  std::map<std::string, std::string> out;
  for (const auto& f : r.files[0].findings) out[f.rule + "@" + std::to_string(f.line)] = audit::status_name(f.status);
  for (const auto& p : r.past) out[p.finding.rule + "@" + std::to_string(p.finding.line)] = audit::status_name(p.finding.status);
  return out;
}

}  // namespace

TEST_CASE("audit baseline: new, fixed and unchanged across a line shift", "[audit][baseline]") {
  auto first = audit_text("round1", kRound1);
  auto rules1 = statuses(first);
  REQUIRE(rules1.count("T7-PURCHASE-INVEST-TAX@8"));
  REQUIRE(rules1.count("T9-SOCIAL-INSURANCE-LARGE@14"));
  auto baseline = audit::parse_baseline(json_of(first), "round1.json");

  auto second = audit_text("round2", kRound2);
  audit::compare(second, baseline);
  auto s = statuses(second);
  // Same clause two lines lower, spaces changed: unchanged.
  CHECK(s["T9-SOCIAL-INSURANCE-LARGE@10"] == "unchanged");
  CHECK(s["T7-PURCHASE-INVEST-TAX@11"] == "new");
  CHECK(s["T7-PURCHASE-INVEST-TAX@8"] == "fixed");
  auto summary = audit::summarize(second, fixture_rules());
  CHECK(summary.fixed == 1);
  CHECK(summary.unverified == 0);
  CHECK(summary.new_findings + summary.unchanged == second.files[0].findings.size());

  auto j = nlohmann::json::parse(json_of(second));
  CHECK(j["baseline"]["path"] == "round1.json");
  CHECK(j["summary"]["baseline"]["fixed"] == 1);
  REQUIRE(j["gone"].size() == 1);
  CHECK(j["gone"][0]["status"] == "fixed");
  CHECK(j["gone"][0]["clause"] == "购买房屋 面积 >= 90 平方米;");
  CHECK(j["gone"][0]["city"]["code"] == "410300");
}

TEST_CASE("audit baseline: the same clause twice pairs off one to one", "[audit][baseline]") {
  std::string twice = std::string(kRound1) + "渠道 购房二 {\n  对象 常住人口;\n  条件 {\n    购买房屋 面积 >= 90 平方米;\n  }\n}\n";
  auto first = audit_text("once", kRound1);
  auto second = audit_text("twice", twice);
  audit::compare(second, audit::parse_baseline(json_of(first), "once.json"));
  std::size_t unchanged = 0, fresh = 0;
  for (const auto& f : second.files[0].findings) {
    if (f.rule != "T7-PURCHASE-INVEST-TAX") continue;
    unchanged += f.status == audit::Status::unchanged;
    fresh += f.status == audit::Status::new_finding;
  }
  CHECK(unchanged == 1);
  CHECK(fresh == 1);
}

TEST_CASE("audit baseline: a city that could not be checked now is unverified, not fixed", "[audit][baseline]") {
  auto first = audit_text("ok", kRound1);
  auto second = audit_text("broken-now", "城市 410300 洛阳市;\n渠道 {\n");
  audit::compare(second, audit::parse_baseline(json_of(first), "ok.json"));
  REQUIRE_FALSE(second.past.empty());
  for (const auto& p : second.past) CHECK(p.finding.status == audit::Status::unverified);
}

TEST_CASE("audit baseline: a file that is not an audit report is refused clearly", "[audit][baseline]") {
  Message error;
  CHECK_FALSE(audit::load_baseline(write_file(audit_dir("bad-baseline") / "x.json", "{\"files\": 3}"), error));
  CHECK_THAT(error.en, Catch::Contains("not a luohu audit JSON report"));
  CHECK_FALSE(audit::load_baseline("/nonexistent/old.json", error));
  CHECK_THAT(error.en, Catch::Contains("cannot read the baseline file"));
}
