// Shared by the fuzz targets: failure reports, drivers that run the
// streaming parser over a whole buffer or in chunks and record what came
// out, the properties every reply target checks, and the bridge to the
// independent reference parser in tests/reference/.
#ifndef SMTPREPLY_FUZZ_COMMON_HPP
#define SMTPREPLY_FUZZ_COMMON_HPP

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <smtpreply/smtpreply.hpp>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "../tests/reference/reference_parser.hpp"

namespace fuzz {

// ---- Failure reports -----------------------------------------------------------

/// The input of the current run, printed when a property fails.
inline std::string_view& current_input() {
  static std::string_view input;
  return input;
}

/// What else the run drew (options, chunk sizes), printed with the input.
inline std::string& current_context() {
  static std::string context;
  return context;
}

/// Every byte as \xNN: unambiguous, and pastes into a C++ string literal.
inline std::string escaped(std::string_view s) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() * 4);
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    out += "\\x";
    out += digits[u >> 4];
    out += digits[u & 15];
  }
  return out;
}

[[noreturn]] inline void fail(const char* property, const std::string& details = {}) {
  std::fprintf(stderr, "\n*** property failed: %s\n", property);
  if (!details.empty()) std::fprintf(stderr, "%s\n", details.c_str());
  if (!current_context().empty()) std::fprintf(stderr, "with %s\n", current_context().c_str());
  std::fprintf(stderr, "input (%zu bytes): \"%s\"\n", current_input().size(), escaped(current_input()).c_str());
  std::abort();
}

inline void check(bool ok, const char* property) {
  if (!ok) fail(property);
}

// The line number as a string literal, for property names built by macros.
#define SMTPREPLY_FUZZ_STR2(x) #x
#define SMTPREPLY_FUZZ_STR(x) SMTPREPLY_FUZZ_STR2(x)
#define SMTPREPLY_FUZZ_LINE SMTPREPLY_FUZZ_STR(__LINE__)

/// True when `part` lies inside `whole` (an empty view anywhere inside or at its end).
inline bool inside(std::string_view part, std::string_view whole) {
  const char* b = whole.data();
  const char* e = b + whole.size();
  return part.data() >= b && part.data() <= e && part.size() <= static_cast<std::size_t>(e - part.data());
}

// ---- Options drawn from the fuzzer's bytes --------------------------------------

/// Limits: the defaults, RFC 5321's, small ones (so that every limit is hit
/// by short inputs), or any values at all.
inline smtpreply::limits draw_limits(FuzzedDataProvider& p) {
  smtpreply::limits l{};
  switch (p.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: break;
    case 1: l = smtpreply::limits::rfc(); break;
    case 2:
      l.max_line_octets = p.ConsumeIntegralInRange<std::uint32_t>(0, 80);
      l.max_auth_line_octets = p.ConsumeIntegralInRange<std::uint32_t>(0, 160);
      l.max_reply_octets = p.ConsumeIntegralInRange<std::uint32_t>(0, 400);
      l.max_reply_lines = p.ConsumeIntegralInRange<std::uint32_t>(0, 6);
      break;
    default:
      l.max_line_octets = p.ConsumeIntegral<std::uint32_t>();
      l.max_auth_line_octets = p.ConsumeIntegral<std::uint32_t>();
      l.max_reply_octets = p.ConsumeIntegral<std::uint32_t>();
      l.max_reply_lines = p.ConsumeIntegral<std::uint32_t>();
      break;
  }
  return l;
}

/// Every leniency bit from its own byte, so each is independent of the others.
inline smtpreply::leniency draw_leniency(FuzzedDataProvider& p) {
  static constexpr smtpreply::leniency bits[] = {
      smtpreply::leniency::bare_lf,           smtpreply::leniency::invalid_separator,
      smtpreply::leniency::code_out_of_range, smtpreply::leniency::mixed_codes,
      smtpreply::leniency::empty_line,        smtpreply::leniency::invalid_utf8,
      smtpreply::leniency::control_character};
  smtpreply::leniency l = smtpreply::leniency::none;
  for (const smtpreply::leniency b : bits) {
    if (p.ConsumeBool()) l = l | b;
  }
  return l;
}

