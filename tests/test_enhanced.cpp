#include <smtpreply/enhanced.hpp>

#include "catch.hpp"

using smtpreply::enhanced_code;
using smtpreply::enhanced_presence;
using smtpreply::errc;
using smtpreply::find_enhanced;
using smtpreply::parse_enhanced;

static_assert(parse_enhanced("5.7.606").code == enhanced_code{5, 7, 606});
static_assert(!parse_enhanced("5.1.01"));
static_assert(find_enhanced("#5.1.0 Address rejected").presence == enhanced_presence::hash_prefixed);
static_assert(find_enhanced("2.1.5 ok").rest == "ok");
static_assert(find_enhanced("1.2.3.4 ESMTP").presence == enhanced_presence::absent);

TEST_CASE("RFC 3463 grammar: class 2/4/5, 1-3 digit parts, no leading zeros", "[enhanced]") {
  CHECK(parse_enhanced("2.0.0").code == enhanced_code{2, 0, 0});
  CHECK(parse_enhanced("4.7.1").code == enhanced_code{4, 7, 1});
  CHECK(parse_enhanced("5.1.10").code == enhanced_code{5, 1, 10});
  CHECK(parse_enhanced("5.7.606").code == enhanced_code{5, 7, 606});      // Microsoft: kept exactly
  CHECK(parse_enhanced("5.999.999").code == enhanced_code{5, 999, 999});  // no saturation at 255
  CHECK(parse_enhanced("2.1.23").code == enhanced_code{2, 1, 23});        // RFC 3463's own example
  for (const char* bad : {"5.1.01", "5.01.1", "05.1.1", "1.2.3", "3.0.0", "6.1.1", "5.1", "5.1.", "5..1", "5.1.1000",
                          "5.1000.1", "5.1.1 ", " 5.1.1", "5.1.1x", "#5.1.0", "", "5-1-1"}) {
    INFO(bad);
    const auto r = parse_enhanced(bad);
    CHECK_FALSE(r);
    CHECK(r.error == errc::invalid_enhanced_code);
  }
  CHECK(parse_enhanced("5.1.01").offset == 5);
  CHECK(parse_enhanced("5.1.1x").offset == 5);
  CHECK(parse_enhanced("1.2.3").offset == 0);
}

TEST_CASE("enhanced codes at the start of reply text", "[enhanced]") {
  auto f = find_enhanced("5.7.1 Relaying denied");
  CHECK(f.presence == enhanced_presence::valid);
  CHECK(f.code == enhanced_code{5, 7, 1});
  CHECK(f.rest == "Relaying denied");
  CHECK(find_enhanced("2.0.0").presence == enhanced_presence::valid);
  CHECK(find_enhanced("2.0.0").rest.empty());
  CHECK(find_enhanced("#5.1.0 Address rejected").code == enhanced_code{5, 1, 0});
  // Attempts that break RFC 3463.
  CHECK(find_enhanced("5.1.01 bad").presence == enhanced_presence::malformed);
  CHECK(find_enhanced("4.7.2x list").presence == enhanced_presence::malformed);
  CHECK(find_enhanced("1.2.3 x").presence == enhanced_presence::malformed);
  CHECK(find_enhanced("2.0.0.1000 x").presence == enhanced_presence::malformed);
  CHECK(find_enhanced("#5.1 x").presence == enhanced_presence::malformed);
  // Not attempts at all: RFC 5321's own example, EHLO greetings, prose.
  CHECK(find_enhanced("234 Text beginning with numbers").presence == enhanced_presence::absent);
  CHECK(find_enhanced("10.0.0.1 Hello").presence == enhanced_presence::absent);
  // Issue 11 defect 5: an IPv4 address is not an attempt, whatever its first number.
  for (const char* ip :
       {"1.2.3.4 ESMTP", "1.2.3.4", "2.0.0.1 x", "5.7.1.9", "#1.2.3.4", "1.22.333.4:25", "1.2.3.4.5"}) {
    INFO(ip);
    CHECK(find_enhanced(ip).presence == enhanced_presence::absent);
    CHECK(find_enhanced(ip).rest == ip);
  }
  // Not dotted quads: still attempts.
  CHECK(find_enhanced("1.2.3 x").presence == enhanced_presence::malformed);
  CHECK(find_enhanced("1.2.3.4444 x").presence == enhanced_presence::malformed);
  CHECK(find_enhanced("1.2.3. x").presence == enhanced_presence::malformed);
  CHECK(find_enhanced("mx.example.org").presence == enhanced_presence::absent);
  CHECK(find_enhanced("").presence == enhanced_presence::absent);
  CHECK(find_enhanced("OK").rest == "OK");
}

TEST_CASE("class and subject names, formatting", "[enhanced]") {
  CHECK(enhanced_code{4, 7, 1}.status_class() == smtpreply::enhanced_class::persistent_transient_failure);
  CHECK(enhanced_code{5, 7, 1}.subject_kind() == smtpreply::enhanced_subject::security_policy);
  CHECK(enhanced_code{5, 9, 1}.subject_kind() == smtpreply::enhanced_subject::unknown);
  CHECK(name(smtpreply::enhanced_subject::network_routing) == "network_routing");
  char buf[16];
  CHECK(std::string_view(buf, enhanced_code{5, 7, 606}.format(buf)) == "5.7.606");
  CHECK(std::string_view(buf, enhanced_code{2, 0, 0}.format(buf)) == "2.0.0");
  CHECK(std::string_view(buf, enhanced_code{4, 10, 90}.format(buf)) == "4.10.90");
  CHECK(enhanced_code{}.empty());
}
