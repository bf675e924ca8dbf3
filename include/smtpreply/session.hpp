// smtpreply: replies checked against the commands they answer (RFC 5321
// section 4.3.2 and the extension RFCs), and a pipeline tracker that pairs
// replies with commands by counting (RFC 2920 section 3.1).
#ifndef SMTPREPLY_SESSION_HPP
#define SMTPREPLY_SESSION_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string_view>

#include "code.hpp"
#include "command.hpp"
#include "command_replies.hpp"
#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP
#include "enum_info.hpp"
#include "reply.hpp"

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// The column of RFC 5321 section 4.3.2 a code sits in, which its first
/// digit decides.
enum class reply_role : std::uint8_t {
  success = 0,       ///< "S"
  intermediate = 1,  ///< "I": the command goes on (354, 334)
  error = 2,         ///< "E"
};

inline constexpr enum_info<reply_role> reply_role_table[] = {
    {reply_role::success, "success", "S: a 2yz reply", "RFC 5321 section 4.3.2"},
    {reply_role::intermediate, "intermediate", "I: a 3yz reply, the command goes on", "RFC 5321 section 4.3.2"},
    {reply_role::error, "error", "E: a 4yz or 5yz reply", "RFC 5321 section 4.3.2"},
};
static_assert(detail::dense(reply_role_table) && detail::good_names(reply_role_table), "reply_role_table order");

[[nodiscard]] constexpr std::string_view name(reply_role r) noexcept {
  return detail::name_in(reply_role_table, r, "error");
}

/// The role of a code in RFC 5321 section 4.3.2's lists.
[[nodiscard]] constexpr reply_role role_of(reply_code code) noexcept {
  return code.first_digit() == 2   ? reply_role::success
         : code.first_digit() == 3 ? reply_role::intermediate
                                   : reply_role::error;
}

/// How a code fits the command it answers.
enum class code_check : std::uint8_t {
  listed = 0,
  any_command = 1,
  not_listed = 2,
  unknown_command = 3,
};

inline constexpr enum_info<code_check> code_check_table[] = {
    {code_check::listed, "listed", "a row of command_reply_table lists it for the command", ""},
    {code_check::any_command, "any_command", "allowed for any command (421, 500, 501; 521 but to QUIT)",
     "RFC 5321 section 4.3.2; RFC 7504 section 3"},
    {code_check::not_listed, "not_listed", "no RFC lists it for this command (e.g. 250 to DATA)", ""},
    {code_check::unknown_command, "unknown_command", "command::none: nothing to check against", ""},
};
static_assert(detail::dense(code_check_table) && detail::good_names(code_check_table), "code_check_table order");

[[nodiscard]] constexpr std::string_view name(code_check c) noexcept {
  return detail::name_in(code_check_table, c, "unknown_command");
}

/// One (command, code) pair of `command_reply_table`, seen from the command.
struct expected_reply {
  command cmd = command::none;
  std::uint16_t code = 0;  ///< 0: not listed
  reply_role role = reply_role::error;
  bool any_command = false;  ///< from a row RFC 5321 4.3.2 (or RFC 7504) allows for every command
  std::string_view source{};
};

namespace detail {
constexpr expected_reply expected_from_row(command c, std::size_t i) noexcept {
  if (i >= std::size(command_reply_table)) return {};
  const command_reply& row = command_reply_table[i];
  return {c, row.code, role_of(reply_code{row.code}), row.any_command, row.source};
}
}  // namespace detail

/// The row that lists `code` for `c`, a per-command one first; code 0 when
/// none does.
[[nodiscard]] constexpr expected_reply find_expected(command c, reply_code code) noexcept {
  return detail::expected_from_row(c, detail::command_reply_index(c, code));
}

/// The rows listed for one command, in code order (any-command rows too when
/// `with_any_command`). A forward range of `expected_reply` values.
class expected_reply_range {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = expected_reply;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = expected_reply;

