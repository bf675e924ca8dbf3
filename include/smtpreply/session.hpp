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
#include "reply.hpp"

#include "config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {

/// The column of RFC 5321 section 4.3.2 a code sits in.
enum class reply_role : std::uint8_t {
  success = 0,       ///< "S"
  intermediate = 1,  ///< "I": the command goes on (354, 334)
  error = 2,         ///< "E"
};

[[nodiscard]] constexpr std::string_view name(reply_role r) noexcept {
  switch (r) {
    case reply_role::success: return "success";
    case reply_role::intermediate: return "intermediate";
    case reply_role::error: return "error";
  }
  return "error";
}

/// One row: `code` is listed for `cmd` by `source`. `cmd == command::none`
/// marks the codes RFC 5321 4.3.2 allows for any command (421, 500, 501).
struct expected_reply {
  command cmd = command::none;
  std::uint16_t code = 0;
  reply_role role = reply_role::error;
  std::string_view source{};
};

/// Every listed (command, code) pair, grouped by command. Sources name the
/// RFC and section ("RFC 5321 4.3.2"); 530 is listed wherever RFC 3207 4
/// ("must issue STARTTLS first": any command but NOOP, EHLO, STARTTLS, QUIT)
/// or RFC 4954 6 ("authentication required": any but AUTH, EHLO, HELO, NOOP,
/// RSET, QUIT) allows it; 502 for the extension commands comes from RFC 5321
/// 4.2.4 (recognised, not implemented).
inline constexpr expected_reply expected_replies[] = {
    // Any command (greeting and end of data: 421 only).
    {command::none, 421, reply_role::error, "RFC 5321 4.3.2"},
    {command::none, 500, reply_role::error, "RFC 5321 4.3.2"},
    {command::none, 501, reply_role::error, "RFC 5321 4.3.2"},
    // Connection establishment.
    {command::greeting, 220, reply_role::success, "RFC 5321 4.3.2"},
    {command::greeting, 554, reply_role::error, "RFC 5321 4.3.2"},
    {command::greeting, 521, reply_role::error, "RFC 7504 3"},
    {command::ehlo, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::ehlo, 502, reply_role::error, "RFC 5321 4.3.2"},
    {command::ehlo, 504, reply_role::error, "RFC 5321 4.3.2"},
    {command::ehlo, 550, reply_role::error, "RFC 5321 4.3.2"},
    {command::helo, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::helo, 502, reply_role::error, "RFC 5321 4.3.2"},
    {command::helo, 504, reply_role::error, "RFC 5321 4.3.2"},
    {command::helo, 530, reply_role::error, "RFC 3207 4"},
    {command::helo, 550, reply_role::error, "RFC 5321 4.3.2"},
    {command::mail, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::mail, 451, reply_role::error, "RFC 5321 4.3.2"},
    {command::mail, 452, reply_role::error, "RFC 5321 4.3.2"},
    {command::mail, 455, reply_role::error, "RFC 5321 4.3.2"},
    {command::mail, 503, reply_role::error, "RFC 5321 4.3.2"},
    {command::mail, 530, reply_role::error, "RFC 3207 4, RFC 4954 6"},
    {command::mail, 550, reply_role::error, "RFC 5321 4.3.2"},
    {command::mail, 552, reply_role::error, "RFC 5321 4.3.2"},
    {command::mail, 553, reply_role::error, "RFC 5321 4.3.2"},
    {command::mail, 555, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::rcpt, 251, reply_role::success, "RFC 5321 4.3.2"},
    {command::rcpt, 450, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 451, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 452, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 455, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 503, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 530, reply_role::error, "RFC 3207 4, RFC 4954 6"},
    {command::rcpt, 550, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 551, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 552, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 553, reply_role::error, "RFC 5321 4.3.2"},
    {command::rcpt, 555, reply_role::error, "RFC 5321 4.3.2"},
    {command::data, 354, reply_role::intermediate, "RFC 5321 4.3.2"},
    {command::data, 503, reply_role::error, "RFC 5321 4.3.2"},
    {command::data, 530, reply_role::error, "RFC 3207 4, RFC 4954 6"},
    {command::data, 554, reply_role::error, "RFC 5321 4.3.2"},
    {command::end_of_data, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::end_of_data, 450, reply_role::error, "RFC 5321 4.3.2"},
    {command::end_of_data, 451, reply_role::error, "RFC 5321 4.3.2"},
    {command::end_of_data, 452, reply_role::error, "RFC 5321 4.3.2"},
    {command::end_of_data, 550, reply_role::error, "RFC 5321 4.3.2"},
    {command::end_of_data, 552, reply_role::error, "RFC 5321 4.3.2"},
    {command::end_of_data, 554, reply_role::error, "RFC 5321 4.3.2"},
    // BDAT: one reply per chunk; failures as for the end of data.
    {command::bdat, 250, reply_role::success, "RFC 3030"},
    {command::bdat, 450, reply_role::error, "RFC 3030"},
    {command::bdat, 451, reply_role::error, "RFC 3030"},
    {command::bdat, 452, reply_role::error, "RFC 3030"},
    {command::bdat, 502, reply_role::error, "RFC 5321 4.2.4"},
    {command::bdat, 503, reply_role::error, "RFC 3030"},
    {command::bdat, 530, reply_role::error, "RFC 3207 4, RFC 4954 6"},
    {command::bdat, 550, reply_role::error, "RFC 3030"},
    {command::bdat, 552, reply_role::error, "RFC 3030"},
    {command::bdat, 554, reply_role::error, "RFC 3030"},
    {command::rset, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::rset, 530, reply_role::error, "RFC 3207 4"},
    {command::vrfy, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::vrfy, 251, reply_role::success, "RFC 5321 4.3.2"},
    {command::vrfy, 252, reply_role::success, "RFC 5321 4.3.2"},
    {command::vrfy, 502, reply_role::error, "RFC 5321 4.3.2"},
    {command::vrfy, 504, reply_role::error, "RFC 5321 4.3.2"},
    {command::vrfy, 530, reply_role::error, "RFC 3207 4, RFC 4954 6"},
    {command::vrfy, 550, reply_role::error, "RFC 5321 4.3.2"},
    {command::vrfy, 551, reply_role::error, "RFC 5321 4.3.2"},
    {command::vrfy, 553, reply_role::error, "RFC 5321 4.3.2"},
    {command::expn, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::expn, 252, reply_role::success, "RFC 5321 4.3.2"},
    {command::expn, 500, reply_role::error, "RFC 5321 4.3.2"},
    {command::expn, 502, reply_role::error, "RFC 5321 4.3.2"},
    {command::expn, 504, reply_role::error, "RFC 5321 4.3.2"},
    {command::expn, 530, reply_role::error, "RFC 3207 4, RFC 4954 6"},
    {command::expn, 550, reply_role::error, "RFC 5321 4.3.2"},
    {command::help, 211, reply_role::success, "RFC 5321 4.3.2"},
    {command::help, 214, reply_role::success, "RFC 5321 4.3.2"},
    {command::help, 502, reply_role::error, "RFC 5321 4.3.2"},
    {command::help, 504, reply_role::error, "RFC 5321 4.3.2"},
    {command::help, 530, reply_role::error, "RFC 3207 4, RFC 4954 6"},
    {command::noop, 250, reply_role::success, "RFC 5321 4.3.2"},
    {command::quit, 221, reply_role::success, "RFC 5321 4.3.2"},
    {command::auth, 235, reply_role::success, "RFC 4954 4"},
    {command::auth, 334, reply_role::intermediate, "RFC 4954 4"},
    {command::auth, 432, reply_role::error, "RFC 4954 6"},
    {command::auth, 454, reply_role::error, "RFC 4954 6"},
    {command::auth, 502, reply_role::error, "RFC 5321 4.2.4"},
    {command::auth, 503, reply_role::error, "RFC 4954 4"},
    {command::auth, 504, reply_role::error, "RFC 4954 4"},
    {command::auth, 530, reply_role::error, "RFC 3207 4"},
    {command::auth, 534, reply_role::error, "RFC 4954 6"},
    {command::auth, 535, reply_role::error, "RFC 4954 6"},
    {command::auth, 538, reply_role::error, "RFC 4954 6"},
    {command::starttls, 220, reply_role::success, "RFC 3207 4"},
    {command::starttls, 454, reply_role::error, "RFC 3207 4"},
    {command::starttls, 502, reply_role::error, "RFC 5321 4.2.4"},
};

