// smtpreply: what a client should do about a reply (the outcome of advise()).
#ifndef SMTPREPLY_ACTION_HPP
#define SMTPREPLY_ACTION_HPP

#include <cstdint>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "enum_info.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

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

/// Every action, with the sentence `describe()` gives.
inline constexpr enum_info<action> action_table[] = {
    {action::done, "done", "The request succeeded; go on with the next command.", ""},
    {action::continue_request, "continue_request",
     "The server waits for more: send the next part (message data or the next AUTH line).", ""},
    {action::retry_later, "retry_later",
     "A temporary failure: keep the message and try the same request again later, backing off.", ""},
    {action::retry_other_host, "retry_other_host",
     "This host will not serve the request now: try the domain's next MX host, then retry later.", ""},
    {action::reconnect, "reconnect",
     "The server is closing the connection: treat the session as lost and start over later on a new one.", ""},
    {action::fix_request, "fix_request",
     "The request itself is wrong: correct the command, its arguments or their order before resending.", ""},
    {action::authenticate, "authenticate",
     "Authenticate: supply valid credentials or a mechanism the server accepts, then retry.", ""},
    {action::start_tls, "start_tls", "Encryption is required: issue STARTTLS, repeat EHLO, then retry.", ""},
    {action::give_up, "give_up", "A permanent failure: do not retry unchanged; return the message or report the error.",
     ""},
};
static_assert(detail::dense(action_table) && detail::good_names(action_table), "action_table: row i is action i");

/// Stable snake_case identifier, e.g. "retry_later".
[[nodiscard]] constexpr std::string_view name(action a) noexcept { return detail::name_in(action_table, a, "unknown"); }

/// One sentence for people.
[[nodiscard]] constexpr std::string_view describe(action a) noexcept {
  return detail::text_in(action_table, a, "Unknown action.");
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_ACTION_HPP
