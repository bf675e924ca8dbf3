// Must NOT compile: the reply would view a temporary std::string.
#include <smtpreply/smtpreply.hpp>
#include <string>

int main() {
#ifdef SMTPREPLY_COMPILE_FAIL
  auto r = smtpreply::parse_reply(std::string("250 ok\r\n"));
#else
  const std::string s = "250 ok\r\n";
  auto r = smtpreply::parse_reply(s);
#endif
  return r ? 0 : 1;
}
