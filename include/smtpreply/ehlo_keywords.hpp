// smtpreply: the EHLO keywords and SASL mechanisms smtpreply types (one
// table each, with the RFC that defines them), the typed parameter values
// and the flags of the EHLO view.
#ifndef SMTPREPLY_EHLO_KEYWORDS_HPP
#define SMTPREPLY_EHLO_KEYWORDS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/enum_set.hpp"
#include "enum_info.hpp"

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

/// Every keyword: its id, the keyword as the RFC spells it (`text`, empty
/// for `unknown`) and the RFC that defines it. Row i is keyword i.
inline constexpr enum_info<ehlo_keyword> ehlo_keyword_table[] = {
    {ehlo_keyword::unknown, "unknown", "", ""},
    {ehlo_keyword::size, "size", "SIZE", "RFC 1870"},
    {ehlo_keyword::auth, "auth", "AUTH", "RFC 4954"},
    {ehlo_keyword::pipelining, "pipelining", "PIPELINING", "RFC 2920"},
    {ehlo_keyword::starttls, "starttls", "STARTTLS", "RFC 3207"},
    {ehlo_keyword::eightbitmime, "eightbitmime", "8BITMIME", "RFC 6152"},
    {ehlo_keyword::binarymime, "binarymime", "BINARYMIME", "RFC 3030"},
    {ehlo_keyword::chunking, "chunking", "CHUNKING", "RFC 3030"},
    {ehlo_keyword::smtputf8, "smtputf8", "SMTPUTF8", "RFC 6531"},
    {ehlo_keyword::enhancedstatuscodes, "enhancedstatuscodes", "ENHANCEDSTATUSCODES", "RFC 2034"},
    {ehlo_keyword::dsn, "dsn", "DSN", "RFC 3461"},
    {ehlo_keyword::requiretls, "requiretls", "REQUIRETLS", "RFC 8689"},
    {ehlo_keyword::deliverby, "deliverby", "DELIVERBY", "RFC 2852"},
    {ehlo_keyword::mt_priority, "mt_priority", "MT-PRIORITY", "RFC 6710"},
    {ehlo_keyword::futurerelease, "futurerelease", "FUTURERELEASE", "RFC 4865"},
    {ehlo_keyword::limits, "limits", "LIMITS", "RFC 9422"},
};
static_assert(detail::dense(ehlo_keyword_table) && detail::good_names(ehlo_keyword_table), "ehlo_keyword_table order");
static_assert(std::size(ehlo_keyword_table) <= 32, "keyword sets are 32-bit masks");

/// Every typed keyword (not `unknown`), in enum order.
inline constexpr auto all_ehlo_keywords = detail::values_after_first(ehlo_keyword_table);

/// The stable identifier, e.g. "eightbitmime", "mt_priority".
[[nodiscard]] constexpr std::string_view name(ehlo_keyword k) noexcept {
  return detail::name_in(ehlo_keyword_table, k, "unknown");
}

/// The keyword as the RFC spells it, e.g. "8BITMIME"; empty for `unknown`.
[[nodiscard]] constexpr std::string_view keyword_text(ehlo_keyword k) noexcept {
  return detail::text_in(ehlo_keyword_table, k, "");
}

/// The RFC that defines the keyword; empty for `unknown`.
[[nodiscard]] constexpr std::string_view source(ehlo_keyword k) noexcept {
  const std::size_t i = detail::row_of(ehlo_keyword_table, k);
  return i < std::size(ehlo_keyword_table) ? ehlo_keyword_table[i].source : std::string_view{};
}

namespace detail {
// Each keyword its own bit; unknown has none.
constexpr std::uint32_t keyword_bit(ehlo_keyword k) noexcept {
  return k == ehlo_keyword::unknown ? 0u : 1u << static_cast<unsigned>(k);
}
}  // namespace detail

/// A set of typed keywords (every row but `unknown`).
using ehlo_keyword_set = detail::enum_set<ehlo_keyword, detail::keyword_bit, detail::row_bits(ehlo_keyword_table)>;

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

