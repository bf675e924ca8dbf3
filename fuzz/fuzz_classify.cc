// Fuzzes classify() over any text (as one flattened reply, as a parsed reply
// when the parser accepts it, and as a Diagnostic-Code field) with any
// command. Properties: no crash; deterministic (same input, same answer);
// every result is a known reason and action with a rule id and source;
// 2yz is always `delivered`; when no provider or phrase rule decided the
// action is advise()'s; a stated delay is at most a week; the message text
// is never longer than the input; bounded time is the libFuzzer timeout.
#include <smtpreply/classify.hpp>

#include "fuzz_common.hpp"

namespace {

void check(const smtpreply::classification& c, smtpreply::command cmd) {
  fuzz::check(smtpreply::name(c.reason) != "" && static_cast<std::size_t>(c.reason) < smtpreply::reason_count,
              "classify(): a known reason");
  fuzz::check(smtpreply::name(c.act) != "unknown", "classify(): a known action");
  fuzz::check(!c.rule.id.empty() && !c.rule.source.empty(), "classify(): the rule has an id and a source");
  fuzz::check(c.retry_after <= 7u * 24u * 3600u, "retry_after is at most a week");
  if (c.code.is_positive_completion()) {
    fuzz::check(c.reason == smtpreply::reason::delivered && c.act == smtpreply::action::done && !c.permanent,
                "2yz is delivered");
  }
  if (c.rule.kind != smtpreply::rule_kind::provider && c.rule.kind != smtpreply::rule_kind::phrase) {
    const bool agrees = c.code.reply_class() != smtpreply::reply_class::unknown;
    fuzz::check(c.act == smtpreply::advise(c.code, agrees ? c.enhanced : smtpreply::enhanced_code{}, cmd),
                "without a provider or phrase rule the action is advise()'s");
  }
  if (c.rule.kind == smtpreply::rule_kind::provider) fuzz::check(!c.provider.empty(), "provider rules name it");
  if (c.rule.kind != smtpreply::rule_kind::provider) fuzz::check(c.provider.empty(), "only provider rules name one");
  if (c.permanent) fuzz::check(!smtpreply::is_retry(c.act), "a hard bounce is not retried");
}

bool same(const smtpreply::classification& a, const smtpreply::classification& b) {
  return a.reason == b.reason && a.act == b.act && a.permanent == b.permanent && a.rule.id == b.rule.id &&
         a.provider == b.provider && a.retry_after == b.retry_after && a.code == b.code && a.enhanced == b.enhanced;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::current_input() = std::string_view(reinterpret_cast<const char*>(data), size);
  if (size == 0) return 0;
  const auto cmd = static_cast<smtpreply::command>(data[0] % 17);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  const smtpreply::classification c = smtpreply::classify(text, cmd);
  check(c, cmd);
  fuzz::check(same(c, smtpreply::classify(text, cmd)), "classify(text) is deterministic");

  std::size_t message = 0;
  smtpreply::message_pieces(text, [&message](std::string_view piece) { message += piece.size(); });
  fuzz::check(message <= text.size(), "the message text is never longer than the input");

  const smtpreply::parse_result r = smtpreply::parse_reply(text, smtpreply::parse_options::lenient_all());
  if (r) {
    const smtpreply::classification p = smtpreply::classify(r.value, cmd);
    check(p, cmd);
    fuzz::check(same(p, smtpreply::classify(r.value, cmd)), "classify(reply) is deterministic");
    fuzz::check(p.code == r.value.code(), "classify(reply) keeps the reply's code");
    std::size_t m = 0;
    smtpreply::message_pieces(r.value, [&m](std::string_view piece) { m += piece.size(); });
    fuzz::check(m <= r.value.raw().size(), "the reply's message is never longer than the reply");
  }

  const smtpreply::diagnostic d = smtpreply::from_diagnostic_code(text);
  fuzz::check(d.text.size() <= text.size() && d.type.size() <= text.size(), "diagnostic views stay in the input");
  check(smtpreply::classify(d, cmd), cmd);
  return 0;
}
