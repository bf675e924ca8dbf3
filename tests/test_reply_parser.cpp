#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <smtpreply/reply_parser.hpp>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

using smtpreply::errc;
using smtpreply::flag;
using smtpreply::leniency;
using smtpreply::parse_options;
using smtpreply::parse_reply;

namespace {
parse_options with(leniency l) { return parse_options{l, smtpreply::limits{}}; }
std::uint32_t bits(flag f) { return static_cast<std::uint32_t>(f); }

// Every way of cutting `input` in two, plus 1-byte and 3-byte feeding, must
// give exactly what feeding it whole gives.
void check_split_invariance(std::string_view input, const parse_options& options) {
  const auto whole = test::run_whole(input, options);
  for (std::size_t cut = 1; cut < input.size(); ++cut) {
    INFO("cut at " << cut);
    CHECK(test::run(input, options, {cut}) == whole);
  }
  CHECK(test::run_chunked(input, options, 1) == whole);
  CHECK(test::run_chunked(input, options, 3) == whole);
}
}  // namespace

// constexpr proofs: a whole reply parsed at compile time.
static_assert(parse_reply("250-mx\r\n250 2.0.0 OK\r\n").value.line_count() == 2);
static_assert(parse_reply("250-2.0.0 mx\r\n250 2.0.0 OK\r\n").value.enhanced() == smtpreply::enhanced_code{2, 0, 0});
static_assert(parse_reply("250 a\n").error == errc::bare_lf);
static_assert(*parse_reply("334 \r\n").value.lines().begin() == "");
static_assert(smtpreply::parse_line("250-SIZE 100\r\n").text == "SIZE 100");
// ... and the rules fixed for issues 10 and 11, in constant evaluation too.
static_assert(parse_reply("421-4.7.0 a\r\n521 5.7.1 b\r\n", parse_options::lenient_all()).value.enhanced() ==
              smtpreply::enhanced_code{5, 7, 1});
static_assert(parse_reply("0 x\r\n", parse_options::lenient_all()).error == errc::invalid_code);
static_assert(parse_reply("012 x\r\n", parse_options::lenient_all()).error == errc::code_out_of_range);
static_assert(!parse_reply("220 1.2.3.4 ESMTP\r\n").value.flags().has(flag::esc_malformed));
static_assert([] {
  smtpreply::reply_parser p;
  return p.finish("250 ok\r\n251 x").error;
}() == errc::incomplete);
static_assert(parse_reply("250-a\r\n250 b\r\n",
                          parse_options{leniency::none, smtpreply::limits{0xffffffffu, 0xffffffffu, 0xffffffffu, 9}})
                  .value.line_count() == 2);

