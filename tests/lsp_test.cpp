// luohu lsp as an editor meets it: scripted JSON-RPC sessions against the
// server (in process, and through the binary's stdin/stdout).
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lsp/server.hpp"
#include "lsp/transport.hpp"
#include "util/uri.hpp"
#include "support.hpp"

using nlohmann::json;

namespace {

const char* kUri = "file:///tmp/%E6%9B%B2%E9%9D%96.luohu";  // /tmp/曲靖.luohu

// Line 4 holds the finding after a character outside the BMP (two UTF-16 units).
const char* kPolicy =
    "城市 530300 曲靖市;\n"
    "渠道 重点群体落户 {\n"
    "  对象 高校毕业生、技术工人、职业院校毕业生、留学归国人员;\n"
    "}\n"
    "渠道 𠀀务工 { 对象 农业转移人口; 条件 { 合法稳定就业; 社会保险 >= 48 个月; } }\n";

json pos(int line, int character) { return {{"line", line}, {"character", character}}; }
json range(int l1, int c1, int l2, int c2) { return {{"start", pos(l1, c1)}, {"end", pos(l2, c2)}}; }

// A server with its outgoing messages captured.
struct Session {
  luohu::Checker checker = [] {
    luohu::Checker c{luohu::test::bundled().registry, luohu::test::bundled().rules};
    c.message_language = luohu::Lang::zh;  // as `luohu lsp` sets it
    c.as_of = luohu::test::kPlanDate;
    return c;
  }();
  std::vector<json> sent;
  luohu::lsp::Server server{checker, luohu::Lang::zh, [this](const std::string& m) { sent.push_back(json::parse(m)); }};
  int next_id = 1;

  json request(const std::string& method, json params) {
    int id = next_id++;
    sent.clear();
    server.handle({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    for (const auto& m : sent) {
      if (m.contains("id") && m["id"] == id) return m;
    }
    FAIL("no response to " << method);
    return {};
  }
  void notify(const std::string& method, json params) {
    sent.clear();
    server.handle({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  // The diagnostics of the last publishDiagnostics notification.
  json published() const {
    for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
      if (it->value("method", "") == "textDocument/publishDiagnostics") return (*it)["params"]["diagnostics"];
    }
    FAIL("nothing published");
    return {};
  }
  void start() {
    auto r = request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}});
    REQUIRE(r.contains("result"));
    notify("initialized", json::object());
  }
  void open(const std::string& text) {
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", kUri}, {"languageId", "luohu"}, {"version", 1}, {"text", text}}}});
  }
  void change(json range, const std::string& text, int version) {
    notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", version}}},
                                      {"contentChanges", json::array({{{"range", range}, {"text", text}}})}});
  }
  json doc() const { return {{"uri", kUri}}; }
};

const std::string kT9 = "T9-SOCIAL-INSURANCE-MEDIUM";

// The published diagnostics of one code (other rules of the pack may fire too).
json with_code(const json& diagnostics, const std::string& code) {
  json out = json::array();
  for (const auto& d : diagnostics) {
    if (d["code"] == code) out.push_back(d);
  }
  return out;
}
// The code actions that fix a finding of one code.
json actions_for(const json& actions, const std::string& code) {
  json out = json::array();
  for (const auto& a : actions) {
    if (a["diagnostics"][0]["code"] == code) out.push_back(a);
  }
  return out;
}

}  // namespace

TEST_CASE("lsp: a violation is published with its UTF-16 range, rule link and quoted task", "[lsp]") {
  Session s;
  s.start();
  s.open(kPolicy);
  json diagnostics = with_code(s.published(), kT9);
  REQUIRE(diagnostics.size() == 1);
  const json& d = diagnostics[0];
  CHECK(d["code"] == "T9-SOCIAL-INSURANCE-MEDIUM");
  CHECK(d["severity"] == 1);
  CHECK(d["source"] == "luohu");
  // 34 UTF-16 units precede the clause (𠀀 counts two); the clause is 14 long.
  CHECK(d["range"] == range(4, 34, 4, 48));
  CHECK_THAT(d["message"].get<std::string>(), Catch::Contains("曲靖市为中等城市"));
  CHECK_THAT(d["codeDescription"]["href"].get<std::string>(),
             Catch::StartsWith("file:///") && Catch::EndsWith("/docs/rules/T9-SOCIAL-INSURANCE-MEDIUM.md"));
  std::string related = d["relatedInformation"].dump();
  CHECK_THAT(related, Catch::Contains("中等城市不得超过3年"));
  CHECK_THAT(related, Catch::Contains("所在渠道"));
}

