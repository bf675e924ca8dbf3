// Fuzzes the EHLO view: the first byte picks the leniencies, the rest is one
// reply. Checks that every view lies inside the input, that the walks agree
// with the counts and lookups, that an upper-cased copy reads the same
// (keywords compare without regard to case), and that a list compared with
// itself shows no change.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <smtpreply/ehlo.hpp>
#include <smtpreply/reply_parser.hpp>
#include <smtpreply/starttls.hpp>
#include <string>
#include <string_view>

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool inside(std::string_view part, std::string_view whole) {
  if (part.empty()) return true;
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 32);
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 32);
    if (x != y) return false;
  }
  return true;
}

void check_view(const smtpreply::ehlo_view& v, const smtpreply::reply& r, std::string_view input) {
  using smtpreply::ehlo_keyword;
  check(inside(v.raw(), input));
  check(inside(v.domain(), input));
  check(inside(v.greeting(), input));
  check(v.capability_lines() < r.line_count() || (r.line_count() == 0 && v.capability_lines() == 0));

  std::size_t caps = 0;
  for (const smtpreply::ehlo_capability& c : v.capabilities()) {
    ++caps;
    check(!c.keyword.empty());
    check(inside(c.keyword, input));
    // The walk gives first occurrences, and lookups find them.
    const smtpreply::ehlo_capability found = v.find(c.keyword);
    check(found.keyword.data() == c.keyword.data());
    check(found.id == c.id);
    check(v.has(c.keyword));
    if (c.id != ehlo_keyword::unknown) {
      check(v.has(c.id));
      check(iequal(c.keyword, smtpreply::keyword_text(c.id)));
    }
    std::size_t params = 0;
    for (std::string_view p : c.params) {
      check(!p.empty());
      check(inside(p, input));
      check(p.find(' ') == std::string_view::npos);
      ++params;
    }
    check(params == c.params.size());
  }
  check(caps <= v.capability_lines());
  check(caps == v.capabilities().size());
  for (ehlo_keyword k : smtpreply::all_ehlo_keywords) {
    check(v.has(k) == static_cast<bool>(v.find(k)));
  }

  std::size_t mechanisms = 0;
  for (auto m : v.auth_mechanisms()) {
    check(inside(m.name, input));
    check(v.has(ehlo_keyword::auth));
    if (m.id != smtpreply::auth_mechanism::none) check(v.auth().has(m.id));
    std::size_t same = 0;
    for (auto other : v.auth_mechanisms()) same += iequal(other.name, m.name) ? 1u : 0u;
    check(same == 1);
    ++mechanisms;
  }
  check(mechanisms <= smtpreply::ehlo_view::max_auth_tokens);
  for (auto m : v.unknown_auth_mechanisms()) check(m.id == smtpreply::auth_mechanism::none);

  const auto check_number = [](smtpreply::ehlo_number n) {
    check(n.state == smtpreply::param_state::value || n.value == 0);
  };
  check_number(v.size());
  check_number(v.deliverby());
  check(v.deliverby().value <= 999999999u);
  const auto l = v.limits();
  check_number(l.rcptmax);
  check_number(l.mailmax);
  check_number(l.rcptdomainmax);
  check(l.rcptmax.value <= 999999u && l.mailmax.value <= 999999u && l.rcptdomainmax.value <= 999999u);
  check(inside(v.mt_priority().policy_name, input));
  check(inside(v.futurerelease().max_date_time, input));
  check(v.size().advertised() == v.has(ehlo_keyword::size));
  check(v.limits().state == smtpreply::param_state::absent || v.has(ehlo_keyword::limits));

  // The quick keyword test used by lookups agrees with the full split.
  bool first_line = true;
  for (std::string_view t : r.lines()) {
    const auto parts = smtpreply::detail::ehlo_impl::split_line(t);
    const std::string_view probes[] = {parts.keyword,  "AUTH", "AUTH=LOGIN", "SIZE", t.substr(0, t.find(' ')),
                                       t.substr(0, 3), t};
    for (std::string_view k : probes) {
      if (k.empty()) continue;
      check(smtpreply::detail::ehlo_impl::has_keyword(t, k) == iequal(parts.keyword, k));
    }
    if (!first_line && !parts.keyword.empty()) check(v.has(parts.keyword));
    first_line = false;
  }

  const smtpreply::starttls_diff d = smtpreply::diff_starttls(v, v);
  const std::uint32_t allowed = static_cast<std::uint32_t>(smtpreply::starttls_flag::starttls_after_tls) |
                                static_cast<std::uint32_t>(smtpreply::starttls_flag::no_starttls_before);
  check((d.flags & ~allowed) == 0);
  check(d.vanished.empty() && d.appeared.empty() && d.changed.empty());
  check(d.unknown_vanished == 0 && d.unknown_appeared == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 8192) return 0;
  const auto lenient = static_cast<smtpreply::leniency>(data[0] & static_cast<std::uint32_t>(smtpreply::leniency::all));
  const smtpreply::parse_options options{lenient, smtpreply::limits{}};
  const std::string input(reinterpret_cast<const char*>(data + 1), size - 1);

  const smtpreply::parse_result r = smtpreply::parse_reply(input, options);
  if (!r) return 0;
  const smtpreply::ehlo_view v{r.value};
  check_view(v, r.value, input);
  const smtpreply::ehlo_result e = smtpreply::parse_ehlo(r.value);
  check(static_cast<bool>(e) == (r.value.code().value() == 250));

  // The same bytes upper-cased read the same.
  std::string upper = input;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  const smtpreply::parse_result ur = smtpreply::parse_reply(upper, options);
  check(static_cast<bool>(ur) && ur.consumed == r.consumed);
  const smtpreply::ehlo_view u{ur.value};
  check_view(u, ur.value, upper);
  check(u.flags() == v.flags());
  check(u.keywords() == v.keywords());
  check(u.size() == v.size());
  check(u.deliverby() == v.deliverby());
  check(u.auth() == v.auth());
  check(u.limits().state == v.limits().state);
  check(u.limits().rcptmax == v.limits().rcptmax && u.limits().mailmax == v.limits().mailmax &&
        u.limits().rcptdomainmax == v.limits().rcptdomainmax);
  check(u.mt_priority().state == v.mt_priority().state && u.mt_priority().policy == v.mt_priority().policy);
  check(u.futurerelease().state == v.futurerelease().state &&
        u.futurerelease().max_interval == v.futurerelease().max_interval);
  check(u.capabilities().size() == v.capabilities().size());
  check(u.auth_mechanisms().size() == v.auth_mechanisms().size());
  check(u.domain().size() == v.domain().size());
  for (const smtpreply::ehlo_capability& c : v.capabilities()) {
    const smtpreply::ehlo_capability uc = u.find(c.keyword);
    check(static_cast<bool>(uc));
    check(uc.id == c.id);
    check(uc.keyword.data() - upper.data() == c.keyword.data() - input.data());
    check(uc.params.size() == c.params.size());
  }
  return 0;
}
