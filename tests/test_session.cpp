#include <set>
#include <smtpreply/reply_parser.hpp>
#include <smtpreply/session.hpp>
#include <string>
#include <utility>
#include <vector>

#include "catch.hpp"

using smtpreply::check_reply;
using smtpreply::code_check;
using smtpreply::command;
using smtpreply::reply_code;
using smtpreply::track_flag;

namespace {
constexpr reply_code rc(int v) { return reply_code{static_cast<std::uint16_t>(v)}; }
std::uint32_t bits(track_flag f) { return static_cast<std::uint32_t>(f); }

// Every command but `none`, from the command table.
std::vector<command> commands() {
  std::vector<command> out;
  for (const auto& row : smtpreply::command_table) {
    if (row.value != command::none) out.push_back(row.value);
  }
  return out;
}
const std::vector<command> all_commands = commands();

// A pipelined exchange run at compile time: EHLO, MAIL, RCPT, RCPT, DATA and
// one reply too many.
constexpr smtpreply::track_result pipelined_at_compile_time() {
  smtpreply::basic_pipeline_tracker<4> t;
  t.push(command::mail);
  t.push(command::rcpt);
  t.push(command::data);
  (void)t.on_reply(rc(250));
  (void)t.on_reply(rc(550));
  (void)t.on_reply(rc(354));
  return t.on_reply(rc(250));
}
}  // namespace

// constexpr proofs.
static_assert(check_reply(command::data, rc(250)) == code_check::not_listed);  // "250 2.0.0 Resetting"
static_assert(check_reply(command::data, rc(354)) == code_check::listed);
static_assert(check_reply(command::rcpt, rc(421)) == code_check::any_command);
static_assert(check_reply(command::none, rc(250)) == code_check::unknown_command);
static_assert(smtpreply::expected_for(command::quit).size() == 1);
static_assert(smtpreply::command_from_line("starttls\r\n") == command::starttls);
static_assert(pipelined_at_compile_time().has(track_flag::no_pending_command));
static_assert(pipelined_at_compile_time().answered == command::none);

TEST_CASE("RFC 5321 4.3.2: the codes listed for each command", "[session]") {
  // Straight from the RFC's list (S, I and E codes), independent of the table.
  const std::vector<std::pair<command, std::vector<int>>> rfc5321 = {
      {command::greeting, {220, 554}},
      {command::ehlo, {250, 504, 550, 502}},
      {command::helo, {250, 504, 550, 502}},
      {command::mail, {250, 552, 451, 452, 550, 553, 503, 455, 555}},
      {command::rcpt, {250, 251, 550, 551, 552, 553, 450, 451, 452, 503, 455, 555}},
      {command::data, {354, 503, 554}},
      {command::end_of_data, {250, 552, 554, 451, 452, 450, 550}},
      {command::rset, {250}},
      {command::vrfy, {250, 251, 252, 550, 551, 553, 502, 504}},
      {command::expn, {250, 252, 550, 500, 502, 504}},
      {command::help, {211, 214, 502, 504}},
      {command::noop, {250}},
      {command::quit, {221}},
  };
  for (const auto& row : rfc5321) {
    for (int code : row.second) {
      INFO(smtpreply::name(row.first) << " " << code);
      const auto c = check_reply(row.first, rc(code));
      CHECK((c == code_check::listed || c == code_check::any_command));
      CHECK(smtpreply::find_expected(row.first, rc(code)).code == code);
    }
  }
  // 421, 500 and 501 for any command; the greeting and the final dot are not
  // commands, so only 421 there.
  for (command c : all_commands) {
    INFO(smtpreply::name(c));
    CHECK(check_reply(c, rc(421)) != code_check::not_listed);
    const bool is_command = c != command::greeting && c != command::end_of_data;
    CHECK((check_reply(c, rc(500)) != code_check::not_listed) == is_command);
    CHECK((check_reply(c, rc(501)) != code_check::not_listed) == is_command);
  }
  CHECK(check_reply(command::noop, rc(500)) == code_check::any_command);
  CHECK(check_reply(command::expn, rc(500)) == code_check::listed);  // EXPN lists it itself
}

