// smtpreply: the three-digit reply code, its class and its category
// (RFC 5321 sections 4.2, 4.2.1 and 4.3.2).
#ifndef SMTPREPLY_CODE_HPP
#define SMTPREPLY_CODE_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/ascii.hpp"
#include "enum_info.hpp"
#include "error.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// What the first digit says (RFC 5321 section 4.2.1). The value is the digit.
enum class reply_class : std::uint8_t {
  unknown = 0,                ///< first digit outside 2-5 (only from a lenient parse)
  positive_completion = 2,    ///< 2yz: the requested action was completed
  positive_intermediate = 3,  ///< 3yz: accepted, send more (DATA, AUTH)
  transient_negative = 4,     ///< 4yz: not done now; the same request may work later
  permanent_negative = 5,     ///< 5yz: not done; do not repeat it unchanged
};

/// What the second digit says (RFC 5321 section 4.2.1). The value is the digit.
enum class reply_category : std::uint8_t {
  syntax = 0,         ///< x0z: syntax, unimplemented or superfluous commands
  information = 1,    ///< x1z: replies to requests for information (status, help)
  connections = 2,    ///< x2z: the transmission channel
  unspecified_3 = 3,  ///< x3z: not yet assigned
  unspecified_4 = 4,  ///< x4z: not yet assigned
  mail_system = 5,    ///< x5z: the state of the receiver mail system
  unknown = 255,      ///< second digit outside 0-5 (only from a lenient parse)
};

inline constexpr enum_info<reply_class> reply_class_table[] = {
    {reply_class::unknown, "unknown", "first digit outside 2-5 (only from a lenient parse)", ""},
    {reply_class::positive_completion, "positive_completion", "2yz: the requested action was completed", ""},
    {reply_class::positive_intermediate, "positive_intermediate", "3yz: accepted, send more (DATA, AUTH)", ""},
    {reply_class::transient_negative, "transient_negative", "4yz: not done now; the same request may work later", ""},
    {reply_class::permanent_negative, "permanent_negative", "5yz: not done; do not repeat it unchanged", ""},
};
static_assert(detail::increasing(reply_class_table) && detail::good_names(reply_class_table),
              "reply_class_table order");

[[nodiscard]] constexpr std::string_view name(reply_class v) noexcept {
  return detail::name_in(reply_class_table, v, "unknown");
}

inline constexpr enum_info<reply_category> reply_category_table[] = {
    {reply_category::syntax, "syntax", "x0z: syntax, unimplemented or superfluous commands", ""},
    {reply_category::information, "information", "x1z: replies to requests for information (status, help)", ""},
    {reply_category::connections, "connections", "x2z: the transmission channel", ""},
    {reply_category::unspecified_3, "unspecified_3", "x3z: not yet assigned", ""},
    {reply_category::unspecified_4, "unspecified_4", "x4z: not yet assigned", ""},
    {reply_category::mail_system, "mail_system", "x5z: the state of the receiver mail system", ""},
    {reply_category::unknown, "unknown", "second digit outside 0-5 (only from a lenient parse)", ""},
};
static_assert(detail::increasing(reply_category_table) && detail::good_names(reply_category_table),
              "reply_category_table order");

[[nodiscard]] constexpr std::string_view name(reply_category v) noexcept {
  return detail::name_in(reply_category_table, v, "unknown");
}

/**
 * A three-digit reply code, 000 to 999. Codes in the RFC range (first digit
 * 2-5, second 0-5) are `is_valid()`; others only come from a lenient parse.
 * Unknown but valid codes are understood by their first digit, as RFC 5321
 * section 4.2 requires of clients.
 */
class reply_code {
 public:
  constexpr reply_code() noexcept = default;
  constexpr explicit reply_code(std::uint16_t value) noexcept : value_(value) {}

