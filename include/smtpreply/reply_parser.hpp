// smtpreply: the resumable push parser (RFC 5321 section 4.2 replies, one by
// one, from bytes that arrive in any chunks).
#ifndef SMTPREPLY_REPLY_PARSER_HPP
#define SMTPREPLY_REPLY_PARSER_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "code.hpp"
#include "detail/scan.hpp"
#include "enhanced.hpp"
#include "error.hpp"
#include "flags.hpp"
#include "options.hpp"
#include "reply.hpp"

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

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

// The enhanced code at the start of a line's text, as find_enhanced() sees
// it, with a shortcut for the most common form: "c.s.d" of single digits
// followed by SP or the end of the text.
constexpr enhanced_presence enhanced_at(const char* s, std::size_t size, enhanced_code& code) noexcept {
  if (size >= 5 && (s[0] == '2' || s[0] == '4' || s[0] == '5') && s[1] == '.' && is_digit(s[2]) && s[3] == '.' &&
      is_digit(s[4]) && (size == 5 || s[5] == ' ')) {
    code = enhanced_code{static_cast<std::uint16_t>(s[0] - '0'), static_cast<std::uint16_t>(s[2] - '0'),
                         static_cast<std::uint16_t>(s[4] - '0')};
    return enhanced_presence::valid;
  }
  if (size == 0 || (s[0] != '#' && !is_digit(s[0]))) {
    code = enhanced_code{};
    return enhanced_presence::absent;
  }
  const enhanced_in_text e = find_enhanced(std::string_view(s, size));
  code = e.code;
  return e.presence;
}

// Selects a std::string temporary (T&& deduces T = std::string only for
// rvalues), so deleted overloads catch it before it converts to a view.
template <class T>
using if_string_rvalue = std::enable_if_t<std::is_same<T, std::string>::value, int>;
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
  std::size_t consumed = 0;
  reply value{};
  errc error = errc::ok;
  std::size_t offset = 0;
  constexpr explicit operator bool() const noexcept { return status == feed_status::complete; }
};

/// The answer of reply_parser::finish(): did the input end between replies?
struct finish_result {
  errc error = errc::ok;   ///< `incomplete` when the input ended inside a reply
  std::size_t offset = 0;  ///< where the unfinished reply starts
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
 * whether the input stopped inside a reply.
 */
class reply_parser {
 public:
  constexpr reply_parser() noexcept = default;
  constexpr explicit reply_parser(const parse_options& options) noexcept : options_(options) {}

  [[nodiscard]] constexpr const parse_options& options() const noexcept { return options_; }

  /// Parses at most one reply from `unconsumed` (see the class contract).
  [[nodiscard]] constexpr feed_result feed(std::string_view unconsumed) noexcept {
    return run(unconsumed, false);
  }

  /// The reply would view a temporary that dies at the end of the call.
  template <class T, detail::if_string_rvalue<T> = 0>
  feed_result feed(T&&) = delete;

  /// Call at end of input with the unconsumed bytes.
  [[nodiscard]] constexpr finish_result finish(std::string_view unconsumed) noexcept {
    if (error_ != errc::ok) return {error_, error_offset_, 0};
    const feed_result r = run(unconsumed, false);
    if (r.status == feed_status::error) return {r.error, r.offset, 0};
    if (r.status == feed_status::complete) return {errc::ok, 0, 0};  // caller should have fed first
    if (!reply_started_ && phase_ == phase::line_start) {
      const std::size_t skipped = pos_;
      reset();
      return {errc::ok, 0, skipped};
    }
    const std::size_t where = reply_started_ ? reply_start_ : pos_ - 1;
    fail(errc::incomplete, where);
    return {errc::incomplete, where, 0};
  }

  /// Forgets everything: ready for a new stream (options are kept).
  constexpr void reset() noexcept { *this = reply_parser{options_}; }

  /// True after an error, until reset().
  [[nodiscard]] constexpr bool failed() const noexcept { return error_ != errc::ok; }
  /// Bytes of the unfinished reply examined so far.
  [[nodiscard]] constexpr std::size_t examined() const noexcept { return pos_; }

 private:
  friend constexpr line_result parse_line(std::string_view, const parse_options&) noexcept;

  enum class phase : std::uint8_t { line_start, empty_cr, code2, code3, separator, text, utf8, cr };

  constexpr bool lenient(leniency l) const noexcept { return has(options_.lenient, l); }

