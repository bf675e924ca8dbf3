// smtpreply: the hot loops. Each has a plain constexpr path and a faster
// run-time path; both must agree on every input (the fuzzers check it).
// SIMD is chosen at compile time: on x86-64 __AVX2__ or __SSE2__, through
// the GCC and Clang vector extensions (no intrinsics headers); on aarch64
// NEON (baseline there), through <arm_neon.h>. On x86-64 an SSE2 build also
// runs the AVX2 kernel when the CPU has it, chosen once per process.
// Nothing is read outside [p, end). detail::scan_path names the kernel.
#ifndef SMTPREPLY_DETAIL_SCAN_HPP
#define SMTPREPLY_DETAIL_SCAN_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "../config.hpp"

#if (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__) && defined(__ARM_NEON) && \
    defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(SMTPREPLY_NO_SIMD)
#define SMTPREPLY_SIMD_NEON 1
#include <arm_neon.h>
#endif

// For the few hot functions the compiler must not leave out of line.
#if defined(__GNUC__) || defined(__clang__)
#define SMTPREPLY_ALWAYS_INLINE __attribute__((always_inline))
#else
#define SMTPREPLY_ALWAYS_INLINE
#endif

SMTPREPLY_DIAGNOSTICS_PUSH

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

/// Index of the lowest set bit (x != 0).
inline unsigned lowest_bit(std::uint64_t x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<unsigned>(__builtin_ctzll(x));
#else
  unsigned i = 0;
  while ((x & 1) == 0) {
    x >>= 1;
    ++i;
  }
  return i;
#endif
}

// SIMD through the compilers' vector extensions, chosen at compile time.
// Adding 0x60 maps 0x20-0x7E onto -128..-34 (as signed bytes) and every other
// byte onto -33 or more, so one signed compare tells printable from not.
// Defining SMTPREPLY_NO_SIMD (e.g. -DSMTPREPLY_NO_SIMD) turns SSE2, AVX2
// and NEON off: the scans then run 8 bytes at a time (SWAR) and byte by
// byte, the "scalar" build that the tests replay the fuzz corpora under.
#if (defined(__GNUC__) || defined(__clang__)) && defined(__SSE2__) && !defined(SMTPREPLY_NO_SIMD)
#define SMTPREPLY_SIMD_SSE2 1
typedef char simd16 __attribute__((vector_size(16)));  // the element type movemask takes
// The addition wraps, so it is done on unsigned bytes (signed vector
// overflow is undefined, and UBSan says so); the compare is signed.
typedef unsigned char usimd16 __attribute__((vector_size(16)));
typedef signed char ssimd16 __attribute__((vector_size(16)));
inline std::uint32_t plain_mask16(const char* s) noexcept {  // bit i: byte i is printable
  usimd16 v;
  std::memcpy(&v, s, 16);
  const ssimd16 shifted = reinterpret_cast<ssimd16>(v + static_cast<unsigned char>(0x60));
  const simd16 plain = reinterpret_cast<simd16>(shifted < static_cast<signed char>(-33));
  return static_cast<std::uint32_t>(__builtin_ia32_pmovmskb128(plain));
}
inline std::uint32_t lf_mask16(const char* s) noexcept {  // bit i: byte i is LF
  simd16 v;
  std::memcpy(&v, s, 16);
  return static_cast<std::uint32_t>(__builtin_ia32_pmovmskb128(reinterpret_cast<simd16>(v == '\n')));
}
#endif
#if defined(SMTPREPLY_SIMD_SSE2) && defined(__AVX2__)
#define SMTPREPLY_SIMD_AVX2 1
typedef char simd32 __attribute__((vector_size(32)));
typedef unsigned char usimd32 __attribute__((vector_size(32)));
typedef signed char ssimd32 __attribute__((vector_size(32)));
inline simd32 plain_bytes32(const char* s) noexcept {  // 0xFF where printable
  usimd32 v;
  std::memcpy(&v, s, 32);
  const ssimd32 shifted = reinterpret_cast<ssimd32>(v + static_cast<unsigned char>(0x60));
  return reinterpret_cast<simd32>(shifted < static_cast<signed char>(-33));
}
inline std::uint32_t plain_mask32(simd32 plain) noexcept {
  return static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(plain));
}
#endif

