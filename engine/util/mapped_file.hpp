// A file mapped read-only: its bytes straight from the page cache, with no
// copy. Only for files replaced by rename, never rewritten in place (a
// truncation under the mapping would fault): the start-up snapshot.
#pragma once

#include <string>
#include <string_view>

namespace luohu {

class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  bool ok() const { return ok_; }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
  bool ok_ = false;
};

}  // namespace luohu
