// smtpreply: sorted-table helpers shared by the catalog tables.
#ifndef SMTPREPLY_DETAIL_TABLE_HPP
#define SMTPREPLY_DETAIL_TABLE_HPP

#include <cstddef>

#include "../config.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

namespace detail {

// Strictly increasing keys: sorted and free of duplicates.
template <class T, std::size_t N, class KeyOf>
constexpr bool strictly_sorted(const T (&table)[N], KeyOf key_of) noexcept {
  for (std::size_t i = 1; i < N; ++i) {
    if (!(key_of(table[i - 1]) < key_of(table[i]))) return false;
  }
  return true;
}

// Binary search; returns N when absent. Internals work with indexes, not
// pointers: GCC rejects `&object != nullptr` in constant expressions under
// -fno-delete-null-pointer-checks, which -fsanitize=undefined implies.
template <class T, std::size_t N, class Key, class KeyOf>
constexpr std::size_t binary_index(const T (&table)[N], Key key, KeyOf key_of) noexcept {
  std::size_t lo = 0;
  std::size_t hi = N;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const Key k = key_of(table[mid]);
    if (k < key) {
      lo = mid + 1;
    } else if (key < k) {
      hi = mid;
    } else {
      return mid;
    }
  }
  return N;
}

template <class T, std::size_t N>
constexpr const T* entry_at(const T (&table)[N], std::size_t i) noexcept {
  if (i >= N) return nullptr;
  // Same pointer either way. The run-time branch keeps GCC 12 from folding a
  // lookup with a constant argument early and then warning (-Waddress) that
  // `find(reply_code{250}) != nullptr` compares a table's address with null.
  if (is_constant_evaluated()) return &table[i];
  return table + i;
}

}  // namespace detail

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_DETAIL_TABLE_HPP
