// smtpreply: what changed between the EHLO replies before and after
// STARTTLS (RFC 3207 section 4.2: the client must discard what it knew).
#ifndef SMTPREPLY_STARTTLS_HPP
#define SMTPREPLY_STARTTLS_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/ascii.hpp"
#include "ehlo.hpp"
#include "enum_info.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

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
    {starttls_flag::capability_vanished, "capability_vanished",
     "a keyword (other than STARTTLS) advertised before TLS is gone after", ""},
    {starttls_flag::capability_appeared, "capability_appeared",
     "a keyword appeared after TLS (AUTH often does: normal)", ""},
    {starttls_flag::auth_only_before_tls, "auth_only_before_tls",
     "an AUTH mechanism offered before TLS but not after: suspicious", ""},
    {starttls_flag::params_changed, "params_changed", "a keyword in both lists has different parameters", ""},
    {starttls_flag::starttls_after_tls, "starttls_after_tls",
     "STARTTLS offered again after TLS (RFC 3207 4.2: MUST NOT)", ""},
    {starttls_flag::no_starttls_before, "no_starttls_before", "the list before TLS did not offer STARTTLS at all", ""},
};
static_assert(detail::single_bits(starttls_flag_table) && detail::good_names(starttls_flag_table),
              "starttls_flag_table order");

inline constexpr auto all_starttls_flags = detail::values_of(starttls_flag_table);

[[nodiscard]] constexpr std::string_view name(starttls_flag v) noexcept {
  return detail::name_in(starttls_flag_table, v, "unknown");
}

/**
 * The difference between two capability lists. Typed keywords and
 * mechanisms come as sets; untyped ones as counts (walk
 * `before.capabilities()` and ask `after.has(c.keyword)` for their names).
 */
struct starttls_diff {
  ehlo_keyword_set vanished{};  ///< before, not after (STARTTLS itself excluded)
  ehlo_keyword_set appeared{};  ///< after, not before
  ehlo_keyword_set changed{};   ///< in both, parameters differ
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

/// Which side of a STARTTLS comparison a capability or mechanism is on.
enum class capability_change : std::uint8_t {
  vanished = 0,  ///< before, not after (STARTTLS itself excluded for capabilities)
  appeared = 1,  ///< after, not before
  changed = 2,   ///< in both, with different parameters (capabilities only; AUTH compares as a set)
};

inline constexpr enum_info<capability_change> capability_change_table[] = {
    {capability_change::vanished, "vanished", "before STARTTLS, not after", "RFC 3207 section 4.2"},
    {capability_change::appeared, "appeared", "after STARTTLS, not before", "RFC 3207 section 4.2"},
    {capability_change::changed, "changed", "in both, with different parameters", "RFC 3207 section 4.2"},
};
static_assert(detail::dense(capability_change_table) && detail::good_names(capability_change_table), "table order");

[[nodiscard]] constexpr std::string_view name(capability_change c) noexcept {
  return detail::name_in(capability_change_table, c, "unknown");
}

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

// Whether `view` offers the mechanism `m`: by id when known, else by name in any case.
constexpr bool offers(const ehlo_view& view, const auth_mechanism_token& m) noexcept {
  if (m.id != auth_mechanism::none) return view.auth().has(m.id);
  for (const auth_mechanism_token t : view.unknown_auth_mechanisms()) {
    if (iequal(t.name, m.name)) return true;
  }
  return false;
}

constexpr bool mechanisms_differ(const ehlo_view& a, const ehlo_view& b) noexcept {
  for (const auth_mechanism_token m : a.auth_mechanisms()) {
    if (!offers(b, m)) return true;
  }
  for (const auth_mechanism_token m : b.auth_mechanisms()) {
    if (!offers(a, m)) return true;
  }
  return false;
}

// Whether capability `c` (of `after` for `appeared`, else of `before`) is such a change.
constexpr bool is_change(capability_change which, const ehlo_capability& c, const ehlo_view& before,
                         const ehlo_view& after) noexcept {
  switch (which) {
    case capability_change::vanished: return c.id != ehlo_keyword::starttls && !after.has(c.keyword);
    case capability_change::appeared: return !before.has(c.keyword);
    case capability_change::changed: {
      if (c.id == ehlo_keyword::starttls) return false;
      const ehlo_capability other = after.find(c.keyword);
      if (!other) return false;
      return c.id == ehlo_keyword::auth ? mechanisms_differ(before, after) : !same_params(c.params, other.params);
    }
  }
  return false;
}
}  // namespace ehlo_impl
}  // namespace detail

/**
 * The capabilities that vanished, appeared or changed across STARTTLS, as the
 * server sent them (keyword and parameters), in order of first appearance.
 * Holds pointers to both views: they must outlive the range.
 */
class capability_change_range {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = ehlo_capability;
    using difference_type = std::ptrdiff_t;
    using pointer = const ehlo_capability*;
    using reference = const ehlo_capability&;

