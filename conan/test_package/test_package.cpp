#include <cstdio>
#include <smtpreply/smtpreply.hpp>

int main() {
  const auto r = smtpreply::parse_reply("421 4.3.2 System shutting down\r\n");
  if (!r || r.value.code().value() != 421) return 1;
  std::printf("smtpreply %s: %d %s\n", SMTPREPLY_VERSION_STRING, r.value.code().value(),
              smtpreply::name(r.value.reply_class()).data());
  return 0;
}