  constexpr feed_result fail(errc e, std::size_t offset) noexcept {
    error_ = e;
    error_offset_ = offset;
    return {feed_status::error, 0, reply{}, e, offset};
  }

  // A deviation: tolerated (and flagged) when its leniency is on.
  constexpr bool tolerate(leniency l) noexcept {
    if (!lenient(l)) return false;
    flags_ |= static_cast<std::uint32_t>(l);
    return true;
  }

  constexpr std::size_t reply_limit() const noexcept { return options_.limit.max_reply_octets; }

  constexpr void set_line_limit(std::uint32_t octets) noexcept {
    const std::size_t line_end = line_start_ + octets;
    limit_ = line_end < reply_limit() ? line_end : reply_limit();
  }

  constexpr feed_result run(std::string_view in, bool one_line) noexcept {
    if (error_ != errc::ok) return {feed_status::error, 0, reply{}, error_, error_offset_};
    if (in.size() < pos_) return fail(errc::buffer_mismatch, in.size());
    const char* d = in.data();
    const std::size_t n = in.size();
    std::size_t p = pos_;
    if (p == 0 && !one_line && phase_ == phase::line_start && !reply_started_) {
      // A fresh state at the start of the buffer: try the whole reply at once.
      clean_reply q{};
      if (scan_clean_reply(d, n, q, p)) {
        return {feed_status::complete, q.lf + 1,
                make_reply(std::string_view(d, q.lf + 1), reply_code{q.code}, q.lines, q.flags, q.presence, q.esc,
                           text_encoding::ascii),
                errc::ok, 0};
      }
    }
    if (!reply_started_ && phase_ == phase::line_start) limit_ = reply_limit();

    while (p < n) {
      if (p >= limit_) return fail(p >= reply_limit() ? errc::reply_too_long : errc::line_too_long, p);
      const char c = d[p];
      switch (phase_) {
        case phase::line_start:
          if (!header(d, p, n)) {  // not the common case: byte by byte
            if (c == '\r' || c == '\n') {
              if (!lenient(leniency::empty_line)) return fail(errc::empty_line, p);
              if (c == '\n' && !tolerate(leniency::bare_lf)) return fail(errc::bare_lf, p);
              flags_ |= static_cast<std::uint32_t>(flag::empty_line);
              if (c == '\r') phase_ = phase::empty_cr;
              ++p;
              break;
            }
            if (!detail::is_digit(c)) return fail(errc::invalid_code, p);
            if (line_count_ >= options_.limit.max_reply_lines) return fail(errc::too_many_lines, p);
            if (!reply_started_) {
              reply_started_ = true;
              reply_start_ = p;
            }
            line_start_ = p;
            set_line_limit(options_.limit.max_line_octets);
            if ((c < '2' || c > '5') && !tolerate(leniency::code_out_of_range)) return fail(errc::code_out_of_range, p);
            line_code_ = static_cast<std::uint16_t>((c - '0') * 100);
            phase_ = phase::code2;
            ++p;
            break;
          }
          [[fallthrough]];  // straight into the text after a code and separator
        case phase::text: {
          const std::size_t stop = n < limit_ ? n : limit_;
          p = detail::skip_plain_text(d, p, stop);
          if (p == stop) break;
          const char t = d[p];
          const auto u = static_cast<unsigned char>(t);
          if (t == '\r' && p + 1 < stop && d[p + 1] == '\n') {  // CRLF: what phase::cr does with the LF
            if (end_line(in, p + 1, p, one_line)) return complete(in, p + 1, one_line);
            p = pos_;
          } else if (t == '\r') {
            phase_ = phase::cr;
            ++p;
          } else if (t == '\n') {
            if (!tolerate(leniency::bare_lf)) return fail(errc::bare_lf, p);
            if (end_line(in, p, p, one_line)) return complete(in, p, one_line);
            p = pos_;
          } else if (t == '\t') {
            ++p;
          } else if (u < 0x80) {  // other C0 controls and DEL
            if (!tolerate(leniency::control_character)) return fail(errc::control_character, p);
            ++p;
          } else {
            saw_8bit_ = true;
            if (!start_utf8(u)) {
              if (!tolerate(leniency::invalid_utf8)) return fail(errc::invalid_utf8, p);
              saw_invalid_ = true;
            } else {
              utf8_start_ = p;
              phase_ = phase::utf8;
            }
            ++p;
          }
          break;
        }
        case phase::empty_cr:
          if (c != '\n') return fail(errc::invalid_code, p - 1);
          phase_ = phase::line_start;
          ++p;
          break;
        case phase::code2:
          if (!detail::is_digit(c)) return fail(errc::invalid_code, p);
          if (c > '5' && !tolerate(leniency::code_out_of_range)) return fail(errc::code_out_of_range, p);
          line_code_ = static_cast<std::uint16_t>(line_code_ + (c - '0') * 10);
          phase_ = phase::code3;
          ++p;
          break;
        case phase::code3:
          if (!detail::is_digit(c)) return fail(errc::invalid_code, p);
          line_code_ = static_cast<std::uint16_t>(line_code_ + (c - '0'));
          if (line_count_ == 0) {
            first_code_ = line_code_;
          } else if (line_code_ != first_code_ && !tolerate(leniency::mixed_codes)) {
            return fail(errc::mixed_codes, line_start_);
          }
          if (line_code_ == 334) set_line_limit(options_.limit.max_auth_line_octets);
          phase_ = phase::separator;
          ++p;
          break;
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
            if (end_line(in, p, p, one_line)) return complete(in, p, one_line);
            p = pos_;
          } else if (detail::is_digit(c) || !tolerate(leniency::invalid_separator)) {
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
            if (end_line(in, p, p - 1, one_line)) return complete(in, p, one_line);
            p = pos_;
          } else {
            if (!tolerate(leniency::control_character)) return fail(errc::control_character, p - 1);
            phase_ = phase::text;  // the lone CR is text; look at this byte again
          }
          break;
      }
    }
    pos_ = p;
    return {};
  }