TEST_CASE("lsp: a waived finding is published as a hint naming its waiver", "[lsp][waivers]") {
  Session s;
  s.checker.waiver_options.today = "2024-06-01";
  s.start();
  std::string text = kPolicy;
  text.insert(text.find("渠道 𠀀务工"),
              "# luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=\"山区县, 用工稳定\" document=\"云政复〔2023〕5号\" "
              "date=2023-05-01 expires=2026-12-31\n");
  s.open(text);
  json diagnostics = with_code(s.published(), kT9);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["severity"] == 4);
  CHECK_THAT(diagnostics[0]["message"].get<std::string>(),
             Catch::Contains("曲靖市为中等城市") && Catch::Contains("已豁免：山区县, 用工稳定") &&
                 Catch::Contains("云政复〔2023〕5号") && Catch::Contains("2026-12-31"));
  CHECK(diagnostics[0]["relatedInformation"][0]["location"]["range"]["start"]["line"] == 4);

  s.checker.waiver_options.no_waivers = true;  // --no-waivers: an ordinary error again
  s.change(range(0, 0, 0, 0), " ", 2);
  diagnostics = with_code(s.published(), kT9);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["severity"] == 1);
}

TEST_CASE("lsp: a quick fix lowers the requirement to the cap and the diagnostic clears", "[lsp]") {
  Session s;
  s.start();
  s.open(kPolicy);
  REQUIRE(with_code(s.published(), kT9).size() == 1);
  auto r = s.request("textDocument/codeAction",
                     {{"textDocument", s.doc()}, {"range", range(4, 40, 4, 40)}, {"context", {{"diagnostics", json::array()}}}});
  const json actions = actions_for(r["result"], kT9);
  REQUIRE(actions.size() == 3);  // lower, remove, waiver skeleton
  CHECK(actions[0]["kind"] == "quickfix");
  CHECK(actions[0]["isPreferred"] == true);
  CHECK(actions[0]["title"] == "改为“>= 36 个月”以符合 T9-SOCIAL-INSURANCE-MEDIUM");
  json edits = actions[0]["edit"]["changes"][kUri];
  REQUIRE(edits.size() == 1);
  CHECK(edits[0]["range"] == range(4, 39, 4, 47));  // ">= 48 个月"
  CHECK(edits[0]["newText"] == ">= 36 个月");
  CHECK(actions[1]["title"] == "删除条件“社会保险”");
  CHECK(actions[1]["isPreferred"] == false);
  CHECK_THAT(actions[2]["title"].get<std::string>(), Catch::StartsWith("插入豁免声明模板"));
  CHECK(actions[2]["isPreferred"] == false);
  CHECK(actions[2]["edit"]["changes"][kUri][0]["newText"] ==
        "# luohu: 豁免 T9-SOCIAL-INSURANCE-MEDIUM 理由=“” 文号=“” 日期=YYYY-MM-DD 到期=YYYY-MM-DD\n");

  // Applying the edit as the editor would: the finding goes away.
  s.change(edits[0]["range"], edits[0]["newText"], 2);
  CHECK(with_code(s.published(), kT9).empty());

  // Type the violation back by hand, one character: 36 -> 96.
  s.change(range(4, 42, 4, 43), "9", 3);
  json again = with_code(s.published(), kT9);
  REQUIRE(again.size() == 1);
  CHECK(again[0]["range"] == range(4, 34, 4, 48));
  // The removal fix deletes the clause.
  r = s.request("textDocument/codeAction",
                {{"textDocument", s.doc()}, {"range", range(4, 34, 4, 48)}, {"context", {{"diagnostics", json::array()}}}});
  REQUIRE(actions_for(r["result"], kT9).size() == 3);
  json removal = actions_for(r["result"], kT9)[1]["edit"]["changes"][kUri][0];
  CHECK(removal["range"] == range(4, 34, 4, 48));
  CHECK(removal["newText"] == "");
  s.change(removal["range"], "", 4);
  CHECK(with_code(s.published(), kT9).empty());
}

