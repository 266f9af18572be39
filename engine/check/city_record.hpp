// A city's registry record as text (luohu city, the LSP hover on 城市):
// names, province, level, capital, population or band with its basis and
// sources, conflicts and the decision taken, and the tier it gives. It lives
// above registry/ because it labels tiers and levels with the model vocabulary.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "registry/registry.hpp"

namespace luohu {

// Plain text, or Markdown for a hover; in one language.
std::string describe_city(const City& city, const Registry& registry, Lang lang, bool markdown = false);
// Both languages' words beside each field's value.
nlohmann::json city_record_json(const City& city, const Registry& registry);
// "17751700", "[500000, 1000000)" or "unknown": the population as the registry gives it.
std::string population_text(const City& city, Lang lang);
// The titles of the population sources, joined (for the audit's tier column).
std::string population_source_text(const City& city);

}  // namespace luohu