  [[nodiscard]] constexpr std::uint16_t value() const noexcept { return value_; }
  [[nodiscard]] constexpr int first_digit() const noexcept { return value_ / 100; }
  [[nodiscard]] constexpr int second_digit() const noexcept { return (value_ / 10) % 10; }
  [[nodiscard]] constexpr int third_digit() const noexcept { return value_ % 10; }

  /// In the RFC 5321 range: first digit 2-5, second 0-5, at most 999.
  [[nodiscard]] constexpr bool is_valid() const noexcept {
    return value_ <= 999 && first_digit() >= 2 && first_digit() <= 5 && second_digit() <= 5;
  }

  [[nodiscard]] constexpr smtpreply::reply_class reply_class() const noexcept {
    const int d = first_digit();
    return (value_ <= 999 && d >= 2 && d <= 5) ? static_cast<smtpreply::reply_class>(d)
                                               : smtpreply::reply_class::unknown;
  }
  [[nodiscard]] constexpr reply_category category() const noexcept {
    const int d = second_digit();
    return (value_ <= 999 && d <= 5) ? static_cast<reply_category>(d) : reply_category::unknown;
  }

  /// 2yz or 3yz.
  [[nodiscard]] constexpr bool is_positive() const noexcept {
    return is_positive_completion() || is_positive_intermediate();
  }
  [[nodiscard]] constexpr bool is_positive_completion() const noexcept {
    return reply_class() == smtpreply::reply_class::positive_completion;
  }
  [[nodiscard]] constexpr bool is_positive_intermediate() const noexcept {
    return reply_class() == smtpreply::reply_class::positive_intermediate;
  }
  /// 4yz or 5yz.
  [[nodiscard]] constexpr bool is_negative() const noexcept { return is_transient() || is_permanent(); }
  /// 4yz: retrying the same request later may succeed.
  [[nodiscard]] constexpr bool is_transient() const noexcept {
    return reply_class() == smtpreply::reply_class::transient_negative;
  }
  /// 5yz: do not repeat the same request unchanged.
  [[nodiscard]] constexpr bool is_permanent() const noexcept {
    return reply_class() == smtpreply::reply_class::permanent_negative;
  }

  friend constexpr bool operator==(reply_code a, reply_code b) noexcept { return a.value_ == b.value_; }
  friend constexpr bool operator!=(reply_code a, reply_code b) noexcept { return a.value_ != b.value_; }
  friend constexpr bool operator<(reply_code a, reply_code b) noexcept { return a.value_ < b.value_; }

 private:
  std::uint16_t value_ = 0;
};

/// Result of parse_code(). `offset` is where the first bad byte is.
struct code_result {
  reply_code code{};
  errc error = errc::ok;
  std::size_t offset = 0;
  constexpr explicit operator bool() const noexcept { return error == errc::ok; }
};

/**
 * Parses exactly three ASCII digits in the RFC 5321 range. Rejects signs,
 * spaces, underscores and any other length (`+25`, `2_5`, ` 25`, `2500`).
 * With `allow_out_of_range`, codes outside the range are accepted (`123`,
 * `660`) as the `code_out_of_range` leniency accepts them; a first digit 0 is
 * never a reply code (`012` fails either way, as in the parser).
 * constexpr, noexcept, no allocation.
 */
[[nodiscard]] constexpr code_result parse_code(std::string_view s, bool allow_out_of_range = false) noexcept {
  for (std::size_t i = 0; i < 3; ++i) {
    if (i >= s.size() || !detail::is_digit(s[i])) return {reply_code{}, errc::invalid_code, i};
  }
  if (s.size() != 3) return {reply_code{}, errc::invalid_code, 3};
  const reply_code code{static_cast<std::uint16_t>((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'))};
  if ((!allow_out_of_range && !code.is_valid()) || code.first_digit() == 0) {
    return {code, errc::code_out_of_range, code.first_digit() < 2 || code.first_digit() > 5 ? 0u : 1u};
  }
  return {code, errc::ok, 0};
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_CODE_HPP
