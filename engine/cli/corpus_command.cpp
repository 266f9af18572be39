// luohu corpus [DIR]: the corpus index of DIR/README.md (city, code, tier,
// document, date, verification level, source texts), generated from the
// policies' own 来源/核实 statements. --check fails on drift, --write rewrites.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "audit/audit.hpp"
#include "audit/corpus_index.hpp"
#include "audit/discover.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace luohu::cli {
namespace {

namespace fs = std::filesystem;

struct CorpusOptions {
  std::string dir = "policies";
  bool write = false;
  bool check = false;
  CLI::App* app = nullptr;
};

int run_corpus(const CorpusOptions& o, const GlobalOptions& global) {
  Lang lang;
  if (!load_config_or_report(global, lang)) return kExitInputError;
  auto fail = [&](const Message& m) {
    std::cerr << (lang == Lang::zh ? "错误：" : "error: ") << m.in(lang) << "\n";
    return kExitInputError;
  };
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  auto found = audit::discover({o.dir});
  if (!found.errors.empty()) {
    for (const auto& e : found.errors) fail(e);
    return kExitInputError;
  }
  Checker checker(setup->registry, setup->rules);
  auto result = audit::run(checker, found.files);
  std::string index = audit::corpus_index(result, o.dir);
  if (!o.write && !o.check) {
    std::cout << index;
    return kExitClean;
  }
  std::string path = (fs::path(o.dir) / "README.md").string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail({fmt::format("{}：无法读取", path), fmt::format("{}: cannot read it", path)});
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto updated = audit::replace_corpus_index(buffer.str(), index);
  if (!updated)
    return fail({fmt::format("{} 中没有生成区的标记行（{} … {}）", path, audit::kCorpusBegin, audit::kCorpusEnd),
                 fmt::format("{} has no generated-part markers ({} … {})", path, audit::kCorpusBegin, audit::kCorpusEnd)});
  if (o.check) {
    if (*updated == buffer.str()) return kExitClean;
    std::cerr << (lang == Lang::zh ? fmt::format("{} 的城市表已过时：请运行 luohu corpus {} --write\n", path, o.dir)
                                   : fmt::format("{}'s city table is stale: run luohu corpus {} --write\n", path, o.dir));
    return kExitFindings;
  }
  std::string error;
  if (!write_atomically(path, *updated, error))
    return fail({fmt::format("{}：无法写入", path), fmt::format("{}: {}", path, error)});
  return kExitClean;
}

}  // namespace

Command corpus_command() {
  auto options = std::make_shared<CorpusOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions& global) {
    const Help& h = global.help;
    options->app = app.add_subcommand(
        "corpus", h("输出由各政策的来源、核实生成的政策库索引（城市、文件、核实程度、来源）", "Print the corpus index (city, document, verification level, sources) generated from the policies' 来源/核实"));
    options->app->add_option("dir", options->dir, h("政策库目录，其 README.md 载有索引（默认：policies）", "The corpus folder, whose README.md holds the index (default: policies)"));
    options->app->add_flag("--write", options->write, h("改写 DIR/README.md 中的索引", "Rewrite the index in DIR/README.md"));
    options->app->add_flag("--check", options->check, h("DIR/README.md 中的索引过时则退出码为 1", "Exit 1 when DIR/README.md's index is stale"));
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.paths = [options] { return std::vector<std::string>{options->dir}; };
  c.run = [options](const GlobalOptions& g) { return run_corpus(*options, g); };
  return c;
}

}  // namespace luohu::cli