/// Parse options drawn from the input: every leniency bit, then the limits.
inline smtpreply::parse_options draw_options(FuzzedDataProvider& p) {
  smtpreply::parse_options options{};
  options.lenient = draw_leniency(p);
  options.limit = draw_limits(p);
  return options;
}

/// Chunk sizes for a split feed, used in turn until the input runs out.
inline std::vector<std::size_t> draw_chunks(FuzzedDataProvider& p) {
  std::vector<std::size_t> sizes(p.ConsumeIntegralInRange<std::size_t>(0, 16));
  for (std::size_t& s : sizes) s = p.ConsumeIntegralInRange<std::size_t>(1, 64);
  return sizes;
}

/// Sets what fail() prints besides the input.
inline void set_context(const smtpreply::parse_options& o, const std::vector<std::size_t>& chunks) {
  char head[128];
  std::snprintf(head, sizeof head, "leniency 0x%02x, limits line %u auth %u reply %u lines %u, chunks [",
                static_cast<unsigned>(o.lenient), o.limit.max_line_octets, o.limit.max_auth_line_octets,
                o.limit.max_reply_octets, o.limit.max_reply_lines);
  std::string s = head;
  for (std::size_t i = 0; i < chunks.size(); ++i) s += (i ? " " : "") + std::to_string(chunks[i]);
  current_context() = s + "]";
}

// ---- What a stream of replies gave -------------------------------------------------

struct reply_record {
  std::size_t offset = 0;  // of raw(), in the whole input
  std::size_t length = 0;
  unsigned code = 0;
  std::uint32_t line_count = 0;
  std::vector<std::string> lines;
  smtpreply::enhanced_code enhanced{};
  std::uint32_t flags = 0;
  smtpreply::text_encoding encoding = smtpreply::text_encoding::ascii;

  bool operator==(const reply_record& o) const {
    return offset == o.offset && length == o.length && code == o.code && line_count == o.line_count &&
           lines == o.lines && enhanced == o.enhanced && flags == o.flags && encoding == o.encoding;
  }
  bool operator!=(const reply_record& o) const { return !(*this == o); }
};

struct outcome {
  std::vector<reply_record> replies;
  smtpreply::errc error = smtpreply::errc::ok;
  std::size_t offset = 0;    // of the error, in the whole input
  std::size_t trailing = 0;  // finish(): empty lines skipped after the last reply

  bool operator==(const outcome& o) const {
    return replies == o.replies && error == o.error && offset == o.offset && trailing == o.trailing;
  }
  bool operator!=(const outcome& o) const { return !(*this == o); }
};

inline std::string describe(const reply_record& r) {
  char head[160];
  char esc[16];
  esc[r.enhanced.format(esc)] = '\0';
  std::snprintf(head, sizeof head, "  reply @%zu+%zu code %03u lines %u esc %s flags 0x%x enc %s:", r.offset, r.length,
                r.code, r.line_count, r.enhanced.empty() ? "-" : esc, r.flags,
                std::string(smtpreply::name(r.encoding)).c_str());
  std::string s = head;
  for (const std::string& l : r.lines) s += " \"" + escaped(l) + "\"";
  return s + "\n";
}

inline std::string describe(const outcome& o) {
  std::string s;
  for (const reply_record& r : o.replies) s += describe(r);
  char tail[96];
  std::snprintf(tail, sizeof tail, "  end: %s @%zu, trailing %zu\n", std::string(smtpreply::name(o.error)).c_str(),
                o.offset, o.trailing);
  return s + tail;
}

inline std::string describe_pair(const char* a_name, const outcome& a, const char* b_name, const outcome& b) {
  return std::string(a_name) + ":\n" + describe(a) + b_name + ":\n" + describe(b);
}

