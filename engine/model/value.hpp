// Dynamic values that rule predicates evaluate over. The policy model exposes
// its objects through ModelObject so the predicate evaluator needs no
// knowledge of channels, conditions or cities: rules stay pure data.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/field_id.hpp"
#include "source/source_range.hpp"

namespace luohu {

class ModelObject;
struct Value;
using ValueList = std::vector<Value>;

struct Value {
  using Storage = std::variant<std::monostate, bool, double, std::string,
                               std::shared_ptr<const ValueList>, const ModelObject*>;
  Storage data;

  Value() = default;
  Value(bool b) : data(b) {}
  Value(double d) : data(d) {}
  Value(int i) : data(static_cast<double>(i)) {}
  Value(long long i) : data(static_cast<double>(i)) {}
  Value(std::string s) : data(std::move(s)) {}
  Value(const char* s) : data(std::string(s)) {}
  Value(ValueList list) : data(std::make_shared<const ValueList>(std::move(list))) {}
  Value(const ModelObject* o) : data(o) {
    if (!o) data = std::monostate{};
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(data); }
  bool is_bool() const { return std::holds_alternative<bool>(data); }
  bool is_number() const { return std::holds_alternative<double>(data); }
  bool is_string() const { return std::holds_alternative<std::string>(data); }
  bool is_list() const { return std::holds_alternative<std::shared_ptr<const ValueList>>(data); }
  bool is_object() const { return std::holds_alternative<const ModelObject*>(data); }

  bool as_bool() const { return std::get<bool>(data); }
  double as_number() const { return std::get<double>(data); }
  const std::string& as_string() const { return std::get<std::string>(data); }
  const ValueList& as_list() const { return *std::get<std::shared_ptr<const ValueList>>(data); }
  const ModelObject* as_object() const { return std::get<const ModelObject*>(data); }

  // "null", "bool", "number", "string", "list", or the object's type name.
  std::string type_name() const;
};

// Structural equality; objects compare by identity.
bool operator==(const Value& a, const Value& b);

// An object of the policy model as seen by predicates: typed fields by name
// and the source range a finding about it points at.
class ModelObject {
 public:
  virtual ~ModelObject() = default;
  virtual std::string_view type_name() const = 0;
  // Returns null for a field that is absent; unknown names are rejected
  // statically by the schema (see model/schema.hpp), not here.
  virtual Value field(std::string_view name) const = 0;
  // What the evaluator calls, with the field resolved when the predicate was
  // compiled: a reference to a value the object keeps (lists and strings,
  // built once) or to `tmp`, filled. Objects that only know names (a test's)
  // keep this default.
  virtual const Value& field_ref(FieldId id, Value& tmp) const {
    tmp = field(field_name(id));
    return tmp;
  }
  virtual SourceRange range() const = 0;
};

// Field values a model object builds on first read and then hands out by
// reference, so an exists()/filter() loop does not rebuild a list per access.
// Sound because model objects do not change once built and analysed; a copy
// or a move starts empty. Safe for concurrent first reads (Checker::evaluate
// runs rules on several threads): a read of a filled slot is two acquire
// loads; a first read builds the value outside any lock (two threads may both
// build it; the values are equal) and publishes it under a striped lock.
class FieldCache {
 public:
  FieldCache() = default;
  FieldCache(const FieldCache&) {}
  FieldCache(FieldCache&&) noexcept {}
  FieldCache& operator=(const FieldCache&) {
    reset();
    return *this;
  }
  FieldCache& operator=(FieldCache&&) noexcept {
    reset();
    return *this;
  }
  ~FieldCache() { reset(); }

  // The value in `slot` (< count, the same count on every call for one
  // object), made by make() the first time.
  template <typename Make>
  const Value& get(std::size_t slot, std::size_t count, Make&& make) const {
    if (Slot* slots = slots_.load(std::memory_order_acquire)) {
      if (slots[slot].set.load(std::memory_order_acquire)) return slots[slot].value;
    }
    return publish(slot, count, make());
  }

 private:
  struct Slot {
    Value value;
    std::atomic<bool> set{false};
  };
  const Value& publish(std::size_t slot, std::size_t count, Value made) const;
  void reset() noexcept { delete[] slots_.exchange(nullptr); }
  mutable std::atomic<Slot*> slots_{nullptr};
};

}  // namespace luohu
