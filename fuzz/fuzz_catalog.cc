// Fuzzes the catalog entry points (explain, compare, advise, find) with any
// codes, enhanced codes, commands and options, and the catalog over replies
// the parser accepts. Properties: explanations agree with the code's own
// digits and with the tables; compare() is symmetric and finds no difference
// between a code and itself; advice and retry answers agree.
#include <smtpreply/catalog.hpp>

#include "fuzz_common.hpp"

namespace {

void check_explanation(smtpreply::reply_code c) {
  const smtpreply::explanation e = smtpreply::explain(c);
  fuzz::check(e.code == c, "explain() keeps the code");
  fuzz::check(e.klass == c.reply_class() && e.category == c.category(), "explain(): class and category by digits");
  const smtpreply::reply_code_info* info = smtpreply::find(c);
  fuzz::check(e.known == (info != nullptr), "explain().known iff the table lists the code");
  if (info != nullptr) {
    fuzz::check(info->code == c.value(), "find() returns the entry of the code asked for");
    fuzz::check(!e.name.empty() && !e.meaning.empty() && !e.how_to_fix.empty() &&
                    e.reference.find("RFC") != std::string_view::npos,
                "a listed code has texts and an RFC reference");
  }
  if (c.is_valid()) fuzz::check(!e.class_name.empty() && !e.meaning.empty(), "any valid code is explained");
  fuzz::check(smtpreply::name(e.advice) != "unknown", "advice is a known action");
}

void check_enhanced(smtpreply::enhanced_code esc) {
  const smtpreply::enhanced_explanation e = smtpreply::explain(esc);
  const smtpreply::enhanced_code_info* info = smtpreply::find(esc);
  fuzz::check(e.known == (info != nullptr), "explain(enhanced).known iff the registry lists subject.detail");
  if (info != nullptr) {
    fuzz::check(info->subject == esc.subject && info->detail == esc.detail, "find(enhanced) returns its entry");
    fuzz::check(!e.name.empty() && !e.description.empty() && !e.reference.empty(), "registry entries have texts");
  }
  fuzz::check(e.known_subject == (esc.subject <= 7), "subjects 0-7 are known");
  fuzz::check(smtpreply::name(smtpreply::advise(esc)) != "unknown", "enhanced advice is a known action");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::current_input() = std::string_view(reinterpret_cast<const char*>(data), size);
  FuzzedDataProvider p(data, size);
  const smtpreply::reply_code a{p.ConsumeIntegralInRange<std::uint16_t>(0, 1000)};
  const smtpreply::reply_code b{p.ConsumeIntegralInRange<std::uint16_t>(0, 1000)};
  const smtpreply::enhanced_code esc{p.ConsumeIntegralInRange<std::uint16_t>(0, 6),
                                     p.ConsumeIntegralInRange<std::uint16_t>(0, 1000),
                                     p.ConsumeIntegralInRange<std::uint16_t>(0, 1000)};
  const smtpreply::enhanced_code esc2{p.ConsumeIntegralInRange<std::uint16_t>(0, 6),
                                      p.ConsumeIntegralInRange<std::uint16_t>(0, 10),
                                      p.ConsumeIntegralInRange<std::uint16_t>(0, 40)};
  const auto cmd = static_cast<smtpreply::command>(p.ConsumeIntegralInRange<int>(0, 16));
  smtpreply::advice_options options{};
  options.treat_552_to_rcpt_as_452 = p.ConsumeBool();
  options.tls = static_cast<smtpreply::tls_state>(p.ConsumeIntegralInRange<int>(0, 2));

  check_explanation(a);
  check_explanation(b);
  check_enhanced(esc);
  check_enhanced(esc2);

  const smtpreply::comparison ab = smtpreply::compare(a, b);
  const smtpreply::comparison ba = smtpreply::compare(b, a);
  fuzz::check(ab.differences == ba.differences, "compare() is symmetric");
  fuzz::check(ab.a.code == a && ab.b.code == b, "compare() keeps its sides");
  fuzz::check(smtpreply::compare(a, a).differences == 0, "a code does not differ from itself");
  fuzz::check(ab.has(smtpreply::difference::reply_class) == (a.reply_class() != b.reply_class()),
              "compare(): class difference iff the first digits' classes differ");
  const smtpreply::enhanced_comparison ee = smtpreply::compare(esc, esc2);
  fuzz::check(ee.differences == smtpreply::compare(esc2, esc).differences, "compare(enhanced) is symmetric");

  const smtpreply::action act = smtpreply::advise(a, esc, cmd, options);
  fuzz::check(smtpreply::name(act) != "unknown", "advise() gives a known action");
  fuzz::check(smtpreply::should_retry(a, esc, cmd, options) == smtpreply::is_retry(act),
              "should_retry() agrees with advise()");
  if (a.is_positive_completion()) fuzz::check(!smtpreply::is_retry(act), "2yz never asks for a retry");
  if (a.value() == 521 || a.value() == 556) fuzz::check(act == smtpreply::action::give_up, "521/556: give up");
  fuzz::check(smtpreply::responsibility_transferred(a, cmd) ==
                  (a.is_positive_completion() && cmd == smtpreply::command::end_of_data),
              "only 2yz after the final dot transfers responsibility (RFC 5321 4.2.5)");
  if (smtpreply::listed_for(a, cmd)) fuzz::check(smtpreply::find(a) != nullptr, "listed codes are in the table");

  // The catalog over whatever the parser accepts from the rest of the input.
  const std::string rest = p.ConsumeRemainingBytesAsString();
  const smtpreply::parse_result r = smtpreply::parse_reply(rest, smtpreply::parse_options::lenient_all());
  if (r) {
    check_explanation(r.value.code());
    if (r.value.has_enhanced()) check_enhanced(r.value.enhanced());
    (void)smtpreply::advise(r.value.code(), r.value.enhanced(), cmd, options);
  }
  return 0;
}