TEST_CASE("strict RFC 5321 replies", "[reply]") {
  struct row {
    const char* input;
    int code;
    std::vector<std::string> lines;
  };
  const std::vector<row> rows = {
      {"250 OK\r\n", 250, {"OK"}},
      {"250\r\n", 250, {""}},                 // code alone: clients must accept it (section 4.2)
      {"334 \r\n", 334, {""}},                // RFC 4954's empty challenge
      {"334\r\n", 334, {""}},                 // Yandex, ethereal.email
      {"235 \r\n", 235, {""}},                // Gmail's trailing space
      {"250-\r\n250 b\r\n", 250, {"", "b"}},  // empty continuation: no CR leaks into text
      {"250-First line\r\n250-Second line\r\n250-234 Text beginning with numbers\r\n250 The last line\r\n",
       250,
       {"First line", "Second line", "234 Text beginning with numbers", "The last line"}},  // RFC 5321 4.2.1
      {"220-mx.example.org ESMTP\r\n220-welcome\r\n220\r\n", 220, {"mx.example.org ESMTP", "welcome", ""}},
      {"250 text\twith tab\r\n", 250, {"text\twith tab"}},
      {"250 - dash\r\n", 250, {"- dash"}},
      {"250--dash\r\n250 x\r\n", 250, {"-dash", "x"}},
      {"550 5.7.606 Access denied, banned sending IP [1.2.3.4]\r\n",
       550,
       {"5.7.606 Access denied, banned sending IP [1.2.3.4]"}},
      {"553 caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa7\r\n", 553, {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa7"}},
  };
  for (const auto& r : rows) {
    INFO(r.input);
    const auto events = test::run_whole(r.input);
    REQUIRE(events.size() == 2);
    CHECK(events[0].code == r.code);
    CHECK(events[0].lines == r.lines);
    CHECK(events[0].flags == 0);
    CHECK(events[0].length == std::strlen(r.input));
    CHECK(events[1].error == errc::ok);
    check_split_invariance(r.input, {});
  }
}

TEST_CASE("reply fields", "[reply]") {
  const auto r = parse_reply("250-mx.example.org Hello\r\n250-SIZE 35882577\r\n250 8BITMIME\r\nNEXT");
  REQUIRE(r);
  CHECK(r.consumed == 59);
  CHECK(r.value.raw() == "250-mx.example.org Hello\r\n250-SIZE 35882577\r\n250 8BITMIME\r\n");
  CHECK(r.value.line_count() == 3);
  CHECK(r.value.is_multiline());
  CHECK(r.value.first_line() == "mx.example.org Hello");
  CHECK(r.value.encoding() == smtpreply::text_encoding::ascii);
  CHECK_FALSE(r.value.has_enhanced());
  CHECK(r.value.is_positive());
  std::vector<std::string_view> lines(r.value.lines().begin(), r.value.lines().end());
  CHECK(lines == std::vector<std::string_view>{"mx.example.org Hello", "SIZE 35882577", "8BITMIME"});
  // Views point into the input.
  const std::string_view input = "250 2.1.5 Ok\r\n";
  const auto one = parse_reply(input);
  CHECK(one.value.raw().data() == input.data());
  CHECK(one.value.first_line().data() == input.data() + 4);
  CHECK(one.value.enhanced() == smtpreply::enhanced_code{2, 1, 5});
}

TEST_CASE("pipelined replies come out one by one, none lost", "[reply][pipelining]") {
  const std::string input =
      "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n550 5.1.1 No such user\r\n354 Go ahead\r\n";
  const auto events = test::run_whole(input);
  REQUIRE(events.size() == 5);
  CHECK(events[0].code == 250);
  CHECK(events[1].code == 250);
  CHECK(events[1].enhanced == "2.1.5");
  CHECK(events[2].code == 550);
  CHECK(events[3].code == 354);
  std::size_t total = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(events[i].offset == total);
    total += events[i].length;
  }
  CHECK(total == input.size());
  CHECK(events[4].error == errc::ok);
  check_split_invariance(input, {});
}

TEST_CASE("strict errors carry the reason and the offending byte's offset", "[reply][errors]") {
  struct row {
    std::string input;
    errc error;
    std::size_t offset;
  };
  const std::vector<row> rows = {
      {"+25 ok\r\n", errc::invalid_code, 0},
      {"2_5 ok\r\n", errc::invalid_code, 1},
      {" 25 ok\r\n", errc::invalid_code, 0},
      {"25\r\n", errc::invalid_code, 2},
      {"000 x\r\n", errc::code_out_of_range, 0},
      {"999 x\r\n", errc::code_out_of_range, 0},
      {"123 x\r\n", errc::code_out_of_range, 0},
      {"260 x\r\n", errc::code_out_of_range, 1},
      {"250\tok\r\n", errc::invalid_separator, 3},
      {"250OK\r\n", errc::invalid_separator, 3},
      {"2500 x\r\n", errc::invalid_separator, 3},
      {"250 ok\n", errc::bare_lf, 6},
      {"250\n", errc::bare_lf, 3},
      {std::string("250 a\x00z\r\n", 9), errc::control_character, 5},
      {"250 a\x7fz\r\n", errc::control_character, 5},
      {"250 a\rb\r\n", errc::control_character, 5},
      {"250 a\x1b[0m\r\n", errc::control_character, 5},
      {"535 \xd5\xca\xbb\xa7\r\n", errc::invalid_utf8, 4},  // GBK: D5 starts a sequence CA cannot continue
      {"250 \xc0\xaf\r\n", errc::invalid_utf8, 4},          // overlong
      {"250 \xed\xa0\x80\r\n", errc::invalid_utf8, 4},      // surrogate
      {"250 \xf4\x90\x80\x80\r\n", errc::invalid_utf8, 4},  // above U+10FFFF
      {"250 \xe2\x82\r\n", errc::invalid_utf8, 4},          // truncated
      {"250 \x80\r\n", errc::invalid_utf8, 4},
      {"\r\n250 ok\r\n", errc::empty_line, 0},
      {"250-a\r\n\r\n250 b\r\n", errc::empty_line, 7},
      {"220-mx ESMTP\r\n521 5.7.1 blocked\r\n", errc::mixed_codes, 14},
      {"250-a\r\n251 b\r\n", errc::mixed_codes, 7},
      {std::string(3, '\0'), errc::invalid_code, 0},  // QQ's answer to QUIT: fails at once, no hang
  };
  for (const auto& r : rows) {
    const std::string& input = r.input;
    INFO(input);
    const auto events = test::run_whole(input);
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == r.error);
    CHECK(events[0].offset == r.offset);
    check_split_invariance(input, {});
  }
}

