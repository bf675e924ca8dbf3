// smtpreply: what reply codes mean and what a client should do about them.
// Basic codes (RFC 5321 section 4.2 and extensions), the IANA "SMTP Enhanced
// Status Codes" registry (RFC 3463, RFC 5248), retry/action advice and
// side-by-side comparison. Everything is constexpr, noexcept, allocation free.
//
// The texts are written for this project from the RFC facts; the reference
// field of every entry says where the fact comes from.
#ifndef SMTPREPLY_CATALOG_HPP
#define SMTPREPLY_CATALOG_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "code.hpp"
#include "command.hpp"
#include "config.hpp"
#include "enhanced.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

// ---------------------------------------------------------------------------
// Actions

/**
 * What a client should do next. One value per decision a sending program has
 * to take; `advise()` picks it from the code, the enhanced code and the
 * command. The numbers are stable.
 */
enum class action : std::uint8_t {
  done = 0,              ///< nothing to do: the request succeeded
  continue_request = 1,  ///< 3yz: send the next part (message data, AUTH response)
  retry_later = 2,       ///< temporary: keep the message and try again after a delay
  retry_other_host = 3,  ///< this host will not take it now: try the next MX host
  reconnect = 4,         ///< the connection is gone or closing: open a new one later
  fix_request = 5,       ///< the request is wrong: change it before sending it again
  authenticate = 6,      ///< authenticate (again, or with another mechanism / credentials)
  start_tls = 7,         ///< encrypt the session with STARTTLS first
  give_up = 8,           ///< permanent: do not retry; return or report the message
};

/// Stable snake_case identifier, e.g. "retry_later".
[[nodiscard]] constexpr std::string_view name(action a) noexcept {
  switch (a) {
    case action::done: return "done";
    case action::continue_request: return "continue_request";
    case action::retry_later: return "retry_later";
    case action::retry_other_host: return "retry_other_host";
    case action::reconnect: return "reconnect";
    case action::fix_request: return "fix_request";
    case action::authenticate: return "authenticate";
    case action::start_tls: return "start_tls";
    case action::give_up: return "give_up";
  }
  return "unknown";
}

/// One sentence for people.
[[nodiscard]] constexpr std::string_view describe(action a) noexcept {
  switch (a) {
    case action::done: return "The request succeeded; go on with the next command.";
    case action::continue_request:
      return "The server waits for more: send the next part (message data or the next AUTH line).";
    case action::retry_later:
      return "A temporary failure: keep the message and try the same request again later, backing off.";
    case action::retry_other_host:
      return "This host will not serve the request now: try the domain's next MX host, then retry later.";
    case action::reconnect:
      return "The server is closing the connection: treat the session as lost and start over later on a new one.";
    case action::fix_request:
      return "The request itself is wrong: correct the command, its arguments or their order before resending.";
    case action::authenticate:
      return "Authenticate: supply valid credentials or a mechanism the server accepts, then retry.";
    case action::start_tls: return "Encryption is required: issue STARTTLS, repeat EHLO, then retry.";
    case action::give_up: return "A permanent failure: do not retry unchanged; return the message or report the error.";
  }
  return "Unknown action.";
}

/// A bit for `reply_code_info::commands`.
[[nodiscard]] constexpr std::uint32_t command_bit(command c) noexcept { return 1u << static_cast<unsigned>(c); }

namespace detail {

template <class... C>
constexpr std::uint32_t cmds(C... c) noexcept {
  return (0u | ... | command_bit(c));
}

// Every command a client sends (the greeting and `none` are not commands).
inline constexpr std::uint32_t any_command =
    cmds(command::ehlo, command::helo, command::mail, command::rcpt, command::data, command::end_of_data, command::bdat,
         command::rset, command::vrfy, command::expn, command::help, command::noop, command::quit, command::auth,
         command::starttls);

// Strictly increasing keys: sorted and free of duplicates.
template <class T, std::size_t N, class KeyOf>
constexpr bool strictly_sorted(const T (&table)[N], KeyOf key_of) noexcept {
  for (std::size_t i = 1; i < N; ++i) {
    if (!(key_of(table[i - 1]) < key_of(table[i]))) return false;
  }
  return true;
}

// Binary search; returns N when absent. Internals work with indexes, not
// pointers: GCC rejects `&object != nullptr` in constant expressions under
// -fno-delete-null-pointer-checks, which -fsanitize=undefined implies.
template <class T, std::size_t N, class Key, class KeyOf>
constexpr std::size_t binary_index(const T (&table)[N], Key key, KeyOf key_of) noexcept {
  std::size_t lo = 0;
  std::size_t hi = N;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const Key k = key_of(table[mid]);
    if (k < key) {
      lo = mid + 1;
    } else if (key < k) {
      hi = mid;
    } else {
      return mid;
    }
  }
  return N;
}

template <class T, std::size_t N>
constexpr const T* entry_at(const T (&table)[N], std::size_t i) noexcept {
  if (i >= N) return nullptr;
  // Same pointer either way. The run-time branch keeps GCC 12 from folding a
  // lookup with a constant argument early and then warning (-Waddress) that
  // `find(reply_code{250}) != nullptr` compares a table's address with null.
  if (is_constant_evaluated()) return &table[i];
  return table + i;
}

}  // namespace detail

// ---------------------------------------------------------------------------
// Basic reply codes

/**
 * One basic reply code. `commands` is a bitmask of `command_bit()` values:
 * the commands that may return the code per RFC 5321 section 4.3.2 and the
 * extension RFCs (421, 500 and 501 may answer any command).
 */
struct reply_code_info {
  /// Arguments in reading order; the members below are ordered to avoid padding.
  constexpr reply_code_info(std::uint16_t code_value, std::string_view name_text, std::string_view meaning_text,
                            std::string_view when_seen_text, std::string_view how_to_fix_text, action advice_value,
                            std::string_view reference_text, bool closes, std::uint32_t command_mask) noexcept
      : code(code_value),
        advice(advice_value),
        closes_connection(closes),
        commands(command_mask),
        name(name_text),
        meaning(meaning_text),
        when_seen(when_seen_text),
        how_to_fix(how_to_fix_text),
        reference(reference_text) {}

