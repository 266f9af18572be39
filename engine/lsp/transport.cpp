#include "lsp/transport.hpp"

#include <cctype>
#include <charconv>
#include <optional>

namespace luohu::lsp {

bool Transport::read_line(std::string& line) {
  line.clear();
  bool any = false;
  for (int c; (c = in_.get()) != std::char_traits<char>::eof();) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < kMaxHeaderLine) line += static_cast<char>(c);
  }
  return any;
}

namespace {

bool is_length_header(const std::string& line) {
  if (line.size() < 15) return false;
  std::string name = line.substr(0, 15);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name == "content-length:";
}

}  // namespace

Transport::Incoming Transport::read() {
  Incoming result;
  std::string line;
  std::optional<std::size_t> length;
  bool any_header = false;
  if (resync_) {
    resync_ = false;
    for (;;) {
      if (!read_line(line)) return result;  // end of input
      if (is_length_header(line)) break;
    }
    pending_ = line;
  }
  for (;;) {
    if (!pending_.empty()) {
      line = std::move(pending_);
      pending_.clear();
    } else if (!read_line(line)) {
      break;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;  // not a header: skipped, the length decides
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "content-length") {
      std::string value = line.substr(colon + 1);
      auto first = value.find_first_not_of(' ');
      std::size_t n = 0;
      auto [ptr, ec] = std::from_chars(value.data() + (first == std::string::npos ? value.size() : first),
                                       value.data() + value.size(), n);
      if (ec == std::errc()) length = n;
      (void)ptr;
    }
  }
  if (!any_header) return result;  // end of input
  if (!in_ && !length) return result;
  if (!length) {
    result.status = Status::bad_header;
    result.error = "missing or invalid Content-Length header";
    return result;
  }
  if (*length > kMaxMessageBytes) {
    resync_ = true;  // answered now; the body is skipped by the next read
    result.status = Status::bad_header;
    result.error = "message larger than 64 MiB";
    return result;
  }
  std::string body(*length, '\0');
  in_.read(body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<std::size_t>(in_.gcount()) != *length) return result;  // cut off: end of input
  result.message = nlohmann::json::parse(body, nullptr, false);
  if (result.message.is_discarded()) {
    result.status = Status::bad_json;
    result.error = "the message is not valid JSON";
    return result;
  }
  result.status = Status::message;
  return result;
}

void Transport::write(const std::string& body) {
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out_.flush();
}

}  // namespace luohu::lsp