    constexpr iterator() noexcept = default;
    constexpr iterator(command c, bool any, std::size_t i) noexcept : cmd_(c), any_(any), i_(i) { settle(); }
    constexpr expected_reply operator*() const noexcept { return detail::expected_from_row(cmd_, i_); }
    constexpr iterator& operator++() noexcept {
      ++i_;
      settle();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept { return a.i_ == b.i_; }
    friend constexpr bool operator!=(const iterator& a, const iterator& b) noexcept { return a.i_ != b.i_; }

   private:
    static constexpr std::size_t total = std::size(command_reply_table);
    constexpr void settle() noexcept {
      while (i_ < total && ((command_reply_table[i_].commands & command_bit(cmd_)) == 0 ||
                            (command_reply_table[i_].any_command && !any_))) {
        ++i_;
      }
    }
    command cmd_ = command::none;
    bool any_ = false;
    std::size_t i_ = total;
  };

  constexpr expected_reply_range(command c, bool with_any_command) noexcept : cmd_(c), any_(with_any_command) {}
  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator{cmd_, any_, 0}; }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator{}; }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }

 private:
  command cmd_;
  bool any_;
};

/// The rows listed for `c` (without the any-command rows unless asked).
[[nodiscard]] constexpr expected_reply_range expected_for(command c, bool with_any_command = false) noexcept {
  return expected_reply_range{c, with_any_command};
}

/// Whether the RFCs list `code` as an answer to `c` (command_reply_table).
[[nodiscard]] constexpr code_check check_reply(command c, reply_code code) noexcept {
  if (c == command::none) return code_check::unknown_command;
  const std::size_t i = detail::command_reply_index(c, code);
  if (i == std::size(command_reply_table)) return code_check::not_listed;
  return command_reply_table[i].any_command ? code_check::any_command : code_check::listed;
}

/// What the tracker noticed about one reply.
enum class track_flag : std::uint32_t {
  unsolicited_421 = 1u << 0,
  no_pending_command = 1u << 1,
  ehlo_not_250 = 1u << 2,
  code_not_listed = 1u << 3,
  untracked_command = 1u << 4,
  closing = 1u << 5,
};

inline constexpr enum_info<track_flag> track_flag_table[] = {
    {track_flag::unsolicited_421, "unsolicited_421", "a 421 with no command pending: the server is leaving",
     "RFC 5321 section 3.8"},
    {track_flag::no_pending_command, "no_pending_command",
     "a reply with no command pending: the server sent one too many (desync)", "RFC 2920 section 3.1"},
    {track_flag::ehlo_not_250, "ehlo_not_250", "EHLO answered with something other than 250",
     "RFC 5321 section 4.1.1.1"},
    {track_flag::code_not_listed, "code_not_listed", "the code is not listed for the command (see check_reply)",
     "RFC 5321 section 4.3.2"},
    {track_flag::untracked_command, "untracked_command",
     "answers a command pushed while the ring was full (its name is lost)", ""},
    {track_flag::closing, "closing", "421 or 221: the server is closing the connection", "RFC 5321 section 3.8"},
};
static_assert(detail::single_bits(track_flag_table) && detail::good_names(track_flag_table), "track_flag order");

inline constexpr auto all_track_flags = detail::values_of(track_flag_table);

[[nodiscard]] constexpr std::string_view name(track_flag f) noexcept {
  return detail::name_in(track_flag_table, f, "unknown");
}

/// The outcome of matching one reply.
struct track_result {
  static constexpr std::uint64_t no_sequence = std::numeric_limits<std::uint64_t>::max();

  command answered = command::none;  ///< none when nothing (known) was pending
  code_check check = code_check::unknown_command;
  std::uint32_t flags = 0;               ///< track_flag bits
  std::uint64_t sequence = no_sequence;  ///< 0-based push index of the command answered

  [[nodiscard]] constexpr bool has(track_flag f) const noexcept { return (flags & static_cast<std::uint32_t>(f)) != 0; }
  /// A reply with nothing to answer (desync or unsolicited 421).
  [[nodiscard]] constexpr bool unmatched() const noexcept { return sequence == no_sequence; }
};

