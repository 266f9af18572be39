// The policy grammar: every construct, both spellings, and every error path.
#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "source/source_file.hpp"
#include "util/utf8.hpp"
#include "syntax/grammar.hpp"
#include "syntax/keywords.hpp"
#include "syntax/parser.hpp"

using namespace luohu;
using namespace luohu::syntax;

namespace {

struct Parsed {
  SourceFile source;
  ParseResult result;
};

Parsed parse_text(const std::string& text, Limits limits = {}) {
  SourceFile source("t.luohu", text);
  auto result = parse(source, limits);
  return {std::move(source), std::move(result)};
}

LineColumn at(const Parsed& p, std::size_t i = 0) { return p.source.location(p.result.diagnostics.at(i).range.begin); }

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input", "[parser]") {
  CHECK(tao::pegtl::analyze<grammar::file>(-1) == 0);
}

TEST_CASE("a whole policy in Chinese parses into the syntax tree", "[parser]") {
  auto p = parse_text(R"(# 注释
// 另一种注释
城市 330100 "杭州市";
标题 “杭州市户口迁移管理规定”;
文号 「杭政办〔2019〕1号」;
施行日期 2019年7月1日；
区域 主城区;
区域 钱塘新区 新区;
导入 "baseline.luohu";
农村权益退出 本集体经济组织;
渠道 "高校毕业生落户" {
  对象 高校毕业生，技术工人、职业院校毕业生;
  区域 主城区, 钱塘新区;
  条件 {
    合法稳定就业;
    合法稳定住所 含租赁;
    社会保险 >= 3 年;
    连续居住 ≥ 6 个月;
    学历 不低于 本科;
    年龄 ≤ 45 周岁;
    购买房屋 面积 >= 90 平方米;
    任一 { 投资 >= 100 万元; 纳税 > 10万元; }
  }
  随迁 配偶, 未成年子女, 父母;
  指标 5000 上年 6000;
}
积分 {
  因素 社会保险 权重 3 上限 30;
  分值线 120;
  指标 10000;
}
居住证 {
  条件 { 连续居住 >= 0.5 年; 任一 { 合法稳定就业; 合法稳定住所; 连续就读; } }
}
公共服务 {
  住房保障 同等;
  最低生活保障 延后 3 年;
}
)");
  INFO(p.result.diagnostics.size());
  REQUIRE(p.result.ok());
  const File& f = p.result.file;
  REQUIRE(f.statements.size() == 8);
  CHECK(f.statements[0].keyword.text == "城市");
  CHECK(f.statements[0].arguments[0].word.text == "330100");
  CHECK(f.statements[0].arguments[1].word.text == "杭州市");
  CHECK(f.statements[1].arguments[0].word.text == "杭州市户口迁移管理规定");
  CHECK(f.statements[1].arguments[0].word.quoted);
  CHECK(f.statements[2].arguments[0].word.text == "杭政办〔2019〕1号");
  CHECK(f.statements[3].arguments[0].word.text == "2019年7月1日");
  REQUIRE(f.channels.size() == 1);
  const Channel& c = f.channels[0];
  CHECK(c.name.text == "高校毕业生落户");
  REQUIRE(c.statements.size() == 4);
  CHECK(c.statements[0].arguments.size() == 3);  // commas of all three kinds separate
  REQUIRE(c.conditions.size() == 8);
  const Clause& si = c.conditions[2];
  CHECK(si.name.text == "社会保险");
  REQUIRE(si.arguments.size() == 1);
  CHECK(si.arguments[0].kind == Argument::Kind::comparison);
  CHECK(si.arguments[0].op == CompareOp::ge);
  CHECK(*si.arguments[0].number == 3);
  CHECK(si.arguments[0].unit->text == "年");
  CHECK(c.conditions[3].arguments[0].unit->text == "个月");
  CHECK(c.conditions[4].arguments[0].word.text == "本科");
  CHECK(c.conditions[5].arguments[0].op == CompareOp::le);
  const Clause& purchase = c.conditions[6];
  CHECK(purchase.arguments[0].word.text == "面积");
  CHECK(*purchase.arguments[1].number == 90);
  const Clause& any = c.conditions[7];
  CHECK(any.any_of);
  REQUIRE(any.alternatives.size() == 2);
  CHECK(any.alternatives[1].arguments[0].op == CompareOp::gt);
  CHECK(any.alternatives[1].arguments[0].unit->text == "万元");
  REQUIRE(f.blocks.size() == 3);
  CHECK(f.blocks[0].statements.size() == 3);
  CHECK(f.blocks[1].conditions.size() == 2);
  CHECK(*f.blocks[1].conditions[0].arguments[0].number == 0.5);
  CHECK(f.blocks[2].clauses.size() == 2);
}

