// smtpreply: why a reply failed, as one stable id per cause (see classify.hpp).
//
// One table, `reason_table`, holds every fact about a reason: its value, its
// id, what it means and where that meaning comes from. `name()`,
// `describe()`, `source()` and the list of all reasons (and the Python
// `Reason` enum) are derived from it; static_asserts keep it in enum order.
#ifndef SMTPREPLY_REASON_HPP
#define SMTPREPLY_REASON_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "enum_info.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// Why a reply failed (or `delivered` when it did not). The numbers are
/// stable; the ids (`name()`) are the list, kept exactly.
enum class reason : std::uint8_t {
  delivered = 0,
  user_unknown,
  mailbox_full,
  mailbox_disabled,
  has_moved,
  host_unknown,
  relay_denied,
  sender_rejected,
  blocked,
  no_ptr,
  bad_reputation,
  dmarc_failure,
  security_error,
  starttls_failed,
  policy_violation,
  spam,
  virus,
  content_error,
  not_rfc_compliant,
  message_too_big,
  exceeds_limit,
  rate_limited,
  too_many_connections,
  greylisted,
  filtered,
  syntax_error,
  system_error,
  system_full,
  not_accepting,
  network_error,
  expired,
  mailer_error,
  unknown,
};

/// One row of `reason_table`: {value, id, description, source}.
using reason_info = enum_info<reason>;

