// Built with -fno-exceptions -fno-rtti: every header, used for real.
#include <cstdio>
#include <smtpreply/smtpreply.hpp>

int main() {
  smtpreply::reply_parser parser{smtpreply::parse_options::lenient_all()};
  const std::string_view input = "220 hi\r\n250-a\n250 b\r\n";
  const smtpreply::feed_result first = parser.feed(input);
  const smtpreply::feed_result second = parser.feed(input.substr(first.consumed));
  const std::error_code ec = smtpreply::errc::bare_lf;
  const bool ok = first && second && second.value.line_count() == 2 &&
                  second.value.flags().has(smtpreply::flag::bare_lf) &&
                  ec.category().name() == std::string_view("smtpreply");
  std::puts(ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
