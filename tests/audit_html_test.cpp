// The HTML report's pieces that need no browser: the vendored map of China, the language and
// fingerprint in the page, --as-of in the header. (tests/html/*.sh open it in Chromium.)
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "audit/audit.hpp"
#include "audit/summary.hpp"
#include "audit_support.hpp"
#include "report/audit_reports.hpp"
#include "report/china_map.hpp"
#include "util/sha256.hpp"

using namespace luohu;
using namespace luohu::test;

TEST_CASE("china map: one shape for each of the 34 provincial-level divisions, the ten-dash line and the inset",
          "[audit][report][map]") {
  auto map = nlohmann::json::parse(china_map_json());
  // GB/T 2260: 31 mainland provincial-level divisions, Taiwan, Hong Kong and Macao.
  const std::set<std::string> expected = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
                                          "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
                                          "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};
  std::set<std::string> codes;
  for (const auto& p : map["provinces"]) {
    codes.insert(p["code"].get<std::string>());
    CHECK_THAT(p["d"].get<std::string>(), Catch::StartsWith("M"));
    double cx = p["cx"], cy = p["cy"];  // the label lies on the map
    CHECK((cx > 0 && cx < map["width"].get<double>() && cy > 0 && cy < map["height"].get<double>()));
  }
  CHECK(map["provinces"].size() == 34);
  CHECK(codes == expected);
  // The ten dashes are ten closed shapes, in the main map's southern edge and in the inset.
  auto dashes = map["inset"]["dashes"].get<std::string>();
  CHECK(std::count(dashes.begin(), dashes.end(), 'M') >= 10);
  CHECK_THAT(map["border"].get<std::string>(), Catch::StartsWith("M"));
  CHECK(map["inset"]["label_zh"] == "南海诸岛");
  // Where each package's data came from, named with its version and licence.
  CHECK(map["sources"][0]["package"] == "china-geojson@1.0.0");
  CHECK(map["sources"][1]["package"] == "@surbowl/world-geo-json-zh@2.1.5");
  CHECK(map["points"].size() > 300);  // prefecture centres for the cities drawn as points
}

TEST_CASE("audit HTML: the page's language, the inputs' fingerprint and the audit's date", "[audit][report]") {
  Checker checker(bundled().registry, fixture_rules());
  auto dir = audit_dir("html-header");
  auto qujing = write_file(dir / "qujing.luohu", kQujing);
  auto changde = write_file(dir / "changde.luohu", kChangde);
  auto result = audit::run(checker, {qujing, changde});
  result.provenance = audit::provenance(bundled().registry, fixture_rules(), {dir.string()});
  result.provenance.as_of = "2026-12-01";
  auto summary = audit::summarize(result, fixture_rules());
  auto zh = render_audit_html({result, summary, fixture_rules(), Lang::zh});
  auto en = render_audit_html({result, summary, fixture_rules(), Lang::en});
  CHECK_THAT(zh, Catch::Contains("<html lang=\"zh-CN\">") && Catch::Contains("<title>落户政策审计报告</title>"));
  CHECK_THAT(en, Catch::Contains("<html lang=\"en\">"));
  // sha256sum's list of the inputs, in report order.
  std::string manifest;
  for (const auto& f : result.files) manifest += *f.sha256 + "  " + f.path + "\n";
  CHECK_THAT(zh, Catch::Contains("\"inputs_sha256\":\"" + sha256_hex(manifest) + "\""));
  CHECK_THAT(zh, Catch::Contains("\"as_of\":\"2026-12-01\""));
  CHECK_THAT(zh, Catch::Contains("<script type=\"application/json\" id=\"map-data\">"));
  // The national sentence each rule enforces travels with the data, for the city sections.
  auto j = audit_json({result, summary, fixture_rules(), Lang::zh});
  for (const auto& r : j["rules"]) CHECK_FALSE(r["quote"].get<std::string>().empty());
}

TEST_CASE("audit CLI: --as-of states the date, and a date not YYYY-MM-DD is refused", "[audit][cli]") {
  auto dir = audit_dir("cli-as-of");
  write_file(dir / "qujing.luohu", kQujing);
  auto ok = run_luohu({"--rules", fixture_rules_dir(), "audit", dir.string(), "--format", "json", "--as-of", "2026-12-01"});
  CHECK(ok.exit_code == 1);
  CHECK(nlohmann::json::parse(ok.out)["as_of"] == "2026-12-01");
  // Without --as-of, the rules of today (--today here, so the test holds on any day).
  auto none = run_luohu({"--rules", fixture_rules_dir(), "audit", dir.string(), "--format", "json", "--today", "2025-01-02"});
  CHECK(nlohmann::json::parse(none.out)["as_of"] == "2025-01-02");
  CHECK(nlohmann::json::parse(none.out)["documents"] == nlohmann::json::array({"国办发〔2016〕72号"}));
  auto bad = run_luohu({"--rules", fixture_rules_dir(), "audit", dir.string(), "--as-of", "1 December"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("YYYY-MM-DD"));
}
