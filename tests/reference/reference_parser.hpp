// An independent reference parser for SMTP replies, used by the fuzzers as
// the other side of a differential check. It shares no code with the
// library and is written straight from the grammars:
//
//   RFC 5321 section 4.2
//     Reply-line = *( Reply-code "-" [ textstring ] CRLF )
//                  Reply-code [ SP textstring ] CRLF
//     Reply-code = %x32-35 %x30-35 %x30-39
//     textstring = 1*(%d09 / %d32-126)
//   section 4.2.1: every line of a multi-line reply carries the same code.
//   RFC 6531 section 3.7.4 and RFC 3629 section 4: UTF-8 text is allowed.
//   RFC 3463 section 2, RFC 2034 section 4: enhanced status codes
//     status-code = class "." subject "." detail
//     class = "2" / "4" / "5"
//     subject = "0" / (%x31-39 0*2digit), detail likewise
//
// plus the contract README.md states for what the grammar leaves open:
// `250 ` (a space and no text) is a final line; each leniency accepts one
// named deviation; limits count whole lines (code and CRLF included) and
// fail at the first byte beyond them; every error is reported at the first
// byte that is wrong, scanning the input from the start.
//
// Deliberately simple: the whole input at once, line by line, strings and
// vectors, no speed tricks, no state carried between calls.
#ifndef SMTPREPLY_TESTS_REFERENCE_PARSER_HPP
#define SMTPREPLY_TESTS_REFERENCE_PARSER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reference {

enum class error {
  none,
  invalid_code,
  code_out_of_range,
  invalid_separator,
  bare_lf,
  control_character,
  invalid_utf8,
  empty_line,
  mixed_codes,
  line_too_long,
  reply_too_long,
  too_many_lines,
  incomplete,
  invalid_enhanced_code,
};

struct options {
  bool bare_lf = false;            // LF alone ends a line
  bool separator = false;          // TAB or glued text after the code
  bool code_out_of_range = false;  // first digit 1-9 (never 0), any second digit
  bool mixed_codes = false;        // lines of one reply may differ; the last wins
  bool empty_line = false;         // empty lines are skipped
  bool invalid_utf8 = false;       // 8-bit bytes that are not UTF-8
  bool control_character = false;  // control bytes, DEL and lone CR in text
  std::uint64_t max_line = 2048;
  std::uint64_t max_auth_line = 12288;  // lines whose code is 334
  std::uint64_t max_reply = 65536;      // counted from the end of the previous reply
  std::uint64_t max_lines = 1024;
};

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ---- Reply codes -------------------------------------------------------------

struct code_answer {
  error err = error::none;
  std::size_t offset = 0;  // first wrong byte
  unsigned value = 0;      // set when three digits were read
};

