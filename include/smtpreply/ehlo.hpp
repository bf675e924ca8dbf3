// smtpreply: a typed, zero-allocation view over a 250 EHLO reply
// (RFC 5321 section 4.1.1.1) and its service extensions.
#ifndef SMTPREPLY_EHLO_HPP
#define SMTPREPLY_EHLO_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string_view>

#include "detail/enum_set.hpp"
#include "detail/scan.hpp"
#include "reply.hpp"

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// The EHLO keywords this header types. Everything else is `unknown` but
/// still kept and iterable (as its exact bytes).
enum class ehlo_keyword : std::uint8_t {
  unknown = 0,
  size,                 ///< SIZE (RFC 1870)
  auth,                 ///< AUTH (RFC 4954), legacy "AUTH=" lines merged in
  pipelining,           ///< PIPELINING (RFC 2920)
  starttls,             ///< STARTTLS (RFC 3207)
  eightbitmime,         ///< 8BITMIME (RFC 6152)
  binarymime,           ///< BINARYMIME (RFC 3030)
  chunking,             ///< CHUNKING (RFC 3030)
  smtputf8,             ///< SMTPUTF8 (RFC 6531)
  enhancedstatuscodes,  ///< ENHANCEDSTATUSCODES (RFC 2034)
  dsn,                  ///< DSN (RFC 3461)
  requiretls,           ///< REQUIRETLS (RFC 8689)
  deliverby,            ///< DELIVERBY (RFC 2852)
  mt_priority,          ///< MT-PRIORITY (RFC 6710)
  futurerelease,        ///< FUTURERELEASE (RFC 4865)
  limits,               ///< LIMITS (RFC 9422)
};

/// Every typed keyword, in enum order (for iteration and other languages).
inline constexpr std::array<ehlo_keyword, 15> all_ehlo_keywords = {
    ehlo_keyword::size,          ehlo_keyword::auth,       ehlo_keyword::pipelining, ehlo_keyword::starttls,
    ehlo_keyword::eightbitmime,  ehlo_keyword::binarymime, ehlo_keyword::chunking,   ehlo_keyword::smtputf8,
    ehlo_keyword::enhancedstatuscodes, ehlo_keyword::dsn,  ehlo_keyword::requiretls, ehlo_keyword::deliverby,
    ehlo_keyword::mt_priority,   ehlo_keyword::futurerelease, ehlo_keyword::limits};

/// The stable identifier, e.g. "eightbitmime", "mt_priority".
[[nodiscard]] constexpr std::string_view name(ehlo_keyword k) noexcept {
  switch (k) {
    case ehlo_keyword::unknown: return "unknown";
    case ehlo_keyword::size: return "size";
    case ehlo_keyword::auth: return "auth";
    case ehlo_keyword::pipelining: return "pipelining";
    case ehlo_keyword::starttls: return "starttls";
    case ehlo_keyword::eightbitmime: return "eightbitmime";
    case ehlo_keyword::binarymime: return "binarymime";
    case ehlo_keyword::chunking: return "chunking";
    case ehlo_keyword::smtputf8: return "smtputf8";
    case ehlo_keyword::enhancedstatuscodes: return "enhancedstatuscodes";
    case ehlo_keyword::dsn: return "dsn";
    case ehlo_keyword::requiretls: return "requiretls";
    case ehlo_keyword::deliverby: return "deliverby";
    case ehlo_keyword::mt_priority: return "mt_priority";
    case ehlo_keyword::futurerelease: return "futurerelease";
    case ehlo_keyword::limits: return "limits";
  }
  return "unknown";
}

/// The keyword as the RFC spells it, e.g. "8BITMIME"; empty for `unknown`.
[[nodiscard]] constexpr std::string_view keyword_text(ehlo_keyword k) noexcept {
  switch (k) {
    case ehlo_keyword::unknown: return "";
    case ehlo_keyword::size: return "SIZE";
    case ehlo_keyword::auth: return "AUTH";
    case ehlo_keyword::pipelining: return "PIPELINING";
    case ehlo_keyword::starttls: return "STARTTLS";
    case ehlo_keyword::eightbitmime: return "8BITMIME";
    case ehlo_keyword::binarymime: return "BINARYMIME";
    case ehlo_keyword::chunking: return "CHUNKING";
    case ehlo_keyword::smtputf8: return "SMTPUTF8";
    case ehlo_keyword::enhancedstatuscodes: return "ENHANCEDSTATUSCODES";
    case ehlo_keyword::dsn: return "DSN";
    case ehlo_keyword::requiretls: return "REQUIRETLS";
    case ehlo_keyword::deliverby: return "DELIVERBY";
    case ehlo_keyword::mt_priority: return "MT-PRIORITY";
    case ehlo_keyword::futurerelease: return "FUTURERELEASE";
    case ehlo_keyword::limits: return "LIMITS";
  }
  return "";
}

/// The RFC that defines the keyword; empty for `unknown`.
[[nodiscard]] constexpr std::string_view source(ehlo_keyword k) noexcept {
  switch (k) {
    case ehlo_keyword::unknown: return "";
    case ehlo_keyword::size: return "RFC 1870";
    case ehlo_keyword::auth: return "RFC 4954";
    case ehlo_keyword::pipelining: return "RFC 2920";
    case ehlo_keyword::starttls: return "RFC 3207";
    case ehlo_keyword::eightbitmime: return "RFC 6152";
    case ehlo_keyword::binarymime: return "RFC 3030";
    case ehlo_keyword::chunking: return "RFC 3030";
    case ehlo_keyword::smtputf8: return "RFC 6531";
    case ehlo_keyword::enhancedstatuscodes: return "RFC 2034";
    case ehlo_keyword::dsn: return "RFC 3461";
    case ehlo_keyword::requiretls: return "RFC 8689";
    case ehlo_keyword::deliverby: return "RFC 2852";
    case ehlo_keyword::mt_priority: return "RFC 6710";
    case ehlo_keyword::futurerelease: return "RFC 4865";
    case ehlo_keyword::limits: return "RFC 9422";
  }
  return "";
}

namespace detail {
// Each keyword its own bit (1-15); unknown has none.
constexpr std::uint32_t keyword_bit(ehlo_keyword k) noexcept {
  return k == ehlo_keyword::unknown ? 0u : 1u << static_cast<unsigned>(k);
}
}  // namespace detail

/// A set of typed keywords.
using ehlo_keyword_set = detail::enum_set<ehlo_keyword, detail::keyword_bit, 0xfffeu>;

/// SASL mechanisms this header knows by name (RFC 4422 registry and common
/// vendor ones). Others are kept as views.
enum class auth_mechanism : std::uint8_t {
  none = 0,  ///< not one of these
  plain,
  login,
  cram_md5,
  digest_md5,
  scram_sha_1,
  scram_sha_1_plus,
  scram_sha_256,
  scram_sha_256_plus,
  xoauth2,
  oauthbearer,
  gssapi,
  gs2_krb5,
  ntlm,
  external,
  anonymous,
};

