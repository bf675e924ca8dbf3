// Fuzzes parse_code() (both modes) against the reference grammar, and the
// accessors of reply_code for any 16-bit value.
#include "fuzz_common.hpp"

namespace {

void check_code(smtpreply::reply_code c) {
  const unsigned v = c.value();
  const unsigned d1 = v / 100;
  const unsigned d2 = v / 10 % 10;
  const bool in_range = v <= 999 && d1 >= 2 && d1 <= 5 && d2 <= 5;
  fuzz::check(c.is_valid() == in_range, "is_valid(): first digit 2-5, second 0-5");
  fuzz::check(static_cast<unsigned>(c.first_digit()) == d1 && static_cast<unsigned>(c.second_digit()) == d2 &&
                  static_cast<unsigned>(c.third_digit()) == v % 10,
              "digits");
  const unsigned klass = static_cast<unsigned>(c.reply_class());
  fuzz::check(klass == (v <= 999 && d1 >= 2 && d1 <= 5 ? d1 : 0), "reply_class() is the first digit");
  const unsigned category = static_cast<unsigned>(c.category());
  fuzz::check(category == (v <= 999 && d2 <= 5 ? d2 : 255), "category() is the second digit");
  fuzz::check(c.is_positive() == (d1 == 2 || d1 == 3) * (v <= 999), "is_positive(): 2yz or 3yz");
  fuzz::check(c.is_negative() == (d1 == 4 || d1 == 5) * (v <= 999), "is_negative(): 4yz or 5yz");
  fuzz::check(c.is_transient() == (v <= 999 && d1 == 4) && c.is_permanent() == (v <= 999 && d1 == 5),
              "transient / permanent");
  fuzz::check(c.is_positive_completion() + c.is_positive_intermediate() == c.is_positive(), "positive kinds");
  fuzz::check(!smtpreply::name(c.reply_class()).empty() && !smtpreply::name(c.category()).empty(), "names");
  const smtpreply::reply_code same{c.value()};
  fuzz::check(same == c && !(same != c) && !(same < c), "comparisons");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  fuzz::current_input() = s;
  for (const bool any : {false, true}) {
    const smtpreply::code_result r = smtpreply::parse_code(s, any);
    const reference::code_answer ref = reference::parse_code(s, any);
    if (r.error != fuzz::to_errc(ref.err) || r.offset != ref.offset ||
        ((r || r.error == smtpreply::errc::code_out_of_range) && r.code.value() != ref.value)) {
      char shown[128];
      std::snprintf(shown, sizeof shown, "any digits %d; library %s @%zu = %u; reference %s @%zu = %u", any,
                    std::string(smtpreply::name(r.error)).c_str(), r.offset, r.code.value(),
                    std::string(smtpreply::name(fuzz::to_errc(ref.err))).c_str(), ref.offset, ref.value);
      fuzz::fail("parse_code() agrees with the reference grammar", shown);
    }
    if (r) {
      fuzz::check(r.code.is_valid() || any, "strict codes are valid");
      check_code(r.code);
    }
  }
  if (size >= 2) check_code(smtpreply::reply_code{static_cast<std::uint16_t>(data[0] << 8 | data[1])});
  if (size >= 1) {
    // Any error number, known or not, has a name and a message, also as a std::error_code.
    const auto e = static_cast<smtpreply::errc>(data[0]);
    const std::error_code ec = smtpreply::make_error_code(e);
    fuzz::check(!smtpreply::name(e).empty() && ec.message() == smtpreply::message(e) &&
                    (data[0] <= 14) == (smtpreply::name(e) != "unknown"),
                "error names and messages");
    const auto f = static_cast<smtpreply::flag>(1u << (data[0] % 32));
    smtpreply::flag_set set;
    set.add(f);
    // A set holds only bits that are flags (flag_table): unknown bits are dropped on the way in.
    const bool known = smtpreply::name(f) != "unknown";
    fuzz::check(set.has(f) == known && set == smtpreply::flag_set{1u << (data[0] % 32)} && !(set != set) &&
                    set.empty() == !known && !smtpreply::name(f).empty(),
                "flag_set::add() and flag names");
  }
  return 0;
}
