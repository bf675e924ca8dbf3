#include <set>
#include <smtpreply/error.hpp>
#include <string>
#include <system_error>

#include "catch.hpp"

using smtpreply::errc;

static_assert(smtpreply::name(errc::bare_lf) == "bare_lf");

TEST_CASE("every error has a unique stable name and a message", "[error]") {
  std::set<std::string_view> names;
  for (int v = 0; v <= 14; ++v) {
    const auto e = static_cast<errc>(v);
    INFO(v);
    CHECK(smtpreply::name(e) != "unknown");
    CHECK(smtpreply::message(e) != "unknown error");
    names.insert(smtpreply::name(e));
  }
  CHECK(names.size() == 15);
  CHECK(smtpreply::name(static_cast<errc>(200)) == "unknown");
  // The numbers are part of the interface.
  CHECK(static_cast<int>(errc::invalid_code) == 1);
  CHECK(static_cast<int>(errc::incomplete) == 12);
  CHECK(static_cast<int>(errc::invalid_enhanced_code) == 14);
}

TEST_CASE("errc works as std::error_code", "[error]") {
  const std::error_code ec = errc::line_too_long;
  CHECK(ec);
  CHECK(ec.value() == 9);
  CHECK(std::string(ec.category().name()) == "smtpreply");
  CHECK(ec.message() == std::string(smtpreply::message(errc::line_too_long)));
  CHECK(ec == make_error_code(errc::line_too_long));
  CHECK(ec != make_error_code(errc::bare_lf));
  CHECK_FALSE(std::error_code(errc::ok));
}
