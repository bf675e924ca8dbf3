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
#include "enum_info.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/**
 * Why a parse failed. The numbers are stable: a value is never renumbered or
 * reused, and new values get new numbers. A deviation that a leniency can
 * tolerate fails under the leniency's own name (`bare_lf`, `mixed_codes`...).
 */
enum class errc : std::uint8_t {
  ok = 0,
  invalid_code = 1,
  code_out_of_range = 2,
  invalid_separator = 3,
  bare_lf = 4,
  control_character = 5,
  invalid_utf8 = 6,
  empty_line = 7,
  mixed_codes = 8,
  line_too_long = 9,
  reply_too_long = 10,
  too_many_lines = 11,
  incomplete = 12,
  buffer_mismatch = 13,
  invalid_enhanced_code = 14,
};

/// Every error: its stable identifier (JSON output, Python's
/// `ParseError.reason`) and its message for people.
inline constexpr enum_info<errc> errc_table[] = {
    {errc::ok, "ok", "no error", ""},
    {errc::invalid_code, "invalid_code", "a reply line does not start with a three-digit code", "RFC 5321 section 4.2"},
    {errc::code_out_of_range, "code_out_of_range", "reply code outside RFC 5321 range (first digit 2-5, second 0-5)",
     "RFC 5321 section 4.2"},
    {errc::invalid_separator, "invalid_separator",
     "the code is followed by something other than a space, '-' or the line end", "RFC 5321 section 4.2"},
    {errc::bare_lf, "bare_lf", "a line ends in LF without CR (RFC 5321 section 2.3.8)", "RFC 5321 section 2.3.8"},
    {errc::control_character, "control_character", "a control character (NUL, DEL, lone CR, ...) appears in reply text",
     "RFC 5321 section 4.1.1"},
    {errc::invalid_utf8, "invalid_utf8", "reply text contains 8-bit bytes that are not valid UTF-8",
     "RFC 6531 section 3.7.4"},
    {errc::empty_line, "empty_line", "an empty line where a reply line was expected", "RFC 5321 section 4.2"},
    {errc::mixed_codes, "mixed_codes", "the lines of a multi-line reply carry different codes (RFC 5321 section 4.2.1)",
     "RFC 5321 section 4.2.1"},
    {errc::line_too_long, "line_too_long", "a reply line exceeds the configured line limit",
     "RFC 5321 section 4.5.3.1.5"},
    {errc::reply_too_long, "reply_too_long", "a reply exceeds the configured reply size limit", ""},
    {errc::too_many_lines, "too_many_lines", "a reply exceeds the configured number of lines", ""},
    {errc::incomplete, "incomplete", "the input ended inside a reply", ""},
    {errc::buffer_mismatch, "buffer_mismatch", "feed() was given fewer bytes than it had already examined", ""},
    {errc::invalid_enhanced_code, "invalid_enhanced_code",
     "not a valid enhanced status code (RFC 3463: class.subject.detail)", "RFC 3463 section 2"},
};
static_assert(detail::dense(errc_table) && detail::good_names(errc_table), "errc_table: row i is errc i");

/// The stable identifier of an error, e.g. "bare_lf".
[[nodiscard]] constexpr std::string_view name(errc e) noexcept { return detail::name_in(errc_table, e, "unknown"); }

/// A sentence for people, e.g. "a line ends in LF without CR".
[[nodiscard]] constexpr std::string_view message(errc e) noexcept {
  return detail::text_in(errc_table, e, "unknown error");
}

namespace detail {
// Virtual functions, not RTTI: works with -fno-rtti. The std::string returned
// by message() is the only allocation in the library, and only when asked.
class error_category_impl final : public std::error_category {
 public:
  const char* name() const noexcept override { return "smtpreply"; }
  std::string message(int ev) const override { return std::string(smtpreply::message(static_cast<errc>(ev))); }
};
}  // namespace detail

/// The category of smtpreply's std::error_code values (one per program).
inline const std::error_category& error_category() noexcept {
  static const detail::error_category_impl instance;
  return instance;
}

inline std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

}  // namespace smtpreply

namespace std {
template <>
struct is_error_code_enum<smtpreply::errc> : true_type {};
}  // namespace std

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_ERROR_HPP
