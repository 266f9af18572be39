// Waivers (docs/waivers.md): a waived finding is still reported, marked, and
// does not fail the check; malformed, expired and unused waivers are findings.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compose/check.hpp"
#include "report/reporters.hpp"
#include "support.hpp"

using luohu::Diagnostic;
using luohu::FileReport;
using luohu::Severity;

namespace {

// 曲靖 (medium city): line 9 asks for 4 years of social insurance (task 9).
const std::string kHead = R"(城市 530300 曲靖市;
标题 “曲靖市城镇落户管理办法（示例）”;
文号 “曲政发〔2019〕14号”;
施行日期 2019年3月1日;
渠道 务工人员落户 {
  对象 农业转移人口;
  条件 {
    合法稳定就业;
)";
const std::string kInsurance = "    社会保险 >= 48 个月;";
const std::string kTail = R"(
  }
  随迁 配偶、子女;
}
)";
const std::string kRule = "T9-SOCIAL-INSURANCE-MEDIUM";
const std::string kWaiver = "# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=\"山区县用工稳定\" document=\"云政复〔2023〕5号\" date=2023-05-01 expires=2026-12-31";

FileReport check(const std::string& text, const std::string& today = "2024-06-01", bool no_waivers = false) {
  luohu::Checker checker(luohu::test::bundled().registry, luohu::test::bundled().rules);
  checker.waiver_options = {no_waivers, today};
  return luohu::compose::check_text(checker, "waiver.luohu", text);
}

const Diagnostic* find(const FileReport& r, const std::string& code) {
  auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
  return it == r.diagnostics.end() ? nullptr : &*it;
}

std::uint32_t line_of(const FileReport& r, const Diagnostic& d) { return r.source->location(d.range.begin).line; }

}  // namespace

TEST_CASE("without a waiver the finding counts", "[waivers]") {
  auto r = check(kHead + kInsurance + kTail);
  const auto* d = find(r, kRule);
  REQUIRE(d);
  CHECK(line_of(r, *d) == 9);
  CHECK_FALSE(d->waived);
}

TEST_CASE("a waiver on the finding's line marks it waived, still reported, not counted", "[waivers]") {
  auto plain = check(kHead + kInsurance + kTail);
  auto r = check(kHead + kInsurance + "  " + kWaiver + kTail);
  const auto* d = find(r, kRule);
  REQUIRE(d);
  REQUIRE(d->waived);
  CHECK(d->severity == Severity::error);  // severity unchanged
  CHECK(d->waived->reason == "山区县用工稳定");
  CHECK(d->waived->document == "云政复〔2023〕5号");
  CHECK(d->waived->date == "2023-05-01");
  CHECK(d->waived->expires == "2026-12-31");
  CHECK(r.count(Severity::error) == plain.count(Severity::error) - 1);
  CHECK(r.waived() == 1);
  CHECK_FALSE(find(r, "waiver-unused"));
  REQUIRE(r.waivers.size() == 1);
  CHECK(r.waivers[0].uses == 1);

  auto human = luohu::render_human(r, {luohu::Lang::en, false});
  CHECK_THAT(human, Catch::Contains("= waived: 山区县用工稳定 (云政复〔2023〕5号, 2023-05-01, until 2026-12-31)"));
  auto gcc = luohu::render_gcc(r, {luohu::Lang::en, false});
  CHECK_THAT(gcc, Catch::Contains("[T9-SOCIAL-INSURANCE-MEDIUM] (waived: 山区县用工稳定)"));
  auto json = luohu::diagnostic_json(r, *d, luohu::Lang::en);
  CHECK(json["waived"]["document"] == "云政复〔2023〕5号");
  CHECK(json["waived"]["line"] == 9);
}

