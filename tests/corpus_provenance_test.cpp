// Every file in policies/ names its source texts and verification level, and
// every 原文 in it verifies (issue 15): the corpus rests on read texts only.
#include <catch2/catch.hpp>

#include <filesystem>

#include "check/provenance.hpp"
#include "compose/check.hpp"
#include "support.hpp"

using namespace luohu;
namespace fs = std::filesystem;

TEST_CASE("every policy in policies/ names its sources and level, and every citation verifies", "[corpus][provenance]") {
  // The corpus marker turns a missing 来源 or 核实 into an error (docs/language.md#provenance).
  REQUIRE(test::read_file(test::source_path("policies/.luohu.yaml")).find("require_provenance: true") != std::string::npos);
  Checker checker(test::bundled().registry, test::bundled().rules);
  std::size_t files = 0, citations = 0;
  for (const auto& e : fs::recursive_directory_iterator(test::source_path("policies"))) {
    if (e.path().extension() != ".luohu") continue;
    ++files;
    auto r = compose::check_file(checker, e.path().string());
    INFO(e.path().string());
    CHECK_FALSE(r.input_error());
    REQUIRE(r.provenance);
    CHECK(r.provenance->corpus);
    CHECK_FALSE(r.provenance->verification.empty());
    CHECK_FALSE(r.provenance->sources.empty());
    for (const auto& s : r.provenance->sources) {
      CHECK_FALSE(s.resolved.empty());
      CHECK_FALSE(s.title.empty());  // its sidecar was read
    }
    for (const auto& d : r.diagnostics) {
      INFO(d.code << ": " << d.message.en);
      CHECK(d.code.rfind("source-", 0) != 0);
      CHECK(d.code.rfind("quote-", 0) != 0);
      CHECK(d.code.rfind("missing-source", 0) != 0);
      CHECK(d.code.rfind("missing-verification", 0) != 0);
      for (const auto& c : d.cited) citations += !c.source.empty();
    }
  }
  CHECK(files >= 60);
  CHECK(citations > 0);
}
