// smtpreply: why a reply failed and what to do about it, for the reply the
// user actually got (its code, enhanced code, text and the command).
//
// classify() decides in a fixed order; the first step that decides wins:
//   0. 2yz: `delivered` (a success is never read as a failure); 3yz: `unknown`.
//   1. Provider rules (`provider_rules`): a provider's marker ("gsmtp",
//      "protection.outlook.com", "[TSS04]") and/or one of its vendor enhanced
//      codes (Microsoft 5.7.509, 4.7.650), with the provider's documented text.
//   2. Phrase rules (`phrase_rules`): a specific phrase of the text, first row
//      of the table wins. A phrase is never overridden by the status code.
//   3. The enhanced code's registered meaning (`enhanced_rules`, X.s.d of the
//      RFC 3463/5248 registry), when its class agrees with the reply code.
//   4. Command context and code (`context_rules`): e.g. 552 to RCPT is "too
//      many recipients" (RFC 5321 section 4.5.3.1.10), 551 is `has_moved`.
//   5. Otherwise `unknown`: nothing is guessed.
// The action is `advise()`'s when steps 3-5 decide (so both agree); when a
// provider or phrase rule decides, it is `advise()` informed by the reason
// (mailbox full and rate limits: retry later whatever the class; size and
// content refusals: fix the request). See `detail::reason_action`.
//
// Matching: ASCII case-insensitive, whitespace runs (SP, HT, CR, LF) count as
// one space, lines joined, non-ASCII bytes compared exactly (UTF-8 phrases);
// a phrase or marker only matches where a word starts (not right after an
// ASCII letter or digit), so "spam" is not found inside "antispam".
// Cost: every needle (phrase or marker) is indexed by its first bytes, so
// the text is read once and at each position only the needles of one bucket
// (hashed on their first three bytes)
// are compared: O(text length x largest bucket x longest needle), with both
// factors fixed table constants (checked by static_assert below). No regex,
// no backtracking, no allocation (a fixed stack window).
//
// Every row of the tables below was written for this project from the RFCs
// or from a provider's own published reference or real replies, and names its
// source. None is taken from another classifier's tables.
#ifndef SMTPREPLY_CLASSIFY_HPP
#define SMTPREPLY_CLASSIFY_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "catalog.hpp"
#include "code.hpp"
#include "command.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "enhanced.hpp"
#include "reason.hpp"
#include "reply.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

// ---------------------------------------------------------------------------
// Sources, named once and cited by the rows.
namespace src {
inline constexpr std::string_view google = "https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes)";
inline constexpr std::string_view microsoft =
    "https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/"
    "non-delivery-reports-in-exchange-online";
inline constexpr std::string_view outlook_com =
    "https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx (Outlook.com postmaster errors)";
inline constexpr std::string_view yahoo = "https://senders.yahooinc.com/smtp-error-codes/ (Yahoo SMTP error codes)";
inline constexpr std::string_view apple = "https://support.apple.com/en-us/102322 (iCloud Mail postmaster, HT204137)";
inline constexpr std::string_view mimecast =
    "https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754 (Mimecast SMTP error codes)";
inline constexpr std::string_view proofpoint = "https://ipcheck.proofpoint.com/ (Proofpoint block notice in replies)";
inline constexpr std::string_view barracuda = "https://www.barracudacentral.org/rbl (Barracuda Reputation Block List)";
inline constexpr std::string_view spamhaus =
    "https://www.spamhaus.org/faq/section/Spamhaus%20DBL (Spamhaus block lists)";
inline constexpr std::string_view cloudmark = "https://csi.cloudmark.com/en/reset/ (Cloudmark Sender Intelligence)";
inline constexpr std::string_view yandex =
    "https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html";
inline constexpr std::string_view mailru =
    "https://help.mail.ru/mail/postmaster (Mail.ru postmaster; replies quoted at "
    "https://mailout.ru/2015/09)";
inline constexpr std::string_view qq =
    "QQ Mail bounce help (https://service.mail.qq.com), codes quoted at "
    "http://qiao.yimirj.com/article/detail/2261";
inline constexpr std::string_view gmx =
    "GMX newsroom 2017-09-28 (https://newsroom.gmx.net/2017/09/28/"
    "unzustellbar-fehlermeldungen-email/); web.de/GMX replies quoted at "
    "http://www.sitepackage.de/service/dokumentation/auswertung/"
    "typische-fehlermeldungen-bei-unzustellbarkeit.html";
inline constexpr std::string_view orange =
    "Orange postmaster OFR codes (bilingual replies), quoted at "
    "https://bentonow.com/smtp-errors/orange";
inline constexpr std::string_view zoho =
    "https://smtp.codes/zoho (Zoho Mail replies); "
    "https://www.zoho.com/zeptomail/help/api/smtp-error-codes.html";
inline constexpr std::string_view postfix = "https://www.postfix.org/postconf.5.html (Postfix smtpd reject texts)";
inline constexpr std::string_view postgrey = "https://postgrey.schweikert.ch/ (greylisting replies); RFC 6647";
inline constexpr std::string_view qmail =
    "qmail-remote/qmail-local texts (\"Sorry, no mailbox here by that name. "
    "(#5.1.1)\"), https://cr.yp.to/qmail.html";
inline constexpr std::string_view rfc3207 = "RFC 3207 section 4";
inline constexpr std::string_view rfc4954 = "RFC 4954 section 6";
inline constexpr std::string_view rfc5321 = "RFC 5321 section 4.2.3";
inline constexpr std::string_view rfc5322 = "RFC 5322 section 3.6";
inline constexpr std::string_view rfc6647 = "RFC 6647 (greylisting)";
inline constexpr std::string_view rfc7372 = "RFC 7372 (email authentication status codes)";
inline constexpr std::string_view rfc7489 = "RFC 7489 (DMARC)";
inline constexpr std::string_view rfc7504 = "RFC 7504";
inline constexpr std::string_view rfc7505 = "RFC 7505 (null MX)";
inline constexpr std::string_view rfc8601 = "RFC 8601 section 2.7.3 (iprev)";
inline constexpr std::string_view rfc3463 = "RFC 3463";
inline constexpr std::string_view rfc1870 = "RFC 1870 section 6";
inline constexpr std::string_view exim =
    "https://www.exim.org/exim-html-current/doc/html/spec_html/ (Exim reply texts)";
inline constexpr std::string_view sendmail = "Sendmail reply texts (\"Too many hops\"), https://www.sendmail.org/";
inline constexpr std::string_view rfc5782 = "RFC 5782 (DNS blacklists and whitelists)";
inline constexpr std::string_view spamcop = "https://www.spamcop.net/bl.shtml (SpamCop block list)";
inline constexpr std::string_view sitepackage =
    "Provider replies quoted at http://www.sitepackage.de/service/dokumentation/"
    "auswertung/typische-fehlermeldungen-bei-unzustellbarkeit.html";
inline constexpr std::string_view coremail =
    "Coremail replies quoted at https://blog.sina.com.cn/s/blog_8dc13ec50101fxxr.html "
    "and https://www.icoremail.vip/support/index.php?cate_id=84";
inline constexpr std::string_view smtpf = "http://www.milter.info/smtp/smtpf/reply.html (smtpf reply texts)";
inline constexpr std::string_view everycloud =
    "https://support.everycloud.com/support/solutions/articles/4000007755 "
    "(reply texts)";
inline constexpr std::string_view libero =
    "https://aiuto.libero.it/articolo/mail/messaggi-di-errore-piu-frequenti-dopo-"
    "invio-email (Libero: replies in English)";
inline constexpr std::string_view guides =
    "Replies quoted by providers' help pages: https://sumari.jp/mail-error-message, "
    "https://turbolab.it/email-54/principali-messaggi-derrore-quando-spedite-email-3010, "
    "https://www.catv-yokohama.ne.jp/faq/internet/internet-email-usage/"
    "trouble-faq-internet-email-usage/11387, https://br.ccm.net/faq/28855";
inline constexpr std::string_view goneo = "https://goneo.de/hilfe/email/fehlermeldungen (quoted replies)";
inline constexpr std::string_view spambrella = "https://www.spambrella.com/faq/email-delivery-error-codes/";
inline constexpr std::string_view viws =
    "https://viws.ru/en/pochemu-ne-otpravlyayutsya-pisma-na-yandeks-pochte-"
    "nezhelatelnaya-pochta-i-otkrytye-retranslyacii-nekorrek.html (quoted replies)";
inline constexpr std::string_view smooooth =
    "https://user-manual2.smooooth.jp/archives/3770 (\"The message is too long\")";
}  // namespace src

// ---------------------------------------------------------------------------
// Rule tables

/// Step 2: a phrase of the reply text. Phrases are lower case, single-spaced.
struct phrase_rule {
  std::string_view id;      ///< stable rule id, e.g. "phrase.mailbox_full"
  std::string_view phrase;  ///< what to find (ASCII case-insensitive)
  smtpreply::reason reason;
  action act;  ///< `action::done` = derive from the reason (see reason_action)
  std::string_view source;
};

/// Step 1: a provider-specific rule. It matches when the marker is in the text
/// (or is empty), the phrase is in the text (or is empty), and the reply's
/// enhanced code is in [klass.subject.detail_first, klass.subject.detail_last]
/// (or klass is 0).
struct provider_rule {
  std::string_view id;
  std::string_view provider;
  std::string_view marker;
  std::string_view phrase;
  std::uint16_t klass;
  std::uint16_t subject;
  std::uint16_t detail_first;
  std::uint16_t detail_last;
  smtpreply::reason reason;
  action act;
  std::string_view source;
};

/// Step 3: the registered meaning of subject.detail (class 4 or 5).
struct enhanced_rule {
  std::string_view id;
  std::uint16_t subject;
  std::uint16_t detail;
  smtpreply::reason reason;
  std::string_view source;
};

/// Step 4: a basic code, optionally only after one command (`none` = any).
struct context_rule {
  std::string_view id;
  std::uint16_t code;
  command cmd;
  smtpreply::reason reason;
  std::string_view source;
};

namespace detail {
inline constexpr action derive = action::done;  // "no action of its own" in a rule row
}

