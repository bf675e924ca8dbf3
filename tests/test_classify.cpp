// classify(): decision order, the labelled set of real replies, agreement
// with advise(), retry delays, Diagnostic-Code fields and the message text.
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <smtpreply/classify.hpp>
#include <smtpreply/reply_parser.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"

using smtpreply::action;
using smtpreply::classification;
using smtpreply::classify;
using smtpreply::command;
using smtpreply::reason;

namespace {

command command_named(const std::string& s) {
  for (int i = 0; i <= static_cast<int>(command::starttls); ++i) {
    const auto c = static_cast<command>(i);
    if (smtpreply::name(c) == s) return c;
  }
  return command::none;
}

struct labelled {
  reason expected;
  command cmd;
  std::string text;
  std::string source;
  int line;
};

std::vector<labelled> load_labelled() {
  std::ifstream in(SMTPREPLY_TEST_DATA_DIR "/labelled_replies.tsv");
  REQUIRE(in.good());
  std::vector<labelled> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    REQUIRE(cols.size() == 4);
    const reason r = smtpreply::reason_from_name(cols[0]);
    INFO("line " << n << ": " << cols[0]);
    REQUIRE((r != reason::unknown || cols[0] == "unknown"));
    REQUIRE_FALSE(cols[3].empty());  // every example names its source
    out.push_back({r, cols[1] == "-" ? command::none : command_named(cols[1]), cols[2], cols[3], n});
  }
  return out;
}

std::string multiline(const std::string& flattened) {
  // Rebuild the CRLF form of a flattened reply through message_pieces' splitter:
  // the same lines the server sent, each with its code.
  std::string out;
  const std::string_view t = flattened;
  const std::uint16_t code = smtpreply::detail::leading_code(t);
  if (code == 0) return {};
  std::size_t at = 0;
  while (at < t.size()) {
    const std::size_t end = smtpreply::detail::next_flattened_line(t, at + 3, code);
    std::string_view line = smtpreply::detail::trim(t.substr(at, end - at));
    out.append(line.data(), line.size());
    out += "\r\n";
    at = end;
  }
  return out;
}

}  // namespace

TEST_CASE("reason table: ids unique, round trip, every reason documented", "[classify][reason]") {
  std::set<std::string_view> ids;
  for (const smtpreply::reason_info& row : smtpreply::reason_table) {
    CHECK(ids.insert(row.name).second);
    CHECK(smtpreply::reason_from_name(row.name) == row.value);
    CHECK(smtpreply::name(row.value) == row.name);
    CHECK_FALSE(smtpreply::describe(row.value).empty());
    CHECK_FALSE(smtpreply::source(row.value).empty());
  }
  CHECK(ids.size() == 33);
}

TEST_CASE("rule tables: unique ids, sources on every row", "[classify][tables]") {
  std::set<std::string_view> ids;
  for (const auto& r : smtpreply::provider_rules) CHECK(ids.insert(r.id).second);
  for (const auto& r : smtpreply::phrase_rules) CHECK(ids.insert(r.id).second);
  for (const auto& r : smtpreply::enhanced_rules) {
    CHECK(ids.insert(r.id).second);
    CHECK_FALSE(r.source.empty());
  }
  for (const auto& r : smtpreply::context_rules) {
    CHECK(ids.insert(r.id).second);
    CHECK_FALSE(r.source.empty());
  }
  CHECK(smtpreply::detail::needles.largest_bucket <= 16);
}

TEST_CASE("labelled real replies: every reason has 3 examples, accuracy floor", "[classify][labelled]") {
  const std::vector<labelled> rows = load_labelled();
  std::map<reason, int> per_reason;
  int right = 0;
  for (const labelled& row : rows) {
    ++per_reason[row.expected];
    const classification c = classify(row.text, row.cmd);
    if (c.reason == row.expected) {
      ++right;
    } else {
      WARN("line " << row.line << ": expected " << smtpreply::name(row.expected) << ", got "
                   << smtpreply::name(c.reason) << " by " << c.rule.id << ": " << row.text);
    }
    // The same reply parsed from its CRLF form classifies the same way.
    const std::string crlf = multiline(row.text);
    if (!crlf.empty()) {
      const smtpreply::parse_result p = smtpreply::parse_reply(crlf, smtpreply::parse_options::lenient_all());
      if (p) {
        const classification parsed = classify(p.value, row.cmd);
        INFO("line " << row.line);
        CHECK(parsed.reason == c.reason);
        CHECK(parsed.act == c.act);
        CHECK(parsed.rule.id == c.rule.id);
      }
    }
  }
  for (const smtpreply::reason_info& info : smtpreply::reason_table) {
    INFO(info.name);
    CHECK(per_reason[info.value] >= 3);
  }
  const double accuracy = static_cast<double>(right) / static_cast<double>(rows.size());
  INFO("accuracy " << accuracy << " over " << rows.size());
  CHECK(accuracy >= 0.95);
}