// clang-format off
/// Every reason, in enum order.
inline constexpr reason_info reason_table[] = {
    {reason::delivered, "delivered",
     "The server accepted the request (2yz); nothing failed.",
     "RFC 5321 section 4.2.1 (2yz Positive Completion)"},
    {reason::user_unknown, "user_unknown",
     "The recipient mailbox does not exist at the destination.",
     "RFC 3463 section 3.2 (X.1.1 Bad destination mailbox address)"},
    {reason::mailbox_full, "mailbox_full",
     "The recipient's mailbox is over its quota; it may take mail again once emptied.",
     "RFC 3463 section 3.3 (X.2.2 Mailbox full: a transient condition)"},
    {reason::mailbox_disabled, "mailbox_disabled",
     "The mailbox exists but is disabled, suspended or inactive and accepts no mail.",
     "RFC 3463 section 3.3 (X.2.1 Mailbox disabled); RFC 5248 (X.7.13 User Account Disabled)"},
    {reason::has_moved, "has_moved",
     "The address used to receive mail but no longer does, and no forwarding address is given (or 551 names one).",
     "RFC 3463 section 3.2 (X.1.6); RFC 5321 section 3.4 (551 User not local)"},
    {reason::host_unknown, "host_unknown",
     "The recipient's domain or host does not exist or cannot be routed to.",
     "RFC 3463 sections 3.2 and 3.5 (X.1.2 Bad destination system address, X.4.4 Unable to route)"},
    {reason::relay_denied, "relay_denied",
     "The server is not a relay for this recipient domain and the client is not allowed to relay through it.",
     "RFC 5321 section 3.6.2 (relaying requires authorization); RFC 3463 section 3.8 (X.7.1)"},
    {reason::sender_rejected, "sender_rejected",
     "The envelope sender (MAIL FROM) was refused: bad syntax, a domain that cannot receive replies, or a "
     "sender the server does not accept.",
     "RFC 3463 section 3.2 (X.1.7 Bad sender's mailbox address syntax, X.1.8 Bad sender's system address)"},
    {reason::blocked, "blocked",
     "The client's IP address or host is refused, e.g. listed on a DNS block list or the provider's own list.",
     "RFC 5782 (DNS block lists); provider block notices (Spamhaus, Microsoft S3150, Gmail 421 4.7.0)"},
    {reason::no_ptr, "no_ptr",
     "The client's IP address has no reverse DNS (PTR) record, or it does not match the forward lookup.",
     "RFC 8601 section 2.7.3 (iprev); RFC 5248 / RFC 7372 (X.7.25 Reverse DNS validation failed)"},
    {reason::bad_reputation, "bad_reputation",
     "The receiver refuses or defers mail because of the sender's IP or domain reputation (complaints, volume "
     "patterns), not a specific listing.",
     "Provider references (Gmail 421/550 4.7.0/5.7.1 reputation, Yahoo TSS04, Microsoft 4.7.650)"},
    {reason::dmarc_failure, "dmarc_failure",
     "Sender authentication failed: SPF, DKIM, DMARC or ARC checks did not pass.",
     "RFC 7372 (X.7.20-X.7.26); RFC 7489 (DMARC); RFC 8617 (ARC, X.7.29)"},
    {reason::security_error, "security_error",
     "A security requirement was not met: SMTP AUTH required or failed, encryption required, a weak mechanism.",
     "RFC 4954 section 6 (530, 534, 535, 538; X.7.8-X.7.12); RFC 3207; RFC 3463 section 3.8 (X.7.3-X.7.7)"},
    {reason::starttls_failed, "starttls_failed",
     "STARTTLS was refused or the TLS negotiation failed.",
     "RFC 3207 section 4 (454 TLS not available due to temporary reason)"},
    {reason::policy_violation, "policy_violation",
     "The message or transaction breaks a local policy of the receiver (refused by policy, without a more "
     "specific cause).",
     "RFC 3463 section 3.8 (X.7.1 Delivery not authorized, message refused)"},
    {reason::spam, "spam",
     "The content was judged to be spam or bulk mail.",
     "Provider references (Gmail 550 5.7.1 'likely unsolicited mail', Mail.ru 'spam message rejected')"},
    {reason::virus, "virus",
     "The message carries a virus or malware, or an attachment the receiver treats as dangerous.",
     "Provider references (Gmail 552 5.7.0 'potential security issue', Mimecast/Barracuda virus notices)"},
    {reason::content_error, "content_error",
     "The message content, media type or attachment was refused or could not be converted.",
     "RFC 3463 section 3.7 (X.6.x Message content or media status)"},
    {reason::not_rfc_compliant, "not_rfc_compliant",
     "The message breaks RFC 5322 (missing or duplicate header fields, malformed headers, bare LF).",
     "RFC 5322 section 3.6 (required and unique header fields); Gmail 550 5.7.1 'not RFC 5322 compliant'"},
    {reason::message_too_big, "message_too_big",
     "The message is larger than the receiver accepts.",
     "RFC 3463 sections 3.3 and 3.4 (X.2.3, X.3.4); RFC 1870 (SIZE, 552)"},
    {reason::exceeds_limit, "exceeds_limit",
     "A count limit was exceeded: too many recipients in one transaction, too many messages or lines.",
     "RFC 5321 section 4.5.3.1.10 (452/552 too many recipients); RFC 3463 section 3.6 (X.5.3)"},
    {reason::rate_limited, "rate_limited",
     "The sender or recipient exceeded a sending or receiving rate; the same mail may pass later.",
     "RFC 7372 (X.7.28 Mail flood detected); provider references (Gmail 421/450 4.7.28/4.2.1)"},
    {reason::too_many_connections, "too_many_connections",
     "Too many concurrent connections (or sessions) from the client.",
     "RFC 5321 section 4.5.3.2 (servers may limit connections); provider references"},
    {reason::greylisted, "greylisted",
     "A temporary refusal of an unknown sender/IP/recipient triplet; retry after the stated delay.",
     "RFC 6647 (Email Greylisting: An Applicability Statement)"},
    {reason::filtered, "filtered",
     "The recipient's own filter or settings refused the message (the recipient blocks the sender, accepts "
     "only certain senders).",
     "Provider references (Gmail 550 5.7.1 'rejected by the recipient', Exchange 5.7.1 restricted delivery)"},
    {reason::syntax_error, "syntax_error",
     "A command or its arguments were malformed or out of sequence.",
     "RFC 5321 section 4.2.2 (500-504, 555); RFC 3463 section 3.6 (X.5.1, X.5.2, X.5.4)"},
    {reason::system_error, "system_error",
     "The receiving system failed internally (configuration, lookup or processing error).",
     "RFC 3463 section 3.4 (X.3.0, X.3.5); RFC 5321 section 4.2.3 (451)"},
    {reason::system_full, "system_full",
     "The receiving system is out of storage or resources.",
     "RFC 3463 section 3.4 (X.3.1 Mail system full); RFC 5321 section 4.2.3 (452)"},
    {reason::not_accepting, "not_accepting",
     "The host or domain accepts no mail at all (RFC 7504 521/556, a null MX).",
     "RFC 7504; RFC 7505 (X.1.10); RFC 3463 section 3.4 (X.3.2)"},
    {reason::network_error, "network_error",
     "A network or routing problem: no answer, a broken connection, a DNS failure.",
     "RFC 3463 section 3.5 (X.4.0-X.4.3)"},
    {reason::expired, "expired",
     "The message stayed in a queue longer than allowed and was given up.",
     "RFC 3463 section 3.5 (X.4.7 Delivery time expired)"},
    {reason::mailer_error, "mailer_error",
     "A mail program or delivery agent on the way failed (a local delivery program, a routing loop).",
     "RFC 3463 section 3.5 (X.4.6 Routing loop detected); RFC 3464 section 2.3.6 (x-unix diagnostics)"},
    {reason::unknown, "unknown",
     "No rule recognised the cause; nothing is guessed.",
     "smtpreply (classify.hpp decision order)"},
};
// clang-format on