TEST_CASE("lsp: editing the clause away clears the diagnostic — half-typed text gets syntax errors", "[lsp]") {
  Session s;
  s.start();
  s.open(kPolicy);
  REQUIRE(with_code(s.published(), kT9).size() == 1);
  s.change(range(4, 34, 4, 48), "", 2);
  CHECK(with_code(s.published(), kT9).empty());
  // Half a channel typed at the end: a syntax error, published the same way.
  s.change(range(5, 0, 5, 0), "渠道 新渠道 {\n  对象 ", 3);
  json d = s.published();
  REQUIRE_FALSE(d.empty());
  CHECK(d[0]["code"] == "syntax-error");
  CHECK(d[0]["severity"] == 1);
  // Closing it cleanly clears it again.
  s.change(range(6, 5, 6, 5), "常住人口;\n}\n", 4);
  CHECK(with_code(s.published(), "syntax-error").empty());
  // Whole-document replacement works too.
  s.notify("textDocument/didChange", {{"textDocument", {{"uri", kUri}, {"version", 5}}},
                                      {"contentChanges", json::array({{{"text", kPolicy}}})}});
  CHECK(with_code(s.published(), kT9).size() == 1);
  s.notify("textDocument/didSave", {{"textDocument", s.doc()}});
  CHECK(with_code(s.published(), kT9).size() == 1);
  s.notify("textDocument/didClose", {{"textDocument", s.doc()}});
  CHECK(s.published().empty());
}

TEST_CASE("lsp: after every edit the diagnostics equal those of the edited text opened afresh", "[lsp][incremental]") {
  // The server re-parses incrementally and reuses encoded diagnostics; a
  // fresh server does neither, so any stale range or finding shows here.
  std::string text = luohu::test::read_file(luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu"));
  Session s;
  s.start();
  s.open(text);
  auto lines = [&] { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); };
  struct Step { int line; std::string insert; };
  // Type a channel at the end, break it, mend it, lengthen a number, add lines.
  const std::vector<Step> steps = {{-1, "渠道 新增 { 对象 技术工人; 条件 { 社会保险 >= 9 年; } }\n"},
                                   {-1, "渠道 半截 { 对象 "},
                                   {-1, "技术工人; }\n"},
                                   {0, "# 第一行之前的注释\n"},
                                   {2, "\n\n"}};
  int version = 1;
  for (const auto& step : steps) {
    int line = step.line < 0 ? lines() : step.line;
    s.change(range(line, 0, line, 0), step.insert, ++version);
    json incremental = s.published();
    // Apply the same edit to our copy of the text.
    std::size_t at = 0;
    for (int l = 0; l < line; ++l) at = text.find('\n', at) + 1;
    text.insert(at, step.insert);
    Session fresh;
    fresh.start();
    fresh.open(text);
    INFO("after inserting '" << step.insert << "' at line " << line);
    CHECK(incremental == fresh.published());
  }
}

