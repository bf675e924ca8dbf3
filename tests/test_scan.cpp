#include <cstdint>
#include <memory>
#include <smtpreply/detail/scan.hpp>
#include <smtpreply/reply_parser.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"

using smtpreply::detail::find_lf;
using smtpreply::detail::skip_plain_text;
using smtpreply::detail::skip_plain_text_scalar;
using smtpreply::detail::skip_plain_text_swar;

static_assert(skip_plain_text("ab\x01", 0, 3) == 2);
static_assert(find_lf("ab\n", 0, 3) == 2);

TEST_CASE("the fast scan paths agree with the plain loops for every byte at every position", "[scan]") {
  // Lengths cross every vector width (8, 16, 32, 64, 128) and its remainders.
  for (std::size_t len : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 31u, 32u, 33u, 63u, 64u, 65u, 127u, 128u, 129u, 200u}) {
    std::string s(len, 'a');
    for (std::size_t at = 0; at < len; at += (len > 40 ? 7 : 1)) {
      for (int b = 0; b < 256; ++b) {
        s[at] = static_cast<char>(b);
        const std::size_t fast = skip_plain_text(s.data(), 0, len);
        const std::size_t slow = skip_plain_text_scalar(s.data(), 0, len);
        if (fast != slow) FAIL("len " << len << " byte " << b << " at " << at << ": " << fast << " vs " << slow);
        std::size_t plain_lf = 0;
        while (plain_lf < len && s[plain_lf] != '\n') ++plain_lf;
        if (find_lf(s.data(), 0, len) != plain_lf) FAIL("find_lf len " << len << " byte " << b << " at " << at);
      }
      s[at] = 'a';
    }
  }
}

TEST_CASE("'~' (0x7E) is plain text on every scan path", "[scan]") {
  // Found by fuzz_scan: a vector compare constant off by one took '~' for a control byte.
  for (std::size_t n : {8u, 16u, 32u, 33u, 64u, 130u}) {
    const std::string s(n, '~');
    CHECK(skip_plain_text(s.data(), 0, n) == n);
  }
  const std::string reply = "250 " + std::string(16, '~') + "\r\n";
  const auto r = smtpreply::parse_reply(reply);
  REQUIRE(r);
  CHECK(r.value.first_line() == std::string(16, '~'));
  CHECK(r.value.flags().empty());
}

namespace {

/// Every scan kernel this build has (and this CPU runs), by name.
struct kernel {
  const char* name;
  std::size_t (*scan)(const char*, std::size_t, std::size_t) noexcept;
};
std::vector<kernel> kernels() {
  std::vector<kernel> k{{"skip_plain_text", &skip_plain_text}, {"swar", &skip_plain_text_swar}};
#if defined(SMTPREPLY_SIMD_SSE2)
  k.push_back({"sse2", &smtpreply::detail::skip_plain_text_sse2});
#endif
#if defined(SMTPREPLY_SIMD_DISPATCH_AVX2)
  if (smtpreply::detail::cpu_has_avx2()) k.push_back({"avx2 (dispatched)", &smtpreply::detail::skip_plain_text_avx2});
#endif
#if defined(SMTPREPLY_SIMD_NEON)
  k.push_back({"neon", &smtpreply::detail::skip_plain_text_neon});
#endif
  return k;
}

std::size_t plain_lf(const char* d, std::size_t p, std::size_t end) {
  while (p < end && d[p] != '\n') ++p;
  return p;
}

}  // namespace

TEST_CASE("the scan kernel compiled in is the one the target's macros select", "[scan]") {
  const std::string_view path = smtpreply::detail::scan_path;
#if defined(SMTPREPLY_NO_SIMD)
  CHECK(path == "swar");
  CHECK(smtpreply::detail::scan_vector_bytes == 8);
#elif defined(__aarch64__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  CHECK(path == "neon");
  CHECK(smtpreply::detail::scan_vector_bytes == 16);
#elif defined(__AVX2__)
  CHECK(path == "avx2");
  CHECK(smtpreply::detail::scan_vector_bytes == 32);
#elif defined(__x86_64__) && !defined(SMTPREPLY_NO_RUNTIME_DISPATCH)
  CHECK(path == "sse2+avx2-dispatch");
  CHECK(smtpreply::detail::scan_vector_bytes == 16);
#elif defined(__SSE2__)
  CHECK(path == "sse2");
  CHECK(smtpreply::detail::scan_vector_bytes == 16);
#endif
  INFO("scan path: " << path);
  SUCCEED();
}

TEST_CASE("every scan kernel agrees with the plain loop at every alignment and length 0..300", "[scan]") {
  // Each text ends its allocation, so that a read at or past `end` is caught
  // under ASan; it starts `skew` bytes in (0..63: every alignment of the
  // vector loads), after LF bytes that a kernel reading before `p` would
  // report (so that an overlapping last block reaching too far fails).
  std::uint64_t seed = 0x9e3779b97f4a7c15u;
  const auto next = [&seed] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  // Bytes either side of each printable edge, and a few others.
  const unsigned char stops[] = {0x00, 0x09, 0x0a, 0x0d, 0x1f, 0x7f, 0x80, 0xc3, 0xff};
  const std::vector<kernel> ks = kernels();
  std::size_t checked = 0;
  for (std::size_t skew = 0; skew < 64; skew += 1) {
    for (std::size_t len = 0; len <= 300; ++len) {
      const std::size_t size = skew + len;
      std::unique_ptr<char[]> buf(new char[size == 0 ? 1 : size]);
      char* const d = buf.get();
      for (std::size_t i = 0; i < skew; ++i) d[i] = '\n';
      for (std::size_t i = skew; i < size; ++i) d[i] = static_cast<char>(0x20 + next() % 0x5f);  // printable
      // One case all printable, then a stop byte at the first, last and two random positions.
      const auto anywhere = [&] { return skew + (len == 0 ? 0 : static_cast<std::size_t>(next() % len)); };
      const std::size_t positions[] = {size, skew, size - 1, anywhere(), anywhere()};
      for (const std::size_t at : positions) {
        if (at < skew || at >= size) {
          if (at != size) continue;
        }
        const char saved = at < size ? d[at] : 0;
        if (at < size) d[at] = static_cast<char>(stops[next() % sizeof stops]);
        if (at < size && skew + 1 < at && next() % 2 == 0) d[at - 1] = '\x7e';  // '~' just before it
        const std::size_t want = skip_plain_text_scalar(d, skew, size);
        for (const kernel& k : ks) {
          const std::size_t got = k.scan(d, skew, size);
          if (got != want)
            FAIL(k.name << ": skew " << skew << " len " << len << " stop at " << at << ": " << got << " vs " << want);
        }
        if (find_lf(d, skew, size) != plain_lf(d, skew, size)) FAIL("find_lf: skew " << skew << " len " << len);
        ++checked;
        if (at < size) d[at] = saved;
      }
    }
  }
  CHECK(checked > 64 * 301);
}

TEST_CASE("'~' and every other printable byte run through every kernel's whole width", "[scan]") {
  // A line of each printable byte alone, every length up to 300: no lane of any kernel takes it for a stop.
  const std::vector<kernel> ks = kernels();
  for (int b = 0x20; b <= 0x7e; ++b) {
    for (std::size_t len : {15u, 16u, 31u, 32u, 63u, 64u, 65u, 127u, 128u, 129u, 191u, 192u, 255u, 256u, 300u}) {
      const std::string s(len, static_cast<char>(b));
      for (const kernel& k : ks) {
        if (k.scan(s.data(), 0, len) != len) FAIL(k.name << ": byte " << b << " len " << len);
      }
    }
  }
}
