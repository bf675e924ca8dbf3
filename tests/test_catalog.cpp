#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <set>
#include <smtpreply/catalog.hpp>
#include <smtpreply/session.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catch.hpp"

using smtpreply::action;
using smtpreply::advice_options;
using smtpreply::advise;
using smtpreply::command;
using smtpreply::compare;
using smtpreply::difference;
using smtpreply::enhanced_code;
using smtpreply::explain;
using smtpreply::find;
using smtpreply::reply_class;
using smtpreply::reply_code;
using smtpreply::should_retry;
using smtpreply::tls_state;

// Usable in constant expressions. (No `find(...) != nullptr` here: GCC refuses
// comparing an object's address with null in a constant expression under
// -fsanitize=undefined, which the debug-sanitize preset uses.)
static_assert(find(reply_code{250})->code == 250);
static_assert(find(reply_code{299}) == nullptr);
static_assert(find(reply_code{421})->closes_connection);
static_assert(find(enhanced_code{5, 1, 1})->detail == 1);
static_assert(find(enhanced_code{5, 7, 31}) == nullptr);
static_assert(explain(reply_code{250}).known);
static_assert(explain(reply_code{421}).advice == action::reconnect);
static_assert(explain(reply_code{460}).klass == reply_class::transient_negative);
static_assert(!explain(reply_code{460}).known);
static_assert(explain(enhanced_code{5, 7, 26}).known);
static_assert(explain(enhanced_code{5, 1, 99}).name == "Addressing Status");
static_assert(advise(reply_code{552}, {}, command::rcpt) == action::retry_later);
static_assert(compare(reply_code{250}, reply_code{421}).has(difference::closes_connection));
static_assert(smtpreply::responsibility_transferred(reply_code{250}, command::end_of_data));
static_assert(std::size(smtpreply::reply_code_table) == 37);
static_assert(std::size(smtpreply::enhanced_code_table) == 81);

namespace {

using u16s = std::initializer_list<std::uint16_t>;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

constexpr auto all_commands = smtpreply::detail::values_of(smtpreply::command_table);

}  // namespace

TEST_CASE("every RFC 5321 section 4.2.3 code and every extension code is listed", "[catalog]") {
  // RFC 5321 section 4.2.3, in its numeric order.
  const std::uint16_t rfc5321[] = {211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452,
                                   455, 500, 501, 502, 503, 504, 550, 551, 552, 553, 554, 555};
  // RFC 4954 (AUTH), RFC 3207 (STARTTLS), RFC 7504 (521, 556), RFC 1985 (ETRN: 253, 458, 459).
  const std::uint16_t extensions[] = {235, 253, 334, 432, 454, 458, 459, 521, 530, 534, 535, 538, 556};
  std::set<std::uint16_t> expected(std::begin(rfc5321), std::end(rfc5321));
  expected.insert(std::begin(extensions), std::end(extensions));
  CHECK(expected.size() == std::size(smtpreply::reply_code_table));

  for (const std::uint16_t c : expected) {
    INFO(c);
    const smtpreply::reply_code_info* info = find(reply_code{c});
    REQUIRE(info != nullptr);
    CHECK(info->code == c);
    CHECK_FALSE(info->name.empty());
    CHECK_FALSE(info->meaning.empty());
    CHECK_FALSE(info->when_seen.empty());
    CHECK_FALSE(info->how_to_fix.empty());
    CHECK(contains(info->reference, "RFC"));
    CHECK(smtpreply::commands_for(reply_code{c}) != 0);  // every listed code answers some command
    CHECK((smtpreply::commands_for(reply_code{c}) & smtpreply::command_bit(command::none)) == 0);
  }
  for (const auto& info : smtpreply::reply_code_table) CHECK(expected.count(info.code) == 1);
}

