#include "support.hpp"

#include "compose/check.hpp"
#include "syntax/parser.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace luohu::test {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Built build(const std::string& text, const std::string& path) {
  auto source = std::make_shared<SourceFile>(path, text);
  auto parsed = syntax::parse(*source);
  if (!parsed.ok()) throw std::runtime_error("test policy does not parse: " + parsed.diagnostics.front().message.en);
  return {source, build_policy(parsed.file, bundled().registry)};
}

// Every luohu these tests start uses the build's own start-up snapshot
// cache, never the user's (docs/cache.md).
[[maybe_unused]] const bool kPrivateCache = [] {
  ::setenv("XDG_CACHE_HOME", (fs::path(LUOHU_BINARY).parent_path() / "test-cache").c_str(), 1);
  return true;
}();

std::string source_path(const std::string& relative) { return (fs::path(LUOHU_SOURCE_DIR) / relative).string(); }

const Setup& bundled() {
  static const Setup setup = [] {
    std::vector<LoadError> errors;
    auto s = load_setup({source_path("registry/cities.yaml"), source_path("rules")}, "", errors);  // YAML, no cache
    if (!s) {
      std::string all;
      for (const auto& e : errors) all += e.format(Lang::en) + "\n";
      throw std::runtime_error("bundled data failed to load:\n" + all);
    }
    return std::move(*s);
  }();
  return setup;
}

FileReport check(const std::string& text, const std::string& path) {
  Checker checker(bundled().registry, bundled().rules);
  checker.as_of = kPlanDate;
  return compose::check_text(checker, path, text);
}

std::vector<std::string> codes(const FileReport& report) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics) out.push_back(d.code);
  return out;
}

namespace {
std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

RunResult run_luohu(const std::vector<std::string>& args, const std::string& stdin_path) {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("luohu-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path out = dir / ("out" + std::to_string(counter));
  fs::path err = dir / ("err" + std::to_string(counter++));
  std::string command = quote(LUOHU_BINARY);
  for (const auto& a : args) command += " " + quote(a);
  command += " >" + quote(out.string()) + " 2>" + quote(err.string()) + " <" + quote(stdin_path.empty() ? "/dev/null" : stdin_path);
  int status = std::system(command.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string temp_file(const std::string& name, const std::string& content) {
  fs::path dir = fs::temp_directory_path() / ("luohu-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      if (i + 1 < text.size()) rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  return rows;
}

void with_locale_variables(const std::map<std::string, std::string>& vars, const std::function<void()>& body) {
  const char* names[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
  std::map<std::string, std::optional<std::string>> saved;
  for (const char* n : names) {
    const char* v = std::getenv(n);
    saved[n] = v ? std::optional<std::string>(v) : std::nullopt;
    ::unsetenv(n);
  }
  for (const auto& [n, v] : vars) ::setenv(n.c_str(), v.c_str(), 1);
  body();
  for (const auto& [n, v] : saved) v ? (void)::setenv(n.c_str(), v->c_str(), 1) : (void)::unsetenv(n.c_str());
}

}  // namespace luohu::test