/// Checks one reply from feed() against the buffer it came from and records it.
/// `buffer` is what feed() was given; `base` is where it starts in `input`.
inline reply_record record_reply(const smtpreply::feed_result& r, std::string_view buffer, std::size_t base,
                                 std::string_view input, const smtpreply::parse_options& options) {
  const smtpreply::reply& v = r.value;
  const std::string_view raw = v.raw();
  check(r.consumed > 0 && r.consumed <= buffer.size(), "consumed lies within the buffer");
  check(!raw.empty() && inside(raw, buffer), "raw() lies inside the buffer");
  check(raw.data() + raw.size() == buffer.data() + r.consumed, "raw() ends where consumed ends");
  for (const char* c = buffer.data(); c < raw.data(); ++c) {
    check(*c == '\r' || *c == '\n', "only skipped empty lines precede raw()");
  }
  check(smtpreply::detail::is_digit(raw.front()) && raw.back() == '\n', "raw() runs from a code to an LF");

  reply_record rec;
  rec.offset = base + static_cast<std::size_t>(raw.data() - buffer.data());
  rec.length = raw.size();
  check(input.substr(rec.offset, rec.length) == raw, "raw() holds the input's bytes");
  rec.code = v.code().value();
  rec.line_count = v.line_count();
  rec.enhanced = v.enhanced();
  rec.flags = v.flags().bits();
  rec.encoding = v.encoding();
  for (const std::string_view t : v.lines()) {
    check(inside(t, raw), "every line's text lies inside raw()");
    rec.lines.emplace_back(t);
  }
  check(rec.line_count >= 1 && rec.lines.size() == rec.line_count, "lines() yields line_count() lines");
  std::size_t walked = 0;
  for (smtpreply::line_iterator it = v.lines().begin(); it != v.lines().end(); it++) ++walked;  // post-increment too
  check(walked == rec.line_count, "line_iterator++ walks the same lines");
  check(v.first_line() == rec.lines.front(), "first_line() is the first of lines()");
  check(v.is_multiline() == (rec.line_count > 1), "is_multiline() matches line_count()");
  check(rec.code <= 999, "a code has three digits");
  check(rec.code >= 100, "a first digit 0 is never a reply, under any leniency");
  check(v.code().is_valid() || smtpreply::has(options.lenient, smtpreply::leniency::code_out_of_range),
        "an out-of-range code needs its leniency");
  check((rec.flags & static_cast<std::uint32_t>(~options.lenient) & smtpreply::tolerated_flags_mask) == 0,
        "only enabled leniencies are reported as tolerated");
  for (const smtpreply::flag f : smtpreply::all_flags) {
    check(!smtpreply::name(f).empty() && v.flags().has(f) == ((rec.flags & static_cast<std::uint32_t>(f)) != 0),
          "flag_set::has() reads the bits; every flag has a name");
  }
  check(v.flags().empty() == (rec.flags == 0), "flag_set::empty()");
  check(v.flags().tolerated().bits() == (rec.flags & smtpreply::tolerated_flags_mask), "tolerated() masks");
  check((rec.encoding == smtpreply::text_encoding::other_8bit) == v.flags().has(smtpreply::flag::invalid_utf8),
        "other_8bit exactly when invalid UTF-8 was tolerated");
  if (!rec.enhanced.empty()) {
    check(rec.enhanced.klass == static_cast<unsigned>(v.code().first_digit()) && v.code().first_digit() != 3,
          "an enhanced code matches the reply's class and is not on 3yz");
    check(v.has_enhanced(), "has_enhanced() when enhanced() is set");
  }
  // Exercise the accessors (their answers are checked by the code target).
  check(!smtpreply::name(v.reply_class()).empty() && !smtpreply::name(v.category()).empty(), "names");
  check(v.is_positive() + v.is_transient() + v.is_permanent() <= 1, "one class at most");
  return rec;
}

