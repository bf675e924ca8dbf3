// What smtpreply is measured against, all producing the same checksum:
// baselines written the way most code parses SMTP replies, and limit
// proxies that do less than any parser can (split lines, read the bytes).
// Inputs are whole, valid corpora; the baselines check only what such code
// usually checks.
#ifndef SMTPREPLY_BENCH_BASELINES_HPP
#define SMTPREPLY_BENCH_BASELINES_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#if defined(__AVX2__) || defined(__SSE2__)
#include <immintrin.h>
#endif

#include "corpus.hpp"

namespace bench {

// ---- Baselines -------------------------------------------------------------

inline void strip_cr(std::string& line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
}

/// std::getline, then std::regex_match on each line; texts into a vector.
__attribute__((noinline)) inline checksum regex_lines(std::string_view in) {
  static const std::regex line_re(R"((\d{3})([ -]?)(.*))");
  checksum c;
  std::istringstream stream{std::string(in)};
  std::string line;
  std::vector<std::string> texts;
  std::smatch m;
  while (std::getline(stream, line)) {
    strip_cr(line);
    if (!std::regex_match(line, m, line_re)) {
      ++c.bad;
      return c;
    }
    texts.push_back(m[3].str());
    if (m[2].str() != "-") {
      c.add_reply(texts.size(), static_cast<unsigned>(std::stoi(m[1].str())));
      texts.clear();
    }
  }
  if (!texts.empty()) ++c.bad;
  return c;
}

/// std::getline + std::stoi: a std::string per line, a vector per reply.
__attribute__((noinline)) inline checksum getline_stoi(std::string_view in) {
  checksum c;
  std::istringstream stream{std::string(in)};
  std::string line;
  std::vector<std::string> texts;
  while (std::getline(stream, line)) {
    strip_cr(line);
    if (line.size() < 3) {
      ++c.bad;
      return c;
    }
    const int code = std::stoi(line.substr(0, 3));
    const bool more = line.size() > 3 && line[3] == '-';
    texts.push_back(line.size() > 4 ? line.substr(4) : std::string());
    if (!more) {
      c.add_reply(texts.size(), static_cast<unsigned>(code));
      texts.clear();
    }
  }
  if (!texts.empty()) ++c.bad;
  return c;
}

/// fgets-style: copy each line into a char array, sscanf the code.
__attribute__((noinline)) inline checksum sscanf_lines(std::string_view in) {
  checksum c;
  char line[4096];
  std::uint64_t lines = 0;
  std::size_t p = 0;
  while (p < in.size()) {
    const void* hit = std::memchr(in.data() + p, '\n', in.size() - p);
    const std::size_t end = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - in.data()) : in.size();
    std::size_t len = end - p;
    if (len >= sizeof line) len = sizeof line - 1;
    std::memcpy(line, in.data() + p, len);
    line[len] = '\0';
    p = end + 1;
    int code = 0;
    char sep = ' ';
    const int got = std::sscanf(line, "%3d%c", &code, &sep);
    if (got < 1) {
      ++c.bad;
      return c;
    }
    ++lines;
    if (got == 1 || sep != '-') {
      c.add_reply(lines, static_cast<unsigned>(code));
      lines = 0;
    }
  }
  if (lines != 0) ++c.bad;
  return c;
}

/// std::getline, then an std::istringstream per line: `>> code`, get(sep),
/// getline(text); texts into a vector.
__attribute__((noinline)) inline checksum istringstream_lines(std::string_view in) {
  checksum c;
  std::istringstream stream{std::string(in)};
  std::string line;
  std::vector<std::string> texts;
  while (std::getline(stream, line)) {
    strip_cr(line);
    std::istringstream fields(line);
    int code = 0;
    if (!(fields >> code)) {
      ++c.bad;
      return c;
    }
    const int sep = fields.get();
    std::string text;
    std::getline(fields, text);
    texts.push_back(std::move(text));
    if (sep != '-') {
      c.add_reply(texts.size(), static_cast<unsigned>(code));
      texts.clear();
    }
  }
  if (!texts.empty()) ++c.bad;
  return c;
}

// ---- Limit proxies -----------------------------------------------------------
// Each finds every line and reads its first four bytes (code and separator):
// the least work that yields the checksum. The corpora's lines are valid, so
// every line has at least "NNN\n" before the next one starts.

