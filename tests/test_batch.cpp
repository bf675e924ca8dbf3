// for_each_reply(): the same replies and the same first error as feeding the
// buffer to one reply_parser and calling finish().
#include <cstdint>
#include <smtpreply/batch.hpp>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

using smtpreply::batch_result;
using smtpreply::errc;
using smtpreply::for_each_reply;
using smtpreply::leniency;
using smtpreply::parse_options;

namespace {

struct batch_run {
  std::vector<test::event> events;
  batch_result result;
};

// The batch API's answer in the shape of test::run(): the replies, then one
// final event (the error and its offset, or ok and the buffer's size).
batch_run run_batch(std::string_view input, const parse_options& options) {
  batch_run out;
  out.result = for_each_reply(input, options, [&](const smtpreply::reply& r) {
    test::event e;
    e.offset = static_cast<std::size_t>(r.raw().data() - input.data());
    e.length = r.raw().size();
    e.code = r.code().value();
    for (std::string_view t : r.lines()) e.lines.emplace_back(t);
    e.enhanced = test::esc_string(r.enhanced());
    e.flags = r.flags().bits();
    e.encoding = r.encoding();
    out.events.push_back(e);
  });
  test::event end;
  end.error = out.result.error;
  end.offset = out.result.offset;
  out.events.push_back(end);
  return out;
}

// What was handed out before the error ends where the first unread reply
// (or the error's reply) starts, as the streaming parser's consumed bytes.
std::size_t streaming_consumed(std::string_view input, const parse_options& options) {
  smtpreply::reply_parser p{options};
  std::size_t start = 0;
  for (;;) {
    const smtpreply::feed_result r = p.feed(input.substr(start));
    if (!r) break;
    start += r.consumed;
  }
  return start;
}

void check_against_feed(std::string_view input, const parse_options& options) {
  INFO("input: " << std::string(input));
  const batch_run b = run_batch(input, options);
  CHECK(b.events == test::run_whole(input, options));
  CHECK(b.result.replies + 1 == b.events.size());
  if (b.result) {
    CHECK(b.result.consumed == input.size());
    CHECK(b.result.offset == input.size());
  } else {
    CHECK(b.result.consumed == streaming_consumed(input, options));
    CHECK(b.result.consumed <= b.result.offset);
  }
  CHECK_FALSE(b.result.stopped);
}

// splitmix64, as the benchmark corpora use.
struct rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

}  // namespace

// constexpr: a constexpr callback counts replies at compile time.
static_assert([] {
  int codes = 0;
  const batch_result r = for_each_reply("250-a\r\n250 b\r\n221 bye\r\n",
                                        [&codes](const smtpreply::reply& x) { codes += x.code().value(); });
  return r && r.replies == 2 && codes == 471;
}());
static_assert(for_each_reply("250 ok\r\n251 x", [](const smtpreply::reply&) {}).error == errc::incomplete);
static_assert(for_each_reply("250 ok\r\n251 x", [](const smtpreply::reply&) {}).offset == 8);

TEST_CASE("for_each_reply: every reply of a buffer, in order", "[batch]") {
  std::vector<int> codes;
  const std::string input = "220 mx ESMTP\r\n250-mx\r\n250-SIZE 100\r\n250 8BITMIME\r\n550 5.1.1 no\r\n";
  const batch_result r =
      for_each_reply(input, {}, [&](const smtpreply::reply& x) { codes.push_back(x.code().value()); });
  CHECK(r);
  CHECK(r.replies == 3);
  CHECK(r.consumed == input.size());
  CHECK(r.offset == input.size());
  CHECK(codes == std::vector<int>{220, 250, 550});
  CHECK(for_each_reply("", [](const smtpreply::reply&) {}).replies == 0);
  CHECK(for_each_reply("", [](const smtpreply::reply&) {}));
}

TEST_CASE("for_each_reply: a callback that returns false stops the walk", "[batch]") {
  const std::string input = "250 a\r\n251 b\r\nXXX broken\r\n";
  int seen = 0;
  const batch_result r = for_each_reply(input, {}, [&](const smtpreply::reply&) { return ++seen < 2; });
  CHECK(r);
  CHECK(r.stopped);
  CHECK(seen == 2);
  CHECK(r.replies == 2);
  CHECK(r.consumed == 14);
  // Without stopping, the broken line is the first error.
  const batch_result all = for_each_reply(input, {}, [](const smtpreply::reply&) { return true; });
  CHECK(all.error == errc::invalid_code);
  CHECK(all.offset == 14);
  CHECK(all.consumed == 14);
  CHECK(all.replies == 2);
}