// NEON has no movemask: a compare gives 0x00/0xFF per byte, and narrowing
// each 16-bit lane shifted right by 4 (shrn) keeps 4 bits per byte, so a
// 16-byte result becomes one 64-bit word whose lowest set bit / 4 is the
// first flagged byte.
#if defined(SMTPREPLY_SIMD_NEON)
inline uint8x16_t neon_nonplain16(const char* s) noexcept {  // 0xFF where not printable
  const uint8x16_t v = vld1q_u8(reinterpret_cast<const std::uint8_t*>(s));
  return vcgtq_u8(vsubq_u8(v, vdupq_n_u8(0x20)), vdupq_n_u8(0x5e));
}
inline std::uint64_t neon_nibbles(uint8x16_t flags) noexcept {  // 4 bits per byte
  return vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(flags), 4)), 0);
}
#endif

/// The SWAR and byte loops: where every path ends, for the bytes too few
/// for its vectors (and the whole scan with SMTPREPLY_NO_SIMD).
inline std::size_t skip_plain_text_swar(const char* d, std::size_t p, std::size_t end) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  while (end - p >= 8) {
    std::uint64_t x = 0;
    std::memcpy(&x, d + p, 8);
    // A byte below 0x20 borrows into its high bit; a byte of 0x7F or more
    // has or gets its high bit when 1 is added. Borrows and carries only
    // run upwards, so the lowest flagged byte is exact on little-endian.
    const std::uint64_t bad = ((x - 0x20 * ones) & ~x & highs) | (((x + ones) | x) & highs);
    if (bad != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      return p + lowest_bit(bad) / 8;
#else
      break;
#endif
    }
    p += 8;
  }
  return skip_plain_text_scalar(d, p, end);
}

// Each vector loop below ends with a block that overlaps the bytes before
// it (the last 16 or 32 bytes before `end`): those were found printable, so
// the first byte that is not lies in the new part, and no narrower loop runs
// after a wide one.

#if defined(SMTPREPLY_SIMD_SSE2)
/// skip_plain_text 16 bytes at a time (SSE2, the x86-64 baseline).
inline std::size_t skip_plain_text_sse2(const char* d, std::size_t p, std::size_t end) noexcept {
  if (end - p >= 16) {
    for (;;) {
      if (end - p < 16) {
        if (p == end) return end;
        p = end - 16;
      }
      const std::uint32_t bad = ~plain_mask16(d + p) & 0xffffu;
      if (bad != 0) return p + lowest_bit(bad);
      p += 16;
    }
  }
  return skip_plain_text_swar(d, p, end);
}
#endif

#if defined(SMTPREPLY_SIMD_NEON)
/// skip_plain_text 64, then 16 bytes at a time (NEON, baseline on aarch64).
inline std::size_t skip_plain_text_neon(const char* d, std::size_t p, std::size_t end) noexcept {
  if (end - p >= 16) {
    while (end - p >= 64) {  // one test per 64 bytes
      const uint8x16_t a = neon_nonplain16(d + p);
      const uint8x16_t b = neon_nonplain16(d + p + 16);
      const uint8x16_t c = neon_nonplain16(d + p + 32);
      const uint8x16_t e = neon_nonplain16(d + p + 48);
      if (neon_nibbles(vorrq_u8(vorrq_u8(a, b), vorrq_u8(c, e))) != 0) break;
      p += 64;
    }
    for (;;) {
      if (end - p < 16) {
        if (p == end) return end;
        p = end - 16;
      }
      const std::uint64_t bad = neon_nibbles(neon_nonplain16(d + p));
      if (bad != 0) return p + lowest_bit(bad) / 4;
      p += 16;
    }
  }
  return skip_plain_text_swar(d, p, end);
}
#endif

// Run-time dispatch (x86-64, GCC and Clang): a build without AVX2 (wheels,
// distributions: SSE2 only) runs the same AVX2 scan as a -mavx2 build when
// the CPU has AVX2: one function compiled for AVX2 (the whole scan, not just
// the tail of long text, so that a line costs one call), reached through a
// pointer chosen once per process. The pointer starts at a resolver that
// asks the CPU and stores the choice, so it needs no dynamic initialisation
// and works before main(). Define SMTPREPLY_NO_RUNTIME_DISPATCH to keep the
// portable SSE2 path alone.
#if defined(SMTPREPLY_SIMD_SSE2) && !defined(SMTPREPLY_SIMD_AVX2) && defined(__x86_64__) && \
    !defined(SMTPREPLY_NO_RUNTIME_DISPATCH)
