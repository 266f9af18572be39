// Composition: the import graph, its cycles (one location per edge) and the
// topological order in which files are evaluated.
#include <catch2/catch.hpp>

#include <filesystem>

#include "compose/imports.hpp"
#include "support.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

std::size_t index_of(const ImportPlan& plan, const std::string& name) {
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    if (fs::path(plan.files[i].path).filename() == name) return i;
  }
  FAIL("no file " << name);
  return 0;
}

}  // namespace

TEST_CASE("imports are read once each and ordered imported-first", "[graph][imports]") {
  std::string base = test::temp_file("imp-base.luohu", "城市 330000;\n");
  test::temp_file("imp-mid.luohu", "导入 \"imp-base.luohu\";\n城市 330100;\n");
  std::string top = test::temp_file("imp-top.luohu", "导入 \"imp-mid.luohu\";\n导入 \"imp-base.luohu\";\n城市 330200;\n");
  auto plan = plan_imports({top, base});
  REQUIRE(plan.files.size() == 3);  // the base once, though imported twice and given as a root
  CHECK_FALSE(plan.has_cycle);
  REQUIRE(plan.order.size() == 3);
  auto pos = [&](const std::string& n) { return std::find(plan.order.begin(), plan.order.end(), index_of(plan, n)) - plan.order.begin(); };
  CHECK(pos("imp-base.luohu") < pos("imp-mid.luohu"));
  CHECK(pos("imp-mid.luohu") < pos("imp-top.luohu"));
  for (const auto& f : plan.files) CHECK(f.diagnostics.empty());
}

TEST_CASE("a cycle of imports is an error printing the cycle, one location per edge", "[graph][imports]") {
  test::temp_file("cyc-a.luohu", "城市 330100;\n导入 \"cyc-b.luohu\";\n");
  test::temp_file("cyc-b.luohu", "城市 330200;\n\n导入 \"cyc-c.luohu\";\n");
  std::string c = test::temp_file("cyc-c.luohu", "导入 \"cyc-a.luohu\";\n城市 330300;\n");
  auto plan = plan_imports({c});
  CHECK(plan.has_cycle);
  CHECK(plan.order.empty());
  REQUIRE(plan.files.size() == 3);
  for (const auto& f : plan.files) {
    REQUIRE(f.diagnostics.size() == 1);
    const auto& d = f.diagnostics[0];
    CHECK(d.code == "import-cycle");
    CHECK(d.input_error);
    CHECK(f.source->text().substr(d.range.begin, d.range.end - d.range.begin).rfind("导入", 0) == 0);
    // Three edges, each with its file:line:column.
    CHECK(d.message.en.find("cyc-a.luohu:2:1: ") != std::string::npos);
    CHECK(d.message.en.find("cyc-b.luohu:3:1: ") != std::string::npos);
    CHECK(d.message.en.find("cyc-c.luohu:1:1: ") != std::string::npos);
  }
}

TEST_CASE("a missing import is an error at the import statement", "[graph][imports]") {
  std::string a = test::temp_file("miss-a.luohu", "城市 330100;\n导入 \"nowhere.luohu\";\n");
  auto plan = plan_imports({a});
  REQUIRE(plan.files.size() == 1);
  REQUIRE(plan.files[0].diagnostics.size() == 1);
  CHECK(plan.files[0].diagnostics[0].code == "import-not-found");
  CHECK(plan.files[0].source->location(plan.files[0].diagnostics[0].range.begin).line == 2);
  auto self = plan_imports({test::temp_file("self.luohu", "导入 \"self.luohu\";\n城市 330100;\n")});
  CHECK(self.has_cycle);
}
