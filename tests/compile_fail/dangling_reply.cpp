// Must NOT compile: raw() and lines() would view a temporary std::string.
#include <smtpreply/reply.hpp>
#include <string>

int main() {
  const smtpreply::reply_code code{250};
#ifdef SMTPREPLY_COMPILE_FAIL
  const smtpreply::reply r{std::string("250 ok\r\n"), code, {}, 1, {}, smtpreply::text_encoding::ascii};
#else
  const std::string s = "250 ok\r\n";
  const smtpreply::reply r{s, code, {}, 1, {}, smtpreply::text_encoding::ascii};
#endif
  return r.first_line().size() == 2 ? 0 : 1;
}
