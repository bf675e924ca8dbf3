// smtpreply: parse options. Strict RFC 5321 by default; each leniency is a
// named bit, each limit a number, all per parser (nothing global).
#ifndef SMTPREPLY_OPTIONS_HPP
#define SMTPREPLY_OPTIONS_HPP

#include <cstdint>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/**
 * One bit per tolerated deviation from RFC 5321. Each bit has the same value
 * as the `flag` that reports it, so `reply.flags()` shows what was used.
 */
enum class leniency : std::uint32_t {
  none = 0,
  /// LF alone ends a line. Postfix, Exim and OpenSMTPD accept it; RFC 5321
  /// section 2.3.8 forbids it. Risk: a lone LF inside text splits the line.
  bare_lf = 1u << 0,
  /// TAB after the code (taken as the space), or text glued to the code
  /// ("250OK"). Seen from embedded servers; the line is treated as the last.
  separator = 1u << 1,
  /// Any three digits as a code (`123`, `660`, `000`): FTP-minded or broken
  /// servers. RFC 5321 section 4.2 says such codes should end the session.
  code_range = 1u << 2,
  /// Lines of one reply with different codes (`220-` banner then `521`, as
  /// postscreen-style gateways send). The reply takes the last line's code.
  mixed_codes = 1u << 3,
  /// Empty lines between or inside replies are skipped, not errors.
  empty_lines = 1u << 4,
  /// 8-bit text that is not UTF-8 (GBK, GB2312, Latin-1 from QQ Mail and
  /// others) is kept as bytes.
  eight_bit = 1u << 5,
  /// NUL, DEL, a lone CR and other control bytes in text are kept.
  control_chars = 1u << 6,
  all = (1u << 7) - 1,
};

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