// clang-format off
/// Provider rules, in priority order.
inline constexpr provider_rule provider_rules[] = {
    // Google (Gmail, Workspace): Google appends "gsmtp" to every error it sends.
    {"google.user_unknown", "Google", "gsmtp", "the email account that you tried to reach does not exist", 0, 0, 0, 0, reason::user_unknown, detail::derive, src::google},
    {"google.disabled", "Google", "gsmtp", "the email account that you tried to reach is disabled", 0, 0, 0, 0, reason::mailbox_disabled, detail::derive, src::google},
    {"google.inactive", "Google", "gsmtp", "the email account that you tried to reach is inactive", 0, 0, 0, 0, reason::mailbox_disabled, detail::derive, src::google},
    {"google.over_quota", "Google", "gsmtp", "is over quota", 0, 0, 0, 0, reason::mailbox_full, detail::derive, src::google},
    {"google.out_of_storage", "Google", "gsmtp", "out of storage space", 0, 0, 0, 0, reason::mailbox_full, detail::derive, src::google},
    {"google.receiving_rate", "Google", "gsmtp", "receiving mail at a rate that prevents", 0, 0, 0, 0, reason::rate_limited, detail::derive, src::google},
    {"google.receiving_too_quickly", "Google", "gsmtp", "receiving mail too quickly", 0, 0, 0, 0, reason::rate_limited, detail::derive, src::google},
    {"google.sending_limit", "Google", "gsmtp", "sending limit exceeded", 0, 0, 0, 0, reason::rate_limited, detail::derive, src::google},
    {"google.unsolicited_rate", "Google", "gsmtp", "unusual rate of unsolicited mail", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::google},
    {"google.low_reputation", "Google", "gsmtp", "very low reputation", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::google},
    {"google.likely_unsolicited", "Google", "gsmtp", "likely unsolicited mail", 0, 0, 0, 0, reason::spam, detail::derive, src::google},
    {"google.ptr", "Google", "gsmtp", "does not have a ptr record", 0, 0, 0, 0, reason::no_ptr, detail::derive, src::google},
    {"google.rfc5322", "Google", "gsmtp", "not rfc 5322 compliant", 0, 0, 0, 0, reason::not_rfc_compliant, detail::derive, src::google},
    {"google.from_header", "Google", "gsmtp", "missing a valid address in from", 0, 0, 0, 0, reason::not_rfc_compliant, detail::derive, src::google},
    {"google.security_issue", "Google", "gsmtp", "potential security issue", 0, 0, 0, 0, reason::virus, detail::derive, src::google},
    {"google.size", "Google", "gsmtp", "message size limits", 0, 0, 0, 0, reason::message_too_big, detail::derive, src::google},
    {"google.auth_checks", "Google", "gsmtp", "fails to pass authentication checks", 0, 0, 0, 0, reason::dmarc_failure, detail::derive, src::google},
    {"google.auth_information", "Google", "gsmtp", "does not have authentication information", 0, 0, 0, 0, reason::dmarc_failure, detail::derive, src::google},
    {"google.tls_required", "Google", "gsmtp", "tls required for rcpt domain", 0, 0, 0, 0, reason::security_error, action::start_tls, src::google},
    {"google.ip_whitelist", "Google", "gsmtp", "ip not in whitelist for rcpt domain", 0, 0, 0, 0, reason::filtered, detail::derive, src::google},
    {"google.credentials", "Google", "gsmtp", "username and password not accepted", 0, 0, 0, 0, reason::security_error, action::authenticate, src::google},
    {"google.login_attempts", "Google", "gsmtp", "too many login attempts", 0, 0, 0, 0, reason::rate_limited, detail::derive, src::google},

    // Microsoft (Exchange Online / Microsoft 365, Outlook.com).
    {"microsoft.dbeb", "Microsoft", "protection.outlook.com", "recipient address rejected: access denied", 5, 4, 1, 1, reason::user_unknown, detail::derive, src::microsoft},
    {"microsoft.recipient_not_found", "Microsoft", "recipientnotfound", "", 0, 0, 0, 0, reason::user_unknown, detail::derive, src::microsoft},
    {"microsoft.recip_not_found", "Microsoft", "recipnotfound", "", 0, 0, 0, 0, reason::user_unknown, detail::derive, src::microsoft},
    {"microsoft.submission_quota", "Microsoft", "submissionquotaexceeded", "", 0, 0, 0, 0, reason::rate_limited, detail::derive, src::microsoft},
    {"microsoft.5.2.121", "Microsoft", "", "", 5, 2, 121, 122, reason::rate_limited, detail::derive, src::microsoft},
    {"microsoft.5.4.300", "Microsoft", "", "", 5, 4, 300, 300, reason::expired, detail::derive, src::microsoft},
    {"microsoft.5.4.310", "Microsoft", "", "", 5, 4, 310, 310, reason::host_unknown, detail::derive, src::microsoft},
    {"microsoft.4.4.316", "Microsoft", "", "", 4, 4, 316, 316, reason::network_error, detail::derive, src::microsoft},
    {"microsoft.5.4.316", "Microsoft", "", "", 5, 4, 316, 316, reason::network_error, detail::derive, src::microsoft},
    {"microsoft.5.7.57", "Microsoft", "", "", 5, 7, 57, 57, reason::security_error, action::authenticate, src::microsoft},
    {"microsoft.5.7.60", "Microsoft", "", "", 5, 7, 60, 60, reason::sender_rejected, detail::derive, src::microsoft},
    {"microsoft.5.7.64", "Microsoft", "", "", 5, 7, 64, 64, reason::relay_denied, detail::derive, src::microsoft},
    {"microsoft.5.7.124", "Microsoft", "", "", 5, 7, 124, 124, reason::filtered, detail::derive, src::microsoft},
    {"microsoft.5.7.133", "Microsoft", "", "", 5, 7, 133, 134, reason::filtered, detail::derive, src::microsoft},
    {"microsoft.5.7.501", "Microsoft", "", "", 5, 7, 501, 501, reason::spam, detail::derive, src::microsoft},
    {"microsoft.5.7.506", "Microsoft", "", "", 5, 7, 506, 506, reason::blocked, detail::derive, src::microsoft},
    {"microsoft.5.7.508", "Microsoft", "", "", 5, 7, 508, 508, reason::rate_limited, detail::derive, src::microsoft},
    {"microsoft.5.7.509", "Microsoft", "", "", 5, 7, 509, 509, reason::dmarc_failure, detail::derive, src::microsoft},
    {"microsoft.5.7.510", "Microsoft", "", "", 5, 7, 510, 511, reason::blocked, detail::derive, src::microsoft},
    {"microsoft.5.7.512", "Microsoft", "", "", 5, 7, 512, 512, reason::not_rfc_compliant, detail::derive, src::microsoft},
    {"microsoft.5.7.513", "Microsoft", "", "", 5, 7, 513, 513, reason::blocked, detail::derive, src::microsoft},
    {"microsoft.5.7.515", "Microsoft", "", "", 5, 7, 515, 515, reason::dmarc_failure, detail::derive, src::microsoft},
    {"microsoft.5.7.606", "Microsoft", "", "", 5, 7, 606, 649, reason::blocked, detail::derive, src::microsoft},
    {"microsoft.5.7.705", "Microsoft", "", "", 5, 7, 700, 707, reason::bad_reputation, detail::derive, src::microsoft},
    {"microsoft.5.7.708", "Microsoft", "", "", 5, 7, 708, 749, reason::blocked, detail::derive, src::microsoft},
    {"microsoft.5.7.750", "Microsoft", "", "", 5, 7, 750, 750, reason::blocked, detail::derive, src::microsoft},
    {"microsoft.4.7.650", "Microsoft", "", "", 4, 7, 650, 699, reason::bad_reputation, detail::derive, src::microsoft},
    {"microsoft.4.7.500", "Microsoft", "", "", 4, 7, 500, 649, reason::rate_limited, detail::derive, src::microsoft},
    {"outlook.block_list", "Microsoft", "protection.outlook.com", "on our block list", 0, 0, 0, 0, reason::blocked, detail::derive, src::outlook_com},
    {"outlook.sc001", "Microsoft", "sc-001", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::outlook_com},
    {"outlook.dy001", "Microsoft", "dy-001", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::outlook_com},
    {"outlook.ou001", "Microsoft", "ou-001", "", 0, 0, 0, 0, reason::policy_violation, detail::derive, src::outlook_com},
    {"outlook.ou002", "Microsoft", "ou-002", "", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::outlook_com},
    {"outlook.rp001", "Microsoft", "rp-001", "", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::outlook_com},

    // Yahoo (bracketed codes documented by Yahoo).
    {"yahoo.tss04", "Yahoo", "[tss04]", "", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::yahoo},
    {"yahoo.tss05", "Yahoo", "[tss05]", "", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::yahoo},
    {"yahoo.ts01", "Yahoo", "[ts01]", "", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::yahoo},
    {"yahoo.ts02", "Yahoo", "[ts02]", "", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::yahoo},
    {"yahoo.ts03", "Yahoo", "[ts03]", "", 0, 0, 0, 0, reason::bad_reputation, detail::derive, src::yahoo},
    {"yahoo.tss09", "Yahoo", "[tss09]", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::yahoo},
    {"yahoo.bl21", "Yahoo", "[bl21]", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::yahoo},
    {"yahoo.bl23", "Yahoo", "[bl23]", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::yahoo},
    {"yahoo.unauthenticated", "Yahoo", "yahoo", "sender is unauthenticated", 0, 0, 0, 0, reason::dmarc_failure, detail::derive, src::yahoo},
    {"yahoo.no_account", "Yahoo", "yahoo", "doesn't have a yahoo", 0, 0, 0, 0, reason::user_unknown, detail::derive, src::yahoo},
    {"yahoo.policy", "Yahoo", "yahoo", "not accepted for policy reasons", 5, 7, 9, 9, reason::policy_violation, detail::derive, src::yahoo},

    // Apple iCloud Mail.
    {"apple.cs01", "Apple", "[cs01]", "", 0, 0, 0, 0, reason::policy_violation, detail::derive, src::apple},
    {"apple.hm08", "Apple", "[hm08]", "", 0, 0, 0, 0, reason::policy_violation, detail::derive, src::apple},
    {"apple.volume", "Apple", "support.apple.com", "deferred due to excessive volume", 0, 0, 0, 0, reason::rate_limited, detail::derive, src::apple},

    // Filtering services and block lists.
    {"mimecast.sender_blocked", "Mimecast", "mimecast", "sender address blocked", 0, 0, 0, 0, reason::blocked, detail::derive, src::mimecast},
    {"mimecast.greylisting", "Mimecast", "mimecast", "internal resource", 0, 0, 0, 0, reason::greylisted, detail::derive, src::mimecast},
    {"mimecast.envelope_blocked", "Mimecast", "mimecast", "envelope blocked", 0, 0, 0, 0, reason::filtered, detail::derive, src::mimecast},
    {"mimecast.anti_spoofing", "Mimecast", "mimecast", "anti-spoofing", 0, 0, 0, 0, reason::policy_violation, detail::derive, src::mimecast},
    {"proofpoint.ipcheck", "Proofpoint", "ipcheck.proofpoint.com", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::proofpoint},
    {"barracuda.brbl", "Barracuda", "barracudacentral", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::barracuda},
    {"barracuda.reputation", "Barracuda", "barracuda reputation", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::barracuda},
    {"barracuda.nsu", "Barracuda", "cuda nsu", "", 0, 0, 0, 0, reason::user_unknown, detail::derive, src::barracuda},
    {"cloudmark.csi", "Cloudmark", "csi.cloudmark.com", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::cloudmark},
    {"spamhaus.dbl", "Spamhaus", "spamhaus dbl", "", 0, 0, 0, 0, reason::spam, detail::derive, src::spamhaus},
    {"spamhaus.listed", "Spamhaus", "spamhaus", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::spamhaus},

    // Other large providers.
    {"yandex.spam_statistics", "Yandex", "blocked by spam statistics", "", 0, 0, 0, 0, reason::blocked, detail::derive, src::yandex},
    {"yandex.suspicion", "Yandex", "under suspicion of spam", "", 0, 0, 0, 0, reason::spam, detail::derive, src::yandex},
    {"mailru.sending_disabled", "Mail.ru", "message sending for this account is disabled", "", 0, 0, 0, 0, reason::sender_rejected, detail::derive, src::mailru},
    {"qq.recipient_flood", "QQ Mail (Tencent)", "mailbox unavailable or access denied", "", 0, 0, 0, 0, reason::rate_limited, detail::derive, src::qq},
    {"qq.frequency", "QQ Mail (Tencent)", "frequency limited", "", 0, 0, 0, 0, reason::rate_limited, detail::derive, src::qq},
    {"qq.content", "QQ Mail (Tencent)", "error: content rejected", "", 0, 0, 0, 0, reason::spam, detail::derive, src::qq},
    {"zoho.destination_filter", "Zoho", "mail rejected by destination domain", "", 0, 0, 0, 0, reason::filtered, detail::derive, src::zoho},
    {"zoho.delivery_restricted", "Zoho", "mailbox delivery restricted by policy", "", 0, 0, 0, 0, reason::filtered, detail::derive, src::zoho},
    {"zoho.virus", "Zoho", "detected by zoho mail", "virus", 0, 0, 0, 0, reason::virus, detail::derive, src::zoho},
    {"zoho.relaying_disallowed", "Zoho", "relaying disallowed as", "", 0, 0, 0, 0, reason::sender_rejected, detail::derive, src::zoho},
    {"zoho.size_policy", "Zoho", "email size exceeded the policy", "", 0, 0, 0, 0, reason::message_too_big, detail::derive, src::zoho},
    {"orange.ofr004_104", "Orange", "ofr004_104", "", 0, 0, 0, 0, reason::too_many_connections, detail::derive, src::orange},
    {"webde.storage", "GMX / web.de", "speichervolumen", "", 0, 0, 0, 0, reason::mailbox_full, detail::derive, src::gmx},
    {"webde.unknown", "GMX / web.de", "benutzer nicht bekannt", "", 0, 0, 0, 0, reason::user_unknown, detail::derive, src::gmx},
};