struct line_counter {
  checksum c;
  void line(const char* s) noexcept {
    ++c.lines;
    if (s[3] != '-') {
      ++c.replies;
      c.code_sum += static_cast<unsigned>((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'));
    }
  }
};

/// memchr to each LF.
__attribute__((noinline)) inline checksum memchr_split(std::string_view in) noexcept {
  line_counter k;
  const char* p = in.data();
  const char* const end = p + in.size();
  while (p < end) {
    const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (hit == nullptr) {
      ++k.c.bad;
      break;
    }
    k.line(p);
    p = static_cast<const char*>(hit) + 1;
  }
  return k.c;
}

/// Bit i set when byte i of the 64-byte block equals `ch`.
inline std::uint64_t match_mask(const char* b, char ch) noexcept {
#if defined(__AVX2__)
  const __m256i needle = _mm256_set1_epi8(ch);
  const auto lo = static_cast<std::uint32_t>(
      _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(b)), needle)));
  const auto hi = static_cast<std::uint32_t>(
      _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 32)), needle)));
  return lo | (std::uint64_t{hi} << 32);
#elif defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(ch);
  std::uint64_t m = 0;
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 16 * i));
    m |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)))} << (16 * i);
  }
  return m;
#else
  std::uint64_t m = 0;
  for (int i = 0; i < 64; ++i) m |= std::uint64_t{b[i] == ch} << i;
  return m;
#endif
}

inline int lowest_bit(std::uint64_t m) noexcept { return __builtin_ctzll(m); }

/// 64 bytes at a time: a bit mask of LFs, then each set bit.
__attribute__((noinline)) inline checksum simd_split(std::string_view in) noexcept {
  line_counter k;
  const char* const d = in.data();
  const std::size_t n = in.size();
  std::size_t start = 0;
  std::size_t block = 0;
  for (; block + 64 <= n; block += 64) {
    std::uint64_t m = match_mask(d + block, '\n');
    while (m != 0) {
      const std::size_t lf = block + static_cast<std::size_t>(lowest_bit(m));
      m &= m - 1;
      k.line(d + start);
      start = lf + 1;
    }
  }
  for (std::size_t i = block; i < n; ++i) {
    if (d[i] == '\n') {
      k.line(d + start);
      start = i + 1;
    }
  }
  if (start != n) ++k.c.bad;
  return k.c;
}

/**
 * The floor: the cheapest parser that still looks correct. It splits lines
 * with the same 64-byte SIMD compare as simd_split, and hands out what a
 * reply parser hands out (each reply's start, length, code and line count)
 * into the checksum, validating nothing: no digit, separator, CRLF, text or
 * limit check, no enhanced code. Every smtpreply row is reported as a
 * ratio to this one.
 */
struct floor_reply_sink {
  checksum c;
  std::uint64_t bytes = 0;  // the sum of the reply lengths, kept so they are not optimised away
  void reply(std::size_t start, std::size_t end, std::uint64_t lines, unsigned code) noexcept {
    c.add_reply(lines, code);
    bytes += end - start;
  }
};

__attribute__((noinline)) inline checksum floor_replies(std::string_view in) noexcept {
  floor_reply_sink k;
  const char* const d = in.data();
  const std::size_t n = in.size();
  std::size_t line = 0;   // start of the current line
  std::size_t reply = 0;  // start of the current reply
  std::uint64_t lines = 0;
  const auto at_lf = [&](std::size_t lf) noexcept {
    ++lines;
    if (d[line + 3] != '-') {
      const auto code = static_cast<unsigned>((d[line] - '0') * 100 + (d[line + 1] - '0') * 10 + (d[line + 2] - '0'));
      k.reply(reply, lf + 1, lines, code);
      lines = 0;
      reply = lf + 1;
    }
    line = lf + 1;
  };
  std::size_t block = 0;
  for (; block + 64 <= n; block += 64) {
    for (std::uint64_t m = match_mask(d + block, '\n'); m != 0; m &= m - 1) {
      at_lf(block + static_cast<std::size_t>(lowest_bit(m)));
    }
  }
  for (std::size_t i = block; i < n; ++i) {
    if (d[i] == '\n') at_lf(i);
  }
  if (line != n || lines != 0 || k.bytes != n) ++k.c.bad;
  return k.c;
}