  std::uint16_t code;
  action advice;                ///< the default action, without enhanced code or command
  bool closes_connection;       ///< the server closes the channel after this reply
  std::uint32_t commands;       ///< bitmask over `command`
  std::string_view name;        ///< short name, close to the RFC's own wording
  std::string_view meaning;     ///< what it means (1-2 sentences)
  std::string_view when_seen;   ///< which commands / situations return it
  std::string_view how_to_fix;  ///< what the client should do
  std::string_view reference;   ///< e.g. "RFC 5321 section 4.2.3"
};

/// Every basic code of RFC 5321 sections 4.2.2/4.2.3 and of the SMTP
/// extensions that define codes (RFC 1870, 3030, 3207, 4954, 6531, 7504),
/// sorted by code.
// Entries keep one text per line; clang-format would pack them.
// clang-format off
inline constexpr reply_code_info reply_code_table[] = {
    {211, "System status, or system help reply",
     "A report on the state of the server, or a help reply about it.",
     "HELP (and nonstandard status requests).",
     "Nothing to fix; the text is meant for a person.",
     action::done, "RFC 5321 section 4.2.3", false,
     detail::cmds(command::help)},
    {214, "Help message",
     "Help text for a human: how to use the server or what a nonstandard command does.",
     "HELP.",
     "Nothing to fix; show the text to a person if useful.",
     action::done, "RFC 5321 sections 4.1.1.8 and 4.2.3", false,
     detail::cmds(command::help)},
    {220, "Service ready",
     "The server is ready. As the greeting it opens the session and its text starts with the server's domain; as the "
     "reply to STARTTLS (RFC 3207) it means the TLS handshake may start now.",
     "The connection greeting; STARTTLS.",
     "Nothing to fix: send EHLO. After STARTTLS, run the TLS handshake, forget the earlier EHLO capabilities and send "
     "EHLO again.",
     action::done, "RFC 5321 sections 3.1 and 4.2.3; RFC 3207 section 4", false,
     detail::cmds(command::greeting, command::starttls)},
    {221, "Service closing transmission channel",
     "The server ends the session and closes the connection.",
     "QUIT.",
     "Nothing to fix; close the connection.",
     action::done, "RFC 5321 sections 4.1.1.10 and 4.2.3", true,
     detail::cmds(command::quit)},
    {235, "Authentication succeeded",
     "The AUTH exchange succeeded; the session is now authenticated (usually with 2.7.0).",
     "AUTH.",
     "Nothing to fix; go on with MAIL. Do not send AUTH again in this session.",
     action::done, "RFC 4954 section 6", false,
     detail::cmds(command::auth)},
    {250, "Requested mail action okay, completed",
     "The command was accepted and carried out. After the final dot of DATA (or the last BDAT chunk) it means the "
     "server has taken over responsibility for delivering the message.",
     "EHLO, HELO, MAIL, RCPT, end of DATA, every accepted BDAT chunk, RSET, VRFY, EXPN, NOOP.",
     "Nothing to fix; go on with the next command.",
     action::done, "RFC 5321 sections 4.2.3, 4.2.5 and 4.3.2; RFC 3030", false,
     detail::cmds(command::ehlo, command::helo, command::mail, command::rcpt, command::end_of_data, command::bdat,
                  command::rset, command::vrfy, command::expn, command::noop)},
    {251, "User not local; will forward",
     "The recipient is not local, but the server accepts the message and will forward it; the text may carry the "
     "forward-path. With SMTPUTF8 that mailbox may be in UTF-8 (RFC 6531).",
     "RCPT, VRFY.",
     "Nothing to fix; the address given in the text may be used to update the sender's records.",
     action::done, "RFC 5321 sections 3.4 and 4.2.3", false,
     detail::cmds(command::rcpt, command::vrfy)},
    {252, "Cannot VRFY user, but will accept message and attempt delivery",
     "The server will not confirm the address but will take mail for it and try to deliver. RFC 6531 also pairs it "
     "with X.6.8 when the answer would need UTF-8 the client did not allow.",
     "VRFY, EXPN.",
     "Nothing to fix; send the message and rely on delivery status notifications for the outcome.",
     action::done, "RFC 5321 sections 3.5.3 and 4.2.3; RFC 6531", false,
     detail::cmds(command::vrfy, command::expn)},
    {334, "Server challenge",
     "An intermediate AUTH reply: the text is a base64 challenge (possibly empty) and the server waits for the "
     "client's base64 response. Challenges may be much longer than ordinary reply lines.",
     "AUTH.",
     "Send the next base64 response line, or a single '*' to cancel the exchange.",
     action::continue_request, "RFC 4954 section 4", false,
     detail::cmds(command::auth)},
    {354, "Start mail input",
     "DATA was accepted; the server waits for the message, ended by a line holding only a dot.",
     "DATA.",
     "Send the message with dot-stuffing, then CRLF.CRLF, and wait for the final reply.",
     action::continue_request, "RFC 5321 sections 3.3 and 4.2.3", false,
     detail::cmds(command::data)},
    {421, "Service not available, closing transmission channel",
     "The server cannot go on and closes the connection; the condition is temporary. It may answer any command, or "
     "arrive unprompted when the server shuts down.",
     "The greeting or any command; also unsolicited, between commands (RFC 5321 section 3.8).",
     "Treat the session as lost: stop sending, keep the message, and retry the whole transaction later on a new "
     "connection (another MX host if it came as the greeting).",
     action::reconnect, "RFC 5321 sections 3.8, 4.2.3 and 4.3.2", true,
     detail::cmds(command::greeting) | detail::any_command},
    {432, "A password transition is needed",
     "The user must switch to the requested AUTH mechanism, which is normally done by authenticating once with PLAIN "
     "(4.7.12).",
     "AUTH.",
     "Authenticate once with PLAIN over an encrypted connection, then use the requested mechanism in later sessions.",
     action::authenticate, "RFC 4954 section 6", false,
     detail::cmds(command::auth)},
    {450, "Requested mail action not taken: mailbox unavailable",
     "The mailbox cannot be used right now (busy, locked, or refused by a temporary policy such as greylisting or "
     "rate limiting); the same request may work later.",
     "RCPT, end of DATA, BDAT.",
     "Keep the message queued and retry later, backing off between attempts.",
     action::retry_later, "RFC 5321 sections 4.2.3 and 4.3.2", false,
     detail::cmds(command::rcpt, command::end_of_data, command::bdat)},
    {451, "Requested action aborted: local error in processing",
     "The server hit a temporary problem of its own (resources, a lookup that failed, greylisting) while processing "
     "the command.",
     "MAIL, RCPT, end of DATA, BDAT.",
     "Keep the message and retry the transaction later.",
     action::retry_later, "RFC 5321 sections 4.2.3 and 4.3.2", false,
     detail::cmds(command::mail, command::rcpt, command::end_of_data, command::bdat)},
    {452, "Requested action not taken: insufficient system storage",
     "A temporary lack of storage or resources. In reply to RCPT it also means too many recipients for one "
     "transaction (RFC 5321 section 4.5.3.1.10); to MAIL with SIZE, no room for that size now (RFC 1870).",
     "MAIL, RCPT, end of DATA, BDAT.",
     "After RCPT: send the message to the recipients already accepted, then the remaining recipients in another "
     "transaction. Otherwise retry later.",
     action::retry_later, "RFC 5321 sections 4.2.3, 4.3.2 and 4.5.3.1.10; RFC 1870", false,
     detail::cmds(command::mail, command::rcpt, command::end_of_data, command::bdat)},
    {454, "Temporary TLS or authentication failure",
     "An extension is temporarily unusable: for STARTTLS, TLS is not available right now (RFC 3207); for AUTH, a "
     "temporary authentication failure such as an unreachable credential store (RFC 4954, 4.7.0).",
     "STARTTLS, AUTH.",
     "Retry later. Do not silently continue without TLS or authentication unless policy allows it.",
     action::retry_later, "RFC 3207 section 4; RFC 4954 section 6", false,
     detail::cmds(command::starttls, command::auth)},
    {455, "Server unable to accommodate parameters",
     "The server cannot handle the MAIL or RCPT parameters at the moment; the same parameters may be accepted later.",
     "MAIL, RCPT.",
     "Retry later, or resend without the optional parameters if they are not essential.",
     action::retry_later, "RFC 5321 sections 4.2.3 and 4.3.2", false,
     detail::cmds(command::mail, command::rcpt)},
    {500, "Syntax error, command unrecognized",
     "The server did not recognize the command, or the command line was too long. To AUTH with 5.5.6 it means a "
     "base64 response line was too long (RFC 4954).",
     "Any command.",
     "Check the command name and line length; send only commands the EHLO reply advertises.",
     action::fix_request, "RFC 5321 sections 4.2.3, 4.2.4 and 4.3.2; RFC 4954 section 6", false,
     detail::any_command},
    {501, "Syntax error in parameters or arguments",
     "The command was recognized but its arguments are malformed. To AUTH it also means the client cancelled with '*' "
     "or sent invalid base64; to STARTTLS, that parameters were given.",
     "Any command.",
     "Correct the arguments (address syntax, parameters, base64) and send the command again.",
     action::fix_request, "RFC 5321 sections 4.2.3 and 4.3.2; RFC 3207 section 4; RFC 4954 section 4", false,
     detail::any_command},
    {502, "Command not implemented",
     "The server knows the command but does not implement it (an EHLO reply must not advertise it).",
     "EHLO (servers without ESMTP), HELO, VRFY, EXPN, HELP.",
     "Do not use the command with this server; after a 502 to EHLO, fall back to HELO.",
     action::fix_request, "RFC 5321 sections 4.2.3, 4.2.4 and 4.3.2", false,
     detail::cmds(command::ehlo, command::helo, command::vrfy, command::expn, command::help)},
    {503, "Bad sequence of commands",
     "The command is valid but not allowed at this point: RCPT before MAIL, DATA without accepted recipients, AUTH "
     "when already authenticated or inside a transaction, BDAT after LAST.",
     "MAIL, RCPT, DATA, BDAT, AUTH and other commands sent out of order.",
     "Follow the session order (EHLO, STARTTLS and EHLO, AUTH, MAIL, RCPT, DATA or BDAT); send RSET to start a "
     "transaction over.",
     action::fix_request, "RFC 5321 sections 4.2.3 and 4.3.2; RFC 3030; RFC 4954 section 4", false,
     detail::cmds(command::mail, command::rcpt, command::data, command::bdat, command::auth)},
    {504, "Command parameter not implemented",
     "A parameter of the command is recognized but not implemented. To AUTH it means the SASL mechanism is not "
     "supported.",
     "EHLO, HELO, VRFY, EXPN, HELP, AUTH.",
     "Drop or change the parameter; for AUTH choose a mechanism listed in the EHLO reply.",
     action::fix_request, "RFC 5321 sections 4.2.3 and 4.3.2; RFC 4954 section 4", false,
     detail::cmds(command::ehlo, command::helo, command::vrfy, command::expn, command::help, command::auth)},
    {521, "Host does not accept mail",
     "This host never accepts mail (RFC 7504, first described in RFC 1846); it is mostly sent instead of the 220 "
     "greeting. For selective refusal servers use 554 instead.",
     "The greeting; some servers return it to later commands instead.",
     "Do not retry this host: send QUIT and close. If it is an MX host, the domain's DNS is wrong.",
     action::give_up, "RFC 7504", false,
     detail::cmds(command::greeting) | (detail::any_command & ~detail::cmds(command::quit))},
    {530, "Authentication or TLS required",
     "The server refuses the command until the client has done something first: RFC 3207 uses it for 'issue STARTTLS "
     "first', RFC 4954 (with 5.7.0) for 'authentication required'. The text tells which.",
     "MAIL, RCPT, DATA, BDAT, VRFY, EXPN, HELP and other commands; not EHLO, NOOP or QUIT (RFC 4954 also exempts "
     "AUTH, HELO and RSET).",
     "If the session is not encrypted, send STARTTLS and EHLO; otherwise authenticate with AUTH; then repeat the "
     "command.",
     action::authenticate, "RFC 3207; RFC 4954 section 6", false,
     detail::cmds(command::helo, command::mail, command::rcpt, command::data, command::bdat, command::rset,
                  command::vrfy, command::expn, command::help, command::auth)},
    {534, "Authentication mechanism is too weak",
     "The chosen SASL mechanism is weaker than the server's policy allows for this user (5.7.9).",
     "AUTH.",
     "Authenticate again with a stronger mechanism from the EHLO list.",
     action::authenticate, "RFC 4954 section 6", false,
     detail::cmds(command::auth)},
    {535, "Authentication credentials invalid",
     "The server rejected the credentials: wrong user name or password, or an expired or revoked token (5.7.8).",
     "AUTH.",
     "Obtain correct credentials (ask the user, refresh the token) before authenticating again; never loop with the "
     "same ones.",
     action::authenticate, "RFC 4954 section 6", false,
     detail::cmds(command::auth)},
    {538, "Encryption required for requested authentication mechanism",
     "The SASL mechanism may only be used over an encrypted connection (5.7.11).",
     "AUTH.",
     "Send STARTTLS, repeat EHLO and authenticate again over TLS.",
     action::start_tls, "RFC 4954 section 6", false,
     detail::cmds(command::auth)},
    {550, "Requested action not taken: mailbox unavailable",
     "A permanent refusal: typically the mailbox does not exist or access is denied, often by policy (reputation, "
     "SPF/DKIM/DMARC, relaying). The enhanced code and the text say which.",
     "MAIL, RCPT, end of DATA, BDAT, VRFY, EXPN, EHLO/HELO.",
     "Do not resend unchanged: check the address (5.1.x) or the policy reason (5.7.x), fix the cause, then send "
     "again.",
     action::give_up, "RFC 5321 sections 4.2.3 and 4.3.2", false,
     detail::cmds(command::ehlo, command::helo, command::mail, command::rcpt, command::end_of_data, command::bdat,
                  command::vrfy, command::expn)},
    {551, "User not local; please try <forward-path>",
     "The server will not take mail for this recipient but knows where it should go; the text may give that address "
     "(in UTF-8 when SMTPUTF8 was used, RFC 6531).",
     "RCPT, VRFY.",
     "Resend to the forward-path from the reply text if it can be trusted, or return the message.",
     action::fix_request, "RFC 5321 sections 3.4 and 4.2.3", false,
     detail::cmds(command::rcpt, command::vrfy)},
    {552, "Requested mail action aborted: exceeded storage allocation",
     "The message does not fit: too big for the server or the mailbox (SIZE, RFC 1870). Some servers send it to RCPT "
     "for too many recipients, which RFC 5321 says to treat as the transient 452.",
     "MAIL (SIZE), RCPT, end of DATA, BDAT.",
     "Make the message smaller or deliver it another way; after RCPT, treat it as 452 and send the remaining "
     "recipients in another transaction.",
     action::give_up, "RFC 5321 sections 4.2.3 and 4.5.3.1.10; RFC 1870", false,
     detail::cmds(command::mail, command::rcpt, command::end_of_data, command::bdat)},
    {553, "Requested action not taken: mailbox name not allowed",
     "The address is not acceptable, e.g. its syntax is wrong or it is not permitted. With SMTPUTF8 and X.6.7, a "
     "non-ASCII address that cannot be used (RFC 6531).",
     "MAIL, RCPT, VRFY.",
     "Correct the address, or use an ASCII alternative address for this destination.",
     action::give_up, "RFC 5321 sections 4.2.3 and 4.3.2; RFC 6531", false,
     detail::cmds(command::mail, command::rcpt, command::vrfy)},
    {554, "Transaction failed",
     "A permanent failure of the transaction. As the greeting it means 'no SMTP service here'; after the message it "
     "means rejection (content, policy, no valid recipients; X.6.9 for UTF-8 headers that cannot be delivered).",
     "The greeting, DATA, end of DATA, BDAT; RFC 3207 servers also use it to refuse commands over an insufficiently "
     "secure channel.",
     "Do not resend unchanged; read the text for the reason. After a 554 greeting, send QUIT and try another MX host.",
     action::give_up, "RFC 5321 sections 3.1, 4.2.3 and 4.3.2; RFC 3207; RFC 6531", false,
     detail::cmds(command::greeting, command::data, command::end_of_data, command::bdat)},
    {555, "MAIL FROM/RCPT TO parameters not recognized or not implemented",
     "An ESMTP parameter of MAIL or RCPT is unknown to the server or not supported.",
     "MAIL, RCPT.",
     "Use only parameters of extensions the EHLO reply advertises; resend without the unsupported one.",
     action::fix_request, "RFC 5321 sections 4.2.3 and 4.3.2", false,
     detail::cmds(command::mail, command::rcpt)},
    {556, "Domain does not accept mail",
     "The recipient's domain accepts no mail at all, as known outside the SMTP session, e.g. from a null MX record "
     "(RFC 7505, with X.1.10).",
     "RCPT, usually from a relay or submission server that looked up the recipient domain.",
     "Do not retry: return the message; the domain says it takes no mail.",
     action::give_up, "RFC 7504; RFC 7505", false,
     detail::cmds(command::rcpt)},
};
// clang-format on

