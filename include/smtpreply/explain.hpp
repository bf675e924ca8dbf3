// smtpreply: explanations and comparisons of reply codes and enhanced codes,
// built from the tables of reply_codes.hpp, enhanced_codes.hpp and
// command_replies.hpp and the advice of advice.hpp.
#ifndef SMTPREPLY_EXPLAIN_HPP
#define SMTPREPLY_EXPLAIN_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "advice.hpp"
#include "command_replies.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "enhanced_codes.hpp"
#include "enum_info.hpp"
#include "reply_codes.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// "Positive Completion", "Positive Intermediate", "Transient Negative",
/// "Permanent Negative", or "Unknown".
[[nodiscard]] constexpr std::string_view class_name(reply_class c) noexcept {
  switch (c) {
    case reply_class::positive_completion: return "Positive Completion";
    case reply_class::positive_intermediate: return "Positive Intermediate";
    case reply_class::transient_negative: return "Transient Negative";
    case reply_class::permanent_negative: return "Permanent Negative";
    case reply_class::unknown: break;
  }
  return "Unknown";
}

/// What the first digit says.
[[nodiscard]] constexpr std::string_view describe(reply_class c) noexcept {
  switch (c) {
    case reply_class::positive_completion:
      return "The server completed the requested action; a new request may follow.";
    case reply_class::positive_intermediate:
      return "The server accepted the command and waits for more before it can complete it.";
    case reply_class::transient_negative:
      return "The action was not taken, but the error is temporary: the same request may succeed later.";
    case reply_class::permanent_negative:
      return "The action was not taken, and repeating the same request unchanged will fail again.";
    case reply_class::unknown: break;
  }
  return "The first digit is outside 2-5, which SMTP does not define; clients treat such a reply as fatal "
         "to the transaction.";
}

/// "Syntax", "Information", "Connections", "Unspecified", "Mail system", or "Unknown".
[[nodiscard]] constexpr std::string_view category_name(reply_category c) noexcept {
  switch (c) {
    case reply_category::syntax: return "Syntax";
    case reply_category::information: return "Information";
    case reply_category::connections: return "Connections";
    case reply_category::unspecified_3: return "Unspecified";
    case reply_category::unspecified_4: return "Unspecified";
    case reply_category::mail_system: return "Mail system";
    case reply_category::unknown: break;
  }
  return "Unknown";
}

/// What the second digit says.
[[nodiscard]] constexpr std::string_view describe(reply_category c) noexcept {
  switch (c) {
    case reply_category::syntax:
      return "About syntax: the command is malformed, unknown, unimplemented or superfluous.";
    case reply_category::information: return "A reply to a request for information, such as status or help.";
    case reply_category::connections: return "About the transmission channel.";
    case reply_category::unspecified_3:
      return "RFC 5321 gives this second digit no general meaning; extensions use it (AUTH's 53z codes).";
    case reply_category::unspecified_4:
      return "RFC 5321 gives this second digit no general meaning; extensions use it (334, 454).";
    case reply_category::mail_system:
      return "About the state of the receiving mail system for the requested transfer or action.";
    case reply_category::unknown: break;
  }
  return "The second digit is outside 0-5, which RFC 5321 does not allow.";
}

/// Everything known about a basic code; available for any code.
struct explanation {
  reply_code code{};
  bool known = false;  ///< listed in `reply_code_table`
  reply_class klass = reply_class::unknown;
  reply_category category = reply_category::unknown;
  std::string_view name;
  std::string_view meaning;
  std::string_view when_seen;
  std::string_view how_to_fix;
  action advice = action::give_up;
  std::string_view reference;
  bool closes_connection = false;
  std::uint32_t commands = 0;  ///< bitmask over `command`; 0 when unknown
  std::string_view class_name;
  std::string_view class_meaning;
  std::string_view category_name;
  std::string_view category_meaning;
};

namespace detail {

constexpr std::string_view unlisted_name(reply_class c) noexcept {
  switch (c) {
    case reply_class::positive_completion: return "Unlisted positive completion reply";
    case reply_class::positive_intermediate: return "Unlisted positive intermediate reply";
    case reply_class::transient_negative: return "Unlisted transient negative reply";
    case reply_class::permanent_negative: return "Unlisted permanent negative reply";
    case reply_class::unknown: break;
  }
  return "Out-of-range reply code";
}

constexpr std::string_view unlisted_fix(action a) noexcept {
  switch (a) {
    case action::done: return "Nothing to fix; go on with the next command.";
    case action::continue_request: return "Send the next part the server is waiting for.";
    case action::retry_later: return "Retry the same request later, with a growing delay.";
    case action::fix_request: return "Correct the command or its arguments before sending it again.";
    case action::give_up: return "Do not repeat the request unchanged; read the reply text to find what must change.";
    case action::retry_other_host:
    case action::reconnect:
    case action::authenticate:
    case action::start_tls: break;
  }
  return describe(a);
}

}  // namespace detail

