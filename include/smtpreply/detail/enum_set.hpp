// smtpreply: a set of enum values as a 32-bit mask, for the typed sets of
// the EHLO view (keywords, AUTH mechanisms, flags).
#ifndef SMTPREPLY_DETAIL_ENUM_SET_HPP
#define SMTPREPLY_DETAIL_ENUM_SET_HPP

#include <cstdint>

#include "../config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {
namespace detail {

/// `BitOf` maps a value to its bit (0 for a value that is never a member);
/// `Mask` keeps a set built from raw bits to the bits members can have.
template <class E, std::uint32_t (*BitOf)(E) noexcept, std::uint32_t Mask = 0xffffffffu>
class enum_set {
 public:
  constexpr enum_set() noexcept = default;
  constexpr explicit enum_set(std::uint32_t bits) noexcept : bits_(bits & Mask) {}
  [[nodiscard]] constexpr std::uint32_t bits() const noexcept { return bits_; }
  [[nodiscard]] constexpr bool has(E e) const noexcept { return (bits_ & BitOf(e)) != 0; }
  [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
  constexpr void add(E e) noexcept { bits_ |= BitOf(e) & Mask; }
  constexpr void remove(E e) noexcept { bits_ &= ~BitOf(e); }
  friend constexpr bool operator==(enum_set a, enum_set b) noexcept { return a.bits_ == b.bits_; }
  friend constexpr bool operator!=(enum_set a, enum_set b) noexcept { return a.bits_ != b.bits_; }

 private:
  std::uint32_t bits_ = 0;
};

}  // namespace detail
}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_DETAIL_ENUM_SET_HPP
