// The parser adapters that both benchmark programs run: smtpreply_bench
// (Google Benchmark, CPU time) and smtpreply_instructions (one pass, for
// callgrind's instruction counts, which the machine's load does not move).
#ifndef SMTPREPLY_BENCH_ADAPTERS_HPP
#define SMTPREPLY_BENCH_ADAPTERS_HPP

#include <cstddef>
#include <smtpreply/batch.hpp>
#include <smtpreply/reply_parser.hpp>
#include <string>
#include <string_view>

#include "corpus.hpp"

namespace bench {

// The adapters stay out of line, so that (for example) strict and lenient
// run the very same machine code and differ only in their options.
#define BENCH_NOINLINE __attribute__((noinline))

/// The whole corpus in one buffer, as after one big read.
BENCH_NOINLINE inline checksum smtpreply_whole(std::string_view in, const smtpreply::parse_options& options) noexcept {
  checksum c;
  smtpreply::reply_parser parser{options};
  while (!in.empty()) {
    const smtpreply::feed_result r = parser.feed(in);
    if (!r) {
      ++c.bad;
      break;
    }
    c.add_reply(r.value.line_count(), r.value.code().value());
    in.remove_prefix(r.consumed);
  }
  return c;
}

/// for_each_reply() over the whole corpus: the batch API.
BENCH_NOINLINE inline checksum smtpreply_batch(std::string_view in, const smtpreply::parse_options& options) noexcept {
  checksum c;
  const smtpreply::batch_result r = smtpreply::for_each_reply(
      in, options,
      [&c](const smtpreply::reply& reply) noexcept { c.add_reply(reply.line_count(), reply.code().value()); });
  if (!r) ++c.bad;
  return c;
}

/// As from a socket, with no copy: `chunk` more bytes arrive whenever the
/// parser needs more, and feed() is called once per reply on a view of them.
BENCH_NOINLINE inline checksum smtpreply_chunked(std::string_view in, std::size_t chunk) noexcept {
  checksum c;
  smtpreply::reply_parser parser;
  std::size_t start = 0;
  std::size_t available = chunk < in.size() ? chunk : in.size();
  for (;;) {
    const smtpreply::feed_result r = parser.feed(in.substr(start, available - start));
    if (r) {
      c.add_reply(r.value.line_count(), r.value.code().value());
      start += r.consumed;
      continue;
    }
    if (r.status == smtpreply::feed_status::error) {
      ++c.bad;
      break;
    }
    if (available == in.size()) break;
    available = in.size() - available > chunk ? available + chunk : in.size();
  }
  if (start != in.size()) ++c.bad;
  return c;
}

/// The README's socket loop: each read of `chunk` bytes is appended to a
/// buffer, for_each_reply(parser, buffer, ...) hands out every complete
/// reply, and the consumed bytes are erased once per read.
BENCH_NOINLINE inline checksum smtpreply_socket_loop(std::string_view in, std::size_t chunk) {
  checksum c;
  smtpreply::reply_parser parser;
  std::string buffer;
  buffer.reserve(2 * chunk + 4096);
  for (std::size_t read = 0; read < in.size(); read += chunk) {
    buffer.append(in.substr(read, chunk));
    const smtpreply::batch_result r = smtpreply::for_each_reply(
        parser, buffer,
        [&c](const smtpreply::reply& reply) noexcept { c.add_reply(reply.line_count(), reply.code().value()); });
    if (!r) {
      ++c.bad;
      return c;
    }
    buffer.erase(0, r.consumed);
  }
  if (!buffer.empty() || !parser.finish(buffer)) ++c.bad;
  return c;
}

}  // namespace bench

#endif  // SMTPREPLY_BENCH_ADAPTERS_HPP