TEST_CASE("codes no RFC lists for the command are flagged", "[session]") {
  const std::vector<std::pair<command, int>> odd = {
      {command::data, 250},      // Exchange's "250 2.0.0 Resetting" (Haraka #1852)
      {command::greeting, 250},  // a reply consumed by the wrong pending action (nodemailer #1508)
      {command::greeting, 500}, {command::ehlo, 220},     {command::ehlo, 554},
      {command::mail, 354},     {command::rcpt, 252},     {command::rset, 550},
      {command::quit, 250},     {command::noop, 530},  // RFC 3207 exempts NOOP
      {command::ehlo, 530},     {command::starttls, 530}, {command::end_of_data, 354},
      {command::auth, 250},     {command::data, 999},     {command::rcpt, 0},
  };
  for (const auto& o : odd) {
    INFO(smtpreply::name(o.first) << " " << o.second);
    CHECK(check_reply(o.first, rc(o.second)) == code_check::not_listed);
    CHECK(smtpreply::find_expected(o.first, rc(o.second)).code == 0);
  }
}

TEST_CASE("extension RFC rows", "[session]") {
  const std::vector<std::pair<command, std::vector<int>>> rows = {
      {command::greeting, {521}},                                      // RFC 7504
      {command::auth, {235, 334, 432, 454, 503, 504, 534, 535, 538}},  // RFC 4954
      {command::starttls, {220, 454}},                                 // RFC 3207
      {command::bdat, {250, 503, 552, 554}},                           // RFC 3030
      {command::mail, {530}},
      {command::rcpt, {530}},
      {command::data, {530}},
  };
  for (const auto& row : rows) {
    for (int code : row.second) {
      INFO(smtpreply::name(row.first) << " " << code);
      CHECK(check_reply(row.first, rc(code)) == code_check::listed);
      const auto e = smtpreply::find_expected(row.first, rc(code));
      CHECK(e.cmd == row.first);
      CHECK(e.source.substr(0, 4) == "RFC ");
    }
  }
  CHECK(smtpreply::find_expected(command::greeting, rc(521)).source == "RFC 7504 section 3");
  CHECK_FALSE(smtpreply::find_expected(command::greeting, rc(521)).any_command);
  CHECK(smtpreply::find_expected(command::mail, rc(521)).any_command);
  CHECK(smtpreply::find_expected(command::auth, rc(334)).role == smtpreply::reply_role::intermediate);
}

TEST_CASE("the table is consistent", "[session]") {
  std::set<std::pair<int, std::string>> seen;
  for (const auto& r : smtpreply::command_reply_table) {
    INFO(r.code << " " << r.source);
    CHECK(reply_code{r.code}.is_valid());
    CHECK(seen.insert({r.code, std::string(r.source)}).second);  // one row per code and source
    CHECK(r.source.substr(0, 4) == "RFC ");
    for (char c : r.source) CHECK(static_cast<unsigned char>(c) < 0x80);
    CHECK((r.commands & smtpreply::command_bit(command::none)) == 0);
  }
  for (command c : all_commands) {
    INFO(smtpreply::name(c));
    CHECK(smtpreply::expected_for(c).size() > 0);
    for (const auto r : smtpreply::expected_for(c)) {
      CHECK(r.cmd == c);
      CHECK(r.role == smtpreply::role_of(reply_code{r.code}));
      CHECK(check_reply(c, reply_code{r.code}) == code_check::listed);
    }
    for (const auto r : smtpreply::expected_for(c, true)) {
      CHECK(check_reply(c, reply_code{r.code}) != code_check::not_listed);
    }
  }
  CHECK(smtpreply::expected_for(command::none).size() == 0);
}

TEST_CASE("ETRN replies (RFC 1985)", "[session]") {
  for (int code : {250, 251, 252, 253, 458, 459, 500, 501}) {
    INFO(code);
    CHECK(check_reply(command::etrn, rc(code)) != code_check::not_listed);
  }
  CHECK(smtpreply::command_from_line("ETRN example.org") == command::etrn);
  CHECK(check_reply(command::etrn, rc(354)) == code_check::not_listed);
}

TEST_CASE("the contested pairs of the old two tables", "[session]") {
  CHECK(check_reply(command::rcpt, rc(556)) == code_check::listed);       // RFC 7504
  CHECK(check_reply(command::mail, rc(521)) == code_check::any_command);  // RFC 7504: all but QUIT
  CHECK(check_reply(command::quit, rc(521)) == code_check::not_listed);
  for (command c : {command::auth, command::bdat, command::starttls}) {
    CHECK(check_reply(c, rc(502)) == code_check::listed);  // RFC 5321 4.2.4
  }
  CHECK(check_reply(command::end_of_data, rc(500)) == code_check::not_listed);  // "." is not a command
  CHECK(check_reply(command::end_of_data, rc(501)) == code_check::not_listed);
}