/// Feeds `input` as one buffer, replies one by one (the README's loop on one read).
inline outcome run_whole(std::string_view input, const smtpreply::parse_options& options) {
  outcome out;
  smtpreply::reply_parser parser{options};
  check(parser.options().lenient == options.lenient && !parser.failed(), "a new parser");
  std::size_t start = 0;
  for (;;) {
    const std::string_view rest = input.substr(start);
    const smtpreply::feed_result r = parser.feed(rest);
    if (r.status == smtpreply::feed_status::complete) {
      out.replies.push_back(record_reply(r, rest, start, input, options));
      start += r.consumed;
      continue;
    }
    if (r.status == smtpreply::feed_status::error) {
      check(r.offset <= rest.size() && r.consumed == 0, "an error lies inside the buffer");
      const std::error_code ec = r.error;  // the std::error_code integration
      check(!smtpreply::name(r.error).empty() && ec.message() == smtpreply::message(r.error) &&
                std::string_view(ec.category().name()) == "smtpreply" && ec.value() == static_cast<int>(r.error),
            "errors have names, messages and an error_code");
      const smtpreply::feed_result again = parser.feed(rest);
      check(again.status == smtpreply::feed_status::error && again.error == r.error && again.offset == r.offset,
            "errors are sticky");
      const smtpreply::finish_result f = parser.finish(rest);
      check(f.error == r.error && f.offset == r.offset, "finish() repeats a sticky error");
      check(parser.failed(), "failed() after an error");
      out.error = r.error;
      out.offset = start + r.offset;
      return out;
    }
    check(parser.examined() == rest.size(), "need_more means every byte was examined");
    const smtpreply::finish_result f = parser.finish(rest);
    if (f) {
      check(start + f.consumed == input.size(), "consumed bytes add up to the input");
      out.trailing = f.consumed;
    } else {
      check(f.error == smtpreply::errc::incomplete && f.offset < rest.size(), "finish() fails only inside a reply");
      out.error = f.error;
      out.offset = start + f.offset;
    }
    return out;
  }
}

/// Feeds `input` as it might arrive from a socket: chunks of the given sizes
/// (cycled; empty means one byte at a time) appended to a buffer that is
/// compacted into a new allocation after every reply, so the parser must keep
/// its place relative to the buffer's start, not to any address.
inline outcome run_chunked(std::string_view input, const smtpreply::parse_options& options,
                           const std::vector<std::size_t>& chunks) {
  outcome out;
  smtpreply::reply_parser parser{options};
  std::string buffer;
  std::size_t base = 0;  // where buffer starts in input
  std::size_t next = 0;  // first input byte not yet appended
  std::size_t chunk = 0;
  for (;;) {
    const smtpreply::feed_result r = parser.feed(buffer);
    if (r.status == smtpreply::feed_status::complete) {
      out.replies.push_back(record_reply(r, buffer, base, input, options));
      base += r.consumed;
      buffer = std::string(buffer.substr(r.consumed));  // a fresh allocation
      continue;
    }
    if (r.status == smtpreply::feed_status::error) {
      out.error = r.error;
      out.offset = base + r.offset;
      return out;
    }
    if (next < input.size()) {
      const std::size_t n = chunks.empty() ? 1 : chunks[chunk++ % chunks.size()];
      buffer.append(input.substr(next, n));
      next += n < input.size() - next ? n : input.size() - next;
      continue;
    }
    const smtpreply::finish_result f = parser.finish(buffer);
    if (f) {
      check(base + f.consumed == input.size(), "consumed bytes add up to the input (chunked)");
      out.trailing = f.consumed;
    } else {
      out.error = f.error;
      out.offset = base + f.offset;
    }
    return out;
  }
}

// ---- Properties -------------------------------------------------------------------

