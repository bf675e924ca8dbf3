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

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/ascii.hpp"
#include "detail/lines.hpp"
#include "ehlo_keywords.hpp"
#include "reply.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

namespace detail {
namespace ehlo_impl {

using detail::iequal;
using detail::is_alpha;
using detail::is_digit;
constexpr bool is_param_char(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u >= 33 && u <= 126;
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

using detail::raw_line;
using detail::read_line;

/// A capability line cut into keyword and parameters.
struct line_parts {
  std::string_view keyword{};  ///< empty when the line has none
  std::string_view params{};   ///< the bytes after the keyword and its SP (or after "AUTH=")
  bool introduced = false;     ///< a separator came before `params`, so an empty token counts
  bool legacy_auth = false;
  bool valid = false;  ///< keyword per the ABNF
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

  constexpr auth_mechanism_token operator*() const noexcept { return {*it_, detail::ehlo_impl::find_mechanism(*it_)}; }
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
  /// Capability lines looked at (a real server sends a few dozen at most).
  /// Finding a keyword's earlier lines is a walk over the lines before it,
  /// so this cap keeps every operation of the view (reading, walking the
  /// capabilities and their parameters, diff_starttls) linear in the reply's
  /// size. More sets `too_many_capabilities`; the rest are ignored.
  static constexpr std::uint32_t max_capability_lines = 128;

  constexpr ehlo_view() noexcept = default;

  /// Reads `r` as an EHLO reply whatever its code (see parse_ehlo()).
  constexpr explicit ehlo_view(const reply& r) noexcept : raw_(r.raw()) { read(); }

  [[nodiscard]] constexpr std::string_view raw() const noexcept { return raw_; }
  /// The first word of the first line (RFC 5321: Domain or address literal).
  [[nodiscard]] constexpr std::string_view domain() const noexcept { return domain_; }
  /// The rest of the first line after the domain and one SP.
  [[nodiscard]] constexpr std::string_view greeting() const noexcept { return greeting_; }
  [[nodiscard]] constexpr ehlo_flag_set flags() const noexcept { return flags_; }
  /// Lines after the first (capability lines, keyword or not) looked at.
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
    for (std::size_t pos = body_; detail::ehlo_impl::read_line(lines_, pos, l); pos = l.next) {
      if (!detail::ehlo_impl::has_keyword(l.text, keyword)) continue;
      const auto parts = detail::ehlo_impl::split_line(l.text);
      return ehlo_capability{parts.keyword, parts.id, parts.valid, ehlo_param_range{lines_, l.start, parts.keyword}};
    }
    return {};
  }
  [[nodiscard]] constexpr ehlo_capability find(ehlo_keyword k) const noexcept {
    return has(k) ? find(keyword_text(k)) : ehlo_capability{};
  }

  /// Every distinct capability (typed or not), in order of first appearance.
  [[nodiscard]] constexpr ehlo_capability_range capabilities() const noexcept {
    return ehlo_capability_range{body_ < lines_.size() ? lines_ : std::string_view{}, body_};
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
    lines_ = raw_;
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
      if (capability_lines_ == max_capability_lines) {
        flag(ehlo_flag::too_many_capabilities);
        lines_ = raw_.substr(0, l.start);  // every walk of the view stops here
        break;
      }
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
      first = !impl::keyword_between(lines_, body_, start, p.keyword);
    }
    if (!first) flag(ehlo_flag::duplicate_keyword);
    keywords_.add(p.id);

    std::string_view rest = p.params;
    std::string_view t;
    switch (p.id) {
      case ehlo_keyword::size: {
        ehlo_number n{param_state::no_value, 0};
        if (tokens == 1 && impl::next_token(rest, t)) {
          n.state =
              impl::parse_number(t, std::string_view::npos, n.value) ? param_state::value : param_state::malformed;
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
            impl::parse_number(interval, std::string_view::npos, f.max_interval) && impl::is_rfc3339_date_time(when)) {
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
  std::string_view lines_{};  // raw_ up to the last capability line looked at
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

inline constexpr enum_info<ehlo_errc> ehlo_errc_table[] = {
    {ehlo_errc::ok, "ok", "", ""},
    {ehlo_errc::not_250, "not_250", "the reply code is not 250 (RFC 5321 4.1.1.1 allows only 250 for success)", ""},
};
static_assert(detail::dense(ehlo_errc_table) && detail::good_names(ehlo_errc_table), "ehlo_errc_table order");

[[nodiscard]] constexpr std::string_view name(ehlo_errc v) noexcept {
  return detail::name_in(ehlo_errc_table, v, "unknown");
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

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_EHLO_HPP
