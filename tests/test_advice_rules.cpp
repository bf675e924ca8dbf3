// advise(): one regression test per rule of issue 12, point 4 (what real
// providers send with codes that the first digit alone misreads).
#include <smtpreply/catalog.hpp>

#include "catch.hpp"

using smtpreply::action;
using smtpreply::advice_options;
using smtpreply::advise;
using smtpreply::command;
using smtpreply::enhanced_code;
using smtpreply::reply_code;

TEST_CASE("advise: mailbox full (X.2.2) is retry_later even as 5yz", "[advice][issue12]") {
  // Gmail "552 5.2.2 The email account that you tried to reach is over quota"; T-Online "552 5.2.2 Over quota".
  CHECK(advise(reply_code{552}, {5, 2, 2}, command::rcpt) == action::retry_later);
  CHECK(advise(reply_code{552}, {5, 2, 2}, command::end_of_data) == action::retry_later);
  CHECK(advise(reply_code{550}, {5, 2, 2}) == action::retry_later);
  CHECK(advise(reply_code{452}, {4, 2, 2}, command::rcpt) == action::retry_later);
  CHECK(advise(enhanced_code{5, 2, 2}) == action::retry_later);
}

TEST_CASE("advise: size refusals (X.2.3, X.3.4) are fix_request", "[advice][issue12]") {
  // Postfix "552 5.3.4 Message size exceeds fixed limit"; Gmail "552 5.3.4 ... message size limits".
  CHECK(advise(reply_code{552}, {5, 3, 4}, command::mail) == action::fix_request);
  CHECK(advise(reply_code{552}, {5, 3, 4}, command::end_of_data) == action::fix_request);
  CHECK(advise(reply_code{552}, {5, 2, 3}, command::end_of_data) == action::fix_request);
  CHECK(advise(reply_code{554}, {5, 3, 4}) == action::fix_request);
  // Transient size trouble stays a retry.
  CHECK(advise(reply_code{452}, {4, 3, 4}, command::mail) == action::retry_later);
}

TEST_CASE("advise: content refusals (X.6.x) are fix_request", "[advice][issue12]") {
  for (std::uint16_t d = 0; d <= 10; ++d) {
    CAPTURE(d);
    CHECK(advise(reply_code{554}, {5, 6, d}, command::end_of_data) == action::fix_request);
    CHECK(advise(reply_code{550}, {5, 6, d}) == action::fix_request);
  }
}

TEST_CASE("advise: rate limits (X.7.28) are retry_later whatever the class", "[advice][issue12]") {
  CHECK(advise(reply_code{550}, {5, 7, 28}, command::rcpt) == action::retry_later);
  CHECK(advise(reply_code{421}, {4, 7, 28}) == action::reconnect);  // 421 closes: still a retry
  CHECK(advise(reply_code{450}, {4, 7, 28}, command::rcpt) == action::retry_later);
}

TEST_CASE("advise: 552 to RCPT is retry_later only without an enhanced code or with X.5.3", "[advice][issue12]") {
  CHECK(advise(reply_code{552}, {}, command::rcpt) == action::retry_later);
  CHECK(advise(reply_code{552}, {5, 5, 3}, command::rcpt) == action::retry_later);
  CHECK(advise(reply_code{552}, {5, 1, 1}, command::rcpt) == action::give_up);
  CHECK(advise(reply_code{552}, {5, 7, 1}, command::rcpt) == action::give_up);
  advice_options strict{};
  strict.treat_552_to_rcpt_as_452 = false;
  CHECK(advise(reply_code{552}, {}, command::rcpt, strict) == action::give_up);
}

TEST_CASE("advise: 5.7.9 asks to authenticate only for 534/535 or AUTH", "[advice][issue12]") {
  // Yahoo "554 5.7.9 Message not accepted for policy reasons".
  CHECK(advise(reply_code{554}, {5, 7, 9}) == action::give_up);
  CHECK(advise(reply_code{550}, {5, 7, 9}, command::end_of_data) == action::give_up);
  CHECK(advise(reply_code{554}, {5, 7, 9}, command::auth) == action::authenticate);
  CHECK(advise(reply_code{534}, {5, 7, 9}) == action::authenticate);
  CHECK(advise(reply_code{535}, {5, 7, 9}, command::mail) == action::authenticate);
  // X.7.8 keeps its rule (AUTH or an unknown command).
  CHECK(advise(reply_code{554}, {5, 7, 8}) == action::authenticate);
  CHECK(advise(reply_code{554}, {5, 7, 8}, command::end_of_data) == action::give_up);
}

static_assert(advise(reply_code{552}, {5, 2, 2}, command::rcpt) == action::retry_later);
static_assert(advise(reply_code{552}, {5, 1, 1}, command::rcpt) == action::give_up);
static_assert(advise(reply_code{554}, {5, 7, 9}) == action::give_up);
