// smtpreply: what a parse noticed about a reply. Bits 0-6 are deviations a
// leniency tolerated (a strict parse rejects them); the others are facts
// that never make a parse fail.
#ifndef SMTPREPLY_FLAGS_HPP
#define SMTPREPLY_FLAGS_HPP

#include <array>
#include <cstdint>
#include <string_view>

#include "options.hpp"

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

enum class flag : std::uint32_t {
  // Tolerated deviations: the same bit as the leniency that allows each.
  bare_lf = 1u << 0,                ///< a line ended in LF alone
  nonstandard_separator = 1u << 1,  ///< TAB or text right after the code
  code_out_of_range = 1u << 2,      ///< a code outside 2-5 / 0-5
  mixed_codes = 1u << 3,            ///< lines carried different codes
  empty_line = 1u << 4,             ///< empty lines were skipped
  invalid_utf8 = 1u << 5,           ///< 8-bit text that is not UTF-8
  control_chars = 1u << 6,          ///< NUL, DEL, lone CR or other control bytes
  // Facts (never errors).
  long_line = 1u << 8,              ///< a line over RFC 5321's 512 octets
  esc_malformed = 1u << 9,          ///< text starts like an enhanced code but breaks RFC 3463
  esc_hash_prefix = 1u << 10,       ///< "#5.1.0": an enhanced code behind '#'
  esc_class_mismatch = 1u << 11,    ///< enhanced class differs from the code's first digit
  esc_on_3xx = 1u << 12,            ///< an enhanced code on a 3yz reply (RFC 2034 forbids)
  esc_lines_disagree = 1u << 13,    ///< lines carry different enhanced codes
};

/// The bits that only a leniency lets through.
inline constexpr std::uint32_t tolerated_flags_mask = static_cast<std::uint32_t>(leniency::all);

/// Every flag, in bit order (for iteration and for tables in other languages).
inline constexpr std::array<flag, 13> all_flags = {
    flag::bare_lf,          flag::nonstandard_separator, flag::code_out_of_range, flag::mixed_codes,
    flag::empty_line,       flag::invalid_utf8,          flag::control_chars,     flag::long_line,
    flag::esc_malformed,    flag::esc_hash_prefix,       flag::esc_class_mismatch, flag::esc_on_3xx,
    flag::esc_lines_disagree};

/// The stable identifier of a flag, e.g. "bare_lf".
[[nodiscard]] constexpr std::string_view name(flag f) noexcept {
  switch (f) {
    case flag::bare_lf: return "bare_lf";
    case flag::nonstandard_separator: return "nonstandard_separator";
    case flag::code_out_of_range: return "code_out_of_range";
    case flag::mixed_codes: return "mixed_codes";
    case flag::empty_line: return "empty_line";
    case flag::invalid_utf8: return "invalid_utf8";
    case flag::control_chars: return "control_chars";
    case flag::long_line: return "long_line";
    case flag::esc_malformed: return "esc_malformed";
    case flag::esc_hash_prefix: return "esc_hash_prefix";
    case flag::esc_class_mismatch: return "esc_class_mismatch";
    case flag::esc_on_3xx: return "esc_on_3xx";
    case flag::esc_lines_disagree: return "esc_lines_disagree";
  }
  return "unknown";
}

/// A set of flags (a bitmask with names).
class flag_set {
 public:
  constexpr flag_set() noexcept = default;
  constexpr explicit flag_set(std::uint32_t bits) noexcept : bits_(bits) {}
  [[nodiscard]] constexpr std::uint32_t bits() const noexcept { return bits_; }
  [[nodiscard]] constexpr bool has(flag f) const noexcept { return (bits_ & static_cast<std::uint32_t>(f)) != 0; }
  [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
  /// Only the deviations a strict parse would have rejected.
  [[nodiscard]] constexpr flag_set tolerated() const noexcept { return flag_set{bits_ & tolerated_flags_mask}; }
  constexpr void add(flag f) noexcept { bits_ |= static_cast<std::uint32_t>(f); }
  friend constexpr bool operator==(flag_set a, flag_set b) noexcept { return a.bits_ == b.bits_; }
  friend constexpr bool operator!=(flag_set a, flag_set b) noexcept { return a.bits_ != b.bits_; }

 private:
  std::uint32_t bits_ = 0;
};

/// What the bytes of a reply's text are.
enum class text_encoding : std::uint8_t {
  ascii = 0,       ///< 7-bit only
  utf8 = 1,        ///< some 8-bit bytes, all valid UTF-8 (RFC 6531)
  other_8bit = 2,  ///< 8-bit bytes that are not UTF-8 (lenient parse only)
};

[[nodiscard]] constexpr std::string_view name(text_encoding e) noexcept {
  switch (e) {
    case text_encoding::ascii: return "ascii";
    case text_encoding::utf8: return "utf8";
    case text_encoding::other_8bit: return "other_8bit";
  }
  return "unknown";
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_FLAGS_HPP