#define SMTPREPLY_SIMD_DISPATCH_AVX2 1
/// True when this CPU runs AVX2 (asked once per process).
inline bool cpu_has_avx2() noexcept {
  static const bool yes = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return yes;
}
/// skip_plain_text compiled for AVX2: the -mavx2 path's loops, written out
/// (a helper function or lambda would be compiled without AVX and pass
/// vectors through the non-AVX ABI).
__attribute__((target("avx2"))) inline std::size_t skip_plain_text_avx2(const char* d, std::size_t p,
                                                                        std::size_t end) noexcept {
  typedef char v32 __attribute__((vector_size(32)));
  typedef unsigned char uv32 __attribute__((vector_size(32)));
  typedef signed char sv32 __attribute__((vector_size(32)));
  const uv32 bias = {0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60,
                     0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60, 0x60};
  const sv32 limit = {-33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33,
                      -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33, -33};
  if (end - p < 64) return skip_plain_text_sse2(d, p, end);
  uv32 v0, v1, v2, v3;
  std::memcpy(&v0, d + p, 32);  // most lines end within 64 bytes: one test
  std::memcpy(&v1, d + p + 32, 32);
  {
    const v32 a = reinterpret_cast<v32>(reinterpret_cast<sv32>(v0 + bias) < limit);
    const v32 b = reinterpret_cast<v32>(reinterpret_cast<sv32>(v1 + bias) < limit);
    const std::uint64_t bad = ~(static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(a)) |
                                std::uint64_t{static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(b))} << 32);
    if (bad != 0) return p + lowest_bit(bad);
  }
  p += 64;
  while (end - p >= 128) {  // long lines: one test per 128 bytes
    std::memcpy(&v0, d + p, 32);
    std::memcpy(&v1, d + p + 32, 32);
    std::memcpy(&v2, d + p + 64, 32);
    std::memcpy(&v3, d + p + 96, 32);
    const v32 a = reinterpret_cast<v32>(reinterpret_cast<sv32>(v0 + bias) < limit);
    const v32 b = reinterpret_cast<v32>(reinterpret_cast<sv32>(v1 + bias) < limit);
    const v32 c = reinterpret_cast<v32>(reinterpret_cast<sv32>(v2 + bias) < limit);
    const v32 e = reinterpret_cast<v32>(reinterpret_cast<sv32>(v3 + bias) < limit);
    if (static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256((a & b) & (c & e))) != 0xffffffffu) {
      const std::uint64_t low = ~(static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(a)) |
                                  std::uint64_t{static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(b))} << 32);
      if (low != 0) return p + lowest_bit(low);
      return p + 64 +
             lowest_bit(~(static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(c)) |
                          std::uint64_t{static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(e))} << 32));
    }
    p += 128;
  }
  for (;;) {
    if (end - p < 32) {
      if (p == end) return end;
      p = end - 32;
    }
    std::memcpy(&v0, d + p, 32);
    const v32 a = reinterpret_cast<v32>(reinterpret_cast<sv32>(v0 + bias) < limit);
    const auto bad = ~static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(a));
    if (bad != 0) return p + lowest_bit(bad);
    p += 32;
  }
}
/// The scan a dispatching build runs: chosen by the first call.
using scan_function = std::size_t (*)(const char*, std::size_t, std::size_t) noexcept;
inline std::size_t skip_plain_text_resolve(const char* d, std::size_t p, std::size_t end) noexcept;
inline std::atomic<scan_function> skip_plain_text_dispatch{&skip_plain_text_resolve};
inline std::size_t skip_plain_text_resolve(const char* d, std::size_t p, std::size_t end) noexcept {
  const scan_function chosen = cpu_has_avx2() ? &skip_plain_text_avx2 : &skip_plain_text_sse2;
  skip_plain_text_dispatch.store(chosen, std::memory_order_relaxed);
  return chosen(d, p, end);
}
#endif

/// The widest step of the run-time scans in this build: 32 (AVX2), 16 (SSE2
/// or NEON) or 8 (SWAR only, e.g. with SMTPREPLY_NO_SIMD).
#if defined(SMTPREPLY_SIMD_AVX2)
inline constexpr unsigned scan_vector_bytes = 32;
#elif defined(SMTPREPLY_SIMD_SSE2) || defined(SMTPREPLY_SIMD_NEON)
inline constexpr unsigned scan_vector_bytes = 16;
#else
inline constexpr unsigned scan_vector_bytes = 8;
#endif

/// The scan kernel compiled in: "avx2", "sse2+avx2-dispatch" (SSE2, or AVX2
/// chosen at run time when the CPU has it), "sse2", "neon" or "swar".
inline constexpr const char* scan_path =
#if defined(SMTPREPLY_SIMD_AVX2)
    "avx2";