static_assert(detail::strictly_sorted(reply_code_table, [](const reply_code_info& e) { return e.code; }),
              "reply_code_table must be sorted by code without duplicates");

namespace detail {
constexpr std::size_t reply_code_index(reply_code code) noexcept {
  return binary_index(reply_code_table, code.value(), [](const reply_code_info& e) { return e.code; });
}
}  // namespace detail

/**
 * Looks up a basic code; nullptr when the catalog does not list it. O(log n).
 * In a constant expression prefer `explain(code).known` to comparing the
 * result with nullptr: GCC refuses that comparison under -fsanitize=undefined.
 */
[[nodiscard]] constexpr const reply_code_info* find(reply_code code) noexcept {
  return detail::entry_at(reply_code_table, detail::reply_code_index(code));
}

/// Whether the catalog lists `cmd` among the commands that may return `code`.
/// False for codes the catalog does not know.
[[nodiscard]] constexpr bool listed_for(reply_code code, command cmd) noexcept {
  const std::size_t i = detail::reply_code_index(code);
  return i < std::size(reply_code_table) && (reply_code_table[i].commands & command_bit(cmd)) != 0;
}

// ---------------------------------------------------------------------------
// Enhanced status codes (IANA registry)

/// Room for the longest "associated basic status code" list (X.5.0 has 14) plus the terminating 0.
inline constexpr std::size_t max_associated_codes = 16;

