// Fuzzes the streaming reply parser with each leniency bit and the limits
// drawn independently from the input: the same properties as the strict
// target, the reference parser applying the same leniencies, and strict
// mode (same limits) implying this mode's result.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;
  FuzzedDataProvider provider(data, size);
  const smtpreply::parse_options options = fuzz::draw_options(provider);
  const std::vector<std::size_t> chunks = fuzz::draw_chunks(provider);
  const std::string input = provider.ConsumeRemainingBytesAsString();
  fuzz::current_input() = input;
  fuzz::set_context(options, chunks);

  const fuzz::outcome lenient = fuzz::check_stream(input, options, chunks);
  smtpreply::parse_options strict{};
  strict.limit = options.limit;
  fuzz::check_strict_implies(fuzz::run_whole(input, strict), lenient);
  return 0;
}
