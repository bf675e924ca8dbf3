// Fuzzes the hot loops of detail/scan.hpp: every fast path must give what a
// plain loop gives, on every start and end, at every alignment, and must not
// read outside [p, end) (the bytes sit at the very end of an allocation, so
// AddressSanitizer sees any overread).
#include <memory>

#include "fuzz_common.hpp"

namespace {

std::size_t plain_text_end(const char* d, std::size_t p, std::size_t end) {
  while (p < end && static_cast<unsigned char>(d[p]) >= 0x20 && static_cast<unsigned char>(d[p]) <= 0x7e) ++p;
  return p;
}

std::size_t lf_at(const char* d, std::size_t p, std::size_t end) {
  while (p < end && d[p] != '\n') ++p;
  return p;
}

void compare(const char* d, std::size_t p, std::size_t end) {
  const std::size_t want = plain_text_end(d, p, end);
  fuzz::check(smtpreply::detail::skip_plain_text(d, p, end) == want, "skip_plain_text() matches a plain loop");
  fuzz::check(smtpreply::detail::skip_plain_text_scalar(d, p, end) == want,
              "skip_plain_text_scalar() matches a plain loop");
  fuzz::check(smtpreply::detail::find_lf(d, p, end) == lf_at(d, p, end), "find_lf() matches a plain loop");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  fuzz::current_input() = std::string_view(reinterpret_cast<const char*>(data), size);
  for (std::size_t shift = 0; shift < 8; shift += 3) {  // alignments 0, 3, 6
    const std::unique_ptr<char[]> block(new char[size + shift]);
    char* d = block.get() + shift;
    for (std::size_t i = 0; i < size; ++i) d[i] = static_cast<char>(data[i]);
    // Starts near the front (every SWAR lane offset) and near the end; ends
    // at the end and a little before it.
    for (std::size_t p = 0; p <= size && p < 17; ++p) {
      compare(d, p, size);
      if (size - p > 9) compare(d, p, size - 9);
    }
    for (std::size_t back = 0; back < 17 && back <= size; ++back) compare(d, size - back, size);
  }
  return 0;
}
