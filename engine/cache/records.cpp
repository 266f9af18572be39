#include "cache/records.hpp"

#include <cstring>
#include <limits>
#include <stdexcept>

namespace luohu::cache {

namespace {
[[noreturn]] void damaged(const char* what) { throw std::runtime_error(std::string("snapshot: ") + what); }

// Strings, binaries and exts point into the file instead of being copied.
bool in_place(msgpack::type::object_type, std::size_t, void*) { return true; }
}  // namespace

Record::Record(std::string_view bytes) {
  // No count or nesting can exceed the record's own size (every value takes a
  // byte): a damaged length never makes the reader reserve gigabytes.
  const std::size_t n = bytes.size();
  const msgpack::unpack_limit limit(n, n, n, n, n, 64);
  std::size_t offset = 0;
  handle_ = msgpack::unpack(bytes.data(), n, offset, in_place, nullptr, limit);
  if (offset != n) damaged("bytes after a record");
}

std::string_view Records::next_bytes() {
  if (rest_.size() < 4) damaged("truncated");
  std::uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(rest_[i])) << (8 * i);
  if (n > rest_.size() - 4) damaged("truncated");
  const std::string_view record = rest_.substr(4, n);
  rest_.remove_prefix(4 + std::size_t{n});
  return record;
}

std::size_t Records::count(std::int64_t n) const {
  if (n < 0 || static_cast<std::uint64_t>(n) > rest_.size() / 5) damaged("count");
  return static_cast<std::size_t>(n);
}

Fields::Fields(const msgpack::object& array, std::string_view table) : table_(table) {
  if (array.type != msgpack::type::ARRAY) damaged("a record is not an array");
  items_ = array.via.array.ptr;
  size_ = array.via.array.size;
}

const msgpack::object& Fields::peek() const {
  if (i_ >= size_) damaged("a record has too few fields");
  return items_[i_];
}

const msgpack::object& Fields::next() {
  const msgpack::object& o = peek();
  ++i_;
  return o;
}

void Fields::done() const {
  if (i_ != size_) damaged("a record has extra fields");
}

std::string Fields::string_of(const msgpack::object& o) const {
  if (o.type == msgpack::type::STR) return std::string(o.via.str.ptr, o.via.str.size);
  std::uint32_t at[2];
  if (o.type != msgpack::type::EXT || o.via.ext.type() != kShelfRef || o.via.ext.size != sizeof at) damaged("not a string");
  std::memcpy(at, o.via.ext.data(), sizeof at);
  if (at[0] > table_.size() || at[1] > table_.size() - at[0]) damaged("a reference outside the string table");
  return std::string(table_.substr(at[0], at[1]));
}

bool Fields::boolean() {
  const msgpack::object& o = next();
  if (o.type != msgpack::type::BOOLEAN) damaged("not a boolean");
  return o.via.boolean;
}

std::int64_t Fields::integer() {
  const msgpack::object& o = next();
  if (o.type == msgpack::type::NEGATIVE_INTEGER) return o.via.i64;
  if (o.type == msgpack::type::POSITIVE_INTEGER && o.via.u64 <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return static_cast<std::int64_t>(o.via.u64);
  damaged("not an integer");
}

std::uint64_t Fields::unsigned_integer() {
  const msgpack::object& o = next();
  if (o.type != msgpack::type::POSITIVE_INTEGER) damaged("not an unsigned integer");
  return o.via.u64;
}

bool Fields::is_number(const msgpack::object& o) {
  using msgpack::type::object_type;
  return o.type == object_type::POSITIVE_INTEGER || o.type == object_type::NEGATIVE_INTEGER ||
         o.type == object_type::FLOAT32 || o.type == object_type::FLOAT64;
}

double Fields::number_of(const msgpack::object& o) {
  switch (o.type) {
    case msgpack::type::POSITIVE_INTEGER: return static_cast<double>(o.via.u64);
    case msgpack::type::NEGATIVE_INTEGER: return static_cast<double>(o.via.i64);
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64: return o.via.f64;  // msgpack-cxx widens a float32 into f64
    default: damaged("not a number");
  }
}

std::vector<std::string> Fields::strings() {
  Fields list = next_fields();
  std::vector<std::string> out;
  out.reserve(list.size_);
  while (list.i_ < list.size_) out.push_back(list.str());
  return out;
}

Message Fields::message() {
  Fields m = next_fields();
  Message out{m.str(), m.str()};
  m.done();
  return out;
}

}  // namespace luohu::cache
