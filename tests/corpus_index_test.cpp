// policies/README.md's city table is generated from the files' provenance
// statements (luohu corpus); it must not drift from them.
#include <catch2/catch.hpp>

#include "audit/corpus_index.hpp"
#include "audit/discover.hpp"
#include "support.hpp"

using namespace luohu;

namespace {
audit::AuditResult audit_corpus() {
  Checker checker(test::bundled().registry, test::bundled().rules);
  auto found = audit::discover({test::source_path("policies")});
  REQUIRE(found.errors.empty());
  return audit::run(checker, found.files);
}
}  // namespace

TEST_CASE("policies/README.md's city table is generated from the files' 来源 and 核实", "[corpus][docs]") {
  auto result = audit_corpus();
  std::string index = audit::corpus_index(result, test::source_path("policies"));
  std::string readme = test::read_file(test::source_path("policies/README.md"));
  auto updated = audit::replace_corpus_index(readme, index);
  REQUIRE(updated);
  INFO("policies/README.md is stale: run build/luohu corpus policies --write");
  CHECK(*updated == readme);
  // The worked example's row: its document, level and both source texts.
  CHECK_THAT(index, Catch::Contains("| 北京市 | 110000 | 超大城市 | 北京市积分落户管理办法（试行） 京政办发〔2016〕39号 | 2017-01-01 | "
                                    "全文 (full_text) | [jingzhengbanfa-2016-39.txt](sources/beijing/jingzhengbanfa-2016-39.txt)"
                                    "<br>[beijing-juzhuzheng-2016-270.txt](sources/beijing/beijing-juzhuzheng-2016-270.txt) |"));
}

TEST_CASE("the corpus index is replaced only between its markers", "[corpus]") {
  std::string readme = std::string("intro\n") + audit::kCorpusBegin + "\nold\n" + audit::kCorpusEnd + "\nrest\n";
  auto updated = audit::replace_corpus_index(readme, "new\n");
  REQUIRE(updated);
  CHECK(*updated == std::string("intro\n") + audit::kCorpusBegin + "\nnew\n" + audit::kCorpusEnd + "\nrest\n");
  CHECK_FALSE(audit::replace_corpus_index("no markers", "x"));
}
