// smtpreply: what changed between the EHLO replies before and after
// STARTTLS (RFC 3207 section 4.2: the client must discard what it knew).
#ifndef SMTPREPLY_STARTTLS_HPP
#define SMTPREPLY_STARTTLS_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detail/ascii.hpp"
#include "ehlo.hpp"
#include "enum_info.hpp"

namespace smtpreply {

/// What changed between the EHLO before STARTTLS and the one after.
enum class starttls_flag : std::uint32_t {
  capability_vanished = 1u << 0,   ///< a keyword (other than STARTTLS) advertised before TLS is gone after
  capability_appeared = 1u << 1,   ///< a keyword appeared after TLS (AUTH often does: normal)
  auth_only_before_tls = 1u << 2,  ///< an AUTH mechanism offered before TLS but not after: suspicious
  params_changed = 1u << 3,        ///< a keyword in both lists has different parameters
  starttls_after_tls = 1u << 4,    ///< STARTTLS offered again after TLS (RFC 3207 4.2: MUST NOT)
  no_starttls_before = 1u << 5,    ///< the list before TLS did not offer STARTTLS at all
};

inline constexpr enum_info<starttls_flag> starttls_flag_table[] = {
    {starttls_flag::capability_vanished, "capability_vanished", "a keyword (other than STARTTLS) advertised before TLS is gone after", ""},
    {starttls_flag::capability_appeared, "capability_appeared", "a keyword appeared after TLS (AUTH often does: normal)", ""},
    {starttls_flag::auth_only_before_tls, "auth_only_before_tls", "an AUTH mechanism offered before TLS but not after: suspicious", ""},
    {starttls_flag::params_changed, "params_changed", "a keyword in both lists has different parameters", ""},
    {starttls_flag::starttls_after_tls, "starttls_after_tls", "STARTTLS offered again after TLS (RFC 3207 4.2: MUST NOT)", ""},
    {starttls_flag::no_starttls_before, "no_starttls_before", "the list before TLS did not offer STARTTLS at all", ""},
};
static_assert(detail::single_bits(starttls_flag_table) && detail::good_names(starttls_flag_table), "starttls_flag_table order");

inline constexpr auto all_starttls_flags = detail::values_of(starttls_flag_table);

[[nodiscard]] constexpr std::string_view name(starttls_flag v) noexcept { return detail::name_in(starttls_flag_table, v, "unknown"); }

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

#endif  // SMTPREPLY_STARTTLS_HPP