TEST_CASE("lsp diagnostics encoder: unchanged diagnostics are not encoded again", "[lsp][incremental]") {
  luohu::lsp::DiagnosticEncoder encoder(luohu::test::bundled().rules, luohu::Lang::zh);
  auto report = luohu::test::check(kPolicy);
  REQUIRE(report.diagnostics.size() >= 2);
  std::string first = encoder.publish(*report.source, kUri, 1, report.diagnostics);
  CHECK(encoder.last_encoded() == report.diagnostics.size());
  std::string again = encoder.publish(*report.source, kUri, 2, report.diagnostics);
  CHECK(encoder.last_encoded() == 0);
  CHECK(json::parse(again)["params"]["diagnostics"] == json::parse(first)["params"]["diagnostics"]);
  // A line inserted at the top moves every range: all are encoded afresh.
  auto moved = luohu::test::check(std::string("\n") + kPolicy);
  json shifted = json::parse(encoder.publish(*moved.source, kUri, 3, moved.diagnostics));
  CHECK(encoder.last_encoded() == moved.diagnostics.size());
  CHECK(shifted["params"]["diagnostics"][0]["range"]["start"]["line"] ==
        json::parse(first)["params"]["diagnostics"][0]["range"]["start"]["line"].get<int>() + 1);
  // What a fresh encoder makes of the same diagnostics.
  luohu::lsp::DiagnosticEncoder other(luohu::test::bundled().rules, luohu::Lang::zh);
  CHECK(json::parse(other.publish(*moved.source, kUri, 3, moved.diagnostics)) == shifted);
}

TEST_CASE("lsp: hover explains findings, keywords and vocabulary", "[lsp]") {
  Session s;
  s.start();
  s.open(kPolicy);
  // On the clause name inside the finding.
  auto r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(4, 36)}});
  std::string text = r["result"]["contents"]["value"];
  CHECK(r["result"]["contents"]["kind"] == "markdown");
  CHECK_THAT(text, Catch::StartsWith("**T9-SOCIAL-INSURANCE-MEDIUM**"));
  CHECK_THAT(text, Catch::Contains("中等城市不得超过3年"));
  CHECK_THAT(text, Catch::Contains("`social_insurance`"));
  CHECK(r["result"]["range"] == range(4, 34, 4, 38));
  // A keyword, in Chinese.
  r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(0, 1)}});
  CHECK_THAT(r["result"]["contents"]["value"].get<std::string>(), Catch::Contains("`city`"));
  // A group, with the rules that name it.
  r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(2, 6)}});
  text = r["result"]["contents"]["value"];
  CHECK_THAT(text, Catch::Contains("`college_graduate`"));
  CHECK_THAT(text, Catch::Contains("T3-FULLY-OPEN"));
  // Nothing there.
  r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(3, 0)}});
  CHECK(r["result"].is_null());
}

TEST_CASE("lsp: outline, completion and formatting", "[lsp]") {
  Session s;
  s.start();
  s.open(std::string("区域 主城区;\n") + kPolicy);
  auto r = s.request("textDocument/documentSymbol", {{"textDocument", s.doc()}});
  const json& symbols = r["result"];
  REQUIRE(symbols.size() == 4);
  CHECK(symbols[0]["name"] == "主城区");
  CHECK(symbols[0]["kind"] == 3);
  CHECK(symbols[2]["name"] == "重点群体落户");
  CHECK(symbols[3]["name"] == "𠀀务工");
  CHECK(symbols[3]["children"][1]["children"][1]["name"] == "社会保险");

  // After "对象 " in a channel: target groups, both spellings.
  s.change(range(4, 0, 4, 0), "  对象 ", 2);
  r = s.request("textDocument/completion", {{"textDocument", s.doc()}, {"position", pos(4, 5)}});
  std::string labels;
  for (const auto& item : r["result"]) labels += item["label"].get<std::string>() + " ";
  CHECK_THAT(labels, Catch::Contains("高校毕业生 ") && Catch::Contains("college_graduate "));
  CHECK_THAT(labels, !Catch::Contains("合法稳定就业"));
  // At the start of a line in a channel: channel keywords in both spellings.
  s.change(range(4, 0, 4, 5), "  ", 3);
  r = s.request("textDocument/completion", {{"textDocument", s.doc()}, {"position", pos(4, 2)}});
  labels.clear();
  for (const auto& item : r["result"]) labels += item["label"].get<std::string>() + " ";
  CHECK_THAT(labels, Catch::Contains("对象 ") && Catch::Contains("targets ") && Catch::Contains("随迁 "));
  // Inside a conditions block: condition names and any_of.
  r = s.request("textDocument/completion", {{"textDocument", s.doc()}, {"position", pos(5, 34)}});
  labels.clear();
  for (const auto& item : r["result"]) labels += item["label"].get<std::string>() + " ";
  CHECK_THAT(labels, Catch::Contains("社会保险 ") && Catch::Contains("任一 ") && Catch::Contains("any_of "));
  s.change(range(4, 0, 4, 2), "", 4);

  r = s.request("textDocument/formatting", {{"textDocument", s.doc()}, {"options", {{"tabSize", 2}, {"insertSpaces", true}}}});
  REQUIRE(r["result"].size() == 1);
  std::string formatted = r["result"][0]["newText"];
  CHECK_THAT(formatted, Catch::Contains("渠道 𠀀务工 {\n  对象 农业转移人口;\n  条件 {\n    合法稳定就业;\n"));
}

