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

// ---- Reference: advise() from the rules documented in advice.hpp -------------------
// Written from the comment above advise(), rule by rule, first match wins,
// without its code: a wrong table row or rule (5.5.3 -> give_up) disagrees.
smtpreply::action reference_advise(smtpreply::reply_code code, smtpreply::enhanced_code esc, smtpreply::command cmd,
                                   smtpreply::advice_options options) {
  using smtpreply::action;
  using smtpreply::command;
  const unsigned v = code.value();
  const unsigned d = v / 100;
  if (v > 599 || d < 2) return action::give_up;  // first digit outside 2-5: fatal
  if (d == 2) return action::done;
  if (d == 3) return action::continue_request;
  // An enhanced code of another class is ignored.
  const bool agrees = esc.klass != 0 && esc.klass == d;
  const unsigned s = agrees ? esc.subject : 1000u;
  const unsigned x = agrees ? esc.detail : 1000u;
  const bool no_esc = !agrees;
  if (v == 421) return cmd == command::greeting ? action::retry_other_host : action::reconnect;
  if (v == 554 && cmd == command::greeting) return action::retry_other_host;
  if (v == 521 || v == 556) return action::give_up;
  if (v == 538) return action::start_tls;
  if (v == 432 || v == 534 || v == 535) return action::authenticate;
  if (v == 530) {
    if (s == 7 && (x == 10 || x == 11)) return action::start_tls;
    if (s == 7 && (x == 8 || x == 9 || x == 12)) return action::authenticate;
    if (cmd == command::auth) return action::start_tls;
    if (options.tls == smtpreply::tls_state::active) return action::authenticate;
    if (options.tls == smtpreply::tls_state::inactive) return action::start_tls;
    return action::authenticate;
  }
  if (v == 504 && cmd == command::auth) return action::authenticate;
  if (v == 552 && cmd == command::rcpt && options.treat_552_to_rcpt_as_452 && (no_esc || (s == 5 && x == 3))) {
    return action::retry_later;
  }
  if (d == 4) return (s == 7 && x == 12) ? action::authenticate : action::retry_later;
  // 5yz with an agreeing enhanced code.
  if (s == 1) return (x == 3 || x == 7) ? action::fix_request : action::give_up;
  if (s == 2 && x == 2) return action::retry_later;
  if ((s == 2 && x == 3) || (s == 3 && x == 4) || s == 6) return action::fix_request;
  if (s == 5 && (x == 1 || x == 2 || x == 4 || x == 6)) return action::fix_request;
  if (s == 5 && x == 3) return action::retry_later;
  if (s == 5 && x == 5) return action::give_up;
  if (s == 7 && x == 28) return action::retry_later;
  if (s == 7 && (x == 10 || x == 11)) return action::start_tls;
  if (s == 7 && (x == 8 || x == 12) && (cmd == command::auth || cmd == command::none)) return action::authenticate;
  if (s == 7 && x == 9 && cmd == command::auth) return action::authenticate;
  if (v == 500 || v == 501 || v == 502 || v == 503 || v == 504 || v == 555 || v == 551) return action::fix_request;
  return (v / 10) % 10 == 0 ? action::fix_request : action::give_up;
}

void check_advice(smtpreply::reply_code c, smtpreply::enhanced_code esc, smtpreply::command cmd,
                  smtpreply::advice_options options) {
  const smtpreply::action got = smtpreply::advise(c, esc, cmd, options);
  const smtpreply::action want = reference_advise(c, esc, cmd, options);
  if (got != want) {
    char esc_text[16];
    esc_text[esc.format(esc_text)] = '\0';
    fuzz::fail("advise() follows the rules documented in advice.hpp (reference)",
               "advise(" + std::to_string(c.value()) + ", " + esc_text + ", " + std::string(smtpreply::name(cmd)) +
                   ") = " + std::string(smtpreply::name(got)) + ", the rules say " +
                   std::string(smtpreply::name(want)));
  }
}

// explain() fields are the reply_code_table row's, and its commands the
// union of the command_reply_table rows of the code.
void check_explain_rows(smtpreply::reply_code c) {
  const smtpreply::explanation e = smtpreply::explain(c);
  const smtpreply::reply_code_info* row = nullptr;
  for (const smtpreply::reply_code_info& r : smtpreply::reply_code_table) {
    if (r.code == c.value()) row = &r;
  }
  std::uint32_t commands = 0;
  for (const smtpreply::command_reply& r : smtpreply::command_reply_table) {
    if (r.code == c.value()) commands |= r.commands;
  }
  if (row == nullptr) {
    fuzz::check(!e.known && e.commands == 0, "explain() of an unlisted code: not known, no commands");
    fuzz::check(e.advice == smtpreply::advise(c), "explain() of an unlisted code advises as advise(code)");
    return;
  }
  fuzz::check(e.known && e.name == row->name && e.meaning == row->meaning && e.when_seen == row->when_seen &&
                  e.how_to_fix == row->how_to_fix && e.reference == row->reference && e.advice == row->advice &&
                  e.closes_connection == row->closes_connection,
              "explain() fields are the reply_code_table row's");
  fuzz::check(e.commands == commands, "explain().commands is the union of the code's command_reply_table rows");
  fuzz::check(row->advice == reference_advise(c, {}, smtpreply::command::none, {}),
              "a reply_code_table row's advice is advise(code) by the documented rules");
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

  check_explain_rows(a);
  check_explain_rows(b);
  check_advice(a, esc, cmd, options);
  check_advice(a, esc2, cmd, options);
  check_advice(b, esc2, cmd, options);
  // The enhanced code of the reply's own class, so the 5.x.y rules are reached.
  const smtpreply::enhanced_code own{static_cast<std::uint16_t>(a.value() / 100), esc2.subject, esc2.detail};
  check_advice(a, own, cmd, options);

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
    check_explain_rows(r.value.code());
    check_advice(r.value.code(), r.value.enhanced(), cmd, options);
  }
  return 0;
}
