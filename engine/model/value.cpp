#include "model/value.hpp"

namespace luohu {

std::string Value::type_name() const {
  switch (data.index()) {
    case 0: return "null";
    case 1: return "bool";
    case 2: return "number";
    case 3: return "string";
    case 4: return "list";
    default: return std::string(as_object()->type_name());
  }
}

bool operator==(const Value& a, const Value& b) {
  if (a.data.index() != b.data.index()) return false;
  switch (a.data.index()) {
    case 0: return true;
    case 1: return a.as_bool() == b.as_bool();
    case 2: return a.as_number() == b.as_number();
    case 3: return a.as_string() == b.as_string();
    case 4: {
      const auto& pa = std::get<std::shared_ptr<const ValueList>>(a.data);
      const auto& pb = std::get<std::shared_ptr<const ValueList>>(b.data);
      if (pa == pb) return true;
      if (!pa || !pb) return false;
      return *pa == *pb;
    }
    default: return a.as_object() == b.as_object();
  }
}

}  // namespace luohu