TEST_CASE("for_each_reply: every error kind, as feed() and finish() report it", "[batch]") {
  struct row {
    const char* input;
    errc error;
    parse_options options;
  };
  parse_options small{};
  small.limit.max_line_octets = 16;
  parse_options small_reply{};
  small_reply.limit.max_reply_octets = 20;
  parse_options few_lines{};
  few_lines.limit.max_reply_lines = 2;
  const std::vector<row> rows = {
      {"250 ok\r\nX50 bad\r\n", errc::invalid_code, {}},
      {"250 ok\r\n650 out\r\n", errc::code_out_of_range, {}},
      {"250 ok\r\n250x glued\r\n", errc::invalid_separator, {}},
      {"250 ok\r\n250 bare\n", errc::bare_lf, {}},
      {"250 ok\r\n250 nul \x01 here\r\n", errc::control_character, {}},
      {"250 ok\r\n250 caf\xc3\x28\r\n", errc::invalid_utf8, {}},
      {"250 ok\r\n\r\n250 x\r\n", errc::empty_line, {}},
      {"250 ok\r\n250-a\r\n251 b\r\n", errc::mixed_codes, {}},
      {"250 ok\r\n250 this line is far too long\r\n", errc::line_too_long, small},
      {"250 ok\r\n250-abcdef\r\n250 abcdefghij\r\n", errc::reply_too_long, small_reply},
      {"250 ok\r\n250-a\r\n250-b\r\n250 c\r\n", errc::too_many_lines, few_lines},
      {"250 ok\r\n250-a\r\n250 unfinish", errc::incomplete, {}},
      {"250 ok\r\n250-a\r\n", errc::incomplete, {}},
  };
  for (const row& x : rows) {
    INFO("input: " << x.input);
    const batch_run b = run_batch(x.input, x.options);
    CHECK(b.result.error == x.error);
    CHECK(b.result.replies == 1);
    CHECK(b.result.consumed == 8);
    check_against_feed(x.input, x.options);
  }
  // invalid_enhanced_code and buffer_mismatch are not reply_parser errors of
  // a whole buffer: the first belongs to the enhanced-code parser, the second
  // to a caller that shrinks the buffer between feed() calls.
}

TEST_CASE("for_each_reply: lenient parses skip empty lines like feed() and finish()", "[batch]") {
  const parse_options lenient = parse_options::lenient_all();
  for (const char* input :
       {"\r\n250 a\r\n\r\n\n251 b\n\r\n", "250 a\r\n\r\n", "\r\n\r\n", "250 a\r\n\r", "\n", "250-a\n251 b\r\n"}) {
    check_against_feed(input, lenient);
  }
}

namespace {

// Pieces of valid and broken replies, and bytes that cut them; the first five
// are valid replies.
const std::vector<std::string>& stream_pieces() {
  static const std::vector<std::string> pieces = {"250 OK\r\n",
                                                  "250-mx.example.org Hello\r\n",
                                                  "250-SIZE 35882577\r\n",
                                                  "250 SMTPUTF8\r\n",
                                                  "550 5.1.1 <x@example.org>: user unknown\r\n",
                                                  "550-5.1.1 a\r\n",
                                                  "550 5.1.2 b\r\n",
                                                  "421-4.7.0 x\r\n",
                                                  "521 5.7.1 y\r\n",
                                                  "220 caf\xc3\xa9\r\n",
                                                  "250 \xb0 bad\r\n",
                                                  "250 bare\n",
                                                  "\r\n",
                                                  "\n",
                                                  "334 \r\n",
                                                  "354 Go ahead\r\n",
                                                  "250",
                                                  "-",
                                                  " ",
                                                  "\r",
                                                  "\t",
                                                  "x",
                                                  "2",
                                                  "25",
                                                  "250-",
                                                  "\x7f",
                                                  "651 x\r\n",
                                                  "250 " + std::string(600, 'a') + "\r\n",
                                                  "250-" + std::string(100, 'b') + "\r\n",
                                                  "#5.1.1 x\r\n",
                                                  "250 5.1 x\r\n",
                                                  "250 2.1.0\r\n"};
  return pieces;
}

// Strict, lenient, and small limits that random streams reach.
std::vector<parse_options> stream_options() {
  parse_options small{};
  small.limit.max_line_octets = 64;
  small.limit.max_reply_lines = 3;
  parse_options small_lenient = parse_options::lenient_all();
  small_lenient.limit.max_reply_octets = 200;
  return {parse_options{},
          parse_options::lenient_all(),
          small,
          small_lenient,
          parse_options{leniency::bare_lf, smtpreply::limits{}},
          parse_options{leniency::empty_line, smtpreply::limits{}}};
}

// A random stream: mostly valid pieces in two rounds of three (errors then
// come late, after many replies), cut short in one round of five.
std::string random_stream(rng& r, int round) {
  const std::vector<std::string>& pieces = stream_pieces();
  std::string input;
  const std::size_t count = 1 + r.below(12);
  for (std::size_t i = 0; i < count; ++i) input += pieces[r.below(round % 3 == 0 ? pieces.size() : 5)];
  if (round % 5 == 0) input.resize(r.below(input.size() + 1));
  return input;
}

}  // namespace

