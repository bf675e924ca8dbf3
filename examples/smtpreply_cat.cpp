// smtpreply-cat: reads raw SMTP server bytes (a file or stdin) as they
// arrive, hands them to the streaming parser (for_each_reply(parser, ...)),
// and prints one JSON object per reply as soon as it is complete. Memory is bounded by the parser's limits
// (the unfinished reply) plus one read buffer, whatever the input's size.
//
//   smtpreply-cat [--lenient] [--chunk N] [--max-line-octets N]
//                 [--max-reply-octets N] [--max-reply-lines N] [FILE]
//
// Exit status: 0 all input parsed; 1 parse error ({"error": ..., "offset": K});
// 2 usage or I/O error; 3 input ended inside a reply ({"incomplete": true, ...}).
//
// JSON strings are what Python's json.dumps(..., ensure_ascii=False) writes
// for the text decoded with 'surrogateescape': valid UTF-8 as is, a byte
// that is not part of valid UTF-8 as "\udcXX" (0xff: "\udcff"), so that the
// bytes round-trip; `smtpreply parse --json` writes the same lines.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <smtpreply/smtpreply.hpp>
#include <string>
#include <string_view>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#define SMTPREPLY_CAT_POSIX 1
#endif

namespace {

void usage() {
  std::fputs(
      "usage: smtpreply-cat [--lenient] [--chunk N] [--max-line-octets N]\n"
      "                     [--max-reply-octets N] [--max-reply-lines N] [FILE]\n"
      "Reads raw SMTP server replies and prints one JSON object per reply.\n"
      "Exit: 0 ok, 1 parse error, 2 usage or I/O error, 3 input ended inside a reply.\n",
      stderr);
}

bool parse_number(const char* s, std::uint32_t& out) {
  char* end = nullptr;
  const unsigned long v = std::strtoul(s, &end, 10);
  if (end == s || *end != '\0' || v == 0 || v > 0xffffffffUL) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}

// The length of the valid UTF-8 sequence at the start of `s` (RFC 3629: no
// overlong forms, no surrogates, at most U+10FFFF), or 0.
std::size_t utf8_sequence(std::string_view s) {
  const auto at = [&s](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b = at(0);
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) {
    n = 2;
  } else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b == 0xe0) lo = 0xa0;
    if (b == 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b == 0xf0) lo = 0x90;
    if (b == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (s.size() < n || at(1) < lo || at(1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i) {
    if (at(i) < 0x80 || at(i) > 0xbf) return 0;
  }
  return n;
}

void put_json_string(std::string& out, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u == '"' || u == '\\') {
      out += '\\';
      out += s[i];
    } else if (u < 0x20) {
      switch (u) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 15];
      }
    } else if (u < 0x80) {
      out += s[i];
    } else if (const std::size_t n = utf8_sequence(s.substr(i)); n != 0) {
      out.append(s.data() + i, n);
      i += n - 1;
    } else {
      out += "\\udc";
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  out += '"';
}

void print_reply(const smtpreply::reply& r, std::size_t offset) {
  std::string out = "{\"offset\": " + std::to_string(offset) + ", \"length\": " + std::to_string(r.raw().size()) +
                    ", \"code\": " + std::to_string(r.code().value()) + ", \"lines\": [";
  bool first = true;
  for (const std::string_view text : r.lines()) {
    if (!first) out += ", ";
    first = false;
    put_json_string(out, text);
  }
  out += "], \"enhanced\": ";
  if (r.has_enhanced()) {
    char buf[16];
    const std::size_t n = r.enhanced().format(buf);
    out += '"';
    out.append(buf, n);
    out += '"';
  } else {
    out += "null";
  }
  out += ", \"flags\": [";
  first = true;
  for (const smtpreply::flag f : smtpreply::all_flags) {
    if (!r.flags().has(f)) continue;
    if (!first) out += ", ";
    first = false;
    put_json_string(out, smtpreply::name(f));
  }
  out += "]}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// Reads what has arrived, up to `size` bytes (0 at the end; -1 on error).
long read_some(std::FILE* f, char* buf, std::size_t size) {
#ifdef SMTPREPLY_CAT_POSIX
  for (;;) {
    const ssize_t n = ::read(fileno(f), buf, size);
    if (n >= 0) return static_cast<long>(n);
    if (errno != EINTR) return -1;
  }
#else
  const std::size_t n = std::fread(buf, 1, size, f);
  return n == 0 && std::ferror(f) ? -1 : static_cast<long>(n);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  smtpreply::parse_options options{};
  std::size_t chunk = 0;  // 0: all at once
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    std::uint32_t v = 0;
    const bool has_value = i + 1 < argc;
    if (a == "--lenient") {
      options.lenient = smtpreply::leniency::all;
    } else if (a == "--chunk" && has_value && parse_number(argv[i + 1], v)) {
      chunk = v;
      ++i;
    } else if (a == "--max-line-octets" && has_value && parse_number(argv[i + 1], v)) {
      options.limit.max_line_octets = v;
      ++i;
    } else if (a == "--max-reply-octets" && has_value && parse_number(argv[i + 1], v)) {
      options.limit.max_reply_octets = v;
      ++i;
    } else if (a == "--max-reply-lines" && has_value && parse_number(argv[i + 1], v)) {
      options.limit.max_reply_lines = v;
      ++i;
    } else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] != '-' && path == nullptr) {
      path = argv[i];
    } else {
      usage();
      return 2;
    }
  }

  std::FILE* f = path != nullptr ? std::fopen(path, "rb") : stdin;
  if (f == nullptr) {
    std::perror(path);
    return 2;
  }
  // The README's socket loop: each read (cut into pieces of --chunk bytes,
  // as a socket might deliver them) is appended to `buf`, every complete
  // reply is printed, and the consumed bytes are dropped once per piece;
  // `base` is the stream offset of buf[0].
  smtpreply::reply_parser parser{options};
  std::string buf;
  std::size_t base = 0;
  const auto print = [&](const smtpreply::reply& r) {
    print_reply(r, base + static_cast<std::size_t>(r.raw().data() - buf.data()));
  };
  static char block[65536];
  int status = 0;
  for (;;) {
    std::fflush(stdout);  // output per reply while the input is still open
    const long n = read_some(f, block, sizeof block);
    if (n < 0) {
      std::perror(path != nullptr ? path : "stdin");
      status = 2;
      break;
    }
    if (n == 0) {
      const smtpreply::finish_result end = parser.finish(buf);
      if (end.error == smtpreply::errc::incomplete) {
        std::printf("{\"incomplete\": true, \"offset\": %zu}\n", base + end.offset);
        status = 3;
      } else if (!end) {
        std::printf("{\"error\": \"%s\", \"offset\": %zu}\n", std::string(smtpreply::name(end.error)).c_str(),
                    base + end.offset);
        status = 1;
      }
      break;
    }
    const auto size = static_cast<std::size_t>(n);
    for (std::size_t at = 0; at < size && status == 0;) {
      const std::size_t piece = chunk == 0 || size - at < chunk ? size - at : chunk;
      buf.append(block + at, piece);
      at += piece;
      const smtpreply::batch_result r = smtpreply::for_each_reply(parser, buf, print);
      if (!r) {
        std::printf("{\"error\": \"%s\", \"offset\": %zu}\n", std::string(smtpreply::name(r.error)).c_str(),
                    base + r.offset);
        status = 1;
      }
      buf.erase(0, r.consumed);
      base += r.consumed;
    }
    if (status != 0) break;
  }
  if (f != stdin) std::fclose(f);
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fputs("smtpreply-cat: cannot write the output\n", stderr);
    return 2;
  }
  return status;
}
