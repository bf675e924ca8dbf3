// smtpreply: parse options. Strict RFC 5321 by default; each leniency is a
// named bit, each limit a number, all per parser (nothing global).
#ifndef SMTPREPLY_OPTIONS_HPP
#define SMTPREPLY_OPTIONS_HPP

#include <cstdint>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "enum_info.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/**
 * One bit per tolerated deviation from RFC 5321. The deviation has one name
 * everywhere: its leniency, the `flag` that reports it (same bit) and the
 * `errc` a strict parse fails with. `leniency_table` says why each exists.
 */
enum class leniency : std::uint32_t {
  none = 0,
  bare_lf = 1u << 0,
  invalid_separator = 1u << 1,
  code_out_of_range = 1u << 2,
  mixed_codes = 1u << 3,
  empty_line = 1u << 4,
  invalid_utf8 = 1u << 5,
  control_character = 1u << 6,
  all = (1u << 7) - 1,
};

/// The leniencies (not `none`/`all`): what each tolerates, and the real
/// servers that make it necessary.
inline constexpr enum_info<leniency> leniency_table[] = {
    {leniency::bare_lf, "bare_lf", "LF alone ends a line. Risk: a lone LF inside text splits the line.",
     "RFC 5321 section 2.3.8 forbids it; Postfix, Exim and OpenSMTPD accept it"},
    {leniency::invalid_separator, "invalid_separator",
     "A TAB after the code (taken as the space), or text glued to the code (250OK); the line counts as the last.",
     "RFC 5321 section 4.2; sent by embedded servers"},
    {leniency::code_out_of_range, "code_out_of_range",
     "A code whose first digit is 1-9 or whose second digit is 6-9 (123, 660); a first digit 0 is never a reply.",
     "RFC 5321 section 4.2 says such codes should end the session; FTP-minded or broken servers send them"},
    {leniency::mixed_codes, "mixed_codes",
     "Lines of one reply with different codes; the reply takes the last line's code, and the enhanced code of the "
     "first line of the last run of that code.",
     "RFC 5321 section 4.2.1; postscreen-style gateways send a 220- banner then 521"},
    {leniency::empty_line, "empty_line", "Empty lines between or inside replies are skipped.",
     "RFC 5321 section 4.2; broken proxies and checkers"},
    {leniency::invalid_utf8, "invalid_utf8", "8-bit text that is not UTF-8 (GBK, GB2312, Latin-1) is kept as bytes.",
     "RFC 6531 section 3.7.4; QQ Mail's GBK 535, GB2312 550s"},
    {leniency::control_character, "control_character", "NUL, DEL, a lone CR and other control bytes in text are kept.",
     "RFC 5321 section 4.1.1; QQ Mail answers QUIT with NUL bytes"},
};
static_assert(detail::single_bits(leniency_table) && detail::good_names(leniency_table), "leniency_table order");
static_assert(detail::mask_of(leniency_table) == static_cast<std::uint32_t>(leniency::all),
              "leniency::all must be every row of leniency_table");

/// The stable identifier of one leniency bit, e.g. "bare_lf".
[[nodiscard]] constexpr std::string_view name(leniency l) noexcept {
  if (l == leniency::none) return "none";
  if (l == leniency::all) return "all";
  return detail::name_in(leniency_table, l, "unknown");
}

constexpr leniency operator|(leniency a, leniency b) noexcept {
  return static_cast<leniency>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr leniency operator&(leniency a, leniency b) noexcept {
  return static_cast<leniency>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
constexpr leniency operator~(leniency a) noexcept {
  return static_cast<leniency>(~static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(leniency::all));
}
/// True when every bit of `bit` is set in `set`.
constexpr bool has(leniency set, leniency bit) noexcept { return (set & bit) == bit; }

/**
 * Size limits. A line's count includes its code and its CRLF; a reply's
 * count includes every line and any empty lines skipped before it. Going
 * over a limit is an error (`line_too_long`, `reply_too_long`,
 * `too_many_lines`) reported at the first byte beyond it: never unbounded work.
 */
struct limits {
  /// RFC 5321 section 4.5.3.1.5 says 512, but asks receivers to avoid fixed
  /// limits and real servers exceed it (Exim echoes 700+ octets); Postfix
  /// uses 2048. Lines over 512 are reported with `flag::long_line`.
  std::uint32_t max_line_octets = 2048;
  /// For `334` lines: SASL challenges may be far longer (RFC 4954 section 4
  /// names 12288 octets).
  std::uint32_t max_auth_line_octets = 12288;
  std::uint32_t max_reply_octets = 65536;
  std::uint32_t max_reply_lines = 1024;

  /// The exact RFC 5321 line limit (512), other limits as default.
  static constexpr limits rfc() noexcept {
    limits l{};
    l.max_line_octets = 512;
    return l;
  }
};

/// Options of one parser. Default: strict RFC 5321, practical limits.
struct parse_options {
  leniency lenient = leniency::none;
  limits limit{};

  /// Every leniency on: accept what Postfix and Exim accept, and report it.
  static constexpr parse_options lenient_all() noexcept { return {leniency::all, limits{}}; }
};

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_OPTIONS_HPP
