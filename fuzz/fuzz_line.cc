// Fuzzes parse_line() with drawn leniencies and limits: agreement with the
// reference parser's first line, the text inside the input, and agreement
// with the streaming parser on the same bytes.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;
  FuzzedDataProvider provider(data, size);
  const smtpreply::parse_options options = fuzz::draw_options(provider);
  const std::string input = provider.ConsumeRemainingBytesAsString();
  fuzz::current_input() = input;
  fuzz::set_context(options, {});

  const smtpreply::line_result l = smtpreply::parse_line(input, options);
  const reference::first_line ref = reference::parse_first_line(input, fuzz::to_reference(options));
  char shown[200];
  std::snprintf(shown, sizeof shown,
                "library: %s @%zu code %u last %d length %zu flags 0x%x\n"
                "reference: %s @%zu code %u last %d length %zu flags 0x%x",
                std::string(smtpreply::name(l.error)).c_str(), l.offset, l.code.value(), l.is_last, l.length,
                l.flags.bits(), std::string(smtpreply::name(fuzz::to_errc(ref.err))).c_str(), ref.offset, ref.code,
                ref.last, ref.length, fuzz::to_flags(ref.seen, false));
  if (l.error != fuzz::to_errc(ref.err) || l.offset != ref.offset ||
      (l && (l.code.value() != ref.code || l.is_last != ref.last || l.text != ref.text || l.length != ref.length ||
             l.flags.bits() != fuzz::to_flags(ref.seen, false)))) {
    fuzz::fail("parse_line() agrees with the reference parser", shown);
  }

  smtpreply::reply_parser stream{options};
  if (!l) {
    const smtpreply::feed_result r = stream.feed(input);
    if (l.error == smtpreply::errc::incomplete) {
      fuzz::check(r.status == smtpreply::feed_status::need_more, "an incomplete line is need_more to feed()");
    } else {
      fuzz::check(r.status == smtpreply::feed_status::error && r.error == l.error && r.offset == l.offset,
                  "a bad line fails feed() in the same way");
    }
    return 0;
  }
  fuzz::check(l.length <= input.size() && input[l.length - 1] == '\n', "a line ends in LF within the input");
  fuzz::check(fuzz::inside(l.text, std::string_view(input).substr(0, l.length)), "the text lies inside the line");
  fuzz::check(l.code.is_valid() || smtpreply::has(options.lenient, smtpreply::leniency::code_out_of_range),
              "an out-of-range code needs its leniency");
  fuzz::check(l.code.value() >= 100, "a first digit 0 is never a reply, under any leniency");
  const smtpreply::feed_result r = stream.feed(std::string_view(input).substr(0, l.length));
  if (!l.is_last) {
    fuzz::check(r.status == smtpreply::feed_status::need_more, "a continuation line leaves feed() wanting more");
    return 0;
  }
  constexpr std::uint32_t line_flags =
      smtpreply::tolerated_flags_mask | static_cast<std::uint32_t>(smtpreply::flag::long_line);
  fuzz::check(r.status == smtpreply::feed_status::complete && r.consumed == l.length && r.value.line_count() == 1 &&
                  r.value.code() == l.code && r.value.first_line() == l.text &&
                  (r.value.flags().bits() & line_flags) == l.flags.bits(),
              "a last line is a one-line reply to feed()");
  return 0;
}
