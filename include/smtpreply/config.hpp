// smtpreply: compiler feature switches shared by every header.
#ifndef SMTPREPLY_CONFIG_HPP
#define SMTPREPLY_CONFIG_HPP

// Lets a constexpr function pick a fast run-time path (memchr, SIMD) and a
// plain loop during constant evaluation. GCC >= 9 and clang >= 9 offer the
// builtin in C++17 mode; without it we always take the plain loop.
#if defined(__has_builtin)
#if __has_builtin(__builtin_is_constant_evaluated)
#define SMTPREPLY_HAS_IS_CONSTANT_EVALUATED 1
#endif
#endif
#if !defined(SMTPREPLY_HAS_IS_CONSTANT_EVALUATED) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 9
#define SMTPREPLY_HAS_IS_CONSTANT_EVALUATED 1
#endif

namespace smtpreply {
namespace detail {

constexpr bool is_constant_evaluated() noexcept {
#if defined(SMTPREPLY_HAS_IS_CONSTANT_EVALUATED)
  return __builtin_is_constant_evaluated();
#else
  return true;  // no way to tell: always use the constexpr-safe path
#endif
}

}  // namespace detail
}  // namespace smtpreply

#endif  // SMTPREPLY_CONFIG_HPP
