// smtpreply: the resumable push parser (RFC 5321 section 4.2 replies, one by
// one, from bytes that arrive in any chunks).
#ifndef SMTPREPLY_REPLY_PARSER_HPP
#define SMTPREPLY_REPLY_PARSER_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "code.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/no_temporary.hpp"
#include "detail/reply_machine.hpp"
#include "enhanced.hpp"
#include "error.hpp"
#include "flags.hpp"
#include "options.hpp"
#include "reply.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

namespace detail {
struct machine_access;  // for_each_reply(reply_parser&, ...), in batch.hpp
}  // namespace detail

/// What one feed() call found.
enum class feed_status : std::uint8_t {
  need_more = 0,  ///< no complete reply yet: append bytes and call again
  complete = 1,   ///< one reply is complete; `consumed` bytes belong to it
  error = 2,      ///< the input is malformed at `offset`; see `error`
};

/**
 * The answer of reply_parser::feed(). On `complete`, `value` views the
 * caller's buffer and `consumed` counts its bytes (and any empty lines a
 * lenient parse skipped before it). On `error`, `offset` is the position of
 * the offending byte, relative to the start of the buffer given to feed().
 */
struct feed_result {
  feed_status status = feed_status::need_more;
  errc error = errc::ok;  // next to `status`: one word for both
  std::size_t consumed = 0;
  reply value{};
  std::size_t offset = 0;
  constexpr explicit operator bool() const noexcept { return status == feed_status::complete; }
};
// Returned by value on every call: at most a cache line.
static_assert(sizeof(feed_result) <= 64, "feed_result fits in 64 bytes");

/// The answer of reply_parser::finish(): did the input end between replies?
struct finish_result {
  errc error = errc::ok;     ///< `incomplete` when the input ended inside a reply or before an unread one
  std::size_t offset = 0;    ///< where the unfinished (or unread) reply starts
  std::size_t consumed = 0;  ///< trailing empty lines skipped (lenient parse)
  constexpr explicit operator bool() const noexcept { return error == errc::ok; }
};

/// One line, as parse_line() sees it.
struct line_result {
  reply_code code{};
  bool is_last = false;     ///< `code SP text` or bare `code`: the last line of a reply
  std::string_view text{};  ///< after the separator, without CR/LF
  std::size_t length = 0;   ///< bytes of the line, line end included
  flag_set flags{};
  errc error = errc::ok;
  std::size_t offset = 0;
  constexpr explicit operator bool() const noexcept { return error == errc::ok; }
};

/**
 * A resumable push parser with fixed-size state (no heap, no exceptions).
 *
 * Contract of feed(): pass all bytes not yet consumed, starting at the first
 * byte of the unfinished reply, as one contiguous buffer. The parser
 * remembers how far it has examined them and never examines a byte twice,
 * so feeding one byte at a time costs linear time. Its state is relative to
 * the start of that buffer: after a complete reply, drop `consumed` bytes
 * (move, compact or reallocate as you like) and pass the rest. Between
 * calls you may append bytes but not change or remove those already passed.
 *
 *     buffer: [ reply 1 | reply 2 | partial reply 3 ]
 *              ^ feed(buffer) -> complete, consumed = |reply 1|
 *                        ^ feed(rest) -> complete, consumed = |reply 2|
 *                                  ^ feed(rest) -> need_more (remembers its place)
 *
 * Errors are sticky until reset(). At end of input call finish() to learn
 * whether the input stopped inside a reply (or before a reply not read).
 */
class reply_parser {
 public:
  constexpr reply_parser() noexcept = default;
  constexpr explicit reply_parser(const parse_options& options) noexcept : machine_(options) {}

  [[nodiscard]] constexpr const parse_options& options() const noexcept { return machine_.options(); }

  /// Parses at most one reply from `unconsumed` (see the class contract).
  [[nodiscard]] constexpr feed_result feed(std::string_view unconsumed) noexcept {
    feed_result r{};
    switch (machine_.feed(unconsumed, r.value, r.consumed)) {
      case detail::reply_machine::step::complete: r.status = feed_status::complete; break;
      case detail::reply_machine::step::error:
        r.status = feed_status::error;
        r.error = machine_.error();
        r.offset = machine_.error_offset();
        break;
      case detail::reply_machine::step::need_more: break;
    }
    return r;
  }

