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
#include "reply_parser.hpp"

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
 * ends after the reply it returned false for. The streaming form
 * (for_each_reply(parser, ...)) ends without an error where the buffer
 * does: `consumed` is then where the reply it ends inside starts.
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

// The parser behind a reply_parser, for for_each_reply(reply_parser&, ...).
struct machine_access {
  static constexpr reply_machine& of(reply_parser& p) noexcept { return p.machine_; }
};

// Every complete reply of `buffer` to the callback, from the machine's
// state: fresh, or where an earlier call stopped inside a reply. Stops at
// the first error, when the callback asks, or where the buffer ends (inside
// a reply or not: `consumed` is where the first reply not handed out starts).
template <class F>
constexpr batch_result feed_each(reply_machine& m, std::string_view buffer,
                                 F& callback) noexcept(std::is_nothrow_invocable_v<F&, const reply&>) {
  batch_result out{};
  const char* const d = buffer.data();
  const std::size_t n = buffer.size();
  std::size_t p = 0;
  if (m.error() == errc::ok && n < m.examined()) m.fail(errc::buffer_mismatch, n);
  if (m.error() != errc::ok) {  // sticky, as feed()'s
    out.error = m.error();
    out.offset = m.error_offset();
    return out;
  }
  for (;;) {
    if (m.fresh()) {  // many common-case replies in one go
      bool stop = false;
      p += m.clean_replies(d + p, n - p, [&](const reply& r, std::size_t) {
        ++out.replies;
        if (call_reply_callback(callback, r)) return true;
        stop = true;
        return false;
      });
      if (stop) {
        out.stopped = true;
        out.consumed = p;
        out.offset = n;
        return out;
      }
      if (p == n || m.examined() == n - p) break;  // every byte seen: the reply needs more
    }
    reply r{};
    std::size_t used = 0;
    const reply_machine::step s = m.resume(d + p, n - p, r, used);  // one reply, byte by byte where needed
    if (s == reply_machine::step::need_more) break;
    if (s == reply_machine::step::error) {
      out.error = m.error();
      out.offset = p + m.error_offset();
      out.consumed = p;
      return out;
    }
    p += used;
    ++out.replies;
    if (!call_reply_callback(callback, r)) {
      out.stopped = true;
      out.consumed = p;
      out.offset = n;
      return out;
    }
  }
  out.consumed = p;
  out.offset = n;
  return out;
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
  detail::reply_machine machine{options};
  batch_result out = detail::feed_each(machine, buffer, callback);
  if (out.error != errc::ok || out.stopped) return out;
  std::size_t at = 0;
  out.error = machine.end_of_input(at);
  if (out.error == errc::ok) {
    out.consumed = buffer.size();  // `at`: the trailing empty lines a lenient parse skipped
  } else {
    out.offset = out.consumed + at;
  }
  return out;
}

/// for_each_reply() with the default (strict) options.
template <class F>
constexpr batch_result for_each_reply(std::string_view buffer,
                                      F&& callback) noexcept(std::is_nothrow_invocable_v<F&, const reply&>) {
  return for_each_reply(buffer, parse_options{}, std::forward<F>(callback));
}

/**
 * The streaming form, for a socket loop: every complete reply of
 * `unconsumed` (the bytes not consumed yet, as for reply_parser::feed()),
 * handed to `callback` as above, with `parser`'s options and state. A reply
 * the buffer ends inside is kept, as by feed(): `consumed` is where it
 * starts; drop the bytes before it (once per read, not once per reply) and
 * call again with more. On an error (sticky, as feed()'s), `error` and
 * `offset` are feed()'s and `consumed` is where the failing reply starts.
 * Call parser.finish() at the end of the input.
 *
 *     while (read_some(sock, buf)) {
 *       const smtpreply::batch_result r = smtpreply::for_each_reply(parser, buf, handle);
 *       if (!r) return fail(r.error, r.offset);
 *       buf.erase(0, r.consumed);
 *     }
 *
 * The same replies as feed() in a loop, and the same cost per byte as
 * for_each_reply() on the whole input: a reply split between two reads is
 * resumed where the first read ended, at full speed.
 */
template <class F>
constexpr batch_result for_each_reply(reply_parser& parser, std::string_view unconsumed,
                                      F&& callback) noexcept(std::is_nothrow_invocable_v<F&, const reply&>) {
  return detail::feed_each(detail::machine_access::of(parser), unconsumed, callback);
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_BATCH_HPP