/**
 * One entry of the IANA "SMTP Enhanced Status Codes" registry, keyed by
 * subject.detail (the class is separate). `basic_codes` are the registry's
 * associated basic codes, 0-terminated; the registry list is not exhaustive,
 * and an empty list means "not given" (or "any", see `description`).
 */
struct enhanced_code_info {
  /// Arguments in reading order; the members below are ordered to avoid padding.
  constexpr enhanced_code_info(std::uint16_t subject_number, std::uint16_t detail_number, std::string_view name_text,
                               std::string_view description_text, std::string_view reference_text,
                               const std::array<std::uint16_t, max_associated_codes>& codes,
                               bool is_deprecated) noexcept
      : subject(subject_number),
        detail(detail_number),
        basic_codes(codes),
        deprecated(is_deprecated),
        name(name_text),
        description(description_text),
        reference(reference_text) {}

  std::uint16_t subject;
  std::uint16_t detail;
  std::array<std::uint16_t, max_associated_codes> basic_codes;  ///< 0-terminated
  bool deprecated;
  std::string_view name;         ///< the registry's sample text
  std::string_view description;  ///< what it means, in one or two sentences
  std::string_view reference;    ///< the defining document(s)
};

/// The whole registry (X.0.0 to X.7.30, 81 entries), sorted by subject, then detail.
// Entries keep one text per line; clang-format would pack them.
// clang-format off
inline constexpr enhanced_code_info enhanced_code_table[] = {
    {0, 0, "Other undefined Status",
     "Only the class of the problem is known; no more specific code applies. The registry allows it with any basic "
     "code.",
     "RFC 3463 section 3.1", {{0}}, false},

    {1, 0, "Other address status",
     "Something about an address (sender or recipient) caused the report.",
     "RFC 3463 section 3.2", {{0}}, false},
    {1, 1, "Bad destination mailbox address",
     "The recipient mailbox, the part before the @, does not exist. Meant for permanent failures.",
     "RFC 3463 section 3.2", {{451, 550}}, false},
    {1, 2, "Bad destination system address",
     "The recipient domain, the part after the @, does not exist or cannot take mail.",
     "RFC 3463 section 3.2", {{0}}, false},
    {1, 3, "Bad destination mailbox address syntax",
     "The recipient address is not syntactically valid.",
     "RFC 3463 section 3.2", {{501}}, false},
    {1, 4, "Destination mailbox address ambiguous",
     "The recipient address matches more than one mailbox on the destination system.",
     "RFC 3463 section 3.2", {{0}}, false},
    {1, 5, "Destination address valid",
     "The recipient address is valid; used in success replies.",
     "RFC 3463 section 3.2", {{250}}, false},
    {1, 6, "Destination mailbox has moved, No forwarding address",
     "The address used to receive mail but no longer does, and no new address is known.",
     "RFC 3463 section 3.2", {{0}}, false},
    {1, 7, "Bad sender's mailbox address syntax",
     "The sender address is not syntactically valid.",
     "RFC 3463 section 3.2", {{0}}, false},
    {1, 8, "Bad sender's system address",
     "The sender's domain does not exist or cannot receive replies such as bounces.",
     "RFC 3463 section 3.2", {{451, 501}}, false},
    {1, 9, "Message relayed to non-compliant mailer",
     "The address was valid and the message went on to a system that cannot report further status.",
     "RFC 3886", {{0}}, false},
    {1, 10, "Recipient address has null MX",
     "The recipient domain publishes a null MX record: it accepts no mail.",
     "RFC 7505; RFC 7504", {{556}}, false},

    {2, 0, "Other or undefined mailbox status",
     "The mailbox exists, but something about it caused the report.",
     "RFC 3463 section 3.3", {{0}}, false},
    {2, 1, "Mailbox disabled, not accepting messages",
     "The mailbox exists but takes no messages, for now or for good.",
     "RFC 3463 section 3.3", {{0}}, false},
    {2, 2, "Mailbox full",
     "The mailbox is over its quota; the owner can free space, so it is meant as a transient failure.",
     "RFC 3463 section 3.3", {{552}}, false},
    {2, 3, "Message length exceeds administrative limit",
     "The message is larger than the per-mailbox size limit.",
     "RFC 3463 section 3.3", {{552}}, false},
    {2, 4, "Mailing list expansion problem",
     "The address is a mailing list that could not be expanded.",
     "RFC 3463 section 3.3", {{450, 452}}, false},

    {3, 0, "Other or undefined mail system status",
     "The destination normally accepts mail, but something about the system caused the report.",
     "RFC 3463 section 3.4", {{221, 250, 421, 451, 550, 554}}, false},
    {3, 1, "Mail system full",
     "The destination system has run out of storage; useful as a transient failure.",
     "RFC 3463 section 3.4", {{452}}, false},
    {3, 2, "System not accepting network messages",
     "The destination host does not accept messages now (maintenance, overload, shutdown) or at all.",
     "RFC 3463 section 3.4; RFC 7504", {{453, 521}}, false},
    {3, 3, "System not capable of selected features",
     "The destination does not support features that the message requires.",
     "RFC 3463 section 3.4", {{0}}, false},
    {3, 4, "Message too big for system",
     "The message exceeds the system's per-message size limit.",
     "RFC 3463 section 3.4", {{552, 554}}, false},
    {3, 5, "System incorrectly configured",
     "The destination's configuration does not let it accept this message.",
     "RFC 3463 section 3.4", {{0}}, false},
    {3, 6, "Requested priority was changed",
     "The message was accepted, but not at the requested priority; the text starts with the priority used.",
     "RFC 6710", {{250, 251}}, false},

    {4, 0, "Other or undefined network or routing status",
     "A network or routing problem of unspecified kind.",
     "RFC 3463 section 3.5", {{0}}, false},
    {4, 1, "No answer from host",
     "The next host did not answer a connection attempt.",
     "RFC 3463 section 3.5", {{451}}, false},
    {4, 2, "Bad connection",
     "A connection was made but the transaction could not finish (timeout or poor link).",
     "RFC 3463 section 3.5", {{421}}, false},
    {4, 3, "Directory server failure",
     "A directory service such as DNS could not be reached.",
     "RFC 3463 section 3.5", {{451, 550}}, false},
    {4, 4, "Unable to route",
     "No next hop could be found from the routing information (e.g. DNS has no usable records).",
     "RFC 3463 section 3.5", {{0}}, false},
    {4, 5, "Mail system congestion",
     "The mail system is congested; useful as a transient failure.",
     "RFC 3463 section 3.5", {{451}}, false},
    {4, 6, "Routing loop detected",
     "The message was forwarded too many times (a routing or forwarding loop).",
     "RFC 3463 section 3.5", {{0}}, false},
    {4, 7, "Delivery time expired",
     "The message is too old: it waited too long or its time-to-live ran out.",
     "RFC 3463 section 3.5", {{0}}, false},

    {5, 0, "Other or undefined protocol status",
     "A protocol problem on the way to the next hop that no other X.5 code describes.",
     "RFC 3463 section 3.6", {{220, 250, 251, 252, 253, 451, 452, 454, 458, 459, 501, 502, 503, 554}}, false},
    {5, 1, "Invalid command",
     "A command was out of sequence or not supported.",
     "RFC 3463 section 3.6", {{430, 500, 501, 503, 530, 550, 554, 555}}, false},
    {5, 2, "Syntax error",
     "A command could not be parsed or was not recognized.",
     "RFC 3463 section 3.6", {{500, 501, 502, 550, 555}}, false},
    {5, 3, "Too many recipients",
     "More recipients than one transaction can carry; the rest should go in another transaction. The registry lists "
     "451, RFC 5321 section 4.5.3.1.10 uses 452.",
     "RFC 3463 section 3.6", {{451}}, false},
    {5, 4, "Invalid command arguments",
     "A valid command had arguments out of range or naming unsupported features.",
     "RFC 3463 section 3.6", {{451, 501, 502, 503, 504, 550, 555}}, false},
    {5, 5, "Wrong protocol version",
     "The two sides could not settle on a protocol version.",
     "RFC 3463 section 3.6", {{0}}, false},
    {5, 6, "Authentication Exchange line is too long",
     "An AUTH response line was longer than the server's buffer for the chosen mechanism.",
     "RFC 4954 section 6", {{500}}, false},

    {6, 0, "Other or undefined media error",
     "The content prevented delivery in a way no other X.6 code describes.",
     "RFC 3463 section 3.7", {{0}}, false},
    {6, 1, "Media not supported",
     "A media type in the message is not supported on the delivery path.",
     "RFC 3463 section 3.7", {{0}}, false},
    {6, 2, "Conversion required and prohibited",
     "The content must be converted for delivery, but conversion is not allowed.",
     "RFC 3463 section 3.7", {{0}}, false},
    {6, 3, "Conversion required but not supported",
     "The content must be converted, but no host on the path can do it (e.g. 8bit to 7bit).",
     "RFC 3463 section 3.7", {{554}}, false},
    {6, 4, "Conversion with loss performed",
     "The message was delivered after a conversion that lost some data.",
     "RFC 3463 section 3.7", {{250}}, false},
    {6, 5, "Conversion Failed",
     "A needed conversion was attempted and failed.",
     "RFC 3463 section 3.7", {{0}}, false},
    {6, 6, "Message content not available",
     "The content could not be fetched from a remote system (BURL).",
     "RFC 4468", {{554}}, false},
    {6, 7, "Non-ASCII addresses not permitted for that sender/recipient",
     "A MAIL or RCPT used a non-ASCII address where that is not allowed.",
     "RFC 6531", {{553, 550}}, false},
    {6, 8, "UTF-8 string reply is required, but not permitted by the SMTP client",
     "Showing the mailbox would need a UTF-8 reply, but the client did not allow one.",
     "RFC 6531", {{252, 553, 550}}, false},
    {6, 9, "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected",
     "A message with UTF-8 header fields cannot reach some recipients, so it is refused after the data.",
     "RFC 6531", {{550}}, false},
    {6, 10, "Duplicate of X.6.8 (deprecated)",
     "A deprecated duplicate of X.6.8; treat it as X.6.8.",
     "RFC 6531", {{0}}, true},

    {7, 0, "Other or undefined security status",
     "A security problem that no other X.7 code describes, or one that policy forbids describing.",
     "RFC 3463 section 3.8", {{220, 235, 450, 454, 500, 501, 503, 504, 530, 535, 550}}, false},
    {7, 1, "Delivery not authorized, message refused",
     "The sender may not send to this destination: per-host or per-recipient policy such as relaying denied or a "
     "block list.",
     "RFC 3463 section 3.8", {{451, 454, 502, 503, 533, 550, 551}}, false},
    {7, 2, "Mailing list expansion prohibited",
     "The sender may not send to this mailing list.",
     "RFC 3463 section 3.8", {{550}}, false},
    {7, 3, "Security conversion required but not possible",
     "Delivery needs a conversion between secure messaging protocols that cannot be done.",
     "RFC 3463 section 3.8", {{0}}, false},
    {7, 4, "Security features not supported",
     "The message uses security features the delivery protocol cannot support.",
     "RFC 3463 section 3.8", {{504}}, false},
    {7, 5, "Cryptographic failure",
     "A system entitled to verify or decrypt the message could not, e.g. a key was missing or invalid.",
     "RFC 3463 section 3.8", {{0}}, false},
    {7, 6, "Cryptographic algorithm not supported",
     "A system entitled to verify or decrypt the message does not support its algorithm.",
     "RFC 3463 section 3.8", {{0}}, false},
    {7, 7, "Message integrity failure",
     "The message was corrupted or altered, so it could not be validated.",
     "RFC 3463 section 3.8", {{0}}, false},
    {7, 8, "Authentication credentials invalid",
     "AUTH failed because the credentials are wrong or insufficient; the user should supply new ones.",
     "RFC 4954 section 6", {{535, 554}}, false},
    {7, 9, "Authentication mechanism is too weak",
     "The AUTH mechanism is weaker than policy allows for this user; a stronger one should be used.",
     "RFC 4954 section 6", {{534}}, false},
    {7, 10, "Encryption Needed",
     "A privacy layer such as TLS is needed first, mainly before clear-text AUTH mechanisms; RFC 8689 also uses it "
     "when a message requires TLS.",
     "RFC 5248", {{523}}, false},
    {7, 11, "Encryption required for requested authentication mechanism",
     "The AUTH mechanism may only be used over an encrypted connection.",
     "RFC 4954 section 6", {{524, 538}}, false},
    {7, 12, "A password transition is needed",
     "The user must move to the requested AUTH mechanism, usually by authenticating once with PLAIN.",
     "RFC 4954 section 6", {{422, 432}}, false},
    {7, 13, "User Account Disabled",
     "The credentials were right but the account is disabled; only an administrator can enable it again.",
     "RFC 5248", {{525}}, false},
    {7, 14, "Trust relationship required",
     "The submission server needs a configured trust relationship with a third-party server to fetch the content "
     "(BURL); replaces that earlier use of X.7.8.",
     "RFC 5248", {{535, 554}}, false},
    {7, 15, "Priority Level is too low",
     "The message priority is below the lowest the server accepts now (MT-PRIORITY); other 4yz/5yz codes are allowed "
     "too.",
     "RFC 6710", {{450, 550}}, false},
    {7, 16, "Message is too big for the specified priority",
     "The message is too large for its priority level (MT-PRIORITY); other 4yz/5yz codes are allowed too.",
     "RFC 6710", {{552}}, false},
    {7, 17, "Mailbox owner has changed",
     "The recipient mailbox changed owner after the date the sender gave (RRVS); used with 5yz codes.",
     "RFC 7293", {{0}}, false},
    {7, 18, "Domain owner has changed",
     "The recipient domain changed owner after the date the sender gave (RRVS); used with 5yz codes.",
     "RFC 7293", {{0}}, false},
    {7, 19, "RRVS test cannot be completed",
     "The receiver cannot check the Require-Recipient-Valid-Since date because it kept no record; used with 5yz "
     "codes.",
     "RFC 7293", {{0}}, false},
    {7, 20, "No passing DKIM signature found",
     "The message carries no DKIM signature that verifies.",
     "RFC 7372; RFC 6376", {{550}}, false},
    {7, 21, "No acceptable DKIM signature found",
     "Some DKIM signatures verify, but none is acceptable to the receiver.",
     "RFC 7372; RFC 6376", {{550}}, false},
    {7, 22, "No valid author-matched DKIM signature found",
     "No verifying DKIM signature belongs to the author (From) domain.",
     "RFC 7372; RFC 6376", {{550}}, false},
    {7, 23, "SPF validation failed",
     "The SPF check failed and local policy refuses such mail.",
     "RFC 7372; RFC 7208", {{550}}, false},
    {7, 24, "SPF validation error",
     "The SPF check ended in an error (temporary or permanent).",
     "RFC 7372; RFC 7208", {{451, 550}}, false},
    {7, 25, "Reverse DNS validation failed",
     "The client's IP address failed the receiver's reverse DNS check.",
     "RFC 7372; RFC 7601", {{550}}, false},
    {7, 26, "Multiple authentication checks failed",
     "More than one message authentication check (such as SPF and DKIM) failed.",
     "RFC 7372", {{550}}, false},
    {7, 27, "Sender address has null MX",
     "The sender's domain publishes a null MX, so bounces could not be returned; the receiver refuses it.",
     "RFC 7505", {{550}}, false},
    {7, 28, "Mail flood detected",
     "The message looks like part of a flood of similar abusive messages.",
     "draft-levine-mailbomb-header (IANA registry)", {{0}}, false},
    {7, 29, "ARC validation failure",
     "The message's ARC chain did not validate.",
     "RFC 8617", {{550}}, false},
    {7, 30, "REQUIRETLS support required",
     "The message requires REQUIRETLS, but the next hop does not support it, so it cannot be forwarded.",
     "RFC 8689", {{550}}, false},
};
// clang-format on

