// .luohu.yaml (docs/waivers.md, "Project configuration"): output defaults
// only; anything that would weaken a national rule is an error with file:line.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "config/project_config.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {
std::vector<std::string> errors_of(const std::string& text) {
  std::vector<luohu::LoadError> errors;
  auto config = luohu::parse_project_config(text, ".luohu.yaml", errors);
  CHECK_FALSE(config);
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.format(luohu::Lang::en));
  return out;
}
}  // namespace

TEST_CASE("config: output defaults are read", "[config]") {
  std::vector<luohu::LoadError> errors;
  auto c = luohu::parse_project_config("lang: en\ncolor: never\ncheck:\n  format: gcc\naudit:\n  format: json\n  jobs: 2\n",
                                       ".luohu.yaml", errors);
  REQUIRE(c);
  CHECK(errors.empty());
  CHECK(*c->lang == "en");
  CHECK(*c->color == "never");
  CHECK(*c->check_format == "gcc");
  CHECK(*c->audit_format == "json");
  CHECK(*c->jobs == 2);
  REQUIRE(luohu::parse_project_config("", ".luohu.yaml", errors));
}

TEST_CASE("config: keys that would weaken a rule are errors with file:line", "[config]") {
  CHECK(errors_of("lang: zh\nseverity:\n  T9-SOCIAL-INSURANCE-MEDIUM: warning\n") ==
        std::vector<std::string>{".luohu.yaml:2:1: error: a project config cannot set 'severity': rule severity, tiers and "
                                 "waivers come from the national rules and the policy files; only output defaults may be set"});
  CHECK(errors_of("tier: small\n").size() == 1);
  CHECK(errors_of("waivers: []\n").size() == 1);
  CHECK(errors_of("rules: /tmp/my-rules\n").size() == 1);
  CHECK(errors_of("check:\n  disable: [T9-SOCIAL-INSURANCE-MEDIUM]\n") ==
        std::vector<std::string>{".luohu.yaml:2:3: error: a project config cannot set 'disable': rule severity, tiers and "
                                 "waivers come from the national rules and the policy files; only output defaults may be set"});
}

TEST_CASE("config: unknown keys and bad values are errors with file:line", "[config]") {
  CHECK(errors_of("langg: zh\n") == std::vector<std::string>{".luohu.yaml:1:1: error: unknown config key 'langg'; did you mean 'lang'?"});
  CHECK(errors_of("lang: fr\n") == std::vector<std::string>{".luohu.yaml:1:7: error: 'lang' must be one of: zh, en"});
  CHECK(errors_of("audit:\n  jobs: 0\n") ==
        std::vector<std::string>{".luohu.yaml:2:9: error: 'audit.jobs' must be a whole number from 1 to 1024"});
  CHECK(errors_of("check:\n  format: html\n") ==
        std::vector<std::string>{".luohu.yaml:2:11: error: 'check.format' must be one of: human, gcc, json, sarif"});
  CHECK(errors_of("[1, 2]\n").size() == 1);
  CHECK(errors_of("lang: [zh\n").size() == 1);  // YAML syntax
}

TEST_CASE("config: found upward from each checked file, not the working directory — every command honours it",
          "[config][cli][conventions]") {
  fs::path root = fs::temp_directory_path() / ("luohu-config-" + std::to_string(::getpid()));
  fs::create_directories(root / "a" / "b");
  fs::path elsewhere = fs::temp_directory_path() / ("luohu-config-elsewhere-" + std::to_string(::getpid()));
  fs::create_directories(elsewhere);
  std::ofstream(root / ".luohu.yaml") << "lang: en\ncheck:\n  format: gcc\n";
  CHECK(luohu::find_project_config(root / "a" / "b") == root / ".luohu.yaml");
  std::vector<luohu::LoadError> errors;
  CHECK(luohu::project_config_dir(root / "a" / "b") == fs::weakly_canonical(root));
  CHECK(luohu::project_config_for(root / "a" / "b", errors)->lang == "en");
  CHECK(errors.empty());

  std::string source = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  std::string inside = (root / "a" / "b" / "qujing.luohu").string();
  fs::copy_file(source, inside, fs::copy_options::overwrite_existing);
  auto run = [&](const fs::path& cwd, const std::string& args) {
    std::string out = (root / "out.txt").string();
    std::string cmd = "cd '" + cwd.string() + "' && LANG=zh_CN.UTF-8 '" + LUOHU_BINARY + "' " + args + " > '" + out + "' 2>&1";
    int status = std::system(cmd.c_str());
    std::ifstream in(out);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return std::make_pair(WEXITSTATUS(status), text);
  };
  // The file's project decides, wherever luohu runs from: gcc format, English.
  auto [code, text] = run(elsewhere, "check '" + inside + "'");
  CHECK(code == 1);
  CHECK_THAT(text, Catch::Contains(": error: ") && Catch::Contains("[T9-SOCIAL-INSURANCE-MEDIUM]"));
  // The command line wins.
  auto [code2, text2] = run(elsewhere, "check --format human '" + inside + "'");
  CHECK(code2 == 1);
  CHECK_THAT(text2, Catch::Contains("error[T9-SOCIAL-INSURANCE-MEDIUM]"));
  // Run from inside the project, a file outside it is not governed by it: human, Chinese (the locale).
  auto [code3, text3] = run(root / "a" / "b", "check '" + source + "'");
  CHECK(code3 == 1);
  CHECK_THAT(text3, Catch::Contains("错误[T9-SOCIAL-INSURANCE-MEDIUM]"));
  // Standard input: from the name it is reported under.
  auto [code4, text4] = run(elsewhere, "check --stdin-filename '" + inside + "' - < '" + source + "'");
  CHECK(code4 == 1);
  CHECK_THAT(text4, Catch::Contains(": error: "));
  // explain --finding FILE:LINE:COL from FILE's project; rules and fmt honour it too.
  auto [code5, text5] = run(elsewhere, "explain --finding '" + inside + ":24:5'");
  CHECK(code5 == 0);
  CHECK_THAT(text5, Catch::Contains("Qujing"));
  auto [code6, text6] = run(root / "a", "rules");
  CHECK(code6 == 0);
  CHECK_THAT(text6, Catch::Contains("Social-insurance years required in medium cities may not exceed 3"));
  auto [code7, text7] = run(elsewhere, "rules");
  CHECK_THAT(text7, Catch::Contains("中等城市落户条件的社会保险年限要求不得超过3年"));
  // A config that tries to weaken a rule stops every command, with file:line:column.
  std::ofstream(root / ".luohu.yaml") << "severity: {T9-SOCIAL-INSURANCE-MEDIUM: note}\n";
  auto [code8, text8] = run(elsewhere, "check '" + inside + "'");
  CHECK(code8 == 2);
  CHECK_THAT(text8, Catch::Contains(".luohu.yaml:1:1: "));
  auto [code9, text9] = run(elsewhere, "fmt --check '" + inside + "'");
  CHECK(code9 == 2);
  fs::remove_all(root);
  fs::remove_all(elsewhere);
}

