#include "model/value.hpp"

#include <array>
#include <cstdint>
#include <mutex>

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

namespace luohu {

namespace {
// Striped: a lock per object would grow every model object; contention is
// rare (only first reads publish).
std::mutex& publish_lock(const void* cache) {
  static std::array<std::mutex, 64> locks;
  return locks[(reinterpret_cast<std::uintptr_t>(cache) >> 4) % locks.size()];
}
}  // namespace

const Value& FieldCache::publish(std::size_t slot, std::size_t count, Value made) const {
  std::lock_guard<std::mutex> lock(publish_lock(this));
  Slot* slots = slots_.load(std::memory_order_relaxed);
  if (!slots) {
    slots = new Slot[count];
    slots_.store(slots, std::memory_order_release);
  }
  Slot& s = slots[slot];
  if (!s.set.load(std::memory_order_relaxed)) {
    s.value = std::move(made);
    s.set.store(true, std::memory_order_release);
  }
  return s.value;
}

}  // namespace luohu