TEST_CASE("lsp: protocol errors are answered, never fatal", "[lsp]") {
  Session s;
  auto r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(0, 0)}});
  CHECK(r["error"]["code"] == -32002);  // ServerNotInitialized
  s.open(kPolicy);                     // a notification before initialize is dropped
  CHECK(s.sent.empty());
  s.start();
  r = s.request("initialize", json::object());
  CHECK(r["error"]["code"] == -32600);
  r = s.request("textDocument/unknown", json::object());
  CHECK(r["error"]["code"] == -32601);  // MethodNotFound
  r = s.request("textDocument/hover", {{"textDocument", s.doc()}});
  CHECK(r["error"]["code"] == -32602);  // InvalidParams: not open, no position
  s.open(kPolicy);
  r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", "here"}});
  CHECK(r["error"]["code"] == -32602);
  r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(999, 999)}});
  CHECK(r.contains("result"));  // past the end clamps
  s.sent.clear();
  s.server.handle(json::array({1, 2}));
  REQUIRE(s.sent.size() == 1);
  CHECK(s.sent[0]["error"]["code"] == -32600);
  s.notify("$/cancelRequest", {{"id", 1}});
  s.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///not-open"}}}, {"contentChanges", json::array()}});
  CHECK(s.sent.size() == 1);  // logged, not answered
  CHECK(s.sent[0]["method"] == "window/logMessage");
  r = s.request("shutdown", nullptr);
  CHECK(r["result"].is_null());
  r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(0, 0)}});
  CHECK(r["error"]["code"] == -32600);
  CHECK_FALSE(s.server.exited());
  s.notify("exit", nullptr);
  CHECK(s.server.exited());
  CHECK(s.server.exit_code() == 0);
}

TEST_CASE("lsp: a 5 MB document is checked without trouble", "[lsp]") {
  Session s;
  s.start();
  std::string big = "城市 530300;\n渠道 大 {\n  对象 常住人口;\n  条件 {\n    社会保险 >= 4 年;\n  }\n}\n";
  for (int i = 0; big.size() < 5u * 1024 * 1024; ++i) {
    if (i % 50 == 0) big += "渠道 人才落户" + std::to_string(i) + " { 对象 人才; 随迁 配偶、子女、父母; }\n";
    big += "# 填充 filler filler filler filler filler filler filler filler filler filler filler\n";
  }
  s.open(big);
  json d = with_code(s.published(), kT9);
  REQUIRE(d.size() == 1);
  CHECK(d[0]["range"] == range(4, 4, 4, 16));
}

TEST_CASE("lsp transport: framing, bad JSON and end of input", "[lsp]") {
  auto frame = [](const std::string& body) { return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body; };
  std::istringstream in(frame(R"({"jsonrpc":"2.0","id":1,"method":"x"})") + frame("{not json") +
                        "X-Nothing: 1\r\n\r\n" + frame(R"({"jsonrpc":"2.0","method":"exit"})") + "Content-Length: 99\r\n\r\n{");
  std::ostringstream out;
  luohu::lsp::Transport t(in, out);
  using S = luohu::lsp::Transport::Status;
  auto m = t.read();
  CHECK(m.status == S::message);
  CHECK(m.message["method"] == "x");
  CHECK(t.read().status == S::bad_json);
  CHECK(t.read().status == S::bad_header);
  CHECK(t.read().message["method"] == "exit");
  CHECK(t.read().status == S::end_of_input);  // cut off
  t.write(json{{"a", "中"}}.dump());
  CHECK(out.str() == "Content-Length: 11\r\n\r\n{\"a\":\"中\"}");
}