inline constexpr std::array<auth_mechanism, 15> all_auth_mechanisms = {
    auth_mechanism::plain,         auth_mechanism::login,          auth_mechanism::cram_md5,
    auth_mechanism::digest_md5,    auth_mechanism::scram_sha_1,    auth_mechanism::scram_sha_1_plus,
    auth_mechanism::scram_sha_256, auth_mechanism::scram_sha_256_plus, auth_mechanism::xoauth2,
    auth_mechanism::oauthbearer,   auth_mechanism::gssapi,         auth_mechanism::gs2_krb5,
    auth_mechanism::ntlm,          auth_mechanism::external,       auth_mechanism::anonymous};

/// The stable identifier, e.g. "cram_md5".
[[nodiscard]] constexpr std::string_view name(auth_mechanism m) noexcept {
  switch (m) {
    case auth_mechanism::none: return "none";
    case auth_mechanism::plain: return "plain";
    case auth_mechanism::login: return "login";
    case auth_mechanism::cram_md5: return "cram_md5";
    case auth_mechanism::digest_md5: return "digest_md5";
    case auth_mechanism::scram_sha_1: return "scram_sha_1";
    case auth_mechanism::scram_sha_1_plus: return "scram_sha_1_plus";
    case auth_mechanism::scram_sha_256: return "scram_sha_256";
    case auth_mechanism::scram_sha_256_plus: return "scram_sha_256_plus";
    case auth_mechanism::xoauth2: return "xoauth2";
    case auth_mechanism::oauthbearer: return "oauthbearer";
    case auth_mechanism::gssapi: return "gssapi";
    case auth_mechanism::gs2_krb5: return "gs2_krb5";
    case auth_mechanism::ntlm: return "ntlm";
    case auth_mechanism::external: return "external";
    case auth_mechanism::anonymous: return "anonymous";
  }
  return "none";
}

/// The SASL name, e.g. "CRAM-MD5"; empty for `none`.
[[nodiscard]] constexpr std::string_view sasl_name(auth_mechanism m) noexcept {
  switch (m) {
    case auth_mechanism::none: return "";
    case auth_mechanism::plain: return "PLAIN";
    case auth_mechanism::login: return "LOGIN";
    case auth_mechanism::cram_md5: return "CRAM-MD5";
    case auth_mechanism::digest_md5: return "DIGEST-MD5";
    case auth_mechanism::scram_sha_1: return "SCRAM-SHA-1";
    case auth_mechanism::scram_sha_1_plus: return "SCRAM-SHA-1-PLUS";
    case auth_mechanism::scram_sha_256: return "SCRAM-SHA-256";
    case auth_mechanism::scram_sha_256_plus: return "SCRAM-SHA-256-PLUS";
    case auth_mechanism::xoauth2: return "XOAUTH2";
    case auth_mechanism::oauthbearer: return "OAUTHBEARER";
    case auth_mechanism::gssapi: return "GSSAPI";
    case auth_mechanism::gs2_krb5: return "GS2-KRB5";
    case auth_mechanism::ntlm: return "NTLM";
    case auth_mechanism::external: return "EXTERNAL";
    case auth_mechanism::anonymous: return "ANONYMOUS";
  }
  return "";
}

namespace detail {
// Each known mechanism its own bit (1-15); none has none.
constexpr std::uint32_t mechanism_bit(auth_mechanism m) noexcept {
  return m == auth_mechanism::none ? 0u : 1u << static_cast<unsigned>(m);
}
}  // namespace detail

/// A set of known mechanisms.
using auth_mechanism_set = detail::enum_set<auth_mechanism, detail::mechanism_bit, 0xfffeu>;

/// What a typed parameter looked like.
enum class param_state : std::uint8_t {
  absent = 0,     ///< the keyword (or limit) was not advertised
  no_value = 1,   ///< advertised without a parameter
  value = 2,      ///< advertised with a well-formed parameter
  malformed = 3,  ///< advertised, but the parameter breaks the RFC grammar (see flags); value not set
};

[[nodiscard]] constexpr std::string_view name(param_state s) noexcept {
  switch (s) {
    case param_state::absent: return "absent";
    case param_state::no_value: return "no_value";
    case param_state::value: return "value";
    case param_state::malformed: return "malformed";
  }
  return "absent";
}

/// A numeric parameter: SIZE, DELIVERBY, a LIMITS entry. `value` is set only
/// in state `value`.
struct ehlo_number {
  param_state state = param_state::absent;
  std::uint64_t value = 0;
  [[nodiscard]] constexpr bool advertised() const noexcept { return state != param_state::absent; }
  [[nodiscard]] constexpr bool has_value() const noexcept { return state == param_state::value; }
  friend constexpr bool operator==(ehlo_number a, ehlo_number b) noexcept {
    return a.state == b.state && a.value == b.value;
  }
  friend constexpr bool operator!=(ehlo_number a, ehlo_number b) noexcept { return !(a == b); }
};

/// RFC 6710 priority assignment policies.
enum class mt_priority_policy : std::uint8_t {
  none = 0,    ///< no policy named
  mixer,       ///< "MIXER"
  stanag4406,  ///< "STANAG4406"
  nsep,        ///< "NSEP"
  other,       ///< some other name (kept in `policy_name`)
};

[[nodiscard]] constexpr std::string_view name(mt_priority_policy p) noexcept {
  switch (p) {
    case mt_priority_policy::none: return "none";
    case mt_priority_policy::mixer: return "mixer";
    case mt_priority_policy::stanag4406: return "stanag4406";
    case mt_priority_policy::nsep: return "nsep";
    case mt_priority_policy::other: return "other";
  }
  return "none";
}

/// MT-PRIORITY [SP policy-name] (RFC 6710).
struct mt_priority_info {
  param_state state = param_state::absent;
  mt_priority_policy policy = mt_priority_policy::none;
  std::string_view policy_name{};  ///< as sent; empty without a parameter
};

/// FUTURERELEASE SP max-interval SP max-date-time (RFC 4865), both required.
struct futurerelease_info {
  param_state state = param_state::absent;
  std::uint64_t max_interval = 0;     ///< seconds
  std::string_view max_date_time{};   ///< RFC 3339 date-time, as sent
};

/// LIMITS (RFC 9422). Each entry is `absent` unless the server named it;
/// other limit names are kept in the capability's parameters.
struct limits_info {
  param_state state = param_state::absent;  ///< of the LIMITS keyword as a whole
  ehlo_number rcptmax{};
  ehlo_number mailmax{};
  ehlo_number rcptdomainmax{};
};

/// What parsing the EHLO reply noticed. None makes parsing fail.
enum class ehlo_flag : std::uint32_t {
  missing_domain = 1u << 0,           ///< the first line has no domain
  invalid_keyword = 1u << 1,          ///< a line's keyword breaks the 4.1.1.1 grammar (kept as unknown; empty ones dropped)
  duplicate_keyword = 1u << 2,        ///< a keyword on more than one line (merged)
  legacy_auth = 1u << 3,              ///< an "AUTH=" line (merged into AUTH)
  invalid_param = 1u << 4,            ///< an empty parameter (extra SP) or bytes outside %d33-126
  unexpected_param = 1u << 5,         ///< a parameter on a keyword that takes none
  conflicting_params = 1u << 6,       ///< repeated lines of a one-value keyword disagree (that value is malformed)
  size_malformed = 1u << 7,           ///< SIZE parameter not 1*DIGIT or over 2^64-1
  auth_malformed = 1u << 8,           ///< AUTH without mechanism, or a name outside RFC 4422 syntax
  auth_truncated = 1u << 9,           ///< more than ehlo_view::max_auth_tokens mechanisms; the rest ignored
  deliverby_malformed = 1u << 10,     ///< DELIVERBY parameter not 1*9DIGIT
  mt_priority_malformed = 1u << 11,   ///< MT-PRIORITY with more than one parameter or a bad name
  futurerelease_malformed = 1u << 12, ///< FUTURERELEASE without interval and RFC 3339 date-time
  limits_malformed = 1u << 13,        ///< a LIMITS entry breaks RFC 9422 (that entry is malformed)
};