TEST_CASE("the basic table is sorted, unique, and its advice is what advise() says", "[catalog]") {
  const auto& table = smtpreply::reply_code_table;
  for (std::size_t i = 1; i < std::size(table); ++i) CHECK(table[i - 1].code < table[i].code);
  for (const auto& info : table) {
    INFO(info.code);
    CHECK(advise(reply_code{info.code}) == info.advice);
    CHECK(explain(reply_code{info.code}).advice == info.advice);
    CHECK(reply_code{info.code}.is_valid());
  }
  // Only 221 and 421 close the channel.
  for (const auto& info : table) CHECK(info.closes_connection == (info.code == 221 || info.code == 421));
}

TEST_CASE("commands per RFC 5321 section 4.3.2 and the extensions", "[catalog]") {
  using smtpreply::listed_for;
  CHECK(listed_for(reply_code{220}, command::greeting));
  CHECK(listed_for(reply_code{220}, command::starttls));
  CHECK(listed_for(reply_code{354}, command::data));
  CHECK_FALSE(listed_for(reply_code{354}, command::rcpt));
  CHECK(listed_for(reply_code{250}, command::end_of_data));
  CHECK_FALSE(listed_for(reply_code{250}, command::data));  // DATA itself gets 354
  CHECK(listed_for(reply_code{334}, command::auth));
  CHECK(listed_for(reply_code{454}, command::auth));
  CHECK(listed_for(reply_code{454}, command::starttls));
  CHECK(listed_for(reply_code{221}, command::quit));
  CHECK(listed_for(reply_code{554}, command::greeting));
  CHECK(listed_for(reply_code{521}, command::greeting));
  CHECK(listed_for(reply_code{556}, command::rcpt));
  CHECK_FALSE(listed_for(reply_code{530}, command::ehlo));  // RFC 3207 and RFC 4954 both exempt EHLO
  CHECK_FALSE(listed_for(reply_code{299}, command::mail));  // unknown codes are listed for nothing
  for (const command c : all_commands) {
    INFO(smtpreply::name(c));
    if (c == command::none) continue;
    CHECK(listed_for(reply_code{421}, c));                                  // any command, and the greeting
    const bool verb = c != command::greeting && c != command::end_of_data;  // RFC 5321 4.3.2: "any SMTP command"
    CHECK(listed_for(reply_code{500}, c) == verb);
    CHECK(listed_for(reply_code{501}, c) == verb);
  }
}

TEST_CASE("explain() and check_reply() agree on every code 200-599 and every command", "[catalog][session]") {
  for (std::uint16_t v = 200; v <= 599; ++v) {
    const reply_code code{v};
    const smtpreply::explanation x = smtpreply::explain(code);
    for (const command c : all_commands) {
      INFO(v << " " << smtpreply::name(c));
      const bool in_catalog = (x.commands & smtpreply::command_bit(c)) != 0;
      const smtpreply::code_check check = smtpreply::check_reply(c, code);
      if (c == command::none) {
        CHECK(check == smtpreply::code_check::unknown_command);
        CHECK_FALSE(in_catalog);
        continue;
      }
      CHECK(in_catalog == (check != smtpreply::code_check::not_listed));
      if (in_catalog) CHECK(x.known);  // a code some command returns is explained by the catalog
    }
  }
}