    constexpr iterator() noexcept = default;
    constexpr iterator(const capability_change_range* r, ehlo_capability_iterator it) noexcept : r_(r), it_(it) {
      settle();
    }
    constexpr const ehlo_capability& operator*() const noexcept { return *it_; }
    constexpr const ehlo_capability* operator->() const noexcept { return &*it_; }
    constexpr iterator& operator++() noexcept {
      ++it_;
      settle();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept { return a.it_ == b.it_; }
    friend constexpr bool operator!=(const iterator& a, const iterator& b) noexcept { return !(a == b); }

   private:
    constexpr void settle() noexcept {
      while (it_ != ehlo_capability_iterator{} &&
             !detail::ehlo_impl::is_change(r_->which_, *it_, *r_->before_, *r_->after_)) {
        ++it_;
      }
    }
    const capability_change_range* r_ = nullptr;
    ehlo_capability_iterator it_{};
  };

  constexpr capability_change_range(const ehlo_view& before, const ehlo_view& after, capability_change which) noexcept
      : before_(&before), after_(&after), which_(which) {}
  [[nodiscard]] constexpr iterator begin() const noexcept {
    const ehlo_view& side = which_ == capability_change::appeared ? *after_ : *before_;
    return iterator{this, side.capabilities().begin()};
  }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator{this, ehlo_capability_iterator{}}; }

 private:
  const ehlo_view* before_;
  const ehlo_view* after_;
  capability_change which_;
};

/**
 * The AUTH mechanisms offered on one side only (`vanished`: before, not
 * after; `appeared`: after, not before), as sent. Holds pointers to both
 * views: they must outlive the range.
 */
class mechanism_change_range {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = auth_mechanism_token;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = auth_mechanism_token;

    constexpr iterator() noexcept = default;
    constexpr iterator(const ehlo_view* other, auth_mechanism_iterator it) noexcept : other_(other), it_(it) {
      settle();
    }
    constexpr auth_mechanism_token operator*() const noexcept { return *it_; }
    constexpr iterator& operator++() noexcept {
      ++it_;
      settle();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept { return a.it_ == b.it_; }
    friend constexpr bool operator!=(const iterator& a, const iterator& b) noexcept { return !(a == b); }

   private:
    constexpr void settle() noexcept {
      while (it_ != auth_mechanism_iterator{} && detail::ehlo_impl::offers(*other_, *it_)) ++it_;
    }
    const ehlo_view* other_ = nullptr;
    auth_mechanism_iterator it_{};
  };

  constexpr mechanism_change_range(const ehlo_view& before, const ehlo_view& after, capability_change which) noexcept
      : from_(which == capability_change::appeared ? &after : &before),
        other_(which == capability_change::appeared ? &before : &after),
        none_(which == capability_change::changed) {}
  [[nodiscard]] constexpr iterator begin() const noexcept {
    return none_ ? end() : iterator{other_, from_->auth_mechanisms().begin()};
  }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator{other_, auth_mechanism_iterator{}}; }

 private:
  const ehlo_view* from_;
  const ehlo_view* other_;
  bool none_;
};

/// The capabilities of one kind of change, by name (see capability_change_range).
[[nodiscard]] constexpr capability_change_range changed_capabilities(const ehlo_view& before, const ehlo_view& after,
                                                                     capability_change which) noexcept {
  return capability_change_range{before, after, which};
}

/// The AUTH mechanisms that vanished or appeared, by name.
[[nodiscard]] constexpr mechanism_change_range changed_mechanisms(const ehlo_view& before, const ehlo_view& after,
                                                                  capability_change which) noexcept {
  return mechanism_change_range{before, after, which};
}

/**
 * Compares the EHLO answers before and after STARTTLS. RFC 3207 section 4.2
 * makes the client discard the first list; this says what a man in the
 * middle (or a misconfiguration) would have changed: typed sets and counts,
 * from the same walks as changed_capabilities() and changed_mechanisms().
 * constexpr, no allocation; linear in the replies' sizes (the views cap
 * their capability lines).
 */
[[nodiscard]] constexpr starttls_diff diff_starttls(const ehlo_view& before, const ehlo_view& after) noexcept {
  starttls_diff d;
  for (const ehlo_capability& c : changed_capabilities(before, after, capability_change::vanished)) {
    if (c.id == ehlo_keyword::unknown) ++d.unknown_vanished;
    d.vanished.add(c.id);
  }
  for (const ehlo_capability& c : changed_capabilities(before, after, capability_change::appeared)) {
    if (c.id == ehlo_keyword::unknown) ++d.unknown_appeared;
    d.appeared.add(c.id);
  }
  for (const ehlo_capability& c : changed_capabilities(before, after, capability_change::changed)) {
    d.changed.add(c.id);
    d.flags |= static_cast<std::uint32_t>(starttls_flag::params_changed);
  }
  for (const auth_mechanism_token m : changed_mechanisms(before, after, capability_change::vanished)) {
    if (m.id == auth_mechanism::none) ++d.unknown_auth_vanished;
    d.auth_vanished.add(m.id);
  }
  for (const auth_mechanism_token m : changed_mechanisms(before, after, capability_change::appeared)) {
    if (m.id == auth_mechanism::none) ++d.unknown_auth_appeared;
    d.auth_appeared.add(m.id);
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

#endif  // SMTPREPLY_STARTTLS_HPP