TEST_CASE("for_each_reply agrees with feed() on random streams", "[batch]") {
  const std::vector<parse_options> options = stream_options();
  rng r{42};
  for (int round = 0; round < 3000; ++round) {
    const std::string input = random_stream(r, round);
    for (const parse_options& o : options) check_against_feed(input, o);
  }
}

TEST_CASE("for_each_reply(parser, ...): the socket loop gives feed()'s replies in any chunking", "[batch]") {
  const std::vector<parse_options> options = stream_options();
  rng r{7};
  for (int round = 0; round < 1500; ++round) {
    const std::string input = random_stream(r, round);
    std::vector<std::size_t> cuts;  // random reads, from 1 byte to a few replies
    for (std::size_t at = 1 + r.below(40); at < input.size(); at += 1 + r.below(round % 2 == 0 ? 4 : 60)) {
      cuts.push_back(at);
    }
    INFO("input: " << input << " round " << round);
    for (const parse_options& o : options) {
      const std::vector<test::event> expected = test::run_whole(input, o);
      CHECK(test::run_socket_loop(input, o, cuts) == expected);
      CHECK(test::run_socket_loop(input, o, {}) == expected);
      CHECK(test::run(input, o, cuts) == expected);
    }
  }
}

TEST_CASE("for_each_reply(parser, ...): a reply split between reads is kept, then handed out whole", "[batch]") {
  smtpreply::reply_parser parser;
  std::string buffer = "250 first\r\n250-second\r\n250 sec";
  std::vector<std::string> seen;
  const auto keep = [&](const smtpreply::reply& r) { seen.emplace_back(r.raw()); };
  batch_result r = for_each_reply(parser, buffer, keep);
  CHECK(r);
  CHECK(r.replies == 1);
  CHECK(r.consumed == 11);  // the second reply starts there
  CHECK(r.offset == buffer.size());
  CHECK(parser.examined() == buffer.size() - 11);  // all of it, from the second reply's start
  buffer.erase(0, r.consumed);
  buffer += "ond\r\n221 bye\r\n";
  r = for_each_reply(parser, buffer, keep);
  CHECK(r);
  CHECK(r.replies == 2);
  CHECK(r.consumed == buffer.size());
  CHECK(seen == std::vector<std::string>{"250 first\r\n", "250-second\r\n250 second\r\n", "221 bye\r\n"});
  CHECK(parser.finish(std::string_view(buffer).substr(r.consumed)));
}

TEST_CASE("for_each_reply(parser, ...): stops, sticky errors and a shrunk buffer, as feed()", "[batch]") {
  smtpreply::reply_parser parser;
  const std::string two = "250 a\r\n251 b\r\n";
  int calls = 0;
  batch_result r = for_each_reply(parser, two, [&](const smtpreply::reply&) { return ++calls < 1; });
  CHECK(r.stopped);
  CHECK(r.replies == 1);
  CHECK(r.consumed == 7);
  r = for_each_reply(parser, std::string_view(two).substr(7), [&](const smtpreply::reply&) { ++calls; });
  CHECK(r);
  CHECK(calls == 2);

  const std::string bad = "250 ok\r\n25x\r\n";
  r = for_each_reply(parser, bad, [](const smtpreply::reply&) {});
  CHECK(r.error == errc::invalid_code);
  CHECK(r.offset == 10);
  CHECK(r.consumed == 8);
  CHECK(r.replies == 1);
  r = for_each_reply(parser, "250 ok\r\n", [](const smtpreply::reply&) {});  // sticky until reset()
  CHECK(r.error == errc::invalid_code);
  CHECK(r.replies == 0);
  CHECK(parser.failed());

  parser.reset();
  const std::string partial = "250 some text";
  CHECK(for_each_reply(parser, partial, [](const smtpreply::reply&) {}));
  r = for_each_reply(parser, std::string_view(partial).substr(0, 5), [](const smtpreply::reply&) {});
  CHECK(r.error == errc::buffer_mismatch);
  CHECK(r.offset == 5);
}
