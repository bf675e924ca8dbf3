#include <smtpreply/reply.hpp>
#include <string>
#include <vector>

#include "catch.hpp"

using smtpreply::line_range;

namespace {
std::vector<std::string> texts(std::string_view raw) {
  std::vector<std::string> out;
  for (std::string_view t : line_range{raw}) out.emplace_back(t);
  return out;
}
}  // namespace

static_assert(*smtpreply::line_range{"250-a\r\n250 b\r\n"}.begin() == "a");

TEST_CASE("line iteration re-walks the raw bytes", "[reply]") {
  CHECK(texts("250 OK\r\n") == std::vector<std::string>{"OK"});
  CHECK(texts("250\r\n") == std::vector<std::string>{""});
  CHECK(texts("334 \r\n") == std::vector<std::string>{""});
  CHECK(texts("250-\r\n250 b\r\n") == std::vector<std::string>{"", "b"});
  CHECK(texts("250-a\n250 b\n") == std::vector<std::string>{"a", "b"});            // bare LF
  CHECK(texts("250-a\r\n\r\n\n250 b\r\n") == std::vector<std::string>{"a", "b"});  // skipped empty lines
  CHECK(texts("250\tok\r\n") == std::vector<std::string>{"ok"});                   // TAB separator
  CHECK(texts("250OK\r\n") == std::vector<std::string>{"OK"});                     // glued text stays whole
  CHECK(texts("250 a\r\r\n") == std::vector<std::string>{"a\r"});                  // one CR belongs to the line end
  CHECK(texts("250\rX\r\n") == std::vector<std::string>{"\rX"});
  CHECK(texts("").empty());
}

TEST_CASE("a default reply is empty and harmless", "[reply]") {
  const smtpreply::reply r;
  CHECK(r.raw().empty());
  CHECK(r.line_count() == 0);
  CHECK(r.lines().begin() == r.lines().end());
  CHECK(r.first_line().empty());
  CHECK_FALSE(r.has_enhanced());
  CHECK(r.reply_class() == smtpreply::reply_class::unknown);
}

TEST_CASE("the iterator is a forward iterator", "[reply]") {
  const line_range lines{"250-a\r\n250-b\r\n250 c\r\n"};
  auto it = lines.begin();
  auto copy = it++;
  CHECK(*copy == "a");
  CHECK(*it == "b");
  CHECK(std::distance(lines.begin(), lines.end()) == 3);
}
