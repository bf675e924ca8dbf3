// smtpreply: the SMTP commands a reply can answer, for advice and checking.
#ifndef SMTPREPLY_COMMAND_HPP
#define SMTPREPLY_COMMAND_HPP

#include <cstdint>
#include <string_view>

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// What a reply answers. `greeting` is the connection opening (RFC 5321
/// section 3.1); `end_of_data` is the final "." after DATA (section 4.1.1.4).
enum class command : std::uint8_t {
  none = 0,  ///< not known
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
};

[[nodiscard]] constexpr std::string_view name(command c) noexcept {
  switch (c) {
    case command::none: return "none";
    case command::greeting: return "greeting";
    case command::ehlo: return "ehlo";
    case command::helo: return "helo";
    case command::mail: return "mail";
    case command::rcpt: return "rcpt";
    case command::data: return "data";
    case command::end_of_data: return "end_of_data";
    case command::bdat: return "bdat";
    case command::rset: return "rset";
    case command::vrfy: return "vrfy";
    case command::expn: return "expn";
    case command::help: return "help";
    case command::noop: return "noop";
    case command::quit: return "quit";
    case command::auth: return "auth";
    case command::starttls: return "starttls";
  }
  return "none";
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_COMMAND_HPP