/// How many reasons there are.
inline constexpr std::size_t reason_count = std::size(reason_table);

namespace detail {
// Row i holds reason i, with every text given. (The table is a parameter so
// that tests can show the check failing on a broken one.)
// One function for every table size (not a template), so that the tests'
// broken tables run the same code as the real one.
constexpr bool reason_rows_in_order(const enum_info<reason>* table, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    const enum_info<reason>& row = table[i];
    if (static_cast<std::size_t>(row.value) != i || row.name.empty() || row.text.empty() || row.source.empty()) {
      return false;
    }
  }
  return true;
}
template <std::size_t N>
constexpr bool reason_table_in_order(const enum_info<reason> (&table)[N]) noexcept {
  return good_names(table) && reason_rows_in_order(table, N);
}
}  // namespace detail

static_assert(detail::reason_table_in_order(reason_table),
              "reason_table: row i must hold reason i, with every text given");
static_assert(reason_count == static_cast<std::size_t>(reason::unknown) + 1,
              "reason_table must have one row per reason (unknown is the last)");

/// The table row of `r` (the `unknown` row for an out-of-range value).
[[nodiscard]] constexpr const reason_info& info(reason r) noexcept {
  const auto i = static_cast<std::size_t>(r);
  return reason_table[i < reason_count ? i : reason_count - 1];
}

/// The stable id, e.g. "mailbox_full".
[[nodiscard]] constexpr std::string_view name(reason r) noexcept { return info(r).name; }
/// One or two sentences for people.
[[nodiscard]] constexpr std::string_view describe(reason r) noexcept { return info(r).text; }
/// Where the meaning comes from (an RFC section or the providers' references).
[[nodiscard]] constexpr std::string_view source(reason r) noexcept { return info(r).source; }

/// The reason whose id is `id` (exact, lower case); `unknown` if none.
[[nodiscard]] constexpr reason reason_from_name(std::string_view id) noexcept {
  for (const reason_info& row : reason_table) {
    if (row.name == id) return row.value;
  }
  return reason::unknown;
}

static_assert(name(reason::delivered) == "delivered" && name(reason::mailer_error) == "mailer_error" &&
                  name(reason::unknown) == "unknown",
              "reason ids");
static_assert(reason_from_name("greylisted") == reason::greylisted, "reason_from_name");

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_REASON_HPP