  /// The reply would view a temporary that dies at the end of the call.
  template <class T, detail::if_string_rvalue<T> = 0>
  feed_result feed(T&&) = delete;

  /**
   * Call at end of input with the unconsumed bytes, after feed() asked for
   * more. Ok when the input ended between replies (`consumed`: trailing
   * empty lines a lenient parse skipped). Otherwise an error, sticky like
   * feed()'s: `incomplete` when the input ended inside a reply (`offset`:
   * its first byte), and also when it still holds a complete reply that
   * feed() would have returned (`offset`: that reply's first byte), so a
   * reply is never dropped silently (as llhttp_finish() reports it). Any
   * other error is the one feed() reports.
   */
  [[nodiscard]] constexpr finish_result finish(std::string_view unconsumed) noexcept {
    const feed_result r = feed(unconsumed);
    if (r.status == feed_status::error) return {r.error, r.offset, 0};
    if (r.status == feed_status::complete) {  // a reply the caller has not read
      const auto at = static_cast<std::size_t>(r.value.raw().data() - unconsumed.data());
      machine_.fail(errc::incomplete, at);
      return {errc::incomplete, at, 0};
    }
    std::size_t offset = 0;
    const errc e = machine_.end_of_input(offset);
    return e == errc::ok ? finish_result{errc::ok, 0, offset} : finish_result{e, offset, 0};
  }

  /// Forgets everything: ready for a new stream (options are kept).
  constexpr void reset() noexcept { machine_ = detail::reply_machine{machine_.options()}; }

  /// True after an error, until reset().
  [[nodiscard]] constexpr bool failed() const noexcept { return machine_.error() != errc::ok; }
  /// Bytes of the unfinished reply examined so far.
  [[nodiscard]] constexpr std::size_t examined() const noexcept { return machine_.examined(); }

 private:
  friend struct detail::machine_access;
  detail::reply_machine machine_{};
};

/**
 * Parses the first line of `input` (which must contain its line end): the
 * code, whether it is the reply's last line, and its text. The same rules
 * and leniencies as the reply parser; constexpr.
 */
[[nodiscard]] constexpr line_result parse_line(std::string_view input, const parse_options& options = {}) noexcept {
  detail::reply_machine m{options};
  const std::size_t lf = m.scan_line(input.data(), input.size());
  line_result out{};
  if (lf == detail::reply_machine::npos) {
    const bool failed = m.error() != errc::ok;
    out.error = failed ? m.error() : errc::incomplete;
    out.offset = failed ? m.error_offset() : 0;
    return out;
  }
  out.code = reply_code{m.line_code()};
  out.is_last = m.final_line();
  out.text = m.text(input.data());
  out.length = lf + 1;
  out.flags = flag_set{m.flags() | detail::length_flags(lf + 1 - m.line_start())};
  return out;
}

/// The line's text would view a temporary that dies at the end of the call.
template <class T, detail::if_string_rvalue<T> = 0>
line_result parse_line(T&&, const parse_options& = {}) = delete;

/// The answer of parse_reply().
struct parse_result {
  reply value{};
  std::size_t consumed = 0;  ///< bytes used; the rest of the input is left alone
  errc error = errc::ok;
  std::size_t offset = 0;
  constexpr explicit operator bool() const noexcept { return error == errc::ok; }
};

/**
 * Parses one complete reply from the start of `input`. Bytes after it are
 * left alone (`consumed` says where it ends). Input that ends inside the
 * reply is `errc::incomplete`. constexpr, noexcept, no allocation.
 */
[[nodiscard]] constexpr parse_result parse_reply(std::string_view input, const parse_options& options = {}) noexcept {
  reply_parser p{options};
  const feed_result r = p.feed(input);
  if (r.status == feed_status::complete) return {r.value, r.consumed, errc::ok, 0};
  if (r.status == feed_status::error) return {reply{}, 0, r.error, r.offset};
  const finish_result f = p.finish(input);
  return {reply{}, 0, f ? errc::incomplete : f.error, f ? input.size() : f.offset};
}

/// The reply would view a temporary that dies at the end of the call.
template <class T, detail::if_string_rvalue<T> = 0>
parse_result parse_reply(T&&, const parse_options& = {}) = delete;

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_REPLY_PARSER_HPP
