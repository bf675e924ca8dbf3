// smtpreply: the batch API. Every reply of a whole buffer (a log file, a
// captured stream, the Python layer's input) handed to a callback, with the
// error contract of the push parser and no per-reply result in memory.
#ifndef SMTPREPLY_BATCH_HPP
#define SMTPREPLY_BATCH_HPP

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/reply_machine.hpp"
#include "error.hpp"
#include "options.hpp"
#include "reply.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/**
 * The answer of for_each_reply(). On success `error` is `ok`, `consumed`
 * is the buffer's size and `replies` the number of replies handed out. On
 * an error, everything before `consumed` was handed out (`replies` replies,
 * and any empty lines a lenient parse skipped between them), and the error
 * is the one reply_parser::feed() or finish() reports for that byte, at
 * `offset` (relative to the start of the buffer): the first error only.
 * `incomplete` means the buffer ends inside a reply that starts at
 * `offset`; a stream can keep the bytes from `consumed` on and append more.
 * When the callback stopped the walk, `stopped` is set and `consumed`
 * ends after the reply it returned false for.
 */
struct batch_result {
  errc error = errc::ok;
  bool stopped = false;      ///< the callback returned false
  std::size_t offset = 0;    ///< the error's position; the buffer's size when there is none
  std::size_t consumed = 0;  ///< bytes before the first reply not handed out
  std::size_t replies = 0;   ///< replies handed to the callback
  constexpr explicit operator bool() const noexcept { return error == errc::ok; }
};

namespace detail {

// Calls the callback; false when it asks to stop (it may return void).
template <class F>
SMTPREPLY_ALWAYS_INLINE constexpr bool call_reply_callback(F& callback, const reply& r) {
  if constexpr (std::is_void_v<std::invoke_result_t<F&, const reply&>>) {
    callback(r);
    return true;
  } else {
    return static_cast<bool>(callback(r));
  }
}

}  // namespace detail

/**
 * Parses every reply of `buffer` and calls `callback(const reply&)` for
 * each, in order; the reply views `buffer` and lives until the callback
 * returns (copy it to keep it; its views stay valid as long as the buffer).
 * The callback may return `bool`: false stops the walk after that reply.
 *
 * The same replies, flags and errors as feeding the buffer to one
 * reply_parser and calling finish() at the end: the buffer is the whole
 * input, so a reply cut off at its end is `errc::incomplete`. Nothing is
 * allocated, nothing is thrown by the parser (the callback may throw, and
 * for_each_reply() is noexcept when it is); constexpr with a constexpr
 * callback.
 *
 *     const smtpreply::batch_result r = smtpreply::for_each_reply(log, {}, [&](const smtpreply::reply& reply) {
 *       ++by_code[reply.code().value()];
 *     });
 *     if (!r) report(r.error, r.offset);  // replies before r.consumed were handed out
 */
template <class F>
constexpr batch_result for_each_reply(std::string_view buffer, const parse_options& options,
                                      F&& callback) noexcept(std::is_nothrow_invocable_v<F&, const reply&>) {
  batch_result out{};
  detail::reply_machine machine{options};
  const char* const d = buffer.data();
  const std::size_t n = buffer.size();
  std::size_t p = 0;
  while (p < n) {
    reply r{};
    std::size_t used = 0;
    const detail::reply_machine::step s = machine.feed(std::string_view(d + p, n - p), r, used);
    if (s == detail::reply_machine::step::complete) {
      p += used;
      ++out.replies;
      if (!detail::call_reply_callback(callback, r)) {
        out.stopped = true;
        out.consumed = p;
        out.offset = n;
        return out;
      }
      continue;
    }
    out.consumed = p;
    if (s == detail::reply_machine::step::error) {
      out.error = machine.error();
      out.offset = p + machine.error_offset();
      return out;
    }
    break;  // need_more: the buffer ends inside a reply, or after empty lines
  }
  std::size_t at = 0;
  out.error = machine.end_of_input(at);
  if (out.error == errc::ok) {
    out.consumed = n;  // `at`: the trailing empty lines a lenient parse skipped
    out.offset = n;
  } else {
    out.consumed = p;
    out.offset = p + at;
  }
  return out;
}

/// for_each_reply() with the default (strict) options.
template <class F>
constexpr batch_result for_each_reply(std::string_view buffer,
                                      F&& callback) noexcept(std::is_nothrow_invocable_v<F&, const reply&>) {
  return for_each_reply(buffer, parse_options{}, std::forward<F>(callback));
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_BATCH_HPP
