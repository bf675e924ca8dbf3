// smtpreply: the machinery behind reply_parser and parse_line(). Not API:
// the contract is in reply_parser.hpp, the design in docs/design.md.
//
// Three ways through the same grammar, fastest first:
//  - clean_replies(): whole common-case replies in one pass over locals;
//  - header(): at a line start, a common code and separator in one step;
//  - scan_line(), the byte machine: anything else, resumable at any byte.
// They share one line-limit rule (line_limit()), one after-line-end
// transition (add_line() for what the line says about the reply, then
// next_line() for the state at the next line's start) and one reply builder
// (make_reply()). parse_line() runs scan_line() alone.
#ifndef SMTPREPLY_DETAIL_REPLY_MACHINE_HPP
#define SMTPREPLY_DETAIL_REPLY_MACHINE_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

#include "../code.hpp"
#include "../config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "../enhanced.hpp"
#include "../error.hpp"
#include "../flags.hpp"
#include "../options.hpp"
#include "../reply.hpp"
#include "scan.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {
namespace detail {

// A code of 200-559 from the first three of the four bytes at `s` (the
// strict grammar); 0 otherwise. The fourth byte must be readable.
constexpr std::uint16_t strict_code(const char* s) noexcept {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!is_constant_evaluated()) {
    // All three digits in one word: subtract "200" bytewise; a byte out of
    // range has, or gets when pushed up by its headroom (3, 5, 9), its high
    // bit. Borrows and carries only leave a byte that is flagged already.
    std::uint32_t x = 0;
    std::memcpy(&x, s, 4);
    const std::uint32_t t = x - 0x303032u;
    if (((t | (t + 0x767a7cu)) & 0x808080u) != 0) return 0;
    return static_cast<std::uint16_t>(200 + (t & 0xffu) * 100 + ((t >> 8) & 0xffu) * 10 + ((t >> 16) & 0xffu));
  }
#endif
  const auto c0 = static_cast<unsigned char>(s[0] - '2');
  const auto c1 = static_cast<unsigned char>(s[1] - '0');
  const auto c2 = static_cast<unsigned char>(s[2] - '0');
  if (c0 > 3 || c1 > 5 || c2 > 9) return 0;
  return static_cast<std::uint16_t>(200 + c0 * 100 + c1 * 10 + c2);
}

// find_enhanced() for what the quick checks of enhanced_at() leave: kept out
// of line so that the common cases stay small where they are inlined.
SMTPREPLY_NEVER_INLINE constexpr enhanced_presence enhanced_rest(const char* s, std::size_t size,
                                                                 enhanced_code& code) noexcept {
  const enhanced_in_text e = find_enhanced(std::string_view(s, size));
  code = e.code;
  return e.presence;
}

// Three bytes as one little number (the first in the low byte), and a code's
// three digits the same way: one compare tells whether a line carries a code.
constexpr std::uint32_t three_bytes(const char* s) noexcept {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[2])) << 16;
}
constexpr std::uint32_t digit_word(std::uint16_t code) noexcept {
  return (0x30u + code / 100u) | (0x30u + code / 10u % 10u) << 8 | (0x30u + code % 10u) << 16;
}

// The enhanced code at the start of a line's text, as find_enhanced() sees
// it, with shortcuts for the two most common cases: text that cannot start
// one (not a digit or '#'), and "c.s.d" of single digits followed by SP or
// the end of the text.
SMTPREPLY_ALWAYS_INLINE constexpr enhanced_presence enhanced_at(const char* s, std::size_t size,
                                                                enhanced_code& code) noexcept {
  if (size == 0 || (s[0] != '#' && !is_digit(s[0]))) {
    code = enhanced_code{};
    return enhanced_presence::absent;
  }
  if (size >= 5 && (s[0] == '2' || s[0] == '4' || s[0] == '5') && s[1] == '.' && is_digit(s[2]) && s[3] == '.' &&
      is_digit(s[4]) && (size == 5 || s[5] == ' ')) {
    code = enhanced_code{static_cast<std::uint16_t>(s[0] - '0'), static_cast<std::uint16_t>(s[2] - '0'),
                         static_cast<std::uint16_t>(s[4] - '0')};
    return enhanced_presence::valid;
  }
  return enhanced_rest(s, size, code);
}