TEST_CASE("client lines name their command", "[session]") {
  const std::vector<std::pair<const char*, command>> rows = {
      {"EHLO client.example", command::ehlo},
      {"ehlo x", command::ehlo},
      {"HELO x", command::helo},
      {"MAIL FROM:<a@b>", command::mail},
      {"RCPT TO:<a@b>\r\n", command::rcpt},
      {"DATA", command::data},
      {"DATA\r\n", command::data},
      {".", command::end_of_data},
      {".\r\n", command::end_of_data},
      {"BDAT 100 LAST", command::bdat},
      {"RSET", command::rset},
      {"VRFY postmaster", command::vrfy},
      {"EXPN list", command::expn},
      {"HELP", command::help},
      {"NOOP", command::noop},
      {"QUIT", command::quit},
      {"AUTH PLAIN AGZvbwBiYXI=", command::auth},
      {"StartTLS", command::starttls},
      {"MAILX FROM:<a@b>", command::none},
      {"", command::none},
      {"..", command::none},
      {" DATA", command::none},
      {"XCLIENT NAME=x", command::none},
      {"DATAX", command::none},
  };
  for (const auto& r : rows) {
    INFO(r.first);
    CHECK(smtpreply::command_from_line(r.first) == r.second);
  }
}

TEST_CASE("pipeline: replies pair with commands by count", "[session][tracker]") {
  smtpreply::pipeline_tracker t;
  for (command c : {command::greeting, command::ehlo, command::mail, command::rcpt, command::rcpt, command::data}) {
    CHECK(t.push(c));
  }
  CHECK(t.pending() == 6);
  CHECK(t.front() == command::greeting);
  const std::vector<std::pair<int, command>> replies = {{220, command::greeting}, {250, command::ehlo},
                                                        {250, command::mail},     {550, command::rcpt},
                                                        {250, command::rcpt},     {354, command::data}};
  std::uint64_t sequence = 0;
  for (const auto& r : replies) {
    const auto res = t.on_reply(rc(r.first));
    CHECK(res.answered == r.second);
    CHECK(res.sequence == sequence++);
    CHECK(res.flags == 0);
    CHECK(res.check == code_check::listed);
    CHECK_FALSE(res.unmatched());
  }
  CHECK(t.pending() == 0);
  CHECK(t.front() == command::none);
  CHECK(t.push(command::end_of_data));
  CHECK(t.on_reply(rc(250)).answered == command::end_of_data);
  CHECK(t.pushed() == 7);
  CHECK(t.replies() == 7);
  CHECK(t.matched() == 7);
  CHECK(t.unmatched() == 0);
}

TEST_CASE("pipeline: one reply too many (nodemailer, MailKit, aiosmtplib)", "[session][tracker]") {
  smtpreply::pipeline_tracker t;
  t.push(command::mail);
  t.push(command::rcpt);
  CHECK(t.on_reply(rc(250)).answered == command::mail);
  CHECK(t.on_reply(rc(250)).answered == command::rcpt);
  const auto extra = t.on_reply(rc(250));
  CHECK(extra.answered == command::none);
  CHECK(extra.has(track_flag::no_pending_command));
  CHECK(extra.unmatched());
  CHECK(t.unmatched() == 1);
  // The next command is still paired with the next reply, the extra one is
  // not carried over to it.
  t.push(command::data);
  const auto next = t.on_reply(rc(354));
  CHECK(next.answered == command::data);
  CHECK(next.flags == 0);
  CHECK(t.pushed() == t.matched() + t.pending());
  CHECK(t.replies() == t.matched() + t.unmatched());
}

TEST_CASE("pipeline: 421", "[session][tracker]") {
  smtpreply::pipeline_tracker t;
  const auto unsolicited = t.on_reply(rc(421));
  CHECK(unsolicited.flags == (bits(track_flag::unsolicited_421) | bits(track_flag::closing)));
  CHECK(unsolicited.answered == command::none);
  t.push(command::rcpt);
  const auto answer = t.on_reply(rc(421));
  CHECK(answer.answered == command::rcpt);
  CHECK(answer.check == code_check::any_command);
  CHECK(answer.flags == bits(track_flag::closing));
  t.push(command::quit);
  CHECK(t.on_reply(rc(221)).flags == bits(track_flag::closing));
}

