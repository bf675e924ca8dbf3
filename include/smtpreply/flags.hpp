// smtpreply: what a parse noticed about a reply. Bits 0-6 are deviations a
// leniency tolerated (a strict parse rejects them); the others are facts
// that never make a parse fail.
#ifndef SMTPREPLY_FLAGS_HPP
#define SMTPREPLY_FLAGS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/enum_set.hpp"
#include "enum_info.hpp"
#include "options.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

namespace detail {
constexpr std::uint32_t bit_of(leniency l) noexcept { return static_cast<std::uint32_t>(l); }
}  // namespace detail

enum class flag : std::uint32_t {
  // Tolerated deviations: the bit and the name of the leniency that allows each.
  bare_lf = detail::bit_of(leniency::bare_lf),
  invalid_separator = detail::bit_of(leniency::invalid_separator),
  code_out_of_range = detail::bit_of(leniency::code_out_of_range),
  mixed_codes = detail::bit_of(leniency::mixed_codes),
  empty_line = detail::bit_of(leniency::empty_line),
  invalid_utf8 = detail::bit_of(leniency::invalid_utf8),
  control_character = detail::bit_of(leniency::control_character),
  // Facts (never errors).
  long_line = 1u << 8,
  esc_malformed = 1u << 9,
  esc_hash_prefix = 1u << 10,
  esc_class_mismatch = 1u << 11,
  esc_on_3xx = 1u << 12,
  esc_lines_disagree = 1u << 13,
};

/// Every flag in bit order. The first rows are the deviations of
/// `leniency_table`, under the same names and bits.
inline constexpr enum_info<flag> flag_table[] = {
    {flag::bare_lf, "bare_lf", "a line ended in LF alone", "RFC 5321 section 2.3.8"},
    {flag::invalid_separator, "invalid_separator", "a TAB or text right after the code", "RFC 5321 section 4.2"},
    {flag::code_out_of_range, "code_out_of_range", "a code outside first digit 2-5, second 0-5",
     "RFC 5321 section 4.2"},
    {flag::mixed_codes, "mixed_codes", "the lines of one reply carried different codes", "RFC 5321 section 4.2.1"},
    {flag::empty_line, "empty_line", "empty lines were skipped", "RFC 5321 section 4.2"},
    {flag::invalid_utf8, "invalid_utf8", "8-bit text that is not UTF-8", "RFC 6531 section 3.7.4"},
    {flag::control_character, "control_character", "NUL, DEL, a lone CR or another control byte in text",
     "RFC 5321 section 4.1.1"},
    {flag::long_line, "long_line", "a line over RFC 5321's 512 octets", "RFC 5321 section 4.5.3.1.5"},
    {flag::esc_malformed, "esc_malformed", "the text starts like an enhanced code but breaks RFC 3463",
     "RFC 3463 section 2"},
    {flag::esc_hash_prefix, "esc_hash_prefix", "an enhanced code behind '#' (#5.1.0)", ""},
    {flag::esc_class_mismatch, "esc_class_mismatch", "the enhanced class differs from the code's first digit",
     "RFC 3463 section 2"},
    {flag::esc_on_3xx, "esc_on_3xx", "an enhanced code on a 3yz reply", "RFC 2034 section 4"},
    {flag::esc_lines_disagree, "esc_lines_disagree", "the lines carry different enhanced codes", "RFC 2034 section 4"},
};
static_assert(detail::single_bits(flag_table) && detail::good_names(flag_table), "flag_table order");

namespace detail {
// The deviation rows of `flags` are `leniencies`, bit for bit and name for
// name. (Tables as parameters, so that tests can show the check failing.)
template <std::size_t L, std::size_t F>
constexpr bool flags_match_leniencies(const enum_info<leniency> (&leniencies)[L],
                                      const enum_info<flag> (&flags)[F]) noexcept {
  if (L > F) return false;
  for (std::size_t i = 0; i < L; ++i) {
    if (bit_of(leniencies[i].value) != static_cast<std::uint32_t>(flags[i].value) ||
        leniencies[i].name != flags[i].name) {
      return false;
    }
  }
  return true;
}
}  // namespace detail
static_assert(detail::flags_match_leniencies(leniency_table, flag_table), "each deviation has one name and one bit");

/// The bits that only a leniency lets through.
inline constexpr std::uint32_t tolerated_flags_mask = static_cast<std::uint32_t>(leniency::all);

/// Every flag, in bit order.
inline constexpr auto all_flags = detail::values_of(flag_table);

/// Every bit a flag can have.
inline constexpr std::uint32_t all_flags_mask = detail::mask_of(flag_table);

/// The stable identifier of a flag, e.g. "bare_lf".
[[nodiscard]] constexpr std::string_view name(flag f) noexcept { return detail::name_in(flag_table, f, "unknown"); }

namespace detail {
constexpr std::uint32_t flag_bit(flag f) noexcept { return static_cast<std::uint32_t>(f); }
}  // namespace detail

/// A set of flags: the library's one bit-set type (detail::enum_set), plus
/// the deviations a strict parse would have rejected.
class flag_set : public detail::enum_set<flag, detail::flag_bit, all_flags_mask> {
 public:
  using enum_set::enum_set;
  constexpr flag_set(enum_set s) noexcept : enum_set(s) {}  // NOLINT(google-explicit-constructor)
  /// Only the deviations a strict parse would have rejected.
  [[nodiscard]] constexpr flag_set tolerated() const noexcept { return flag_set{bits() & tolerated_flags_mask}; }
};

/// What the bytes of a reply's text are.
enum class text_encoding : std::uint8_t {
  ascii = 0,       ///< 7-bit only
  utf8 = 1,        ///< some 8-bit bytes, all valid UTF-8 (RFC 6531)
  other_8bit = 2,  ///< 8-bit bytes that are not UTF-8 (lenient parse only)
};

inline constexpr enum_info<text_encoding> text_encoding_table[] = {
    {text_encoding::ascii, "ascii", "7-bit only", "RFC 5321 section 2.4"},
    {text_encoding::utf8, "utf8", "some 8-bit bytes, all valid UTF-8", "RFC 6531 section 3.7.4"},
    {text_encoding::other_8bit, "other_8bit", "8-bit bytes that are not UTF-8 (lenient parse only)", ""},
};
static_assert(detail::dense(text_encoding_table) && detail::good_names(text_encoding_table), "table order");

[[nodiscard]] constexpr std::string_view name(text_encoding e) noexcept {
  return detail::name_in(text_encoding_table, e, "unknown");
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_FLAGS_HPP
