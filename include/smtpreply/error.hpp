// smtpreply: error numbers, their stable names and messages, and
// std::error_code integration.
#ifndef SMTPREPLY_ERROR_HPP
#define SMTPREPLY_ERROR_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/**
 * Why a parse failed. The numbers are stable: a value is never renumbered or
 * reused, and new values get new numbers. `name()` gives the stable
 * identifier used in JSON output and in Python's `ParseError.reason`.
 */
enum class errc : std::uint8_t {
  ok = 0,
  invalid_code = 1,           ///< a line does not start with three ASCII digits
  code_out_of_range = 2,      ///< three digits, but not first 2-5, second 0-5
  invalid_separator = 3,      ///< the byte after the code is not SP, '-' or the line end
  bare_lf = 4,                ///< a line ends in LF without CR
  control_character = 5,      ///< NUL, DEL, a lone CR or another control byte in text
  invalid_utf8 = 6,           ///< an 8-bit byte that is not part of valid UTF-8
  empty_line = 7,             ///< an empty line where a reply line was expected
  code_mismatch = 8,          ///< the lines of one reply carry different codes
  line_too_long = 9,          ///< a line exceeds the line limit
  reply_too_long = 10,        ///< a reply exceeds the reply octet limit
  too_many_lines = 11,        ///< a reply exceeds the line-count limit
  incomplete = 12,            ///< the input ended inside a reply
  buffer_mismatch = 13,       ///< feed() got fewer bytes than it had already seen
  invalid_enhanced_code = 14, ///< not a valid RFC 3463 enhanced status code
};

/// The stable identifier of an error, e.g. "bare_lf".
[[nodiscard]] constexpr std::string_view name(errc e) noexcept {
  switch (e) {
    case errc::ok: return "ok";
    case errc::invalid_code: return "invalid_code";
    case errc::code_out_of_range: return "code_out_of_range";
    case errc::invalid_separator: return "invalid_separator";
    case errc::bare_lf: return "bare_lf";
    case errc::control_character: return "control_character";
    case errc::invalid_utf8: return "invalid_utf8";
    case errc::empty_line: return "empty_line";
    case errc::code_mismatch: return "code_mismatch";
    case errc::line_too_long: return "line_too_long";
    case errc::reply_too_long: return "reply_too_long";
    case errc::too_many_lines: return "too_many_lines";
    case errc::incomplete: return "incomplete";
    case errc::buffer_mismatch: return "buffer_mismatch";
    case errc::invalid_enhanced_code: return "invalid_enhanced_code";
  }
  return "unknown";
}

/// A sentence for people, e.g. "a line ends in LF without CR".
[[nodiscard]] constexpr std::string_view message(errc e) noexcept {
  switch (e) {
    case errc::ok: return "no error";
    case errc::invalid_code: return "a reply line does not start with a three-digit code";
    case errc::code_out_of_range:
      return "reply code outside RFC 5321 range (first digit 2-5, second 0-5)";
    case errc::invalid_separator:
      return "the code is followed by something other than a space, '-' or the line end";
    case errc::bare_lf: return "a line ends in LF without CR (RFC 5321 section 2.3.8)";
    case errc::control_character:
      return "a control character (NUL, DEL, lone CR, ...) appears in reply text";
    case errc::invalid_utf8: return "reply text contains 8-bit bytes that are not valid UTF-8";
    case errc::empty_line: return "an empty line where a reply line was expected";
    case errc::code_mismatch:
      return "the lines of a multi-line reply carry different codes (RFC 5321 section 4.2.1)";
    case errc::line_too_long: return "a reply line exceeds the configured line limit";
    case errc::reply_too_long: return "a reply exceeds the configured reply size limit";
    case errc::too_many_lines: return "a reply exceeds the configured number of lines";
    case errc::incomplete: return "the input ended inside a reply";
    case errc::buffer_mismatch:
      return "feed() was given fewer bytes than it had already examined";
    case errc::invalid_enhanced_code:
      return "not a valid enhanced status code (RFC 3463: class.subject.detail)";
  }
  return "unknown error";
}

namespace detail {
// Virtual functions, not RTTI: works with -fno-rtti. The std::string returned
// by message() is the only allocation in the library, and only when asked.
class error_category_impl final : public std::error_category {
 public:
  const char* name() const noexcept override { return "smtpreply"; }
  std::string message(int ev) const override {
    return std::string(smtpreply::message(static_cast<errc>(ev)));
  }
};
}  // namespace detail

/// The category of smtpreply's std::error_code values (one per program).
inline const std::error_category& error_category() noexcept {
  static const detail::error_category_impl instance;
  return instance;
}

inline std::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), error_category()};
}

}  // namespace smtpreply

namespace std {
template <>
struct is_error_code_enum<smtpreply::errc> : true_type {};
}  // namespace std

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_ERROR_HPP