TEST_CASE("English spellings parse the same way", "[parser]") {
  auto p = parse_text(R"(city 330100;
title "Hangzhou";
effective 2019-07-01;
zone main_urban;
channel graduates {
  targets college_graduate, skilled_worker;
  zones main_urban;
  conditions { employment; social_insurance >= 36 months; any_of { study; residence including_rental; } }
  family spouse;
  quota 100;
}
points { factor social_insurance weight 3 cap 30; threshold 120; }
residence_permit { conditions { residence_years >= 0.5 years; } }
services { schooling equal; }
)");
  REQUIRE(p.result.ok());
  CHECK(p.result.file.channels.at(0).conditions.size() == 3);
  CHECK(p.result.file.blocks.size() == 3);
}

TEST_CASE("source ranges count columns in characters, not bytes", "[parser]") {
  auto p = parse_text("城市 330100;\n渠道 甲 { 对象 高校毕业生; 条件 { 社会保险 >= 3 年; } }\n");
  REQUIRE(p.result.ok());
  const auto& clause = p.result.file.channels[0].conditions[0];
  auto start = p.source.location(clause.range.begin);
  CHECK(start.line == 2);
  CHECK(start.column == 23);  // 渠道 甲 { 对象 高校毕业生; 条件 { = 22 characters before it
  CHECK(p.source.utf16_column(clause.range.begin) == 22);
}

