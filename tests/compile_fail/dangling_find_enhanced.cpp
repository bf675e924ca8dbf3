// Must NOT compile: `rest` would view a temporary std::string.
#include <smtpreply/enhanced.hpp>
#include <string>

int main() {
#ifdef SMTPREPLY_COMPILE_FAIL
  const auto found = smtpreply::find_enhanced(std::string("5.7.1 x"));
#else
  const std::string s = "5.7.1 x";
  const auto found = smtpreply::find_enhanced(s);
#endif
  return found.rest.size() == 1 ? 0 : 1;
}
