// Realistic synthetic policies for benchmarks, reproducible by seed: the same
// (seed, city, size) always gives the same text. Policies look like the real
// corpus in policies/ (header, comments, channels, points, residence permit,
// public services) and break rules at about the real corpus's rate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace luohu::bench {

struct GenCity {
  std::string code, name_zh, name_en, province_zh, province_en;
  std::int64_t population = 0;  // urban residents
};

// One policy for `city`; `extra_channels` pads it (about 12 lines each) to
// reach a size: 0 gives a typical 1.5-2.5 KB file.
std::string generate_policy(const GenCity& city, std::uint64_t seed, std::size_t extra_channels = 0);

// `n` fake cities with codes 900001.. spread over every tier, and the
// registry YAML (same schema as registry/cities.yaml) that lists them.
std::vector<GenCity> synthetic_cities(std::size_t n, std::uint64_t seed);
std::string synthetic_registry_yaml(const std::vector<GenCity>& cities);

}  // namespace luohu::bench
