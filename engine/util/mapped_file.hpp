// A file mapped read-only: its bytes straight from the page cache, with no
// copy. Only for files replaced by rename, never rewritten in place (a
// truncation under the mapping would fault): the start-up snapshot.
#pragma once

#include <string>
#include <string_view>

namespace luohu {

class MappedFile {
 public:
  // Refuses (ok() false) anything but a regular file of at most max_bytes;
  // with private_to_user, also a file not owned by this user or writable by
  // others. Never blocks on a FIFO, never follows a symbolic link.
  MappedFile(const std::string& path, std::size_t max_bytes, bool private_to_user);
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
