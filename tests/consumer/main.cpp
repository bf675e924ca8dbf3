#include <smtpreply/smtpreply.hpp>

int main() {
  const auto r = smtpreply::parse_reply("250 2.0.0 OK\r\n");
  return (r && r.value.enhanced() == smtpreply::enhanced_code{2, 0, 0}) ? 0 : 1;
}
