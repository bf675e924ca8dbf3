// smtpreply: the walk over the lines of a complete reply that the EHLO view
// and the line iterator share.
#ifndef SMTPREPLY_DETAIL_LINES_HPP
#define SMTPREPLY_DETAIL_LINES_HPP

#include <cstddef>
#include <string_view>

#include "../config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "../reply.hpp"
#include "scan.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

namespace detail {

/// One line of the reply: where it starts, where the next one starts, and its
/// text (after code and separator, without CR/LF).
struct raw_line {
  std::size_t start = 0;
  std::size_t next = 0;
  std::string_view text{};
};

/// Reads the line at `pos`, skipping empty lines a lenient parse let through.
constexpr bool read_line(std::string_view raw, std::size_t pos, raw_line& out) noexcept {
  while (pos < raw.size()) {
    const std::size_t lf = find_lf(raw.data(), pos, raw.size());
    const std::size_t next = lf < raw.size() ? lf + 1 : lf;
    std::string_view line = raw.substr(pos, lf - pos);
    std::string_view bare = line;
    if (!bare.empty() && bare.back() == '\r') bare.remove_suffix(1);
    if (!bare.empty()) {
      out = raw_line{pos, next, line_text(line)};
      return true;
    }
    pos = next;
  }
  return false;
}

}  // namespace detail

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_DETAIL_LINES_HPP