TEST_CASE("lsp: the binary serves a scripted session on stdin/stdout", "[lsp][cli]") {
  auto frame = [](const json& m) {
    std::string body = m.dump();
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  std::string uri = luohu::path_to_uri(luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu"));
  std::ifstream file(luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu"));
  std::stringstream text;
  text << file.rdbuf();
  std::string script =
      frame({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}}) +
      frame({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}}) + "Content-Length: 3\r\n\r\n{x}" +
      frame({{"jsonrpc", "2.0"},
             {"method", "textDocument/didOpen"},
             {"params", {{"textDocument", {{"uri", uri}, {"languageId", "luohu"}, {"version", 1}, {"text", text.str()}}}}}}) +
      frame({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}}) + frame({{"jsonrpc", "2.0"}, {"method", "exit"}});
  auto input = luohu::test::temp_file("session.lsp", script);
  auto output = luohu::test::temp_file("session.out", "");
  int status = std::system((std::string("'") + LUOHU_BINARY + "' --lang en lsp <'" + input + "' >'" + output + "'").c_str());
  CHECK(WEXITSTATUS(status) == 0);
  std::ifstream result(output);
  std::stringstream out;
  out << result.rdbuf();
  CHECK_THAT(out.str(), Catch::Contains("\"code\":-32700"));
  CHECK_THAT(out.str(), Catch::Contains("\"code\":\"T9-SOCIAL-INSURANCE-MEDIUM\""));
  CHECK_THAT(out.str(), Catch::Contains("\"range\":{\"end\":{\"character\":18,\"line\":23},\"start\":{\"character\":4,\"line\":23}}"));
  CHECK_THAT(out.str(), Catch::Contains("\"id\":2,\"jsonrpc\":\"2.0\",\"result\":null"));
}

TEST_CASE("lsp: a finding relates the city's sentence in its source text — hover on a clause shows its 原文", "[lsp][provenance]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("luohu-lsp-provenance-" + std::to_string(::getpid()));
  fs::create_directories(dir / "sources");
  std::ofstream(dir / "sources" / "q.txt", std::ios::binary) << "曲靖市办法\n第一条 连续缴纳社会保险满4年的，可以落户。\n";
  const std::string uri = luohu::path_to_uri((dir / "q.luohu").string());
  const std::string text =
      "城市 530300 曲靖市;\n"
      "来源 “sources/q.txt”;\n"
      "渠道 务工 { 对象 农业转移人口; 条件 { 社会保险 >= 48 个月 原文 “连续缴纳社会保险满4年”; } }\n";
  Session s;
  s.start();
  s.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "luohu"}, {"version", 1}, {"text", text}}}});
  json diagnostics = with_code(s.published(), kT9);
  REQUIRE(diagnostics.size() == 1);
  json cited;
  for (const auto& r : diagnostics[0]["relatedInformation"]) {
    if (r["message"].get<std::string>().find("城市原文") != std::string::npos) cited = r;
  }
  REQUIRE(cited.is_object());
  CHECK_THAT(cited["message"].get<std::string>(), Catch::Contains("连续缴纳社会保险满4年"));
  CHECK(cited["location"]["uri"] == luohu::path_to_uri((dir / "sources" / "q.txt").string()));
  CHECK(cited["location"]["range"] == range(1, 4, 1, 15));
  CHECK(with_code(s.published(), "quote-not-found").empty());
  auto r = s.request("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", pos(2, 25)}});
  std::string hover = r["result"]["contents"]["value"];
  CHECK_THAT(hover, Catch::Contains("原文：“连续缴纳社会保险满4年”"));
  CHECK_THAT(hover, Catch::Contains("q.txt:2:5"));
  std::error_code ec;
  fs::remove_all(dir, ec);
}

