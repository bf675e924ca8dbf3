// Fuzzes parse_enhanced() and find_enhanced() against the RFC 3463 grammar
// of the reference parser, and enhanced_code::format() both ways.
#include "fuzz_common.hpp"

namespace {

std::string formatted(smtpreply::enhanced_code c) {
  char buf[16];
  const std::size_t n = c.format(buf);
  fuzz::check(n >= 5 && n <= 11, "format() writes 5 to 11 bytes");
  return std::string(buf, n);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  fuzz::current_input() = s;

  const smtpreply::enhanced_result r = smtpreply::parse_enhanced(s);
  reference::esc ref{};
  const bool ref_ok = reference::parse_esc(s, ref);
  if (static_cast<bool>(r) != ref_ok ||
      (r && (r.code.klass != ref.klass || r.code.subject != ref.subject || r.code.detail != ref.detail))) {
    fuzz::fail("parse_enhanced() agrees with the RFC 3463 grammar");
  }
  if (r) {
    // The grammar has one spelling per code (no leading zeros): format() gives it back.
    fuzz::check(formatted(r.code) == s, "format() of a parsed code is its text");
    fuzz::check(!r.code.empty() && r.code.status_class() != smtpreply::enhanced_class::unknown, "a valid class");
    fuzz::check(!smtpreply::name(r.code.status_class()).empty() && !smtpreply::name(r.code.subject_kind()).empty(),
                "names");
  } else {
    fuzz::check(r.error == smtpreply::errc::invalid_enhanced_code && r.offset <= s.size() && r.code.empty(),
                "a failure says where, and nothing else");
  }

  const smtpreply::enhanced_in_text f = smtpreply::find_enhanced(s);
  const reference::esc_found rf = reference::find_esc(s);
  const auto kind = static_cast<int>(f.presence);
  const int ref_kind = rf.kind == reference::esc_kind::absent      ? 0
                       : rf.kind == reference::esc_kind::valid     ? 1
                       : rf.kind == reference::esc_kind::malformed ? 2
                                                                   : 3;
  const bool found = rf.kind == reference::esc_kind::valid || rf.kind == reference::esc_kind::hash_prefixed;
  if (kind != ref_kind || !fuzz::inside(f.rest, s) || f.rest.data() + f.rest.size() != s.data() + s.size() ||
      f.rest.size() != s.size() - (found ? rf.rest : 0) ||
      (found &&
       (f.code.klass != rf.code.klass || f.code.subject != rf.code.subject || f.code.detail != rf.code.detail)) ||
      (!found && !f.code.empty())) {
    char shown[96];
    std::snprintf(shown, sizeof shown, "library presence %d rest %zu; reference %d rest %zu", kind,
                  s.size() - f.rest.size(), ref_kind, rf.rest);
    fuzz::fail("find_enhanced() agrees with RFC 2034 placement", shown);
  }

  // Any three parts up to 999 print and parse back (class permitting).
  if (size >= 6) {
    const auto part = [data](std::size_t i) { return static_cast<std::uint16_t>((data[i] << 8 | data[i + 1]) % 1000); };
    const smtpreply::enhanced_code c{part(0), part(2), part(4)};
    const smtpreply::enhanced_result back = smtpreply::parse_enhanced(formatted(c));
    const bool good_class = c.klass == 2 || c.klass == 4 || c.klass == 5;
    fuzz::check(static_cast<bool>(back) == good_class && (!good_class || back.code == c),
                "format() then parse_enhanced() is the identity");
    fuzz::check(static_cast<unsigned>(c.subject_kind()) == (c.subject <= 7 ? c.subject : 0xffffu), "subject_kind()");
    fuzz::check(static_cast<unsigned>(c.status_class()) == (good_class ? c.klass : 0u), "status_class()");
    fuzz::check(!smtpreply::name(c.status_class()).empty() && !smtpreply::name(c.subject_kind()).empty(), "names");
  }
  return 0;
}
