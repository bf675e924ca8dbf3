// smtpreply: the basic reply codes of RFC 5321 and the extensions that define
// codes: what each means, when it is seen and what to do. The texts are
// written for this project from the RFC facts; `reference` says where.
#ifndef SMTPREPLY_REPLY_CODES_HPP
#define SMTPREPLY_REPLY_CODES_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "action.hpp"
#include "code.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/table.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/**
 * One basic reply code: what it means, when it is seen and what to do. The
 * commands it answers are not here: `commands_for()` reads them from
 * `command_reply_table`.
 */
struct reply_code_info {
  /// Arguments in reading order; the members below are ordered to avoid padding.
  constexpr reply_code_info(std::uint16_t code_value, std::string_view name_text, std::string_view meaning_text,
                            std::string_view when_seen_text, std::string_view how_to_fix_text, action advice_value,
                            std::string_view reference_text, bool closes) noexcept
      : code(code_value),
        advice(advice_value),
        closes_connection(closes),
        name(name_text),
        meaning(meaning_text),
        when_seen(when_seen_text),
        how_to_fix(how_to_fix_text),
        reference(reference_text) {}

  std::uint16_t code;
  action advice;                ///< the default action, without enhanced code or command
  bool closes_connection;       ///< the server closes the channel after this reply
  std::string_view name;        ///< short name, close to the RFC's own wording
  std::string_view meaning;     ///< what it means (1-2 sentences)
  std::string_view when_seen;   ///< the situations that bring it
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
     "When a person or a tool asks the server for its status or for help.",
     "Nothing to fix; the text is meant for a person.",
     action::done, "RFC 5321 section 4.2.3", false},
    {214, "Help message",
     "Help text for a human: how to use the server or what a nonstandard command does.",
     "When a person or a tool asks the server for help.",
     "Nothing to fix; show the text to a person if useful.",
     action::done, "RFC 5321 sections 4.1.1.8 and 4.2.3", false},
    {220, "Service ready",
     "The server is ready. As the greeting it opens the session and its text starts with the server's domain; as the "
     "reply to STARTTLS (RFC 3207) it means the TLS handshake may start now.",
     "When the connection opens (the greeting), and when the server is ready for the TLS handshake.",
     "Nothing to fix: send EHLO. After STARTTLS, run the TLS handshake, forget the earlier EHLO capabilities and send "
     "EHLO again.",
     action::done, "RFC 5321 sections 3.1 and 4.2.3; RFC 3207 section 4", false},
    {221, "Service closing transmission channel",
     "The server ends the session and closes the connection.",
     "At the end of a session, when the client says goodbye.",
     "Nothing to fix; close the connection.",
     action::done, "RFC 5321 sections 4.1.1.10 and 4.2.3", true},
    {235, "Authentication succeeded",
     "The AUTH exchange succeeded; the session is now authenticated (usually with 2.7.0).",
     "When authentication succeeds.",
     "Nothing to fix; go on with MAIL. Do not send AUTH again in this session.",
     action::done, "RFC 4954 section 6", false},
    {250, "Requested mail action okay, completed",
     "The command was accepted and carried out. After the final dot of DATA (or the last BDAT chunk) it means the "
     "server has taken over responsibility for delivering the message.",
     "Whenever a command succeeds; after the end of the message data (or the last BDAT chunk) it means the message was accepted.",
     "Nothing to fix; go on with the next command.",
     action::done, "RFC 5321 sections 4.2.3, 4.2.5 and 4.3.2; RFC 3030", false},
    {251, "User not local; will forward",
     "The recipient is not local, but the server accepts the message and will forward it; the text may carry the "
     "forward-path. With SMTPUTF8 that mailbox may be in UTF-8 (RFC 6531). To ETRN: no messages wait for the domain "
     "(RFC 1985).",
     "When the server accepts a recipient it will forward, or (RFC 1985) starts no delivery because no messages wait for the domain.",
     "Nothing to fix; the address given in the text may be used to update the sender's records.",
     action::done, "RFC 5321 sections 3.4 and 4.2.3", false},
    {252, "Cannot VRFY user, but will accept message and attempt delivery",
     "The server will not confirm the address but will take mail for it and try to deliver. RFC 6531 also pairs it "
     "with X.6.8 when the answer would need UTF-8 the client did not allow. To ETRN: delivery of the waiting messages "
     "has started (RFC 1985).",
     "When the server will not verify an address but accepts mail for it, or (RFC 1985) has started delivering the messages waiting for a domain.",
     "Nothing to fix; send the message and rely on delivery status notifications for the outcome.",
     action::done, "RFC 5321 sections 3.5.3 and 4.2.3; RFC 6531", false},
    {253, "Pending messages for node started",
     "The server accepted the queue-start request, reports how many messages wait for the domain, and starts "
     "delivering them.",
     "When a client asks a server that holds its mail to start delivering it.",
     "Nothing to fix; be ready to receive the messages.",
     action::done, "RFC 1985 section 5", false},
    {334, "Server challenge",
     "An intermediate AUTH reply: the text is a base64 challenge (possibly empty) and the server waits for the "
     "client's base64 response. Challenges may be much longer than ordinary reply lines.",
     "During authentication, once per challenge.",
     "Send the next base64 response line, or a single '*' to cancel the exchange.",
     action::continue_request, "RFC 4954 section 4", false},
    {354, "Start mail input",
     "DATA was accepted; the server waits for the message, ended by a line holding only a dot.",
     "After the client asks to send the message, before the message data.",
     "Send the message with dot-stuffing, then CRLF.CRLF, and wait for the final reply.",
     action::continue_request, "RFC 5321 sections 3.3 and 4.2.3", false},
    {421, "Service not available, closing transmission channel",
     "The server cannot go on and closes the connection; the condition is temporary. It may answer any command, or "
     "arrive unprompted when the server shuts down.",
     "Whenever the server must give up the session, even unprompted between commands (RFC 5321 section 3.8), and as the greeting of a busy server.",
     "Treat the session as lost: stop sending, keep the message, and retry the whole transaction later on a new "
     "connection (another MX host if it came as the greeting).",
     action::reconnect, "RFC 5321 sections 3.8, 4.2.3 and 4.3.2", true},
    {432, "A password transition is needed",
     "The user must switch to the requested AUTH mechanism, which is normally done by authenticating once with PLAIN "
     "(4.7.12).",
     "During authentication, when the account must move to a new mechanism.",
     "Authenticate once with PLAIN over an encrypted connection, then use the requested mechanism in later sessions.",
     action::authenticate, "RFC 4954 section 6", false},
    {450, "Requested mail action not taken: mailbox unavailable",
     "The mailbox cannot be used right now (busy, locked, or refused by a temporary policy such as greylisting or "
     "rate limiting); the same request may work later.",
     "When a mailbox is busy or locked, or a temporary policy (greylisting, rate limits) refuses a recipient or a message.",
     "Keep the message queued and retry later, backing off between attempts.",
     action::retry_later, "RFC 5321 sections 4.2.3 and 4.3.2", false},
    {451, "Requested action aborted: local error in processing",
     "The server hit a temporary problem of its own (resources, a lookup that failed, greylisting) while processing "
     "the command.",
     "When the server hits a temporary problem of its own (resources, a failed lookup, greylisting).",
     "Keep the message and retry the transaction later.",
     action::retry_later, "RFC 5321 sections 4.2.3 and 4.3.2", false},
    {452, "Requested action not taken: insufficient system storage",
     "A temporary lack of storage or resources. In reply to RCPT it also means too many recipients for one "
     "transaction (RFC 5321 section 4.5.3.1.10); to MAIL with SIZE, no room for that size now (RFC 1870).",
     "When the server is short of storage, or a transaction has too many recipients.",
     "After RCPT: send the message to the recipients already accepted, then the remaining recipients in another "
     "transaction. Otherwise retry later.",
     action::retry_later, "RFC 5321 sections 4.2.3, 4.3.2 and 4.5.3.1.10; RFC 1870", false},
    {454, "Temporary TLS or authentication failure",
     "An extension is temporarily unusable: for STARTTLS, TLS is not available right now (RFC 3207); for AUTH, a "
     "temporary authentication failure such as an unreachable credential store (RFC 4954, 4.7.0).",
     "When TLS or an authentication back end is temporarily unavailable.",
     "Retry later. Do not silently continue without TLS or authentication unless policy allows it.",
     action::retry_later, "RFC 3207 section 4; RFC 4954 section 6", false},
    {455, "Server unable to accommodate parameters",
     "The server cannot handle the MAIL or RCPT parameters at the moment; the same parameters may be accepted later.",
     "When the server cannot handle the MAIL or RCPT parameters at the moment.",
     "Retry later, or resend without the optional parameters if they are not essential.",
     action::retry_later, "RFC 5321 sections 4.2.3 and 4.3.2", false},
    {458, "Unable to queue messages for node",
     "The server cannot start delivering the messages it holds for the domain right now.",
     "When a client asks a server to start its queue for a domain and the server cannot do it now.",
     "Retry the queue-start request later.",
     action::retry_later, "RFC 1985 section 5", false},
    {459, "Node not allowed",
     "The server will not start a queue for that domain; the text gives the reason, such as a domain it holds no mail "
     "for or a client that may not ask.",
     "When a client asks to start the queue for a domain it may not ask for.",
     "Check the domain name and that this server holds mail for it; retry later or ask its administrator.",
     action::retry_later, "RFC 1985 section 5", false},
    {500, "Syntax error, command unrecognized",
     "The server did not recognize the command, or the command line was too long. To AUTH with 5.5.6 it means a "
     "base64 response line was too long (RFC 4954).",
     "When the server does not recognize a command, or the line is too long.",
     "Check the command name and line length; send only commands the EHLO reply advertises.",
     action::fix_request, "RFC 5321 sections 4.2.3, 4.2.4 and 4.3.2; RFC 4954 section 6", false},
    {501, "Syntax error in parameters or arguments",
     "The command was recognized but its arguments are malformed. To AUTH it also means the client cancelled with '*' "
     "or sent invalid base64; to STARTTLS, that parameters were given.",
     "When a command's arguments are malformed.",
     "Correct the arguments (address syntax, parameters, base64) and send the command again.",
     action::fix_request, "RFC 5321 sections 4.2.3 and 4.3.2; RFC 3207 section 4; RFC 4954 section 4", false},
    {502, "Command not implemented",
     "The server knows the command but does not implement it (an EHLO reply must not advertise it).",
     "When the client uses a command the server knows but does not implement.",
     "Do not use the command with this server; after a 502 to EHLO, fall back to HELO.",
     action::fix_request, "RFC 5321 sections 4.2.3, 4.2.4 and 4.3.2", false},
    {503, "Bad sequence of commands",
     "The command is valid but not allowed at this point: RCPT before MAIL, DATA without accepted recipients, AUTH "
     "when already authenticated or inside a transaction, BDAT after LAST.",
     "When a command comes out of order (RCPT before MAIL, DATA without recipients, AUTH twice).",
     "Follow the session order (EHLO, STARTTLS and EHLO, AUTH, MAIL, RCPT, DATA or BDAT); send RSET to start a "
     "transaction over.",
     action::fix_request, "RFC 5321 sections 4.2.3 and 4.3.2; RFC 3030; RFC 4954 section 4", false},
    {504, "Command parameter not implemented",
     "A parameter of the command is recognized but not implemented. To AUTH it means the SASL mechanism is not "
     "supported.",
     "When a command parameter or SASL mechanism is not implemented.",
     "Drop or change the parameter; for AUTH choose a mechanism listed in the EHLO reply.",
     action::fix_request, "RFC 5321 sections 4.2.3 and 4.3.2; RFC 4954 section 4", false},
    {521, "Host does not accept mail",
     "This host never accepts mail (RFC 7504, first described in RFC 1846); it is mostly sent instead of the 220 "
     "greeting. For selective refusal servers use 554 instead.",
     "As the greeting of a host that takes no mail at all, and afterwards to every command but QUIT.",
     "Do not retry this host: send QUIT and close. If it is an MX host, the domain's DNS is wrong.",
     action::give_up, "RFC 7504", false},
    {530, "Authentication or TLS required",
     "The server refuses the command until the client has done something first: RFC 3207 uses it for 'issue STARTTLS "
     "first', RFC 4954 (with 5.7.0) for 'authentication required'. The text tells which.",
     "When the server requires STARTTLS (RFC 3207) or authentication (RFC 4954) before the command.",
     "If the session is not encrypted, send STARTTLS and EHLO; otherwise authenticate with AUTH; then repeat the "
     "command.",
     action::authenticate, "RFC 3207; RFC 4954 section 6", false},
    {534, "Authentication mechanism is too weak",
     "The chosen SASL mechanism is weaker than the server's policy allows for this user (5.7.9).",
     "During authentication, when the mechanism is too weak for the policy.",
     "Authenticate again with a stronger mechanism from the EHLO list.",
     action::authenticate, "RFC 4954 section 6", false},
    {535, "Authentication credentials invalid",
     "The server rejected the credentials: wrong user name or password, or an expired or revoked token (5.7.8).",
     "During authentication, when the credentials are wrong.",
     "Obtain correct credentials (ask the user, refresh the token) before authenticating again; never loop with the "
     "same ones.",
     action::authenticate, "RFC 4954 section 6", false},
    {538, "Encryption required for requested authentication mechanism",
     "The SASL mechanism may only be used over an encrypted connection (5.7.11).",
     "During authentication, when the mechanism needs an encrypted connection.",
     "Send STARTTLS, repeat EHLO and authenticate again over TLS.",
     action::start_tls, "RFC 4954 section 6", false},
    {550, "Requested action not taken: mailbox unavailable",
     "A permanent refusal: typically the mailbox does not exist or access is denied, often by policy (reputation, "
     "SPF/DKIM/DMARC, relaying). The enhanced code and the text say which.",
     "When a mailbox does not exist or a policy refuses the sender, a recipient or the message.",
     "Do not resend unchanged: check the address (5.1.x) or the policy reason (5.7.x), fix the cause, then send "
     "again.",
     action::give_up, "RFC 5321 sections 4.2.3 and 4.3.2", false},
    {551, "User not local; please try <forward-path>",
     "The server will not take mail for this recipient but knows where it should go; the text may give that address "
     "(in UTF-8 when SMTPUTF8 was used, RFC 6531).",
     "When the recipient is not local and the server will not forward.",
     "Resend to the forward-path from the reply text if it can be trusted, or return the message.",
     action::fix_request, "RFC 5321 sections 3.4 and 4.2.3", false},
    {552, "Requested mail action aborted: exceeded storage allocation",
     "The message does not fit: too big for the server or the mailbox (SIZE, RFC 1870). Some servers send it to RCPT "
     "for too many recipients, which RFC 5321 says to treat as the transient 452.",
     "When a message is too big for the server or the mailbox; some servers also send it for too many recipients.",
     "Make the message smaller or deliver it another way; after RCPT, treat it as 452 and send the remaining "
     "recipients in another transaction.",
     action::give_up, "RFC 5321 sections 4.2.3 and 4.5.3.1.10; RFC 1870", false},
    {553, "Requested action not taken: mailbox name not allowed",
     "The address is not acceptable, e.g. its syntax is wrong or it is not permitted. With SMTPUTF8 and X.6.7, a "
     "non-ASCII address that cannot be used (RFC 6531).",
     "When an address is not allowed, such as bad syntax or a non-ASCII address that cannot be used.",
     "Correct the address, or use an ASCII alternative address for this destination.",
     action::give_up, "RFC 5321 sections 4.2.3 and 4.3.2; RFC 6531", false},
    {554, "Transaction failed",
     "A permanent failure of the transaction. As the greeting it means 'no SMTP service here'; after the message it "
     "means rejection (content, policy, no valid recipients; X.6.9 for UTF-8 headers that cannot be delivered).",
     "When the server refuses the session at the greeting, or the message after it was sent; RFC 3207 servers also refuse commands over a channel that is not secure enough.",
     "Do not resend unchanged; read the text for the reason. After a 554 greeting, send QUIT and try another MX host.",
     action::give_up, "RFC 5321 sections 3.1, 4.2.3 and 4.3.2; RFC 3207; RFC 6531", false},
    {555, "MAIL FROM/RCPT TO parameters not recognized or not implemented",
     "An ESMTP parameter of MAIL or RCPT is unknown to the server or not supported.",
     "When a MAIL or RCPT parameter is unknown or not supported.",
     "Use only parameters of extensions the EHLO reply advertises; resend without the unsupported one.",
     action::fix_request, "RFC 5321 sections 4.2.3 and 4.3.2", false},
    {556, "Domain does not accept mail",
     "The recipient's domain accepts no mail at all, as known outside the SMTP session, e.g. from a null MX record "
     "(RFC 7505, with X.1.10).",
     "When a relay or submission server finds that the recipient domain takes no mail (null MX, RFC 7505).",
     "Do not retry: return the message; the domain says it takes no mail.",
     action::give_up, "RFC 7504; RFC 7505", false},
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

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_REPLY_CODES_HPP
