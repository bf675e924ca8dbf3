// smtpreply-cat: reads raw SMTP server bytes (a file or stdin), parses them
// (whole with the batch API, or with --chunk N through the streaming parser
// as from a socket) and prints one JSON object per reply.
//
//   smtpreply-cat [--lenient] [--chunk N] [--max-line-octets N]
//                 [--max-reply-octets N] [--max-reply-lines N] [FILE]
//
// Exit status: 0 all input parsed; 1 parse error ({"error": ..., "offset": K});
// 2 usage or I/O error; 3 input ended inside a reply ({"incomplete": true, ...}).
#include <smtpreply/smtpreply.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

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

// JSON string; bytes above 127 as \u00XX (Latin-1), so any bytes round-trip.
void put_json_string(std::string& out, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (u == '"' || u == '\\') {
      out += '\\';
      out += ch;
    } else if (u < 0x20 || u >= 0x7f) {
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += ch;
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
  std::fputs(out.c_str(), stdout);
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
  std::string input;
  char buf[65536];
  std::size_t got = 0;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) input.append(buf, got);
  if (f != stdin) std::fclose(f);

  // The whole input at once: the batch API, one pass.
  if (chunk == 0) {
    const smtpreply::batch_result r = smtpreply::for_each_reply(input, options, [&](const smtpreply::reply& reply) {
      print_reply(reply, static_cast<std::size_t>(reply.raw().data() - input.data()));
    });
    if (r.error == smtpreply::errc::incomplete) {
      std::printf("{\"incomplete\": true, \"offset\": %zu}\n", r.offset);
      return 3;
    }
    if (!r) {
      std::printf("{\"error\": \"%s\", \"offset\": %zu}\n", std::string(smtpreply::name(r.error)).c_str(), r.offset);
      return 1;
    }
    return 0;
  }

  // --chunk N: feed like a socket loop: `available` bytes have arrived;
  // `start` is the first unconsumed one.
  smtpreply::reply_parser parser{options};
  std::size_t start = 0;
  std::size_t available = 0;
  for (;;) {
    const std::string_view unconsumed(input.data() + start, available - start);
    const smtpreply::feed_result r = parser.feed(unconsumed);
    if (r.status == smtpreply::feed_status::complete) {
      print_reply(r.value, start + static_cast<std::size_t>(r.value.raw().data() - unconsumed.data()));
      start += r.consumed;
      continue;
    }
    if (r.status == smtpreply::feed_status::error) {
      std::printf("{\"error\": \"%s\", \"offset\": %zu}\n", std::string(smtpreply::name(r.error)).c_str(),
                  start + r.offset);
      return 1;
    }
    if (available < input.size()) {
      available = input.size() - available < chunk ? input.size() : available + chunk;
      continue;
    }
    const smtpreply::finish_result end = parser.finish(unconsumed);
    if (end.error == smtpreply::errc::incomplete) {
      std::printf("{\"incomplete\": true, \"offset\": %zu}\n", start + end.offset);
      return 3;
    }
    if (!end) {
      std::printf("{\"error\": \"%s\", \"offset\": %zu}\n", std::string(smtpreply::name(end.error)).c_str(),
                  start + end.offset);
      return 1;
    }
    return 0;
  }
}