/// A whole string as Reply-code (or, with `any_digits`, any three digits).
inline code_answer parse_code(std::string_view s, bool any_digits) {
  code_answer a;
  for (std::size_t i = 0; i < 3; ++i) {
    if (i >= s.size() || !is_digit(s[i])) return {error::invalid_code, i, 0};
  }
  if (s.size() > 3) return {error::invalid_code, 3, 0};
  a.value = static_cast<unsigned>((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'));
  if (s[0] == '0') return {error::code_out_of_range, 0, a.value};  // never a reply code
  if (!any_digits) {
    if (s[0] < '2' || s[0] > '5') return {error::code_out_of_range, 0, a.value};
    if (s[1] > '5') return {error::code_out_of_range, 1, a.value};
  }
  return a;
}

// ---- Enhanced status codes -----------------------------------------------------

struct esc {
  unsigned klass = 0;
  unsigned subject = 0;
  unsigned detail = 0;
  bool operator==(const esc& o) const { return klass == o.klass && subject == o.subject && detail == o.detail; }
  bool operator!=(const esc& o) const { return !(*this == o); }
};

// subject / detail: "0" / (%x31-39 0*2digit). Advances `at`; false on no match.
inline bool match_number(std::string_view s, std::size_t& at, unsigned& value) {
  if (at >= s.size() || !is_digit(s[at])) return false;
  value = 0;
  if (s[at] == '0') {
    ++at;
    return true;
  }
  for (int n = 0; n < 3 && at < s.size() && is_digit(s[at]); ++n, ++at) {
    value = value * 10 + static_cast<unsigned>(s[at] - '0');
  }
  return true;
}

// status-code at the start of `s`; sets `length`. The caller checks what follows.
inline bool match_esc(std::string_view s, esc& out, std::size_t& length) {
  if (s.size() < 2 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return false;
  std::size_t at = 2;
  out.klass = static_cast<unsigned>(s[0] - '0');
  if (!match_number(s, at, out.subject)) return false;
  if (at >= s.size() || s[at] != '.') return false;
  ++at;
  if (!match_number(s, at, out.detail)) return false;
  length = at;
  return true;
}

/// A whole string as status-code.
inline bool parse_esc(std::string_view s, esc& out) {
  std::size_t length = 0;
  return match_esc(s, out, length) && length == s.size();
}

enum class esc_kind { absent, valid, malformed, hash_prefixed };

struct esc_found {
  esc_kind kind = esc_kind::absent;
  esc code{};
  std::size_t rest = 0;  // where the text after the code (and its SP) starts
};

/// A dotted-quad IPv4 address at the start: 1*3DIGIT 3("." 1*3DIGIT), not
/// followed by another digit.
inline bool is_ipv4_prefix(std::string_view s) {
  std::size_t at = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (at >= s.size() || s[at] != '.') return false;
      ++at;
    }
    const std::size_t begin = at;
    while (at < s.size() && is_digit(s[at])) ++at;
    if (at == begin || at - begin > 3) return false;
  }
  return true;
}

/// RFC 2034 puts `status-code SP text` at the start of the text. Text that
/// starts with a digit and a dot ('#' allowed first) is an attempt at one,
/// unless it is an IPv4 address (greetings: "220 1.2.3.4 ESMTP").
inline esc_found find_esc(std::string_view text) {
  const std::size_t skip = !text.empty() && text[0] == '#' ? 1 : 0;
  const std::string_view s = text.substr(skip);
  if (s.size() < 2 || !is_digit(s[0]) || s[1] != '.' || is_ipv4_prefix(s)) return {};
  esc_found f;
  std::size_t length = 0;
  if (!match_esc(s, f.code, length) || (length < s.size() && s[length] != ' ')) {
    return {esc_kind::malformed, esc{}, 0};
  }
  f.kind = skip ? esc_kind::hash_prefixed : esc_kind::valid;
  f.rest = skip + length + (length < s.size() ? 1 : 0);
  return f;
}

// ---- Replies -----------------------------------------------------------------

enum class encoding { ascii, utf8, other_8bit };

/// What a reply (or the lines before it) showed; names follow README.md.
struct marks {
  bool bare_lf = false;
  bool odd_separator = false;
  bool out_of_range = false;
  bool mixed_codes = false;
  bool empty_line = false;
  bool bad_utf8 = false;
  bool control = false;
  bool long_line = false;  // a line over 512 octets (RFC 5321 section 4.5.3.1.5)
  bool esc_malformed = false;
  bool esc_hash_prefix = false;
  bool esc_class_mismatch = false;
  bool esc_on_3xx = false;
  bool esc_lines_disagree = false;
};

struct reply {
  std::size_t begin = 0;  // the first code digit
  std::size_t end = 0;    // one past the final LF
  unsigned code = 0;
  std::vector<std::string> texts;
  esc enhanced{};  // klass 0: none
  marks seen{};
  reference::encoding enc = encoding::ascii;
};

struct outcome {
  std::vector<reply> replies;
  error err = error::none;
  std::size_t offset = 0;    // of the error
  std::size_t trailing = 0;  // empty lines skipped after the last reply
};

namespace detail {

// RFC 3629 section 4: how many bytes a sequence has, and the range of its
// second byte; 0 for a byte that cannot start one.
inline int utf8_length(unsigned char b, unsigned char& lo, unsigned char& hi) {
  lo = 0x80;
  hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b == 0xe0) lo = 0xa0;
  if (b == 0xed) hi = 0x9f;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b == 0xf0) lo = 0x90;
  if (b == 0xf4) hi = 0x8f;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

struct line {
  error err = error::none;  // incomplete: the input ended first
  std::size_t offset = 0;
  bool ended_after_cr = false;  // incomplete right after an empty line's CR
  bool started = false;         // a code digit was read
  std::size_t start = 0;        // the first code digit
  std::size_t next = 0;         // one past the LF
  unsigned code = 0;
  bool last = false;
  std::size_t text_begin = 0;
  std::size_t text_end = 0;
  bool saw_8bit = false;
  marks seen{};
};

// Reads one line (after any empty lines a lenient parse skips) at `pos`.
// `floor` is where the reply octet count starts; `index` counts the reply's
// lines so far; `first_code` is the code of its first line.
inline line read_line(std::string_view in, const options& o, std::size_t pos, std::size_t floor, std::size_t index,
                      unsigned first_code) {
  line l;
  const std::uint64_t reply_end = floor + o.max_reply;
  std::uint64_t limit = reply_end;
  const auto fail = [&l](error e, std::size_t at) {
    l.err = e;
    l.offset = at;
    return l;
  };
  // Every byte is first checked against the limit in force for it.
  const auto over = [&](std::size_t p) { return p >= limit; };
  const auto over_error = [&](std::size_t p) { return p >= reply_end ? error::reply_too_long : error::line_too_long; };

  std::size_t p = pos;
  for (;;) {  // empty lines
    if (p >= in.size()) return fail(error::incomplete, p);
    if (over(p)) return fail(over_error(p), p);
    const char c = in[p];
    if (c != '\r' && c != '\n') break;
    if (!o.empty_line) return fail(error::empty_line, p);
    l.seen.empty_line = true;
    if (c == '\n') {
      if (!o.bare_lf) return fail(error::bare_lf, p);
      l.seen.bare_lf = true;
      ++p;
      continue;
    }
    if (p + 1 >= in.size()) {
      l.ended_after_cr = true;
      return fail(error::incomplete, p);
    }
    if (over(p + 1)) return fail(over_error(p + 1), p + 1);
    if (in[p + 1] != '\n') return fail(error::invalid_code, p);
    p += 2;
  }

  // Reply-code
  if (!is_digit(in[p])) return fail(error::invalid_code, p);
  if (index >= o.max_lines) return fail(error::too_many_lines, p);
  l.started = true;
  l.start = p;
  const std::uint64_t line_end = l.start + o.max_line;
  limit = line_end < reply_end ? line_end : reply_end;
  for (std::size_t i = 0; i < 3; ++i, ++p) {
    if (i > 0) {
      if (p >= in.size()) return fail(error::incomplete, p);
      if (over(p)) return fail(over_error(p), p);
      if (!is_digit(in[p])) return fail(error::invalid_code, p);
    }
    l.code = l.code * 10 + static_cast<unsigned>(in[p] - '0');
  }
  // Three digits are there (fewer: invalid_code above); now the range.
  // RFC 5321 section 4.2: 2-5 then 0-5. The leniency: 1-9 then 0-9, since a
  // first digit 0 names no reply class.
  const unsigned first = l.code / 100;
  const unsigned second = l.code / 10 % 10;
  if (first == 0) return fail(error::code_out_of_range, l.start);
  if (first < 2 || first > 5 || second > 5) {
    if (!o.code_out_of_range) return fail(error::code_out_of_range, first < 2 || first > 5 ? l.start : l.start + 1);
    l.seen.out_of_range = true;
  }
  if (index > 0 && l.code != first_code) {
    if (!o.mixed_codes) return fail(error::mixed_codes, l.start);
    l.seen.mixed_codes = true;
  }
  if (l.code == 334) {  // RFC 4954: SASL challenges get their own limit
    const std::uint64_t auth_end = l.start + o.max_auth_line;
    limit = auth_end < reply_end ? auth_end : reply_end;
  }

  // The separator: SP (last line), "-" (more follow), or the line end.
  if (p >= in.size()) return fail(error::incomplete, p);
  if (over(p)) return fail(over_error(p), p);
  const char sep = in[p];
  l.last = sep != '-';
  if (sep == ' ' || sep == '-') {
    ++p;
  } else if (sep == '\r') {
    // text starts here: a lone CR is text (lenient), CRLF ends it empty
  } else if (sep == '\n') {
    if (!o.bare_lf) return fail(error::bare_lf, p);
    l.seen.bare_lf = true;
    l.text_begin = l.text_end = p;
    l.next = p + 1;
    return l;
  } else if (is_digit(sep) || !o.separator) {
    return fail(error::invalid_separator, p);
  } else {
    l.seen.odd_separator = true;
    if (sep == '\t') ++p;  // TAB stands for SP; anything else is text
  }
  l.text_begin = p;

  // textstring, then CRLF
  for (;;) {
    if (p >= in.size()) return fail(error::incomplete, p);
    if (over(p)) return fail(over_error(p), p);
    const auto b = static_cast<unsigned char>(in[p]);
    if (b == '\r') {
      if (p + 1 >= in.size()) return fail(error::incomplete, p + 1);
      if (over(p + 1)) return fail(over_error(p + 1), p + 1);
      if (in[p + 1] == '\n') {
        l.text_end = p;
        l.next = p + 2;
        break;
      }
      if (!o.control_character) return fail(error::control_character, p);
      l.seen.control = true;
      ++p;
    } else if (b == '\n') {
      if (!o.bare_lf) return fail(error::bare_lf, p);
      l.seen.bare_lf = true;
      l.text_end = p;
      l.next = p + 1;
      break;
    } else if (b == '\t' || (b >= 32 && b <= 126)) {
      ++p;
    } else if (b < 0x80) {
      if (!o.control_character) return fail(error::control_character, p);
      l.seen.control = true;
      ++p;
    } else {
      l.saw_8bit = true;
      unsigned char lo = 0;
      unsigned char hi = 0;
      const int length = utf8_length(b, lo, hi);
      const std::size_t lead = p++;
      bool broken = length == 0;
      for (int k = 1; k < length; ++k) {
        if (p >= in.size()) return fail(error::incomplete, p);
        if (over(p)) return fail(over_error(p), p);
        const auto cont = static_cast<unsigned char>(in[p]);
        if (cont < (k == 1 ? lo : 0x80) || cont > (k == 1 ? hi : 0xbf)) {
          broken = true;  // this byte is looked at again as text
          break;
        }
        ++p;
      }
      if (broken) {
        if (!o.invalid_utf8) return fail(error::invalid_utf8, lead);
        l.seen.bad_utf8 = true;
      }
    }
  }
  if (l.next - l.start > 512) l.seen.long_line = true;
  return l;
}

inline void merge(marks& into, const marks& m) {
  into.bare_lf |= m.bare_lf;
  into.odd_separator |= m.odd_separator;
  into.out_of_range |= m.out_of_range;
  into.mixed_codes |= m.mixed_codes;
  into.empty_line |= m.empty_line;
  into.bad_utf8 |= m.bad_utf8;
  into.control |= m.control;
  into.long_line |= m.long_line;
}

}  // namespace detail

