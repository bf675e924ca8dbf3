// Fuzzes the batch API, for_each_reply(), against the streaming parser (any
// leniencies, limits drawn from the input): the same replies (every field,
// through record_reply's checks), the same first error at the same offset,
// `consumed` where the streaming parser's consumed bytes end, `replies`
// counting the callback's calls; and a callback that returns false after
// the k-th reply stops right there.
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;
  FuzzedDataProvider provider(data, size);
  smtpreply::parse_options options{};
  options.lenient = fuzz::draw_leniency(provider);
  options.limit = fuzz::draw_limits(provider);
  const std::size_t stop_after = provider.ConsumeIntegralInRange<std::size_t>(0, 8);  // 0: never stop
  const std::string input = provider.ConsumeRemainingBytesAsString();
  fuzz::current_input() = input;
  fuzz::set_context(options, {stop_after});

  fuzz::outcome stream = fuzz::run_whole(input, options);
  const batch_outcome all = run_batch(input, options, 0);
  fuzz::outcome batch = all.outcome;
  batch.trailing = stream.trailing;  // the batch API folds trailing empty lines into `consumed`
  if (batch != stream)
    fuzz::fail("for_each_reply() agrees with feed() and finish()", fuzz::describe_pair("batch", batch, "feed", stream));
  fuzz::check(!all.result.stopped, "a callback returning void-like true never stops");

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