inline constexpr std::array<ehlo_flag, 14> all_ehlo_flags = {
    ehlo_flag::missing_domain,      ehlo_flag::invalid_keyword,     ehlo_flag::duplicate_keyword,
    ehlo_flag::legacy_auth,         ehlo_flag::invalid_param,       ehlo_flag::unexpected_param,
    ehlo_flag::conflicting_params,  ehlo_flag::size_malformed,      ehlo_flag::auth_malformed,
    ehlo_flag::auth_truncated,      ehlo_flag::deliverby_malformed, ehlo_flag::mt_priority_malformed,
    ehlo_flag::futurerelease_malformed, ehlo_flag::limits_malformed};

[[nodiscard]] constexpr std::string_view name(ehlo_flag f) noexcept {
  switch (f) {
    case ehlo_flag::missing_domain: return "missing_domain";
    case ehlo_flag::invalid_keyword: return "invalid_keyword";
    case ehlo_flag::duplicate_keyword: return "duplicate_keyword";
    case ehlo_flag::legacy_auth: return "legacy_auth";
    case ehlo_flag::invalid_param: return "invalid_param";
    case ehlo_flag::unexpected_param: return "unexpected_param";
    case ehlo_flag::conflicting_params: return "conflicting_params";
    case ehlo_flag::size_malformed: return "size_malformed";
    case ehlo_flag::auth_malformed: return "auth_malformed";
    case ehlo_flag::auth_truncated: return "auth_truncated";
    case ehlo_flag::deliverby_malformed: return "deliverby_malformed";
    case ehlo_flag::mt_priority_malformed: return "mt_priority_malformed";
    case ehlo_flag::futurerelease_malformed: return "futurerelease_malformed";
    case ehlo_flag::limits_malformed: return "limits_malformed";
  }
  return "unknown";
}

namespace detail {
constexpr std::uint32_t ehlo_flag_bit(ehlo_flag f) noexcept { return static_cast<std::uint32_t>(f); }
}  // namespace detail

/// A set of EHLO flags.
using ehlo_flag_set = detail::enum_set<ehlo_flag, detail::ehlo_flag_bit>;

namespace detail {
namespace ehlo_impl {

constexpr char upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_param_char(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u >= 33 && u <= 126;
}

/// ASCII case-insensitive equality (RFC 5321: keywords compare so).
constexpr bool iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (upper(a[i]) != upper(b[i])) return false;
  }
  return true;
}

/// ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
constexpr bool is_keyword(std::string_view s) noexcept {
  if (s.empty() || !(is_alpha(s[0]) || is_digit(s[0]))) return false;
  for (char c : s) {
    if (!(is_alpha(c) || is_digit(c) || c == '-')) return false;
  }
  return true;
}

/// 1*max_digits DIGIT into a 64-bit value; false on anything else or overflow.
constexpr bool parse_number(std::string_view s, std::size_t max_digits, std::uint64_t& out) noexcept {
  if (s.empty() || s.size() > max_digits) return false;
  std::uint64_t v = 0;
  constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  for (char c : s) {
    if (!is_digit(c)) return false;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (max - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

constexpr ehlo_keyword find_keyword(std::string_view token) noexcept {
  for (ehlo_keyword k : all_ehlo_keywords) {
    if (iequal(token, keyword_text(k))) return k;
  }
  return ehlo_keyword::unknown;
}

constexpr auth_mechanism find_mechanism(std::string_view token) noexcept {
  for (auth_mechanism m : all_auth_mechanisms) {
    if (iequal(token, sasl_name(m))) return m;
  }
  return auth_mechanism::none;
}

/// sasl-mech = 1*20(UPALPHA / DIGIT / "-" / "_") (RFC 4422 3.1); lower case
/// accepted, as names are matched without regard to case.
constexpr bool is_sasl_name(std::string_view s) noexcept {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s) {
    if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_')) return false;
  }
  return true;
}

constexpr bool two_digits(std::string_view s, std::size_t at, unsigned max) noexcept {
  if (at + 2 > s.size() || !is_digit(s[at]) || !is_digit(s[at + 1])) return false;
  return static_cast<unsigned>((s[at] - '0') * 10 + (s[at + 1] - '0')) <= max;
}

/// RFC 3339 section 5.6 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z / +HH:MM / -HH:MM).
constexpr bool is_rfc3339_date_time(std::string_view s) noexcept {
  if (s.size() < 20) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!is_digit(s[i])) return false;
  }
  if (s[4] != '-' || !two_digits(s, 5, 12) || s[7] != '-' || !two_digits(s, 8, 31)) return false;
  if (s[5] == '0' && s[6] == '0') return false;
  if (s[8] == '0' && s[9] == '0') return false;
  if (s[10] != 'T' && s[10] != 't') return false;
  if (!two_digits(s, 11, 23) || s[13] != ':' || !two_digits(s, 14, 59) || s[16] != ':' || !two_digits(s, 17, 60)) {
    return false;
  }
  std::size_t p = 19;
  if (s[p] == '.') {
    ++p;
    const std::size_t digits = p;
    while (p < s.size() && is_digit(s[p])) ++p;
    if (p == digits) return false;
  }
  if (p >= s.size()) return false;
  if (s[p] == 'Z' || s[p] == 'z') return p + 1 == s.size();
  if (s[p] != '+' && s[p] != '-') return false;
  return p + 6 == s.size() && two_digits(s, p + 1, 23) && s[p + 3] == ':' && two_digits(s, p + 4, 59);
}

/// Takes the next non-empty SP-separated token off the front of `rest`.
constexpr bool next_token(std::string_view& rest, std::string_view& token) noexcept {
  std::size_t i = 0;
  while (i < rest.size() && rest[i] == ' ') ++i;
  if (i == rest.size()) {
    rest = rest.substr(rest.size());
    return false;
  }
  std::size_t j = i;
  while (j < rest.size() && rest[j] != ' ') ++j;
  token = rest.substr(i, j - i);
  rest = rest.substr(j);
  return true;
}

/// One line of the reply: where it starts, where the next one starts, and its
/// text (after code and separator, without CR/LF).
struct raw_line {
  std::size_t start = 0;
  std::size_t next = 0;
  std::string_view text{};
};