/**
 * Pairs replies with commands strictly by count, never by code or text (RFC
 * 2920 section 3.1): push() every line that gets a reply, in the order sent
 * (the greeting first, `end_of_data` for the final ".", `auth` again for
 * each SASL response line, one `bdat` per chunk), and give on_reply() every
 * reply in the order received.
 *
 * The ring holds `Capacity` commands. A push beyond that is not stored but
 * counted, and so is every push after it until those are answered: counts
 * stay exact, only those commands' names are lost (`untracked_command`).
 * Fixed size, no allocation, constexpr, noexcept.
 *
 * Invariants: pushed() == matched() + pending(); replies() == matched() +
 * unmatched().
 */
template <std::size_t Capacity>
class basic_pipeline_tracker {
  static_assert(Capacity > 0, "a tracker needs room for one command");

 public:
  constexpr basic_pipeline_tracker() noexcept = default;

  /// Queues a command; false if the ring is full (the command is counted).
  constexpr bool push(command c) noexcept {
    ++pushed_;
    if (lost_ != 0 || size_ == Capacity) {
      ++lost_;
      ++overflowed_;
      return false;
    }
    ring_[(head_ + size_) % Capacity] = c;
    ++size_;
    return true;
  }

  /// Matches the next reply to the oldest pending command.
  constexpr track_result on_reply(reply_code code) noexcept {
    ++replies_;
    track_result r;
    if (size_ != 0) {
      r.answered = ring_[head_];
      head_ = (head_ + 1) % Capacity;
      --size_;
      r.sequence = matched_++;
      r.check = check_reply(r.answered, code);
      if (r.check == code_check::not_listed) r.flags |= bit(track_flag::code_not_listed);
      if (r.answered == command::ehlo && code.value() != 250) r.flags |= bit(track_flag::ehlo_not_250);
    } else if (lost_ != 0) {
      --lost_;
      r.sequence = matched_++;
      r.flags |= bit(track_flag::untracked_command);
    } else {
      ++unmatched_;
      r.flags |= code.value() == 421 ? bit(track_flag::unsolicited_421) : bit(track_flag::no_pending_command);
    }
    if (code.value() == 421 || code.value() == 221) r.flags |= bit(track_flag::closing);
    return r;
  }
  constexpr track_result on_reply(const reply& r) noexcept { return on_reply(r.code()); }

  /// The command the next reply will answer (none if nothing, or only
  /// untracked commands, are pending).
  [[nodiscard]] constexpr command front() const noexcept { return size_ != 0 ? ring_[head_] : command::none; }
  /// Commands waiting for a reply, untracked ones included.
  [[nodiscard]] constexpr std::uint64_t pending() const noexcept { return size_ + lost_; }
  [[nodiscard]] static constexpr std::size_t capacity() noexcept { return Capacity; }
  [[nodiscard]] constexpr std::uint64_t pushed() const noexcept { return pushed_; }
  [[nodiscard]] constexpr std::uint64_t replies() const noexcept { return replies_; }
  /// Replies paired with a command.
  [[nodiscard]] constexpr std::uint64_t matched() const noexcept { return matched_; }
  /// Replies with nothing pending.
  [[nodiscard]] constexpr std::uint64_t unmatched() const noexcept { return unmatched_; }
  /// Pushes that found the ring full (or followed one that did).
  [[nodiscard]] constexpr std::uint64_t overflowed() const noexcept { return overflowed_; }

  constexpr void reset() noexcept { *this = basic_pipeline_tracker{}; }

 private:
  static constexpr std::uint32_t bit(track_flag f) noexcept { return static_cast<std::uint32_t>(f); }

  std::array<command, Capacity> ring_{};
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::uint64_t lost_ = 0;
  std::uint64_t pushed_ = 0;
  std::uint64_t replies_ = 0;
  std::uint64_t matched_ = 0;
  std::uint64_t unmatched_ = 0;
  std::uint64_t overflowed_ = 0;
};

/// Room for 64 commands, more than a pipelined group needs in practice.
using pipeline_tracker = basic_pipeline_tracker<64>;

}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_SESSION_HPP
