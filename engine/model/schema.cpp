#include "model/schema.hpp"

namespace luohu {

std::string Type::to_string() const {
  std::string text;
  switch (kind) {
    case Kind::Any: text = "any"; break;
    case Kind::Null: return "null";
    case Kind::Bool: text = "bool"; break;
    case Kind::Number: text = "number"; break;
    case Kind::String: text = "string"; break;
    case Kind::List: text = "list(" + (element ? element->to_string() : std::string("any")) + ")"; break;
    case Kind::Object: text = object; break;
  }
  if (nullable && kind != Kind::Any) text += '?';
  return text;
}

}  // namespace luohu