namespace detail {
constexpr std::uint32_t enhanced_key(std::uint16_t subject, std::uint16_t detail_number) noexcept {
  // Both parts whole: a struct may hold any 16-bit value, not only 0-999.
  return static_cast<std::uint32_t>(subject) << 16 | detail_number;
}
}  // namespace detail

static_assert(detail::strictly_sorted(enhanced_code_table,
                                      [](const enhanced_code_info& e) {
                                        return detail::enhanced_key(e.subject, e.detail);
                                      }),
              "enhanced_code_table must be sorted by subject.detail without duplicates");

namespace detail {
constexpr std::size_t enhanced_code_index(enhanced_code code) noexcept {
  return binary_index(enhanced_code_table, enhanced_key(code.subject, code.detail),
                      [](const enhanced_code_info& e) { return enhanced_key(e.subject, e.detail); });
}
}  // namespace detail

/// Looks up an enhanced code by subject.detail (the class is ignored);
/// nullptr when the registry has no such entry. O(log n).
[[nodiscard]] constexpr const enhanced_code_info* find(enhanced_code code) noexcept {
  return detail::entry_at(enhanced_code_table, detail::enhanced_code_index(code));
}

/// The registry's class table (RFC 3463 section 2).
struct enhanced_class_info {
  std::uint16_t klass;
  std::string_view name;
  std::string_view description;
  std::string_view reference;
};