/// Chunking invariance: one byte at a time and the drawn chunks give exactly
/// what one buffer gives.
inline void check_chunking(std::string_view input, const smtpreply::parse_options& options, const outcome& whole,
                           const std::vector<std::size_t>& chunks) {
  const outcome bytes = run_chunked(input, options, {});
  if (bytes != whole) fail("chunking invariance (1 byte at a time)", describe_pair("whole", whole, "bytewise", bytes));
  if (!chunks.empty()) {
    const outcome split = run_chunked(input, options, chunks);
    if (split != whole) fail("chunking invariance (drawn chunks)", describe_pair("whole", whole, "chunked", split));
  }
}

/// parse_reply() is the first step of the stream.
inline void check_parse_reply(std::string_view input, const smtpreply::parse_options& options, const outcome& whole) {
  const smtpreply::parse_result r = smtpreply::parse_reply(input, options);
  if (!whole.replies.empty()) {
    check(static_cast<bool>(r), "parse_reply() accepts what the stream's first reply is");
    const smtpreply::feed_result as_feed{smtpreply::feed_status::complete, smtpreply::errc::ok, r.consumed, r.value, 0};
    if (record_reply(as_feed, input, 0, input, options) != whole.replies.front()) {
      fail("parse_reply() gives the stream's first reply");
    }
    return;
  }
  const bool clean = whole.error == smtpreply::errc::ok;
  check(!r && r.error == (clean ? smtpreply::errc::incomplete : whole.error) &&
            r.offset == (clean ? input.size() : whole.offset),
        "parse_reply() fails as the stream does");
}

/// finish() on a fresh parser never drops a reply: with a reply in the
/// input it is `incomplete` at that reply's start; otherwise it ends as the
/// stream does.
inline void check_finish_unread(std::string_view input, const smtpreply::parse_options& options, const outcome& whole) {
  smtpreply::reply_parser parser{options};
  const smtpreply::finish_result f = parser.finish(input);
  if (!whole.replies.empty()) {
    check(f.error == smtpreply::errc::incomplete && f.offset == whole.replies.front().offset && parser.failed(),
          "finish() reports the first unread reply, never drops it");
    return;
  }
  check(f.error == whole.error && (f ? f.consumed == whole.trailing : f.offset == whole.offset),
        "finish() without a complete reply ends as the stream does");
}

/// Strict acceptance implies acceptance with the same result under any
/// leniencies (same limits), and a lenient reply reports no tolerated
/// deviation exactly when strict mode accepts it.
inline void check_strict_implies(const outcome& strict, const outcome& lenient) {
  const std::size_t k = strict.replies.size();
  const auto bad = [&](const char* what) { fail(what, describe_pair("strict", strict, "lenient", lenient)); };
  for (std::size_t i = 0; i < k; ++i) {
    if (i >= lenient.replies.size() || lenient.replies[i] != strict.replies[i]) {
      bad("strict acceptance implies the same lenient reply");
    }
    if ((strict.replies[i].flags & smtpreply::tolerated_flags_mask) != 0) bad("strict replies tolerate nothing");
  }
  if (strict.error == smtpreply::errc::ok) {
    check(strict.trailing == 0, "strict mode never skips lines");
    if (lenient != strict) bad("a strictly valid stream parses the same leniently");
    return;
  }
  // Strict mode rejected reply k+1: leniently, it is rejected too, or it is
  // accepted and says what it tolerated, or only empty lines were left.
  if (lenient.replies.size() > k) {
    if ((lenient.replies[k].flags & smtpreply::tolerated_flags_mask) == 0) {
      bad("a reply strict mode rejects reports a tolerated deviation");
    }
  } else if (lenient.error == smtpreply::errc::ok && lenient.trailing == 0) {
    bad("lenient mode accepts the rest of a stream strict mode rejects without saying why");
  }
}

