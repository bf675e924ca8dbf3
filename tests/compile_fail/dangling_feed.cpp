// Must NOT compile: the reply would view a temporary std::string.
#include <smtpreply/smtpreply.hpp>
#include <string>

int main() {
  smtpreply::reply_parser parser;
#ifdef SMTPREPLY_COMPILE_FAIL
  auto r = parser.feed(std::string("250 ok\r\n"));
#else
  const std::string s = "250 ok\r\n";
  auto r = parser.feed(s);
#endif
  return r ? 0 : 1;
}
