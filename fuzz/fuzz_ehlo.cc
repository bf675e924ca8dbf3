// Fuzzes the EHLO view: the first byte picks the leniencies, the rest is one
// reply, and what follows it a second one. Checks that every view lies inside
// the input, that the walks agree with the counts and lookups, that an
// upper-cased copy reads the same (keywords compare without regard to case),
// that a list compared with itself shows no change, that the typed values
// (SIZE, DELIVERBY, MT-PRIORITY, FUTURERELEASE, LIMITS) agree with an
// independent re-parse from their RFC grammars, and that diff_starttls() of
// the two replies, both ways round, agrees with a walk of both lists.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <smtpreply/ehlo.hpp>
#include <smtpreply/reply_parser.hpp>
#include <smtpreply/starttls.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

// A failed property names itself: the condition and its line.
#define PROP(cond) ::fuzz::check((cond), "fuzz_ehlo.cc:" SMTPREPLY_FUZZ_LINE ": " #cond)

namespace {

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
  PROP(inside(v.raw(), input));
  PROP(inside(v.domain(), input));
  PROP(inside(v.greeting(), input));
  PROP(v.capability_lines() < r.line_count() || (r.line_count() == 0 && v.capability_lines() == 0));

  std::size_t caps = 0;
  for (const smtpreply::ehlo_capability& c : v.capabilities()) {
    ++caps;
    PROP(!c.keyword.empty());
    PROP(inside(c.keyword, input));
    // The walk gives first occurrences, and lookups find them.
    const smtpreply::ehlo_capability found = v.find(c.keyword);
    PROP(found.keyword.data() == c.keyword.data());
    PROP(found.id == c.id);
    PROP(v.has(c.keyword));
    if (c.id != ehlo_keyword::unknown) {
      PROP(v.has(c.id));
      PROP(iequal(c.keyword, smtpreply::keyword_text(c.id)));
    }
    std::size_t params = 0;
    for (std::string_view p : c.params) {
      PROP(!p.empty());
      PROP(inside(p, input));
      PROP(p.find(' ') == std::string_view::npos);
      ++params;
    }
    PROP(params == c.params.size());
  }
  PROP(caps <= v.capability_lines());
  PROP(caps == v.capabilities().size());
  for (ehlo_keyword k : smtpreply::all_ehlo_keywords) {
    PROP(v.has(k) == static_cast<bool>(v.find(k)));
  }

  std::size_t mechanisms = 0;
  for (auto m : v.auth_mechanisms()) {
    PROP(inside(m.name, input));
    PROP(v.has(ehlo_keyword::auth));
    if (m.id != smtpreply::auth_mechanism::none) PROP(v.auth().has(m.id));
    std::size_t same = 0;
    for (auto other : v.auth_mechanisms()) same += iequal(other.name, m.name) ? 1u : 0u;
    PROP(same == 1);
    ++mechanisms;
  }
  PROP(mechanisms <= smtpreply::ehlo_view::max_auth_tokens);
  for (auto m : v.unknown_auth_mechanisms()) PROP(m.id == smtpreply::auth_mechanism::none);

  const auto check_number = [](smtpreply::ehlo_number n) {
    PROP(n.state == smtpreply::param_state::value || n.value == 0);
  };
  check_number(v.size());
  check_number(v.deliverby());
  PROP(v.deliverby().value <= 999999999u);
  const auto l = v.limits();
  check_number(l.rcptmax);
  check_number(l.mailmax);
  check_number(l.rcptdomainmax);
  PROP(l.rcptmax.value <= 999999u && l.mailmax.value <= 999999u && l.rcptdomainmax.value <= 999999u);
  PROP(inside(v.mt_priority().policy_name, input));
  PROP(inside(v.futurerelease().max_date_time, input));
  PROP(v.size().advertised() == v.has(ehlo_keyword::size));
  PROP(v.limits().state == smtpreply::param_state::absent || v.has(ehlo_keyword::limits));