/// a + b, or the largest size_t when the sum does not fit (a 32-bit size_t
/// with a limit near 2^32): a limit that far away is no limit.
constexpr std::size_t add_saturated(std::size_t a, std::size_t b) noexcept {
  constexpr std::size_t most = static_cast<std::size_t>(-1);
  return b > most - a ? most : a + b;
}

/// The one line-limit rule: the first offset that a line starting at
/// `start` may not reach once its code reads `code` (0 while the digits are
/// being read): `max_auth_line_octets` for 334 (RFC 4954 section 4),
/// `max_line_octets` otherwise, and never beyond the reply's limit. Offsets
/// count from the first byte after the previous reply.
constexpr std::size_t line_limit(const limits& l, std::size_t start, std::uint16_t code) noexcept {
  const std::size_t end = add_saturated(start, code == 334 ? l.max_auth_line_octets : l.max_line_octets);
  return end < l.max_reply_octets ? end : l.max_reply_octets;
}

/// The flags a line of `length` octets (line end included) earns by its size.
constexpr std::uint32_t length_flags(std::size_t length) noexcept {
  return length > 512 ? static_cast<std::uint32_t>(flag::long_line) : 0;
}

/// What the lines of a reply have said so far.
struct reply_summary {
  std::uint32_t lines = 0;
  std::uint32_t flags = 0;
  std::uint16_t first_code = 0;  // the first line's: later lines must carry it (unless mixed_codes)
  std::uint16_t code = 0;        // the last line's: the reply's
  enhanced_presence presence = enhanced_presence::absent;  // of the first line of the last run of `code`
  enhanced_code esc{};
};

/// A line of `length` octets (line end included) whose text is [text,
/// text + size) starts a run of `code`: the reply's first line, or a change
/// of code (mixed codes). The run's first line gives the enhanced code.
SMTPREPLY_ALWAYS_INLINE constexpr void start_run(reply_summary& s, std::uint16_t code, std::size_t length,
                                                 const char* text, std::size_t size) noexcept {
  s.flags = (s.flags | length_flags(length)) & ~static_cast<std::uint32_t>(flag::esc_lines_disagree);
  if (s.lines == 0) s.first_code = code;
  s.code = code;
  s.presence = enhanced_at(text, size, s.esc);
  ++s.lines;
}

/// A later line of the run: it only compares with a valid enhanced code.
SMTPREPLY_ALWAYS_INLINE constexpr void continue_run(reply_summary& s, std::size_t length, const char* text,
                                                    std::size_t size) noexcept {
  s.flags |= length_flags(length);
  if (s.presence == enhanced_presence::valid) {
    enhanced_code other{};
    if (enhanced_at(text, size, other) == enhanced_presence::valid && other != s.esc) {
      s.flags |= static_cast<std::uint32_t>(flag::esc_lines_disagree);
    }
  }
  ++s.lines;
}

/// The after-line-end transition of every path: a line with `code`, of
/// `length` octets, whose text is [text, text + size), has ended. The
/// enhanced code is that of the line whose code wins: the first line, or,
/// with mixed codes, the first line of the last run of equal codes (a change
/// of code starts afresh).
SMTPREPLY_ALWAYS_INLINE constexpr void add_line(reply_summary& s, std::uint16_t code, std::size_t length,
                                                const char* text, std::size_t size) noexcept {
  if (s.lines == 0 || code != s.code) {
    start_run(s, code, length, text, size);
  } else {
    continue_run(s, length, text, size);
  }
}