  // At a line start: a code of 200-559, then ' ' or '-', inside the limits
  // and the buffer, as the first line or with the reply's code. Makes the
  // same state changes as the byte-by-byte path for those four bytes and
  // moves to the text; false (nothing changed) for anything else, which the
  // byte-by-byte path then handles (leniencies, errors, a short buffer).
  constexpr bool header(const char* d, std::size_t& p, std::size_t n) noexcept {
    if (n - p < 4) return false;
    const char c0 = d[p];
    const char c1 = d[p + 1];
    const char c2 = d[p + 2];
    const char sep = d[p + 3];
    if (c0 < '2' || c0 > '5' || c1 < '0' || c1 > '5' || !detail::is_digit(c2) || (sep != ' ' && sep != '-')) {
      return false;
    }
    const auto code = static_cast<std::uint16_t>((c0 - '0') * 100 + (c1 - '0') * 10 + (c2 - '0'));
    if (line_count_ >= options_.limit.max_reply_lines || (line_count_ != 0 && code != first_code_)) return false;
    const std::size_t whole = reply_limit();
    const std::size_t code_end = p + options_.limit.max_line_octets;
    const std::size_t code_limit = code_end < whole ? code_end : whole;  // for the code's digits
    std::size_t line_limit = code_limit;
    if (code == 334) {
      const std::size_t auth_end = p + options_.limit.max_auth_line_octets;
      line_limit = auth_end < whole ? auth_end : whole;
    }
    if (p + 2 >= code_limit || p + 3 >= line_limit) return false;
    if (!reply_started_) {
      reply_started_ = true;
      reply_start_ = p;
    }
    line_start_ = p;
    limit_ = line_limit;
    line_code_ = code;
    if (line_count_ == 0) first_code_ = code;
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

  // The LF at `lf` ends a line whose text ends at `text_end`. True when that
  // completes the result (the reply's last line, or parse_line's one line):
  // the caller then returns complete(). Otherwise pos_ is at the next line.
  constexpr bool end_line(std::string_view in, std::size_t lf, std::size_t text_end, bool one_line) noexcept {
    if (lf + 1 - line_start_ > 512) flags_ |= static_cast<std::uint32_t>(flag::long_line);
    const std::string_view text = text_start_ <= text_end
                                      ? std::string_view(in.data() + text_start_, text_end - text_start_)
                                      : std::string_view{};
    // The first line's enhanced code counts; later lines only to compare with
    // a valid one, so they are not looked at otherwise.
    if (line_count_ == 0) {
      const enhanced_in_text esc = find_enhanced(text);
      first_esc_ = esc.presence;
      esc_ = esc.code;
    } else if (first_esc_ == enhanced_presence::valid) {
      const enhanced_in_text esc = find_enhanced(text);
      if (esc.presence == enhanced_presence::valid && esc.code != esc_) {
        flags_ |= static_cast<std::uint32_t>(flag::esc_lines_disagree);
      }
    }
    ++line_count_;
    if (one_line) {
      line_result_text_ = text;
      pos_ = lf + 1;
      return true;
    }
    if (final_line_) return true;
    phase_ = phase::line_start;
    limit_ = reply_limit();
    pos_ = lf + 1;
    return false;
  }

  // A complete reply from what its lines said.
  static constexpr reply make_reply(std::string_view raw, reply_code code, std::uint32_t lines, std::uint32_t flags,
                                    enhanced_presence presence, enhanced_code esc, text_encoding encoding) noexcept {
    enhanced_code enhanced{};
    switch (presence) {
      case enhanced_presence::malformed: flags |= static_cast<std::uint32_t>(flag::esc_malformed); break;
      case enhanced_presence::hash_prefixed: flags |= static_cast<std::uint32_t>(flag::esc_hash_prefix); break;
      case enhanced_presence::valid:
        if (code.first_digit() == 3) {
          flags |= static_cast<std::uint32_t>(flag::esc_on_3xx);
        } else if (esc.klass != code.first_digit()) {
          flags |= static_cast<std::uint32_t>(flag::esc_class_mismatch);
        } else {
          enhanced = esc;
        }
        break;
      case enhanced_presence::absent: break;
    }
    return reply{raw, code, enhanced, lines, flag_set{flags}, encoding};
  }

  // The result once end_line() said so: the reply (and a fresh state for the
  // next one), or for parse_line() just the line's length.
  constexpr feed_result complete(std::string_view in, std::size_t lf, bool one_line) noexcept {
    if (one_line) return {feed_status::complete, lf + 1, reply{}, errc::ok, 0};
    const text_encoding encoding = saw_invalid_ ? text_encoding::other_8bit
                                   : saw_8bit_  ? text_encoding::utf8
                                                : text_encoding::ascii;
    const reply r = make_reply(std::string_view(in.data() + reply_start_, lf + 1 - reply_start_),
                               reply_code{line_code_}, line_count_, flags_, first_esc_, esc_, encoding);
    reset();
    return {feed_status::complete, lf + 1, r, errc::ok, 0};
  }

  // What scan_clean_reply() found.
  struct clean_reply {
    std::size_t lf = 0;  // the reply's last LF
    std::uint32_t lines = 0;
    std::uint32_t flags = 0;
    std::uint16_t code = 0;
    enhanced_presence presence = enhanced_presence::absent;
    enhanced_code esc{};
  };

  // The common case in one pass over local variables, from a fresh state at
  // the start of the buffer: lines with a code of 200-559 (the same on each
  // line), ' ' or '-', printable ASCII text and CRLF, within every limit.
  // True for a whole reply of such lines: `out` is exactly what the
  // byte-by-byte path would report, and no state changed. Otherwise the
  // state becomes what the byte-by-byte path would have after the clean
  // lines before the first other one, and `p` is that line's start (0 when
  // there were none): the byte-by-byte path goes on from there.
  SMTPREPLY_ALWAYS_INLINE constexpr bool scan_clean_reply(const char* d, std::size_t n, clean_reply& out,
                                                          std::size_t& p) noexcept {
    const std::size_t whole = reply_limit();
    const std::size_t max_line = options_.limit.max_line_octets;
    const std::size_t max_auth = options_.limit.max_auth_line_octets;
    const std::uint32_t max_lines = options_.limit.max_reply_lines;
    // Below these sizes the limits fall inside the code: not the common case.
    if (max_line < 4 || max_auth < 4 || max_lines == 0) return false;
    const std::size_t end = n < whole ? n : whole;
    char sep = 0;
    std::uint16_t first = 0;
    std::size_t cr = 0;
    p = 0;
    if (!clean_line(d, end, 0, max_line, max_auth, sep, first, cr)) return false;
    // Locals, not `out`: stores through it could alias `d` for the compiler.
    std::uint32_t flags = cr + 2 > 512 ? static_cast<std::uint32_t>(flag::long_line) : 0;
    enhanced_code esc{};
    const enhanced_presence presence = detail::enhanced_at(d + 4, cr - 4, esc);
    std::uint32_t lines = 1;
    std::size_t last_start = 0;
    while (sep == '-') {  // the first line's code and enhanced code stand; later lines compare
      last_start = p;
      p = cr + 2;
      std::uint16_t code = 0;
      if (lines >= max_lines || !clean_line(d, end, p, max_line, max_auth, sep, code, cr) || code != first) {
        // As after end_line() of the last clean line.
        reply_started_ = true;
        reply_start_ = 0;
        line_start_ = last_start;
        text_start_ = last_start + 4;
        line_count_ = lines;
        first_code_ = first;
        line_code_ = first;
        flags_ = flags;
        first_esc_ = presence;
        esc_ = esc;
        final_line_ = false;
        phase_ = phase::line_start;
        limit_ = whole;
        pos_ = p;
        return false;
      }
      if (cr + 2 - p > 512) flags |= static_cast<std::uint32_t>(flag::long_line);
      if (presence == enhanced_presence::valid) {
        enhanced_code other{};
        if (detail::enhanced_at(d + p + 4, cr - p - 4, other) == enhanced_presence::valid && other != esc) {
          flags |= static_cast<std::uint32_t>(flag::esc_lines_disagree);
        }
      }
      ++lines;
    }
    out = clean_reply{cr + 1, lines, flags, first, presence, esc};
    return true;
  }

  // One line at `p` for scan_clean_reply(): a code of 200-559, ' ' or '-',
  // printable ASCII text and CRLF, before `end` and the line's limit (which
  // the byte-by-byte path checks only beyond the code). Sets `sep`, `code`
  // and `cr` (where the CRLF is).
  static SMTPREPLY_ALWAYS_INLINE constexpr bool clean_line(const char* d, std::size_t end, std::size_t p,
                                                           std::size_t max_line, std::size_t max_auth, char& sep,
                                                           std::uint16_t& code, std::size_t& cr) noexcept {
    if (p + 4 > end) return false;
    sep = d[p + 3];
    if (!((sep == ' ') | (sep == '-'))) return false;
    code = detail::strict_code(d + p);
    if (code == 0) return false;
    const std::size_t line_end = p + (code == 334 ? max_auth : max_line);
    const std::size_t stop = end < line_end ? end : line_end;
    cr = detail::skip_plain_text(d, p + 4, stop);
    return cr + 1 < stop && d[cr] == '\r' && d[cr + 1] == '\n';
  }

  parse_options options_{};
  std::size_t pos_ = 0;          // next byte to examine
  std::size_t reply_start_ = 0;  // first byte of the reply's first line
  std::size_t line_start_ = 0;
  std::size_t text_start_ = 0;
  std::size_t limit_ = 0;        // first offset beyond the current line or reply limit
  std::size_t utf8_start_ = 0;
  std::size_t error_offset_ = 0;
  std::string_view line_result_text_{};
  std::uint32_t line_count_ = 0;
  std::uint32_t flags_ = 0;
  std::uint16_t first_code_ = 0;
  std::uint16_t line_code_ = 0;
  enhanced_code esc_{};
  enhanced_presence first_esc_ = enhanced_presence::absent;
  phase phase_ = phase::line_start;
  errc error_ = errc::ok;
  bool reply_started_ = false;
  bool final_line_ = false;
  bool saw_8bit_ = false;
  bool saw_invalid_ = false;
  std::uint8_t utf8_need_ = 0;
  unsigned char utf8_lo_ = 0x80;
  unsigned char utf8_hi_ = 0xbf;
};

/**
 * Parses the first line of `input` (which must contain its line end): the
 * code, whether it is the reply's last line, and its text. The same rules
 * and leniencies as the reply parser; constexpr.
 */
[[nodiscard]] constexpr line_result parse_line(std::string_view input, const parse_options& options = {}) noexcept {
  reply_parser p{options};
  const feed_result r = p.run(input, true);
  line_result out{};
  if (r.status == feed_status::error) {
    out.error = r.error;
    out.offset = r.offset;
    return out;
  }
  if (r.status == feed_status::need_more) {
    out.error = errc::incomplete;
    out.offset = 0;
    return out;
  }
  out.code = reply_code{p.line_code_};
  out.is_last = p.final_line_;
  out.text = p.line_result_text_;
  out.length = r.consumed;
  std::uint32_t f = p.flags_;
  if (p.saw_invalid_) f |= static_cast<std::uint32_t>(flag::invalid_utf8);
  out.flags = flag_set{f};
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
