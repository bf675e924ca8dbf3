// smtpreply: the ASCII helpers every header shares (RFC 5321 is ASCII and
// compares keywords, verbs and names without regard to case).
#ifndef SMTPREPLY_DETAIL_ASCII_HPP
#define SMTPREPLY_DETAIL_ASCII_HPP

#include <cstddef>
#include <string_view>

#include "../config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

namespace detail {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr char ascii_upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

/// ASCII case-insensitive equality.
constexpr bool iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_upper(a[i]) != ascii_upper(b[i])) return false;
  }
  return true;
}

}  // namespace detail

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_DETAIL_ASCII_HPP