  // The quick keyword test used by lookups agrees with the full split.
  bool first_line = true;
  for (std::string_view t : r.lines()) {
    const auto parts = smtpreply::detail::ehlo_impl::split_line(t);
    const std::string_view probes[] = {parts.keyword,  "AUTH", "AUTH=LOGIN", "SIZE", t.substr(0, t.find(' ')),
                                       t.substr(0, 3), t};
    for (std::string_view k : probes) {
      if (k.empty()) continue;
      PROP(smtpreply::detail::ehlo_impl::has_keyword(t, k) == iequal(parts.keyword, k));
    }
    if (!first_line && !parts.keyword.empty()) PROP(v.has(parts.keyword));
    first_line = false;
  }

  const smtpreply::starttls_diff d = smtpreply::diff_starttls(v, v);
  const std::uint32_t allowed = static_cast<std::uint32_t>(smtpreply::starttls_flag::starttls_after_tls) |
                                static_cast<std::uint32_t>(smtpreply::starttls_flag::no_starttls_before);
  PROP((d.flags & ~allowed) == 0);
  PROP(d.vanished.empty() && d.appeared.empty() && d.changed.empty());
  PROP(d.unknown_vanished == 0 && d.unknown_appeared == 0);
}

// ---- Reference for the typed values ---------------------------------------------
// An independent re-parse, written from the RFC grammars, of a keyword that
// appears on exactly one capability line (repeats are merged by rules of the
// view's own, checked elsewhere). Tokens are the non-empty runs between SPs.

bool ref_digits(std::string_view s, std::size_t min, std::size_t max) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ref_number(std::string_view s, std::size_t max_digits, std::uint64_t& out) {
  if (!ref_digits(s, 1, max_digits)) return false;
  // Overflow: anything over 20 digits, or 20 digits above UINT64_MAX, is not a number.
  const std::string_view limit = "18446744073709551615";
  std::size_t lead = 0;
  while (lead + 1 < s.size() && s[lead] == '0') ++lead;
  const std::string_view sig = s.substr(lead);
  if (sig.size() > limit.size() || (sig.size() == limit.size() && sig > limit)) return false;
  std::uint64_t v = 0;
  for (char c : sig) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  out = v;
  return true;
}

bool ref_two(std::string_view s, std::size_t at, unsigned lo, unsigned hi) {
  if (at + 2 > s.size() || !ref_digits(s.substr(at, 2), 2, 2)) return false;
  const unsigned v = static_cast<unsigned>((s[at] - '0') * 10 + (s[at + 1] - '0'));
  return v >= lo && v <= hi;
}

// RFC 3339 section 5.6 date-time: full-date "T" full-time, "T" and "Z" in any
// case; date-month 01-12, date-mday 01-31 (the per-month bound of the ABNF
// comment is not checked: the view does not either), hour 00-23, minute
// 00-59, second 00-60, optional fraction, then "Z" or +/-hh:mm.
bool ref_date_time(std::string_view s) {
  if (s.size() < 20 || !ref_digits(s.substr(0, 4), 4, 4) || s[4] != '-' || !ref_two(s, 5, 1, 12) || s[7] != '-' ||
      !ref_two(s, 8, 1, 31) || (s[10] != 'T' && s[10] != 't') || !ref_two(s, 11, 0, 23) || s[13] != ':' ||
      !ref_two(s, 14, 0, 59) || s[16] != ':' || !ref_two(s, 17, 0, 60)) {
    return false;
  }
  std::size_t p = 19;
  if (s[p] == '.') {
    const std::size_t from = ++p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    if (p == from) return false;
  }
  const std::string_view offset = s.substr(p);
  if (offset == "Z" || offset == "z") return true;
  return offset.size() == 6 && (offset[0] == '+' || offset[0] == '-') && ref_two(offset, 1, 0, 23) &&
         offset[3] == ':' && ref_two(offset, 4, 0, 59);
}

std::vector<std::string_view> ref_tokens(std::string_view params) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < params.size()) {
    const std::size_t sp = params.find(' ', i);
    const std::size_t e = sp == std::string_view::npos ? params.size() : sp;
    if (e > i) out.push_back(params.substr(i, e - i));
    i = e + 1;
  }
  return out;
}

