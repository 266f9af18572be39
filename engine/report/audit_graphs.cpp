// The audit HTML report's pictures: the audit hands each city's merged policy
// to the hook while it holds it, and the SVG is laid out once for every city.
#include "graph/pathways.hpp"
#include "report/audit_reports.hpp"
#include "report/dot.hpp"

namespace luohu {

std::function<std::string(PolicyModel&, const std::vector<Diagnostic>&)> pathway_graph_hook(Lang lang) {
  return [lang](PolicyModel& policy, const std::vector<Diagnostic>& findings) {
    analyse_pathways(policy);
    return pathway_dot(policy, findings, lang);
  };
}

void lay_out_graphs(std::vector<audit::FileResult>& files) {
  std::vector<std::size_t> drawn;
  std::vector<std::string> dots, errors;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i].graph_dot.empty()) continue;
    drawn.push_back(i);
    dots.push_back(files[i].graph_dot);
  }
  if (drawn.empty()) return;
  auto svgs = dots_to_svg(dots, errors);
  for (std::size_t k = 0; k < drawn.size(); ++k) {
    files[drawn[k]].graph_svg = std::move(svgs[k]);
    files[drawn[k]].graph_error = std::move(errors[k]);
  }
}

}  // namespace luohu