/// Converts the reference parser's view into the library's vocabulary.
inline reference::options to_reference(const smtpreply::parse_options& o) {
  using smtpreply::has;
  using smtpreply::leniency;
  reference::options r;
  r.bare_lf = has(o.lenient, leniency::bare_lf);
  r.separator = has(o.lenient, leniency::invalid_separator);
  r.code_out_of_range = has(o.lenient, leniency::code_out_of_range);
  r.mixed_codes = has(o.lenient, leniency::mixed_codes);
  r.empty_line = has(o.lenient, leniency::empty_line);
  r.invalid_utf8 = has(o.lenient, leniency::invalid_utf8);
  r.control_character = has(o.lenient, leniency::control_character);
  r.max_line = o.limit.max_line_octets;
  r.max_auth_line = o.limit.max_auth_line_octets;
  r.max_reply = o.limit.max_reply_octets;
  r.max_lines = o.limit.max_reply_lines;
  return r;
}

inline smtpreply::errc to_errc(reference::error e) {
  using reference::error;
  using smtpreply::errc;
  switch (e) {
    case error::none: return errc::ok;
    case error::invalid_code: return errc::invalid_code;
    case error::code_out_of_range: return errc::code_out_of_range;
    case error::invalid_separator: return errc::invalid_separator;
    case error::bare_lf: return errc::bare_lf;
    case error::control_character: return errc::control_character;
    case error::invalid_utf8: return errc::invalid_utf8;
    case error::empty_line: return errc::empty_line;
    case error::mixed_codes: return errc::mixed_codes;
    case error::line_too_long: return errc::line_too_long;
    case error::reply_too_long: return errc::reply_too_long;
    case error::too_many_lines: return errc::too_many_lines;
    case error::incomplete: return errc::incomplete;
    case error::invalid_enhanced_code: return errc::invalid_enhanced_code;
  }
  return errc::buffer_mismatch;  // never a reference answer
}

inline std::uint32_t to_flags(const reference::marks& m, bool with_esc_facts) {
  using smtpreply::flag;
  std::uint32_t f = 0;
  const auto add = [&f](bool on, flag bit) {
    if (on) f |= static_cast<std::uint32_t>(bit);
  };
  add(m.bare_lf, flag::bare_lf);
  add(m.odd_separator, flag::invalid_separator);
  add(m.out_of_range, flag::code_out_of_range);
  add(m.mixed_codes, flag::mixed_codes);
  add(m.empty_line, flag::empty_line);
  add(m.bad_utf8, flag::invalid_utf8);
  add(m.control, flag::control_character);
  add(m.long_line, flag::long_line);
  if (with_esc_facts) {
    add(m.esc_malformed, flag::esc_malformed);
    add(m.esc_hash_prefix, flag::esc_hash_prefix);
    add(m.esc_class_mismatch, flag::esc_class_mismatch);
    add(m.esc_on_3xx, flag::esc_on_3xx);
    add(m.esc_lines_disagree, flag::esc_lines_disagree);
  }
  return f;
}

inline outcome from_reference(const reference::outcome& ref) {
  outcome out;
  for (const reference::reply& r : ref.replies) {
    reply_record rec;
    rec.offset = r.begin;
    rec.length = r.end - r.begin;
    rec.code = r.code;
    rec.line_count = static_cast<std::uint32_t>(r.texts.size());
    rec.lines = r.texts;
    rec.enhanced = smtpreply::enhanced_code{static_cast<std::uint16_t>(r.enhanced.klass),
                                            static_cast<std::uint16_t>(r.enhanced.subject),
                                            static_cast<std::uint16_t>(r.enhanced.detail)};
    rec.flags = to_flags(r.seen, true);
    rec.encoding = r.enc == reference::encoding::ascii  ? smtpreply::text_encoding::ascii
                   : r.enc == reference::encoding::utf8 ? smtpreply::text_encoding::utf8
                                                        : smtpreply::text_encoding::other_8bit;
    out.replies.push_back(rec);
  }
  out.error = to_errc(ref.err);
  out.offset = ref.offset;
  out.trailing = ref.trailing;
  return out;
}