TEST_CASE("fewer than three digits is invalid_code; a first digit 0 is never a reply", "[reply][errors]") {
  // Issue 11 defect 6. The range is judged once three digits are there, so a
  // short code is invalid_code at the byte where a digit is missing.
  struct row {
    std::string input;
    errc error;
    std::size_t offset;
  };
  const std::vector<row> always = {
      {"0 x\r\n", errc::invalid_code, 1},        {"01 x\r\n", errc::invalid_code, 2},
      {"1 x\r\n", errc::invalid_code, 1},        {"16 x\r\n", errc::invalid_code, 2},
      {"26 x\r\n", errc::invalid_code, 2},       {"9\r\n", errc::invalid_code, 1},
      {"012 x\r\n", errc::code_out_of_range, 0},  // no reply class 0, whatever the leniency
      {"099 x\r\n", errc::code_out_of_range, 0}, {"250-a\r\n050 b\r\n", errc::code_out_of_range, 7},
  };
  for (const auto& options : {parse_options{}, with(leniency::code_out_of_range), parse_options::lenient_all()}) {
    for (const auto& r : always) {
      INFO(r.input << " leniency " << static_cast<unsigned>(options.lenient));
      const auto events = test::run_whole(r.input, options);
      REQUIRE(events.size() == 1);
      CHECK(events[0].error == r.error);
      CHECK(events[0].offset == r.offset);
      const auto line = smtpreply::parse_line(r.input, options);
      if (r.input.compare(0, 4, "250-") != 0) {
        CHECK(line.error == r.error);
        CHECK(line.offset == r.offset);
      }
      check_split_invariance(r.input, options);
    }
  }
  // First digits 1 and 6-9, second digits 6-9: the leniency's business.
  for (const char* input : {"123 x\r\n", "660 x\r\n", "999 x\r\n", "196 x\r\n"}) {
    INFO(input);
    CHECK(parse_reply(input).error == errc::code_out_of_range);
    CHECK(parse_reply(input, with(leniency::code_out_of_range)));
  }
}

TEST_CASE("NUL bytes inside text", "[reply][errors]") {
  const std::string input("250 a\0b\r\n", 9);
  CHECK(parse_reply(input).error == errc::control_character);
  const auto lenient = parse_reply(input, with(leniency::control_character));
  REQUIRE(lenient);
  CHECK(lenient.value.first_line() == std::string_view("a\0b", 3));
  CHECK(lenient.value.flags().has(flag::control_character));
}

