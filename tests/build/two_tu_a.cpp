#include <smtpreply/smtpreply.hpp>

int parse_in_b();

int main() {
  const auto r = smtpreply::parse_reply("250 ok\r\n");
  return (r && parse_in_b() == 221) ? 0 : 1;
}