/// Parses every reply in `in`, as a stream that ends where `in` ends.
inline outcome parse(std::string_view in, const options& o) {
  outcome out;
  std::size_t floor = 0;  // end of the previous reply
  while (floor < in.size()) {
    reply r;
    bool saw_8bit = false;
    esc_found first_esc;
    unsigned first_code = 0;
    unsigned previous_code = 0;
    std::size_t pos = floor;
    for (std::size_t index = 0;; ++index) {
      const detail::line l = detail::read_line(in, o, pos, floor, index, first_code);
      if (l.err == error::incomplete) {
        if (index == 0 && !l.started && !l.ended_after_cr) {  // only empty lines were left
          out.trailing = in.size() - floor;
          return out;
        }
        out.err = error::incomplete;
        out.offset = index > 0 || l.started ? (index > 0 ? r.begin : l.start) : l.offset;
        return out;
      }
      if (l.err != error::none) {
        out.err = l.err;
        out.offset = l.offset;
        return out;
      }
      if (index == 0) {
        r.begin = l.start;
        first_code = l.code;
      }
      r.code = l.code;  // equal on every line unless mixed codes were allowed: then the last wins
      detail::merge(r.seen, l.seen);
      saw_8bit |= l.saw_8bit;
      const std::string_view text = in.substr(l.text_begin, l.text_end - l.text_begin);
      r.texts.emplace_back(text);
      // The enhanced code comes from the line whose code wins: the first
      // line of the last run of equal codes (the first line unless mixed
      // codes were allowed). Disagreement counts within that run only.
      const esc_found e = find_esc(text);
      if (index == 0 || l.code != previous_code) {
        first_esc = e;
        r.seen.esc_lines_disagree = false;
      } else if (e.kind == esc_kind::valid && first_esc.kind == esc_kind::valid && e.code != first_esc.code) {
        r.seen.esc_lines_disagree = true;
      }
      previous_code = l.code;
      pos = l.next;
      if (l.last) break;
    }
    r.end = pos;
    // README: that line's code counts when well-formed, of the reply
    // code's class, and not on a 3yz reply (RFC 2034 section 4).
    const unsigned klass = r.code / 100;
    switch (first_esc.kind) {
      case esc_kind::valid:
        if (klass == 3) {
          r.seen.esc_on_3xx = true;
        } else if (first_esc.code.klass != klass) {
          r.seen.esc_class_mismatch = true;
        } else {
          r.enhanced = first_esc.code;
        }
        break;
      case esc_kind::malformed: r.seen.esc_malformed = true; break;
      case esc_kind::hash_prefixed: r.seen.esc_hash_prefix = true; break;
      case esc_kind::absent: break;
    }
    r.enc = r.seen.bad_utf8 ? encoding::other_8bit : saw_8bit ? encoding::utf8 : encoding::ascii;
    out.replies.push_back(r);
    floor = r.end;
  }
  return out;
}

/// The first line of `in` (after any skipped empty lines), as parse_line sees it.
struct first_line {
  error err = error::none;
  std::size_t offset = 0;
  unsigned code = 0;
  bool last = false;
  std::string text;
  std::size_t length = 0;  // through its LF
  marks seen{};
};

inline first_line parse_first_line(std::string_view in, const options& o) {
  const detail::line l = detail::read_line(in, o, 0, 0, 0, 0);
  first_line f;
  if (l.err != error::none) {
    f.err = l.err;
    f.offset = l.err == error::incomplete ? 0 : l.offset;
    return f;
  }
  f.code = l.code;
  f.last = l.last;
  f.text.assign(in.substr(l.text_begin, l.text_end - l.text_begin));
  f.length = l.next;
  f.seen = l.seen;
  return f;
}

}  // namespace reference

#endif  // SMTPREPLY_TESTS_REFERENCE_PARSER_HPP
