// smtpreply: the hot loops. Each has a plain constexpr path and a faster
// run-time path; both must agree on every input (the fuzzers check it).
#ifndef SMTPREPLY_DETAIL_SCAN_HPP
#define SMTPREPLY_DETAIL_SCAN_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "../config.hpp"

namespace smtpreply {
namespace detail {

/// Printable US-ASCII (RFC 5321 textstring without HT): 0x20-0x7E.
constexpr bool is_plain_text(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x20 && u <= 0x7e;
}

/// First position in [p, end) whose byte is not printable ASCII; `end` if none.
constexpr std::size_t skip_plain_text_scalar(const char* d, std::size_t p, std::size_t end) noexcept {
  while (p < end && is_plain_text(d[p])) ++p;
  return p;
}

/// Same as skip_plain_text_scalar, eight bytes at a time at run time (SWAR).
constexpr std::size_t skip_plain_text(const char* d, std::size_t p, std::size_t end) noexcept {
  if (!is_constant_evaluated()) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    while (end - p >= 8) {
      std::uint64_t x = 0;
      std::memcpy(&x, d + p, 8);
      // A byte below 0x20 borrows into its high bit; a byte of 0x7F or more
      // has or gets its high bit when 1 is added. Exact for "any byte".
      const std::uint64_t below = (x - 0x20 * ones) & ~x & highs;
      const std::uint64_t above = ((x + ones) | x) & highs;
      if ((below | above) != 0) break;
      p += 8;
    }
  }
  return skip_plain_text_scalar(d, p, end);
}

/// Position of the first LF in [p, end), or `end`.
constexpr std::size_t find_lf(const char* d, std::size_t p, std::size_t end) noexcept {
  if (!is_constant_evaluated()) {
    if (p >= end) return end;
    const void* hit = std::memchr(d + p, '\n', end - p);
    return hit == nullptr ? end : static_cast<std::size_t>(static_cast<const char*>(hit) - d);
  }
  while (p < end && d[p] != '\n') ++p;
  return p;
}

}  // namespace detail
}  // namespace smtpreply

#endif  // SMTPREPLY_DETAIL_SCAN_HPP
