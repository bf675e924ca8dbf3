// Fuzzes the streaming reply parser in strict mode (limits drawn from the
// input): chunking invariance, views inside the buffer, consumed bytes
// adding up, parse_reply() agreeing with the stream, agreement with the
// reference parser, round trip, and strict acceptance implying the same
// result with every leniency on (same limits).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;  // longer inputs find nothing new, only run slower
  FuzzedDataProvider provider(data, size);
  smtpreply::parse_options strict{};
  strict.limit = fuzz::draw_limits(provider);
  const std::vector<std::size_t> chunks = fuzz::draw_chunks(provider);
  const std::string input = provider.ConsumeRemainingBytesAsString();
  fuzz::current_input() = input;
  fuzz::set_context(strict, chunks);

  const fuzz::outcome s = fuzz::check_stream(input, strict, chunks);
  smtpreply::parse_options all = smtpreply::parse_options::lenient_all();
  all.limit = strict.limit;
  fuzz::check_strict_implies(s, fuzz::run_whole(input, all));
  return 0;
}