/// Phrase rules, in priority order: the first row whose phrase occurs wins.
/// More specific phrases come before the general ones they contain.
inline constexpr phrase_rule phrase_rules[] = {
    // Sender-side refusals whose wording contains recipient or domain words.
    {"phrase.sender_domain_not_found", "sender address rejected: domain not found", reason::sender_rejected, detail::derive, src::postfix},
    {"phrase.sender_address_rejected", "sender address rejected", reason::sender_rejected, detail::derive, src::postfix},
    {"phrase.sender_verify", "sender verify failed", reason::sender_rejected, detail::derive, src::exim},
    {"phrase.sender_rejected", "sender rejected", reason::sender_rejected, detail::derive, src::spambrella},
    {"phrase.sender_null_mx", "sender address has null mx", reason::sender_rejected, detail::derive, src::rfc7505},
    {"phrase.null_sender", "null sender is not allowed", reason::sender_rejected, detail::derive, src::coremail},
    {"phrase.not_owned", "not owned by user", reason::sender_rejected, detail::derive, src::goneo},
    // Authentication of the sender domain (before "policy" and "authentication").
    {"phrase.dmarc", "dmarc", reason::dmarc_failure, detail::derive, src::rfc7489},
    {"phrase.dkim", "dkim", reason::dmarc_failure, detail::derive, src::rfc7372},
    {"phrase.spf", "spf", reason::dmarc_failure, detail::derive, src::rfc7372},
    {"phrase.sender_policy_framework", "sender policy framework", reason::dmarc_failure, detail::derive, src::rfc7372},
    {"phrase.unauthenticated_email", "unauthenticated email", reason::dmarc_failure, detail::derive, src::google},
    {"phrase.sender_unauthenticated", "sender is unauthenticated", reason::dmarc_failure, detail::derive, src::yahoo},
    // Reverse DNS.
    {"phrase.reverse_dns", "reverse dns", reason::no_ptr, detail::derive, src::rfc8601},
    {"phrase.reverse_hostname", "reverse hostname", reason::no_ptr, detail::derive, src::postfix},
    {"phrase.find_your_hostname", "cannot find your hostname", reason::no_ptr, detail::derive, src::postfix},
    {"phrase.ptr_record", "ptr record", reason::no_ptr, detail::derive, src::google},
    {"phrase.rdns", "rdns", reason::no_ptr, detail::derive, src::rfc8601},
    // Block lists (before "spam", which "spamhaus" contains).
    {"phrase.blocked_using", "blocked using", reason::blocked, detail::derive, src::postfix},
    {"phrase.block_list", "block list", reason::blocked, detail::derive, src::outlook_com},
    {"phrase.blocklist", "blocklist", reason::blocked, detail::derive, src::rfc5782},
    {"phrase.blacklist", "blacklist", reason::blocked, detail::derive, src::rfc5782},
    {"phrase.black_list", "black list", reason::blocked, detail::derive, src::smtpf},
    {"phrase.dnsbl", "dnsbl", reason::blocked, detail::derive, src::rfc5782},
    {"phrase.spamcop", "spamcop", reason::blocked, detail::derive, src::spamcop},
    {"phrase.banned_sending_ip", "banned sending ip", reason::blocked, detail::derive, src::microsoft},
    {"phrase.client_host_blocked", "client host blocked", reason::blocked, detail::derive, src::microsoft},
    // Reputation.
    {"phrase.user_complaints", "user complaints", reason::bad_reputation, detail::derive, src::yahoo},
    {"phrase.reputation", "reputation", reason::bad_reputation, detail::derive, src::microsoft},
    // Relaying.
    {"phrase.relay_access_denied", "relay access denied", reason::relay_denied, detail::derive, src::postfix},
    {"phrase.relaying_denied", "relaying denied", reason::relay_denied, detail::derive, src::smtpf},
    {"phrase.relay_denied", "relay denied", reason::relay_denied, detail::derive, src::google},
    {"phrase.relay_not_permitted", "relay not permitted", reason::relay_denied, detail::derive, src::exim},
    {"phrase.relay_prohibited", "relay prohibited", reason::relay_denied, detail::derive, src::viws},
    {"phrase.unable_to_relay", "unable to relay", reason::relay_denied, detail::derive, src::microsoft},
    {"phrase.relaying_not_allowed", "relaying not allowed", reason::relay_denied, detail::derive, src::libero},
    {"phrase.not_in_my_list_of_allowed_hosts", "not in my list of allowed", reason::relay_denied, detail::derive, src::viws},
    // Viruses and dangerous content (before content and size words).
    {"phrase.virus", "virus", reason::virus, detail::derive, src::everycloud},
    {"phrase.malware", "malware", reason::virus, detail::derive, src::everycloud},
    {"phrase.security_issue", "potential security issue", reason::virus, detail::derive, src::google},
    // Recipient count (before the rate limit words: "too many recipients ... sending limits").
    {"phrase.too_many_recipients", "too many recipients", reason::exceeds_limit, detail::derive, src::postfix},
    // Rate limits (before quota and size words).
    {"phrase.submission_quota", "submission quota exceeded", reason::rate_limited, detail::derive, src::microsoft},
    {"phrase.sending_quota", "sending quota", reason::rate_limited, detail::derive, src::google},
    {"phrase.sending_limit", "sending limit", reason::rate_limited, detail::derive, src::google},
    {"phrase.rate_limit", "rate limit", reason::rate_limited, detail::derive, src::gmx},
    {"phrase.rate_limited", "rate limited", reason::rate_limited, detail::derive, src::microsoft},
    {"phrase.too_quickly", "too quickly", reason::rate_limited, detail::derive, src::google},
    {"phrase.thread_limit", "thread limit exceeded", reason::rate_limited, detail::derive, src::microsoft},
    {"phrase.excessive_volume", "excessive volume", reason::rate_limited, detail::derive, src::apple},
    {"phrase.mail_flood", "mail flood", reason::rate_limited, detail::derive, src::rfc7372},
    {"phrase.frequency_limited", "frequency limited", reason::rate_limited, detail::derive, src::qq},
    // Connections.
    {"phrase.too_many_connections", "too many connections", reason::too_many_connections, detail::derive, src::postfix},
    {"phrase.too_many_concurrent", "too many concurrent", reason::too_many_connections, detail::derive, src::exim},
    {"phrase.trop_de_connexions", "trop de connexions", reason::too_many_connections, detail::derive, src::orange},
    // Greylisting.
    {"phrase.greylist", "greylist", reason::greylisted, detail::derive, src::rfc6647},
    {"phrase.graylist", "graylist", reason::greylisted, detail::derive, src::rfc6647},
    {"phrase.grey_listed", "grey-list", reason::greylisted, detail::derive, src::rfc6647},
    {"phrase.postgrey", "postgrey", reason::greylisted, detail::derive, src::postgrey},
    // Mailbox full (before size, and after the sending quotas above).
    {"phrase.mailbox_full", "mailbox full", reason::mailbox_full, detail::derive, src::libero},
    {"phrase.mailbox_is_full", "mailbox is full", reason::mailbox_full, detail::derive, src::guides},
    {"phrase.over_quota", "over quota", reason::mailbox_full, detail::derive, src::guides},
    {"phrase.over_storage_quota", "over storage quota", reason::mailbox_full, detail::derive, src::gmx},
    {"phrase.quota_exceeded", "quota exceeded", reason::mailbox_full, detail::derive, src::gmx},
    {"phrase.exceeded_storage", "exceeded storage", reason::mailbox_full, detail::derive, src::gmx},
    {"phrase.diskspace_quota", "diskspace quota", reason::mailbox_full, detail::derive, src::qmail},
    {"phrase.out_of_storage", "out of storage", reason::mailbox_full, detail::derive, src::google},
    {"phrase.storage_space", "storage space", reason::mailbox_full, detail::derive, src::gmx},
    {"phrase.zh_space", "\xe7\xa9\xba\xe9\x97\xb4\xe4\xb8\x8d\xe8\xb6\xb3", reason::mailbox_full, detail::derive, src::qq},  // "空间不足"
    // Size.
    {"phrase.message_size_exceeds", "size exceeds", reason::message_too_big, detail::derive, src::postfix},
    {"phrase.exceeds_size_limit", "exceeds size limit", reason::message_too_big, detail::derive, src::postfix},
    {"phrase.message_too_large", "message too large", reason::message_too_big, detail::derive, src::sitepackage},
    {"phrase.is_too_large", "is too large", reason::message_too_big, detail::derive, src::guides},
    {"phrase.message_is_too_long", "message is too long", reason::message_too_big, detail::derive, src::smooooth},
    {"phrase.size_limit", "size limit", reason::message_too_big, detail::derive, src::postfix},
    {"phrase.mailsize", "mailsize", reason::message_too_big, detail::derive, src::qq},
    // RFC 5322 conformance.
    {"phrase.rfc_5322", "rfc 5322", reason::not_rfc_compliant, detail::derive, src::rfc5322},
    {"phrase.rfc5322", "rfc5322", reason::not_rfc_compliant, detail::derive, src::rfc5322},
    {"phrase.rfc_2822", "rfc 2822", reason::not_rfc_compliant, detail::derive, src::rfc5322},
    {"phrase.rfc2822", "rfc2822", reason::not_rfc_compliant, detail::derive, src::rfc5322},
    {"phrase.duplicate_header", "duplicate header", reason::not_rfc_compliant, detail::derive, src::rfc5322},
    {"phrase.missing_header", "missing header", reason::not_rfc_compliant, detail::derive, src::rfc5322},
    {"phrase.header_field", "header field", reason::not_rfc_compliant, detail::derive, src::rfc5322},
    {"phrase.bare_linefeed", "bare linefeed", reason::not_rfc_compliant, detail::derive, src::microsoft},
    {"phrase.barelinefeed", "barelinefeed", reason::not_rfc_compliant, detail::derive, src::microsoft},
    // Spam (after block lists, before policy).
    {"phrase.spam", "spam", reason::spam, detail::derive, src::everycloud},
    {"phrase.unsolicited", "unsolicited", reason::spam, detail::derive, src::google},
    // Content and media.
    {"phrase.attachment", "attachment", reason::content_error, detail::derive, src::google},
    {"phrase.content_rejected", "content rejected", reason::content_error, detail::derive, src::postfix},
    // The recipient's own filter or settings.
    {"phrase.not_in_allowed_senders", "allowed-senders", reason::filtered, detail::derive, src::microsoft},
    {"phrase.restricted_delivery", "restricted delivery", reason::filtered, detail::derive, src::microsoft},
    // Domain and host (before "does not exist", which they contain).
    {"phrase.domain_not_found", "domain not found", reason::host_unknown, detail::derive, src::postfix},
    {"phrase.domain_does_not_exist", "domain does not exist", reason::host_unknown, detail::derive, src::microsoft},
    {"phrase.domain_name_not_found", "domain name not found", reason::host_unknown, detail::derive, src::postfix},
    {"phrase.host_not_found", "host not found", reason::host_unknown, detail::derive, src::guides},
    {"phrase.host_unknown", "host unknown", reason::host_unknown, detail::derive, src::guides},
    {"phrase.unknown_domain", "unknown domain", reason::host_unknown, detail::derive, src::everycloud},
    {"phrase.nonexistent_domain", "nonexistent domain", reason::host_unknown, detail::derive, src::microsoft},
    {"phrase.dns_query_error", "dns query error", reason::host_unknown, detail::derive, src::qq},
    // Domains that take no mail.
    {"phrase.null_mx", "null mx", reason::not_accepting, detail::derive, src::rfc7505},
    {"phrase.does_not_accept_mail", "does not accept mail", reason::not_accepting, detail::derive, src::rfc7504},
    {"phrase.accepts_no_mail", "accepts no mail", reason::not_accepting, detail::derive, src::rfc7504},
    // Disabled mailboxes (before the user words).
    {"phrase.mailbox_disabled", "mailbox disabled", reason::mailbox_disabled, detail::derive, src::sitepackage},
    {"phrase.mailbox_is_disabled", "mailbox is disabled", reason::mailbox_disabled, detail::derive, src::yahoo},
    {"phrase.account_disabled", "account disabled", reason::mailbox_disabled, detail::derive, src::sitepackage},
    {"phrase.has_been_disabled", "has been disabled", reason::mailbox_disabled, detail::derive, src::yahoo},
    {"phrase.user_disabled", "user disabled", reason::mailbox_disabled, detail::derive, src::coremail},
    {"phrase.suspended", "suspended", reason::mailbox_disabled, detail::derive, src::coremail},
    {"phrase.inactive", "inactive", reason::mailbox_disabled, detail::derive, src::gmx},
    {"phrase.account_closed", "account closed", reason::mailbox_disabled, detail::derive, src::gmx},
    {"phrase.user_is_locked", "user is locked", reason::mailbox_disabled, detail::derive, src::coremail},
    // Moved.
    {"phrase.has_moved", "has moved", reason::has_moved, detail::derive, src::rfc3463},
    {"phrase.user_not_local", "user not local", reason::has_moved, detail::derive, src::rfc5321},
    // Unknown users.
    {"phrase.user_unknown", "user unknown", reason::user_unknown, detail::derive, src::postfix},
    {"phrase.unknown_user", "unknown user", reason::user_unknown, detail::derive, src::guides},
    {"phrase.user_is_unknown", "user is unknown", reason::user_unknown, detail::derive, src::gmx},
    {"phrase.no_such_user", "no such user", reason::user_unknown, detail::derive, src::guides},
    {"phrase.user_not_found", "user not found", reason::user_unknown, detail::derive, src::mailru},
    {"phrase.user_not_exist", "user not exist", reason::user_unknown, detail::derive, src::qq},
    {"phrase.user_does_not_exist", "user does not exist", reason::user_unknown, detail::derive, src::apple},
    {"phrase.recipient_not_found", "recipient not found", reason::user_unknown, detail::derive, src::microsoft},
    {"phrase.unknown_recipient", "unknown recipient", reason::user_unknown, detail::derive, src::sitepackage},
    {"phrase.invalid_recipient", "invalid recipient", reason::user_unknown, detail::derive, src::mimecast},
    {"phrase.mailbox_not_found", "mailbox not found", reason::user_unknown, detail::derive, src::qq},
    {"phrase.no_such_mailbox", "no such mailbox", reason::user_unknown, detail::derive, src::sitepackage},
    {"phrase.no_mailbox_here", "no mailbox here", reason::user_unknown, detail::derive, src::qmail},
    {"phrase.account_does_not_exist", "does not exist", reason::user_unknown, detail::derive, src::google},
    {"phrase.unknown_alias", "unknown or illegal alias", reason::user_unknown, detail::derive, src::guides},
    {"phrase.unknown_local_part", "unknown local part", reason::user_unknown, detail::derive, src::gmx},
    {"phrase.zh_no_user", "\xe7\x94\xa8\xe6\x88\xb7\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8", reason::user_unknown, detail::derive, src::qq},  // "用户不存在"
    // Security: authentication and encryption.
    {"phrase.must_issue_starttls", "must issue a starttls", reason::security_error, action::start_tls, src::rfc3207},
    {"phrase.tls_required", "tls required", reason::security_error, action::start_tls, src::google},
    {"phrase.encryption_required", "encryption required", reason::security_error, action::start_tls, src::rfc4954},
    {"phrase.tls_not_available", "tls not available", reason::starttls_failed, detail::derive, src::rfc3207},
    {"phrase.tls_currently_unavailable", "tls currently unavailable", reason::starttls_failed, detail::derive, src::exim},
    {"phrase.authentication_required", "authentication required", reason::security_error, action::authenticate, src::rfc4954},
    {"phrase.authentication_is_required", "authentication is required", reason::security_error, action::authenticate, src::rfc4954},
    {"phrase.not_authenticated", "not authenticated", reason::security_error, action::authenticate, src::microsoft},
    {"phrase.authentication_failed", "authentication failed", reason::security_error, action::authenticate, src::rfc4954},
    {"phrase.authentication_unsuccessful", "authentication unsuccessful", reason::security_error, action::authenticate, src::microsoft},
    {"phrase.invalid_credentials", "invalid credentials", reason::security_error, action::authenticate, src::rfc4954},
    {"phrase.password_not_accepted", "password not accepted", reason::security_error, action::authenticate, src::google},
    // Routing and programs.
    {"phrase.routing_loop", "routing loop", reason::mailer_error, detail::derive, src::microsoft},
    {"phrase.loop_detected", "loop detected", reason::mailer_error, detail::derive, src::microsoft},
    {"phrase.mail_loop", "mail loop", reason::mailer_error, detail::derive, src::microsoft},
    {"phrase.forwarding_loop", "forwarding loop", reason::mailer_error, detail::derive, src::postfix},
    {"phrase.too_many_hops", "too many hops", reason::mailer_error, detail::derive, src::sendmail},
    // Queue lifetime.
    {"phrase.message_expired", "message expired", reason::expired, detail::derive, src::microsoft},
    {"phrase.retry_timeout", "retry timeout exceeded", reason::expired, detail::derive, src::exim},
    // Network.
    {"phrase.connection_refused", "connection refused", reason::network_error, detail::derive, src::microsoft},
    {"phrase.timed_out", "timed out", reason::network_error, detail::derive, src::guides},
    {"phrase.timeout_exceeded", "timeout exceeded", reason::network_error, detail::derive, src::guides},
    {"phrase.lost_connection", "lost connection", reason::network_error, detail::derive, src::postfix},
    {"phrase.connection_died", "connection died", reason::network_error, detail::derive, src::guides},
    {"phrase.smtp_connection", "establish an smtp connection", reason::network_error, detail::derive, src::qmail},
    // System.
    {"phrase.insufficient_storage", "insufficient system storage", reason::system_full, detail::derive, src::rfc5321},
    {"phrase.insufficient_resources", "insufficient system resources", reason::system_full, detail::derive, src::spambrella},
    {"phrase.out_of_memory", "out of memory", reason::system_full, detail::derive, src::coremail},
    {"phrase.temporary_lookup", "temporary lookup failure", reason::system_error, detail::derive, src::postfix},
    {"phrase.local_error", "local error in processing", reason::system_error, detail::derive, src::rfc5321},
    {"phrase.system_problem", "system problem", reason::system_error, detail::derive, src::google},
    {"phrase.server_busy", "server busy", reason::system_error, detail::derive, src::google},
    // Syntax and protocol.
    {"phrase.syntax_error", "syntax error", reason::syntax_error, detail::derive, src::rfc5321},
    {"phrase.bad_syntax", "bad syntax", reason::syntax_error, detail::derive, src::qq},
    {"phrase.address_syntax", "address syntax", reason::syntax_error, detail::derive, src::qq},
    {"phrase.command_unrecognized", "command unrecognized", reason::syntax_error, detail::derive, src::rfc5321},
    {"phrase.bad_sequence", "bad sequence", reason::syntax_error, detail::derive, src::rfc5321},
    {"phrase.pipelining", "improper use of smtp command pipelining", reason::syntax_error, detail::derive, src::postfix},
    {"phrase.line_too_long", "line too long", reason::syntax_error, detail::derive, src::guides},
    {"phrase.protocol_violation", "protocol violation", reason::syntax_error, detail::derive, src::gmx},
    // Policy: the general refusal words, last.
    {"phrase.administrative_prohibition", "administrative prohibition", reason::policy_violation, detail::derive, src::exim},
    {"phrase.policy", "policy", reason::policy_violation, detail::derive, src::rfc3463},
    {"phrase.prohibited", "prohibited", reason::policy_violation, detail::derive, src::google},
};

