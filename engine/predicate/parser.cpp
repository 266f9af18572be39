#include "predicate/parser.hpp"

#include <tao/pegtl.hpp>

#include "predicate/actions.hpp"
#include "predicate/errors.hpp"
#include "predicate/grammar.hpp"

namespace luohu::predicate {

namespace pg = tao::pegtl;

ParseResult parse(std::string_view text) {
  ParseResult result;
  ParseState state;
  state.base = text.data();
  pg::memory_input<pg::tracking_mode::lazy, pg::eol::lf_crlf> in(text.data(), text.data() + text.size(),
                                                                 "expression");
  try {
    pg::parse<grammar::grammar, actions::action, control>(in, state);
    if (state.stack.size() == 1) {
      result.root = state.pop();
    } else {
      result.error = {0, "internal error: the parser produced no single tree"};
    }
  } catch (const pg::parse_error& e) {
    result.error.message = std::string(e.message());
    result.error.offset = e.positions().empty() ? 0 : static_cast<std::uint32_t>(e.positions().front().byte);
  } catch (const SyntaxError& e) {
    result.error = {e.offset, e.message};
  }
  return result;
}

}  // namespace luohu::predicate