TEST_CASE("decision order: provider > phrase > enhanced code > context > class", "[classify][order]") {
  // A phrase is never overridden by the status code.
  CHECK(classify("550 5.1.1 Mailbox full").reason == reason::mailbox_full);
  CHECK(classify("550 5.1.1 Mailbox full").rule.kind == smtpreply::rule_kind::phrase);
  // A provider rule beats a phrase ("spam" in Gmail's RFC 5322 refusal).
  const classification g = classify(
      "550-5.7.1 Our system has detected that this message is not RFC 5322 compliant. To 550-5.7.1 reduce the "
      "amount of spam sent to Gmail, this message has been blocked. 550 5.7.1 - gsmtp");
  CHECK(g.reason == reason::not_rfc_compliant);
  CHECK(g.provider == "Google");
  CHECK(g.rule.kind == smtpreply::rule_kind::provider);
  // The enhanced code when no phrase matches.
  const classification e = classify("552 5.2.2 Nope", command::rcpt);
  CHECK(e.reason == reason::mailbox_full);
  CHECK(e.rule.id == "enhanced.x.2.2");
  CHECK(e.act == action::retry_later);
  CHECK_FALSE(e.permanent);
  // Command context when there is neither.
  CHECK(classify("552 Nope", command::rcpt).reason == reason::exceeds_limit);
  CHECK(classify("552 Nope", command::end_of_data).reason == reason::message_too_big);
  CHECK(classify("550 Nope", command::mail).reason == reason::sender_rejected);
  CHECK(classify("551 Nope").reason == reason::has_moved);
  // Then nothing is guessed.
  const classification u = classify("550 Nope", command::rcpt);
  CHECK(u.reason == reason::unknown);
  CHECK(u.rule.id == "class.unknown");
  CHECK(u.act == action::give_up);
  CHECK(u.permanent);
  // Success is never a failure, whatever the text.
  CHECK(classify("250 2.0.0 OK, spam filter passed").reason == reason::delivered);
  CHECK(classify("250 2.0.0 OK, spam filter passed").act == action::done);
  // An enhanced code of another class is ignored (RFC 2034 section 4).
  CHECK(classify("450 5.1.1 Nope").reason == reason::unknown);
}

TEST_CASE("actions: informed by the reason, advise() otherwise", "[classify][action]") {
  CHECK(classify("550 5.7.1 mailbox full").act == action::retry_later);                      // 5yz mailbox full
  CHECK(classify("550 5.7.1 rate limit exceeded").act == action::retry_later);               // 5yz rate limit
  CHECK(classify("554 5.7.1 Message size exceeds fixed limit").act == action::fix_request);  // size refusal
  CHECK(classify("550 5.7.1 Must issue a STARTTLS command first").act == action::start_tls);
  CHECK(classify("550 5.7.1 Authentication required").act == action::authenticate);
  CHECK(classify("421 4.7.0 Too many connections").act == action::reconnect);  // a retry already
  CHECK(classify("421 4.7.0 TLS required for RCPT domain, closing connection. - gsmtp").act == action::start_tls);
  CHECK(classify("554 5.7.9 Message not accepted for policy reasons. yahoo").act == action::give_up);
  CHECK(classify("550 5.7.1 Relay access denied").act == action::give_up);
  CHECK(classify("550 5.7.1 Relay access denied").permanent);
  CHECK_FALSE(classify("451 4.7.1 Greylisted").permanent);
}

TEST_CASE("classify().act == advise() whenever no provider or phrase rule decides", "[classify][agreement]") {
  // Every valid code x (no enhanced code, every registered X.s.d in classes 4 and 5) x every command.
  std::vector<smtpreply::enhanced_code> escs{{}};
  for (const smtpreply::enhanced_code_info& info : smtpreply::enhanced_code_table) {
    escs.push_back({4, info.subject, info.detail});
    escs.push_back({5, info.subject, info.detail});
  }
  long checked = 0;
  for (std::uint16_t v = 200; v < 600; ++v) {
    const smtpreply::reply_code code{v};
    if (!code.is_valid()) continue;
    for (const smtpreply::enhanced_code& esc : escs) {
      char buf[32];
      std::size_t n = 0;
      buf[n++] = static_cast<char>('0' + v / 100);
      buf[n++] = static_cast<char>('0' + (v / 10) % 10);
      buf[n++] = static_cast<char>('0' + v % 10);
      if (!esc.empty()) {
        buf[n++] = ' ';
        n += esc.format(buf + n);
      }
      const std::string_view text(buf, n);
      for (int ci = 0; ci <= static_cast<int>(command::starttls); ++ci) {
        const auto cmd = static_cast<command>(ci);
        const classification c = classify(text, cmd);
        REQUIRE((c.rule.kind != smtpreply::rule_kind::phrase && c.rule.kind != smtpreply::rule_kind::provider));
        const bool agrees = esc.empty() || esc.klass == v / 100;
        if (c.act != smtpreply::advise(code, agrees ? esc : smtpreply::enhanced_code{}, cmd)) {
          FAIL_CHECK(text << " after " << smtpreply::name(cmd));
        }
        ++checked;
      }
    }
  }
  CHECK(checked > 100000);
}