TEST_CASE("lsp: hover on the 城市 statement shows the city's registry record", "[lsp][registry]") {
  Session s;
  s.start();
  s.open("城市 230400;\n");
  // On the code, and on the keyword: the record either way, as luohu city prints it.
  for (int column : {4, 0}) {
    auto r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(0, column)}});
    std::string text = r["result"]["contents"]["value"];
    INFO(text);
    CHECK_THAT(text, Catch::Contains("**230400 鹤岗市** / Hegang"));
    CHECK_THAT(text, Catch::Contains("yicai_medium135"));  // the source, and the conflict beside it
    CHECK_THAT(text, Catch::Contains("hlj_hegang"));
    CHECK_THAT(text, Catch::Contains("中等城市 (medium)"));
  }
  auto r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(0, 4)}});
  CHECK(r["result"]["range"]["start"]["line"] == 0);
}

TEST_CASE("lsp: hover on the city code shows tier, population and the caps its tier brings", "[lsp][registry]") {
  Session s;  // as of the plan's date
  s.start();
  s.open("城市 530300;\n");
  auto r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(0, 4)}});
  std::string text = r["result"]["contents"]["value"];
  INFO(text);
  CHECK_THAT(text, Catch::Contains("中等城市 (medium)"));
  CHECK_THAT(text, Catch::Contains("城区常住人口"));
  CHECK_THAT(text, Catch::Contains("按规模、级别适用的规则**（2017-12-31 施行）"));
  CHECK_THAT(text, Catch::Contains("`T9-SOCIAL-INSURANCE-MEDIUM` 中等城市落户条件的社会保险年限要求不得超过3年"));
  CHECK_THAT(text, !Catch::Contains("T9-SOCIAL-INSURANCE-LARGE"));  // a large city's cap is not a medium city's
  CHECK_THAT(text, !Catch::Contains("D2019B-UNDER-3M-NO-LIMITS"));  // not yet in force on that day
  // A type-II large city: its 5-year cap and the ban on points.
  s.change(range(0, 3, 0, 9), "150100", 2);
  r = s.request("textDocument/hover", {{"textDocument", s.doc()}, {"position", pos(0, 4)}});
  text = r["result"]["contents"]["value"];
  CHECK_THAT(text, Catch::Contains("`T9-SOCIAL-INSURANCE-LARGE`") && Catch::Contains("`T8-POINTS-SCHEME`"));
}

TEST_CASE("lsp: one preferred action per finding — two findings one edit clears share one action", "[lsp][fixes]") {
  Session s;
  s.start();
  std::string text = luohu::test::read_file(luohu::test::source_path("examples/violations/mixed-hohhot-several.luohu"));
  s.open(text);
  // Lines 31 (购买房屋: T3-FULLY-OPEN, T7-PURCHASE-INVEST-TAX) and 60 (积分 >= 90 分: T3-FULLY-OPEN, T8-POINTS-CONDITION).
  for (int line : {30, 59}) {
    INFO("line " << line + 1);
    auto r = s.request("textDocument/codeAction",
                       {{"textDocument", s.doc()}, {"range", range(line, 6, line, 6)}, {"context", {{"diagnostics", json::array()}}}});
    json preferred = json::array();
    for (const auto& a : r["result"]) {
      if (a["isPreferred"] == true) preferred.push_back(a);
    }
    REQUIRE(preferred.size() == 1);
    CHECK(preferred[0]["diagnostics"].size() == 2);  // the removal clears both findings
    CHECK_THAT(preferred[0]["title"].get<std::string>(), Catch::StartsWith("删除条件"));
    // The rest are one waiver skeleton per finding, never preferred.
    CHECK(r["result"].size() == 3);
  }
}