/// Reads the line at `pos`, skipping empty lines a lenient parse let through.
constexpr bool read_line(std::string_view raw, std::size_t pos, raw_line& out) noexcept {
  while (pos < raw.size()) {
    const std::size_t lf = find_lf(raw.data(), pos, raw.size());
    const std::size_t next = lf < raw.size() ? lf + 1 : lf;
    std::string_view line = raw.substr(pos, lf - pos);
    std::string_view bare = line;
    if (!bare.empty() && bare.back() == '\r') bare.remove_suffix(1);
    if (!bare.empty()) {
      out = raw_line{pos, next, line_text(line)};
      return true;
    }
    pos = next;
  }
  return false;
}

/// A capability line cut into keyword and parameters.
struct line_parts {
  std::string_view keyword{};  ///< empty when the line has none
  std::string_view params{};   ///< the bytes after the keyword and its SP (or after "AUTH=")
  bool introduced = false;     ///< a separator came before `params`, so an empty token counts
  bool legacy_auth = false;
  bool valid = false;          ///< keyword per the ABNF
  ehlo_keyword id = ehlo_keyword::unknown;
};

constexpr line_parts split_line(std::string_view text) noexcept {
  line_parts p;
  const std::size_t sp = text.find(' ');
  const std::string_view token = text.substr(0, sp);
  if (sp != std::string_view::npos) {
    p.params = text.substr(sp + 1);
    p.introduced = true;
  }
  // Legacy "AUTH=LOGIN PLAIN" (pre-RFC 2554 Outlook servers): the name is
  // "AUTH", the first mechanism is glued to the '='.
  if (token.size() >= 5 && iequal(token.substr(0, 5), "AUTH=")) {
    p.keyword = token.substr(0, 4);
    p.params = text.substr(5);
    p.introduced = false;
    p.legacy_auth = true;
    p.valid = true;
    p.id = ehlo_keyword::auth;
    return p;
  }
  p.keyword = token;
  p.valid = is_keyword(token);
  p.id = p.valid ? find_keyword(token) : ehlo_keyword::unknown;
  return p;
}

/// Whether split_line(text).keyword equals `keyword` (any case), looking
/// only at the start of the line: the duplicate checks call this often.
constexpr bool has_keyword(std::string_view text, std::string_view keyword) noexcept {
  const std::size_t n = keyword.size();
  if (n == 0 || text.size() < n || !iequal(text.substr(0, n), keyword)) return false;
  if (keyword.find(' ') != std::string_view::npos) return false;      // a keyword ends at SP
  if (n >= 5 && iequal(keyword.substr(0, 5), "AUTH=")) return false;  // never a keyword: the line is AUTH's
  if (text.size() == n || text[n] == ' ') return true;
  return text[n] == '=' && iequal(keyword, "AUTH");
}

/// Whether a capability line with this keyword appears in raw[from, until).
constexpr bool keyword_between(std::string_view raw, std::size_t from, std::size_t until,
                               std::string_view keyword) noexcept {
  raw_line l;
  std::size_t pos = from;
  while (pos < until && read_line(raw, pos, l) && l.start < until) {
    if (has_keyword(l.text, keyword)) return true;
    pos = l.next;
  }
  return false;
}

}  // namespace ehlo_impl
}  // namespace detail

/// Equal when a repeated line says the same (policy names in any case).
constexpr bool operator==(const mt_priority_info& a, const mt_priority_info& b) noexcept {
  return a.state == b.state && a.policy == b.policy && detail::ehlo_impl::iequal(a.policy_name, b.policy_name);
}
constexpr bool operator!=(const mt_priority_info& a, const mt_priority_info& b) noexcept { return !(a == b); }
/// RFC 3339 lets 'T' and 'Z' be lower case: equal date-times in any case.
constexpr bool operator==(const futurerelease_info& a, const futurerelease_info& b) noexcept {
  return a.state == b.state && a.max_interval == b.max_interval &&
         detail::ehlo_impl::iequal(a.max_date_time, b.max_date_time);
}
constexpr bool operator!=(const futurerelease_info& a, const futurerelease_info& b) noexcept { return !(a == b); }

/**
 * The parameters of one capability, across every line that carries its
 * keyword (compared without regard to case; "AUTH=" lines count as AUTH), in
 * order, as exact SP-separated tokens. Empty tokens from extra spaces are
 * skipped (and flagged `invalid_param`).
 */
class ehlo_param_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = std::string_view;
  using difference_type = std::ptrdiff_t;
  using pointer = const std::string_view*;
  using reference = std::string_view;

  constexpr ehlo_param_iterator() noexcept = default;
  /// `raw` is the whole reply, `pos` the start of the keyword's first line.
  constexpr ehlo_param_iterator(std::string_view raw, std::size_t pos, std::string_view keyword) noexcept
      : raw_(raw), next_line_(pos), keyword_(keyword), done_(false) {
    advance();
  }

  constexpr std::string_view operator*() const noexcept { return token_; }
  constexpr ehlo_param_iterator& operator++() noexcept {
    advance();
    return *this;
  }
  constexpr ehlo_param_iterator operator++(int) noexcept {
    ehlo_param_iterator old = *this;
    advance();
    return old;
  }
  friend constexpr bool operator==(const ehlo_param_iterator& a, const ehlo_param_iterator& b) noexcept {
    return a.done_ == b.done_ && (a.done_ || a.token_.data() == b.token_.data());
  }
  friend constexpr bool operator!=(const ehlo_param_iterator& a, const ehlo_param_iterator& b) noexcept {
    return !(a == b);
  }

 private:
  constexpr void advance() noexcept {
    if (done_) return;
    for (;;) {
      if (detail::ehlo_impl::next_token(rest_, token_)) return;
      detail::ehlo_impl::raw_line l;
      if (!detail::ehlo_impl::read_line(raw_, next_line_, l)) break;
      next_line_ = l.next;
      if (detail::ehlo_impl::has_keyword(l.text, keyword_)) rest_ = detail::ehlo_impl::split_line(l.text).params;
    }
    done_ = true;
    token_ = {};
  }

  std::string_view raw_{};
  std::size_t next_line_ = 0;
  std::string_view keyword_{};
  std::string_view rest_{};
  std::string_view token_{};
  bool done_ = true;
};

class ehlo_param_range {
 public:
  constexpr ehlo_param_range() noexcept = default;
  constexpr ehlo_param_range(std::string_view raw, std::size_t pos, std::string_view keyword) noexcept
      : raw_(raw), pos_(pos), keyword_(keyword) {}
  [[nodiscard]] constexpr ehlo_param_iterator begin() const noexcept {
    return keyword_.empty() ? ehlo_param_iterator{} : ehlo_param_iterator{raw_, pos_, keyword_};
  }
  [[nodiscard]] constexpr ehlo_param_iterator end() const noexcept { return {}; }
  [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }

 private:
  std::string_view raw_{};
  std::size_t pos_ = 0;
  std::string_view keyword_{};
};

/**
 * One capability: its keyword as first sent (a legacy-only AUTH gives
 * "AUTH", the first four bytes of "AUTH=..."), the typed id, and its
 * parameters merged over every line with that keyword. An empty keyword
 * means "not found".
 */
struct ehlo_capability {
  std::string_view keyword{};
  ehlo_keyword id = ehlo_keyword::unknown;
  bool valid_keyword = false;  ///< keyword matches the RFC 5321 4.1.1.1 grammar
  ehlo_param_range params{};
  constexpr explicit operator bool() const noexcept { return !keyword.empty(); }
};