TEST_CASE("a waiver on the line before covers the next clause — waivers stack", "[waivers]") {
  auto r = check(kHead + "    " + kWaiver + "\n    # 另一注释\n" + kInsurance + kTail);
  const auto* d = find(r, kRule);
  REQUIRE(d);
  CHECK(d->waived);
  // The waiver does not reach two lines down past a clause.
  auto far = check(kHead + "    " + kWaiver + "\n    合法稳定住所;\n" + kInsurance + kTail);
  CHECK_FALSE(find(far, kRule)->waived);
  CHECK(find(far, "waiver-unused"));
}

TEST_CASE("the Chinese form of a waiver", "[waivers]") {
  auto r = check(kHead + kInsurance +
                 "  # luohu: 豁免 T9-SOCIAL-INSURANCE-MEDIUM 理由=“山区县用工稳定” 文号=“云政复〔2023〕5号” 日期=2023-05-01 到期=2026-12-31" +
                 kTail);
  REQUIRE(find(r, kRule)->waived);
  CHECK(find(r, kRule)->waived->reason == "山区县用工稳定");
}

TEST_CASE("an expired waiver is a warning and waives nothing", "[waivers]") {
  auto r = check(kHead + kInsurance + "  " + kWaiver + kTail, "2027-01-01");
  CHECK_FALSE(find(r, kRule)->waived);
  const auto* w = find(r, "waiver-expired");
  REQUIRE(w);
  CHECK(w->severity == Severity::warning);
  CHECK(w->message.en == "the waiver of T9-SOCIAL-INSURANCE-MEDIUM expired on 2026-12-31 (云政复〔2023〕5号); its findings are no longer waived");
  // The expiry day itself is still covered.
  CHECK(find(check(kHead + kInsurance + "  " + kWaiver + kTail, "2026-12-31"), kRule)->waived);
}

TEST_CASE("an unused waiver is a warning", "[waivers]") {
  std::string other = kWaiver;
  other.replace(other.find(kRule), kRule.size(), "T7-PURCHASE-INVEST-TAX");
  auto r = check(kHead + kInsurance + "  " + other + kTail);
  REQUIRE_FALSE(find(r, kRule)->waived);
  const auto* w = find(r, "waiver-unused");
  REQUIRE(w);
  CHECK(w->severity == Severity::warning);
  CHECK(line_of(r, *w) == 9);
  CHECK(w->message.en == "unused waiver: there is no T7-PURCHASE-INVEST-TAX finding on line 9");
}

TEST_CASE("malformed waivers are error findings with the reason", "[waivers]") {
  auto error_of = [](const std::string& waiver) {
    auto r = check(kHead + kInsurance + "  " + waiver + kTail);
    for (const auto& d : r.diagnostics)
      if (d.code.rfind("waiver-", 0) == 0) {
        CHECK(d.severity == Severity::error);
        CHECK_FALSE(d.input_error);
        CHECK_FALSE(find(r, kRule)->waived);
        return d.code + ": " + d.message.en;
      }
    return std::string("none");
  };
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=\"x\" date=2023-05-01 expires=2026-12-31") ==
        "waiver-malformed: the waiver lacks document: it must name the reason, the approving document, its date and an expiry date");
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM") ==
        "waiver-malformed: the waiver lacks reason, document, date, expires: it must name the reason, the approving document, its date and an expiry date");
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=\"x\" document=\"y\" date=2023-02-30 expires=2026-12-31") ==
        "waiver-malformed: invalid date '2023-02-30': expected a real day as YYYY-MM-DD");
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=\"x\" document=\"y\" date=2023-05-01 expires=2022-12-31") ==
        "waiver-malformed: the expiry date 2022-12-31 is before the approval date 2023-05-01");
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason \"x\"") == "waiver-malformed: expected '=' after the key");
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=\"x document=\"y\"") ==
        "waiver-malformed: expected key=value (reason, document, date, expires)");
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=“x document=y") == "waiver-malformed: unterminated quotation");
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reasn=\"x\" document=\"y\" date=2023-05-01 expires=2026-12-31") ==
        "waiver-malformed: unknown waiver key 'reasn'; did you mean 'reason'?");
  CHECK(error_of("# luohu: allow T9-SOCIAL-INSURANCE-MEDUIM reason=\"x\" document=\"y\" date=2023-05-01 expires=2026-12-31") ==
        "waiver-unknown-rule: the waiver names no rule of the pack: 'T9-SOCIAL-INSURANCE-MEDUIM'; did you mean 'T9-SOCIAL-INSURANCE-MEDIUM'?");
  CHECK(error_of("# luohu: disable T9-SOCIAL-INSURANCE-MEDIUM") == "waiver-malformed: expected 'allow' after 'luohu:'");
  CHECK(error_of("# luohu:allow") == "waiver-malformed: expected a space and a rule id after 'allow'");
}