TEST_CASE("the whole IANA enhanced status code registry is present", "[catalog][enhanced]") {
  // Highest registered detail per subject X.0 ... X.7 (registry of 2024-12-06).
  const std::pair<std::uint16_t, std::uint16_t> last_detail[] = {{0, 0}, {1, 10}, {2, 4},  {3, 6},
                                                                 {4, 7}, {5, 6},  {6, 10}, {7, 30}};
  std::set<std::pair<std::uint16_t, std::uint16_t>> expected;
  for (const auto& [subject, last] : last_detail) {
    for (std::uint16_t d = 0; d <= last; ++d) expected.insert({subject, d});
  }
  CHECK(expected.size() == 81);
  CHECK(std::size(smtpreply::enhanced_code_table) == expected.size());

  for (const auto& [subject, d] : expected) {
    INFO(subject << "." << d);
    const smtpreply::enhanced_code_info* info = find(enhanced_code{5, subject, d});
    REQUIRE(info != nullptr);
    CHECK(info->subject == subject);
    CHECK(info->detail == d);
    CHECK_FALSE(info->name.empty());
    CHECK_FALSE(info->description.empty());
    CHECK_FALSE(info->reference.empty());
    CHECK(info->deprecated == (subject == 6 && d == 10));
    CHECK(info->basic_codes.back() == 0);  // always terminated
    // The class does not matter for the lookup.
    CHECK(find(enhanced_code{2, subject, d}) == info);
    CHECK(find(enhanced_code{4, subject, d}) == info);
  }
  // Keys are unique and sorted.
  std::set<std::pair<std::uint16_t, std::uint16_t>> seen;
  const auto& table = smtpreply::enhanced_code_table;
  for (std::size_t i = 0; i < std::size(table); ++i) {
    CHECK(seen.insert({table[i].subject, table[i].detail}).second);
    if (i > 0) {
      CHECK(std::make_pair(table[i - 1].subject, table[i - 1].detail) <
            std::make_pair(table[i].subject, table[i].detail));
    }
  }
  CHECK(seen == expected);
  // Not registered.
  for (const enhanced_code e : {enhanced_code{5, 0, 1}, enhanced_code{5, 1, 11}, enhanced_code{5, 7, 31},
                                enhanced_code{5, 8, 0}, enhanced_code{5, 7, 606}}) {
    CHECK(find(e) == nullptr);
  }
}

TEST_CASE("registry names and associated basic codes", "[catalog][enhanced]") {
  CHECK(find(enhanced_code{5, 1, 1})->name == "Bad destination mailbox address");
  CHECK(find(enhanced_code{5, 2, 2})->name == "Mailbox full");
  CHECK(find(enhanced_code{5, 7, 26})->name == "Multiple authentication checks failed");
  CHECK(find(enhanced_code{5, 7, 30})->name == "REQUIRETLS support required");
  CHECK(contains(find(enhanced_code{5, 7, 30})->reference, "8689"));
  CHECK(contains(find(enhanced_code{5, 1, 10})->reference, "7505"));
  CHECK(find(enhanced_code{5, 1, 10})->basic_codes[0] == 556);
  CHECK(find(enhanced_code{4, 5, 3})->basic_codes[0] == 451);  // the registry's value; RFC 5321 uses 452
  const auto& x50 = find(enhanced_code{5, 5, 0})->basic_codes;
  std::size_t n = 0;
  while (n < x50.size() && x50[n] != 0) ++n;
  CHECK(n == 14);
  CHECK(x50[13] == 554);
  CHECK(find(enhanced_code{5, 7, 11})->basic_codes[1] == 538);
  CHECK(find(enhanced_code{4, 7, 12})->basic_codes[1] == 432);
}

TEST_CASE("class and subject tables", "[catalog][enhanced]") {
  using smtpreply::enhanced_class;
  using smtpreply::enhanced_subject;
  CHECK(find(enhanced_class::success)->name == "Success");
  CHECK(find(enhanced_class::persistent_transient_failure)->name == "Persistent Transient Failure");
  CHECK(find(enhanced_class::permanent_failure)->name == "Permanent Failure");
  CHECK(find(enhanced_class::unknown) == nullptr);
  for (std::uint16_t s = 0; s <= 7; ++s) {
    const auto* info = find(static_cast<enhanced_subject>(s));
    REQUIRE(info != nullptr);
    CHECK(info->subject == s);
    CHECK_FALSE(info->description.empty());
  }
  CHECK(find(enhanced_subject::security_policy)->name == "Security or Policy Status");
  CHECK(find(enhanced_subject::unknown) == nullptr);
}

