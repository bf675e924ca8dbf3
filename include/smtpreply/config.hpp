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

// Strict consumer flags. The headers compile without a warning under g++
// -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
// -Wold-style-cast -Wswitch-enum -Wswitch-default -Wundef and clang
// -Weverything (less the C++98-compat groups). What remains off is layout or
// style, not a defect: padding of the result structs, exhaustive enum
// switches without a default (g++ -Wswitch-default and clang
// -Wcovered-switch-default cannot both be met), the function-local error
// category's destructor and vtable, and raw pointer/index arithmetic
// (-Wunsafe-buffer-usage), copies of small result structs on return
// (-Wnrvo, clang 19+). Each header turns them off for its own text only
// (push/pop), never for the code that includes it.
#if defined(__clang__)
#if __has_warning("-Wswitch-default")
#define SMTPREPLY_IGNORE_SWITCH_DEFAULT_ _Pragma("clang diagnostic ignored \"-Wswitch-default\"")
#else
#define SMTPREPLY_IGNORE_SWITCH_DEFAULT_
#endif
#if __has_warning("-Wunsafe-buffer-usage")
#define SMTPREPLY_IGNORE_UNSAFE_BUFFER_ _Pragma("clang diagnostic ignored \"-Wunsafe-buffer-usage\"")
#else
#define SMTPREPLY_IGNORE_UNSAFE_BUFFER_
#endif
#if __has_warning("-Wnrvo")
#define SMTPREPLY_IGNORE_NRVO_ _Pragma("clang diagnostic ignored \"-Wnrvo\"")
#else
#define SMTPREPLY_IGNORE_NRVO_
#endif
#define SMTPREPLY_DIAGNOSTICS_PUSH                                                  \
  _Pragma("clang diagnostic push") _Pragma("clang diagnostic ignored \"-Wpadded\"") \
      _Pragma("clang diagnostic ignored \"-Wcovered-switch-default\"")              \
          _Pragma("clang diagnostic ignored \"-Wexit-time-destructors\"")           \
              _Pragma("clang diagnostic ignored \"-Wweak-vtables\"")                \
                  SMTPREPLY_IGNORE_SWITCH_DEFAULT_ SMTPREPLY_IGNORE_UNSAFE_BUFFER_ SMTPREPLY_IGNORE_NRVO_
#define SMTPREPLY_DIAGNOSTICS_POP _Pragma("clang diagnostic pop")
#elif defined(__GNUC__)
#define SMTPREPLY_DIAGNOSTICS_PUSH _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wswitch-default\"")
#define SMTPREPLY_DIAGNOSTICS_POP _Pragma("GCC diagnostic pop")
#else
#define SMTPREPLY_DIAGNOSTICS_PUSH
#define SMTPREPLY_DIAGNOSTICS_POP
#endif

// For a slow path the compiler must keep out of a hot loop.
#if defined(__GNUC__) || defined(__clang__)
#define SMTPREPLY_NEVER_INLINE __attribute__((noinline))
#else
#define SMTPREPLY_NEVER_INLINE
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