/// A complete reply from what its lines said.
SMTPREPLY_ALWAYS_INLINE constexpr reply make_reply(std::string_view raw, const reply_summary& s,
                                                   text_encoding encoding) noexcept {
  std::uint32_t flags = s.flags;
  enhanced_code enhanced{};
  const reply_code code{s.code};
  switch (s.presence) {
    case enhanced_presence::malformed: flags |= static_cast<std::uint32_t>(flag::esc_malformed); break;
    case enhanced_presence::hash_prefixed: flags |= static_cast<std::uint32_t>(flag::esc_hash_prefix); break;
    case enhanced_presence::valid:
      if (code.first_digit() == 3) {
        flags |= static_cast<std::uint32_t>(flag::esc_on_3xx);
      } else if (s.esc.klass != code.first_digit()) {
        flags |= static_cast<std::uint32_t>(flag::esc_class_mismatch);
      } else {
        enhanced = s.esc;
      }
      break;
    case enhanced_presence::absent: break;
  }
  return reply{raw, code, enhanced, s.lines, flag_set{flags}, encoding};
}

/**
 * The state of one reply being parsed, relative to the start of the buffer
 * (the first byte after the previous reply). feed() is reply_parser's
 * feed(); scan_line() is the byte machine alone, for parse_line().
 */
class reply_machine {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  enum class step : std::uint8_t { need_more, complete, error };

  constexpr reply_machine() noexcept = default;
  constexpr explicit reply_machine(const parse_options& options) noexcept
      : options_(options), limit_(options.limit.max_reply_octets) {}

  [[nodiscard]] constexpr const parse_options& options() const noexcept { return options_; }
  [[nodiscard]] constexpr errc error() const noexcept { return error_; }
  [[nodiscard]] constexpr std::size_t error_offset() const noexcept { return error_offset_; }
  [[nodiscard]] constexpr std::size_t examined() const noexcept { return pos_; }

  /// At most one reply from `in`: `out` and `consumed` on `complete`.
  constexpr step feed(std::string_view in, reply& out, std::size_t& consumed) noexcept {
    if (error_ != errc::ok) return step::error;
    if (in.size() < pos_) {
      fail(errc::buffer_mismatch, in.size());
      return step::error;
    }
    if (fresh() && fast_path_fits() && clean_reply(in.data(), in.size(), options_.limit, out, consumed)) {
      return step::complete;
    }
    return resume(in.data(), in.size(), out, consumed);
  }

  /// feed() without the first fast path, from the state clean_replies()
  /// left: the byte machine to the end of the line it is in, then clean
  /// lines at full speed again (clean_tail()), to the end of one reply.
  SMTPREPLY_NEVER_INLINE constexpr step resume(const char* d, std::size_t n, reply& out,
                                               std::size_t& consumed) noexcept {
    for (;;) {
      const std::size_t lf = scan_line(d, n);
      if (lf == npos) return error_ == errc::ok ? step::need_more : step::error;
      std::size_t end = lf + 1;
      reply_summary s{};
      if (end_line(d, lf)) {
        s = sum_;
      } else {  // the reply goes on at `end`
        if (!fast_path_fits()) continue;
        s = sum_;
        if (!clean_tail(d, n, reply_start_, end, s, options_.limit)) continue;  // the byte machine takes over again
      }
      const text_encoding encoding = saw_invalid_ ? text_encoding::other_8bit
                                     : saw_8bit_  ? text_encoding::utf8
                                                  : text_encoding::ascii;
      out = make_reply(std::string_view(d + reply_start_, end - reply_start_), s, encoding);
      consumed = end;
      next_reply();
      return step::complete;
    }
  }

  /// Between replies, with nothing of the next one examined.
  [[nodiscard]] constexpr bool fresh() const noexcept {
    return pos_ == 0 && sum_.lines == 0 && phase_ == phase::line_start;
  }