/// Every mechanism: its id and its SASL name (`text`, empty for `none`).
inline constexpr enum_info<auth_mechanism> auth_mechanism_table[] = {
    {auth_mechanism::none, "none", "", ""},
    {auth_mechanism::plain, "plain", "PLAIN", ""},
    {auth_mechanism::login, "login", "LOGIN", ""},
    {auth_mechanism::cram_md5, "cram_md5", "CRAM-MD5", ""},
    {auth_mechanism::digest_md5, "digest_md5", "DIGEST-MD5", ""},
    {auth_mechanism::scram_sha_1, "scram_sha_1", "SCRAM-SHA-1", ""},
    {auth_mechanism::scram_sha_1_plus, "scram_sha_1_plus", "SCRAM-SHA-1-PLUS", ""},
    {auth_mechanism::scram_sha_256, "scram_sha_256", "SCRAM-SHA-256", ""},
    {auth_mechanism::scram_sha_256_plus, "scram_sha_256_plus", "SCRAM-SHA-256-PLUS", ""},
    {auth_mechanism::xoauth2, "xoauth2", "XOAUTH2", ""},
    {auth_mechanism::oauthbearer, "oauthbearer", "OAUTHBEARER", ""},
    {auth_mechanism::gssapi, "gssapi", "GSSAPI", ""},
    {auth_mechanism::gs2_krb5, "gs2_krb5", "GS2-KRB5", ""},
    {auth_mechanism::ntlm, "ntlm", "NTLM", ""},
    {auth_mechanism::external, "external", "EXTERNAL", ""},
    {auth_mechanism::anonymous, "anonymous", "ANONYMOUS", ""},
};
static_assert(detail::dense(auth_mechanism_table) && detail::good_names(auth_mechanism_table), "table order");
static_assert(std::size(auth_mechanism_table) <= 32, "mechanism sets are 32-bit masks");

/// Every known mechanism (not `none`).
inline constexpr auto all_auth_mechanisms = detail::values_after_first(auth_mechanism_table);

/// The stable identifier, e.g. "cram_md5".
[[nodiscard]] constexpr std::string_view name(auth_mechanism m) noexcept {
  return detail::name_in(auth_mechanism_table, m, "none");
}

/// The SASL name, e.g. "CRAM-MD5"; empty for `none`.
[[nodiscard]] constexpr std::string_view sasl_name(auth_mechanism m) noexcept {
  return detail::text_in(auth_mechanism_table, m, "");
}

namespace detail {
// Each known mechanism its own bit; none has none.
constexpr std::uint32_t mechanism_bit(auth_mechanism m) noexcept {
  return m == auth_mechanism::none ? 0u : 1u << static_cast<unsigned>(m);
}
}  // namespace detail

/// A set of known mechanisms (every row but `none`).
using auth_mechanism_set =
    detail::enum_set<auth_mechanism, detail::mechanism_bit, detail::row_bits(auth_mechanism_table)>;

/// What a typed parameter looked like.
enum class param_state : std::uint8_t {
  absent = 0,     ///< the keyword (or limit) was not advertised
  no_value = 1,   ///< advertised without a parameter
  value = 2,      ///< advertised with a well-formed parameter
  malformed = 3,  ///< advertised, but the parameter breaks the RFC grammar (see flags); value not set
};

inline constexpr enum_info<param_state> param_state_table[] = {
    {param_state::absent, "absent", "the keyword (or limit) was not advertised", ""},
    {param_state::no_value, "no_value", "advertised without a parameter", ""},
    {param_state::value, "value", "advertised with a well-formed parameter", ""},
    {param_state::malformed, "malformed",
     "advertised, but the parameter breaks the RFC grammar (see flags); value not set", ""},
};
static_assert(detail::dense(param_state_table) && detail::good_names(param_state_table), "param_state_table order");