inline constexpr enhanced_class_info enhanced_class_table[] = {
    {2, "Success", "The action succeeded; the detail may report a change made on the way, such as a conversion.",
     "RFC 3463 section 2"},
    {4, "Persistent Transient Failure",
     "The message is valid, but a lasting temporary condition stopped delivery; sending later may succeed.",
     "RFC 3463 section 2"},
    {5, "Permanent Failure",
     "Resending the message as it is will not succeed: the message or the destination must change.",
     "RFC 3463 section 2"},
};

/// The registry's subject table (RFC 3463 section 2).
struct enhanced_subject_info {
  std::uint16_t subject;
  std::string_view name;
  std::string_view description;
  std::string_view reference;
};

inline constexpr enhanced_subject_info enhanced_subject_table[] = {
    {0, "Other or Undefined Status", "No further information on what the problem concerns.", "RFC 3463 section 2"},
    {1, "Addressing Status",
     "The sender or recipient address: its syntax or validity; the sender can usually correct it.",
     "RFC 3463 section 2"},
    {2, "Mailbox Status", "The recipient's mailbox, which is generally under the recipient's control.",
     "RFC 3463 section 2"},
    {3, "Mail System Status", "The destination mail system, which is generally under its administrator's control.",
     "RFC 3463 section 2"},
    {4, "Network and Routing Status", "The network or the routing between the systems.", "RFC 3463 section 2"},
    {5, "Mail Delivery Protocol Status", "The protocol exchange itself: commands, syntax and their order.",
     "RFC 3463 section 2"},
    {6, "Message Content or Media Status", "The message content: media types, conversions and encodings.",
     "RFC 3463 section 2"},
    {7, "Security or Policy Status",
     "Security or policy: authentication, encryption, authorization and sender validation.", "RFC 3463 section 2"},
};