/// Rows in expected_replies.
inline constexpr std::size_t expected_reply_count = sizeof(expected_replies) / sizeof(expected_replies[0]);

/// How a code fits the command it answers.
enum class code_check : std::uint8_t {
  listed = 0,           ///< the command's own row lists it
  any_command = 1,      ///< 421, 500 or 501: allowed for any command (RFC 5321 4.3.2)
  not_listed = 2,       ///< no RFC lists it for this command (e.g. 250 to DATA)
  unknown_command = 3,  ///< command::none: nothing to check against
};

[[nodiscard]] constexpr std::string_view name(code_check c) noexcept {
  switch (c) {
    case code_check::listed: return "listed";
    case code_check::any_command: return "any_command";
    case code_check::not_listed: return "not_listed";
    case code_check::unknown_command: return "unknown_command";
  }
  return "unknown_command";
}

/// Iterates the rows of one command (universal rows not included).
class expected_reply_range {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = expected_reply;
    using difference_type = std::ptrdiff_t;
    using pointer = const expected_reply*;
    using reference = const expected_reply&;

    constexpr iterator() noexcept = default;
    constexpr iterator(command c, std::size_t i) noexcept : cmd_(c), i_(i) { settle(); }
    constexpr const expected_reply& operator*() const noexcept { return row(i_); }
    constexpr const expected_reply* operator->() const noexcept { return &row(i_); }
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
    static constexpr std::size_t total = expected_reply_count;
    static constexpr const expected_reply& row(std::size_t i) noexcept { return expected_replies[i]; }
    constexpr void settle() noexcept {
      while (i_ < total && row(i_).cmd != cmd_) ++i_;
    }
    command cmd_ = command::none;
    std::size_t i_ = total;