TEST_CASE("explanations agree with reply_code's class and category for every code", "[catalog]") {
  for (std::uint16_t v = 0; v <= 999; ++v) {
    const reply_code code{v};
    const smtpreply::explanation x = explain(code);
    INFO(v);
    REQUIRE(x.code == code);
    CHECK(x.klass == code.reply_class());
    CHECK(x.category == code.category());
    CHECK(x.known == (find(code) != nullptr));
    CHECK(x.class_name == smtpreply::class_name(code.reply_class()));
    CHECK(x.category_name == smtpreply::category_name(code.category()));
    CHECK_FALSE(x.name.empty());
    CHECK_FALSE(x.meaning.empty());
    CHECK_FALSE(x.when_seen.empty());
    CHECK_FALSE(x.how_to_fix.empty());
    CHECK(contains(x.reference, "RFC"));
  }
  CHECK(explain(reply_code{250}).class_name == "Positive Completion");
  CHECK(explain(reply_code{354}).class_name == "Positive Intermediate");
  CHECK(explain(reply_code{421}).class_name == "Transient Negative");
  CHECK(explain(reply_code{550}).class_name == "Permanent Negative");
  CHECK(explain(reply_code{421}).category_name == "Connections");
  CHECK(explain(reply_code{500}).category_name == "Syntax");
  CHECK(explain(reply_code{214}).category_name == "Information");
  CHECK(explain(reply_code{550}).category_name == "Mail system");
}

TEST_CASE("advice by class, as RFC 5321 section 4.2.1 says", "[catalog][advice]") {
  for (std::uint16_t v = 200; v <= 599; ++v) {
    const reply_code code{v};
    INFO(v);
    const action a = advise(code);
    switch (code.first_digit()) {
      case 2: CHECK(a == action::done); break;
      case 3: CHECK(a == action::continue_request); break;
      case 4:
        CHECK(a != action::done);
        if (v != 432) CHECK(should_retry(code));  // 432: authenticate once with PLAIN (RFC 4954)
        break;
      case 5:
        CHECK_FALSE(should_retry(code));  // without command context no 5yz is retried
        CHECK(a != action::done);
        CHECK(a != action::continue_request);
        break;
      default: break;
    }
  }
}

TEST_CASE("unknown codes are explained by their digits", "[catalog]") {
  const auto x299 = explain(reply_code{299});
  CHECK_FALSE(x299.known);
  CHECK(x299.klass == reply_class::positive_completion);
  CHECK(x299.advice == action::done);
  CHECK(x299.class_name == "Positive Completion");
  CHECK(contains(x299.reference, "RFC 5321"));

  const auto x460 = explain(reply_code{460});
  CHECK_FALSE(x460.known);
  CHECK(x460.klass == reply_class::transient_negative);
  CHECK(x460.advice == action::retry_later);
  CHECK(x460.meaning == smtpreply::describe(reply_class::transient_negative));
  CHECK(should_retry(reply_code{460}));

  const auto x599 = explain(reply_code{599});
  CHECK_FALSE(x599.known);
  CHECK(x599.klass == reply_class::permanent_negative);
  CHECK(x599.advice == action::give_up);
  CHECK(x599.category_name == "Unknown");  // second digit 9 is outside 0-5

  CHECK(explain(reply_code{505}).advice == action::fix_request);  // x0z: syntax
  CHECK(explain(reply_code{545}).advice == action::give_up);
  CHECK(explain(reply_code{399}).advice == action::continue_request);
  CHECK(explain(reply_code{422}).category_name == "Connections");

  // First digit outside 2-5: fatal (RFC 5321 section 4.2).
  for (const std::uint16_t v : u16s{0, 123, 199, 600, 999}) {
    const auto x = explain(reply_code{v});
    INFO(v);
    CHECK_FALSE(x.known);
    CHECK(x.klass == reply_class::unknown);
    CHECK(x.class_name == "Unknown");
    CHECK(x.advice == action::give_up);
    CHECK_FALSE(should_retry(reply_code{v}));
  }
}