/**
 * Explains a basic code. Listed codes come from `reply_code_table`; any
 * other code is explained by its digits as RFC 5321 section 4.2.1 says
 * (class from the first, category from the second), with advice by class.
 */
[[nodiscard]] constexpr explanation explain(reply_code code) noexcept {
  explanation x{};
  x.code = code;
  x.klass = code.reply_class();
  x.category = code.category();
  x.class_name = class_name(x.klass);
  x.class_meaning = describe(x.klass);
  x.category_name = category_name(x.category);
  x.category_meaning = describe(x.category);
  const std::size_t i = detail::reply_code_index(code);
  if (i < std::size(reply_code_table)) {
    const reply_code_info& info = reply_code_table[i];
    x.known = true;
    x.name = info.name;
    x.meaning = info.meaning;
    x.when_seen = info.when_seen;
    x.how_to_fix = info.how_to_fix;
    x.advice = info.advice;
    x.reference = info.reference;
    x.closes_connection = info.closes_connection;
    x.commands = commands_for(code);
    return x;
  }
  x.advice = advise(code);
  x.name = detail::unlisted_name(x.klass);
  if (x.klass == reply_class::unknown) {
    x.meaning = "Not an SMTP reply code: the first digit must be 2, 3, 4 or 5.";
    x.when_seen = "Only from a broken or non-SMTP server, accepted by a lenient parse.";
    x.how_to_fix = "Treat it as a fatal protocol error: end the transaction and close the connection.";
    x.reference = "RFC 5321 section 4.2";
  } else {
    x.meaning = x.class_meaning;
    x.when_seen =
        "Not defined by RFC 5321 or a registered extension; clients must act on the first digit "
        "(RFC 5321 section 4.2).";
    x.how_to_fix = detail::unlisted_fix(x.advice);
    x.reference = "RFC 5321 sections 4.2 and 4.2.1";
  }
  return x;
}

/// Everything known about an enhanced code; available for any code.
struct enhanced_explanation {
  enhanced_code code{};
  bool known = false;          ///< subject.detail is in the IANA registry
  bool known_subject = false;  ///< subject 0-7
  bool deprecated = false;
  enhanced_class klass = enhanced_class::unknown;
  enhanced_subject subject = enhanced_subject::unknown;
  std::string_view class_name;
  std::string_view class_description;
  std::string_view subject_name;
  std::string_view subject_description;
  std::string_view name;         ///< the registry name, or the subject's when the detail is unknown
  std::string_view description;  ///< likewise
  std::string_view reference;
  std::array<std::uint16_t, max_associated_codes> basic_codes{};  ///< 0-terminated; empty when unknown
  action advice = action::give_up;
  const vendor_enhanced_code_info* vendor = nullptr;  ///< a documented vendor meaning, if any
};

/// What to do about an enhanced code on its own (no basic code, no command).
[[nodiscard]] constexpr action advise(enhanced_code esc) noexcept {
  switch (esc.status_class()) {
    case enhanced_class::success: return action::done;
    case enhanced_class::persistent_transient_failure:
      return detail::esc_opinion(esc) == action::authenticate ? action::authenticate : action::retry_later;
    case enhanced_class::permanent_failure: {
      const action a = detail::esc_opinion(esc);
      return a == action::done ? action::give_up : a;
    }
    case enhanced_class::unknown: break;
  }
  return action::give_up;
}

/**
 * Explains an enhanced code: class, subject and detail texts. A detail the
 * registry does not know gets the subject-level texts; an unknown subject
 * gets "Unknown". Vendor ranges are attached in `vendor`.
 */
[[nodiscard]] constexpr enhanced_explanation explain(enhanced_code code) noexcept {
  enhanced_explanation x{};
  x.code = code;
  x.klass = code.status_class();
  x.subject = code.subject_kind();
  x.advice = advise(code);
  x.vendor = find_vendor(code);
  if (const std::size_t c = detail::class_index(x.klass); c < std::size(enhanced_class_registry)) {
    x.class_name = enhanced_class_registry[c].name;
    x.class_description = enhanced_class_registry[c].description;
  } else {
    x.class_name = "Unknown";
    x.class_description = "The class must be 2, 4 or 5 (RFC 3463 section 2).";
  }
  if (const std::size_t s = detail::subject_index(x.subject); s < std::size(enhanced_subject_registry)) {
    x.known_subject = true;
    x.subject_name = enhanced_subject_registry[s].name;
    x.subject_description = enhanced_subject_registry[s].description;
  } else {
    x.subject_name = "Unknown";
    x.subject_description = "No RFC defines this subject (only 0-7 exist).";
  }
  if (const std::size_t i = detail::enhanced_code_index(code); i < std::size(enhanced_code_table)) {
    const enhanced_code_info& info = enhanced_code_table[i];
    x.known = true;
    x.deprecated = info.deprecated;
    x.name = info.name;
    x.description = info.description;
    x.reference = info.reference;
    x.basic_codes = info.basic_codes;
  } else {
    x.name = x.subject_name;
    x.description = x.subject_description;
    x.reference = x.known_subject ? std::string_view("RFC 3463 section 2") : std::string_view("RFC 3463");
  }
  return x;
}