  /**
   * The common case, many replies at once, from a fresh state at `d`:
   * replies whose lines carry a code of 200-559 (the same on each line),
   * ' ' or '-', printable ASCII text and CRLF, within every limit. Each is
   * handed to `emit(reply, end)` (`end`: the offset just after it), exactly
   * as the byte machine would report it; `emit` returns false to stop.
   * Returns the offset of the first reply not handed out, with the state
   * relative to it: fresh after a stop or at the end of the input;
   * otherwise the byte machine's at the first byte this scan did not
   * accept (the same transitions), where resume() goes on. Every byte is
   * examined once, except a line start of up to four bytes that are not a
   * clean code and separator (the byte machine reads them again).
   */
  template <class Emit>
  SMTPREPLY_ALWAYS_INLINE constexpr std::size_t clean_replies(const char* d, std::size_t n, Emit&& emit) noexcept(
      noexcept(emit(std::declval<const reply&>(), std::size_t{}))) {
    if (!fast_path_fits()) return 0;
    const limits l = options_.limit;  // a local: the compiler keeps it in registers across replies
    std::size_t base = 0;             // the reply's first byte
    for (;;) {
      reply r{};
      std::size_t length = 0;
      if (!clean_reply(d + base, n - base, l, r, length)) return base;
      base += length;
      if (!emit(r, base) || base == n) return base;
    }
  }

  /// One reply of clean_replies(), at `r` (`n` bytes), from a fresh state:
  /// true with the reply and its length; false with the state handed over
  /// (as clean_replies() says). The caller made sure of fast_path_fits().
  /// Not a template: clang (14 here) does not evaluate, in a constant
  /// expression, a member template that a lambda of the same class
  /// instantiates (feed() used clean_replies() with one).
  SMTPREPLY_ALWAYS_INLINE constexpr bool clean_reply(const char* r, std::size_t n, const limits& l, reply& out,
                                                     std::size_t& length) noexcept {
    if (n == 0) return false;
    const std::size_t end = n < l.max_reply_octets ? n : l.max_reply_octets;
    std::uint16_t code = 0;
    char sep = 0;
    std::size_t cr = 0;
    reply_summary s;  // a local: stores to members could alias `r` for the compiler
    // The room a line has, from its first byte (the reply's limit is applied
    // through `end`): line_limit() without its overflow check.
    if (!clean_line(r, end, 0, l.max_line_octets, l.max_auth_line_octets, code, sep, cr)) {
      hand_over(0, s, 0, code, sep, cr);
      return false;
    }
    start_run(s, code, cr + 2, r + 4, cr - 4);
    std::size_t p = cr + 2;  // the next line's first byte
    if (sep == '-' && !clean_tail(r, n, 0, p, s, l)) return false;
    out = make_reply(std::string_view(r, p), s, text_encoding::ascii);
    length = p;
    return true;
  }

  /// The input ended after feed() asked for more: ok between replies (after
  /// any empty lines, whose count goes to `offset`, and a fresh state), or
  /// `incomplete` at the unfinished reply's start (sticky).
  constexpr errc end_of_input(std::size_t& offset) noexcept {
    if (sum_.lines == 0 && phase_ == phase::line_start) {
      offset = pos_;
      *this = reply_machine{options_};
      return errc::ok;
    }
    offset = sum_.lines == 0 && phase_ == phase::empty_cr ? pos_ - 1 : reply_start_;
    fail(errc::incomplete, offset);
    return errc::incomplete;
  }

  /// Makes `e` at `offset` the sticky error.
  constexpr std::size_t fail(errc e, std::size_t offset) noexcept {
    error_ = e;
    error_offset_ = offset;
    return npos;
  }

