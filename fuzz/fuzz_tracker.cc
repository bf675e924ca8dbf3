// Fuzzes the pipeline tracker against a plain model: each input byte pushes
// a command or delivers a reply. Checks pairing by count, the flags, the
// counters' invariants, and that check_reply agrees with the table rows.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <smtpreply/session.hpp>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

// A failed property names itself: the condition and its line.
#define PROP(cond) ::fuzz::check((cond), "fuzz_tracker.cc:" SMTPREPLY_FUZZ_LINE ": " #cond)

namespace {

constexpr std::uint16_t codes[] = {211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451,
                                   452, 454, 455, 500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550,
                                   551, 552, 553, 554, 555, 556, 199, 999, 0,   260, 399, 600};

template <std::size_t N>
void run(const std::uint8_t* data, std::size_t size) {
  smtpreply::basic_pipeline_tracker<N> t;
  struct pending {
    smtpreply::command cmd;
    bool stored;
  };
  std::deque<pending> model;
  std::size_t stored = 0;
  std::uint64_t next_sequence = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint8_t b = data[i];
    if ((b & 0x80) == 0) {
      const auto c = static_cast<smtpreply::command>(b % 17);
      const bool room = stored < N && (model.empty() || model.back().stored);
      const bool ok = t.push(c);
      PROP(ok == room);
      model.push_back({c, ok});
      if (ok) ++stored;
    } else {
      const smtpreply::reply_code code{codes[(b & 0x7f) % (sizeof(codes) / sizeof(codes[0]))]};
      const smtpreply::track_result r = t.on_reply(code);
      if (model.empty()) {
        PROP(r.unmatched());
        PROP(r.answered == smtpreply::command::none);
        PROP(r.has(smtpreply::track_flag::unsolicited_421) == (code.value() == 421));
        PROP(r.has(smtpreply::track_flag::no_pending_command) == (code.value() != 421));
      } else {
        const pending p = model.front();
        model.pop_front();
        PROP(r.sequence == next_sequence++);
        PROP(!r.has(smtpreply::track_flag::unsolicited_421) && !r.has(smtpreply::track_flag::no_pending_command));
        PROP(r.has(smtpreply::track_flag::untracked_command) == !p.stored);
        if (p.stored) {
          --stored;
          PROP(r.answered == p.cmd);
          PROP(r.check == smtpreply::check_reply(p.cmd, code));
          PROP(r.has(smtpreply::track_flag::code_not_listed) == (r.check == smtpreply::code_check::not_listed));
          PROP(r.has(smtpreply::track_flag::ehlo_not_250) ==
               (p.cmd == smtpreply::command::ehlo && code.value() != 250));
        } else {
          PROP(r.answered == smtpreply::command::none);
        }
      }
      PROP(r.has(smtpreply::track_flag::closing) == (code.value() == 421 || code.value() == 221));
    }
    PROP(t.pending() == model.size());
    PROP(t.pushed() == t.matched() + t.pending());
    PROP(t.replies() == t.matched() + t.unmatched());
    PROP(t.front() == (!model.empty() && model.front().stored ? model.front().cmd : smtpreply::command::none));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  fuzz::current_input() = std::string_view(reinterpret_cast<const char*>(data), size);
  run<1>(data, size);
  run<4>(data, size);
  run<64>(data, size);

  // The table: a listed code has a row, and that row is in the command's range.
  for (std::size_t i = 0; i + 2 < size; i += 3) {
    const auto c = static_cast<smtpreply::command>(data[i] % 17);
    const smtpreply::reply_code code{static_cast<std::uint16_t>((data[i + 1] << 8 | data[i + 2]) % 1000)};
    const smtpreply::code_check k = smtpreply::check_reply(c, code);
    const smtpreply::expected_reply row = smtpreply::find_expected(c, code);
    if (c == smtpreply::command::none) {  // expected_for(none) is the universal rows
      PROP(k == smtpreply::code_check::unknown_command && row.code == 0);
      continue;
    }
    PROP((row.code != 0) == (k == smtpreply::code_check::listed || k == smtpreply::code_check::any_command));
    bool in_range = false;
    for (const auto& e : smtpreply::expected_for(c)) in_range = in_range || e.code == code.value();
    PROP(in_range == (k == smtpreply::code_check::listed));
  }

  // Client lines: the verb is matched without regard to case.
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string upper(text);
  for (char& ch : upper) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
  }
  PROP(smtpreply::command_from_line(text) == smtpreply::command_from_line(upper));
  return 0;
}