    friend class expected_reply_range;
  };

  constexpr explicit expected_reply_range(command c) noexcept : cmd_(c) {}
  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator{cmd_, 0}; }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator{}; }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (auto it = begin(); it != end(); ++it) ++n;
    return n;
  }

 private:
  command cmd_;
};

/// The codes listed for `c` (without the universal 421/500/501).
[[nodiscard]] constexpr expected_reply_range expected_for(command c) noexcept { return expected_reply_range{c}; }

/**
 * The row that lists `code` for `c`: the command's own row first, then the
 * universal one (cmd == none). Not listed: a row with code 0. Greeting and
 * end of data are not commands, so of the universal codes only 421 applies.
 */
[[nodiscard]] constexpr expected_reply find_expected(command c, reply_code code) noexcept {
  if (c == command::none) return {};
  for (const expected_reply& r : expected_for(c)) {
    if (r.code == code.value()) return r;
  }
  const bool not_a_command = c == command::greeting || c == command::end_of_data;
  for (const expected_reply& r : expected_replies) {
    if (r.cmd != command::none) break;
    if (r.code == code.value() && (!not_a_command || r.code == 421)) return r;
  }
  return {};
}

/// Whether the RFCs list `code` as an answer to `c`. constexpr, noexcept.
[[nodiscard]] constexpr code_check check_reply(command c, reply_code code) noexcept {
  if (c == command::none) return code_check::unknown_command;
  const expected_reply r = find_expected(c, code);
  if (r.code == 0) return code_check::not_listed;
  return r.cmd == command::none ? code_check::any_command : code_check::listed;
}

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
  struct entry {
    std::string_view verb;
    command cmd;
  };
  constexpr entry verbs[] = {{"EHLO", command::ehlo}, {"HELO", command::helo}, {"MAIL", command::mail},
                             {"RCPT", command::rcpt}, {"DATA", command::data}, {"BDAT", command::bdat},
                             {"RSET", command::rset}, {"VRFY", command::vrfy}, {"EXPN", command::expn},
                             {"HELP", command::help}, {"NOOP", command::noop}, {"QUIT", command::quit},
                             {"AUTH", command::auth}, {"STARTTLS", command::starttls}};
  for (const entry& e : verbs) {
    if (e.verb.size() != verb.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < verb.size(); ++i) {
      const char c = verb[i];
      const char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
      if (u != e.verb[i]) {
        same = false;
        break;
      }
    }
    if (same) return e.cmd;
  }
  return command::none;
}

/// What the tracker noticed about one reply.
enum class track_flag : std::uint32_t {
  unsolicited_421 = 1u << 0,     ///< a 421 with no command pending (RFC 5321 3.8 allows it; the server is leaving)
  no_pending_command = 1u << 1,  ///< a reply with no command pending: the server sent one too many (desync)
  ehlo_not_250 = 1u << 2,        ///< EHLO answered with something other than 250
  code_not_listed = 1u << 3,     ///< the code is not listed for the command (see check_reply)
  untracked_command = 1u << 4,   ///< answers a command pushed while the ring was full (its name is lost)
  closing = 1u << 5,             ///< 421 or 221: the server is closing the connection
};

inline constexpr std::array<track_flag, 6> all_track_flags = {
    track_flag::unsolicited_421, track_flag::no_pending_command, track_flag::ehlo_not_250,
    track_flag::code_not_listed, track_flag::untracked_command,  track_flag::closing};

[[nodiscard]] constexpr std::string_view name(track_flag f) noexcept {
  switch (f) {
    case track_flag::unsolicited_421: return "unsolicited_421";
    case track_flag::no_pending_command: return "no_pending_command";
    case track_flag::ehlo_not_250: return "ehlo_not_250";
    case track_flag::code_not_listed: return "code_not_listed";
    case track_flag::untracked_command: return "untracked_command";
    case track_flag::closing: return "closing";
  }
  return "unknown";
}

/// The outcome of matching one reply.
struct track_result {
  static constexpr std::uint64_t no_sequence = std::numeric_limits<std::uint64_t>::max();

  command answered = command::none;  ///< none when nothing (known) was pending
  code_check check = code_check::unknown_command;
  std::uint32_t flags = 0;           ///< track_flag bits
  std::uint64_t sequence = no_sequence;  ///< 0-based push index of the command answered

  [[nodiscard]] constexpr bool has(track_flag f) const noexcept {
    return (flags & static_cast<std::uint32_t>(f)) != 0;
  }
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