#elif defined(SMTPREPLY_SIMD_DISPATCH_AVX2)
    "sse2+avx2-dispatch";
#elif defined(SMTPREPLY_SIMD_SSE2)
    "sse2";
#elif defined(SMTPREPLY_SIMD_NEON)
    "neon";
#else
    "swar";
#endif

/// Same as skip_plain_text_scalar; at run time 32, 16 or 8 bytes at a time.
SMTPREPLY_ALWAYS_INLINE constexpr std::size_t skip_plain_text(const char* d, std::size_t p, std::size_t end) noexcept {
  if (!is_constant_evaluated()) {
#if defined(SMTPREPLY_SIMD_AVX2)
    if (end - p >= 16) {  // short text (EHLO lines, short replies) ends in its first 16 bytes
      const std::uint32_t first = ~plain_mask16(d + p) & 0xffffu;
      if (first != 0) return p + lowest_bit(first);
      p += 16;
    }
    if (end - p >= 64) {  // most other lines end within 64 bytes: one test, a predictable branch
      const std::uint64_t bad =
          ~(plain_mask32(plain_bytes32(d + p)) | std::uint64_t{plain_mask32(plain_bytes32(d + p + 32))} << 32);
      if (bad != 0) return p + lowest_bit(bad);
      p += 64;
      while (end - p >= 128) {  // long lines: one test per 128 bytes
        const simd32 a = plain_bytes32(d + p);
        const simd32 b = plain_bytes32(d + p + 32);
        const simd32 c = plain_bytes32(d + p + 64);
        const simd32 e = plain_bytes32(d + p + 96);
        if (plain_mask32((a & b) & (c & e)) != 0xffffffffu) {
          const std::uint64_t low = ~(plain_mask32(a) | std::uint64_t{plain_mask32(b)} << 32);
          if (low != 0) return p + lowest_bit(low);
          return p + 64 + lowest_bit(~(plain_mask32(c) | std::uint64_t{plain_mask32(e)} << 32));
        }
        p += 128;
      }
      for (;;) {
        if (end - p < 32) {
          if (p == end) return end;
          p = end - 32;
        }
        const std::uint32_t tail = ~plain_mask32(plain_bytes32(d + p));
        if (tail != 0) return p + lowest_bit(tail);
        p += 32;
      }
    }
    return skip_plain_text_sse2(d, p, end);
#elif defined(SMTPREPLY_SIMD_DISPATCH_AVX2)
    if (end - p >= 16) {  // short text (EHLO lines, short replies) ends here, without the call
      const std::uint32_t bad = ~plain_mask16(d + p) & 0xffffu;
      if (bad != 0) return p + lowest_bit(bad);
    }
    return skip_plain_text_dispatch.load(std::memory_order_relaxed)(d, p, end);
#elif defined(SMTPREPLY_SIMD_SSE2)
    return skip_plain_text_sse2(d, p, end);
#elif defined(SMTPREPLY_SIMD_NEON)
    return skip_plain_text_neon(d, p, end);
#else
    return skip_plain_text_swar(d, p, end);
#endif
  }
  return skip_plain_text_scalar(d, p, end);
}

/// Position of the first LF in [p, end), or `end`.
constexpr std::size_t find_lf(const char* d, std::size_t p, std::size_t end) noexcept {
  if (!is_constant_evaluated()) {
#if defined(SMTPREPLY_SIMD_SSE2)
    // Lines are short: look at the first 16 bytes inline before calling memchr.
    if (p < end && end - p >= 16) {
      const std::uint32_t hit = lf_mask16(d + p);
      if (hit != 0) return p + lowest_bit(hit);
      p += 16;
    }
#elif defined(SMTPREPLY_SIMD_NEON)
    if (p < end && end - p >= 16) {  // the same with NEON
      const uint8x16_t v = vld1q_u8(reinterpret_cast<const std::uint8_t*>(d + p));
      const std::uint64_t hit = neon_nibbles(vceqq_u8(v, vdupq_n_u8('\n')));
      if (hit != 0) return p + lowest_bit(hit) / 4;
      p += 16;
    }
#endif
    if (p >= end) return end;
    const void* hit = std::memchr(d + p, '\n', end - p);
    return hit == nullptr ? end : static_cast<std::size_t>(static_cast<const char*>(hit) - d);
  }
  while (p < end && d[p] != '\n') ++p;
  return p;
}

}  // namespace detail
}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_DETAIL_SCAN_HPP