TEST_CASE("retry_after: delays stated in the text", "[classify][retry]") {
  CHECK(classify("451 4.7.1 Greylisted, try again in 300 seconds").retry_after == 300);
  CHECK(classify("450 4.7.1 <a@b>: Client host rejected: Greylisted for 5 minutes").retry_after == 300);
  CHECK(classify("421 4.7.0 Too many connections, please retry in 2 hours").retry_after == 7200);
  CHECK(classify("450 Try again later").retry_after == 0);
  CHECK(classify("550 5.7.1 mailbox full 5 minutes").retry_after == 0);   // no retry words before the number
  CHECK(classify("451 4.7.1 please wait 1.5 minutes").retry_after == 0);  // not a whole number
  CHECK(classify("451 Greylisted, retry after 60s").retry_after == 60);
}

TEST_CASE("flattened, CRLF and parsed forms agree; message text", "[classify][message]") {
  const std::string_view flat = "550-5.1.1 a 550-5.1.1 b 550 5.1.1 c";
  std::string joined;
  smtpreply::message_pieces(flat, [&](std::string_view p) { joined.append(p.data(), p.size()); });
  CHECK(joined == "5.1.1 a b c");
  const std::string crlf = "550-5.1.1 a\r\n550-5.1.1 b\r\n550 5.1.1 c\r\n";
  const auto parsed = smtpreply::parse_reply(crlf);
  REQUIRE(parsed);
  std::string from_reply;
  smtpreply::message_pieces(parsed.value, [&](std::string_view p) { from_reply.append(p.data(), p.size()); });
  CHECK(from_reply == joined);
  std::string from_text;
  smtpreply::message_pieces(std::string_view(crlf), [&](std::string_view p) { from_text.append(p.data(), p.size()); });
  CHECK(from_text == joined);
  CHECK(classify(flat).reason == reason::user_unknown);
  CHECK(classify(parsed.value).reason == reason::user_unknown);
  // '#'-prefixed enhanced codes are read too.
  CHECK(classify("550 #5.1.0 Address rejected").enhanced == smtpreply::enhanced_code{5, 1, 0});
}

TEST_CASE("from_diagnostic_code: RFC 3464 diagnostic-type; text", "[classify][dsn]") {
  const auto d = smtpreply::from_diagnostic_code(
      "smtp; 550-5.1.1 The email account that you tried to reach does "
      "not exist. 550 5.1.1 - gsmtp");
  CHECK(d.is_smtp());
  CHECK(d.type == "smtp");
  CHECK(d.code.value() == 550);
  CHECK(d.enhanced == smtpreply::enhanced_code{5, 1, 1});
  CHECK(classify(d).reason == reason::user_unknown);
  const auto h = smtpreply::from_diagnostic_code("Diagnostic-Code: SMTP;552 5.2.2 Over quota");
  CHECK(h.is_smtp());
  CHECK(h.code.value() == 552);
  CHECK(classify(h).reason == reason::mailbox_full);
  const auto x = smtpreply::from_diagnostic_code("X-Postfix; Host or domain name not found");
  CHECK(x.type == "X-Postfix");
  CHECK(x.code.value() == 0);
  CHECK(classify(x).reason == reason::host_unknown);
  const auto bare = smtpreply::from_diagnostic_code("550 5.1.1 user unknown");
  CHECK(bare.type.empty());
  CHECK(bare.code.value() == 550);
}

TEST_CASE("bounded: long and hostile input, phrases across the scan window", "[classify][bounded]") {
  std::string big = "550 5.7.1 ";
  while (big.size() < 60000) big += "xyzzy abc 12345 ";
  big += "mailbox full";
  CHECK(classify(big).reason == reason::mailbox_full);
  // A phrase straddling the scan window's edge is still found.
  for (std::size_t pad = 990; pad < 1060; ++pad) {
    std::string t = "550 ";
    t.append(pad, 'a');
    t += " relay access denied";
    INFO(pad);
    CHECK(classify(t).reason == reason::relay_denied);
  }
  CHECK(classify("").reason == reason::unknown);
  CHECK(classify(std::string(5000, '9')).reason == reason::unknown);
}

// Compile-time classification.
static_assert(classify("552 5.2.2 Over quota", command::rcpt).reason == reason::mailbox_full);
static_assert(classify("550 5.7.509 Access denied").reason == reason::dmarc_failure);
static_assert(classify("250 OK").reason == reason::delivered);
