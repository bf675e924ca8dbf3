// smtpreply: which reply codes answer which commands (RFC 5321 section 4.3.2
// and the extension RFCs). The one table that the catalog (`explain()`'s
// commands), `check_reply()` and the pipeline tracker all read.
#ifndef SMTPREPLY_COMMAND_REPLIES_HPP
#define SMTPREPLY_COMMAND_REPLIES_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "code.hpp"
#include "command.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "enum_info.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

namespace detail {
template <class... C>
constexpr std::uint32_t cmds(C... c) noexcept {
  return (0u | ... | command_bit(c));
}
// Every verb a client sends (the greeting and end of data are not commands).
constexpr std::uint32_t all_verbs() noexcept {
  std::uint32_t m = 0;
  for (const enum_info<command>& row : command_table) {
    if (is_verb(row.value)) m |= command_bit(row.value);
  }
  return m;
}
}  // namespace detail

/// Every command a client sends, as a `command_bit()` mask.
inline constexpr std::uint32_t any_command_mask = detail::all_verbs();

/**
 * One row: `code` answers the commands in `commands` (a `command_bit()`
 * mask), says `source`. `any_command` marks the rows that RFC 5321 section
 * 4.3.2 (and RFC 7504 for 521) allow for every command rather than list per
 * command; `check_reply()` reports those as `code_check::any_command`.
 */
struct command_reply {
  /// Arguments in reading order; the members below are ordered to avoid padding.
  constexpr command_reply(std::uint16_t code_value, std::uint32_t command_mask, bool for_any_command,
                          std::string_view source_text) noexcept
      : source(source_text), commands(command_mask), code(code_value), any_command(for_any_command) {}

  std::string_view source;
  std::uint32_t commands;
  std::uint16_t code;
  bool any_command;
};

/// Sorted by code; a code may have several rows (one per source).
// clang-format off
inline constexpr command_reply command_reply_table[] = {
    {211, detail::cmds(command::help), false, "RFC 5321 section 4.3.2"},
    {214, detail::cmds(command::help), false, "RFC 5321 section 4.3.2"},
    {220, detail::cmds(command::greeting), false, "RFC 5321 section 4.3.2"},
    {220, detail::cmds(command::starttls), false, "RFC 3207 section 4"},
    {221, detail::cmds(command::quit), false, "RFC 5321 section 4.3.2"},
    {235, detail::cmds(command::auth), false, "RFC 4954 section 6"},
    {250, detail::cmds(command::ehlo, command::helo, command::mail, command::rcpt, command::end_of_data, command::rset,
                       command::vrfy, command::expn, command::noop), false, "RFC 5321 section 4.3.2"},
    {250, detail::cmds(command::bdat), false, "RFC 3030 section 2"},
    {250, detail::cmds(command::etrn), false, "RFC 1985 section 5"},
    {251, detail::cmds(command::rcpt, command::vrfy), false, "RFC 5321 section 4.3.2"},
    {251, detail::cmds(command::etrn), false, "RFC 1985 section 5"},
    {252, detail::cmds(command::vrfy, command::expn), false, "RFC 5321 section 4.3.2"},
    {252, detail::cmds(command::etrn), false, "RFC 1985 section 5"},
    {253, detail::cmds(command::etrn), false, "RFC 1985 section 5"},
    {334, detail::cmds(command::auth), false, "RFC 4954 section 4"},
    {354, detail::cmds(command::data), false, "RFC 5321 section 4.3.2"},
    {421, detail::cmds(command::greeting, command::end_of_data) | any_command_mask, true,
     "RFC 5321 sections 3.8 and 4.3.2"},
    {432, detail::cmds(command::auth), false, "RFC 4954 section 6"},
    {450, detail::cmds(command::rcpt, command::end_of_data), false, "RFC 5321 section 4.3.2"},
    {450, detail::cmds(command::bdat), false, "RFC 3030 section 2"},
    {451, detail::cmds(command::mail, command::rcpt, command::end_of_data), false, "RFC 5321 section 4.3.2"},
    {451, detail::cmds(command::bdat), false, "RFC 3030 section 2"},
    {452, detail::cmds(command::mail, command::rcpt, command::end_of_data), false, "RFC 5321 section 4.3.2"},
    {452, detail::cmds(command::bdat), false, "RFC 3030 section 2"},
    {454, detail::cmds(command::starttls), false, "RFC 3207 section 4"},
    {454, detail::cmds(command::auth), false, "RFC 4954 section 6"},
    {455, detail::cmds(command::mail, command::rcpt), false, "RFC 5321 section 4.3.2"},
    {458, detail::cmds(command::etrn), false, "RFC 1985 section 5"},
    {459, detail::cmds(command::etrn), false, "RFC 1985 section 5"},
    {500, any_command_mask, true, "RFC 5321 section 4.3.2"},
    {500, detail::cmds(command::expn), false, "RFC 5321 section 4.3.2 (listed for EXPN)"},
    {501, any_command_mask, true, "RFC 5321 section 4.3.2"},
    {502, detail::cmds(command::ehlo, command::helo, command::vrfy, command::expn, command::help), false,
     "RFC 5321 section 4.3.2"},
    {502, detail::cmds(command::auth, command::bdat, command::starttls, command::etrn), false,
     "RFC 5321 section 4.2.4 (recognized, not implemented)"},
    {503, detail::cmds(command::mail, command::rcpt, command::data), false, "RFC 5321 section 4.3.2"},
    {503, detail::cmds(command::bdat), false, "RFC 3030 section 2"},
    {503, detail::cmds(command::auth), false, "RFC 4954 section 4"},
    {504, detail::cmds(command::ehlo, command::helo, command::vrfy, command::expn, command::help), false,
     "RFC 5321 section 4.3.2"},
    {504, detail::cmds(command::auth), false, "RFC 4954 section 4"},
    {521, detail::cmds(command::greeting), false, "RFC 7504 section 3"},
    {521, any_command_mask & ~detail::cmds(command::quit), true, "RFC 7504 section 3 (every command but QUIT)"},
    {530, detail::cmds(command::helo, command::mail, command::rcpt, command::data, command::bdat, command::rset,
                       command::vrfy, command::expn, command::help, command::auth, command::etrn), false,
     "RFC 3207 section 4 (any command but NOOP, EHLO, STARTTLS, QUIT)"},
    {530, detail::cmds(command::mail, command::rcpt, command::data, command::bdat, command::vrfy, command::expn,
                       command::help, command::etrn), false,
     "RFC 4954 section 6 (any command but AUTH, EHLO, HELO, NOOP, RSET, QUIT)"},
    {534, detail::cmds(command::auth), false, "RFC 4954 section 6"},
    {535, detail::cmds(command::auth), false, "RFC 4954 section 6"},
    {538, detail::cmds(command::auth), false, "RFC 4954 section 6"},
    {550, detail::cmds(command::ehlo, command::helo, command::mail, command::rcpt, command::end_of_data,
                       command::vrfy, command::expn), false, "RFC 5321 section 4.3.2"},
    {550, detail::cmds(command::bdat), false, "RFC 3030 section 2"},
    {551, detail::cmds(command::rcpt, command::vrfy), false, "RFC 5321 section 4.3.2"},
    {552, detail::cmds(command::mail, command::rcpt, command::end_of_data), false, "RFC 5321 section 4.3.2"},
    {552, detail::cmds(command::bdat), false, "RFC 3030 section 2"},
    {553, detail::cmds(command::mail, command::rcpt, command::vrfy), false, "RFC 5321 section 4.3.2"},
    {554, detail::cmds(command::greeting, command::data, command::end_of_data), false, "RFC 5321 section 4.3.2"},
    {554, detail::cmds(command::bdat), false, "RFC 3030 section 2"},
    {555, detail::cmds(command::mail, command::rcpt), false, "RFC 5321 section 4.3.2"},
    {556, detail::cmds(command::rcpt), false, "RFC 7504 section 3"},
};
// clang-format on

