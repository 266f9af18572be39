// docs/language.md says what the code does: its vocabulary tables list exactly
// the terms of engine/model/vocabulary.cpp (id, Chinese spelling, aliases,
// English label, in order), one table per vocabulary, and every keyword of
// syntax/keywords.cpp is in a keyword table with both spellings.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

#include "model/policy.hpp"
#include "model/vocabulary.hpp"
#include "support.hpp"
#include "syntax/keywords.hpp"

using namespace luohu;

namespace {

std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::size_t at = 1;
  while (at < row.size()) {
    std::size_t bar = row.find('|', at);
    if (bar == std::string::npos) break;
    std::string cell = row.substr(at, bar - at);
    auto b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
    out.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    at = bar + 1;
  }
  return out;
}

std::string unquote(const std::string& s) {
  return s.size() >= 2 && s.front() == '`' && s.back() == '`' ? s.substr(1, s.size() - 2) : s;
}

// The data rows of each "### heading" table under "## Vocabulary".
std::map<std::string, std::vector<std::vector<std::string>>> vocabulary_tables(const std::string& doc) {
  std::map<std::string, std::vector<std::vector<std::string>>> out;
  std::istringstream in(doc);
  std::string line, heading;
  bool in_vocabulary = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_vocabulary = line == "## Vocabulary";
    if (!in_vocabulary) continue;
    if (line.rfind("### ", 0) == 0) heading = line.substr(4);
    if (heading.empty() || line.rfind("| `", 0) != 0) continue;
    out[heading].push_back(cells(line));
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "—" : s;
}

}  // namespace

TEST_CASE("docs/language.md's vocabulary tables are the vocabulary of the code", "[docs][vocabulary]") {
  const std::map<std::string, Vocabulary> sections = {
      {"Target groups", Vocabulary::group},
      {"Conditions", Vocabulary::condition},
      {"Education levels", Vocabulary::education},
      {"Skill levels", Vocabulary::skill},
      {"Family members", Vocabulary::family},
      {"Public services", Vocabulary::service},
      {"Treatments", Vocabulary::treatment},
      {"Rural rights", Vocabulary::rural_right},
      {"Zone kinds", Vocabulary::zone_kind},
      {"Exit scopes", Vocabulary::exit_scope},
      {"Rental words", Vocabulary::rental},
      {"Verification levels", Vocabulary::verification},
      {"Points factors that are not conditions", Vocabulary::factor},
      {"Residence-permit services", Vocabulary::permit_service},
      {"City tiers", Vocabulary::tier},
      {"Administrative levels", Vocabulary::level},
  };
  REQUIRE(sections.size() == static_cast<std::size_t>(Vocabulary::level) + 1);  // one table per vocabulary
  auto tables = vocabulary_tables(test::read_file(test::source_path("docs/language.md")));
  for (const auto& [heading, vocabulary] : sections) {
    INFO("docs/language.md, ### " << heading);
    REQUIRE(tables.count(heading));
    const auto& rows = tables.at(heading);
    const auto& want = terms(vocabulary);
    CHECK(rows.size() == want.size());
    for (std::size_t i = 0; i < std::min(rows.size(), want.size()); ++i) {
      const auto& t = want[i];
      INFO("row " << i + 1 << ": " << t.id);
      REQUIRE(rows[i].size() >= 4);
      CHECK(unquote(rows[i][0]) == t.id);
      CHECK(rows[i][1] == t.zh);
      CHECK(rows[i][2] == join(t.aliases));
      CHECK(rows[i][3] == t.label_en);
    }
  }
}

TEST_CASE("every keyword is in a docs/language.md keyword table with both spellings", "[docs][keywords]") {
  const std::string doc = test::read_file(test::source_path("docs/language.md"));
  for (const auto& k : syntax::keywords()) {
    INFO(k.id << " / " << k.zh);
    // A row of a statement or block table: | `id` | `中文` | ...
    bool found = doc.find("| `" + k.id + "` | `" + k.zh + "` |") != std::string::npos ||
                 doc.find("| `" + k.id + "` (") != std::string::npos;  // "`zones` (also `zone`) | `区域`"
    CHECK(found);
  }
}

TEST_CASE("docs/language.md and docs/pathways.md list every field of every model type, and no other", "[docs][model]") {
  const std::string doc = test::read_file(test::source_path("docs/language.md"));
  // docs/pathways.md: "| `route` | `channel`, `via_permit`, ... |", "| `channel` (added) | `possible`, `route?` ... |"
  std::map<std::string, std::set<std::string>> pathway_fields;
  {
    std::istringstream in(test::read_file(test::source_path("docs/pathways.md")));
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("| `", 0) != 0) continue;
      auto row = cells(line);
      if (row.size() < 2) continue;
      std::string type = row[0].substr(1, row[0].find('`', 1) - 1);
      for (std::size_t at = 0; (at = row[1].find('`', at)) != std::string::npos;) {
        auto end = row[1].find('`', at + 1);
        std::string name = row[1].substr(at + 1, end - at - 1);
        if (!name.empty() && name.back() == '?') name.pop_back();
        pathway_fields[type].insert(name);
        at = end + 1;
        // "`kind` (`impossible` / `shadowed`)": values in parentheses are not fields
        if (row[1].compare(at, 2, " (") == 0) at = row[1].find(')', at);
      }
    }
  }
  auto section = [&](const std::string& type) {
    auto at = doc.find("\n### `" + type + "`\n");
    if (at == std::string::npos) return std::string();
    auto end = doc.find("\n#", at + 1);
    return doc.substr(at, end == std::string::npos ? std::string::npos : end - at);
  };
  for (const auto& [type, object] : policy_schema().types()) {
    INFO("### `" << type << "` in docs/language.md (Policy model)");
    std::string s = section(type);
    std::set<std::string> documented = pathway_fields[type], schema;
    REQUIRE((!s.empty() || !documented.empty()));
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("| `", 0) == 0) documented.insert(unquote(cells(line)[0]));
    }
    for (const auto& [name, field_type] : object.fields) schema.insert(name);
    CHECK(documented == schema);
  }
}