[[nodiscard]] constexpr std::string_view name(param_state v) noexcept {
  return detail::name_in(param_state_table, v, "unknown");
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

inline constexpr enum_info<mt_priority_policy> mt_priority_policy_table[] = {
    {mt_priority_policy::none, "none", "no policy named", ""},
    {mt_priority_policy::mixer, "mixer", "\"MIXER\"", ""},
    {mt_priority_policy::stanag4406, "stanag4406", "\"STANAG4406\"", ""},
    {mt_priority_policy::nsep, "nsep", "\"NSEP\"", ""},
    {mt_priority_policy::other, "other", "some other name (kept in `policy_name`)", ""},
};
static_assert(detail::dense(mt_priority_policy_table) && detail::good_names(mt_priority_policy_table),
              "mt_priority_policy_table order");

[[nodiscard]] constexpr std::string_view name(mt_priority_policy v) noexcept {
  return detail::name_in(mt_priority_policy_table, v, "unknown");
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
  std::uint64_t max_interval = 0;    ///< seconds
  std::string_view max_date_time{};  ///< RFC 3339 date-time, as sent
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
  missing_domain = 1u << 0,      ///< the first line has no domain
  invalid_keyword = 1u << 1,     ///< a line's keyword breaks the 4.1.1.1 grammar (kept as unknown; empty ones dropped)
  duplicate_keyword = 1u << 2,   ///< a keyword on more than one line (merged)
  legacy_auth = 1u << 3,         ///< an "AUTH=" line (merged into AUTH)
  invalid_param = 1u << 4,       ///< an empty parameter (extra SP) or bytes outside %d33-126
  unexpected_param = 1u << 5,    ///< a parameter on a keyword that takes none
  conflicting_params = 1u << 6,  ///< repeated lines of a one-value keyword disagree (that value is malformed)
  size_malformed = 1u << 7,      ///< SIZE parameter not 1*DIGIT or over 2^64-1
  auth_malformed = 1u << 8,      ///< AUTH without mechanism, or a name outside RFC 4422 syntax
  auth_truncated = 1u << 9,      ///< more than ehlo_view::max_auth_tokens mechanisms; the rest ignored
  deliverby_malformed = 1u << 10,      ///< DELIVERBY parameter not 1*9DIGIT
  mt_priority_malformed = 1u << 11,    ///< MT-PRIORITY with more than one parameter or a bad name
  futurerelease_malformed = 1u << 12,  ///< FUTURERELEASE without interval and RFC 3339 date-time
  limits_malformed = 1u << 13,         ///< a LIMITS entry breaks RFC 9422 (that entry is malformed)
  too_many_capabilities = 1u << 14,    ///< more than ehlo_view::max_capability_lines lines; the rest ignored
};

inline constexpr enum_info<ehlo_flag> ehlo_flag_table[] = {
    {ehlo_flag::missing_domain, "missing_domain", "the first line has no domain", ""},
    {ehlo_flag::invalid_keyword, "invalid_keyword",
     "a line's keyword breaks the 4.1.1.1 grammar (kept as unknown; empty ones dropped)", ""},
    {ehlo_flag::duplicate_keyword, "duplicate_keyword", "a keyword on more than one line (merged)", ""},
    {ehlo_flag::legacy_auth, "legacy_auth", "an \"AUTH=\" line (merged into AUTH)", ""},
    {ehlo_flag::invalid_param, "invalid_param", "an empty parameter (extra SP) or bytes outside %d33-126", ""},
    {ehlo_flag::unexpected_param, "unexpected_param", "a parameter on a keyword that takes none", ""},
    {ehlo_flag::conflicting_params, "conflicting_params",
     "repeated lines of a one-value keyword disagree (that value is malformed)", ""},
    {ehlo_flag::size_malformed, "size_malformed", "SIZE parameter not 1*DIGIT or over 2^64-1", ""},
    {ehlo_flag::auth_malformed, "auth_malformed", "AUTH without mechanism, or a name outside RFC 4422 syntax", ""},
    {ehlo_flag::auth_truncated, "auth_truncated", "more than ehlo_view::max_auth_tokens mechanisms; the rest ignored",
     ""},
    {ehlo_flag::deliverby_malformed, "deliverby_malformed", "DELIVERBY parameter not 1*9DIGIT", ""},
    {ehlo_flag::mt_priority_malformed, "mt_priority_malformed",
     "MT-PRIORITY with more than one parameter or a bad name", ""},
    {ehlo_flag::futurerelease_malformed, "futurerelease_malformed",
     "FUTURERELEASE without interval and RFC 3339 date-time", ""},
    {ehlo_flag::limits_malformed, "limits_malformed", "a LIMITS entry breaks RFC 9422 (that entry is malformed)", ""},
    {ehlo_flag::too_many_capabilities, "too_many_capabilities",
     "more than ehlo_view::max_capability_lines capability lines; the rest are ignored", ""},
};
static_assert(detail::single_bits(ehlo_flag_table) && detail::good_names(ehlo_flag_table), "ehlo_flag_table order");

inline constexpr auto all_ehlo_flags = detail::values_of(ehlo_flag_table);

[[nodiscard]] constexpr std::string_view name(ehlo_flag v) noexcept {
  return detail::name_in(ehlo_flag_table, v, "unknown");
}

namespace detail {
constexpr std::uint32_t ehlo_flag_bit(ehlo_flag f) noexcept { return static_cast<std::uint32_t>(f); }
}  // namespace detail

/// A set of EHLO flags.
using ehlo_flag_set = detail::enum_set<ehlo_flag, detail::ehlo_flag_bit>;

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_EHLO_KEYWORDS_HPP