  /**
   * The byte machine: from where it stopped, up to the LF that ends the
   * current line (skipping the empty lines a lenient parse allows). Returns
   * that LF's offset (line_code(), final_line() and text() describe the
   * line), or npos: an error, or every byte examined (pos_ at the end).
   */
  SMTPREPLY_ALWAYS_INLINE constexpr std::size_t scan_line(const char* d, std::size_t n) noexcept {
    std::size_t p = pos_;
    while (p < n) {
      if (p >= limit_) return fail(p >= reply_limit() ? errc::reply_too_long : errc::line_too_long, p);
      const char c = d[p];
      switch (phase_) {
        case phase::line_start:
          if (!header(d, p, n)) {  // not the common case: byte by byte
            if (c == '\r' || c == '\n') {
              if (!lenient(leniency::empty_line)) return fail(errc::empty_line, p);
              if (c == '\n' && !tolerate(leniency::bare_lf)) return fail(errc::bare_lf, p);
              sum_.flags |= static_cast<std::uint32_t>(flag::empty_line);
              if (c == '\r') phase_ = phase::empty_cr;
              ++p;
              break;
            }
            if (!is_digit(c)) return fail(errc::invalid_code, p);
            if (sum_.lines >= options_.limit.max_reply_lines) return fail(errc::too_many_lines, p);
            if (sum_.lines == 0) reply_start_ = p;
            line_start_ = p;
            limit_ = line_limit(options_.limit, p, 0);
            line_code_ = static_cast<std::uint16_t>((c - '0') * 100);
            phase_ = phase::code2;
            ++p;
            break;
          }
          [[fallthrough]];  // straight into the text after a code and separator
        case phase::text: {
          const std::size_t stop = n < limit_ ? n : limit_;
          p = skip_plain_text(d, p, stop);
          if (p == stop) break;
          const char t = d[p];
          const auto u = static_cast<unsigned char>(t);
          if (t == '\r' && p + 1 < stop && d[p + 1] == '\n') {  // CRLF: what phase::cr does with the LF
            text_end_ = p;
            return p + 1;
          }
          if (t == '\r') {
            phase_ = phase::cr;
          } else if (t == '\n') {
            if (!tolerate(leniency::bare_lf)) return fail(errc::bare_lf, p);
            text_end_ = p;
            return p;
          } else if (u < 0x80 && t != '\t') {  // other C0 controls and DEL
            if (!tolerate(leniency::control_character)) return fail(errc::control_character, p);
          } else if (u >= 0x80) {
            saw_8bit_ = true;
            if (start_utf8(u)) {
              utf8_start_ = p;
              phase_ = phase::utf8;
            } else {
              if (!tolerate(leniency::invalid_utf8)) return fail(errc::invalid_utf8, p);
              saw_invalid_ = true;
            }
          }
          ++p;
          break;
        }
        case phase::empty_cr:
          if (c != '\n') return fail(errc::invalid_code, p - 1);
          phase_ = phase::line_start;
          ++p;
          break;
        case phase::code2:
          if (!is_digit(c)) return fail(errc::invalid_code, p);
          line_code_ = static_cast<std::uint16_t>(line_code_ + (c - '0') * 10);
          phase_ = phase::code3;
          ++p;
          break;
        case phase::code3: {
          if (!is_digit(c)) return fail(errc::invalid_code, p);
          line_code_ = static_cast<std::uint16_t>(line_code_ + (c - '0'));
          // Three digits (fewer are invalid_code), then the range, RFC 5321
          // section 4.2: first digit 2-5, second 0-5. The leniency allows a
          // first digit 1 or 6-9 and a second 6-9; a first digit 0 is no
          // reply class under any leniency.
          if (line_code_ < 100 || (line_code_ / 100u - 2u > 3u && !tolerate(leniency::code_out_of_range))) {
            return fail(errc::code_out_of_range, line_start_);
          }
          if (line_code_ / 10u % 10u > 5u && !tolerate(leniency::code_out_of_range)) {
            return fail(errc::code_out_of_range, line_start_ + 1);
          }
          if (sum_.lines != 0 && line_code_ != sum_.first_code && !tolerate(leniency::mixed_codes)) {
            return fail(errc::mixed_codes, line_start_);
          }
          limit_ = line_limit(options_.limit, line_start_, line_code_);
          phase_ = phase::separator;
          ++p;
          break;
        }
        case phase::separator:
          final_line_ = c != '-';
          if (c == '-' || c == ' ') {
            text_start_ = p + 1;
            phase_ = phase::text;
            ++p;
          } else if (c == '\r') {
            text_start_ = p;  // the CR is text if no LF follows (lenient)
            phase_ = phase::cr;
            ++p;
          } else if (c == '\n') {
            if (!tolerate(leniency::bare_lf)) return fail(errc::bare_lf, p);
            text_start_ = p;
            text_end_ = p;
            return p;
          } else if (is_digit(c) || !tolerate(leniency::invalid_separator)) {
            return fail(errc::invalid_separator, p);
          } else {
            text_start_ = c == '\t' ? p + 1 : p;  // glued text ("250OK") stays text
            phase_ = phase::text;
            if (c == '\t') ++p;
          }
          break;
        case phase::utf8: {
          const auto u = static_cast<unsigned char>(c);
          if (u >= utf8_lo_ && u <= utf8_hi_) {
            utf8_lo_ = 0x80;
            utf8_hi_ = 0xbf;
            if (--utf8_need_ == 0) phase_ = phase::text;
            ++p;
          } else {
            if (!tolerate(leniency::invalid_utf8)) return fail(errc::invalid_utf8, utf8_start_);
            saw_invalid_ = true;
            phase_ = phase::text;  // look at this byte again as text
          }
          break;
        }
        case phase::cr:
          if (c == '\n') {
            text_end_ = p - 1;
            return p;
          }
          if (!tolerate(leniency::control_character)) return fail(errc::control_character, p - 1);
          phase_ = phase::text;  // the lone CR is text; look at this byte again
          break;
      }
    }
    pos_ = p;
    return npos;
  }