/// Walks the distinct capabilities in order of first appearance.
class ehlo_capability_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = ehlo_capability;
  using difference_type = std::ptrdiff_t;
  using pointer = const ehlo_capability*;
  using reference = const ehlo_capability&;

  constexpr ehlo_capability_iterator() noexcept = default;
  constexpr ehlo_capability_iterator(std::string_view raw, std::size_t body) noexcept
      : raw_(raw), body_(body), pos_(body) {
    load();
  }

  constexpr const ehlo_capability& operator*() const noexcept { return cap_; }
  constexpr const ehlo_capability* operator->() const noexcept { return &cap_; }
  constexpr ehlo_capability_iterator& operator++() noexcept {
    pos_ = next_;
    load();
    return *this;
  }
  constexpr ehlo_capability_iterator operator++(int) noexcept {
    ehlo_capability_iterator old = *this;
    ++*this;
    return old;
  }
  friend constexpr bool operator==(const ehlo_capability_iterator& a, const ehlo_capability_iterator& b) noexcept {
    return a.cap_.keyword.data() == b.cap_.keyword.data() && a.cap_.keyword.size() == b.cap_.keyword.size();
  }
  friend constexpr bool operator!=(const ehlo_capability_iterator& a, const ehlo_capability_iterator& b) noexcept {
    return !(a == b);
  }

 private:
  constexpr void load() noexcept {
    detail::ehlo_impl::raw_line l;
    while (detail::ehlo_impl::read_line(raw_, pos_, l)) {
      const auto parts = detail::ehlo_impl::split_line(l.text);
      if (!parts.keyword.empty() && !detail::ehlo_impl::keyword_between(raw_, body_, l.start, parts.keyword)) {
        cap_ = ehlo_capability{parts.keyword, parts.id, parts.valid, ehlo_param_range{raw_, l.start, parts.keyword}};
        next_ = l.next;
        return;
      }
      pos_ = l.next;
    }
    cap_ = ehlo_capability{};
    next_ = pos_;
  }

  std::string_view raw_{};
  std::size_t body_ = 0;
  std::size_t pos_ = 0;
  std::size_t next_ = 0;
  ehlo_capability cap_{};
};

class ehlo_capability_range {
 public:
  constexpr ehlo_capability_range() noexcept = default;
  constexpr ehlo_capability_range(std::string_view raw, std::size_t body) noexcept : raw_(raw), body_(body) {}
  [[nodiscard]] constexpr ehlo_capability_iterator begin() const noexcept {
    return raw_.empty() ? ehlo_capability_iterator{} : ehlo_capability_iterator{raw_, body_};
  }
  [[nodiscard]] constexpr ehlo_capability_iterator end() const noexcept { return {}; }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }

 private:
  std::string_view raw_{};
  std::size_t body_ = 0;
};

/// One AUTH mechanism as sent, with its typed id (`none` if unknown).
struct auth_mechanism_token {
  std::string_view name{};
  auth_mechanism id = auth_mechanism::none;
};

/**
 * The AUTH mechanisms, each once (compared without regard to case), in
 * order of first appearance, from the first ehlo_view::max_auth_tokens
 * tokens of all AUTH and "AUTH=" lines. With `unknown_only`, only those not
 * in auth_mechanism.
 */
class auth_mechanism_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = auth_mechanism_token;
  using difference_type = std::ptrdiff_t;
  using pointer = const auth_mechanism_token*;
  using reference = auth_mechanism_token;

  constexpr auth_mechanism_iterator() noexcept = default;
  constexpr auth_mechanism_iterator(ehlo_param_range params, std::size_t max_tokens, bool unknown_only) noexcept
      : params_(params), it_(params.begin()), max_(max_tokens), unknown_only_(unknown_only) {
    settle();
  }

  constexpr auth_mechanism_token operator*() const noexcept {
    return {*it_, detail::ehlo_impl::find_mechanism(*it_)};
  }
  constexpr auth_mechanism_iterator& operator++() noexcept {
    ++it_;
    ++index_;
    settle();
    return *this;
  }
  constexpr auth_mechanism_iterator operator++(int) noexcept {
    auth_mechanism_iterator old = *this;
    ++*this;
    return old;
  }
  friend constexpr bool operator==(const auth_mechanism_iterator& a, const auth_mechanism_iterator& b) noexcept {
    return a.it_ == b.it_;
  }
  friend constexpr bool operator!=(const auth_mechanism_iterator& a, const auth_mechanism_iterator& b) noexcept {
    return !(a == b);
  }

 private:
  // Skips repeats and (with unknown_only) known names; stops at the cap.
  constexpr void settle() noexcept {
    for (; it_ != ehlo_param_iterator{}; ++it_, ++index_) {
      if (index_ >= max_) {
        it_ = ehlo_param_iterator{};
        return;
      }
      const std::string_view t = *it_;
      if (unknown_only_ && detail::ehlo_impl::find_mechanism(t) != auth_mechanism::none) continue;
      bool seen = false;
      for (auto p = params_.begin(); p != it_; ++p) {
        if (detail::ehlo_impl::iequal(*p, t)) {
          seen = true;
          break;
        }
      }
      if (!seen) return;
    }
  }

  ehlo_param_range params_{};
  ehlo_param_iterator it_{};
  std::size_t index_ = 0;
  std::size_t max_ = 0;
  bool unknown_only_ = false;
};

class auth_mechanism_range {
 public:
  constexpr auth_mechanism_range() noexcept = default;
  constexpr auth_mechanism_range(ehlo_param_range params, std::size_t max_tokens, bool unknown_only) noexcept
      : params_(params), max_(max_tokens), unknown_only_(unknown_only) {}
  [[nodiscard]] constexpr auth_mechanism_iterator begin() const noexcept {
    return auth_mechanism_iterator{params_, max_, unknown_only_};
  }
  [[nodiscard]] constexpr auth_mechanism_iterator end() const noexcept { return {}; }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }

 private:
  ehlo_param_range params_{};
  std::size_t max_ = 0;
  bool unknown_only_ = false;
};

/**
 * A 250 EHLO reply, read once at construction into typed fields; all views
 * point into the reply's bytes and live as long as they do.
 *
 *     250-mx.example.org Hello [192.0.2.1]   domain() "mx.example.org", greeting() "Hello [192.0.2.1]"
 *     250-SIZE 35882577                       size(): value, 35882577
 *     250-AUTH LOGIN PLAIN                    auth(): {login, plain}
 *     250-AUTH=LOGIN                          merged into AUTH (flag legacy_auth)
 *     250 starttls                            has(ehlo_keyword::starttls)
 *
 * Only lines after the first are capabilities: a keyword in the greeting
 * text counts for nothing. Keywords are exact tokens (the bytes up to the
 * first SP) compared without regard to case, so "STARTTLSX" and "SIZE=10"
 * are unknown keywords, never STARTTLS or SIZE. Typed values are checked
 * against their RFC's grammar; what breaks it is `malformed` and flagged,
 * never guessed.
 *
 * Cost: construction and the capability walk take time proportional to the
 * number of unknown-keyword lines times the reply size (duplicate checks
 * re-walk earlier lines; nothing is stored). AUTH mechanisms are read from
 * at most max_auth_tokens tokens. No allocation, noexcept, constexpr.
 */