TEST_CASE("a policy cannot change a rule's severity or its city's tier", "[waivers]") {
  // Not through a waiver ...
  auto r = check(kHead + kInsurance +
                 "  # luohu: allow T9-SOCIAL-INSURANCE-MEDIUM severity=warning reason=\"x\" document=\"y\" date=2023-05-01 expires=2026-12-31" +
                 kTail);
  const auto* d = find(r, "waiver-malformed");
  REQUIRE(d);
  CHECK(d->message.en == "a waiver cannot change a rule's severity or a city's tier ('severity'); it can only waive one finding");
  CHECK(find(r, kRule)->severity == Severity::error);
  CHECK_FALSE(find(r, kRule)->waived);
  auto tier = check(kHead + kInsurance + "  # luohu: allow T9-SOCIAL-INSURANCE-MEDIUM tier=small" + kTail);
  CHECK(find(tier, "waiver-malformed"));
  CHECK(check(kHead + kInsurance + "  # luohu: severity T9-SOCIAL-INSURANCE-MEDIUM warning" + kTail).count(Severity::error) >
        check(kHead + kInsurance + kTail).count(Severity::error));
  // ... nor through the language: there is no statement for it.
  for (const char* attempt : {"规模 小城市;\n", "tier small;\n", "严重程度 T9-SOCIAL-INSURANCE-MEDIUM 警告;\n",
                                     "severity T9-SOCIAL-INSURANCE-MEDIUM warning;\n"}) {
    auto bad = check(attempt + kHead + kInsurance + kTail);
    INFO(attempt);
    CHECK(bad.input_error());
  }
}

TEST_CASE("with no_waivers every finding is plain and waiver comments are ignored", "[waivers]") {
  auto r = check(kHead + kInsurance + "  " + kWaiver + kTail, "2024-06-01", true);
  CHECK_FALSE(find(r, kRule)->waived);
  CHECK(r.waivers.empty());
  auto broken = check(kHead + kInsurance + "  # luohu: allow" + kTail, "2024-06-01", true);
  CHECK_FALSE(find(broken, "waiver-malformed"));
}

TEST_CASE("ordinary comments that mention luohu are not waivers", "[waivers]") {
  CHECK_FALSE(luohu::is_waiver_comment("# see luohu: docs"));
  CHECK_FALSE(luohu::is_waiver_comment("# 预期: T9-SOCIAL-INSURANCE-MEDIUM"));
  CHECK(luohu::is_waiver_comment("#luohu: allow"));
  CHECK(luohu::is_waiver_comment("//  luohu: allow"));
}

