// .luohu.yaml (docs/waivers.md, "Project configuration"): output defaults
// only; anything that would weaken a national rule is an error with file:line.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

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

TEST_CASE("config: found by walking up from the working directory; the command line wins", "[config][cli]") {
  fs::path root = fs::temp_directory_path() / ("luohu-config-" + std::to_string(::getpid()));
  fs::create_directories(root / "a" / "b");
  std::ofstream(root / ".luohu.yaml") << "lang: en\ncheck:\n  format: gcc\n";
  CHECK(luohu::find_project_config(root / "a" / "b") == root / ".luohu.yaml");

  std::string policy = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  auto run = [&](const std::string& args) {
    std::string out = (root / "out.txt").string();
    std::string cmd = "cd '" + (root / "a" / "b").string() + "' && LANG=zh_CN.UTF-8 '" + LUOHU_BINARY + "' " + args + " '" + policy +
                      "' > '" + out + "' 2>&1";
    int status = std::system(cmd.c_str());
    std::ifstream in(out);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return std::make_pair(WEXITSTATUS(status), text);
  };
  auto [code, text] = run("check");
  CHECK(code == 1);
  CHECK_THAT(text, Catch::Contains(": error: ") && Catch::Contains("[T9-SOCIAL-INSURANCE-MEDIUM]"));  // gcc format, English
  auto [code2, text2] = run("check --format human");
  CHECK(code2 == 1);
  CHECK_THAT(text2, Catch::Contains("error[T9-SOCIAL-INSURANCE-MEDIUM]"));

  std::ofstream(root / ".luohu.yaml") << "severity: {T9-SOCIAL-INSURANCE-MEDIUM: note}\n";
  auto [code3, text3] = run("check");
  CHECK(code3 == 2);
  CHECK_THAT(text3, Catch::Contains(".luohu.yaml:1:1: "));
  fs::remove_all(root);
}