class ehlo_view {
 public:
  /// AUTH tokens looked at (a real server lists a handful); bounds the
  /// quadratic duplicate check. More sets `auth_truncated`.
  static constexpr std::size_t max_auth_tokens = 64;

  constexpr ehlo_view() noexcept = default;

  /// Reads `r` as an EHLO reply whatever its code (see parse_ehlo()).
  constexpr explicit ehlo_view(const reply& r) noexcept : raw_(r.raw()) { read(); }

  [[nodiscard]] constexpr std::string_view raw() const noexcept { return raw_; }
  /// The first word of the first line (RFC 5321: Domain or address literal).
  [[nodiscard]] constexpr std::string_view domain() const noexcept { return domain_; }
  /// The rest of the first line after the domain and one SP.
  [[nodiscard]] constexpr std::string_view greeting() const noexcept { return greeting_; }
  [[nodiscard]] constexpr ehlo_flag_set flags() const noexcept { return flags_; }
  /// Lines after the first (capability lines, keyword or not).
  [[nodiscard]] constexpr std::uint32_t capability_lines() const noexcept { return capability_lines_; }

  /// The typed keywords advertised.
  [[nodiscard]] constexpr ehlo_keyword_set keywords() const noexcept { return keywords_; }
  [[nodiscard]] constexpr bool has(ehlo_keyword k) const noexcept { return keywords_.has(k); }
  /// Any keyword, typed or not: exact token, any case ("auth" finds AUTH= lines too).
  [[nodiscard]] constexpr bool has(std::string_view keyword) const noexcept { return static_cast<bool>(find(keyword)); }

  /// The capability with this keyword (exact token, any case); empty if none.
  [[nodiscard]] constexpr ehlo_capability find(std::string_view keyword) const noexcept {
    if (keyword.empty()) return {};
    detail::ehlo_impl::raw_line l;
    for (std::size_t pos = body_; detail::ehlo_impl::read_line(raw_, pos, l); pos = l.next) {
      if (!detail::ehlo_impl::has_keyword(l.text, keyword)) continue;
      const auto parts = detail::ehlo_impl::split_line(l.text);
      return ehlo_capability{parts.keyword, parts.id, parts.valid, ehlo_param_range{raw_, l.start, parts.keyword}};
    }
    return {};
  }
  [[nodiscard]] constexpr ehlo_capability find(ehlo_keyword k) const noexcept {
    return has(k) ? find(keyword_text(k)) : ehlo_capability{};
  }

  /// Every distinct capability (typed or not), in order of first appearance.
  [[nodiscard]] constexpr ehlo_capability_range capabilities() const noexcept {
    return ehlo_capability_range{body_ < raw_.size() ? raw_ : std::string_view{}, body_};
  }

  /// SIZE: absent; no_value (no limit announced); value with 0 meaning "no
  /// fixed maximum" (RFC 1870), else the limit in octets; malformed.
  [[nodiscard]] constexpr ehlo_number size() const noexcept { return size_; }

  [[nodiscard]] constexpr auth_mechanism_set auth() const noexcept { return auth_; }
  [[nodiscard]] constexpr auth_mechanism_range auth_mechanisms() const noexcept {
    return auth_mechanism_range{find(ehlo_keyword::auth).params, max_auth_tokens, false};
  }
  [[nodiscard]] constexpr auth_mechanism_range unknown_auth_mechanisms() const noexcept {
    return auth_mechanism_range{find(ehlo_keyword::auth).params, max_auth_tokens, true};
  }

  [[nodiscard]] constexpr bool pipelining() const noexcept { return has(ehlo_keyword::pipelining); }
  [[nodiscard]] constexpr bool starttls() const noexcept { return has(ehlo_keyword::starttls); }
  [[nodiscard]] constexpr bool eightbitmime() const noexcept { return has(ehlo_keyword::eightbitmime); }
  [[nodiscard]] constexpr bool binarymime() const noexcept { return has(ehlo_keyword::binarymime); }
  [[nodiscard]] constexpr bool chunking() const noexcept { return has(ehlo_keyword::chunking); }
  [[nodiscard]] constexpr bool smtputf8() const noexcept { return has(ehlo_keyword::smtputf8); }
  [[nodiscard]] constexpr bool enhancedstatuscodes() const noexcept { return has(ehlo_keyword::enhancedstatuscodes); }
  [[nodiscard]] constexpr bool dsn() const noexcept { return has(ehlo_keyword::dsn); }
  [[nodiscard]] constexpr bool requiretls() const noexcept { return has(ehlo_keyword::requiretls); }

  /// DELIVERBY [min-by-time] (RFC 2852): seconds, 1*9DIGIT.
  [[nodiscard]] constexpr ehlo_number deliverby() const noexcept { return deliverby_; }
  [[nodiscard]] constexpr mt_priority_info mt_priority() const noexcept { return mt_priority_; }
  [[nodiscard]] constexpr futurerelease_info futurerelease() const noexcept { return futurerelease_; }
  [[nodiscard]] constexpr limits_info limits() const noexcept { return limits_; }

 private:
  using parts_t = detail::ehlo_impl::line_parts;

  constexpr void flag(ehlo_flag f) noexcept { flags_.add(f); }

  // Merges a repeated one-value keyword: equal repeats are fine, others conflict.
  template <class T>
  constexpr void merge(T& into, const T& now, bool first, ehlo_flag malformed) noexcept {
    if (first) {
      into = now;
    } else if (!(into == now)) {
      flag(ehlo_flag::conflicting_params);
      flag(malformed);
      into = T{};
      into.state = param_state::malformed;
    }
    if (into.state == param_state::malformed) flag(malformed);
  }

  constexpr void read() noexcept {
    namespace impl = detail::ehlo_impl;
    impl::raw_line l;
    if (!impl::read_line(raw_, 0, l)) {
      flag(ehlo_flag::missing_domain);
      body_ = raw_.size();
      return;
    }
    const std::size_t sp = l.text.find(' ');
    domain_ = l.text.substr(0, sp);
    if (sp != std::string_view::npos) greeting_ = l.text.substr(sp + 1);
    if (domain_.empty()) flag(ehlo_flag::missing_domain);
    body_ = l.next;
    for (std::size_t pos = body_; impl::read_line(raw_, pos, l); pos = l.next) {
      ++capability_lines_;
      read_capability(impl::split_line(l.text), l.start);
    }
  }

