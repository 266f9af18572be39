// luohu-gen: writes synthetic policies for benchmarks (bench/README.md).
//   luohu-gen --out DIR --cities N [--seed S] [--extra-channels K] [--synthetic]
//   luohu-gen --file PATH [--seed S] [--extra-channels K]
// Up to the registry's 734 cities it uses real codes from registry/cities.yaml;
// beyond that (or with --synthetic) it also writes DIR/registry.yaml with
// fake codes 900001.., to pass to `luohu --registry`.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "generate.hpp"
#include "registry/registry.hpp"

namespace fs = std::filesystem;
using namespace luohu;

namespace {

bool write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"luohu-gen: synthetic policies for benchmarks"};
  std::string out, file, registry_path = LUOHU_SOURCE_DIR "/registry/cities.yaml";
  std::size_t cities = 0, extra = 0;
  std::uint64_t seed = 1;
  bool synthetic = false;
  app.add_option("--out", out, "Directory for policies/ (and registry.yaml when synthetic)");
  app.add_option("--file", file, "Write one policy (the first city) to this path");
  app.add_option("--cities", cities, "Number of cities");
  app.add_option("--seed", seed, "Random seed (same seed, same files)");
  app.add_option("--extra-channels", extra, "Extra channels per policy (about 12 lines each)");
  app.add_option("--registry", registry_path, "Registry whose codes to use");
  app.add_flag("--synthetic", synthetic, "Fake codes and a synthetic registry even for few cities");
  CLI11_PARSE(app, argc, argv);
  if (out.empty() == file.empty()) {
    std::cerr << "luohu-gen: give --out DIR --cities N, or --file PATH\n";
    return 2;
  }

  std::vector<bench::GenCity> list;
  std::size_t wanted = file.empty() ? cities : 1;
  std::vector<LoadError> errors;
  auto registry = Registry::load(registry_path, errors);
  if (!registry) {
    for (const auto& e : errors) std::cerr << e.format(Lang::en) << "\n";
    return 2;
  }
  if (!synthetic && wanted <= registry->cities().size()) {
    for (std::size_t i = 0; i < wanted; ++i) {
      const City& c = registry->cities()[i];
      list.push_back({c.code, c.name_zh, c.name_en, c.province_zh, c.province_en, c.population.value_or(c.population_min)});
    }
  } else {
    synthetic = true;
    list = bench::synthetic_cities(wanted, seed);
  }

  if (!file.empty()) return write(file, bench::generate_policy(list[0], seed, extra)) ? 0 : 1;
  fs::create_directories(fs::path(out) / "policies");
  if (synthetic && !write(fs::path(out) / "registry.yaml", bench::synthetic_registry_yaml(list))) return 1;
  std::size_t bytes = 0;
  for (const auto& c : list) {
    std::string text = bench::generate_policy(c, seed, extra);
    bytes += text.size();
    if (!write(fs::path(out) / "policies" / (c.code + ".luohu"), text)) return 1;
  }
  std::cerr << "luohu-gen: " << list.size() << " policies, " << bytes << " bytes, in " << out << "/policies"
            << (synthetic ? " (synthetic registry: " + out + "/registry.yaml)" : "") << "\n";
  return 0;
}
