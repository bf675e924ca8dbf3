// Must NOT compile: the line's text would view a temporary std::string.
#include <smtpreply/reply_parser.hpp>
#include <string>

int main() {
#ifdef SMTPREPLY_COMPILE_FAIL
  const auto line = smtpreply::parse_line(std::string("250 ok\r\n"));
#else
  const std::string s = "250 ok\r\n";
  const auto line = smtpreply::parse_line(s);
#endif
  return line.text.size() == 2 ? 0 : 1;
}
