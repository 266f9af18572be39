// Residence-permit holders' services (《居住证暂行条例》 Arts. 12–13) are
// clauses inside the 居住证 block, modelled for tasks 32–33.
#include <catch2/catch.hpp>

#include "model/builder.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"

using namespace luohu;

namespace {

BuildResult build(const std::string& text) {
  SourceFile source("p.luohu", text);
  auto parsed = syntax::parse(source);
  REQUIRE(parsed.ok());
  return build_policy(parsed.file, test::bundled().registry);
}

std::vector<std::string> codes_at(const FileReport& r, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) {
    if (d.code == code) out.push_back(std::to_string(r.source->location(d.range.begin).line) + ":" + d.message.en);
  }
  return out;
}

}  // namespace

TEST_CASE("permit holders' services are modelled with their treatment", "[rules][permit]") {
  auto b = build(R"(城市 530400;
居住证 {
  条件 { 连续居住 >= 6 个月; }
  义务教育 享有;
  基本公共卫生服务和计划生育服务 同等;
  法律援助 延后 6 个月;
  住房保障 不享有;
}
)");
  REQUIRE(b.ok());
  const auto& s = b.policy->permit->services;
  REQUIRE(s.size() == 4);
  CHECK(s[0]->kind == "compulsory_education");
  CHECK(s[0]->treatment == "equal");
  CHECK(s[1]->kind == "public_health");
  CHECK(s[2]->treatment == "delayed");
  CHECK(*s[2]->delay_years == Approx(0.5));
  CHECK(s[3]->kind == "housing_security");  // a settler service extended to holders
  CHECK(s[3]->treatment == "denied");
  CHECK(b.policy->services.empty());  // the settlers' services block is separate
}

TEST_CASE("an unknown holder service is an error with a suggestion", "[rules][permit][errors]") {
  auto b = build("城市 530400;\n居住证 { 义务教 享有; }\n");
  REQUIRE_FALSE(b.ok());
  CHECK(b.diagnostics[0].code == "unknown-name");
  CHECK(b.diagnostics[0].message.en == "unknown residence-permit holders' service '义务教'; did you mean '义务教育'?");
}

TEST_CASE("task 32-34 rules land on the permit block and its clauses", "[rules][permit]") {
  auto r = test::check(R"(城市 530400;
居住证 {
  条件 {
    连续居住 >= 1 年;
    合法稳定就业;
    社会保险 >= 1 年;
  }
  义务教育 不享有;
}
)");
  REQUIRE_FALSE(r.input_error());
  CHECK(codes_at(r, "T34-PERMIT-RESIDENCE-PERIOD") ==
        std::vector<std::string>{"4:the residence required for a permit (>= 1 years) exceeds the half year of 《居住证暂行条例》"});
  CHECK(codes_at(r, "T34-PERMIT-ONE-OF").size() == 1);
  CHECK(codes_at(r, "T34-PERMIT-EXTRA-CONDITION").size() == 1);
  CHECK(codes_at(r, "T32-PERMIT-SERVICES-DENIED") ==
        std::vector<std::string>{"8:residence-permit holders are entitled to compulsory education by law; it may not be denied"});
  // Five of the six prescribed services are missing: one finding on the block naming all five.
  auto missing = codes_at(r, "T32-PERMIT-SERVICES-MISSING");
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0], Catch::StartsWith("2:") && Catch::Contains("legal aid") && Catch::Contains("conveniences"));
}

TEST_CASE("task 6 states what it could not decide", "[rules][coverage]") {
  // Hangzhou: a megacity whose registered share the registry does not know.
  auto r = test::check("城市 330100;\n渠道 积分 { 对象 常住人口; 指标 100 上年 200; }\n");
  auto notes = codes_at(r, "T6-SHARE-UNKNOWN");
  REQUIRE(notes.size() == 1);
  CHECK(codes_at(r, "T6-QUOTA-SHRINKS").empty());
  // Shenzhen (0.315): the same quota cut is an error.
  auto sz = test::check("城市 440300;\n渠道 积分 { 对象 常住人口; 指标 100 上年 200; }\n");
  CHECK(codes_at(sz, "T6-QUOTA-SHRINKS").size() == 1);
  CHECK(codes_at(sz, "T6-SHARE-UNKNOWN").empty());
}
