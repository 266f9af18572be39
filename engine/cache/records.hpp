// Reading the start-up snapshot's records (cache/snapshot.cpp writes them):
// each a MessagePack array behind a 4-byte little-endian length, read in place
// by msgpack-cxx. Its strings point into the file, its arrays live in one
// arena per record: building nlohmann-json's document per record (a heap node
// per value, freed again) had been half of a warm check's instructions.
// Everything here throws std::exception (a damaged or truncated record, a field
// of the wrong type); the snapshot's reader turns that into "no snapshot".
#pragma once

#include <msgpack.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/message.hpp"

namespace luohu::cache {

// A string of `kShelvedFrom` bytes or more is written once, in the string
// table, and a record holds a reference to it instead: MessagePack ext of this
// type, two little-endian uint32 (offset, length).
constexpr std::size_t kShelvedFrom = 16;  // shorter strings fit std::string's own buffer
constexpr std::int8_t kShelfRef = 1;

// One record, parsed; valid while the bytes it was read from live.
class Record {
 public:
  explicit Record(std::string_view bytes);
  const msgpack::object& root() const { return handle_.get(); }

 private:
  msgpack::object_handle handle_;
};

// The records of a snapshot's body, one after another.
class Records {
 public:
  explicit Records(std::string_view bytes) : rest_(bytes) {}
  Record next() { return Record(next_bytes()); }
  // The next record's bytes, not parsed.
  std::string_view next_bytes();
  // A count read from the file, checked against what is left (5 bytes is the smallest record).
  std::size_t count(std::int64_t n) const;
  bool done() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

// Reads a positional array field by field, shelved strings resolved from
// `table` (empty: the record has none); any mismatch throws.
class Fields {
 public:
  Fields(const msgpack::object& array, std::string_view table);
  // An array inside this one, read with the same table.
  Fields sub(const msgpack::object& array) const { return Fields(array, table_); }

  const msgpack::object& next();
  Fields next_fields() { return sub(next()); }
  std::string str() { return string_of(next()); }
  bool boolean();
  std::int64_t integer();
  std::uint64_t unsigned_integer();
  int small() { return static_cast<int>(integer()); }
  double number() { return number_of(next()); }
  std::vector<std::string> strings();
  Message message();
  template <typename T, typename F>
  std::optional<T> optional(F read) {
    if (peek().type == msgpack::type::NIL) {
      ++i_;
      return std::nullopt;
    }
    return read();
  }
  // read(item) for each item of the next field, an array.
  template <typename F>
  void each(F read) {
    Fields list = next_fields();
    while (list.i_ < list.size_) read(list.items_[list.i_++]);
  }
  void done() const;

  std::string string_of(const msgpack::object& o) const;
  static bool is_number(const msgpack::object& o);
  static double number_of(const msgpack::object& o);

 private:
  const msgpack::object& peek() const;

  const msgpack::object* items_ = nullptr;
  std::size_t size_ = 0;
  std::size_t i_ = 0;
  std::string_view table_;
};

}  // namespace luohu::cache