static_assert(detail::strictly_sorted(enhanced_class_table, [](const enhanced_class_info& e) { return e.klass; }),
              "enhanced_class_table must be sorted");
static_assert(detail::strictly_sorted(enhanced_subject_table, [](const enhanced_subject_info& e) { return e.subject; }),
              "enhanced_subject_table must be sorted");

namespace detail {
constexpr std::size_t class_index(enhanced_class c) noexcept {
  return binary_index(enhanced_class_table, static_cast<std::uint16_t>(c),
                      [](const enhanced_class_info& e) { return e.klass; });
}
constexpr std::size_t subject_index(enhanced_subject s) noexcept {
  return binary_index(enhanced_subject_table, static_cast<std::uint16_t>(s),
                      [](const enhanced_subject_info& e) { return e.subject; });
}
}  // namespace detail

/// The class entry, or nullptr for `enhanced_class::unknown`.
[[nodiscard]] constexpr const enhanced_class_info* find(enhanced_class c) noexcept {
  return detail::entry_at(enhanced_class_table, detail::class_index(c));
}

/// The subject entry, or nullptr for subjects 8-999.
[[nodiscard]] constexpr const enhanced_subject_info* find(enhanced_subject s) noexcept {
  return detail::entry_at(enhanced_subject_table, detail::subject_index(s));
}