// esmtp-keyword (RFC 5321): (ALPHA / DIGIT) *(ALPHA / DIGIT / "-").
bool ref_keyword(std::string_view s) {
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (s.empty() || !alnum(s[0])) return false;
  for (char c : s) {
    if (!alnum(c) && c != '-') return false;
  }
  return true;
}

// The parameters of the one capability line whose keyword is `k` (nullptr
// unless exactly one such line among the first `max` capability lines).
bool ref_params_of(const smtpreply::reply& r, std::string_view k, std::uint32_t max, std::string_view& params) {
  std::size_t hits = 0;
  std::uint32_t seen = 0;
  bool first = true;
  for (std::string_view t : r.lines()) {
    if (first) {
      first = false;
      continue;
    }
    if (seen++ == max) break;
    const std::size_t sp = t.find(' ');
    if (iequal(t.substr(0, sp), k)) {
      ++hits;
      params = sp == std::string_view::npos ? std::string_view{} : t.substr(sp + 1);
    }
  }
  return hits == 1;
}

void check_number_ref(smtpreply::ehlo_number got, std::string_view params, std::size_t max_digits, const char* what) {
  const std::vector<std::string_view> t = ref_tokens(params);
  smtpreply::ehlo_number want{smtpreply::param_state::no_value, 0};
  if (t.size() == 1) {
    want.state =
        ref_number(t[0], max_digits, want.value) ? smtpreply::param_state::value : smtpreply::param_state::malformed;
    if (want.state != smtpreply::param_state::value) want.value = 0;
  } else if (t.size() > 1) {
    want.state = smtpreply::param_state::malformed;
  }
  if (got != want) {
    fuzz::fail(what, "view: state " + std::string(smtpreply::name(got.state)) + " value " + std::to_string(got.value) +
                         "; reference: state " + std::string(smtpreply::name(want.state)) + " value " +
                         std::to_string(want.value));
  }
}

