// Must NOT compile: the iterator would view a temporary std::string.
#include <smtpreply/reply.hpp>
#include <string>

int main() {
#ifdef SMTPREPLY_COMPILE_FAIL
  const smtpreply::line_iterator it{std::string("250 ok\r\n")};
#else
  const std::string s = "250 ok\r\n";
  const smtpreply::line_iterator it{s};
#endif
  return (*it).size() == 2 ? 0 : 1;
}
