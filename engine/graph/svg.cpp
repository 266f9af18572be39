// Graphviz is an optional runtime tool (Debian package graphviz): luohu
// writes DOT itself and only asks `dot` to lay it out.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/dot.hpp"

namespace luohu {

std::optional<std::string> dot_to_svg(const std::string& dot, std::string& error) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    error = "Graphviz's 'dot' is not installed (Debian package graphviz)";
    return std::nullopt;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec) / fmt::format("luohu-graph-{}-{}", ::getpid(), static_cast<const void*>(&dot));
  fs::create_directories(dir, ec);
  fs::path in = dir / "in.dot", out = dir / "out.svg", err = dir / "err.txt";
  {
    std::ofstream f(in, std::ios::binary);
    f << dot;
  }
  std::string command = fmt::format("dot -Tsvg '{}' -o '{}' 2>'{}'", in.string(), out.string(), err.string());
  int status = std::system(command.c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  };
  std::optional<std::string> svg;
  if (status == 0) svg = slurp(out);
  else error = "dot -Tsvg failed: " + slurp(err);
  fs::remove_all(dir, ec);
  return svg;
}

}  // namespace luohu
