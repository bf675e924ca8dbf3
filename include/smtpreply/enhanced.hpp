// smtpreply: RFC 3463 enhanced status codes ("4.3.2"), as RFC 2034 puts them
// at the start of reply text.
#ifndef SMTPREPLY_ENHANCED_HPP
#define SMTPREPLY_ENHANCED_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "code.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/no_temporary.hpp"
#include "enum_info.hpp"
#include "error.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// RFC 3463 section 3.1: the class digit. The value is the digit.
enum class enhanced_class : std::uint8_t {
  unknown = 0,
  success = 2,
  persistent_transient_failure = 4,
  permanent_failure = 5,
};

/// RFC 3463 section 3.2 onward: the subject number. The value is the number.
enum class enhanced_subject : std::uint16_t {
  other = 0,                   ///< X.0.XXX other or undefined status
  addressing = 1,              ///< X.1.XXX addressing status
  mailbox = 2,                 ///< X.2.XXX mailbox status
  mail_system = 3,             ///< X.3.XXX mail system status
  network_routing = 4,         ///< X.4.XXX network and routing status
  mail_delivery_protocol = 5,  ///< X.5.XXX mail delivery protocol status
  message_content = 6,         ///< X.6.XXX message content or media status
  security_policy = 7,         ///< X.7.XXX security or policy status
  unknown = 0xffff,            ///< a subject no RFC defines (8-999)
};

inline constexpr enum_info<enhanced_class> enhanced_class_table[] = {
    {enhanced_class::unknown, "unknown", "a class other than 2, 4 or 5", ""},
    {enhanced_class::success, "success", "2.XXX.XXX: success", "RFC 3463 section 3.1"},
    {enhanced_class::persistent_transient_failure, "persistent_transient_failure",
     "4.XXX.XXX: persistent transient failure", "RFC 3463 section 3.1"},
    {enhanced_class::permanent_failure, "permanent_failure", "5.XXX.XXX: permanent failure", "RFC 3463 section 3.1"},
};
static_assert(detail::increasing(enhanced_class_table) && detail::good_names(enhanced_class_table),
              "enhanced_class_table order");

[[nodiscard]] constexpr std::string_view name(enhanced_class v) noexcept {
  return detail::name_in(enhanced_class_table, v, "unknown");
}

inline constexpr enum_info<enhanced_subject> enhanced_subject_table[] = {
    {enhanced_subject::other, "other", "X.0.XXX other or undefined status", ""},
    {enhanced_subject::addressing, "addressing", "X.1.XXX addressing status", ""},
    {enhanced_subject::mailbox, "mailbox", "X.2.XXX mailbox status", ""},
    {enhanced_subject::mail_system, "mail_system", "X.3.XXX mail system status", ""},
    {enhanced_subject::network_routing, "network_routing", "X.4.XXX network and routing status", ""},
    {enhanced_subject::mail_delivery_protocol, "mail_delivery_protocol", "X.5.XXX mail delivery protocol status", ""},
    {enhanced_subject::message_content, "message_content", "X.6.XXX message content or media status", ""},
    {enhanced_subject::security_policy, "security_policy", "X.7.XXX security or policy status", ""},
    {enhanced_subject::unknown, "unknown", "a subject no RFC defines (8-999)", ""},
};
static_assert(detail::increasing(enhanced_subject_table) && detail::good_names(enhanced_subject_table),
              "enhanced_subject_table order");

[[nodiscard]] constexpr std::string_view name(enhanced_subject v) noexcept {
  return detail::name_in(enhanced_subject_table, v, "unknown");
}

/**
 * class.subject.detail with every part kept exactly (0-999, no saturation).
 * A default-constructed value (0.0.0) means "none".
 */
struct enhanced_code {
  std::uint16_t klass = 0;  ///< 2, 4 or 5 when valid
  std::uint16_t subject = 0;
  std::uint16_t detail = 0;

  [[nodiscard]] constexpr bool empty() const noexcept { return klass == 0; }
  [[nodiscard]] constexpr enhanced_class status_class() const noexcept {
    return (klass == 2 || klass == 4 || klass == 5) ? static_cast<enhanced_class>(klass) : enhanced_class::unknown;
  }
  [[nodiscard]] constexpr enhanced_subject subject_kind() const noexcept {
    return subject <= 7 ? static_cast<enhanced_subject>(subject) : enhanced_subject::unknown;
  }
  /// Writes "c.s.d" into `out` (at least 11 bytes); returns the length used.
  constexpr std::size_t format(char* out) const noexcept {
    std::size_t n = 0;
    const std::uint16_t parts[3] = {klass, subject, detail};
    for (int i = 0; i < 3; ++i) {
      if (i != 0) out[n++] = '.';
      const std::uint16_t v = parts[i];
      if (v >= 100) out[n++] = static_cast<char>('0' + v / 100);
      if (v >= 10) out[n++] = static_cast<char>('0' + (v / 10) % 10);
      out[n++] = static_cast<char>('0' + v % 10);
    }
    return n;
  }

  friend constexpr bool operator==(enhanced_code a, enhanced_code b) noexcept {
    return a.klass == b.klass && a.subject == b.subject && a.detail == b.detail;
  }
  friend constexpr bool operator!=(enhanced_code a, enhanced_code b) noexcept { return !(a == b); }
};

