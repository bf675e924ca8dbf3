// smtpreply: the IANA "SMTP Enhanced Status Codes" registry (RFC 3463,
// RFC 5248) with class and subject texts, and vendor codes that providers
// document publicly.
#ifndef SMTPREPLY_ENHANCED_CODES_HPP
#define SMTPREPLY_ENHANCED_CODES_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/table.hpp"
#include "enhanced.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

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

inline constexpr enhanced_class_info enhanced_class_registry[] = {
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

inline constexpr enhanced_subject_info enhanced_subject_registry[] = {
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

static_assert(detail::strictly_sorted(enhanced_class_registry, [](const enhanced_class_info& e) { return e.klass; }),
              "enhanced_class_registry must be sorted");
static_assert(detail::strictly_sorted(enhanced_subject_registry,
                                      [](const enhanced_subject_info& e) { return e.subject; }),
              "enhanced_subject_registry must be sorted");

namespace detail {
// The registry's class and subject rows are the enum's values but `unknown`.
// (The tables are parameters so that tests can show the check failing.)
template <std::size_t C, std::size_t S>
constexpr bool registry_matches_enums(const enhanced_class_info (&classes)[C],
                                      const enhanced_subject_info (&subjects)[S]) noexcept {
  for (const enhanced_class_info& row : classes) {
    if (row_of(enhanced_class_table, static_cast<enhanced_class>(row.klass)) == std::size(enhanced_class_table)) {
      return false;
    }
  }
  for (const enhanced_subject_info& row : subjects) {
    if (row_of(enhanced_subject_table, static_cast<enhanced_subject>(row.subject)) ==
        std::size(enhanced_subject_table)) {
      return false;
    }
  }
  return C + 1 == std::size(enhanced_class_table) && S + 1 == std::size(enhanced_subject_table);
}
}  // namespace detail
static_assert(detail::registry_matches_enums(enhanced_class_registry, enhanced_subject_registry),
              "a class or subject without registry texts");

namespace detail {
constexpr std::size_t class_index(enhanced_class c) noexcept {
  return binary_index(enhanced_class_registry, static_cast<std::uint16_t>(c),
                      [](const enhanced_class_info& e) { return e.klass; });
}
constexpr std::size_t subject_index(enhanced_subject s) noexcept {
  return binary_index(enhanced_subject_registry, static_cast<std::uint16_t>(s),
                      [](const enhanced_subject_info& e) { return e.subject; });
}
}  // namespace detail

/// The class entry, or nullptr for `enhanced_class::unknown`.
[[nodiscard]] constexpr const enhanced_class_info* find(enhanced_class c) noexcept {
  return detail::entry_at(enhanced_class_registry, detail::class_index(c));
}

/// The subject entry, or nullptr for subjects 8-999.
[[nodiscard]] constexpr const enhanced_subject_info* find(enhanced_subject s) noexcept {
  return detail::entry_at(enhanced_subject_registry, detail::subject_index(s));
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

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_ENHANCED_CODES_HPP
