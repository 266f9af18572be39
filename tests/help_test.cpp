// --help, the man page and the completions in the language chosen before
// CLI11 parses (issue 19): --lang anywhere on the line, else the locale
// (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using luohu::test::RunResult;
using luohu::test::run_luohu;

// Runs luohu with exactly these locale variables set (the others unset), then restores them.
RunResult with_locale(const std::map<std::string, std::string>& vars, const std::vector<std::string>& args) {
  RunResult r;
  luohu::test::with_locale_variables(vars, [&] { r = run_luohu(args); });
  return r;
}

bool has_cjk(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xE4 && c <= 0xE9) return true;  // the lead byte of U+4000..U+9FFF
  return false;
}

// The byte at which display column `col` starts (CJK two columns wide), or npos.
std::size_t byte_at_column(const std::string& line, std::size_t col) {
  std::size_t width = 0, i = 0;
  while (i < line.size() && width < col) {
    auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width == col ? i : std::string::npos;
}

// The description column (from display column 30, CLI11's) of each option,
// positional or subcommand line of the help; under a name too long for the
// column, the next line, indented to it.
std::vector<std::string> descriptions(const std::string& help) {
  std::vector<std::string> out, lines;
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  static const std::regex continued(R"(^ {20,}(\S.*)$)");
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const std::string& line = lines[k];
    std::smatch m;
    if (std::regex_match(line, m, continued)) {
      out.push_back(m[1]);
    } else if (k + 1 < lines.size() && std::regex_match(lines[k + 1], continued)) {
      continue;  // names only: the description is on the next line
    } else if (line.size() > 3 && line.compare(0, 2, "  ") == 0 && line[2] != ' ') {
      std::size_t at = byte_at_column(line, 30);
      if (at != std::string::npos && at < line.size() && line[at - 1] == ' ' && line[at] != ' ') out.push_back(line.substr(at));
    }
  }
  return out;
}

const std::vector<std::vector<std::string>> kCommands = {
    {"--help"},
    {"check", "--help"},  {"audit", "--help"},  {"rules", "--help"},      {"explain", "--help"}, {"city", "--help"},
    {"corpus", "--help"}, {"fmt", "--help"},    {"graph", "--help"},      {"lsp", "--help"},     {"completion", "--help"},
    {"man", "--help"},
};

}  // namespace

TEST_CASE("help: LANGUAGE=zh_CN luohu check --help is Chinese, with no English description", "[cli][locale][help]") {
  auto zh = with_locale({{"LANGUAGE", "zh_CN"}}, {"check", "--help"});
  REQUIRE(zh.exit_code == 0);
  CHECK_THAT(zh.out, Catch::StartsWith("按规则包检查政策文件") && Catch::Contains("luohu check [选项] files") &&
                         Catch::Contains("位置参数:") && Catch::Contains("选项:") && Catch::Contains("显示此帮助并退出") &&
                         Catch::Contains("政策文件（.luohu）；- 表示读标准输入") && Catch::Contains("警告多于 N 个时退出码为 1") &&
                         Catch::Contains("文本 ... 必需"));
  for (const char* en : {"Check policy files", "Policy files", "Print findings", "Exit 1 when", "Apply the safe fix",
                         "Ignore waivers", "Date waivers", "Usage", "OPTIONS", "Options:", "Positionals:", "REQUIRED",
                         "Print this help message", "TEXT"})
    CHECK_THAT(zh.out, !Catch::Contains(en));
  // The English help is English, and none of its descriptions survives in the Chinese one.
  auto en = with_locale({{"LANG", "en_US.UTF-8"}}, {"check", "--help"});
  REQUIRE(en.exit_code == 0);
  CHECK_THAT(en.out, Catch::Contains("Usage: ") && Catch::Contains("luohu check [OPTIONS] files") && Catch::Contains("Policy files (.luohu); - reads standard input") &&
                         !Catch::Contains("选项") && !Catch::Contains("政策文件"));
  auto english = descriptions(en.out);
  CHECK(english.size() == 13);  // -h,--help, files and 11 options
  for (const auto& d : english) CHECK_THAT(zh.out, !Catch::Contains(d));
}

