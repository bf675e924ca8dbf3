// Limits at the top of their range mean "no limit" and must not overflow the
// parser's offset arithmetic, whatever the width of size_t (on 32-bit x86,
// offset + UINT32_MAX wraps: scripts/test.d/60-cross.sh runs this there).
#include <cstdint>
#include <smtpreply/reply_parser.hpp>
#include <string_view>

#include "catch.hpp"

TEST_CASE("limits at UINT32_MAX: every reply parses whole, in any chunking", "[limits]") {
  smtpreply::parse_options o;
  o.limit = smtpreply::limits{UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX};
  for (const std::string_view in : {std::string_view("250 OK\r\n"), std::string_view("250-a\r\n250 OK\r\n"),
                                    std::string_view("334 VXNlcm5hbWU6\r\n"),
                                    std::string_view("250-mx.example.org\r\n250-SIZE 1000\r\n250 STARTTLS\r\n")}) {
    INFO(in);
    const smtpreply::parse_result r = smtpreply::parse_reply(in, o);
    CHECK(r.error == smtpreply::errc::ok);
    CHECK(r.consumed == in.size());
    // Streaming: one byte at a time, so the limits are set at every offset.
    smtpreply::reply_parser parser(o);
    smtpreply::feed_result f{};
    std::size_t fed = 1;
    for (; fed <= in.size(); ++fed) {
      f = parser.feed(in.substr(0, fed));
      if (f.status != smtpreply::feed_status::need_more) break;
    }
    CHECK(f.status == smtpreply::feed_status::complete);
    CHECK(f.consumed == in.size());
  }
}

TEST_CASE("a line limit just below UINT32_MAX with a small reply limit", "[limits]") {
  smtpreply::parse_options o;
  o.limit = smtpreply::limits{UINT32_MAX - 1, UINT32_MAX - 1, 64, 16};
  const smtpreply::parse_result r = smtpreply::parse_reply("250-a\r\n250 OK\r\n", o);
  CHECK(r.error == smtpreply::errc::ok);
  CHECK(smtpreply::parse_reply("250-0123456789012345678901234567890123456789\r\n250 0123456789012345678901\r\n", o)
            .error == smtpreply::errc::reply_too_long);
}