/// Differential: the reference parser agrees on accept/reject, on the first
/// bad byte and its reason, and on every field of every reply.
inline void check_reference(std::string_view input, const smtpreply::parse_options& options, const outcome& whole) {
  const outcome ref = from_reference(reference::parse(input, to_reference(options)));
  if (ref != whole) fail("agreement with the reference parser", describe_pair("library", whole, "reference", ref));
}

/// Round trip: a reply written back as `code "-" text CRLF ... code SP text
/// CRLF` from its parsed fields parses to the same fields.
inline void check_round_trip(const reply_record& r, const smtpreply::parse_options& options) {
  char code[4];
  std::snprintf(code, sizeof code, "%03u", r.code);
  std::string wire;
  for (std::size_t i = 0; i < r.lines.size(); ++i) {
    wire += code;
    wire += i + 1 < r.lines.size() ? '-' : ' ';
    wire += r.lines[i];
    wire += "\r\n";
  }
  // The rewrite can be longer (CRLF for LF, SP for a glued text): no limits.
  smtpreply::parse_options again = options;
  again.limit = smtpreply::limits{UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX};
  const smtpreply::parse_result p = smtpreply::parse_reply(wire, again);
  const std::string shown = "original:\n" + describe(r) + "rewritten: \"" + escaped(wire) + "\"\n";
  if (!p || p.consumed != wire.size()) fail("round trip: the rewritten reply parses whole", shown);
  const smtpreply::feed_result as_feed{smtpreply::feed_status::complete, smtpreply::errc::ok, p.consumed, p.value, 0};
  const reply_record back = record_reply(as_feed, wire, 0, wire, again);
  // Only deviations in the texts, and an out-of-range code of the reply
  // itself (not of an earlier line of mixed codes), survive a rewrite.
  constexpr std::uint32_t in_text = static_cast<std::uint32_t>(smtpreply::flag::invalid_utf8) |
                                    static_cast<std::uint32_t>(smtpreply::flag::control_character);
  constexpr auto out_of_range = static_cast<std::uint32_t>(smtpreply::flag::code_out_of_range);
  constexpr std::uint32_t facts =
      ~(smtpreply::tolerated_flags_mask | static_cast<std::uint32_t>(smtpreply::flag::long_line));
  // With mixed codes the enhanced code and its facts come from the last run
  // of equal codes, which the rewrite (one code on every line) extends to
  // the first line: they survive only without mixed codes.
  const bool mixed = (r.flags & static_cast<std::uint32_t>(smtpreply::flag::mixed_codes)) != 0;
  const std::uint32_t compared = mixed ? ~(facts & ~static_cast<std::uint32_t>(smtpreply::flag::long_line)) : ~0u;
  const std::uint32_t expected =
      (r.flags & (in_text | facts) & compared) |
      (smtpreply::reply_code{static_cast<std::uint16_t>(r.code)}.is_valid() ? 0 : out_of_range);
  if (back.code != r.code || back.lines != r.lines || back.line_count != r.line_count ||
      (!mixed && back.enhanced != r.enhanced) || back.encoding != r.encoding ||
      (back.flags & ~static_cast<std::uint32_t>(smtpreply::flag::long_line) & compared) != expected) {
    fail("round trip: the rewritten reply parses to the same fields", shown + "reparsed:\n" + describe(back));
  }
}

/// Every property of one stream under one set of options; returns the outcome.
inline outcome check_stream(std::string_view input, const smtpreply::parse_options& options,
                            const std::vector<std::size_t>& chunks) {
  const outcome whole = run_whole(input, options);
  check_chunking(input, options, whole, chunks);
  check_parse_reply(input, options, whole);
  check_finish_unread(input, options, whole);
  check_reference(input, options, whole);
  for (const reply_record& r : whole.replies) check_round_trip(r, options);
  return whole;
}

}  // namespace fuzz

#endif  // SMTPREPLY_FUZZ_COMMON_HPP
