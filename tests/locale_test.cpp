// The message language from the environment (issue 19): gettext's order,
// LANGUAGE first (a priority list), then LC_ALL, LC_MESSAGES, LANG.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "check/setup.hpp"
#include "support.hpp"

namespace {

// Sets exactly these four variables for one call, then restores them.
luohu::Lang with_env(const std::map<std::string, std::string>& vars) {
  luohu::Lang lang = luohu::Lang::en;
  luohu::test::with_locale_variables(vars, [&] { lang = luohu::language_from_environment(); });
  return lang;
}

}  // namespace

TEST_CASE("locale: LANGUAGE, LC_ALL, LC_MESSAGES, LANG in that order", "[locale]") {
  using luohu::Lang;
  CHECK(with_env({}) == Lang::en);
  CHECK(with_env({{"LANGUAGE", "zh_CN:en"}, {"LANG", "C.UTF-8"}}) == Lang::zh);
  CHECK(with_env({{"LANGUAGE", "zh_CN"}}) == Lang::zh);
  CHECK(with_env({{"LANGUAGE", "fr:zh_TW:en"}}) == Lang::zh);  // the first entry luohu speaks
  CHECK(with_env({{"LANGUAGE", "en_GB:zh_CN"}, {"LC_ALL", "zh_CN.UTF-8"}}) == Lang::en);
  CHECK(with_env({{"LANGUAGE", "fr"}, {"LC_ALL", "zh_CN.UTF-8"}}) == Lang::zh);  // none spoken: next variable
  CHECK(with_env({{"LC_ALL", "zh_CN.UTF-8"}, {"LANG", "en_US.UTF-8"}}) == Lang::zh);
  CHECK(with_env({{"LC_MESSAGES", "zh_CN.GB18030"}, {"LANG", "C"}}) == Lang::zh);
  CHECK(with_env({{"LC_ALL", "C"}, {"LANG", "zh_CN.UTF-8"}}) == Lang::en);  // the first set one decides
  CHECK(with_env({{"LANG", "zh_CN.UTF-8"}}) == Lang::zh);
  CHECK(luohu::language_from_locale("zh-cn") == Lang::zh);
  CHECK(luohu::language_from_locale("en-US") == Lang::en);
  CHECK_FALSE(luohu::language_from_locale("ja").has_value());
}
