#include <smtpreply/smtpreply.hpp>

int parse_in_b() { return smtpreply::parse_reply("221 bye\r\n").value.code().value(); }
