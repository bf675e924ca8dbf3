// Fuzzes the batch API, for_each_reply(), against the streaming parser (any
// leniencies, limits drawn from the input): the same replies (every field,
// through record_reply's checks), the same first error at the same offset,
// `consumed` where the streaming parser's consumed bytes end, `replies`
// counting the callback's calls; and a callback that returns false after
// the k-th reply stops right there. The streaming form,
// for_each_reply(parser, buffer, ...), in the README's socket loop (drawn
// chunk sizes, the consumed bytes erased once per read, into a new
// allocation, a stop after every k-th reply and a call again on the same
// bytes), gives the same replies and the same end; its errors are sticky and
// a buffer shorter than what it examined is refused.
#include <smtpreply/batch.hpp>

#include "fuzz_common.hpp"

namespace {

struct batch_outcome {
  fuzz::outcome outcome;
  smtpreply::batch_result result;
  std::size_t calls = 0;
};

batch_outcome run_batch(std::string_view input, const smtpreply::parse_options& options, std::size_t stop_after) {
  batch_outcome out;
  std::size_t start = 0;  // the first byte after the previous reply
  out.result = smtpreply::for_each_reply(input, options, [&](const smtpreply::reply& r) {
    const std::string_view rest = input.substr(start);
    fuzz::check(!r.raw().empty() && fuzz::inside(r.raw(), rest), "a batch reply lies after the previous one");
    smtpreply::feed_result as_feed{};
    as_feed.status = smtpreply::feed_status::complete;
    as_feed.value = r;
    as_feed.consumed = static_cast<std::size_t>(r.raw().data() + r.raw().size() - rest.data());
    out.outcome.replies.push_back(fuzz::record_reply(as_feed, rest, start, input, options));
    start += as_feed.consumed;
    return ++out.calls != stop_after;
  });
  const smtpreply::batch_result& b = out.result;
  fuzz::check(b.replies == out.calls, "replies counts the callback's calls");
  fuzz::check(b.consumed <= input.size() && b.consumed <= b.offset && b.offset <= input.size(),
              "consumed <= offset <= size");
  if (!b.stopped) {
    fuzz::check(b.consumed == (b ? input.size() : start), "consumed ends after the last reply handed out");
    out.outcome.error = b.error;
    out.outcome.offset = b ? 0 : b.offset;
  }
  return out;
}

// The README's socket loop over chunks of the drawn sizes (cycled; none:
// one byte at a time): append a read, hand out every complete reply, erase
// the consumed bytes (into a new allocation: the parser keeps its place
// relative to the buffer's start, not to an address), then finish().
fuzz::outcome run_socket_loop(std::string_view input, const smtpreply::parse_options& options,
                              const std::vector<std::size_t>& chunks, std::size_t stop_every) {
  fuzz::outcome out;
  smtpreply::reply_parser parser{options};
  std::string buffer;
  std::size_t base = 0;   // where buffer starts in input
  std::size_t next = 0;   // first input byte not yet appended
  std::size_t start = 0;  // in buffer: after the last reply handed out
  std::size_t calls = 0;
  // Every reply is recorded; with stop_every, each stop_every-th call stops
  // the walk, and the loop calls again on the same bytes.
  const auto hand = [&](const smtpreply::reply& reply) {
    const std::string_view rest = std::string_view(buffer).substr(start);
    fuzz::check(fuzz::inside(reply.raw(), rest), "a streamed reply lies after the previous one");
    smtpreply::feed_result as_feed{};
    as_feed.status = smtpreply::feed_status::complete;
    as_feed.value = reply;
    as_feed.consumed = static_cast<std::size_t>(reply.raw().data() + reply.raw().size() - rest.data());
    out.replies.push_back(fuzz::record_reply(as_feed, rest, base + start, input, options));
    start += as_feed.consumed;
    return stop_every == 0 || ++calls % stop_every != 0;
  };
  for (std::size_t chunk = 0; next < input.size(); ++chunk) {
    const std::size_t n = chunks.empty() ? 1 : chunks[chunk % chunks.size()];
    buffer.append(input.substr(next, n));
    next += n < input.size() - next ? n : input.size() - next;
    smtpreply::batch_result r{};
    do {  // again after a stop: the parser is between replies, at `start`
      const std::size_t before = start;
      r = smtpreply::for_each_reply(parser, std::string_view(buffer).substr(before), hand);
      r.consumed += before;
      r.offset += before;
    } while (r && r.stopped);
    if (!r) {
      fuzz::check(r.consumed == start && r.offset >= start && r.offset <= buffer.size(), "a streamed error");
      const smtpreply::batch_result again =
          smtpreply::for_each_reply(parser, std::string_view(buffer).substr(start), hand);
      fuzz::check(again.error == r.error && start + again.offset == r.offset && again.replies == 0,
                  "a streamed error is sticky");
      out.error = r.error;
      out.offset = base + r.offset;
      return out;
    }
    fuzz::check(r.consumed == start && r.offset == buffer.size(), "a streamed read ends cleanly");
    fuzz::check(parser.examined() == buffer.size() - r.consumed, "every byte of the kept reply was examined");
    buffer = std::string(buffer.substr(r.consumed));  // erased, into a fresh allocation
    base += r.consumed;
    start = 0;
    if (parser.examined() != 0) {  // a shorter buffer than the one examined is refused
      smtpreply::reply_parser copy = parser;
      const std::size_t shorter = parser.examined() - 1;
      const smtpreply::batch_result m =
          smtpreply::for_each_reply(copy, std::string_view(buffer).substr(0, shorter), hand);
      fuzz::check(m.error == smtpreply::errc::buffer_mismatch && m.offset == shorter && m.replies == 0,
                  "a streamed buffer shorter than what was examined is refused");
    }
  }
  const smtpreply::finish_result f = parser.finish(buffer);
  if (f) {
    fuzz::check(base + f.consumed == input.size(), "consumed bytes add up to the input (streamed)");
    out.trailing = f.consumed;
  } else {
    out.error = f.error;
    out.offset = base + f.offset;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;
  FuzzedDataProvider provider(data, size);
  const smtpreply::parse_options options = fuzz::draw_options(provider);
  const std::size_t stop_after = provider.ConsumeIntegralInRange<std::size_t>(0, 8);  // 0: never stop
  const std::vector<std::size_t> chunks = fuzz::draw_chunks(provider);
  const std::string input = provider.ConsumeRemainingBytesAsString();
  fuzz::current_input() = input;
  std::vector<std::size_t> context = chunks;
  context.insert(context.begin(), stop_after);
  fuzz::set_context(options, context);

  fuzz::outcome stream = fuzz::run_whole(input, options);
  const batch_outcome all = run_batch(input, options, 0);
  fuzz::outcome batch = all.outcome;
  batch.trailing = stream.trailing;  // the batch API folds trailing empty lines into `consumed`
  if (batch != stream)
    fuzz::fail("for_each_reply() agrees with feed() and finish()", fuzz::describe_pair("batch", batch, "feed", stream));
  fuzz::check(!all.result.stopped, "a callback returning void-like true never stops");
  const fuzz::outcome looped = run_socket_loop(input, options, chunks, stop_after);
  if (looped != stream) {
    fuzz::fail("for_each_reply(parser, ...) in a socket loop agrees with feed()",
               fuzz::describe_pair("loop", looped, "feed", stream));
  }

  if (stop_after != 0) {
    const batch_outcome part = run_batch(input, options, stop_after);
    if (stop_after <= stream.replies.size()) {
      fuzz::check(part.result.stopped && part.result && part.calls == stop_after, "false stops the walk");
      const fuzz::reply_record& last = stream.replies[stop_after - 1];
      fuzz::check(part.result.consumed == last.offset + last.length, "a stop leaves consumed after that reply");
      for (std::size_t i = 0; i < stop_after; ++i) {
        fuzz::check(part.outcome.replies[i] == stream.replies[i], "the replies before a stop are the same");
      }
    } else {
      fuzz::check(!part.result.stopped && part.result.error == all.result.error &&
                      part.result.offset == all.result.offset && part.result.consumed == all.result.consumed,
                  "a stop after the last reply changes nothing");
    }
  }
  return 0;
}