TEST_CASE("each leniency accepts exactly its deviation and reports it", "[reply][lenient]") {
  struct row {
    const char* input;
    leniency allow;
    flag reported;
    errc strict_error;
    int code;
    std::vector<std::string> lines;
  };
  const std::vector<row> rows = {
      {"250-a\n250 b\n", leniency::bare_lf, flag::bare_lf, errc::bare_lf, 250, {"a", "b"}},
      {"250\n", leniency::bare_lf, flag::bare_lf, errc::bare_lf, 250, {""}},
      {"250\tok\r\n", leniency::invalid_separator, flag::invalid_separator, errc::invalid_separator, 250, {"ok"}},
      {"250OK\r\n", leniency::invalid_separator, flag::invalid_separator, errc::invalid_separator, 250, {"OK"}},
      {"123 x\r\n", leniency::code_out_of_range, flag::code_out_of_range, errc::code_out_of_range, 123, {"x"}},
      {"660 x\r\n", leniency::code_out_of_range, flag::code_out_of_range, errc::code_out_of_range, 660, {"x"}},
      {"220-mx ESMTP\r\n521 5.7.1 blocked\r\n",
       leniency::mixed_codes,
       flag::mixed_codes,
       errc::mixed_codes,
       521,
       {"mx ESMTP", "5.7.1 blocked"}},
      {"250-a\r\n\r\n250 b\r\n", leniency::empty_line, flag::empty_line, errc::empty_line, 250, {"a", "b"}},
      {"\r\n\r\n250 b\r\n", leniency::empty_line, flag::empty_line, errc::empty_line, 250, {"b"}},
      {"535 \xb5\xc7\xc2\xbc\xca\xa7\xb0\xdc\r\n",
       leniency::invalid_utf8,
       flag::invalid_utf8,
       errc::invalid_utf8,
       535,
       {"\xb5\xc7\xc2\xbc\xca\xa7\xb0\xdc"}},  // GBK "login failed" from QQ Mail
      {"250 a\x7f\x01\r\n",
       leniency::control_character,
       flag::control_character,
       errc::control_character,
       250,
       {"a\x7f\x01"}},
      {"250 a\rb\r\n", leniency::control_character, flag::control_character, errc::control_character, 250, {"a\rb"}},
      {"250 a\r\r\n", leniency::control_character, flag::control_character, errc::control_character, 250, {"a\r"}},
  };
  for (const auto& r : rows) {
    INFO(r.input);
    const auto strict = test::run_whole(r.input);
    CHECK(strict.back().error == r.strict_error);
    // Every other leniency alone does not help.
    CHECK(test::run_whole(r.input, with(~r.allow)).back().error != errc::ok);
    for (const auto& options : {with(r.allow), parse_options::lenient_all()}) {
      const auto events = test::run_whole(r.input, options);
      REQUIRE(events.size() == 2);
      CHECK(events[0].code == r.code);
      CHECK(events[0].lines == r.lines);
      CHECK((events[0].flags & smtpreply::tolerated_flags_mask) == bits(r.reported));
      check_split_invariance(r.input, options);
    }
  }
}

TEST_CASE("lenient empty lines: before a reply in consumed only, inside it in raw() but not in lines()",
          "[reply][lenient]") {
  // Issue 11 defect 11: docs/design.md said skipped empty lines are never
  // in raw(); inside a reply they are (raw() is one contiguous view).
  const std::string input = "\r\n\n250-a\r\n\r\n\n250 b\r\n\r\n";
  smtpreply::reply_parser p{parse_options::lenient_all()};
  const auto r = p.feed(input);
  REQUIRE(r);
  CHECK(r.consumed == 20);                             // the 3 bytes before, then the reply
  CHECK(r.value.raw() == "250-a\r\n\r\n\n250 b\r\n");  // the empty lines inside it
  CHECK(r.value.raw().data() == input.data() + 3);
  CHECK(r.value.line_count() == 2);
  CHECK(std::vector<std::string_view>(r.value.lines().begin(), r.value.lines().end()) ==
        std::vector<std::string_view>{"a", "b"});
  CHECK(r.value.flags().has(flag::empty_line));
  const std::string_view rest = std::string_view(input).substr(r.consumed);
  CHECK(p.feed(rest).status == smtpreply::feed_status::need_more);
  const auto end = p.finish(rest);  // trailing empty lines: consumed by finish()
  CHECK(end);
  CHECK(end.consumed == 2);
  check_split_invariance(input, parse_options::lenient_all());
}

