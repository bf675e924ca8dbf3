// smtpreply: the SMTP commands a reply can answer, for advice and checking.
#ifndef SMTPREPLY_COMMAND_HPP
#define SMTPREPLY_COMMAND_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "detail/ascii.hpp"
#include "enum_info.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// What a reply answers. `greeting` is the connection opening (RFC 5321
/// section 3.1); `end_of_data` is the final "." after DATA (section 4.1.1.4).
/// The numbers are stable; new commands are added at the end.
enum class command : std::uint8_t {
  none = 0,
  greeting,
  ehlo,
  helo,
  mail,
  rcpt,
  data,
  end_of_data,
  bdat,
  rset,
  vrfy,
  expn,
  help,
  noop,
  quit,
  auth,
  starttls,
  etrn,
};

/// Every command. For the commands a client sends, the name is the verb in
/// lower case ("ehlo" is sent as EHLO); `none`, `greeting` and `end_of_data`
/// are not verbs.
inline constexpr enum_info<command> command_table[] = {
    {command::none, "none", "not known", ""},
    {command::greeting, "greeting", "the connection opening", "RFC 5321 section 3.1"},
    {command::ehlo, "ehlo", "extended hello: identify the client, ask for extensions", "RFC 5321 section 4.1.1.1"},
    {command::helo, "helo", "hello, without extensions", "RFC 5321 section 4.1.1.1"},
    {command::mail, "mail", "MAIL FROM: start a transaction with the reverse-path", "RFC 5321 section 4.1.1.2"},
    {command::rcpt, "rcpt", "RCPT TO: add a recipient", "RFC 5321 section 4.1.1.3"},
    {command::data, "data", "ask to send the message", "RFC 5321 section 4.1.1.4"},
    {command::end_of_data, "end_of_data", "the final \".\" line after the message data", "RFC 5321 section 4.1.1.4"},
    {command::bdat, "bdat", "send one chunk of the message", "RFC 3030 section 2"},
    {command::rset, "rset", "abort the transaction", "RFC 5321 section 4.1.1.5"},
    {command::vrfy, "vrfy", "verify an address", "RFC 5321 section 4.1.1.6"},
    {command::expn, "expn", "expand a mailing list", "RFC 5321 section 4.1.1.7"},
    {command::help, "help", "ask for help", "RFC 5321 section 4.1.1.8"},
    {command::noop, "noop", "do nothing", "RFC 5321 section 4.1.1.9"},
    {command::quit, "quit", "close the session", "RFC 5321 section 4.1.1.10"},
    {command::auth, "auth", "authenticate with SASL (and each SASL response line)", "RFC 4954 section 4"},
    {command::starttls, "starttls", "start TLS", "RFC 3207 section 4"},
    {command::etrn, "etrn", "ask the server to start its queue for a domain", "RFC 1985 section 5"},
};
static_assert(detail::dense(command_table) && detail::good_names(command_table), "command_table: row i is command i");

/// Number of commands (`none` included).
inline constexpr std::size_t command_count = sizeof(command_table) / sizeof(command_table[0]);

[[nodiscard]] constexpr std::string_view name(command c) noexcept { return detail::name_in(command_table, c, "none"); }

/// Whether `c` is a verb a client sends (not none, greeting or end_of_data).
[[nodiscard]] constexpr bool is_verb(command c) noexcept {
  return c != command::none && c != command::greeting && c != command::end_of_data &&
         static_cast<std::size_t>(c) < command_count;
}

/// A bit per command, for sets of commands.
[[nodiscard]] constexpr std::uint32_t command_bit(command c) noexcept { return 1u << static_cast<unsigned>(c); }
static_assert(command_count <= 32, "command sets are 32-bit masks");

/**
 * The command a client line sends: the verb up to SP or the end of the
 * line, any case, exactly ("MAILX" is none); "." alone is end_of_data.
 * A trailing CRLF or LF is ignored.
 */
[[nodiscard]] constexpr command command_from_line(std::string_view line) noexcept {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line == ".") return command::end_of_data;
  const std::string_view verb = line.substr(0, line.find(' '));
  for (const enum_info<command>& row : command_table) {
    if (is_verb(row.value) && detail::iequal(verb, row.name)) return row.value;
  }
  return command::none;
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_COMMAND_HPP
