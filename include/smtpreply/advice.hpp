// smtpreply: the retry policy: what a client should do about a reply, from
// its code, enhanced code and the command it answers.
#ifndef SMTPREPLY_ADVICE_HPP
#define SMTPREPLY_ADVICE_HPP

#include <cstdint>

#include "action.hpp"
#include "code.hpp"
#include "command.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "enhanced.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// What is known about TLS on the session, for `advise()`.
enum class tls_state : std::uint8_t {
  unknown = 0,   ///< not told
  inactive = 1,  ///< plain-text session
  active = 2,    ///< STARTTLS done (or implicit TLS)
};

/// Choices where the standards and real servers disagree.
struct advice_options {
  /// RFC 5321 section 4.5.3.1.10: a 552 to RCPT ("too many recipients") is
  /// treated as the transient 452. Postfix-like clients that read 552 as
  /// "message too big" turn this off.
  bool treat_552_to_rcpt_as_452 = true;
  /// Lets `advise()` tell the two meanings of 530 apart (see there).
  tls_state tls = tls_state::unknown;
};

namespace detail {

// Advice from an enhanced code alone: nullopt-free, `done` doubles as "no
// opinion" for classes 4/5 (it is never a valid outcome there).
constexpr action esc_opinion(enhanced_code esc) noexcept {
  if (esc.klass == 5) {
    switch (esc.subject) {
      case 1:  // RFC 3463 section 3.2: syntax can be corrected, the rest is about the address
        return (esc.detail == 3 || esc.detail == 7) ? action::fix_request : action::give_up;
      case 2:                                             // RFC 3463 section 3.3
        if (esc.detail == 2) return action::retry_later;  // mailbox full: transient by nature, even as 5.2.2
        if (esc.detail == 3) return action::fix_request;  // message length exceeds administrative limit
        return action::done;
      case 3:                                                         // RFC 3463 section 3.4
        return esc.detail == 4 ? action::fix_request : action::done;  // message too big for system
      case 6:  // RFC 3463 section 3.7: content or media the receiver will not take; change the message
        return action::fix_request;
      case 5:  // RFC 3463 section 3.6
        switch (esc.detail) {
          case 1:
          case 2:
          case 4:
          case 6: return action::fix_request;
          case 3: return action::retry_later;  // split the transaction (RFC 5321 section 4.5.3.1.10)
          case 5: return action::give_up;
          default: return action::done;
        }
      case 7:  // RFC 4954 section 6, RFC 5248
        switch (esc.detail) {
          case 8:
          case 9:
          case 12: return action::authenticate;
          case 10:
          case 11: return action::start_tls;
          case 28: return action::retry_later;  // mail flood detected: a rate limit
          default: return action::done;
        }
      default: return action::done;
    }
  }
  if (esc.klass == 4 && esc.subject == 7 && esc.detail == 12) return action::authenticate;  // RFC 4954
  return action::done;
}

constexpr action by_class(reply_code code) noexcept {
  switch (code.reply_class()) {
    case reply_class::positive_completion: return action::done;
    case reply_class::positive_intermediate: return action::continue_request;
    case reply_class::transient_negative: return action::retry_later;
    case reply_class::permanent_negative:
      return code.category() == reply_category::syntax ? action::fix_request : action::give_up;
    case reply_class::unknown: break;
  }
  return action::give_up;  // RFC 5321 section 4.2: out-of-range first digit is fatal
}

}  // namespace detail

/**
 * What to do about a reply. Rules, first match wins:
 *  - first digit outside 2-5: give_up (RFC 5321 section 4.2: fatal).
 *  - 2yz: done; 3yz: continue_request (RFC 5321 section 4.2.1).
 *  - An enhanced code whose class differs from the first digit is ignored
 *    (RFC 2034 section 4 requires them to agree; the basic code wins).
 *  - 421: the server closes the channel and may send it unsolicited
 *    (RFC 5321 section 3.8): reconnect; as the greeting, retry_other_host.
 *  - 554 as the greeting ("no SMTP service here", RFC 5321 section 3.1):
 *    retry_other_host, as MTAs commonly move on to the next MX host.
 *  - 521 and 556 (RFC 7504): give_up, never retry.
 *  - 538 (RFC 4954 section 6): start_tls; 432, 534, 535: authenticate.
 *  - 530: RFC 3207 ("issue STARTTLS first") or RFC 4954 ("authentication
 *    required", 5.7.0). Decided by, in order: enhanced code X.7.10/X.7.11
 *    -> start_tls, X.7.8/X.7.9/X.7.12 -> authenticate; command AUTH ->
 *    start_tls (RFC 4954 never sends its 530 to AUTH); `options.tls`
 *    active -> authenticate, inactive -> start_tls (encrypt first; most
 *    servers offer AUTH only over TLS anyway); otherwise authenticate, the
 *    registered pairing of 530 with 5.7.0.
 *  - 504 to AUTH: authenticate with another mechanism (RFC 4954 section 4).
 *  - 552 to RCPT with `treat_552_to_rcpt_as_452` and no enhanced code or
 *    X.5.3: retry_later, i.e. send the remaining recipients in another
 *    transaction (RFC 5321 section 4.5.3.1.10); never with 5.1.1 or 5.7.1.
 *  - Other 4yz, including 4.7.x rate limiting and greylisting: retry_later
 *    with back-off (4.7.12: authenticate).
 *  - 5yz with an agreeing enhanced code: 5.1.3/5.1.7 (address syntax) ->
 *    fix_request, other 5.1.x -> give_up; 5.2.2 (mailbox full, transient by
 *    nature) -> retry_later; 5.2.3, 5.3.4 (size) and 5.6.x (content) ->
 *    fix_request; 5.5.1/2/4/6 -> fix_request; 5.5.3 -> retry_later (split the
 *    transaction); 5.5.5 (wrong protocol version) -> give_up; 5.7.28 (mail flood, a rate limit) -> retry_later;
 *    5.7.10/11 -> start_tls; 5.7.8/12 -> authenticate (only for AUTH or an
 *    unknown command, since X.7.8 also appears with 554 for BURL); 5.7.9 ->
 *    authenticate only for AUTH (or 534/535), as providers also send it for
 *    policy refusals.
 *  - 500, 501, 502, 503, 504, 555 and 551 (use the forward-path): fix_request.
 *  - Any other 5yz: fix_request for the x0z syntax category, else give_up.
 */