/// One position of read_once, for the edges of the buffer.
inline void read_once_at(const char* d, std::size_t n, std::size_t j, checksum& c) noexcept {
  if (j != 0 && d[j - 1] != '\n') return;
  ++c.lines;
  if (j + 3 < n && d[j + 3] != '-') {
    ++c.replies;
    c.code_sum += static_cast<unsigned>((d[j] - '0') * 100 + (d[j + 1] - '0') * 10 + (d[j + 2] - '0'));
  }
}

/**
 * One branch-light pass over the buffer that still yields the exact
 * checksum, W bytes at a time: positions after an LF start lines; a start
 * whose fourth byte is not '-' starts a reply's last line, whose code digits
 * are summed with SAD over the masked bytes. A window without a line start
 * costs one compare. Every byte is fetched from memory once (the shifted
 * loads hit L1). Unlike the splits, it does the same work on every byte.
 */
__attribute__((noinline)) inline checksum read_once(std::string_view in) noexcept {
  checksum c;
  const char* const d = in.data();
  const std::size_t n = in.size();
  std::size_t j = 0;
  if (n < 80) {
    for (; j < n; ++j) read_once_at(d, n, j, c);
    return c;
  }
  read_once_at(d, n, 0, c);
  j = 1;
  std::uint64_t digits[3] = {0, 0, 0};
  std::uint64_t last = 0;
#if defined(__AVX2__)
  __m256i acc[3] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
  const __m256i lf = _mm256_set1_epi8('\n');
  const __m256i dash = _mm256_set1_epi8('-');
  const auto load = [d](std::size_t at) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + at)); };
  for (; j + 35 <= n; j += 32) {
    const __m256i start = _mm256_cmpeq_epi8(load(j - 1), lf);
    const auto starts = static_cast<std::uint32_t>(_mm256_movemask_epi8(start));
    if (starts == 0) continue;
    c.lines += static_cast<std::uint64_t>(__builtin_popcount(starts));
    const __m256i final_start = _mm256_andnot_si256(_mm256_cmpeq_epi8(load(j + 3), dash), start);
    last +=
        static_cast<std::uint64_t>(__builtin_popcount(static_cast<std::uint32_t>(_mm256_movemask_epi8(final_start))));
    for (int k = 0; k < 3; ++k) {
      const __m256i v = _mm256_and_si256(load(j + static_cast<std::size_t>(k)), final_start);
      acc[k] = _mm256_add_epi64(acc[k], _mm256_sad_epu8(v, _mm256_setzero_si256()));
    }
  }
  for (int k = 0; k < 3; ++k) {
    alignas(32) std::uint64_t lanes[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), acc[k]);
    digits[k] = lanes[0] + lanes[1] + lanes[2] + lanes[3];
  }
#elif defined(__SSE2__)
  __m128i acc[3] = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i dash = _mm_set1_epi8('-');
  const auto load = [d](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + at)); };
  for (; j + 19 <= n; j += 16) {
    const __m128i start = _mm_cmpeq_epi8(load(j - 1), lf);
    const auto starts = static_cast<std::uint32_t>(_mm_movemask_epi8(start));
    if (starts == 0) continue;
    c.lines += static_cast<std::uint64_t>(__builtin_popcount(starts));
    const __m128i final_start = _mm_andnot_si128(_mm_cmpeq_epi8(load(j + 3), dash), start);
    last += static_cast<std::uint64_t>(__builtin_popcount(static_cast<std::uint32_t>(_mm_movemask_epi8(final_start))));
    for (int k = 0; k < 3; ++k) {
      const __m128i v = _mm_and_si128(load(j + static_cast<std::size_t>(k)), final_start);
      acc[k] = _mm_add_epi64(acc[k], _mm_sad_epu8(v, _mm_setzero_si128()));
    }
  }
  for (int k = 0; k < 3; ++k) {
    alignas(16) std::uint64_t lanes[2];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes), acc[k]);
    digits[k] = lanes[0] + lanes[1];
  }
#endif
  // The digits were summed as ASCII: take '0' off each of them.
  c.replies += last;
  c.code_sum += 100 * digits[0] + 10 * digits[1] + digits[2] - std::uint64_t{111 * '0'} * last;
  for (; j < n; ++j) read_once_at(d, n, j, c);
  if (d[n - 1] != '\n') ++c.bad;
  return c;
}

}  // namespace bench

#endif  // SMTPREPLY_BENCH_BASELINES_HPP
