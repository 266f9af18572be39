// Text shown to people, in both languages luohu speaks. Below everything: data
// loaders, the parser and diagnostics all carry a Message.
#pragma once

#include <string>

namespace luohu {

enum class Lang { zh, en };

struct Message {
  std::string zh;
  std::string en;
  // Falls back to the other language when one was not rendered.
  const std::string& in(Lang lang) const {
    if (lang == Lang::en) return en.empty() ? zh : en;
    return zh.empty() ? en : zh;
  }
};

}  // namespace luohu