  constexpr void read_capability(const parts_t& p, std::size_t start) noexcept {
    namespace impl = detail::ehlo_impl;
    if (!p.valid) flag(ehlo_flag::invalid_keyword);
    if (p.keyword.empty()) return;
    if (p.legacy_auth) flag(ehlo_flag::legacy_auth);
    // Parameter bytes, and empty tokens from a doubled or trailing SP.
    std::size_t tokens = 0;
    if (p.introduced || !p.params.empty()) {
      std::size_t from = 0;
      for (;;) {
        const std::size_t sp = p.params.find(' ', from);
        const std::string_view t = p.params.substr(from, sp == std::string_view::npos ? sp : sp - from);
        if (t.empty()) flag(ehlo_flag::invalid_param);
        for (char c : t) {
          if (!impl::is_param_char(c)) {
            flag(ehlo_flag::invalid_param);
            break;
          }
        }
        if (!t.empty()) ++tokens;
        if (sp == std::string_view::npos) break;
        from = sp + 1;
      }
    }
    bool first = !keywords_.has(p.id);
    if (p.id == ehlo_keyword::unknown) {
      first = !impl::keyword_between(raw_, body_, start, p.keyword);
    }
    if (!first) flag(ehlo_flag::duplicate_keyword);
    keywords_.add(p.id);

    std::string_view rest = p.params;
    std::string_view t;
    switch (p.id) {
      case ehlo_keyword::size: {
        ehlo_number n{param_state::no_value, 0};
        if (tokens == 1 && impl::next_token(rest, t)) {
          n.state = impl::parse_number(t, std::string_view::npos, n.value) ? param_state::value : param_state::malformed;
        } else if (tokens > 1) {
          n.state = param_state::malformed;
        }
        if (n.state != param_state::value) n.value = 0;
        merge(size_, n, first, ehlo_flag::size_malformed);
        break;
      }
      case ehlo_keyword::auth: {
        if (tokens == 0) flag(ehlo_flag::auth_malformed);
        while (impl::next_token(rest, t)) {
          if (auth_tokens_ >= max_auth_tokens) {
            flag(ehlo_flag::auth_truncated);
            break;
          }
          ++auth_tokens_;
          if (!impl::is_sasl_name(t)) flag(ehlo_flag::auth_malformed);
          auth_.add(impl::find_mechanism(t));
        }
        break;
      }
      case ehlo_keyword::deliverby: {
        ehlo_number n{param_state::no_value, 0};
        if (tokens == 1 && impl::next_token(rest, t)) {
          n.state = impl::parse_number(t, 9, n.value) ? param_state::value : param_state::malformed;
        } else if (tokens > 1) {
          n.state = param_state::malformed;
        }
        if (n.state != param_state::value) n.value = 0;
        merge(deliverby_, n, first, ehlo_flag::deliverby_malformed);
        break;
      }
      case ehlo_keyword::mt_priority: {
        mt_priority_info m{param_state::no_value, mt_priority_policy::none, {}};
        if (tokens == 1 && impl::next_token(rest, t)) {
          m.policy_name = t;
          if (!impl::is_keyword(t)) {
            m.state = param_state::malformed;
          } else {
            m.state = param_state::value;
            m.policy = impl::iequal(t, "MIXER")        ? mt_priority_policy::mixer
                       : impl::iequal(t, "STANAG4406") ? mt_priority_policy::stanag4406
                       : impl::iequal(t, "NSEP")       ? mt_priority_policy::nsep
                                                       : mt_priority_policy::other;
          }
        } else if (tokens > 1) {
          m.state = param_state::malformed;
        }
        merge(mt_priority_, m, first, ehlo_flag::mt_priority_malformed);
        break;
      }
      case ehlo_keyword::futurerelease: {
        futurerelease_info f{param_state::malformed, 0, {}};
        std::string_view interval;
        std::string_view when;
        if (tokens == 2 && impl::next_token(rest, interval) && impl::next_token(rest, when) &&
            impl::parse_number(interval, std::string_view::npos, f.max_interval) &&
            impl::is_rfc3339_date_time(when)) {
          f.state = param_state::value;
          f.max_date_time = when;
        } else {
          f.max_interval = 0;
        }
        merge(futurerelease_, f, first, ehlo_flag::futurerelease_malformed);
        break;
      }
      case ehlo_keyword::limits: read_limits(p.params, tokens, first); break;
      case ehlo_keyword::unknown: break;
      case ehlo_keyword::pipelining:
      case ehlo_keyword::starttls:
      case ehlo_keyword::eightbitmime:
      case ehlo_keyword::binarymime:
      case ehlo_keyword::chunking:
      case ehlo_keyword::smtputf8:
      case ehlo_keyword::enhancedstatuscodes:
      case ehlo_keyword::dsn:
      case ehlo_keyword::requiretls:
        if (tokens != 0) flag(ehlo_flag::unexpected_param);
        break;
    }
  }

  // LIMITS limit *(SP limit), limit = name ["=" value]; RCPTMAX, MAILMAX and
  // RCPTDOMAINMAX take 1*6DIGIT (RFC 9422 section 4). Other names are kept
  // only as parameters.
  constexpr void read_limits(std::string_view rest, std::size_t tokens, bool first) noexcept {
    namespace impl = detail::ehlo_impl;
    if (first) limits_.state = tokens == 0 ? param_state::no_value : param_state::value;
    if (!first && limits_.state == param_state::no_value && tokens != 0) limits_.state = param_state::value;
    std::string_view t;
    while (impl::next_token(rest, t)) {
      const std::size_t eq = t.find('=');
      const std::string_view lname = t.substr(0, eq);
      bool name_ok = !lname.empty();
      for (char c : lname) {
        if (!(impl::is_alpha(c) || impl::is_digit(c) || c == '-' || c == '_')) name_ok = false;
      }
      ehlo_number* slot = impl::iequal(lname, "RCPTMAX")         ? &limits_.rcptmax
                          : impl::iequal(lname, "MAILMAX")       ? &limits_.mailmax
                          : impl::iequal(lname, "RCPTDOMAINMAX") ? &limits_.rcptdomainmax
                                                                 : nullptr;
      if (!name_ok || (eq != std::string_view::npos && eq + 1 == t.size())) {
        flag(ehlo_flag::limits_malformed);
        limits_.state = param_state::malformed;
      }
      if (slot == nullptr) continue;
      ehlo_number n{param_state::malformed, 0};
      if (eq != std::string_view::npos && impl::parse_number(t.substr(eq + 1), 6, n.value)) {
        n.state = param_state::value;
      } else {
        n.value = 0;
        flag(ehlo_flag::limits_malformed);
        limits_.state = param_state::malformed;
      }
      if (slot->state == param_state::absent) {
        *slot = n;
      } else if (*slot != n) {
        flag(ehlo_flag::conflicting_params);
        flag(ehlo_flag::limits_malformed);
        *slot = ehlo_number{param_state::malformed, 0};
        limits_.state = param_state::malformed;
      }
    }
  }

  std::string_view raw_{};
  std::string_view domain_{};
  std::string_view greeting_{};
  std::size_t body_ = 0;  // offset of the first capability line
  std::uint32_t capability_lines_ = 0;
  std::uint32_t auth_tokens_ = 0;
  ehlo_flag_set flags_{};
  ehlo_keyword_set keywords_{};
  auth_mechanism_set auth_{};
  ehlo_number size_{};
  ehlo_number deliverby_{};
  mt_priority_info mt_priority_{};
  futurerelease_info futurerelease_{};
  limits_info limits_{};

};

/// Why parse_ehlo() refused a reply.
enum class ehlo_errc : std::uint8_t {
  ok = 0,
  not_250 = 1,  ///< the reply code is not 250 (RFC 5321 4.1.1.1 allows only 250 for success)
};