TEST_CASE("421 closes the channel and is retried on a new connection", "[catalog][advice]") {
  const auto x = explain(reply_code{421});
  CHECK(x.closes_connection);
  CHECK(contains(x.reference, "3.8"));
  CHECK(advise(reply_code{421}) == action::reconnect);
  CHECK(advise(reply_code{421}, {4, 3, 2}, command::mail) == action::reconnect);
  CHECK(advise(reply_code{421}, {4, 7, 0}, command::rcpt) == action::reconnect);  // closing beats 4.7.x
  CHECK(advise(reply_code{421}, {}, command::greeting) == action::retry_other_host);
  CHECK(should_retry(reply_code{421}));
  CHECK(should_retry(reply_code{421}, {}, command::greeting));
  // Unsolicited (no command known) is still a closed channel.
  CHECK(advise(reply_code{421}, {}, command::none) == action::reconnect);
}

TEST_CASE("521 and 556 are never retried", "[catalog][advice]") {
  const command cmd = GENERATE(from_range(std::begin(all_commands), std::end(all_commands)));
  for (const std::uint16_t v : u16s{521, 556}) {
    for (const enhanced_code e :
         {enhanced_code{}, enhanced_code{5, 3, 2}, enhanced_code{5, 1, 10}, enhanced_code{4, 4, 1}}) {
      INFO(v << " " << smtpreply::name(cmd));
      CHECK(advise(reply_code{v}, e, cmd) == action::give_up);
      CHECK_FALSE(should_retry(reply_code{v}, e, cmd));
    }
  }
}

TEST_CASE("554 as the greeting moves on to the next MX host", "[catalog][advice]") {
  CHECK(advise(reply_code{554}, {}, command::greeting) == action::retry_other_host);
  CHECK(advise(reply_code{554}, {5, 7, 1}, command::end_of_data) == action::give_up);
  CHECK(advise(reply_code{554}) == action::give_up);
}

TEST_CASE("552 to RCPT is 452 when the option is on (RFC 5321 section 4.5.3.1.10)", "[catalog][advice]") {
  const reply_code c552{552};
  CHECK(advise(c552, {}, command::rcpt) == action::retry_later);
  CHECK(advise(c552, {5, 5, 3}, command::rcpt, advice_options{true}) == action::retry_later);
  CHECK(should_retry(c552, {}, command::rcpt));
  advice_options strict{};
  strict.treat_552_to_rcpt_as_452 = false;
  CHECK(advise(c552, {}, command::rcpt, strict) == action::give_up);
  CHECK_FALSE(should_retry(c552, {}, command::rcpt, strict));
  // Other commands: message too big, permanent either way.
  // Size refusals are fixed, a full mailbox retried (issue 12, tests/test_advice_rules.cpp).
  CHECK(advise(c552, {5, 3, 4}, command::mail) == action::fix_request);
  CHECK(advise(c552, {5, 3, 4}, command::end_of_data) == action::fix_request);
  CHECK(advise(c552, {5, 2, 2}, command::end_of_data, strict) == action::retry_later);
  // And 452 itself to RCPT: send the rest in another transaction.
  CHECK(advise(reply_code{452}, {4, 5, 3}, command::rcpt) == action::retry_later);
}

TEST_CASE("4.7.x rate limiting and greylisting back off", "[catalog][advice]") {
  for (const std::uint16_t v : u16s{421, 450, 451, 452, 454}) {
    for (const std::uint16_t d : u16s{0, 1, 24, 28, 500, 650}) {
      INFO(v << " 4.7." << d);
      CHECK(should_retry(reply_code{v}, {4, 7, d}, command::rcpt));
    }
  }
  CHECK(advise(reply_code{450}, {4, 7, 1}, command::rcpt) == action::retry_later);
  CHECK(advise(reply_code{451}, {4, 7, 28}, command::mail) == action::retry_later);
  CHECK(advise(reply_code{432}, {4, 7, 12}, command::auth) == action::authenticate);
  CHECK(advise(reply_code{454}, {4, 7, 0}, command::auth) == action::retry_later);
  CHECK(advise(reply_code{454}, {}, command::starttls) == action::retry_later);
}