void check_typed_values(const smtpreply::ehlo_view& v, const smtpreply::reply& r) {
  using smtpreply::param_state;
  const std::uint32_t max = smtpreply::ehlo_view::max_capability_lines;
  std::string_view params;
  if (ref_params_of(r, "SIZE", max, params)) {
    check_number_ref(v.size(), params, std::string_view::npos,
                     "SIZE agrees with RFC 1870 size-param = 1*DIGIT (reference)");
  }
  if (ref_params_of(r, "DELIVERBY", max, params)) {
    check_number_ref(v.deliverby(), params, 9, "DELIVERBY agrees with RFC 2852 min-by-time = 1*9DIGIT (reference)");
  }
  if (ref_params_of(r, "MT-PRIORITY", max, params)) {
    const std::vector<std::string_view> t = ref_tokens(params);
    const smtpreply::mt_priority_info m = v.mt_priority();
    param_state want = t.empty()           ? param_state::no_value
                       : t.size() > 1      ? param_state::malformed
                       : ref_keyword(t[0]) ? param_state::value
                                           : param_state::malformed;
    PROP(m.state == want);  // RFC 6710: MT-PRIORITY [SP priority-profile], a keyword
    if (want == param_state::value) {
      const smtpreply::mt_priority_policy p = iequal(t[0], "MIXER")        ? smtpreply::mt_priority_policy::mixer
                                              : iequal(t[0], "STANAG4406") ? smtpreply::mt_priority_policy::stanag4406
                                              : iequal(t[0], "NSEP")       ? smtpreply::mt_priority_policy::nsep
                                                                           : smtpreply::mt_priority_policy::other;
      PROP(m.policy == p && m.policy_name == t[0]);
    }
  }
  if (ref_params_of(r, "FUTURERELEASE", max, params)) {
    // RFC 4865: FUTURERELEASE SP max-future-release-interval SP max-future-release-date-time.
    const std::vector<std::string_view> t = ref_tokens(params);
    const smtpreply::futurerelease_info f = v.futurerelease();
    std::uint64_t interval = 0;
    const bool good = t.size() == 2 && ref_number(t[0], std::string_view::npos, interval) && ref_date_time(t[1]);
    if (good) {
      fuzz::check(f.state == param_state::value && f.max_interval == interval && f.max_date_time == t[1],
                  "FUTURERELEASE interval and RFC 3339 date-time read as the reference does");
    } else {
      fuzz::check(f.state == param_state::malformed && f.max_interval == 0,
                  "FUTURERELEASE that is not 1*DIGIT SP RFC 3339 date-time is malformed (reference)");
    }
  }
  {
    // RFC 4954: AUTH SP sasl-mech *(SP sasl-mech), sasl-mech = 1*20(ALPHA /
    // DIGIT / "-" / "_") (RFC 4422 3.1, any case here); also the legacy
    // "AUTH=" form. auth_malformed: an AUTH line without a mechanism, or a
    // name outside that syntax among the first max_auth_tokens names.
    const auto sasl = [](std::string_view t) {
      if (t.empty() || t.size() > 20) return false;
      for (char c : t) {
        if (!ref_keyword(std::string_view(&c, 1)) && c != '-' && c != '_') return false;
      }
      return true;
    };
    bool want = false;
    std::size_t names = 0;
    std::uint32_t seen = 0;
    bool first = true;
    for (std::string_view t : r.lines()) {
      if (first) {
        first = false;
        continue;
      }
      if (seen++ == max) break;
      const std::size_t sp = t.find(' ');
      const std::string_view head = t.substr(0, sp);
      std::string_view auth_params;
      if (head.size() >= 5 && iequal(head.substr(0, 5), "AUTH=")) {
        auth_params = t.substr(5);
      } else if (iequal(head, "AUTH")) {
        auth_params = sp == std::string_view::npos ? std::string_view{} : t.substr(sp + 1);
      } else {
        continue;
      }
      const std::vector<std::string_view> tokens = ref_tokens(auth_params);
      if (tokens.empty()) want = true;
      for (std::string_view name : tokens) {
        if (names++ >= smtpreply::ehlo_view::max_auth_tokens) break;
        if (!sasl(name)) want = true;
      }
    }
    fuzz::check(v.flags().has(smtpreply::ehlo_flag::auth_malformed) == want,
                "auth_malformed iff an AUTH line has no mechanism or a name outside RFC 4422 sasl-mech (reference)");
  }
  if (ref_params_of(r, "LIMITS", max, params)) {
    // RFC 9422: LIMITS SP limit *(SP limit); limit = name ["=" value];
    // RCPTMAX, MAILMAX and RCPTDOMAINMAX take 1*6DIGIT.
    const std::vector<std::string_view> t = ref_tokens(params);
    const smtpreply::limits_info l = v.limits();
    param_state state = t.empty() ? param_state::no_value : param_state::value;
    smtpreply::ehlo_number known[3] = {};
    const std::string_view names[3] = {"RCPTMAX", "MAILMAX", "RCPTDOMAINMAX"};
    for (std::string_view tok : t) {
      const std::size_t eq = tok.find('=');
      const std::string_view lname = tok.substr(0, eq);
      bool name_ok = !lname.empty();
      for (char c : lname) {
        if (!ref_keyword(std::string_view(&c, 1)) && c != '-' && c != '_') name_ok = false;
      }
      if (!name_ok || (eq != std::string_view::npos && eq + 1 == tok.size())) state = param_state::malformed;
      for (int i = 0; i < 3; ++i) {
        if (!iequal(lname, names[i])) continue;
        smtpreply::ehlo_number n{param_state::malformed, 0};
        if (eq != std::string_view::npos && ref_number(tok.substr(eq + 1), 6, n.value)) {
          n.state = param_state::value;
        } else {
          n.value = 0;
          state = param_state::malformed;
        }
        if (known[i].state == param_state::absent) {
          known[i] = n;
        } else if (known[i] != n) {
          known[i] = smtpreply::ehlo_number{param_state::malformed, 0};
          state = param_state::malformed;
        }
      }
    }
    fuzz::check(l.state == state, "LIMITS state agrees with RFC 9422 (reference)");
    fuzz::check(l.rcptmax == known[0] && l.mailmax == known[1] && l.rcptdomainmax == known[2],
                "LIMITS RCPTMAX/MAILMAX/RCPTDOMAINMAX agree with 1*6DIGIT (reference)");
  }
}