namespace detail {
// Sorted by code, and each row names at least one known command. (The table
// is a parameter so that tests can show the check failing on a broken one.)
// One function for every table size (not a template), so that the tests'
// broken tables run the same code as the real one.
constexpr bool rows_sorted_by_code(const command_reply* table, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0 && table[i - 1].code > table[i].code) return false;
    if (table[i].commands == 0 || (table[i].commands & ~((1u << command_count) - 1u)) != 0) return false;
  }
  return true;
}
template <std::size_t N>
constexpr bool sorted_by_code(const command_reply (&table)[N]) noexcept {
  return rows_sorted_by_code(table, N);
}
}  // namespace detail
static_assert(detail::sorted_by_code(command_reply_table),
              "command_reply_table: sorted by code, each row names known commands");

namespace detail {
// commands_for() of every code 000-999, computed from command_reply_table at
// compile time, so that explain() looks it up in O(1).
struct commands_by_code {
  std::uint32_t mask[1000];
};
constexpr commands_by_code make_commands_by_code() noexcept {
  commands_by_code out{};
  for (const command_reply& row : command_reply_table) out.mask[row.code] |= row.commands;
  return out;
}
inline constexpr commands_by_code commands_index = make_commands_by_code();
}  // namespace detail

/// Every command `code` answers (a `command_bit()` mask); 0 for a code no RFC lists.
[[nodiscard]] constexpr std::uint32_t commands_for(reply_code code) noexcept {
  return code.value() < 1000 ? detail::commands_index.mask[code.value()] : 0u;
}

namespace detail {
// The index of the row that lists `code` for `c` (a per-command row before an
// any-command one), or the table's size. Indexes, not pointers: GCC refuses
// pointer comparisons with null in some constant expressions.
constexpr std::size_t command_reply_index(command c, reply_code code) noexcept {
  constexpr std::size_t n = std::size(command_reply_table);
  std::size_t any = n;
  for (std::size_t i = 0; i < n; ++i) {
    const command_reply& row = command_reply_table[i];
    if (row.code != code.value() || (row.commands & command_bit(c)) == 0) continue;
    if (!row.any_command) return i;
    if (any == n) any = i;
  }
  return any;
}
}  // namespace detail

/// The row that lists `code` for `c` (a per-command row before an
/// any-command one), or nullptr.
[[nodiscard]] constexpr const command_reply* find_command_reply(command c, reply_code code) noexcept {
  const std::size_t i = detail::command_reply_index(c, code);
  return i < std::size(command_reply_table) ? command_reply_table + i : nullptr;
}

/// Whether any row lists `code` for `c`.
[[nodiscard]] constexpr bool listed_for(reply_code code, command c) noexcept {
  return (commands_for(code) & command_bit(c)) != 0;
}

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_COMMAND_REPLIES_HPP