TEST_CASE("530, 534, 535 and 538: authentication and TLS", "[catalog][advice]") {
  const reply_code c530{530};
  // The enhanced code decides when it can.
  CHECK(advise(c530, {5, 7, 11}, command::mail) == action::start_tls);
  CHECK(advise(c530, {5, 7, 10}, command::mail) == action::start_tls);
  CHECK(advise(c530, {5, 7, 8}, command::mail) == action::authenticate);
  // RFC 4954 never sends "authentication required" to AUTH: a 530 there is RFC 3207's.
  CHECK(advise(c530, {5, 7, 0}, command::auth) == action::start_tls);
  // Then what is known about TLS.
  advice_options tls_on{};
  tls_on.tls = tls_state::active;
  advice_options tls_off{};
  tls_off.tls = tls_state::inactive;
  CHECK(advise(c530, {5, 7, 0}, command::mail, tls_on) == action::authenticate);
  CHECK(advise(c530, {5, 7, 0}, command::mail, tls_off) == action::start_tls);
  // Otherwise RFC 4954's registered pairing.
  CHECK(advise(c530, {5, 7, 0}, command::mail) == action::authenticate);
  CHECK(advise(c530) == action::authenticate);
  CHECK_FALSE(should_retry(c530));

  CHECK(advise(reply_code{534}, {5, 7, 9}, command::auth) == action::authenticate);
  CHECK(advise(reply_code{535}, {5, 7, 8}, command::auth) == action::authenticate);
  CHECK(advise(reply_code{535}) == action::authenticate);
  CHECK(advise(reply_code{538}, {5, 7, 11}, command::auth) == action::start_tls);
  CHECK(advise(reply_code{538}) == action::start_tls);
  CHECK(advise(reply_code{504}, {5, 5, 4}, command::auth) == action::authenticate);  // mechanism unsupported
  CHECK(advise(reply_code{504}, {}, command::vrfy) == action::fix_request);
  // X.7.8 with 554 after BURL means a trust problem, not the user's password.
  CHECK(advise(reply_code{554}, {5, 7, 8}, command::end_of_data) == action::give_up);
}

TEST_CASE("address errors, syntax errors and mismatched enhanced codes", "[catalog][advice]") {
  CHECK(advise(reply_code{550}, {5, 1, 1}, command::rcpt) == action::give_up);
  CHECK(advise(reply_code{550}, {5, 1, 10}, command::rcpt) == action::give_up);
  CHECK(advise(reply_code{553}, {5, 1, 3}, command::rcpt) == action::fix_request);
  CHECK(advise(reply_code{501}, {5, 1, 7}, command::mail) == action::fix_request);
  CHECK(advise(reply_code{501}, {5, 1, 8}, command::mail) == action::give_up);
  for (const std::uint16_t v : u16s{500, 501, 502, 503, 504, 555}) {
    INFO(v);
    CHECK(advise(reply_code{v}) == action::fix_request);
    CHECK(advise(reply_code{v}, {5, 5, 2}, command::mail) == action::fix_request);
  }
  CHECK(advise(reply_code{550}, {5, 7, 1}, command::rcpt) == action::give_up);
  CHECK(advise(reply_code{550}, {5, 7, 606}, command::rcpt) == action::give_up);
  // An enhanced code whose class disagrees with the reply code is ignored.
  CHECK(advise(reply_code{550}, {4, 7, 1}, command::rcpt) == action::give_up);
  CHECK(advise(reply_code{450}, {5, 1, 1}, command::rcpt) == action::retry_later);
  CHECK(advise(reply_code{530}, {4, 7, 11}, command::mail) == action::authenticate);
}