  /// The line scan_line() ended: its code, whether it is a reply's last,
  /// its text, its start, and the deviations tolerated so far.
  [[nodiscard]] constexpr std::uint16_t line_code() const noexcept { return line_code_; }
  [[nodiscard]] constexpr bool final_line() const noexcept { return final_line_; }
  [[nodiscard]] constexpr std::string_view text(const char* d) const noexcept {
    return std::string_view(d + text_start_, text_start_ <= text_end_ ? text_end_ - text_start_ : 0);
  }
  [[nodiscard]] constexpr std::size_t line_start() const noexcept { return line_start_; }
  [[nodiscard]] constexpr std::uint32_t flags() const noexcept { return sum_.flags; }

 private:
  enum class phase : std::uint8_t { line_start, empty_cr, code2, code3, separator, text, utf8, cr };

  constexpr bool lenient(leniency l) const noexcept { return has(options_.lenient, l); }
  constexpr std::size_t reply_limit() const noexcept { return options_.limit.max_reply_octets; }

  // A deviation: tolerated (and flagged) when its leniency is on.
  constexpr bool tolerate(leniency l) noexcept {
    if (!lenient(l)) return false;
    sum_.flags |= static_cast<std::uint32_t>(l);
    return true;
  }

  // The state at the start of the line at `p`, after a line that was not
  // the reply's last.
  constexpr void next_line(std::size_t p) noexcept {
    phase_ = phase::line_start;
    limit_ = reply_limit();
    pos_ = p;
  }

  // The after-line-end transition of the byte machine, at the LF `lf` that
  // scan_line() found: true when that line was the reply's last.
  constexpr bool end_line(const char* d, std::size_t lf) noexcept {
    const std::string_view t = text(d);
    add_line(sum_, line_code_, lf + 1 - line_start_, t.data(), t.size());
    if (final_line_) return true;
    next_line(lf + 1);
    return false;
  }