TEST_CASE("lenient: 8-bit encodings are reported", "[reply][encoding]") {
  CHECK(parse_reply("250 ok\r\n").value.encoding() == smtpreply::text_encoding::ascii);
  CHECK(parse_reply("250 caf\xc3\xa9\r\n").value.encoding() == smtpreply::text_encoding::utf8);
  const auto gbk = parse_reply("535 \xb5\xc7\r\n", with(leniency::invalid_utf8));
  CHECK(gbk.value.encoding() == smtpreply::text_encoding::other_8bit);
  // A broken sequence followed by a valid one: both bytes of the second kept.
  const auto mixed = parse_reply("250 \xc3x\xc3\xa9\r\n", with(leniency::invalid_utf8));
  REQUIRE(mixed);
  CHECK(mixed.value.first_line() == "\xc3x\xc3\xa9");
}

TEST_CASE("enhanced code facts are flags, never errors", "[reply][enhanced]") {
  struct row {
    const char* input;
    std::uint32_t flags;
    std::string enhanced;
  };
  const std::vector<row> rows = {
      {"550 5.1.1 No such user\r\n", 0, "5.1.1"},
      {"550-5.7.1 a\r\n550-5.7.1 b\r\n550 5.7.1 c\r\n", 0, "5.7.1"},  // Gmail repeats it: fine
      {"550 #5.1.0 Address rejected\r\n", bits(flag::esc_hash_prefix), ""},
      {"550 5.1.01 x\r\n", bits(flag::esc_malformed), ""},
      {"450 4.7.2x list\r\n", bits(flag::esc_malformed), ""},
      {"450 5.7.1 x\r\n", bits(flag::esc_class_mismatch), ""},
      {"354 2.0.0 go\r\n", bits(flag::esc_on_3xx), ""},
      {"450-4.7.0 a\r\n450 5.7.0 b\r\n", bits(flag::esc_lines_disagree), "4.7.0"},
      {"250-234 Text beginning with numbers\r\n250 ok\r\n", 0, ""},
      {"550 Orange OFR006_102 no code\r\n", 0, ""},
      {"220 1.2.3.4 ESMTP\r\n", 0, ""},  // an IP address, not a malformed enhanced code (issue 11 defect 5)
      {"220-1.2.3.4 ESMTP\r\n220 ready\r\n", 0, ""},
  };
  for (const auto& r : rows) {
    INFO(r.input);
    const auto events = test::run_whole(r.input);
    REQUIRE(events.size() == 2);
    CHECK(events[0].flags == r.flags);
    CHECK(events[0].enhanced == r.enhanced);
  }
}

