#include <set>
#include <smtpreply/flags.hpp>
#include <smtpreply/options.hpp>
#include <string_view>

#include "catch.hpp"

using smtpreply::flag;
using smtpreply::flag_set;
using smtpreply::leniency;

static_assert(smtpreply::has(leniency::all, leniency::bare_lf | leniency::invalid_utf8));
static_assert(!smtpreply::has(leniency::none, leniency::bare_lf));
static_assert(flag_set{0x3}.has(flag::invalid_separator));

TEST_CASE("flags: unique names, one bit each, tolerated bits mirror the leniencies", "[flags]") {
  std::set<std::string_view> names;
  std::uint32_t seen = 0;
  for (const flag f : smtpreply::all_flags) {
    const auto b = static_cast<std::uint32_t>(f);
    CHECK((b & (b - 1)) == 0);  // one bit
    CHECK((seen & b) == 0);     // not reused
    seen |= b;
    CHECK(name(f) != "unknown");
    names.insert(name(f));
  }
  CHECK(names.size() == smtpreply::all_flags.size());
  // Each leniency bit is reported by the flag with the same bit.
  CHECK(static_cast<std::uint32_t>(leniency::bare_lf) == static_cast<std::uint32_t>(flag::bare_lf));
  CHECK(static_cast<std::uint32_t>(leniency::invalid_separator) == static_cast<std::uint32_t>(flag::invalid_separator));
  CHECK(static_cast<std::uint32_t>(leniency::code_out_of_range) == static_cast<std::uint32_t>(flag::code_out_of_range));
  CHECK(static_cast<std::uint32_t>(leniency::mixed_codes) == static_cast<std::uint32_t>(flag::mixed_codes));
  CHECK(static_cast<std::uint32_t>(leniency::empty_line) == static_cast<std::uint32_t>(flag::empty_line));
  CHECK(static_cast<std::uint32_t>(leniency::invalid_utf8) == static_cast<std::uint32_t>(flag::invalid_utf8));
  CHECK(static_cast<std::uint32_t>(leniency::control_character) == static_cast<std::uint32_t>(flag::control_character));
  CHECK((seen & smtpreply::tolerated_flags_mask) == static_cast<std::uint32_t>(leniency::all));
}

TEST_CASE("flag_set and leniency operations", "[flags]") {
  flag_set s;
  CHECK(s.empty());
  s.add(flag::long_line);
  s.add(flag::bare_lf);
  CHECK(s.has(flag::long_line));
  CHECK_FALSE(s.has(flag::mixed_codes));
  CHECK(s.tolerated() == flag_set{static_cast<std::uint32_t>(flag::bare_lf)});
  CHECK((~leniency::bare_lf & leniency::bare_lf) == leniency::none);
  CHECK(smtpreply::has(~leniency::bare_lf, leniency::invalid_utf8));
  CHECK(smtpreply::parse_options::lenient_all().lenient == leniency::all);
  CHECK(smtpreply::limits::rfc().max_line_octets == 512);
  CHECK(smtpreply::limits{}.max_line_octets >= 2048);  // never below Postfix's bound
  CHECK(name(smtpreply::text_encoding::other_8bit) == "other_8bit");
}
