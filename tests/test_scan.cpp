#include <smtpreply/detail/scan.hpp>
#include <smtpreply/reply_parser.hpp>
#include <string>

#include "catch.hpp"

using smtpreply::detail::find_lf;
using smtpreply::detail::skip_plain_text;
using smtpreply::detail::skip_plain_text_scalar;

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