TEST_CASE("luohu check: waiving every error finding gives exit 0 — no-waivers gives 1 again", "[waivers][cli]") {
  std::string text = kHead + kInsurance + kTail;
  auto plain = check(text);
  REQUIRE(plain.count(Severity::error) > 0);
  // A stacked waiver line before each line holding an error, bottom up.
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<std::pair<std::uint32_t, std::string>> errs;
  for (const auto& d : plain.diagnostics)
    if (d.severity == Severity::error) errs.push_back({line_of(plain, d), d.code});
  std::sort(errs.rbegin(), errs.rend());
  for (const auto& [line, code] : errs)
    lines.insert(lines.begin() + (line - 1), "# luohu: allow " + code +
                                                 " reason=\"试点\" document=\"云政复〔2023〕5号\" date=2023-05-01 expires=2099-12-31");
  std::string waived;
  for (const auto& l : lines) waived += l + "\n";
  // (Not named "waived…": the path is printed, and the --no-waivers output must not say "waived".)
  auto file = luohu::test::temp_file("all-allowed.luohu", waived);

  auto ok = luohu::test::run_luohu({"--lang", "en", "check", "--format", "json", "--today", "2024-06-01", file});
  CHECK(ok.exit_code == 0);
  auto json = nlohmann::json::parse(ok.out);
  CHECK(json["summary"]["errors"] == 0);
  CHECK(json["summary"]["waived"] == errs.size());
  std::size_t marked = 0;
  for (const auto& f : json["findings"]) marked += f.contains("waived");
  CHECK(marked == errs.size());

  auto sarif = luohu::test::run_luohu({"--lang", "en", "check", "--format", "sarif", "--today", "2024-06-01", file});
  std::size_t suppressed = 0;
  auto sarif_json = nlohmann::json::parse(sarif.out);  // kept alive: the loop below walks into it
  for (const auto& r : sarif_json["runs"][0]["results"])
    suppressed += r.contains("suppressions") && r["suppressions"][0]["kind"] == "inSource";
  CHECK(suppressed == errs.size());

  auto strict = luohu::test::run_luohu({"--lang", "en", "check", "--no-waivers", file});
  CHECK(strict.exit_code == 1);
  CHECK_THAT(strict.out, !Catch::Contains("waived"));

  auto late = luohu::test::run_luohu({"--lang", "en", "check", "--today", "2100-01-01", file});
  CHECK(late.exit_code == 1);
  CHECK_THAT(late.out, Catch::Contains("warning[waiver-expired]"));

  auto bad_date = luohu::test::run_luohu({"check", "--today", "2024-13-01", file});
  CHECK(bad_date.exit_code == 2);
}

TEST_CASE("luohu audit: waived findings marked, not counted — every waiver in the ledger", "[waivers][audit]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("luohu-waiver-audit-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string unused = kWaiver;
  unused.replace(unused.find(kRule), kRule.size(), "T7-PURCHASE-INVEST-TAX");
  std::ofstream(dir / "qujing.luohu") << kHead + "    " + kWaiver + "\n    " + unused + "\n" + kInsurance + kTail;

  auto waived = luohu::test::run_luohu({"--lang", "en", "audit", dir.string(), "--format", "json", "--today", "2024-06-01"});
  auto plain = luohu::test::run_luohu({"--lang", "en", "audit", dir.string(), "--format", "json", "--no-waivers"});
  REQUIRE(waived.exit_code <= 1);
  auto j = nlohmann::json::parse(waived.out);
  auto p = nlohmann::json::parse(plain.out);
  REQUIRE(j["waivers"].size() == 2);
  CHECK(j["waivers"][0]["rule"] == kRule);
  CHECK(j["waivers"][0]["status"] == "active");
  CHECK(j["waivers"][0]["document"] == "云政复〔2023〕5号");
  CHECK(j["waivers"][0]["waived_findings"] == 1);
  CHECK(j["waivers"][1]["status"] == "unused");
  CHECK(p["waivers"].empty());
  CHECK(j["summary"]["errors"].get<int>() == p["summary"]["errors"].get<int>() - 1);
  bool marked = false;
  for (const auto& f : j["files"][0]["findings"])
    if (f["rule"] == kRule) marked = f.contains("waived") && f["severity"] == "error";
  CHECK(marked);

  auto expired = luohu::test::run_luohu({"--lang", "en", "audit", dir.string(), "--format", "json", "--today", "2030-01-01"});
  CHECK(nlohmann::json::parse(expired.out)["waivers"][0]["status"] == "expired");
  fs::remove_all(dir);
}