/// Step 3: the registered meanings (RFC 3463 and RFC 5248 registry), sorted
/// by subject.detail. Codes whose meaning names no cause (X.0.0, X.1.0, X.1.4,
/// X.2.0, X.5.0, X.7.0, ...) are not listed: they stay `unknown`.
inline constexpr enhanced_rule enhanced_rules[] = {
    {"enhanced.x.1.1", 1, 1, reason::user_unknown, "RFC 3463 section 3.2 (X.1.1)"},
    {"enhanced.x.1.2", 1, 2, reason::host_unknown, "RFC 3463 section 3.2 (X.1.2)"},
    {"enhanced.x.1.3", 1, 3, reason::syntax_error, "RFC 3463 section 3.2 (X.1.3)"},
    {"enhanced.x.1.6", 1, 6, reason::has_moved, "RFC 3463 section 3.2 (X.1.6)"},
    {"enhanced.x.1.7", 1, 7, reason::sender_rejected, "RFC 3463 section 3.2 (X.1.7)"},
    {"enhanced.x.1.8", 1, 8, reason::sender_rejected, "RFC 3463 section 3.2 (X.1.8)"},
    {"enhanced.x.1.10", 1, 10, reason::not_accepting, "RFC 7505 section 4.2 (X.1.10)"},
    {"enhanced.x.2.1", 2, 1, reason::mailbox_disabled, "RFC 3463 section 3.3 (X.2.1)"},
    {"enhanced.x.2.2", 2, 2, reason::mailbox_full, "RFC 3463 section 3.3 (X.2.2)"},
    {"enhanced.x.2.3", 2, 3, reason::message_too_big, "RFC 3463 section 3.3 (X.2.3)"},
    {"enhanced.x.3.1", 3, 1, reason::system_full, "RFC 3463 section 3.4 (X.3.1)"},
    {"enhanced.x.3.2", 3, 2, reason::not_accepting, "RFC 3463 section 3.4 (X.3.2)"},
    {"enhanced.x.3.4", 3, 4, reason::message_too_big, "RFC 3463 section 3.4 (X.3.4)"},
    {"enhanced.x.3.5", 3, 5, reason::system_error, "RFC 3463 section 3.4 (X.3.5)"},
    {"enhanced.x.4.1", 4, 1, reason::network_error, "RFC 3463 section 3.5 (X.4.1)"},
    {"enhanced.x.4.2", 4, 2, reason::network_error, "RFC 3463 section 3.5 (X.4.2)"},
    {"enhanced.x.4.3", 4, 3, reason::network_error, "RFC 3463 section 3.5 (X.4.3)"},
    {"enhanced.x.4.4", 4, 4, reason::host_unknown, "RFC 3463 section 3.5 (X.4.4)"},
    {"enhanced.x.4.6", 4, 6, reason::mailer_error, "RFC 3463 section 3.5 (X.4.6)"},
    {"enhanced.x.4.7", 4, 7, reason::expired, "RFC 3463 section 3.5 (X.4.7)"},
    {"enhanced.x.5.1", 5, 1, reason::syntax_error, "RFC 3463 section 3.6 (X.5.1)"},
    {"enhanced.x.5.2", 5, 2, reason::syntax_error, "RFC 3463 section 3.6 (X.5.2)"},
    {"enhanced.x.5.3", 5, 3, reason::exceeds_limit, "RFC 3463 section 3.6 (X.5.3)"},
    {"enhanced.x.5.4", 5, 4, reason::syntax_error, "RFC 3463 section 3.6 (X.5.4)"},
    {"enhanced.x.5.6", 5, 6, reason::syntax_error, "RFC 4954 section 6 (X.5.6)"},
    {"enhanced.x.6.0", 6, 0, reason::content_error, "RFC 3463 section 3.7 (X.6.0)"},
    {"enhanced.x.6.1", 6, 1, reason::content_error, "RFC 3463 section 3.7 (X.6.1)"},
    {"enhanced.x.6.2", 6, 2, reason::content_error, "RFC 3463 section 3.7 (X.6.2)"},
    {"enhanced.x.6.3", 6, 3, reason::content_error, "RFC 3463 section 3.7 (X.6.3)"},
    {"enhanced.x.6.5", 6, 5, reason::content_error, "RFC 3463 section 3.7 (X.6.5)"},
    {"enhanced.x.6.6", 6, 6, reason::content_error, "RFC 4468 (X.6.6)"},
    {"enhanced.x.6.7", 6, 7, reason::content_error, "RFC 6531 (X.6.7)"},
    {"enhanced.x.6.8", 6, 8, reason::content_error, "RFC 6531 (X.6.8)"},
    {"enhanced.x.6.9", 6, 9, reason::content_error, "RFC 6531 (X.6.9)"},
    {"enhanced.x.6.10", 6, 10, reason::content_error, "RFC 6531 (X.6.10)"},
    {"enhanced.x.7.1", 7, 1, reason::policy_violation, "RFC 3463 section 3.8 (X.7.1)"},
    {"enhanced.x.7.2", 7, 2, reason::policy_violation, "RFC 3463 section 3.8 (X.7.2)"},
    {"enhanced.x.7.3", 7, 3, reason::security_error, "RFC 3463 section 3.8 (X.7.3)"},
    {"enhanced.x.7.4", 7, 4, reason::security_error, "RFC 3463 section 3.8 (X.7.4)"},
    {"enhanced.x.7.5", 7, 5, reason::security_error, "RFC 3463 section 3.8 (X.7.5)"},
    {"enhanced.x.7.6", 7, 6, reason::security_error, "RFC 3463 section 3.8 (X.7.6)"},
    {"enhanced.x.7.7", 7, 7, reason::security_error, "RFC 3463 section 3.8 (X.7.7)"},
    {"enhanced.x.7.8", 7, 8, reason::security_error, "RFC 4954 section 6 (X.7.8)"},
    {"enhanced.x.7.9", 7, 9, reason::security_error, "RFC 4954 section 6 (X.7.9)"},
    {"enhanced.x.7.10", 7, 10, reason::security_error, "RFC 5248 (X.7.10)"},
    {"enhanced.x.7.11", 7, 11, reason::security_error, "RFC 4954 section 6 (X.7.11)"},
    {"enhanced.x.7.12", 7, 12, reason::security_error, "RFC 4954 section 6 (X.7.12)"},
    {"enhanced.x.7.13", 7, 13, reason::mailbox_disabled, "RFC 5248 (X.7.13)"},
    {"enhanced.x.7.14", 7, 14, reason::policy_violation, "RFC 5248 (X.7.14)"},
    {"enhanced.x.7.15", 7, 15, reason::policy_violation, "RFC 6710 (X.7.15)"},
    {"enhanced.x.7.16", 7, 16, reason::message_too_big, "RFC 6710 (X.7.16)"},
    {"enhanced.x.7.20", 7, 20, reason::dmarc_failure, "RFC 7372 section 3.1 (X.7.20)"},
    {"enhanced.x.7.21", 7, 21, reason::dmarc_failure, "RFC 7372 section 3.1 (X.7.21)"},
    {"enhanced.x.7.22", 7, 22, reason::dmarc_failure, "RFC 7372 section 3.1 (X.7.22)"},
    {"enhanced.x.7.23", 7, 23, reason::dmarc_failure, "RFC 7372 section 3.2 (X.7.23)"},
    {"enhanced.x.7.24", 7, 24, reason::dmarc_failure, "RFC 7372 section 3.2 (X.7.24)"},
    {"enhanced.x.7.25", 7, 25, reason::no_ptr, "RFC 7372 section 3.3 (X.7.25)"},
    {"enhanced.x.7.26", 7, 26, reason::dmarc_failure, "RFC 7372 section 3.4 (X.7.26)"},
    {"enhanced.x.7.27", 7, 27, reason::sender_rejected, "RFC 7505 section 4.3 (X.7.27)"},
    {"enhanced.x.7.28", 7, 28, reason::rate_limited, "IANA SMTP Enhanced Status Codes registry (X.7.28 Mail flood detected)"},
    {"enhanced.x.7.29", 7, 29, reason::dmarc_failure, "RFC 8617 section 5.2.1 (X.7.29)"},
    {"enhanced.x.7.30", 7, 30, reason::security_error, "RFC 8689 section 5 (X.7.30)"},
};