TEST_CASE("config: audit honours each file's nearest .luohu.yaml, and not for files outside it", "[config][audit][conventions]") {
  fs::path root = fs::temp_directory_path() / ("luohu-config-audit-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "corpus" / "yunnan");
  fs::create_directories(root / "drafts");
  // The corpus's config adds checks to every policy under it (require_provenance) and sets its output defaults.
  std::ofstream(root / "corpus" / ".luohu.yaml") << "require_provenance: true\nlang: zh\naudit:\n  format: json\n";
  std::string qujing = (root / "corpus" / "yunnan" / "qujing.luohu").string();
  std::string changde = (root / "drafts" / "changde.luohu").string();
  fs::copy_file(luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu"), qujing);
  fs::copy_file(luohu::test::source_path("examples/compliant/changde-medium.luohu"), changde);
  auto rules_of = [](const nlohmann::json& doc, const std::string& file_suffix) {
    std::set<std::string> rules;
    for (const auto& f : doc["files"]) {
      const std::string path = f["path"];
      if (path.size() >= file_suffix.size() && path.compare(path.size() - file_suffix.size(), file_suffix.size(), file_suffix) == 0)
        for (const auto& x : f["findings"]) rules.insert(x["rule"].get<std::string>());
    }
    return rules;
  };
  // One audit over both: the corpus's file gets the provenance checks, the draft outside it does not.
  auto both = luohu::test::run_luohu({"--lang", "en", "audit", "--format", "json", "--as-of", luohu::test::kPlanDate, root.string()});
  REQUIRE(both.exit_code == 1);
  auto doc = nlohmann::json::parse(both.out);
  auto in_corpus = rules_of(doc, "corpus/yunnan/qujing.luohu");
  auto outside = rules_of(doc, "drafts/changde.luohu");
  CHECK(in_corpus.count("missing-source"));
  CHECK(in_corpus.count("missing-verification"));
  CHECK(in_corpus.count("T9-SOCIAL-INSURANCE-MEDIUM"));
  CHECK_FALSE(outside.count("missing-source"));
  CHECK_FALSE(outside.count("missing-verification"));
  // The draft alone: clean, since nothing governs it but the national rules.
  auto draft = luohu::test::run_luohu({"--lang", "en", "audit", "--as-of", luohu::test::kPlanDate, (root / "drafts").string()});
  CHECK(draft.exit_code == 0);
  CHECK_THAT(draft.out, Catch::Contains("luohu audit — rule pack"));
  // The corpus alone: its output defaults apply (JSON, zh) where the command line is silent ...
  auto corpus = luohu::test::run_luohu({"audit", "--as-of", luohu::test::kPlanDate, (root / "corpus").string()});
  REQUIRE(corpus.exit_code == 1);
  auto corpus_doc = nlohmann::json::parse(corpus.out);
  CHECK(corpus_doc["lang"] == "zh");
  CHECK(rules_of(corpus_doc, "qujing.luohu").count("missing-source"));
  // ... and the command line wins.
  auto summary = luohu::test::run_luohu({"--lang", "en", "audit", "--format", "summary", "--as-of", luohu::test::kPlanDate,
                                         (root / "corpus").string()});
  CHECK_THAT(summary.out, Catch::StartsWith("luohu audit — rule pack"));
  // Without the config the same file has no provenance finding: the finding came from the file, not the folder name.
  fs::remove(root / "corpus" / ".luohu.yaml");
  auto bare = luohu::test::run_luohu({"--lang", "en", "audit", "--format", "json", "--as-of", luohu::test::kPlanDate, (root / "corpus").string()});
  CHECK_FALSE(rules_of(nlohmann::json::parse(bare.out), "qujing.luohu").count("missing-source"));
  fs::remove_all(root);
}