[[nodiscard]] constexpr std::string_view name(ehlo_errc e) noexcept {
  switch (e) {
    case ehlo_errc::ok: return "ok";
    case ehlo_errc::not_250: return "not_250";
  }
  return "unknown";
}

struct ehlo_result {
  ehlo_view value{};
  ehlo_errc error = ehlo_errc::ok;
  constexpr explicit operator bool() const noexcept { return error == ehlo_errc::ok; }
};

/**
 * Reads a complete reply to EHLO. A code other than 250 is `not_250` (the
 * client then falls back to HELO or gives up). Views point into the bytes
 * the reply points into. constexpr, noexcept, no allocation.
 */
[[nodiscard]] constexpr ehlo_result parse_ehlo(const reply& r) noexcept {
  if (r.code().value() != 250) return {ehlo_view{}, ehlo_errc::not_250};
  return {ehlo_view{r}, ehlo_errc::ok};
}

/// What changed between the EHLO before STARTTLS and the one after.
enum class starttls_flag : std::uint32_t {
  capability_vanished = 1u << 0,   ///< a keyword (other than STARTTLS) advertised before TLS is gone after
  capability_appeared = 1u << 1,   ///< a keyword appeared after TLS (AUTH often does: normal)
  auth_only_before_tls = 1u << 2,  ///< an AUTH mechanism offered before TLS but not after: suspicious
  params_changed = 1u << 3,        ///< a keyword in both lists has different parameters
  starttls_after_tls = 1u << 4,    ///< STARTTLS offered again after TLS (RFC 3207 4.2: MUST NOT)
  no_starttls_before = 1u << 5,    ///< the list before TLS did not offer STARTTLS at all
};

inline constexpr std::array<starttls_flag, 6> all_starttls_flags = {
    starttls_flag::capability_vanished, starttls_flag::capability_appeared, starttls_flag::auth_only_before_tls,
    starttls_flag::params_changed,      starttls_flag::starttls_after_tls,  starttls_flag::no_starttls_before};

[[nodiscard]] constexpr std::string_view name(starttls_flag f) noexcept {
  switch (f) {
    case starttls_flag::capability_vanished: return "capability_vanished";
    case starttls_flag::capability_appeared: return "capability_appeared";
    case starttls_flag::auth_only_before_tls: return "auth_only_before_tls";
    case starttls_flag::params_changed: return "params_changed";
    case starttls_flag::starttls_after_tls: return "starttls_after_tls";
    case starttls_flag::no_starttls_before: return "no_starttls_before";
  }
  return "unknown";
}

/**
 * The difference between two capability lists. Typed keywords and
 * mechanisms come as sets; untyped ones as counts (walk
 * `before.capabilities()` and ask `after.has(c.keyword)` for their names).
 */
struct starttls_diff {
  ehlo_keyword_set vanished{};   ///< before, not after (STARTTLS itself excluded)
  ehlo_keyword_set appeared{};   ///< after, not before
  ehlo_keyword_set changed{};    ///< in both, parameters differ
  auth_mechanism_set auth_vanished{};
  auth_mechanism_set auth_appeared{};
  std::uint32_t unknown_vanished = 0;
  std::uint32_t unknown_appeared = 0;
  std::uint32_t unknown_auth_vanished = 0;
  std::uint32_t unknown_auth_appeared = 0;
  std::uint32_t flags = 0;  ///< starttls_flag bits
  [[nodiscard]] constexpr bool has(starttls_flag f) const noexcept {
    return (flags & static_cast<std::uint32_t>(f)) != 0;
  }
};

namespace detail {
namespace ehlo_impl {
constexpr bool same_params(ehlo_param_range a, ehlo_param_range b) noexcept {
  auto i = a.begin();
  auto j = b.begin();
  for (; i != a.end() && j != b.end(); ++i, ++j) {
    if (*i != *j) return false;
  }
  return i == a.end() && j == b.end();
}
constexpr bool has_mechanism(auth_mechanism_range r, std::string_view m) noexcept {
  for (auto t : r) {
    if (iequal(t.name, m)) return true;
  }
  return false;
}
}  // namespace ehlo_impl
}  // namespace detail

/**
 * Compares the EHLO answers before and after STARTTLS. RFC 3207 section 4.2
 * makes the client discard the first list; this says what a man in the
 * middle (or a misconfiguration) would have changed. constexpr, no
 * allocation; time proportional to capabilities times reply size.
 */
[[nodiscard]] constexpr starttls_diff diff_starttls(const ehlo_view& before, const ehlo_view& after) noexcept {
  starttls_diff d;
  const std::uint32_t b = before.keywords().bits();
  const std::uint32_t a = after.keywords().bits();
  d.vanished = ehlo_keyword_set{b & ~a};
  d.vanished.remove(ehlo_keyword::starttls);
  d.appeared = ehlo_keyword_set{a & ~b};
  d.auth_vanished = auth_mechanism_set{before.auth().bits() & ~after.auth().bits()};
  d.auth_appeared = auth_mechanism_set{after.auth().bits() & ~before.auth().bits()};
  for (auto m : before.unknown_auth_mechanisms()) {
    if (!detail::ehlo_impl::has_mechanism(after.unknown_auth_mechanisms(), m.name)) ++d.unknown_auth_vanished;
  }
  for (auto m : after.unknown_auth_mechanisms()) {
    if (!detail::ehlo_impl::has_mechanism(before.unknown_auth_mechanisms(), m.name)) ++d.unknown_auth_appeared;
  }
  for (const ehlo_capability& c : before.capabilities()) {
    const ehlo_capability other = after.find(c.keyword);
    if (!other) {
      if (c.id == ehlo_keyword::unknown) ++d.unknown_vanished;
      continue;
    }
    // AUTH is a set: order, case and legacy lines do not make a change.
    const bool differ = c.id == ehlo_keyword::auth
                            ? !d.auth_vanished.empty() || !d.auth_appeared.empty() ||
                                  d.unknown_auth_vanished != 0 || d.unknown_auth_appeared != 0
                            : !detail::ehlo_impl::same_params(c.params, other.params);
    if (c.id != ehlo_keyword::starttls && differ) {
      d.changed.add(c.id);
      d.flags |= static_cast<std::uint32_t>(starttls_flag::params_changed);
    }
  }
  for (const ehlo_capability& c : after.capabilities()) {
    if (c.id == ehlo_keyword::unknown && !before.has(c.keyword)) ++d.unknown_appeared;
  }
  if (!d.vanished.empty() || d.unknown_vanished != 0) {
    d.flags |= static_cast<std::uint32_t>(starttls_flag::capability_vanished);
  }
  if (!d.appeared.empty() || d.unknown_appeared != 0) {
    d.flags |= static_cast<std::uint32_t>(starttls_flag::capability_appeared);
  }
  if (!d.auth_vanished.empty() || d.unknown_auth_vanished != 0) {
    d.flags |= static_cast<std::uint32_t>(starttls_flag::auth_only_before_tls);
  }
  if (after.starttls()) d.flags |= static_cast<std::uint32_t>(starttls_flag::starttls_after_tls);
  if (!before.starttls()) d.flags |= static_cast<std::uint32_t>(starttls_flag::no_starttls_before);
  return d;
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_EHLO_HPP
