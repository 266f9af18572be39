#include "lsp/transport.hpp"

#include <cctype>
#include <charconv>
#include <optional>

namespace luohu::lsp {

Transport::Incoming Transport::read() {
  Incoming result;
  std::string line;
  std::optional<std::size_t> length;
  bool any_header = false;
  while (std::getline(in_, line)) {
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
    in_.ignore(static_cast<std::streamsize>(*length));
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