TEST_CASE("pipeline: EHLO not answered with 250, and codes not listed", "[session][tracker]") {
  smtpreply::pipeline_tracker t;
  t.push(command::ehlo);
  auto r = t.on_reply(rc(502));  // listed: the client falls back to HELO
  CHECK(r.flags == bits(track_flag::ehlo_not_250));
  CHECK(r.check == code_check::listed);
  t.push(command::ehlo);
  r = t.on_reply(rc(220));
  CHECK(r.flags == (bits(track_flag::ehlo_not_250) | bits(track_flag::code_not_listed)));
  t.push(command::helo);
  CHECK(t.on_reply(rc(502)).flags == 0);  // only EHLO has the 250 rule
  t.push(command::data);
  r = t.on_reply(rc(250));
  CHECK(r.flags == bits(track_flag::code_not_listed));
  CHECK(r.check == code_check::not_listed);

  // Replies from the parser work the same.
  const std::string bytes = "250 2.0.0 Resetting\r\n";
  const auto parsed = smtpreply::parse_reply(bytes);
  REQUIRE(parsed);
  t.push(command::data);
  CHECK(t.on_reply(parsed.value).has(track_flag::code_not_listed));
}

TEST_CASE("pipeline: a full ring counts what it cannot store", "[session][tracker]") {
  smtpreply::basic_pipeline_tracker<2> t;
  CHECK(t.capacity() == 2);
  CHECK(t.push(command::mail));
  CHECK(t.push(command::rcpt));
  CHECK_FALSE(t.push(command::rcpt));
  CHECK(t.overflowed() == 1);
  CHECK(t.pending() == 3);
  CHECK(t.on_reply(rc(250)).answered == command::mail);
  // Room again, but the lost RCPT comes first: this one is untracked too.
  CHECK_FALSE(t.push(command::data));
  CHECK(t.overflowed() == 2);
  CHECK(t.on_reply(rc(250)).answered == command::rcpt);
  auto r = t.on_reply(rc(250));
  CHECK(r.answered == command::none);
  CHECK(r.flags == bits(track_flag::untracked_command));
  CHECK(r.sequence == 2);
  r = t.on_reply(rc(354));
  CHECK(r.flags == bits(track_flag::untracked_command));
  CHECK(r.sequence == 3);
  CHECK(t.pending() == 0);
  // Drained: commands are stored again.
  CHECK(t.push(command::quit));
  r = t.on_reply(rc(221));
  CHECK(r.answered == command::quit);
  CHECK(r.sequence == 4);
  CHECK(t.pushed() == 5);
  CHECK(t.matched() == 5);
  CHECK(t.unmatched() == 0);

  t.reset();
  CHECK(t.pushed() == 0);
  CHECK(t.pending() == 0);
  CHECK(t.on_reply(rc(250)).has(track_flag::no_pending_command));
}

TEST_CASE("pipeline: long runs wrap around the ring", "[session][tracker]") {
  smtpreply::basic_pipeline_tracker<3> t;
  std::uint64_t n = 0;
  for (int round = 0; round < 50; ++round) {
    const command c = all_commands[static_cast<std::size_t>(round) % all_commands.size()];
    CHECK(t.push(c));
    CHECK(t.push(command::noop));
    const auto first = t.on_reply(rc(250));
    CHECK(first.answered == c);
    CHECK(first.sequence == n++);
    CHECK(t.on_reply(rc(250)).answered == command::noop);
    ++n;
  }
  CHECK(t.matched() == 100);
}

TEST_CASE("session names", "[session]") {
  for (auto f : smtpreply::all_track_flags) CHECK(smtpreply::name(f) != "unknown");
  CHECK(smtpreply::name(code_check::not_listed) == "not_listed");
  CHECK(smtpreply::name(code_check::any_command) == "any_command");
  CHECK(smtpreply::name(smtpreply::reply_role::intermediate) == "intermediate");
}

TEST_CASE("the compile-time commands index equals the table walked at run time", "[session]") {
  // Built again here, at run time (through a volatile pointer, so that the
  // compiler cannot fold the call), and compared with a plain walk of the rows.
  smtpreply::detail::commands_by_code (*volatile make)() noexcept = &smtpreply::detail::make_commands_by_code;
  const auto fresh = make();
  for (std::uint16_t v = 0; v < 1000; ++v) {
    std::uint32_t walked = 0;
    for (const auto& row : smtpreply::command_reply_table) {
      if (row.code == v) walked |= row.commands;
    }
    INFO(v);
    CHECK(fresh.mask[v] == walked);
    CHECK(smtpreply::commands_for(reply_code{v}) == walked);
  }
  CHECK(smtpreply::commands_for(reply_code{1000}) == 0);
}