TEST_CASE("help: every command's options are described in Chinese in zh, in English in en", "[cli][locale][help]") {
  for (const auto& command : kCommands) {
    std::vector<std::string> args = {"--lang", "zh"};
    args.insert(args.end(), command.begin(), command.end());
    auto zh = run_luohu(args);
    INFO(command.front() << "\n" << zh.out);
    REQUIRE(zh.exit_code == 0);
    auto lines = descriptions(zh.out);
    CHECK_FALSE(lines.empty());
    // Each description has Chinese in it (option values such as human or json may stay as they are typed).
    for (const auto& d : lines) {
      INFO(d);
      CHECK(has_cjk(d));
    }
    args[1] = "en";
    auto en = run_luohu(args);
    REQUIRE(en.exit_code == 0);
    for (const auto& d : descriptions(en.out)) {
      INFO(d);
      CHECK_THAT(zh.out, !Catch::Contains(d));
    }
    CHECK_THAT(en.out, !Catch::Contains("选项") && !Catch::Contains("显示此帮助"));
  }
}

TEST_CASE("help: --lang before or after the subcommand, --lang=zh, and --lang over the locale", "[cli][locale][help]") {
  CHECK_THAT(run_luohu({"audit", "--lang", "zh", "--help"}).out, Catch::Contains("并行审计各目录下的全部 *.luohu"));
  CHECK_THAT(run_luohu({"--lang=zh", "audit", "--help"}).out, Catch::Contains("并行审计各目录下的全部 *.luohu"));
  CHECK_THAT(with_locale({{"LC_ALL", "zh_CN.UTF-8"}}, {"audit", "--help"}).out, Catch::Contains("并行审计各目录下的全部 *.luohu"));
  auto en = with_locale({{"LANGUAGE", "zh_CN"}}, {"--lang", "en", "audit", "--help"});
  CHECK_THAT(en.out, Catch::Contains("Audit every *.luohu under folders") && !Catch::Contains("并行审计"));
  // A zh error still says where the (zh) help is; the root's help lists the subcommands under a Chinese heading.
  auto root = with_locale({{"LANGUAGE", "zh_CN:en"}}, {"--help"});
  CHECK_THAT(root.out, Catch::Contains("子命令:") && Catch::Contains("消息语言：zh 或 en") && Catch::Contains("显示版本并退出") &&
                           !Catch::Contains("Subcommands:") && !Catch::Contains("Message language"));
}

TEST_CASE("help: the man page and the completions follow the help's language", "[cli][locale][help]") {
  auto man_en = run_luohu({"--lang", "en", "man"});
  REQUIRE(man_en.exit_code == 0);
  CHECK_THAT(man_en.out, Catch::Contains(".SH NAME") && Catch::Contains(".SH SYNOPSIS") && Catch::Contains(".SH EXIT STATUS") &&
                             Catch::Contains("Exit 1 when there are more than N warnings") && !Catch::Contains("警告多于"));
  auto man_zh = run_luohu({"--lang", "zh", "man"});
  REQUIRE(man_zh.exit_code == 0);
  // After each Chinese character a break point \: (troff breaks only at spaces): read the text without them.
  CHECK_THAT(man_zh.out, Catch::Contains("警\\:告\\:多\\:于\\: N 个"));
  man_zh.out = std::regex_replace(man_zh.out, std::regex(R"(\\:)"), "");
  CHECK_THAT(man_zh.out, Catch::StartsWith(".\\\" -*- coding: UTF-8 -*-") && Catch::Contains(".SH 名称") &&
                             Catch::Contains(".SH 概述") && Catch::Contains(".SH 退出状态") && Catch::Contains(".SS \"luohu check\"") &&
                             Catch::Contains("警告多于 N 个时退出码为 1") && !Catch::Contains(".SH NAME") &&
                             !Catch::Contains("Exit 1 when there are more than N warnings"));
  auto fish_zh = run_luohu({"--lang", "zh", "completion", "fish"});
  CHECK_THAT(fish_zh.out, Catch::Contains("-l max-warnings -r -d '警告多于 N 个时退出码为 1'"));
  auto zsh_en = run_luohu({"--lang", "en", "completion", "zsh"});
  CHECK_THAT(zsh_en.out, Catch::Contains("'--max-warnings[Exit 1 when there are more than N warnings]:value:'"));
  // bash completes names only: the same script in both languages.
  CHECK(run_luohu({"--lang", "zh", "completion", "bash"}).out == run_luohu({"--lang", "en", "completion", "bash"}).out);
}