// ---- diff_starttls(a, b) of two different replies -----------------------------------

void check_diff(const smtpreply::ehlo_view& a, const smtpreply::ehlo_view& b) {
  using smtpreply::ehlo_keyword;
  using smtpreply::starttls_flag;
  const smtpreply::starttls_diff d = smtpreply::diff_starttls(a, b);
  const smtpreply::starttls_diff back = smtpreply::diff_starttls(b, a);
  std::uint32_t unknown_vanished = 0;
  std::uint32_t unknown_appeared = 0;
  smtpreply::ehlo_keyword_set vanished{};
  smtpreply::ehlo_keyword_set appeared{};
  smtpreply::ehlo_keyword_set changed{};
  bool changed_any = false;  // unknown keywords have no bit in the set
  for (const smtpreply::ehlo_capability& c : a.capabilities()) {
    const smtpreply::ehlo_capability o = b.find(c.keyword);
    if (!o) {
      if (c.id == ehlo_keyword::starttls) continue;
      vanished.add(c.id);
      unknown_vanished += c.id == ehlo_keyword::unknown;
      continue;
    }
    if (c.id == ehlo_keyword::starttls) continue;
    bool differ = false;
    if (c.id == ehlo_keyword::auth) {
      // AUTH compares as a set of mechanisms (every AUTH line's known ones,
      // by id), unknown names in any case.
      const auto offers = [](const smtpreply::ehlo_view& view, const smtpreply::auth_mechanism_token& m) {
        if (m.id != smtpreply::auth_mechanism::none) return view.auth().has(m.id);
        for (auto n : view.unknown_auth_mechanisms()) {
          if (iequal(m.name, n.name)) return true;
        }
        return false;
      };
      for (auto m : a.auth_mechanisms()) differ = differ || !offers(b, m);
      for (auto m : b.auth_mechanisms()) differ = differ || !offers(a, m);
    } else {
      std::vector<std::string_view> x(c.params.begin(), c.params.end());
      std::vector<std::string_view> y(o.params.begin(), o.params.end());
      differ = x != y;
    }
    if (differ) {
      changed.add(c.id);
      changed_any = true;
    }
  }
  for (const smtpreply::ehlo_capability& c : b.capabilities()) {
    if (!a.has(c.keyword)) {
      appeared.add(c.id);
      unknown_appeared += c.id == ehlo_keyword::unknown;
    }
  }
  fuzz::check(d.vanished == vanished && d.unknown_vanished == unknown_vanished,
              "diff_starttls: vanished = before's keywords not after (STARTTLS excluded)");
  fuzz::check(d.appeared == appeared && d.unknown_appeared == unknown_appeared,
              "diff_starttls: appeared = after's keywords not before");
  fuzz::check(d.changed == changed, "diff_starttls: changed = keywords in both with other parameters");
  fuzz::check(d.has(starttls_flag::params_changed) == changed_any, "diff_starttls: params_changed flag");
  fuzz::check(d.has(starttls_flag::capability_vanished) == (!vanished.empty() || unknown_vanished != 0),
              "diff_starttls: capability_vanished flag");
  fuzz::check(d.has(starttls_flag::capability_appeared) == (!appeared.empty() || unknown_appeared != 0),
              "diff_starttls: capability_appeared flag");
  fuzz::check(d.has(starttls_flag::starttls_after_tls) == b.starttls(), "diff_starttls: starttls_after_tls flag");
  fuzz::check(d.has(starttls_flag::no_starttls_before) == !a.starttls(), "diff_starttls: no_starttls_before flag");
  fuzz::check(d.has(starttls_flag::auth_only_before_tls) == (!d.auth_vanished.empty() || d.unknown_auth_vanished != 0),
              "diff_starttls: auth_only_before_tls flag");
  // Swapping the sides swaps what vanished and what appeared (STARTTLS aside).
  smtpreply::ehlo_keyword_set appeared_back = back.appeared;
  appeared_back.remove(ehlo_keyword::starttls);
  smtpreply::ehlo_keyword_set vanished_here = d.vanished;
  vanished_here.remove(ehlo_keyword::starttls);
  fuzz::check(appeared_back == vanished_here && back.auth_appeared == d.auth_vanished &&
                  back.auth_vanished == d.auth_appeared && back.unknown_auth_appeared == d.unknown_auth_vanished,
              "diff_starttls(b, a) mirrors diff_starttls(a, b)");
  fuzz::check(back.changed == d.changed, "diff_starttls: changed is symmetric");
  // The walks agree with the counts.
  std::size_t walked = 0;
  for (const auto& c : smtpreply::changed_capabilities(a, b, smtpreply::capability_change::vanished)) {
    fuzz::check(!b.has(c.keyword), "changed_capabilities(vanished) yields keywords not after");
    ++walked;
  }
  fuzz::check(walked >= d.unknown_vanished, "the vanished walk covers the unknown count");
  for (const auto m : smtpreply::changed_mechanisms(a, b, smtpreply::capability_change::vanished)) {
    fuzz::check(m.id == smtpreply::auth_mechanism::none ? true : !b.auth().has(m.id),
                "changed_mechanisms(vanished) yields mechanisms not offered after");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 8192) return 0;
  const auto lenient = static_cast<smtpreply::leniency>(data[0] & static_cast<std::uint32_t>(smtpreply::leniency::all));
  const smtpreply::parse_options options{lenient, smtpreply::limits{}};
  const std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  fuzz::current_input() = std::string_view(reinterpret_cast<const char*>(data), size);
  fuzz::current_context().clear();

  const smtpreply::parse_result r = smtpreply::parse_reply(input, options);
  if (!r) return 0;
  const smtpreply::ehlo_view v{r.value};
  check_view(v, r.value, input);
  const smtpreply::ehlo_result e = smtpreply::parse_ehlo(r.value);
  PROP(static_cast<bool>(e) == (r.value.code().value() == 250));
  check_typed_values(v, r.value);

  // What follows the first reply is the second: diff_starttls(a, b) of two
  // different lists, both ways round.
  const std::string_view second = std::string_view(input).substr(r.consumed);
  const smtpreply::parse_result r2 = smtpreply::parse_reply(second, options);
  if (r2) {
    const smtpreply::ehlo_view v2{r2.value};
    check_view(v2, r2.value, second);
    check_typed_values(v2, r2.value);
    check_diff(v, v2);
    check_diff(v2, v);
  }

  // The same bytes upper-cased read the same.
  std::string upper = input;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  const smtpreply::parse_result ur = smtpreply::parse_reply(upper, options);
  PROP(static_cast<bool>(ur) && ur.consumed == r.consumed);
  const smtpreply::ehlo_view u{ur.value};
  check_view(u, ur.value, upper);
  PROP(u.flags() == v.flags());
  PROP(u.keywords() == v.keywords());
  PROP(u.size() == v.size());
  PROP(u.deliverby() == v.deliverby());
  PROP(u.auth() == v.auth());
  PROP(u.limits().state == v.limits().state);
  PROP(u.limits().rcptmax == v.limits().rcptmax && u.limits().mailmax == v.limits().mailmax &&
       u.limits().rcptdomainmax == v.limits().rcptdomainmax);
  PROP(u.mt_priority().state == v.mt_priority().state && u.mt_priority().policy == v.mt_priority().policy);
  PROP(u.futurerelease().state == v.futurerelease().state &&
       u.futurerelease().max_interval == v.futurerelease().max_interval);
  PROP(u.capabilities().size() == v.capabilities().size());
  PROP(u.auth_mechanisms().size() == v.auth_mechanisms().size());
  PROP(u.domain().size() == v.domain().size());
  for (const smtpreply::ehlo_capability& c : v.capabilities()) {
    const smtpreply::ehlo_capability uc = u.find(c.keyword);
    PROP(static_cast<bool>(uc));
    PROP(uc.id == c.id);
    PROP(uc.keyword.data() - upper.data() == c.keyword.data() - input.data());
    PROP(uc.params.size() == c.params.size());
  }
  return 0;
}
