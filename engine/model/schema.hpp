// Static description of the model's object types, so that a rule predicate
// naming a field that does not exist is refused when the rule is loaded,
// not silently evaluated to null on every policy.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace luohu {

struct Type {
  enum class Kind { Any, Null, Bool, Number, String, List, Object };
  Kind kind = Kind::Any;
  std::string object;                   // type name when kind == Object
  std::shared_ptr<const Type> element;  // element type when kind == List
  bool nullable = false;                // the field may be null (absent)

  static Type any() { return {}; }
  static Type boolean() { return {Kind::Bool, {}, nullptr, false}; }
  static Type number(bool nullable = false) { return {Kind::Number, {}, nullptr, nullable}; }
  static Type string(bool nullable = false) { return {Kind::String, {}, nullptr, nullable}; }
  static Type object_of(std::string name, bool nullable = false) {
    return {Kind::Object, std::move(name), nullptr, nullable};
  }
  static Type list_of(Type element) {
    return {Kind::List, {}, std::make_shared<const Type>(std::move(element)), false};
  }
  std::string to_string() const;
};

struct ObjectSchema {
  std::string name;
  std::map<std::string, Type, std::less<>> fields;
};

class Schema {
 public:
  void add(ObjectSchema object) { types_[object.name] = std::move(object); }
  const ObjectSchema* find(std::string_view name) const {
    auto it = types_.find(name);
    return it == types_.end() ? nullptr : &it->second;
  }
  const std::map<std::string, ObjectSchema, std::less<>>& types() const { return types_; }

 private:
  std::map<std::string, ObjectSchema, std::less<>> types_;
};

}  // namespace luohu