/// Step 4: codes whose meaning names a cause, alone or after one command.
/// Rows for a specific command come before the `none` (any command) rows.
inline constexpr context_rule context_rules[] = {
    {"context.rcpt.452", 452, command::rcpt, reason::exceeds_limit, "RFC 5321 section 4.5.3.1.10"},
    {"context.rcpt.552", 552, command::rcpt, reason::exceeds_limit, "RFC 5321 section 4.5.3.1.10"},
    {"context.mail.452", 452, command::mail, reason::system_full, "RFC 1870 section 6"},
    {"context.mail.552", 552, command::mail, reason::message_too_big, "RFC 1870 section 6"},
    {"context.end_of_data.552", 552, command::end_of_data, reason::message_too_big, "RFC 1870 section 6"},
    {"context.bdat.552", 552, command::bdat, reason::message_too_big, "RFC 1870 section 6; RFC 3030"},
    {"context.mail.550", 550, command::mail, reason::sender_rejected, "RFC 5321 sections 4.2.3 and 4.3.2 (MAIL)"},
    {"context.mail.553", 553, command::mail, reason::sender_rejected, "RFC 5321 sections 4.2.3 and 4.3.2 (MAIL)"},
    {"context.starttls.454", 454, command::starttls, reason::starttls_failed, "RFC 3207 section 4"},
    {"context.starttls.501", 501, command::starttls, reason::starttls_failed, "RFC 3207 section 4"},
    {"context.auth.454", 454, command::auth, reason::security_error, "RFC 4954 section 6"},
    {"context.432", 432, command::none, reason::security_error, "RFC 4954 section 6"},
    {"context.451", 451, command::none, reason::system_error, "RFC 5321 section 4.2.3"},
    {"context.452", 452, command::none, reason::system_full, "RFC 5321 section 4.2.3"},
    {"context.500", 500, command::none, reason::syntax_error, "RFC 5321 section 4.2.2"},
    {"context.501", 501, command::none, reason::syntax_error, "RFC 5321 section 4.2.2"},
    {"context.502", 502, command::none, reason::syntax_error, "RFC 5321 section 4.2.2"},
    {"context.503", 503, command::none, reason::syntax_error, "RFC 5321 section 4.2.2"},
    {"context.504", 504, command::none, reason::syntax_error, "RFC 5321 section 4.2.2"},
    {"context.521", 521, command::none, reason::not_accepting, "RFC 7504 section 3"},
    {"context.530", 530, command::none, reason::security_error, "RFC 4954 section 6; RFC 3207 section 4"},
    {"context.534", 534, command::none, reason::security_error, "RFC 4954 section 6"},
    {"context.535", 535, command::none, reason::security_error, "RFC 4954 section 6"},
    {"context.538", 538, command::none, reason::security_error, "RFC 4954 section 6"},
    {"context.551", 551, command::none, reason::has_moved, "RFC 5321 section 3.4"},
    {"context.555", 555, command::none, reason::syntax_error, "RFC 5321 section 4.2.2"},
    {"context.556", 556, command::none, reason::not_accepting, "RFC 7504 section 3"},
};
// clang-format on