TEST_CASE("mixed codes: the enhanced code comes from the line whose code wins", "[reply][lenient][enhanced]") {
  // Issue 11 defect 4: the code came from the last line, the enhanced code
  // from the first. Now both from the last run of equal codes (its first line).
  struct row {
    const char* input;
    int code;
    std::string enhanced;
    std::uint32_t flags;
  };
  const std::uint32_t mixed = bits(flag::mixed_codes);
  const std::vector<row> rows = {
      {"220-x\r\n521 5.7.1 b\r\n", 521, "5.7.1", mixed},
      {"421-4.7.0 a\r\n521 5.7.1 b\r\n", 521, "5.7.1", mixed},  // no class mismatch, no disagreement
      {"220-x\r\n521-5.7.1 a\r\n521 b\r\n", 521, "5.7.1", mixed},
      {"220-2.0.0 x\r\n521-5.7.1 a\r\n521 5.7.2 b\r\n", 521, "5.7.1", mixed | bits(flag::esc_lines_disagree)},
      {"550-5.7.1 a\r\n550-5.7.2 b\r\n421 4.3.2 c\r\n", 421, "4.3.2", mixed},  // disagreement of a run that lost
      {"220-5.7.1 x\r\n521 b\r\n", 521, "", mixed},                            // the winning line has none
      {"521-5.7.1 x\r\n220-a\r\n521 b\r\n", 521, "", mixed},                   // the last run starts at "521 b"
  };
  for (const auto& r : rows) {
    INFO(r.input);
    for (const auto& options : {with(leniency::mixed_codes), parse_options::lenient_all()}) {
      const auto events = test::run_whole(r.input, options);
      REQUIRE(events.size() == 2);
      CHECK(events[0].code == r.code);
      CHECK(events[0].enhanced == r.enhanced);
      CHECK(events[0].flags == r.flags);
      check_split_invariance(r.input, options);
    }
  }
}

TEST_CASE("limits: lines, the 334 override, replies, line counts", "[reply][limits]") {
  parse_options o{};
  o.limit.max_line_octets = 10;
  // "250 12345\r\n" is 11 octets; "250 1234\r\n" is 10.
  CHECK(parse_reply("250 1234\r\n", o));
  auto e = parse_reply("250 12345\r\n", o);
  CHECK(e.error == errc::line_too_long);
  CHECK(e.offset == 10);
  CHECK(parse_reply("250-1234\r\n250 12345\r\n", o).offset == 20);
  // A 334 line gets the larger limit.
  o.limit.max_auth_line_octets = 20;
  CHECK(parse_reply("334 0123456789abcd\r\n", o));
  CHECK(parse_reply("334 0123456789abcde\r\n", o).error == errc::line_too_long);
  // Reply octets count everything, across lines.
  parse_options r{};
  r.limit.max_reply_octets = 16;
  CHECK(parse_reply("250-abc\r\n250 d\r\n", r));  // 9 + 7 = 16 octets
  const auto big = parse_reply("250-abc\r\n250 def\r\n", r);
  CHECK(big.error == errc::reply_too_long);
  CHECK(big.offset == 16);
  // Line count.
  parse_options l{};
  l.limit.max_reply_lines = 2;
  CHECK(parse_reply("250-a\r\n250 b\r\n", l));
  const auto many = parse_reply("250-a\r\n250-b\r\n250 c\r\n", l);
  CHECK(many.error == errc::too_many_lines);
  CHECK(many.offset == 14);
  // RFC limit: a 513-octet line is over the RFC's 512 but within the default.
  const std::string long_line = "250 " + std::string(507, 'x') + "\r\n";
  REQUIRE(long_line.size() == 513);
  const auto ok = parse_reply(long_line);
  REQUIRE(ok);
  CHECK(ok.value.flags().has(flag::long_line));
  const std::string rfc_sized = long_line.substr(0, 4) + long_line.substr(5);
  CHECK_FALSE(parse_reply(rfc_sized).value.flags().has(flag::long_line));
  CHECK(parse_reply(long_line, parse_options{leniency::none, smtpreply::limits::rfc()}).error == errc::line_too_long);
  // Endless input is cut at the limit, even when it never ends a line.
  const std::string endless(100000, 'x');
  CHECK(test::run_chunked("250 " + endless, {}, 4096).back().error == errc::line_too_long);
  CHECK(test::run_chunked("250-a\r\n" + std::string(100000, '\n'), parse_options::lenient_all(), 1000).back().error ==
        errc::reply_too_long);
  check_split_invariance("250-abc\r\n250 def\r\n", r);
  check_split_invariance("250-a\r\n250-b\r\n250 c\r\n", l);
}

