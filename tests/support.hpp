// Test helpers: run the streaming parser over input split in any way and
// record what came out, so different splits can be compared.
#ifndef SMTPREPLY_TESTS_SUPPORT_HPP
#define SMTPREPLY_TESTS_SUPPORT_HPP

#include <cstddef>
#include <smtpreply/smtpreply.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace test {

struct event {
  // A reply (code != 0) or the final outcome (error, incomplete or clean end).
  std::size_t offset = 0;
  std::size_t length = 0;
  int code = 0;
  std::vector<std::string> lines;
  std::string enhanced;
  std::uint32_t flags = 0;
  smtpreply::text_encoding encoding = smtpreply::text_encoding::ascii;
  smtpreply::errc error = smtpreply::errc::ok;
  bool operator==(const event& o) const {
    return offset == o.offset && length == o.length && code == o.code && lines == o.lines && enhanced == o.enhanced &&
           flags == o.flags && encoding == o.encoding && error == o.error;
  }
};

inline std::string esc_string(smtpreply::enhanced_code e) {
  if (e.empty()) return "";
  char buf[16];
  return std::string(buf, e.format(buf));
}

/// The final event: what finish() says of the unconsumed bytes, which start
/// `start` bytes into the input (ok at the input's end, or where it stopped).
inline event finish_event(smtpreply::reply_parser& parser, std::string_view unconsumed, std::size_t start) {
  const smtpreply::finish_result f = parser.finish(unconsumed);
  event e;
  e.error = f.error;
  e.offset = f ? start + f.consumed : start + f.offset;
  return e;
}

/// Feeds `input` as arrives in pieces ending at each position in `cuts`
/// (increasing); returns the replies then one final event (error or end).
inline std::vector<event> run(std::string_view input, const smtpreply::parse_options& options,
                              const std::vector<std::size_t>& cuts) {
  std::vector<event> out;
  smtpreply::reply_parser parser{options};
  std::size_t start = 0;
  std::size_t cut_index = 0;
  std::size_t available = cuts.empty() ? input.size() : cuts[0];
  for (;;) {
    const std::string_view unconsumed = input.substr(start, available - start);
    const smtpreply::feed_result r = parser.feed(unconsumed);
    if (r) {
      event e;
      e.offset = start + static_cast<std::size_t>(r.value.raw().data() - unconsumed.data());
      e.length = r.value.raw().size();
      e.code = r.value.code().value();
      for (std::string_view t : r.value.lines()) e.lines.emplace_back(t);
      e.enhanced = esc_string(r.value.enhanced());
      e.flags = r.value.flags().bits();
      e.encoding = r.value.encoding();
      out.push_back(e);
      start += r.consumed;
      continue;
    }
    if (r.status == smtpreply::feed_status::error) {
      event e;
      e.error = r.error;
      e.offset = start + r.offset;
      out.push_back(e);
      return out;
    }
    if (available < input.size()) {
      ++cut_index;
      available = cut_index < cuts.size() ? cuts[cut_index] : input.size();
      continue;
    }
    out.push_back(finish_event(parser, unconsumed, start));
    return out;
  }
}

inline std::vector<event> run_whole(std::string_view input, const smtpreply::parse_options& options = {}) {
  return run(input, options, {});
}

inline std::vector<event> run_chunked(std::string_view input, const smtpreply::parse_options& options,
                                      std::size_t chunk) {
  std::vector<std::size_t> cuts;
  for (std::size_t c = chunk; c < input.size(); c += chunk) cuts.push_back(c);
  return run(input, options, cuts);
}

/// The README's socket loop: each piece (ending at each position in `cuts`)
/// is appended to a buffer, for_each_reply(parser, buffer, ...) hands out
/// every complete reply, and the consumed bytes are erased once per piece.
/// Returns what run() returns for the same input.
inline std::vector<event> run_socket_loop(std::string_view input, const smtpreply::parse_options& options,
                                          const std::vector<std::size_t>& cuts) {
  std::vector<event> out;
  smtpreply::reply_parser parser{options};
  std::string buffer;      // what was read and not consumed
  std::size_t erased = 0;  // bytes of `input` before `buffer`
  std::size_t read = 0;
  for (std::size_t i = 0; i <= cuts.size(); ++i) {
    const std::size_t upto = i < cuts.size() ? cuts[i] : input.size();
    buffer.append(input.substr(read, upto - read));
    read = upto;
    const smtpreply::batch_result r = smtpreply::for_each_reply(parser, buffer, [&](const smtpreply::reply& reply) {
      event e;
      e.offset = erased + static_cast<std::size_t>(reply.raw().data() - buffer.data());
      e.length = reply.raw().size();
      e.code = reply.code().value();
      for (std::string_view t : reply.lines()) e.lines.emplace_back(t);
      e.enhanced = esc_string(reply.enhanced());
      e.flags = reply.flags().bits();
      e.encoding = reply.encoding();
      out.push_back(e);
    });
    if (!r) {
      event e;
      e.error = r.error;
      e.offset = erased + r.offset;
      out.push_back(e);
      return out;
    }
    buffer.erase(0, r.consumed);
    erased += r.consumed;
  }
  out.push_back(finish_event(parser, buffer, erased));
  return out;
}

}  // namespace test

#endif  // SMTPREPLY_TESTS_SUPPORT_HPP
