// smtpreply: a complete reply, as views into the caller's buffer.
#ifndef SMTPREPLY_REPLY_HPP
#define SMTPREPLY_REPLY_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "code.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/no_temporary.hpp"
#include "detail/scan.hpp"
#include "enhanced.hpp"
#include "flags.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

namespace detail {
/// The text of one line: `raw` is the line without its LF. Drops the CR of
/// a CRLF, the code, and the separator (SP, '-' or TAB) when there is one.
constexpr std::string_view line_text(std::string_view raw) noexcept {
  if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  if (raw.size() <= 3) return raw.substr(raw.size());
  raw.remove_prefix(3);
  if (raw[0] == ' ' || raw[0] == '-' || raw[0] == '\t') raw.remove_prefix(1);
  return raw;
}
}  // namespace detail

/**
 * Iterates over the text of each line of a reply: the bytes after the code
 * and its separator, without CR/LF, enhanced code kept. It re-walks the
 * reply's raw bytes, so it needs no storage; empty lines that a lenient
 * parse skipped are skipped here too.
 */
class line_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = std::string_view;
  using difference_type = std::ptrdiff_t;
  using pointer = const std::string_view*;
  using reference = std::string_view;

  constexpr line_iterator() noexcept = default;
  constexpr line_iterator(std::string_view rest) noexcept : rest_(rest) { load(); }
  /// The texts would view a temporary that dies at the end of the expression.
  template <class T, detail::if_string_rvalue<T> = 0>
  line_iterator(T&&) = delete;

  constexpr std::string_view operator*() const noexcept { return text_; }
  constexpr line_iterator& operator++() noexcept {
    rest_.remove_prefix(next_);
    load();
    return *this;
  }
  constexpr line_iterator operator++(int) noexcept {
    line_iterator old = *this;
    ++*this;
    return old;
  }
  friend constexpr bool operator==(const line_iterator& a, const line_iterator& b) noexcept {
    return a.rest_.size() == b.rest_.size();
  }
  friend constexpr bool operator!=(const line_iterator& a, const line_iterator& b) noexcept { return !(a == b); }

 private:
  constexpr void load() noexcept {
    for (;;) {
      if (rest_.empty()) {
        next_ = 0;
        text_ = {};
        return;
      }
      const std::size_t lf = detail::find_lf(rest_.data(), 0, rest_.size());
      next_ = lf < rest_.size() ? lf + 1 : lf;
      std::string_view raw = rest_.substr(0, lf);
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      if (!raw.empty()) {
        text_ = detail::line_text(rest_.substr(0, lf));
        return;
      }
      rest_.remove_prefix(next_);  // an empty line a lenient parse skipped
    }
  }

  std::string_view rest_{};
  std::string_view text_{};
  std::size_t next_ = 0;
};

/// A range over the lines' texts, for range-for.
class line_range {
 public:
  constexpr explicit line_range(std::string_view raw) noexcept : raw_(raw) {}
  /// The texts would view a temporary that dies at the end of the expression.
  template <class T, detail::if_string_rvalue<T> = 0>
  explicit line_range(T&&) = delete;
  [[nodiscard]] constexpr line_iterator begin() const noexcept { return line_iterator{raw_}; }
  [[nodiscard]] constexpr line_iterator end() const noexcept { return line_iterator{raw_.substr(raw_.size())}; }

 private:
  std::string_view raw_;
};

/**
 * One complete reply. Every view points into the buffer given to the
 * parser and lives as long as those bytes stay where they are.
 *
 *     raw():  "250-mx.example.com Hello\r\n250-SIZE 1000\r\n250 2.0.0 OK\r\n"
 *     lines(): "mx.example.com Hello", "SIZE 1000", "2.0.0 OK"
 *     code(): 250, enhanced(): 2.0.0 (from the first line only when valid)
 */
class reply {
 public:
  constexpr reply() noexcept = default;
  constexpr reply(std::string_view raw, reply_code code, enhanced_code enhanced, std::uint32_t line_count,
                  flag_set flags, text_encoding encoding) noexcept
      : raw_(raw), code_(code), enhanced_(enhanced), line_count_(line_count), flags_(flags), encoding_(encoding) {}
  /// raw() and lines() would view a temporary that dies at the end of the expression.
  template <class T, detail::if_string_rvalue<T> = 0>
  reply(T&&, reply_code, enhanced_code, std::uint32_t, flag_set, text_encoding) = delete;

  /// All bytes of the reply, codes and line ends included, from its first
  /// code digit to its last LF: empty lines a lenient parse skipped between
  /// its lines are in it (not those before it, which only `consumed` counts).
  [[nodiscard]] constexpr std::string_view raw() const noexcept { return raw_; }
  /// The reply code (with mixed codes allowed: the last line's).
  [[nodiscard]] constexpr reply_code code() const noexcept { return code_; }
  /// The enhanced code of the line whose code wins (the first line; with
  /// mixed codes allowed, the first line of the last run of equal codes)
  /// when well-formed and of the code's class;
  /// empty otherwise (the flags say why).
  [[nodiscard]] constexpr enhanced_code enhanced() const noexcept { return enhanced_; }
  [[nodiscard]] constexpr bool has_enhanced() const noexcept { return !enhanced_.empty(); }
  /// Lines with a code (empty lines a lenient parse skipped do not count).
  [[nodiscard]] constexpr std::uint32_t line_count() const noexcept { return line_count_; }
  [[nodiscard]] constexpr bool is_multiline() const noexcept { return line_count_ > 1; }
  [[nodiscard]] constexpr flag_set flags() const noexcept { return flags_; }
  [[nodiscard]] constexpr text_encoding encoding() const noexcept { return encoding_; }
  /// The text of every line, in order.
  [[nodiscard]] constexpr line_range lines() const noexcept { return line_range{raw_}; }
  /// The first line's text.
  [[nodiscard]] constexpr std::string_view first_line() const noexcept { return *lines().begin(); }

  [[nodiscard]] constexpr smtpreply::reply_class reply_class() const noexcept { return code_.reply_class(); }
  [[nodiscard]] constexpr reply_category category() const noexcept { return code_.category(); }
  [[nodiscard]] constexpr bool is_positive() const noexcept { return code_.is_positive(); }
  [[nodiscard]] constexpr bool is_transient() const noexcept { return code_.is_transient(); }
  [[nodiscard]] constexpr bool is_permanent() const noexcept { return code_.is_permanent(); }

 private:
  std::string_view raw_{};
  reply_code code_{};
  enhanced_code enhanced_{};
  std::uint32_t line_count_ = 0;
  flag_set flags_{};
  text_encoding encoding_ = text_encoding::ascii;
};

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_REPLY_HPP