  // At a line start: a code of 200-559, then ' ' or '-', inside the limits
  // and the buffer, as the first line or with the reply's code. Makes the
  // same state changes as the byte machine for those four bytes and moves
  // to the text; false (nothing changed) for anything else, which the byte
  // machine then handles (leniencies, errors, a short buffer).
  constexpr bool header(const char* d, std::size_t& p, std::size_t n) noexcept {
    if (n - p < 4) return false;
    const char c0 = d[p];
    const char c1 = d[p + 1];
    const char c2 = d[p + 2];
    const char sep = d[p + 3];
    if (c0 < '2' || c0 > '5' || c1 < '0' || c1 > '5' || !is_digit(c2) || (sep != ' ' && sep != '-')) return false;
    const auto code = static_cast<std::uint16_t>((c0 - '0') * 100 + (c1 - '0') * 10 + (c2 - '0'));
    if (sum_.lines >= options_.limit.max_reply_lines || (sum_.lines != 0 && code != sum_.first_code)) return false;
    const std::size_t digits_limit = line_limit(options_.limit, p, 0);
    const std::size_t limit = code == 334 ? line_limit(options_.limit, p, code) : digits_limit;
    if (p + 2 >= digits_limit || p + 3 >= limit) return false;
    if (sum_.lines == 0) reply_start_ = p;
    line_start_ = p;
    limit_ = limit;
    line_code_ = code;
    final_line_ = sep != '-';
    text_start_ = p + 4;
    phase_ = phase::text;
    p += 4;
    return true;
  }

  // UTF-8 (RFC 3629 section 4): sets the range of the next byte; false for a
  // byte that cannot start a sequence.
  constexpr bool start_utf8(unsigned char u) noexcept {
    utf8_lo_ = 0x80;
    utf8_hi_ = 0xbf;
    if (u >= 0xc2 && u <= 0xdf) {
      utf8_need_ = 1;
    } else if (u >= 0xe0 && u <= 0xef) {
      utf8_need_ = 2;
      if (u == 0xe0) utf8_lo_ = 0xa0;  // no overlong forms
      if (u == 0xed) utf8_hi_ = 0x9f;  // no surrogates
    } else if (u >= 0xf0 && u <= 0xf4) {
      utf8_need_ = 3;
      if (u == 0xf0) utf8_lo_ = 0x90;
      if (u == 0xf4) utf8_hi_ = 0x8f;  // nothing above U+10FFFF
    } else {
      return false;
    }
    return true;
  }

  // One line at `p` for clean_replies(): a code of 200-559, ' ' or '-',
  // printable ASCII text and CRLF, before `end` and the line's room (of
  // `auth_room` octets for 334, `line_room` for other codes). Sets `code` (0
  // when the code or separator is not one), `sep` and `cr` (where the text
  // scan stopped: the CR of a clean line).
  static SMTPREPLY_ALWAYS_INLINE constexpr bool clean_line(const char* r, std::size_t end, std::size_t p,
                                                           std::size_t line_room, std::size_t auth_room,
                                                           std::uint16_t& code, char& sep, std::size_t& cr) noexcept {
    code = 0;
    if (end - p < 4) return false;  // p <= end always
    sep = r[p + 3];
    code = strict_code(r + p);
    if (code == 0 || !((sep == ' ') | (sep == '-'))) return false;
    const std::size_t room = code == 334 ? auth_room : line_room;
    const std::size_t stop = end - p > room ? p + room : end;
    cr = skip_plain_text(r, p + 4, stop);
    return cr + 1 < stop && r[cr] == '\r' && r[cr + 1] == '\n';
  }

  // Below these sizes the limits fall inside the code: not the common case,
  // which clean_line() handles.
  constexpr bool fast_path_fits() const noexcept {
    const limits& l = options_.limit;
    return l.max_line_octets >= 4 && l.max_auth_line_octets >= 4 && l.max_reply_lines != 0;
  }

