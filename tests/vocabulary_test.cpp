// One home per concept: where two tables must name the same things, a test
// holds them together (the registry's tiers and levels and the vocabulary's
// names for them; condition shapes and what the model reads from them).
#include <catch2/catch.hpp>

#include <set>

#include "model/vocabulary.hpp"
#include "registry/registry.hpp"

using namespace luohu;

TEST_CASE("the vocabulary names exactly the registry's tiers, in the registry's order", "[vocabulary][registry]") {
  const auto& bands = tier_bands();
  const auto& tiers = terms(Vocabulary::tier);
  REQUIRE(bands.size() == tiers.size());
  for (std::size_t i = 0; i < bands.size(); ++i) {
    CHECK(tiers[i].id == bands[i].id);
    if (i > 0) CHECK(bands[i].min < bands[i - 1].min);  // largest first
  }
  CHECK(bands.back().min == 0);  // every population has a tier
  CHECK(tier_for_population(bands[2].min) == bands[2].id);
  CHECK(tier_for_population(bands[2].min - 1) == bands[3].id);  // "以上包括本数，以下不包括本数"
}

TEST_CASE("the vocabulary's levels are the registry's levels and provincial_capital", "[vocabulary][registry]") {
  std::set<std::string> vocabulary, registry(city_levels().begin(), city_levels().end());
  for (const auto& t : terms(Vocabulary::level)) vocabulary.insert(t.id);
  registry.insert("provincial_capital");  // City::levels() adds it for a capital
  CHECK(vocabulary == registry);
}

TEST_CASE("a condition kind's shape says whether it is time-valued and what its words are", "[vocabulary]") {
  CHECK(is_time_valued("social_insurance"));
  CHECK(is_time_valued("employment"));  // optional years
  CHECK_FALSE(is_time_valued("education"));
  CHECK_FALSE(is_time_valued("no_such_kind"));
  CHECK(argument_vocabulary(condition_shape("education")) == Vocabulary::education);
  CHECK(argument_vocabulary(condition_shape("skill")) == Vocabulary::skill);
  CHECK(argument_vocabulary(condition_shape("residence")) == Vocabulary::rental);
  CHECK(argument_vocabulary(condition_shape("give_up_rural_rights")) == Vocabulary::rural_right);
  CHECK_FALSE(argument_vocabulary(condition_shape("social_insurance")));
  for (const auto& t : terms(Vocabulary::condition)) {
    INFO(t.id);
    CHECK(is_time_valued(t.id) == (t.shape == ConditionShape::years || t.shape == ConditionShape::optional_years));
  }
}
