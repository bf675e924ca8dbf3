// smtpreply: the one metadata table every enum of the library has. Each enum
// is listed once, as rows {value, name, text, source}; `name()`, the lists of
// values, bit masks and the Python enums are all read from that table, and
// static_asserts next to each table check its order and count.
#ifndef SMTPREPLY_ENUM_INFO_HPP
#define SMTPREPLY_ENUM_INFO_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// One value of an enum: its stable snake_case id, a sentence for people and
/// where the fact comes from (an RFC section, or empty when it is ours).
template <class E>
struct enum_info {
  E value;
  std::string_view name;
  std::string_view text;
  std::string_view source;
};

namespace detail {

template <class E>
constexpr auto raw(E e) noexcept {
  return static_cast<std::underlying_type_t<E>>(e);
}

/// Row i holds the value i (enums numbered 0, 1, 2, ...).
template <class E, std::size_t N>
constexpr bool dense(const enum_info<E> (&table)[N]) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(raw(table[i].value)) != i) return false;
  }
  return true;
}

/// Strictly increasing values (sparse enums such as reply_class).
template <class E, std::size_t N>
constexpr bool increasing(const enum_info<E> (&table)[N]) noexcept {
  for (std::size_t i = 1; i < N; ++i) {
    if (!(raw(table[i - 1].value) < raw(table[i].value))) return false;
  }
  return true;
}

/// Each value one bit, in increasing order (flag enums).
template <class E, std::size_t N>
constexpr bool single_bits(const enum_info<E> (&table)[N]) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    const auto v = static_cast<std::uint64_t>(raw(table[i].value));
    if (v == 0 || (v & (v - 1)) != 0) return false;
  }
  return increasing(table);
}

/// Every name distinct, lower-case ASCII letters, digits and '_'.
template <class E, std::size_t N>
constexpr bool good_names(const enum_info<E> (&table)[N]) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].name.empty()) return false;
    for (const char c : table[i].name) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (table[j].name == table[i].name) return false;
    }
  }
  return true;
}

/// The bits of every value (flag enums).
template <class E, std::size_t N>
constexpr std::uint32_t mask_of(const enum_info<E> (&table)[N]) noexcept {
  std::uint32_t m = 0;
  for (const enum_info<E>& row : table) m |= static_cast<std::uint32_t>(raw(row.value));
  return m;
}

/// The values in table order.
template <class E, std::size_t N>
constexpr std::array<E, N> values_of(const enum_info<E> (&table)[N]) noexcept {
  std::array<E, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = table[i].value;
  return out;
}

/// The values of every row but the first (the "unknown"/"none" row).
template <class E, std::size_t N>
constexpr std::array<E, N - 1> values_after_first(const enum_info<E> (&table)[N]) noexcept {
  std::array<E, N - 1> out{};
  for (std::size_t i = 1; i < N; ++i) out[i - 1] = table[i].value;
  return out;
}

/// A bit per row but the first, bit i for row i (dense enums as sets).
template <class E, std::size_t N>
constexpr std::uint32_t row_bits(const enum_info<E> (&)[N]) noexcept {
  std::uint32_t m = 0;
  for (std::size_t i = 1; i < N && i < 32; ++i) m |= 1u << i;
  return m;
}

/// The row of `e`, or N.
template <class E, std::size_t N>
constexpr std::size_t row_of(const enum_info<E> (&table)[N], E e) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].value == e) return i;
  }
  return N;
}

template <class E, std::size_t N>
constexpr std::string_view name_in(const enum_info<E> (&table)[N], E e, std::string_view fallback) noexcept {
  const std::size_t i = row_of(table, e);
  return i < N ? table[i].name : fallback;
}

template <class E, std::size_t N>
constexpr std::string_view text_in(const enum_info<E> (&table)[N], E e, std::string_view fallback) noexcept {
  const std::size_t i = row_of(table, e);
  return i < N ? table[i].text : fallback;
}

/// The value named `id`, or `fallback`.
template <class E, std::size_t N>
constexpr E value_named(const enum_info<E> (&table)[N], std::string_view id, E fallback) noexcept {
  for (const enum_info<E>& row : table) {
    if (row.name == id) return row.value;
  }
  return fallback;
}

}  // namespace detail
}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_ENUM_INFO_HPP