TEST_CASE("after the final dot, only 2yz transfers responsibility (RFC 5321 section 4.2.5)", "[catalog]") {
  using smtpreply::responsibility_transferred;
  CHECK(responsibility_transferred(reply_code{250}, command::end_of_data));
  CHECK(responsibility_transferred(reply_code{251}, command::end_of_data));
  CHECK_FALSE(responsibility_transferred(reply_code{451}, command::end_of_data));
  CHECK_FALSE(responsibility_transferred(reply_code{452}, command::end_of_data));
  CHECK_FALSE(responsibility_transferred(reply_code{550}, command::end_of_data));
  CHECK_FALSE(responsibility_transferred(reply_code{554}, command::end_of_data));
  CHECK_FALSE(responsibility_transferred(reply_code{354}, command::data));
  CHECK_FALSE(responsibility_transferred(reply_code{250}, command::rcpt));
  CHECK_FALSE(responsibility_transferred(reply_code{250}, command::none));
  CHECK(advise(reply_code{451}, {4, 3, 0}, command::end_of_data) == action::retry_later);
  CHECK(advise(reply_code{250}, {2, 0, 0}, command::end_of_data) == action::done);
}

TEST_CASE("compare(250, 421)", "[catalog][compare]") {
  const auto c = compare(reply_code{250}, reply_code{421});
  CHECK(c.a.code == reply_code{250});
  CHECK(c.b.code == reply_code{421});
  CHECK(c.has(difference::reply_class));
  CHECK(c.has(difference::transient_vs_permanent));
  CHECK(c.has(difference::closes_connection));
  CHECK(c.has(difference::retry));
  CHECK(c.has(difference::category));
  CHECK(c.has(difference::advice));
  CHECK(c.a.class_name == "Positive Completion");
  CHECK(c.b.class_name == "Transient Negative");
  CHECK_FALSE(c.a.closes_connection);
  CHECK(c.b.closes_connection);
  CHECK(c.a.advice == action::done);
  CHECK(c.b.advice == action::reconnect);
  CHECK(smtpreply::is_retry(c.b.advice));

  CHECK(compare(reply_code{250}, reply_code{250}).differences == 0);
  const auto t = compare(reply_code{450}, reply_code{550});
  CHECK(t.has(difference::reply_class));
  CHECK(t.has(difference::transient_vs_permanent));
  CHECK(t.has(difference::retry));
  CHECK_FALSE(t.has(difference::closes_connection));
  CHECK_FALSE(t.has(difference::category));
  const auto p = compare(reply_code{250}, reply_code{354});  // neither is a failure
  CHECK(p.has(difference::reply_class));
  CHECK_FALSE(p.has(difference::transient_vs_permanent));
  CHECK_FALSE(p.has(difference::retry));
  const auto s = compare(reply_code{550}, reply_code{553});
  CHECK(s.differences == 0);
}

