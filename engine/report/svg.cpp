// Graphviz is an optional runtime tool (Debian package graphviz): luohu
// writes DOT itself and only asks `dot` to lay it out.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/dot.hpp"

namespace luohu {

std::optional<std::string> dot_to_svg(const std::string& dot, std::string& error) {
  // Looked up once: an audit draws one graph per city.
  static const bool installed = std::system("command -v dot >/dev/null 2>&1") == 0;
  if (!installed) {
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
  // Redirected, not -o: with several graphs, dot 2.43 writes only the first to the -o file.
  std::string command = fmt::format("dot -Tsvg '{}' >'{}' 2>'{}'", in.string(), out.string(), err.string());
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

std::vector<std::optional<std::string>> dots_to_svg(const std::vector<std::string>& dots, std::vector<std::string>& errors) {
  std::vector<std::optional<std::string>> out(dots.size());
  errors.assign(dots.size(), "");
  if (dots.empty()) return out;
  // One `dot` run lays out every graph of its input, one SVG document each:
  // one process for a whole audit instead of one per city.
  std::string all;
  for (const auto& d : dots) all += d + "\n";
  std::string error;
  if (auto svg = dot_to_svg(all, error)) {
    std::vector<std::string> documents;
    const std::string end = "</svg>";
    for (std::size_t at = 0, next; (next = svg->find(end, at)) != std::string::npos; at = next + end.size())
      documents.push_back(svg->substr(at, next + end.size() - at));
    if (documents.size() == dots.size()) {
      for (std::size_t i = 0; i < dots.size(); ++i) out[i] = std::move(documents[i]);
      return out;
    }
  }
  // The batch failed (a graph dot cannot lay out, or Graphviz is missing): each on its own, to say which.
  for (std::size_t i = 0; i < dots.size(); ++i) out[i] = dot_to_svg(dots[i], errors[i]);
  return out;
}

}  // namespace luohu