TEST_CASE("lsp: the editor's initialize locale chooses the language unless --lang fixed it", "[lsp][locale]") {
  luohu::Checker checker{luohu::test::bundled().registry, luohu::test::bundled().rules};  // both languages
  auto first_message = [&](luohu::Lang start, bool fixed, const char* locale) {
    std::vector<json> sent;
    luohu::lsp::Server server{checker, start, [&](const std::string& m) { sent.push_back(json::parse(m)); }, fixed};
    server.handle({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"},
                   {"params", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()},
                               {"locale", locale}}}});
    server.handle({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
    server.handle({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
                   {"params", {{"textDocument", {{"uri", kUri}, {"languageId", "luohu"}, {"version", 1}, {"text", kPolicy}}}}}});
    for (const auto& m : sent)
      if (m.value("method", "") == "textDocument/publishDiagnostics")
        for (const auto& d : m["params"]["diagnostics"])
          if (d["code"] == kT9) return d["message"].get<std::string>();
    return std::string("(none)");
  };
  CHECK_THAT(first_message(luohu::Lang::en, false, "zh-cn"), Catch::Contains("中等城市"));
  CHECK_THAT(first_message(luohu::Lang::zh, false, "en"), Catch::Contains("medium"));
  CHECK_THAT(first_message(luohu::Lang::en, false, "fr"), Catch::Contains("medium"));  // not zh or en: as started
  CHECK_THAT(first_message(luohu::Lang::en, true, "zh-cn"), Catch::Contains("medium"));  // --lang en wins
}

TEST_CASE("lsp: the asOf setting checks the draft against the rules in force on that date", "[lsp][over-time]") {
  // 惠州 (type-II large) asking two years of social insurance: lawful in 2017, a restriction from 2019-12-25.
  const std::string text =
      "城市 441300;\n渠道 务工落户 {\n  对象 农业转移人口;\n  条件 { 合法稳定就业; 社会保险 >= 2 年; }\n  随迁 配偶 未成年子女 父母;\n}\n";
  for (const auto& [as_of, expected] : std::vector<std::pair<std::string, bool>>{{"2017-06-01", false}, {"2020-06-01", true}}) {
    Session s;
    auto r = s.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()},
                                      {"initializationOptions", {{"asOf", as_of}}}});
    REQUIRE(r.contains("result"));
    s.notify("initialized", json::object());
    s.open(text);
    INFO(as_of);
    CHECK(with_code(s.published(), "D2019B-UNDER-3M-NO-LIMITS").empty() != expected);
  }
}

TEST_CASE("lsp: the workspace's .luohu.yaml sets the language after luohu.lang and before the locale", "[lsp][config]") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("luohu-lsp-config-" + std::to_string(::getpid()));
  fs::create_directories(root);
  std::ofstream(root / ".luohu.yaml") << "lang: en\n";
  luohu::Checker checker{luohu::test::bundled().registry, luohu::test::bundled().rules};  // both languages
  checker.as_of = luohu::test::kPlanDate;
  auto first_message = [&](json init) {
    std::vector<json> sent;
    luohu::lsp::Server server{checker, luohu::Lang::zh, [&](const std::string& m) { sent.push_back(json::parse(m)); }};
    init["processId"] = nullptr;
    init["capabilities"] = json::object();
    server.handle({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", init}});
    server.handle({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
                   {"params", {{"textDocument", {{"uri", kUri}, {"languageId", "luohu"}, {"version", 1}, {"text", kPolicy}}}}}});
    for (const auto& m : sent)
      if (m.value("method", "") == "textDocument/publishDiagnostics")
        for (const auto& d : m["params"]["diagnostics"])
          if (d["code"] == kT9) return d["message"].get<std::string>();
    return std::string("(none)");
  };
  std::string uri = luohu::path_to_uri(root.string());
  CHECK_THAT(first_message({{"rootUri", uri}, {"locale", "zh-cn"}}), Catch::Contains("medium"));  // the project beats the locale
  CHECK_THAT(first_message({{"rootUri", uri}, {"locale", "zh-cn"}, {"initializationOptions", {{"lang", "zh"}}}}),
             Catch::Contains("中等城市"));  // the editor's own luohu.lang beats the project
  CHECK_THAT(first_message({{"rootUri", nullptr}, {"locale", "zh-cn"}}), Catch::Contains("中等城市"));
  fs::remove_all(root);
}
