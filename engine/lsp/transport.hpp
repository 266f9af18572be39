// JSON-RPC 2.0 framing over a byte stream, as LSP uses it: "Content-Length:
// N\r\n\r\n" then N bytes of JSON. Reading never throws; a bad frame is
// reported so the server can answer ParseError and carry on.
#pragma once

#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace luohu::lsp {

class Transport {
 public:
  Transport(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  enum class Status { message, end_of_input, bad_header, bad_json };
  struct Incoming {
    Status status = Status::end_of_input;
    nlohmann::json message;
    std::string error;
  };
  Incoming read();
  void write(const std::string& json_text);  // one message, framed

  static constexpr std::size_t kMaxMessageBytes = 64u << 20;  // beyond any document luohu accepts
  static constexpr std::size_t kMaxHeaderLine = 4096;         // longer header lines are cut (never held whole)

 private:
  // One header line without its "\r\n", at most kMaxHeaderLine bytes kept;
  // false at end of input with nothing read.
  bool read_line(std::string& line);

  std::istream& in_;
  std::ostream& out_;
  // After a message over the limit: its body is skipped up to the next
  // Content-Length header, so the error is answered at once and the stream
  // recovers whatever length was claimed.
  bool resync_ = false;
  std::string pending_;  // a header line found while resynchronising
};

}  // namespace luohu::lsp