  // More clean lines of the reply that starts at `start` (offsets from `r`,
  // the machine's frame; `n` bytes), whose lines so far, `s`, ended just
  // before the line start `p`, up to its last line: true when one ends it
  // (`p` is then just after it); false at the first line that is not clean
  // or has another code than the reply's, with the state handed over.
  SMTPREPLY_ALWAYS_INLINE constexpr bool clean_tail(const char* r, std::size_t n, std::size_t start, std::size_t& p,
                                                    reply_summary& s, const limits& l) noexcept {
    const std::size_t end = n < l.max_reply_octets ? n : l.max_reply_octets;  // the reply limit counts from r
    // Every line must carry the reply's code (a mixed run is not the common
    // case): its three digits, compared as they are written, in one word.
    const std::uint16_t code = s.code == s.first_code ? s.code : 0;
    const std::uint32_t digits = code == 0 ? 0xffffffffu : digit_word(code);
    const std::size_t room = code == 334 ? l.max_auth_line_octets : l.max_line_octets;
    const std::uint32_t max_lines = l.max_reply_lines;
    for (;;) {
      char sep = 0;
      std::size_t cr = 0;
      bool clean = end - p >= 4 && s.lines < max_lines && three_bytes(r + p) == digits;
      if (clean) {
        sep = r[p + 3];
        const std::size_t stop = end - p > room ? p + room : end;
        cr = skip_plain_text(r, p + 4, stop);
        clean = ((sep == ' ') | (sep == '-')) && cr + 1 < stop && r[cr] == '\r' && r[cr + 1] == '\n';
      }
      if (!clean) {
        hand_over(start, s, p, cr != 0 ? code : 0, sep, cr);
        return false;
      }
      continue_run(s, cr + 2 - p, r + p + 4, cr - p - 4);
      p = cr + 2;
      if (sep != '-') return true;
    }
  }

  // Where the fast path stops short of a whole reply: the reply at `start`
  // has had the clean lines `s`, and its next line starts at `p`. When that
  // line's code (`code`, 0 if not one the scan accepts there) and separator
  // were clean, the scan stopped in its text at `cr`; the state becomes the
  // byte machine's after header() and the text scan up to there. Otherwise
  // it becomes the byte machine's at the line's start (after end_line() of
  // the last clean line).
  constexpr void hand_over(std::size_t start, const reply_summary& s, std::size_t p, std::uint16_t code, char sep,
                           std::size_t cr) noexcept {
    if (s.lines != 0) {
      sum_ = s;
      reply_start_ = start;
      next_line(p);
    }
    if (code != 0 && (sep == ' ' || sep == '-') && cr >= p + 4) {
      line_start_ = p;
      limit_ = line_limit(options_.limit, p, code);
      line_code_ = code;
      final_line_ = sep != '-';
      text_start_ = p + 4;
      phase_ = phase::text;
      pos_ = cr;
    }
  }

  // After a complete reply: the state of a fresh machine (the fields a new
  // reply reads before it writes them).
  constexpr void next_reply() noexcept {
    sum_ = reply_summary{};
    pos_ = 0;
    reply_start_ = 0;
    limit_ = options_.limit.max_reply_octets;
    phase_ = phase::line_start;
    saw_8bit_ = false;
    saw_invalid_ = false;
  }

  parse_options options_{};
  reply_summary sum_{};
  std::size_t pos_ = 0;          // next byte to examine
  std::size_t reply_start_ = 0;  // first byte of the reply's first line (once it has one)
  std::size_t line_start_ = 0;
  std::size_t text_start_ = 0;
  std::size_t text_end_ = 0;                       // where the text of the line scan_line() ended stops
  std::size_t limit_ = limits{}.max_reply_octets;  // first offset beyond the current line or reply limit
  std::size_t utf8_start_ = 0;
  std::size_t error_offset_ = 0;
  std::uint16_t line_code_ = 0;
  phase phase_ = phase::line_start;
  errc error_ = errc::ok;
  bool final_line_ = false;
  bool saw_8bit_ = false;
  bool saw_invalid_ = false;
  std::uint8_t utf8_need_ = 0;
  unsigned char utf8_lo_ = 0x80;
  unsigned char utf8_hi_ = 0xbf;
};

}  // namespace detail
}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_DETAIL_REPLY_MACHINE_HPP