TEST_CASE("limits near 2^32 do not wrap a 32-bit size_t", "[reply][limits]") {
  // Issue 11 defect 3: start + limit wrapped under -m32, so a reply whose
  // second line starts at offset 7 failed with line_too_long.
  const std::string input = "250-a\r\n250 b\r\n";
  for (int which = 0; which < 4; ++which) {
    parse_options o{};
    if (which == 0) o.limit.max_line_octets = 0xffffffffu;
    if (which == 1) o.limit.max_auth_line_octets = 0xffffffffu;
    if (which == 2) o.limit.max_reply_octets = 0xffffffffu;
    if (which == 3) o.limit = smtpreply::limits{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
    for (const auto& l : {o, parse_options{leniency::all, o.limit}}) {
      INFO("limits " << which << ", leniency " << static_cast<unsigned>(l.lenient));
      const auto events = test::run_whole(input, l);
      REQUIRE(events.size() == 2);
      CHECK(events[0].lines == std::vector<std::string>{"a", "b"});
      CHECK(events[1].error == errc::ok);
      check_split_invariance(input, l);
      const auto auth = parse_reply("334-a\r\n334 b\r\n", l);
      CHECK(auth);
      CHECK(smtpreply::parse_line("250-a\r\n250 b\r\n", l));
    }
  }
  CHECK(smtpreply::detail::add_saturated(static_cast<std::size_t>(-1) - 1, 5) == static_cast<std::size_t>(-1));
}

TEST_CASE("the parser resumes where it stopped and never looks back", "[reply][streaming]") {
  const std::string input = "250-mx.example.org\r\n250-SIZE 1000\r\n250 OK\r\n";
  smtpreply::reply_parser p;
  for (std::size_t k = 1; k < input.size(); ++k) {
    const auto r = p.feed(std::string_view(input).substr(0, k));
    REQUIRE(r.status == smtpreply::feed_status::need_more);
    CHECK(p.examined() == k);  // each call looks only at the new byte
  }
  const auto r = p.feed(input);
  REQUIRE(r);
  CHECK(r.consumed == input.size());
  CHECK(p.examined() == 0);  // ready for the next reply
}

TEST_CASE("errors are sticky; reset() starts over; a shrunk buffer is refused", "[reply][streaming]") {
  smtpreply::reply_parser p;
  auto r = p.feed("250 a\n");
  CHECK(r.error == errc::bare_lf);
  CHECK(p.failed());
  CHECK(p.feed("250 ok\r\n").error == errc::bare_lf);
  CHECK(p.finish("250 ok\r\n").error == errc::bare_lf);
  p.reset();
  CHECK(p.feed("250 ok\r\n"));
  smtpreply::reply_parser q;
  CHECK(q.feed("250 o").status == smtpreply::feed_status::need_more);
  const auto shrunk = q.feed("25");
  CHECK(shrunk.error == errc::buffer_mismatch);
  CHECK(shrunk.offset == 2);
}

TEST_CASE("finish() tells a clean end from a cut reply", "[reply][streaming]") {
  smtpreply::reply_parser p;
  CHECK(p.finish(""));
  CHECK(p.feed("250-a\r\n250").status == smtpreply::feed_status::need_more);
  const auto f = p.finish("250-a\r\n250");
  CHECK(f.error == errc::incomplete);
  CHECK(f.offset == 0);
  CHECK(parse_reply("250 ok").error == errc::incomplete);
  CHECK(parse_reply("").error == errc::incomplete);
  // Trailing empty lines (lenient) are consumed at the end.
  smtpreply::reply_parser l{parse_options::lenient_all()};
  CHECK(l.feed("\r\n\n").status == smtpreply::feed_status::need_more);
  const auto end = l.finish("\r\n\n");
  CHECK(end);
  CHECK(end.consumed == 3);
  smtpreply::reply_parser cr{parse_options::lenient_all()};
  CHECK(cr.feed("\r").status == smtpreply::feed_status::need_more);
  CHECK(cr.finish("\r").error == errc::incomplete);
}

TEST_CASE("finish() never drops a reply the caller has not read", "[reply][streaming]") {
  // Issue 10: finish("250 ok\r\n251 x") on a fresh parser said ok.
  smtpreply::reply_parser p;
  const auto f = p.finish("250 ok\r\n251 x");
  CHECK(f.error == errc::incomplete);
  CHECK(f.offset == 0);  // the first byte not read as a reply
  CHECK(p.failed());     // sticky, like every finish() error
  CHECK(p.feed("250 ok\r\n").error == errc::incomplete);
  // A complete reply alone, unread: the same.
  smtpreply::reply_parser q;
  CHECK(q.finish("250 ok\r\n").error == errc::incomplete);
  // The unread reply completes with the bytes given to finish().
  smtpreply::reply_parser r;
  CHECK(r.feed("250-a\r\n250 b").status == smtpreply::feed_status::need_more);
  const auto g = r.finish("250-a\r\n250 b\r\n");
  CHECK(g.error == errc::incomplete);
  CHECK(g.offset == 0);
  // Lenient: the offset is the unread reply's first code digit.
  smtpreply::reply_parser l{parse_options::lenient_all()};
  const auto h = l.finish("\r\n\n250 ok\r\n");
  CHECK(h.error == errc::incomplete);
  CHECK(h.offset == 3);
  // Nothing changes for a caller who fed until need_more.
  smtpreply::reply_parser ok;
  REQUIRE(ok.feed("250 ok\r\n"));
  CHECK(ok.finish(""));
  CHECK(parse_reply("250 ok\r\n251 x"));  // parse_reply() reads the first reply; the rest is left alone
}

TEST_CASE("parse_line", "[line]") {
  auto l = smtpreply::parse_line("250-SIZE 35882577\r\n250 OK\r\n");
  REQUIRE(l);
  CHECK(l.code.value() == 250);
  CHECK_FALSE(l.is_last);
  CHECK(l.text == "SIZE 35882577");
  CHECK(l.length == 19);
  auto last = smtpreply::parse_line("334\r\n");
  CHECK(last.is_last);
  CHECK(last.text.empty());
  CHECK(smtpreply::parse_line("250 ok").error == errc::incomplete);
  CHECK(smtpreply::parse_line("25x ok\r\n").error == errc::invalid_code);
  auto bare = smtpreply::parse_line("250 ok\n", parse_options::lenient_all());
  CHECK(bare.flags.has(flag::bare_lf));
}

TEST_CASE("no byte outside the input is ever read (guard page)", "[reply][memory]") {
  const long page = sysconf(_SC_PAGESIZE);
  auto* base = static_cast<char*>(
      mmap(nullptr, static_cast<std::size_t>(2 * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  REQUIRE(base != MAP_FAILED);
  REQUIRE(mprotect(base + page, static_cast<std::size_t>(page), PROT_NONE) == 0);
  const std::vector<std::string> inputs = {
      "250 ok\r\n", "250-a\r\n250", "250 caf\xc3", "334", "2", "250 a\r", "250-" + std::string(300, 'y'), "550 5.1.",
      "\r"};
  for (const auto& s : inputs) {
    char* at = base + page - static_cast<long>(s.size());
    std::memcpy(at, s.data(), s.size());
    for (const auto& options : {parse_options{}, parse_options::lenient_all()}) {
      smtpreply::reply_parser p{options};
      const auto r = p.feed(std::string_view(at, s.size()));
      if (r) {
        for (auto t : r.value.lines()) CHECK(t.size() <= s.size());
      }
      (void)p.finish(std::string_view(at, s.size()));
      (void)smtpreply::parse_line(std::string_view(at, s.size()), options);
    }
  }
  munmap(base, static_cast<std::size_t>(2 * page));
}