[[nodiscard]] constexpr action advise(reply_code code, enhanced_code esc = {}, command cmd = command::none,
                                      advice_options options = {}) noexcept {
  const reply_class rc = code.reply_class();
  if (rc == reply_class::unknown) return action::give_up;
  if (rc == reply_class::positive_completion) return action::done;
  if (rc == reply_class::positive_intermediate) return action::continue_request;

  const bool esc_agrees = !esc.empty() && esc.klass == static_cast<std::uint16_t>(code.first_digit());
  const enhanced_code e = esc_agrees ? esc : enhanced_code{};
  const std::uint16_t v = code.value();

  switch (v) {
    case 421: return cmd == command::greeting ? action::retry_other_host : action::reconnect;
    case 554:
      if (cmd == command::greeting) return action::retry_other_host;
      break;
    case 521:
    case 556: return action::give_up;
    case 538: return action::start_tls;
    case 432:
    case 534:
    case 535: return action::authenticate;
    case 530:
      if (e.subject == 7 && (e.detail == 10 || e.detail == 11)) return action::start_tls;
      if (e.subject == 7 && (e.detail == 8 || e.detail == 9 || e.detail == 12)) return action::authenticate;
      if (cmd == command::auth) return action::start_tls;
      if (options.tls == tls_state::active) return action::authenticate;
      if (options.tls == tls_state::inactive) return action::start_tls;
      return action::authenticate;
    case 504:
      if (cmd == command::auth) return action::authenticate;
      break;
    case 552:
      // RFC 5321 section 4.5.3.1.10 is about too many recipients: only a 552
      // without an enhanced code, or with X.5.3, is that case.
      if (cmd == command::rcpt && options.treat_552_to_rcpt_as_452 &&
          (e.empty() || (e.subject == 5 && e.detail == 3))) {
        return action::retry_later;
      }
      break;
    default: break;
  }

  if (rc == reply_class::transient_negative) {
    return detail::esc_opinion(e) == action::authenticate ? action::authenticate : action::retry_later;
  }

  // 5yz from here on.
  const action opinion = detail::esc_opinion(e);
  if (opinion == action::authenticate) {
    // X.7.9 also marks policy refusals (Yahoo's 554 5.7.9): authenticate only
    // for AUTH (534/535 were handled above).
    const bool auth_context = cmd == command::auth || (cmd == command::none && e.detail != 9);
    if (auth_context) return action::authenticate;
  } else if (opinion != action::done) {
    return opinion;
  }
  switch (v) {
    case 500:
    case 501:
    case 502:
    case 503:
    case 504:
    case 551:
    case 555: return action::fix_request;
    default: break;
  }
  return detail::by_class(code);
}

/// True when the advice is to try the same request again later, on this or
/// another connection or host (retry_later, retry_other_host, reconnect).
[[nodiscard]] constexpr bool is_retry(action a) noexcept {
  return a == action::retry_later || a == action::retry_other_host || a == action::reconnect;
}

/// Whether the same request may be sent again later unchanged (see `advise()`).
[[nodiscard]] constexpr bool should_retry(reply_code code, enhanced_code esc = {}, command cmd = command::none,
                                          advice_options options = {}) noexcept {
  return is_retry(advise(code, esc, cmd, options));
}

/**
 * RFC 5321 section 4.2.5: after the final "." of DATA, a 2yz reply means the
 * server has accepted responsibility for the message; after 4yz or 5yz the
 * sender keeps it (and must retry or bounce). Pass `command::end_of_data`
 * for that reply, and for the reply to BDAT ... LAST (RFC 3030). False for
 * every other command.
 */
[[nodiscard]] constexpr bool responsibility_transferred(reply_code code, command cmd) noexcept {
  return cmd == command::end_of_data && code.is_positive_completion();
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_ADVICE_HPP