/**
 * Unregistered codes that a large provider documents publicly. Kept apart
 * from the registry: they are facts about one vendor, not standards. Each
 * entry covers a detail range and names its public source.
 */
struct vendor_enhanced_code_info {
  std::uint16_t klass;
  std::uint16_t subject;
  std::uint16_t detail_first;
  std::uint16_t detail_last;
  std::string_view vendor;
  std::string_view name;
  std::string_view description;
  std::string_view source;
};

inline constexpr vendor_enhanced_code_info vendor_enhanced_codes[] = {
    {5, 7, 606, 649, "Microsoft (Exchange Online, Outlook.com)", "Access denied, banned sending IP",
     "The sending IP address is on Microsoft's block list; the reply text points to the delisting portal "
     "(sender.office.com).",
     "Microsoft Learn, 'Email non-delivery reports and SMTP errors in Exchange Online' "
     "(https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/"
     "non-delivery-reports-in-exchange-online), entry 5.7.606-649"},
};

/// The vendor entry whose range holds `code` (class included), or nullptr.
[[nodiscard]] constexpr const vendor_enhanced_code_info* find_vendor(enhanced_code code) noexcept {
  for (const vendor_enhanced_code_info& v : vendor_enhanced_codes) {
    if (v.klass == code.klass && v.subject == code.subject && code.detail >= v.detail_first &&
        code.detail <= v.detail_last) {
      return &v;
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Class and category texts (RFC 5321 section 4.2.1)

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

// ---------------------------------------------------------------------------
// Advice

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
 *  - 552 to RCPT with `treat_552_to_rcpt_as_452`: retry_later, i.e. send the
 *    remaining recipients in another transaction (RFC 5321 section 4.5.3.1.10).
 *  - Other 4yz, including 4.7.x rate limiting and greylisting: retry_later
 *    with back-off (4.7.12: authenticate).
 *  - 5yz with an agreeing enhanced code: 5.1.3/5.1.7 (address syntax) ->
 *    fix_request, other 5.1.x -> give_up; 5.5.1/2/4/6 -> fix_request;
 *    5.5.3 -> retry_later (split the transaction); 5.7.10/11 -> start_tls;
 *    5.7.8/9/12 -> authenticate (only for AUTH or an unknown command, since
 *    X.7.8 also appears with 554 for BURL).
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
      if (cmd == command::rcpt && options.treat_552_to_rcpt_as_452) return action::retry_later;
      break;
    default: break;
  }

  if (rc == reply_class::transient_negative) {
    return detail::esc_opinion(e) == action::authenticate ? action::authenticate : action::retry_later;
  }

  // 5yz from here on.
  const action opinion = detail::esc_opinion(e);
  if (opinion == action::authenticate) {
    if (cmd == command::auth || cmd == command::none) return action::authenticate;
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

// ---------------------------------------------------------------------------
// Explanations

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
    x.commands = info.commands;
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
  if (const std::size_t c = detail::class_index(x.klass); c < std::size(enhanced_class_table)) {
    x.class_name = enhanced_class_table[c].name;
    x.class_description = enhanced_class_table[c].description;
  } else {
    x.class_name = "Unknown";
    x.class_description = "The class must be 2, 4 or 5 (RFC 3463 section 2).";
  }
  if (const std::size_t s = detail::subject_index(x.subject); s < std::size(enhanced_subject_table)) {
    x.known_subject = true;
    x.subject_name = enhanced_subject_table[s].name;
    x.subject_description = enhanced_subject_table[s].description;
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
[[nodiscard]] constexpr std::string_view name(difference d) noexcept {
  switch (d) {
    case difference::reply_class: return "reply_class";
    case difference::transient_vs_permanent: return "transient_vs_permanent";
    case difference::closes_connection: return "closes_connection";
    case difference::retry: return "retry";
    case difference::category: return "category";
    case difference::advice: return "advice";
  }
  return "unknown";
}

/// Every difference, in bit order.
inline constexpr std::array<difference, 6> all_differences = {
    difference::reply_class,       difference::transient_vs_permanent,
    difference::closes_connection, difference::retry,
    difference::category,          difference::advice};

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

#endif  // SMTPREPLY_CATALOG_HPP