/// Result of parse_enhanced(). `offset` is where the first bad byte is.
struct enhanced_result {
  enhanced_code code{};
  errc error = errc::ok;
  std::size_t offset = 0;
  constexpr explicit operator bool() const noexcept { return error == errc::ok; }
};

namespace detail {
// One part: 1-3 digits, no leading zero (RFC 3463 section 2). Returns the
// number of digits read, 0 when the part is bad, and the bad offset in `bad`.
constexpr std::size_t enhanced_part(std::string_view s, std::size_t at, std::uint16_t& value,
                                    std::size_t& bad) noexcept {
  std::size_t n = 0;
  value = 0;
  while (at + n < s.size() && is_digit(s[at + n])) {
    if (n == 3 || (n == 1 && value == 0)) {  // a fourth digit, or a digit after a leading 0
      bad = at + n;
      return 0;
    }
    value = static_cast<std::uint16_t>(value * 10 + (s[at + n] - '0'));
    ++n;
  }
  if (n == 0) bad = at;
  return n;
}

// True when `s` starts with an IPv4 address in dotted-quad form (four runs of
// 1-3 digits joined by dots, no fifth digit), as greetings do
// ("220 1.2.3.4 ESMTP"): an address, never an enhanced-code attempt.
constexpr bool starts_with_ipv4(std::string_view s) noexcept {
  std::size_t at = 0;
  for (int part = 0; part < 4; ++part) {
    if (part != 0) {
      if (at >= s.size() || s[at] != '.') return false;
      ++at;
    }
    std::size_t digits = 0;
    while (at < s.size() && is_digit(s[at]) && digits < 4) {
      ++at;
      ++digits;
    }
    if (digits == 0 || digits > 3) return false;
  }
  return true;
}

// Parses "c.s.d" at the start of `s`; stops before the first byte after it.
constexpr enhanced_result enhanced_prefix(std::string_view s, std::size_t& length) noexcept {
  enhanced_result r{};
  std::uint16_t parts[3] = {0, 0, 0};
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i) {
    if (i != 0) {
      if (at >= s.size() || s[at] != '.') return {enhanced_code{}, errc::invalid_enhanced_code, at};
      ++at;
    }
    std::size_t bad = 0;
    const std::size_t n = enhanced_part(s, at, parts[i], bad);
    if (n == 0) return {enhanced_code{}, errc::invalid_enhanced_code, bad};
    at += n;
  }
  if (parts[0] != 2 && parts[0] != 4 && parts[0] != 5) return {enhanced_code{}, errc::invalid_enhanced_code, 0};
  r.code = enhanced_code{parts[0], parts[1], parts[2]};
  length = at;
  return r;
}
}  // namespace detail

/**
 * Parses a whole string as an enhanced status code, e.g. "5.7.606".
 * Class 2, 4 or 5; subject and detail 1-3 digits; no leading zeros; nothing
 * before or after. constexpr, noexcept, no allocation.
 */
[[nodiscard]] constexpr enhanced_result parse_enhanced(std::string_view s) noexcept {
  std::size_t length = 0;
  enhanced_result r = detail::enhanced_prefix(s, length);
  if (r && length != s.size()) return {enhanced_code{}, errc::invalid_enhanced_code, length};
  return r;
}

/// What the start of a line's text says about an enhanced status code.
enum class enhanced_presence : std::uint8_t {
  absent = 0,         ///< the text does not start like one ("234 Text", "Hello")
  valid = 1,          ///< a well-formed code followed by SP or the end of the text
  malformed = 2,      ///< starts like one ("5.", "#5.") but breaks RFC 3463
  hash_prefixed = 3,  ///< "#5.1.0": a well-formed code behind a '#'
};

/// Result of find_enhanced(): the code and the text that follows it.
struct enhanced_in_text {
  enhanced_presence presence = enhanced_presence::absent;
  enhanced_code code{};   ///< set for valid and hash_prefixed
  std::string_view rest;  ///< the text after the code and its space (all of it when absent)
};

/**
 * Looks for an enhanced status code at the start of reply text (RFC 2034
 * section 4: `status-code SP text`). Text that starts with a digit and a dot
 * (or '#', a digit and a dot) is taken as an attempt, unless it starts with
 * an IPv4 address ("1.2.3.4", "10.0.0.1"); an attempt that breaks RFC 3463
 * is `malformed`. "1.2.3.4 ESMTP" and "234 Text" are `absent`.
 */
[[nodiscard]] constexpr enhanced_in_text find_enhanced(std::string_view text) noexcept {
  const bool hash = !text.empty() && text[0] == '#';
  const std::string_view s = hash ? text.substr(1) : text;
  if (s.size() < 2 || !detail::is_digit(s[0]) || s[1] != '.' || detail::starts_with_ipv4(s)) {
    return {enhanced_presence::absent, {}, text};
  }
  std::size_t length = 0;
  const enhanced_result r = detail::enhanced_prefix(s, length);
  if (!r || (length < s.size() && s[length] != ' ')) return {enhanced_presence::malformed, {}, text};
  const std::string_view rest = s.substr(length < s.size() ? length + 1 : length);
  return {hash ? enhanced_presence::hash_prefixed : enhanced_presence::valid, r.code, rest};
}

/// `rest` would view a temporary that dies at the end of the call.
template <class T, detail::if_string_rvalue<T> = 0>
enhanced_in_text find_enhanced(T&&) = delete;

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_ENHANCED_HPP