// ---------------------------------------------------------------------------
// The needle index (built at compile time)

namespace detail {

inline constexpr std::size_t phrase_rule_count = std::size(phrase_rules);
inline constexpr std::size_t provider_rule_count = std::size(provider_rules);
/// Needle i: phrase_rules[i] for i < P; then provider rule j's marker at
/// P + 2j and its phrase at P + 2j + 1 (empty needles are never indexed).
inline constexpr std::size_t needle_count = phrase_rule_count + 2 * provider_rule_count;
inline constexpr std::size_t bucket_count = 512;
/// The window kept when the text is longer than the scan buffer.
inline constexpr std::size_t max_needle_length = 64;
inline constexpr std::size_t scan_window = 1024;

constexpr std::string_view needle(std::size_t i) noexcept {
  if (i < phrase_rule_count) return phrase_rules[i].phrase;
  const std::size_t j = (i - phrase_rule_count) / 2;
  return (i - phrase_rule_count) % 2 == 0 ? provider_rules[j].marker : provider_rules[j].phrase;
}

constexpr unsigned char fold(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'A' && u <= 'Z') ? static_cast<unsigned char>(u + 32) : u;
}

constexpr std::size_t bucket_of(char a, char b, char c) noexcept {
  return (static_cast<std::size_t>(fold(a)) * 961u + static_cast<std::size_t>(fold(b)) * 31u +
          static_cast<std::size_t>(fold(c))) %
         bucket_count;
}

/// Needles grouped by the bucket of their first three bytes.
struct needle_index {
  std::array<std::uint16_t, bucket_count + 1> start{};
  std::array<std::uint16_t, needle_count> items{};
  /// The first needle with the same text: repeated markers are indexed once.
  std::array<std::uint16_t, needle_count> canonical{};
  /// Per entry of `items`: its first four bytes (little-endian) and which of
  /// them count (a three-byte needle ignores the fourth): a one-compare filter.
  std::array<std::uint32_t, needle_count> item_head{};
  std::array<std::uint32_t, needle_count> item_mask{};
  std::size_t largest_bucket = 0;
};

constexpr needle_index build_needle_index() noexcept {
  // 1. Every needle of three bytes or more into its bucket, in table order.
  needle_index x{};
  std::array<std::uint16_t, bucket_count> counts{};
  for (std::size_t i = 0; i < needle_count; ++i) {
    x.canonical[i] = static_cast<std::uint16_t>(i);
    const std::string_view n = needle(i);
    if (n.size() >= 3) ++counts[bucket_of(n[0], n[1], n[2])];
  }
  std::array<std::uint16_t, bucket_count + 1> start{};
  for (std::size_t b = 0; b < bucket_count; ++b) start[b + 1] = static_cast<std::uint16_t>(start[b] + counts[b]);
  std::array<std::uint16_t, needle_count> all{};
  std::array<std::uint16_t, bucket_count> fill{};
  for (std::size_t i = 0; i < needle_count; ++i) {
    const std::string_view n = needle(i);
    if (n.size() < 3) continue;
    const std::size_t b = bucket_of(n[0], n[1], n[2]);
    all[start[b] + fill[b]] = static_cast<std::uint16_t>(i);
    ++fill[b];
  }
  // 2. Identical needles share a bucket: keep the first, point the others to it
  //    (markers such as "gsmtp" repeat; comparing within buckets keeps the
  //    compile-time cost near linear).
  std::uint16_t at = 0;
  for (std::size_t b = 0; b < bucket_count; ++b) {
    x.start[b] = at;
    std::size_t kept = 0;
    for (std::size_t k = start[b]; k < start[b + 1]; ++k) {
      const std::size_t i = all[k];
      for (std::size_t q = start[b]; q < k; ++q) {
        if (x.canonical[all[q]] == all[q] && needle(all[q]) == needle(i)) {
          x.canonical[i] = all[q];
          break;
        }
      }
      if (x.canonical[i] == i) {
        const std::string_view n = needle(i);
        std::uint32_t head = 0;
        std::uint32_t mask = 0;
        for (std::size_t q = 0; q < 4 && q < n.size(); ++q) {
          head |= static_cast<std::uint32_t>(static_cast<unsigned char>(n[q])) << (8 * q);
          mask |= std::uint32_t{0xff} << (8 * q);
        }
        x.item_head[at] = head;
        x.item_mask[at] = mask;
        x.items[at++] = static_cast<std::uint16_t>(i);
        ++kept;
      }
    }
    if (kept > x.largest_bucket) x.largest_bucket = kept;
  }
  x.start[bucket_count] = at;
  return x;
}

inline constexpr needle_index needles = build_needle_index();

// Every needle: lower case, single spaces, no space at either end, 3 to
// max_needle_length bytes; phrases are never empty.
constexpr bool needles_well_formed() noexcept {
  for (std::size_t i = 0; i < needle_count; ++i) {
    const std::string_view n = needle(i);
    if (n.empty()) {
      if (i < phrase_rule_count) return false;
      continue;
    }
    if (n.size() < 3 || n.size() > max_needle_length) return false;
    if (n.front() == ' ' || n.back() == ' ') return false;
    for (std::size_t k = 0; k < n.size(); ++k) {
      if (n[k] >= 'A' && n[k] <= 'Z') return false;
      if (n[k] == '\t' || n[k] == '\r' || n[k] == '\n') return false;
      if (n[k] == ' ' && k + 1 < n.size() && n[k + 1] == ' ') return false;
    }
  }
  return true;
}

constexpr bool provider_rules_well_formed() noexcept {
  for (const provider_rule& r : provider_rules) {
    if (r.id.empty() || r.provider.empty() || r.source.empty()) return false;
    if (r.marker.empty() && r.phrase.empty() && r.klass == 0) return false;  // would match everything
    if (r.klass != 0 && (r.detail_first > r.detail_last || (r.klass != 4 && r.klass != 5))) return false;
  }
  for (const phrase_rule& r : phrase_rules) {
    if (r.id.empty() || r.source.empty() || r.reason == reason::delivered || r.reason == reason::unknown) return false;
  }
  return true;
}

constexpr bool enhanced_rules_sorted() noexcept {
  for (std::size_t i = 1; i < std::size(enhanced_rules); ++i) {
    const enhanced_rule& a = enhanced_rules[i - 1];
    const enhanced_rule& b = enhanced_rules[i];
    if (!(a.subject < b.subject || (a.subject == b.subject && a.detail < b.detail))) return false;
  }
  return true;
}

// No two phrase rules share a phrase (identical needles end in one bucket,
// so the index already knows). Unique rule ids are checked by the tests.
constexpr bool phrases_unique() noexcept {
  for (std::size_t i = 0; i < phrase_rule_count; ++i) {
    if (needles.canonical[i] != i) return false;
  }
  return true;
}

}  // namespace detail

static_assert(detail::needles_well_formed(), "phrases and markers: lower case, single-spaced, 3-64 bytes");
static_assert(detail::provider_rules_well_formed(), "provider and phrase rules need ids, sources and a condition");
static_assert(detail::enhanced_rules_sorted(), "enhanced_rules must be sorted by subject.detail");
static_assert(detail::phrases_unique(), "two phrase rules have the same phrase");
static_assert(detail::needle_count < 65535, "needle indexes are 16-bit");
// The per-position work bound of the scan (see the header comment).
static_assert(detail::needles.largest_bucket <= 16, "a bucket of the needle index grew too large");
static_assert(detail::scan_window > 4 * detail::max_needle_length, "the scan window must exceed the overlap");

// ---------------------------------------------------------------------------
// The classification

/// Which step of the decision order decided.
enum class rule_kind : std::uint8_t {
  reply_class = 0,  ///< step 0 or 5: the reply class (2yz delivered; otherwise unknown)
  provider = 1,     ///< step 1: `provider_rules`
  phrase = 2,       ///< step 2: `phrase_rules`
  enhanced = 3,     ///< step 3: `enhanced_rules`
  context = 4,      ///< step 4: `context_rules`
};

[[nodiscard]] constexpr std::string_view name(rule_kind k) noexcept {
  switch (k) {
    case rule_kind::reply_class: return "reply_class";
    case rule_kind::provider: return "provider";
    case rule_kind::phrase: return "phrase";
    case rule_kind::enhanced: return "enhanced";
    case rule_kind::context: return "context";
  }
  return "reply_class";
}

/// The rule that decided: views into the rule tables (static storage).
struct rule_ref {
  rule_kind kind = rule_kind::reply_class;
  std::string_view id;       ///< e.g. "phrase.mailbox_full", "enhanced.x.2.2", "class.unknown"
  std::string_view matched;  ///< the table's phrase or marker that matched (lower case); empty for codes
  std::string_view source;   ///< the documented source of the row
};

/**
 * What classify() found. Every view points into static tables.
 * `permanent` is the bounce processor's "hard bounce": a 5yz (or code-less)
 * failure whose action is not a retry, i.e. sending the same message again
 * unchanged will not succeed (`give_up`, `fix_request`, `authenticate`,
 * `start_tls`). A 5yz mailbox-full or rate-limit reply is soft (`retry_later`).
 */
struct classification {
  smtpreply::reason reason = smtpreply::reason::unknown;
  action act = action::give_up;  ///< what to do; `advise()`'s unless a provider/phrase rule decided
  bool permanent = false;        ///< hard bounce: a failure that retrying unchanged will not fix
  rule_ref rule{};
  std::string_view provider;      ///< set when a provider rule decided
  std::uint32_t retry_after = 0;  ///< seconds, when the text states a delay; 0 otherwise
  reply_code code{};
  enhanced_code enhanced{};
};

// ---------------------------------------------------------------------------
// The human text of a reply: lines joined, repeated enhanced code once.