TEST_CASE("enhanced explanations and comparisons", "[catalog][enhanced]") {
  const auto x = explain(enhanced_code{5, 1, 1});
  CHECK(x.known);
  CHECK(x.known_subject);
  CHECK(x.class_name == "Permanent Failure");
  CHECK(x.subject_name == "Addressing Status");
  CHECK(x.name == "Bad destination mailbox address");
  CHECK(x.basic_codes[1] == 550);
  CHECK(x.advice == action::give_up);

  const auto unknown_detail = explain(enhanced_code{4, 2, 99});
  CHECK_FALSE(unknown_detail.known);
  CHECK(unknown_detail.known_subject);
  CHECK(unknown_detail.name == "Mailbox Status");
  CHECK(unknown_detail.description == unknown_detail.subject_description);
  CHECK(unknown_detail.class_name == "Persistent Transient Failure");
  CHECK(unknown_detail.advice == action::retry_later);
  CHECK(unknown_detail.basic_codes[0] == 0);

  const auto unknown_subject = explain(enhanced_code{5, 9, 1});
  CHECK_FALSE(unknown_subject.known);
  CHECK_FALSE(unknown_subject.known_subject);
  CHECK(unknown_subject.subject_name == "Unknown");

  CHECK(explain(enhanced_code{5, 6, 10}).deprecated);
  CHECK_FALSE(explain(enhanced_code{5, 6, 8}).deprecated);
  CHECK(explain(enhanced_code{2, 0, 0}).advice == action::done);
  CHECK(explain(enhanced_code{5, 7, 11}).advice == action::start_tls);
  CHECK(explain(enhanced_code{5, 7, 8}).advice == action::authenticate);
  CHECK(explain(enhanced_code{5, 1, 3}).advice == action::fix_request);
  CHECK(explain(enhanced_code{}).class_name == "Unknown");

  // Vendor codes are kept apart, with their source.
  const auto ms = explain(enhanced_code{5, 7, 606});
  CHECK_FALSE(ms.known);
  CHECK(ms.subject_name == "Security or Policy Status");
  REQUIRE(ms.vendor != nullptr);
  CHECK(contains(ms.vendor->source, "Microsoft"));
  CHECK(explain(enhanced_code{5, 7, 649}).vendor == ms.vendor);
  CHECK(explain(enhanced_code{5, 7, 650}).vendor == nullptr);
  CHECK(explain(enhanced_code{4, 7, 606}).vendor == nullptr);
  for (const auto& v : smtpreply::vendor_enhanced_codes) {
    CHECK_FALSE(v.source.empty());
    CHECK(find(enhanced_code{v.klass, v.subject, v.detail_first}) == nullptr);  // never a registered code
  }

  // (not X.2.2: a full mailbox is retried in both classes, issue 12)
  const auto c = compare(enhanced_code{4, 1, 1}, enhanced_code{5, 1, 1});
  CHECK(c.has(difference::reply_class));
  CHECK(c.has(difference::transient_vs_permanent));
  CHECK(c.has(difference::retry));
  CHECK_FALSE(c.has(difference::category));
  CHECK_FALSE(c.has(difference::closes_connection));
  const auto d = compare(enhanced_code{5, 1, 1}, enhanced_code{5, 7, 1});
  CHECK(d.has(difference::category));
  CHECK_FALSE(d.has(difference::reply_class));
  CHECK(compare(enhanced_code{5, 1, 1}, enhanced_code{5, 1, 1}).differences == 0);
}

TEST_CASE("names are stable and unique", "[catalog]") {
  std::set<std::string_view> actions;
  for (std::uint8_t i = 0; i <= 8; ++i) {
    const auto a = static_cast<action>(i);
    CHECK(actions.insert(smtpreply::name(a)).second);
    CHECK_FALSE(smtpreply::describe(a).empty());
    for (const char ch : smtpreply::name(a)) CHECK(((ch >= 'a' && ch <= 'z') || ch == '_'));
  }
  CHECK(smtpreply::name(action::retry_later) == "retry_later");
  CHECK(smtpreply::name(action::continue_request) == "continue_request");
  CHECK(smtpreply::name(action::start_tls) == "start_tls");

  std::set<std::string_view> differences;
  std::uint32_t bits = 0;
  for (const difference d : smtpreply::all_differences) {
    CHECK(differences.insert(smtpreply::name(d)).second);
    CHECK((bits & static_cast<std::uint32_t>(d)) == 0);
    bits |= static_cast<std::uint32_t>(d);
  }
  CHECK(smtpreply::name(difference::transient_vs_permanent) == "transient_vs_permanent");
  CHECK(compare(reply_code{250}, reply_code{421}).differences == bits);
}

TEST_CASE("enhanced lookups never confuse parts beyond 999 with other entries", "[catalog]") {
  // Found by fuzz_catalog: a key of subject * 1000 + detail made 0.1000 look like X.1.0.
  CHECK(smtpreply::find(smtpreply::enhanced_code{5, 0, 1000}) == nullptr);
  CHECK(smtpreply::find(smtpreply::enhanced_code{5, 1, 1000}) == nullptr);
  CHECK_FALSE(smtpreply::explain(smtpreply::enhanced_code{5, 0, 1000}).known);
  CHECK(smtpreply::explain(smtpreply::enhanced_code{5, 1, 0}).known);
}
