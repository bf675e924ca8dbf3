// Must NOT compile: the range would view a temporary std::string.
#include <smtpreply/reply.hpp>
#include <string>

int main() {
  int n = 0;
#ifdef SMTPREPLY_COMPILE_FAIL
  for (const auto text : smtpreply::line_range{std::string("250-a\r\n250 b\r\n")}) n += static_cast<int>(text.size());
#else
  const std::string s = "250-a\r\n250 b\r\n";
  for (const auto text : smtpreply::line_range{s}) n += static_cast<int>(text.size());
#endif
  return n == 2 ? 0 : 1;
}