namespace detail {

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

constexpr std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// A leading reply code: three digits followed by the end, SP, '-' or HT.
constexpr std::uint16_t leading_code(std::string_view s) noexcept {
  if (s.size() < 3 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2])) return 0;
  if (s.size() > 3 && s[3] != ' ' && s[3] != '-' && s[3] != '\t' && s[3] != '\r' && s[3] != '\n') return 0;
  return static_cast<std::uint16_t>((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'));
}

/// Drops an enhanced code equal to `esc` (or '#'-prefixed) from the start.
constexpr std::string_view drop_enhanced(std::string_view text, enhanced_code esc) noexcept {
  if (esc.empty()) return text;
  const enhanced_in_text e = find_enhanced(text);
  if ((e.presence == enhanced_presence::valid || e.presence == enhanced_presence::hash_prefixed) && e.code == esc) {
    return e.rest;
  }
  return text;
}

/// Where the next line of a flattened reply starts in `s` (at or after `from`):
/// whitespace, then `code` and '-', SP or the end. s.size() when none.
constexpr std::size_t next_flattened_line(std::string_view s, std::size_t from, std::uint16_t code) noexcept {
  if (code == 0) return s.size();
  for (std::size_t i = from; i + 3 <= s.size(); ++i) {
    if (i == 0 || !is_space(s[i - 1])) continue;
    if (leading_code(s.substr(i)) == code) return i;
  }
  return s.size();
}

/// The enhanced code a text begins with (valid or '#'-prefixed).
constexpr enhanced_code enhanced_at_start(std::string_view text) noexcept {
  const enhanced_in_text e = find_enhanced(text);
  return (e.presence == enhanced_presence::valid || e.presence == enhanced_presence::hash_prefixed) ? e.code
                                                                                                    : enhanced_code{};
}

}  // namespace detail

/**
 * Calls `sink(piece)` with the human text of a reply, in order: each line's
 * text (code and separator dropped), with a single " " between lines, and the
 * first line's enhanced code kept once (dropped from the lines that repeat
 * it). Allocation free; `Reply.message` in Python is this text.
 */
template <class Sink>
constexpr void message_pieces(const reply& r, Sink&& sink) {
  bool first = true;
  enhanced_code esc{};
  for (std::string_view line : r.lines()) {
    line = detail::trim(line);
    if (first) {
      esc = detail::enhanced_at_start(line);
    } else {
      line = detail::trim(detail::drop_enhanced(line, esc));
    }
    if (line.empty()) {
      first = false;
      continue;
    }
    if (!first) sink(std::string_view(" "));
    sink(line);
    first = false;
  }
}

/**
 * The same for reply text that is not a parsed reply: one line, several
 * lines, or a multi-line reply flattened onto one line
 * ("550-5.1.1 a 550-5.1.1 b 550 5.1.1 c"). A new line starts wherever
 * whitespace is followed by the first line's code and '-', SP or the end.
 */
template <class Sink>
constexpr void message_pieces(std::string_view text, Sink&& sink) {
  text = detail::trim(text);
  const std::uint16_t code = detail::leading_code(text);
  std::size_t at = 0;
  bool first = true;
  bool emitted = false;
  enhanced_code esc{};
  while (at < text.size() || first) {
    const std::size_t end = detail::next_flattened_line(text, at + (code != 0 ? 3 : 0), code);
    std::string_view line = text.substr(at, end - at);
    if (code != 0) {
      line.remove_prefix(3);
      if (!line.empty() && (line[0] == ' ' || line[0] == '-' || line[0] == '\t')) line.remove_prefix(1);
    }
    line = detail::trim(line);
    if (first) {
      esc = detail::enhanced_at_start(line);
    } else {
      line = detail::trim(detail::drop_enhanced(line, esc));
    }
    if (!line.empty()) {
      if (emitted) sink(std::string_view(" "));
      sink(line);
      emitted = true;
    }
    first = false;
    at = end;
  }
}

// ---------------------------------------------------------------------------
// The scanner

namespace detail {

/// Which needles occur, plus the first stated delay.
struct scan_result {
  std::array<std::uint64_t, (needle_count + 63) / 64> found{};
  std::uint32_t retry_after = 0;
  /// The lowest needle index below `limit` that occurs (limit when none).
  constexpr std::size_t first_found(std::size_t limit) const noexcept {
    for (std::size_t w = 0; w * 64 < limit; ++w) {
      std::uint64_t bits = found[w];
      if (bits == 0) continue;
      std::size_t bit = 0;
      while ((bits & 1u) == 0) {  // at most 63 steps, once per call
        bits >>= 1;
        ++bit;
      }
      const std::size_t i = w * 64 + bit;
      return i < limit ? i : limit;
    }
    return limit;
  }
  /// Whether any needle at or above `from` occurs.
  constexpr bool any_from(std::size_t from) const noexcept {
    for (std::size_t w = from / 64; w < found.size(); ++w) {
      std::uint64_t bits = found[w];
      if (w == from / 64) bits &= ~std::uint64_t{0} << (from % 64);
      if (bits != 0) return true;
    }
    return false;
  }
  /// Whether needle i (or an identical one) occurs.
  constexpr bool has(std::size_t i) const noexcept {
    const std::size_t c = needles.canonical[i];
    return (found[c / 64] >> (c % 64)) & 1u;
  }
  constexpr void set(std::size_t i) noexcept { found[i / 64] |= std::uint64_t{1} << (i % 64); }
};

constexpr bool is_word_byte(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

constexpr bool starts_with_at(const char* buf, std::size_t size, std::size_t p, std::string_view n) noexcept {
  if (p + n.size() > size) return false;
  for (std::size_t k = 0; k < n.size(); ++k) {
    if (buf[p + k] != n[k]) return false;
  }
  return true;
}

// A unit word after a number: returns seconds per unit, 0 when none.
constexpr std::uint32_t unit_at(const char* buf, std::size_t size, std::size_t p) noexcept {
  struct unit {
    std::string_view word;
    std::uint32_t seconds;
  };
  constexpr unit units[] = {{"seconds", 1},  {"second", 1},  {"secs", 1},   {"sec", 1},   {"s", 1},
                            {"minutes", 60}, {"minute", 60}, {"mins", 60},  {"min", 60},  {"m", 60},
                            {"hours", 3600}, {"hour", 3600}, {"hrs", 3600}, {"hr", 3600}, {"h", 3600}};
  for (const unit& u : units) {
    if (!starts_with_at(buf, size, p, u.word)) continue;
    const std::size_t after = p + u.word.size();
    if (after < size && fold(buf[after]) >= 'a' && fold(buf[after]) <= 'z') continue;  // "sent", "more"
    return u.seconds;
  }
  return 0;
}

// Words that make a number before them a retry delay.
constexpr bool retry_context(const char* buf, std::size_t p) noexcept {
  constexpr std::string_view words[] = {"again", "retry", "wait",  "grey",  "gray",
                                        "later", "defer", "after", "block", "temporar"};
  const std::size_t from = p > 48 ? p - 48 : 0;
  for (std::size_t i = from; i < p; ++i) {
    for (const std::string_view w : words) {
      if (starts_with_at(buf, p, i, w)) return true;
    }
  }
  return false;
}

// At a digit that starts a number: "N unit" after retry words -> seconds.
constexpr std::uint32_t delay_at(const char* buf, std::size_t size, std::size_t p) noexcept {
  std::uint64_t n = 0;
  std::size_t q = p;
  while (q < size && is_digit(buf[q]) && q - p < 7) n = n * 10 + static_cast<std::uint64_t>(buf[q++] - '0');
  if (q < size && is_digit(buf[q])) return 0;                  // too many digits
  if (q < size && (buf[q] == '.' || buf[q] == ':')) return 0;  // 4.7.1, 12:30
  if (q < size && buf[q] == ' ') ++q;
  const std::uint32_t unit = unit_at(buf, size, q);
  if (unit == 0 || n == 0 || !retry_context(buf, p)) return 0;
  const std::uint64_t s = n * unit;
  constexpr std::uint32_t week = std::uint32_t{7} * 24 * 3600;  // a stated delay is capped at a week
  return s > week ? week : static_cast<std::uint32_t>(s);
}

/**
 * Feeds normalised bytes (ASCII lower case, whitespace runs as one space)
 * through a fixed window and records every needle that occurs. Each byte is
 * a match start once; the last max_needle_length-1 bytes (and the retry
 * context) are kept when the window slides.
 */
class scanner {
 public:
  constexpr void feed(std::string_view s) noexcept {
    for (const char c : s) {
      if (is_space(c)) {
        if (size_ == 0 || buf_[size_ - 1] == ' ') continue;
        push(' ');
      } else {
        push(static_cast<char>(fold(c)));
      }
    }
  }
  constexpr scan_result finish() noexcept {
    scan(size_);
    return result_;
  }

 private:
  static constexpr std::size_t keep = max_needle_length + 48;

  constexpr void push(char c) noexcept {
    if (size_ == scan_window) {
      // Scan every start that has a whole needle's length after it, then keep
      // the last `keep` bytes: the unscanned tail and some retry context.
      scan(size_ - max_needle_length);
      const std::size_t from = size_ - keep;
      for (std::size_t i = 0; i < keep; ++i) buf_[i] = buf_[from + i];
      size_ = keep;
      scanned_ = keep - max_needle_length;
    }
    buf_[size_++] = c;
  }

  constexpr void scan(std::size_t limit) noexcept {
    const char* b = buf_.data();
    for (std::size_t p = scanned_; p < limit; ++p) {
      if (result_.retry_after == 0 && is_digit(b[p]) && (p == 0 || (!is_digit(b[p - 1]) && b[p - 1] != '.'))) {
        result_.retry_after = delay_at(b, size_, p);
      }
      // Needles start words: never right after an ASCII letter or digit
      // ("spam" is not found in "antispam"; "spamhaus" is in "zen.spamhaus.org").
      if (p + 2 >= size_ || (p > 0 && is_word_byte(b[p - 1]))) continue;
      const std::size_t bucket = bucket_of(b[p], b[p + 1], b[p + 2]);
      const std::size_t first = needles.start[bucket];
      const std::size_t last = needles.start[bucket + 1];
      if (first == last) continue;
      const std::uint32_t word =
          static_cast<std::uint32_t>(static_cast<unsigned char>(b[p])) |
          static_cast<std::uint32_t>(static_cast<unsigned char>(b[p + 1])) << 8 |
          static_cast<std::uint32_t>(static_cast<unsigned char>(b[p + 2])) << 16 |
          (p + 3 < size_ ? static_cast<std::uint32_t>(static_cast<unsigned char>(b[p + 3])) << 24 : std::uint32_t{0});
      for (std::size_t k = first; k < last; ++k) {
        if ((word & needles.item_mask[k]) != needles.item_head[k]) continue;
        const std::size_t i = needles.items[k];  // canonical
        if (!result_.has(i) && starts_with_at(b, size_, p, needle(i))) result_.set(i);
      }
    }
    scanned_ = limit;
  }

  std::array<char, scan_window> buf_{};
  std::size_t size_ = 0;
  std::size_t scanned_ = 0;
  scan_result result_{};
};

/// The action for a reason decided by a provider or phrase rule.
constexpr action reason_action(smtpreply::reason why, action rule_action, reply_code code, enhanced_code esc,
                               command cmd) noexcept {
  const action base = advise(code, esc, cmd);
  const reply_class rc = code.reply_class();
  if (rc == reply_class::positive_completion || rc == reply_class::positive_intermediate) return base;
  const bool permanent_class = rc == reply_class::permanent_negative || rc == reply_class::unknown;
  switch (why) {
    case reason::mailbox_full:
    case reason::rate_limited:
    case reason::too_many_connections:
    case reason::greylisted:
    case reason::system_full:
    case reason::exceeds_limit:
      // Temporary by nature, whatever the class (the point 4).
      return is_retry(base) ? base : action::retry_later;
    case reason::message_too_big:
    case reason::content_error:
    case reason::not_rfc_compliant:
    case reason::syntax_error: return permanent_class ? action::fix_request : base;
    case reason::security_error:
      // "TLS required", "authentication required": repeating the request as it
      // was fails again whatever the class (after a 421, on a new connection).
      if (rule_action != action::done) return rule_action;
      if (base == action::authenticate || base == action::start_tls) return base;
      return permanent_class ? action::authenticate : base;
    case reason::delivered:
    case reason::user_unknown:
    case reason::mailbox_disabled:
    case reason::has_moved:
    case reason::host_unknown:
    case reason::relay_denied:
    case reason::sender_rejected:
    case reason::blocked:
    case reason::no_ptr:
    case reason::bad_reputation:
    case reason::dmarc_failure:
    case reason::starttls_failed:
    case reason::policy_violation:
    case reason::spam:
    case reason::virus:
    case reason::filtered:
    case reason::system_error:
    case reason::not_accepting:
    case reason::network_error:
    case reason::expired:
    case reason::mailer_error:
    case reason::unknown: break;
  }
  if (rule_action != action::done && permanent_class) return rule_action;
  return base;
}

constexpr bool provider_rule_matches(const provider_rule& r, std::size_t j, const scan_result& s,
                                     enhanced_code esc) noexcept {
  const std::size_t marker = phrase_rule_count + 2 * j;
  if (!r.marker.empty() && !s.has(marker)) return false;
  if (!r.phrase.empty() && !s.has(marker + 1)) return false;
  if (r.klass != 0) {
    if (esc.klass != r.klass || esc.subject != r.subject || esc.detail < r.detail_first || esc.detail > r.detail_last) {
      return false;
    }
  }
  return true;
}

constexpr std::size_t enhanced_rule_index(enhanced_code esc) noexcept {
  std::size_t lo = 0;
  std::size_t hi = std::size(enhanced_rules);
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const enhanced_rule& r = enhanced_rules[mid];
    if (r.subject < esc.subject || (r.subject == esc.subject && r.detail < esc.detail)) {
      lo = mid + 1;
    } else if (esc.subject < r.subject || (esc.subject == r.subject && esc.detail < r.detail)) {
      hi = mid;
    } else {
      return mid;
    }
  }
  return std::size(enhanced_rules);
}

constexpr classification decide(reply_code code, enhanced_code esc, command cmd, const scan_result& s) noexcept {
  classification c{};
  c.code = code;
  c.retry_after = s.retry_after;
  const reply_class rc = code.reply_class();
  // An enhanced code of another class than the reply code is ignored (RFC 2034 section 4).
  const bool agrees =
      !esc.empty() && (rc == reply_class::unknown || esc.klass == static_cast<std::uint16_t>(code.first_digit()));
  const enhanced_code e = agrees ? esc : enhanced_code{};
  c.enhanced = e;
  const enhanced_code advice_esc = rc == reply_class::unknown ? enhanced_code{} : e;

  // Step 0: successes and intermediate replies.
  if (rc == reply_class::positive_completion || rc == reply_class::positive_intermediate) {
    c.reason = rc == reply_class::positive_completion ? reason::delivered : reason::unknown;
    c.act = advise(code, advice_esc, cmd);
    c.rule = {rule_kind::reply_class,
              rc == reply_class::positive_completion ? "class.2yz" : "class.3yz",
              {},
              "RFC 5321 section 4.2.1"};
    c.permanent = false;
    return c;
  }

  bool decided = false;
  action rule_action = action::done;
  // Step 1: provider rules. Without any marker or provider phrase in the text
  // only the rules that need nothing but a vendor enhanced code can match.
  const bool any_provider_text = s.any_from(phrase_rule_count);
  for (std::size_t j = 0; j < provider_rule_count && !decided; ++j) {
    const provider_rule& r = provider_rules[j];
    if (!any_provider_text && (!r.marker.empty() || !r.phrase.empty() || e.klass == 0)) continue;
    if (!provider_rule_matches(r, j, s, e)) continue;
    c.reason = r.reason;
    c.provider = r.provider;
    c.rule = {rule_kind::provider, r.id, r.phrase.empty() ? r.marker : r.phrase, r.source};
    rule_action = r.act;
    decided = true;
  }
  // Step 2: phrase rules, first row wins (the lowest set bit of the phrase range:
  // phrases are never duplicates, so their bits are their own).
  if (!decided) {
    const std::size_t i = s.first_found(phrase_rule_count);
    if (i < phrase_rule_count) {
      const phrase_rule& r = phrase_rules[i];
      c.reason = r.reason;
      c.rule = {rule_kind::phrase, r.id, r.phrase, r.source};
      rule_action = r.act;
      decided = true;
    }
  }
  if (decided) {
    c.act = reason_action(c.reason, rule_action, code, advice_esc, cmd);
  } else {
    c.act = advise(code, advice_esc, cmd);
    // Step 3: the enhanced code's registered meaning.
    const std::size_t ei = (e.klass == 4 || e.klass == 5) ? enhanced_rule_index(e) : std::size(enhanced_rules);
    if (ei < std::size(enhanced_rules)) {
      c.reason = enhanced_rules[ei].reason;
      c.rule = {rule_kind::enhanced, enhanced_rules[ei].id, {}, enhanced_rules[ei].source};
      decided = true;
    }
    // Step 4: command context and code.
    for (std::size_t k = 0; k < std::size(context_rules) && !decided; ++k) {
      const context_rule& r = context_rules[k];
      if (r.code != code.value() || (r.cmd != command::none && r.cmd != cmd)) continue;
      c.reason = r.reason;
      c.rule = {rule_kind::context, r.id, {}, r.source};
      decided = true;
    }
    // Step 5: nothing is guessed.
    if (!decided) {
      c.reason = reason::unknown;
      c.rule = {rule_kind::reply_class, "class.unknown", {}, "smtpreply: no rule decided"};
    }
  }
  const bool failing = rc == reply_class::permanent_negative || rc == reply_class::unknown;
  c.permanent = failing && !is_retry(c.act) && c.act != action::done && c.act != action::continue_request;
  return c;
}

}  // namespace detail