// ---------------------------------------------------------------------------
// Comparison

/// How two codes differ; bits of `comparison::differences`.
enum class difference : std::uint32_t {
  reply_class = 1,             ///< different first digit (or enhanced class)
  transient_vs_permanent = 2,  ///< one is a transient failure and the other not, or one permanent and the other not
  closes_connection = 4,       ///< only one of them closes the channel
  retry = 8,                   ///< only one of them should be retried (see `should_retry()`)
  category = 16,               ///< different second digit (or enhanced subject)
  advice = 32,                 ///< different advised action
};

/// Stable snake_case identifier, e.g. "closes_connection".
inline constexpr enum_info<difference> difference_table[] = {
    {difference::reply_class, "reply_class", "different first digit (or enhanced class)", ""},
    {difference::transient_vs_permanent, "transient_vs_permanent",
     "one is a transient failure and the other not, or one permanent and the other not", ""},
    {difference::closes_connection, "closes_connection", "only one of them closes the channel", ""},
    {difference::retry, "retry", "only one of them should be retried (see `should_retry()`)", ""},
    {difference::category, "category", "different second digit (or enhanced subject)", ""},
    {difference::advice, "advice", "different advised action", ""},
};
static_assert(detail::single_bits(difference_table) && detail::good_names(difference_table), "difference_table order");

[[nodiscard]] constexpr std::string_view name(difference v) noexcept {
  return detail::name_in(difference_table, v, "unknown");
}

/// Every difference, in bit order.
inline constexpr auto all_differences = detail::values_of(difference_table);

/// Two basic codes side by side.
struct comparison {
  explanation a;
  explanation b;
  std::uint32_t differences = 0;  ///< bitmask of `difference`
  [[nodiscard]] constexpr bool has(difference d) const noexcept {
    return (differences & static_cast<std::uint32_t>(d)) != 0;
  }
};

/// Two enhanced codes side by side (closes_connection never applies).
struct enhanced_comparison {
  enhanced_explanation a;
  enhanced_explanation b;
  std::uint32_t differences = 0;  ///< bitmask of `difference`
  [[nodiscard]] constexpr bool has(difference d) const noexcept {
    return (differences & static_cast<std::uint32_t>(d)) != 0;
  }
};

namespace detail {

constexpr std::uint32_t bit(difference d) noexcept { return static_cast<std::uint32_t>(d); }

// 0 = not a failure, 4 = transient, 5 = permanent.
constexpr int failure_kind(int first_digit) noexcept {
  return (first_digit == 4 || first_digit == 5) ? first_digit : 0;
}

constexpr std::uint32_t differ(bool class_differs, int fa, int fb, bool closes_differs, action aa, action ab,
                               bool category_differs) noexcept {
  std::uint32_t d = 0;
  if (class_differs) d |= bit(difference::reply_class);
  if (failure_kind(fa) != failure_kind(fb)) d |= bit(difference::transient_vs_permanent);
  if (closes_differs) d |= bit(difference::closes_connection);
  if (is_retry(aa) != is_retry(ab)) d |= bit(difference::retry);
  if (category_differs) d |= bit(difference::category);
  if (aa != ab) d |= bit(difference::advice);
  return d;
}

}  // namespace detail

/**
 * Explains two basic codes and flags how they differ. E.g. 250 vs 421:
 * different class, success vs transient failure, 421 closes the channel,
 * 421 should be retried later while 250 needs nothing.
 */
[[nodiscard]] constexpr comparison compare(reply_code a, reply_code b) noexcept {
  comparison c{explain(a), explain(b), 0};
  c.differences = detail::differ(c.a.klass != c.b.klass, a.first_digit(), b.first_digit(),
                                 c.a.closes_connection != c.b.closes_connection, c.a.advice, c.b.advice,
                                 c.a.category != c.b.category);
  return c;
}

/// Explains two enhanced codes and flags how they differ (class, subject, advice).
[[nodiscard]] constexpr enhanced_comparison compare(enhanced_code a, enhanced_code b) noexcept {
  enhanced_comparison c{explain(a), explain(b), 0};
  c.differences = detail::differ(c.a.klass != c.b.klass, static_cast<int>(a.klass), static_cast<int>(b.klass), false,
                                 c.a.advice, c.b.advice, a.subject != b.subject);
  return c;
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_EXPLAIN_HPP
