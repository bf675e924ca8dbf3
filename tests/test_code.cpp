#include <smtpreply/code.hpp>

#include "catch.hpp"

using smtpreply::errc;
using smtpreply::parse_code;
using smtpreply::reply_category;
using smtpreply::reply_class;
using smtpreply::reply_code;

// constexpr proofs
static_assert(parse_code("250").code.value() == 250);
static_assert(parse_code("421").code.is_transient());
static_assert(parse_code("660").error == errc::code_out_of_range);
static_assert(parse_code("660", true).code.category() == reply_category::unknown);
static_assert(reply_code{554}.reply_class() == reply_class::permanent_negative);
static_assert(!parse_code("+25"));

TEST_CASE("every code in the RFC 5321 range parses, with class and category from its digits", "[code]") {
  int accepted = 0;
  for (int v = 0; v <= 999; ++v) {
    char s[4] = {static_cast<char>('0' + v / 100), static_cast<char>('0' + v / 10 % 10),
                 static_cast<char>('0' + v % 10), 0};
    const auto r = parse_code(std::string_view(s, 3));
    const bool in_range = v / 100 >= 2 && v / 100 <= 5 && v / 10 % 10 <= 5;
    CHECK(static_cast<bool>(r) == in_range);
    if (in_range) {
      ++accepted;
      CHECK(r.code.value() == v);
      CHECK(static_cast<int>(r.code.reply_class()) == v / 100);
      CHECK(static_cast<int>(r.code.category()) == v / 10 % 10);
    } else {
      CHECK(r.error == errc::code_out_of_range);
      const auto lenient = parse_code(std::string_view(s, 3), true);
      if (v / 100 == 0) {  // a first digit 0 is never a reply code, as in the parser
        CHECK(lenient.error == errc::code_out_of_range);
        continue;
      }
      REQUIRE(lenient);
      CHECK(lenient.code.value() == v);
      CHECK_FALSE(lenient.code.is_valid());
    }
  }
  CHECK(accepted == 4 * 6 * 10);
}

TEST_CASE("codes that other parsers accept by accident are rejected", "[code]") {
  // smtplib's int() takes "+25", "2_5" and " 25"; qmail summed bytes.
  for (const char* s : {"+25", "2_5", " 25", "25", "2500", "", "25a", "2.5", "\xd9\xa2\xd9\xa5\xd9\xa0"}) {
    INFO(s);
    const auto r = parse_code(s);
    CHECK_FALSE(r);
    CHECK(r.error == errc::invalid_code);
  }
  CHECK(parse_code("2_5").offset == 1);
  CHECK(parse_code("2500").offset == 3);
  CHECK(parse_code("000").offset == 0);
  CHECK(parse_code("260").offset == 1);
}

TEST_CASE("predicates follow the first digit", "[code]") {
  CHECK(reply_code{250}.is_positive_completion());
  CHECK(reply_code{250}.is_positive());
  CHECK_FALSE(reply_code{250}.is_negative());
  CHECK(reply_code{354}.is_positive_intermediate());
  CHECK(reply_code{354}.is_positive());
  CHECK(reply_code{421}.is_transient());
  CHECK(reply_code{421}.is_negative());
  CHECK_FALSE(reply_code{421}.is_permanent());
  CHECK(reply_code{550}.is_permanent());
  CHECK(reply_code{299}.is_positive_completion());  // unknown but valid: by first digit
  CHECK(reply_code{123}.reply_class() == reply_class::unknown);
  CHECK_FALSE(reply_code{123}.is_positive());
  CHECK_FALSE(reply_code{123}.is_negative());
  CHECK(reply_code{421}.category() == reply_category::connections);
  CHECK(reply_code{550}.category() == reply_category::mail_system);
  CHECK(reply_code{500}.category() == reply_category::syntax);
  CHECK(reply_code{214}.category() == reply_category::information);
  CHECK(name(reply_class::transient_negative) == "transient_negative");
  CHECK(name(reply_category::mail_system) == "mail_system");
  CHECK(reply_code{250} == reply_code{250});
  CHECK(reply_code{250} < reply_code{251});
}