/**
 * Classifies a parsed reply: why it failed (`reason`), what to do (`act`),
 * hard or soft (`permanent`), which rule decided and where that rule comes
 * from, the provider, and a stated retry delay. `cmd` is the command the
 * reply answers, when known. constexpr, noexcept, no allocation; linear in
 * the reply's length (see the header comment for the bound).
 */
[[nodiscard]] constexpr classification classify(const reply& r, command cmd = command::none) noexcept {
  detail::scanner s{};
  message_pieces(r, [&s](std::string_view piece) { s.feed(piece); });
  enhanced_code esc = r.enhanced();
  if (esc.empty()) esc = detail::enhanced_at_start(r.first_line());  // "#5.1.0" forms
  return detail::decide(r.code(), esc, cmd, s.finish());
}

/**
 * Classifies reply text that was not parsed: one line with or without CRLF,
 * several lines, or a multi-line reply flattened onto one line
 * ("550-5.1.1 a 550-5.1.1 b 550 5.1.1 c"), as logs and bounces carry it.
 * Text without a leading code is classified by its phrases alone (its
 * `code` is 0).
 */
[[nodiscard]] constexpr classification classify(std::string_view text, command cmd = command::none) noexcept {
  detail::scanner s{};
  message_pieces(text, [&s](std::string_view piece) { s.feed(piece); });
  const std::string_view t = detail::trim(text);
  const std::uint16_t code = detail::leading_code(t);
  enhanced_code esc{};
  if (code != 0 && t.size() > 4) esc = detail::enhanced_at_start(detail::trim(t.substr(4)));
  if (code == 0) esc = detail::enhanced_at_start(t);
  return detail::decide(reply_code{code}, esc, cmd, s.finish());
}

// ---------------------------------------------------------------------------
// RFC 3464 Diagnostic-Code fields

/// A Diagnostic-Code field split into its parts (views into the input).
struct diagnostic {
  std::string_view type;  ///< "smtp", "X-Postfix", ...; empty when absent
  std::string_view text;  ///< the diagnostic text, trimmed
  reply_code code{};      ///< the leading reply code of the text, or 0
  enhanced_code enhanced{};
  [[nodiscard]] constexpr bool is_smtp() const noexcept {
    if (type.size() != 4) return false;
    for (std::size_t i = 0; i < 4; ++i) {
      if (detail::fold(type[i]) != static_cast<unsigned char>("smtp"[i])) return false;
    }
    return true;
  }
};

/**
 * Reads an RFC 3464 (section 2.3.6) Diagnostic-Code value, "diagnostic-type;
 * text", with or without the "Diagnostic-Code:" name, unfolded or not:
 * "smtp; 550-5.1.1 a 550 5.1.1 b" -> type "smtp", code 550, enhanced 5.1.1.
 */
[[nodiscard]] constexpr diagnostic from_diagnostic_code(std::string_view field) noexcept {
  diagnostic d{};
  std::string_view s = detail::trim(field);
  constexpr std::string_view header = "diagnostic-code:";
  if (s.size() >= header.size()) {
    bool same = true;
    for (std::size_t i = 0; i < header.size(); ++i)
      same = same && detail::fold(s[i]) == static_cast<unsigned char>(header[i]);
    if (same) s = detail::trim(s.substr(header.size()));
  }
  // diagnostic-type = atom: up to ';' with no space or digit-led code before it.
  for (std::size_t i = 0; i < s.size() && i < 64; ++i) {
    if (s[i] == ';') {
      if (i > 0 && detail::leading_code(s) == 0) {
        d.type = detail::trim(s.substr(0, i));
        s = detail::trim(s.substr(i + 1));
      }
      break;
    }
    if (detail::is_space(s[i])) break;
  }
  d.text = s;
  const std::uint16_t code = detail::leading_code(s);
  d.code = reply_code{code};
  if (code != 0 && s.size() > 4) d.enhanced = detail::enhanced_at_start(detail::trim(s.substr(4)));
  return d;
}

/// Classifies a Diagnostic-Code field (see from_diagnostic_code()).
[[nodiscard]] constexpr classification classify(const diagnostic& d, command cmd = command::none) noexcept {
  return classify(d.text, cmd);
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_CLASSIFY_HPP