TEST_CASE("a syntax error names line, column and what was expected", "[parser][errors]") {
  SECTION("missing semicolon") {
    auto p = parse_text("城市 330100\n标题 \"x\";\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.result.diagnostics[0].code == "syntax-error");
    CHECK(p.result.diagnostics[0].message.en == "expected ';' to end the statement");
    CHECK(p.result.diagnostics[0].message.zh == "此处应有“;”结束该语句");
    // Just after the token the ';' should follow, as rustc and clang report it.
    CHECK(at(p).line == 1);
    CHECK(at(p).column == 10);
    // Recovery treats the ';' as inserted: the title still parses.
    CHECK(p.result.file.statements.size() == 2);
  }
  SECTION("missing semicolon before a comment and a blank line") {
    auto p = parse_text("城市 330100;\n渠道 甲 {\n  对象 农业转移人口  # 注释 \"#\"\n\n  条件 { 合法稳定就业; }\n}\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.result.diagnostics[0].message.en == "expected ';' to end the statement");
    CHECK(at(p).line == 3);
    CHECK(at(p).column == 12);  // after 农业转移人口, not at 条件 on line 5
  }
  SECTION("missing semicolon after a quoted text holding #") {
    auto p = parse_text("城市 330100;\n标题 “第#1号”\n文号 “x”;\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(at(p).line == 2);
    CHECK(at(p).column == 10);
  }
  SECTION("unknown statement with a suggestion") {
    auto p = parse_text("城是 330100;\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK_THAT(p.result.diagnostics[0].message.en, Catch::Contains("did you mean '城市'?"));
    CHECK_THAT(p.result.diagnostics[0].message.zh, Catch::Contains("“城是”是否应为“城市”？"));
  }
  SECTION("unknown channel item") {
    auto p = parse_text("渠道 甲 {\n  对像 高校毕业生;\n}\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK_THAT(p.result.diagnostics[0].message.en, Catch::Contains("expected a channel item"));
    CHECK_THAT(p.result.diagnostics[0].message.en, Catch::Contains("did you mean '对象'?"));
    CHECK(at(p).line == 2);
    CHECK(at(p).column == 3);
  }
  SECTION("missing channel name") {
    auto p = parse_text("渠道 {\n}\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.result.diagnostics[0].message.en == "expected a channel name after 'channel'");
  }
  SECTION("missing brace to open a block") {
    auto p = parse_text("渠道 甲 对象 高校毕业生;\n");
    REQUIRE_FALSE(p.result.ok());
    CHECK(p.result.diagnostics[0].message.en == "expected '{' to open the block");
  }
  SECTION("unclosed channel at end of file") {
    auto p = parse_text("渠道 甲 {\n  对象 高校毕业生;\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.result.diagnostics[0].message.en == "expected '}' to close the channel block");
    CHECK(at(p).line == 3);
  }
  SECTION("comparison without a value") {
    auto p = parse_text("渠道 甲 { 条件 { 社会保险 >= ; } }\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK_THAT(p.result.diagnostics[0].message.en, Catch::Contains("expected a number"));
  }
  SECTION("unterminated strings of each kind") {
    CHECK(parse_text("标题 \"abc;\n").result.diagnostics.at(0).message.en == "unterminated string: expected a closing '\"'");
    CHECK(parse_text("标题 “abc;\n").result.diagnostics.at(0).message.en == "unterminated string: expected a closing '”'");
    CHECK(parse_text("标题 「abc;\n").result.diagnostics.at(0).message.en == "unterminated string: expected a closing '」'");
  }
  SECTION("a clause that is not a clause") {
    auto p = parse_text("渠道 甲 { 条件 { >= 3; } }\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK_THAT(p.result.diagnostics[0].message.en, Catch::Contains("expected a clause"));
  }
}

TEST_CASE("the parser resumes at the next clause and reports every error", "[parser][errors]") {
  auto p = parse_text(R"(城市 330100;
渠道 甲 {
  对象 高校毕业生;
  条件 {
    社会保险 >= ;
    年龄 <= 45 岁;
    学历 >= ;
  }
  随迁 配偶;
}
标题 "x"
)");
  REQUIRE(p.result.diagnostics.size() == 3);
  CHECK(at(p, 0).line == 5);
  CHECK(at(p, 1).line == 7);
  CHECK(at(p, 2).line == 11);  // the missing ';' after the title, where it belongs
  // What parsed around the errors is kept.
  const auto& c = p.result.file.channels.at(0);
  CHECK(c.conditions.size() >= 1);
  CHECK(c.statements.size() == 2);
}

TEST_CASE("bad input is an error, never a crash or a silent pass", "[parser][errors]") {
  SECTION("invalid UTF-8") {
    auto p = parse_text("城市 330100;\n标题 \"\xff\xfe\";\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.result.diagnostics[0].code == "invalid-utf8");
    CHECK(at(p).line == 2);
    CHECK(at(p).column == 5);
  }
  SECTION("100,000 nested braces") {
    auto p = parse_text(std::string(100000, '{'));
    REQUIRE_FALSE(p.result.ok());
  }
  SECTION("deeply nested any_of") {
    std::string text = "渠道 甲 { 对象 高校毕业生; 条件 {";
    for (int i = 0; i < 1000; ++i) text += " 任一 {";
    auto p = parse_text(text);
    REQUIRE_FALSE(p.result.ok());
    bool nesting = false;
    for (const auto& d : p.result.diagnostics) nesting |= d.message.en.find("nesting too deep") != std::string::npos;
    CHECK(nesting);
  }
  SECTION("a file over the size limit") {
    Limits limits;
    limits.max_file_bytes = 100;
    auto p = parse_text(std::string(200, '#'), limits);
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.result.diagnostics[0].code == "file-too-large");
  }
  SECTION("the error count is capped") {
    std::string text;
    for (int i = 0; i < 500; ++i) text += "错误;\n";
    auto p = parse_text(text);
    CHECK(p.result.diagnostics.size() == Limits{}.max_errors + 1);
    CHECK(p.result.diagnostics.back().code == "too-many-errors");
  }
  SECTION("random bytes that happen to be valid UTF-8") {
    auto p = parse_text("}}}}; ;;{{ \"\" 渠道 渠道 { { } 条件 ] [ >= <= 3.3.3");
    CHECK_FALSE(p.result.ok());
  }
  SECTION("a byte-order mark is allowed") {
    auto p = parse_text("\xEF\xBB\xBF城市 330100;\n");
    CHECK(p.result.ok());
  }
}

TEST_CASE("the keyword table and the grammar spell the same words", "[parser]") {
  for (const auto& k : keywords()) {
    for (const auto& spelling : {k.id, k.zh}) {
      std::string text;
      switch (k.context) {
        case KeywordContext::top:
          text = spelling + " x;";
          if (k.id == "channel") text = spelling + " x { targets a; }";
          if (k.id == "points" || k.id == "residence_permit" || k.id == "services") text = spelling + " { }";
          break;
        case KeywordContext::channel:
          text = "channel x { " + spelling + (k.id == "conditions" ? " { }" : " a;") + " }";
          break;
        case KeywordContext::clause:
          text = "channel x { conditions { " + spelling + " { study; } } }";
          break;
        case KeywordContext::points:
          text = "points { " + spelling + " 1; }";
          break;
      }
      INFO(text);
      CHECK(parse_text(text).result.ok());
    }
  }
}

TEST_CASE("syntax: what a Chinese IME types where ASCII belongs gets a precise hint", "[parser][conventions]") {
  auto brace = parse_text("城市 330100;\n渠道 甲 ｛ 对象 高校毕业生; }\n");
  REQUIRE_FALSE(brace.result.diagnostics.empty());
  const auto& d = brace.result.diagnostics.front();
  CHECK(d.code == "syntax-error");
  CHECK(d.message.zh == "全角括号“｛”请改为“{”");
  CHECK(d.message.en == "full-width '｛' (from a Chinese input method): type '{' instead");
  CHECK(brace.source.location(d.range.begin).line == 2);

  auto op = parse_text("城市 330100;\n渠道 甲 { 对象 高校毕业生; 条件 { 社会保险 ＞＝ 3 年; } }\n");
  REQUIRE_FALSE(op.result.diagnostics.empty());
  CHECK(op.result.diagnostics.front().message.zh == "全角符号“＞＝”请改为“>=”");
  auto ge = parse_text("城市 330100;\n渠道 甲 { 对象 高校毕业生; 条件 { 社会保险 ≥ 3 年; } }\n");
  CHECK(ge.result.diagnostics.empty());  // ≥ and ≤ are accepted as >= and <=
}

TEST_CASE("syntax: a GBK/GB18030 file is recognised and the error says to save it as UTF-8", "[parser][conventions]") {
  // "城市 530300 曲靖市;\n" as a Chinese Windows editor saves it (GBK).
  auto gbk = parse_text("\xB3\xC7\xCA\xD0 530300 \xC7\xFA\xBE\xB8\xCA\xD0;\n");
  REQUIRE(gbk.result.diagnostics.size() == 1);
  CHECK(gbk.result.diagnostics[0].code == "gbk-encoding");
  CHECK_THAT(gbk.result.diagnostics[0].message.zh, Catch::Contains("另存为 UTF-8"));
  // Bytes that are neither UTF-8 nor GB18030 keep the plain message.
  auto junk = parse_text("城市 \xFF\xFF;\n");
  REQUIRE(junk.result.diagnostics.size() == 1);
  CHECK(junk.result.diagnostics[0].code == "invalid-utf8");
}

TEST_CASE("source positions: columns in code points and UTF-16 units agree with decode_utf8 on any bytes", "[parser][utf8]") {
  // Every lead byte, every continuation pattern (overlong, surrogate, truncated,
  // four-byte), CJK and ASCII, at random: the fast paths must count as decode_utf8.
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0xff; };
  const std::string pieces[] = {"a", "\n", "中", "文", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf", "\xed\xa0\x80",
                                "\xef\xbf\xbf", "\xf0\x9f\x98\x80", "\xc3\xa9", "\x80", "\xe4\xb8", "\xe4", "\xff"};
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int k = 0; k < 60; ++k) {
      auto r = next();
      if (r < 40) text += static_cast<char>(next());
      else text += pieces[r % std::size(pieces)];
    }
    luohu::SourceFile source("x.luohu", text);
    std::uint32_t line = 1, column = 1, units = 0;
    for (std::uint32_t i = 0; i <= text.size();) {
      INFO("round " << round << " offset " << i);
      CHECK(source.location(i).line == line);
      CHECK(source.location(i).column == column);
      CHECK(source.utf16_column(i) == units);
      if (i == text.size()) break;
      auto ch = luohu::decode_utf8(text, i);
      if (text[i] == '\n') {
        ++line, column = 1, units = 0;
      } else {
        ++column, units += ch.length == 4 ? 2 : 1;
      }
      i += ch.length;
    }
  }
}
