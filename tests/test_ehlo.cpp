#include <algorithm>
#include <smtpreply/ehlo.hpp>
#include <smtpreply/reply_parser.hpp>
#include <smtpreply/starttls.hpp>
#include <string>
#include <vector>

#include "catch.hpp"

using smtpreply::auth_mechanism;
using smtpreply::ehlo_flag;
using smtpreply::ehlo_keyword;
using smtpreply::ehlo_view;
using smtpreply::param_state;

namespace {

// The bytes must outlive the view: tests keep them in a std::string.
struct parsed {
  std::string bytes;
  smtpreply::parse_result reply;
  smtpreply::ehlo_result ehlo;
};

parsed parse(std::string text, const smtpreply::parse_options& options = {}) {
  parsed p{std::move(text), {}, {}};
  p.reply = smtpreply::parse_reply(p.bytes, options);
  REQUIRE(p.reply);
  REQUIRE(p.reply.consumed == p.bytes.size());
  p.ehlo = smtpreply::parse_ehlo(p.reply.value);
  return p;
}

// "250-<first>\r\n250-<line>\r\n...250 <last line>\r\n".
std::string ehlo_reply(const std::vector<std::string>& lines, const std::string& first = "mx.example.org") {
  std::string out = lines.empty() ? "250 " : "250-";
  out += first + "\r\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += i + 1 == lines.size() ? "250 " : "250-";
    out += lines[i] + "\r\n";
  }
  return out;
}

std::vector<std::string> keywords_of(const ehlo_view& v) {
  std::vector<std::string> out;
  for (const auto& c : v.capabilities()) out.emplace_back(c.keyword);
  return out;
}

std::vector<std::string> params_of(const smtpreply::ehlo_capability& c) {
  std::vector<std::string> out;
  for (std::string_view p : c.params) out.emplace_back(p);
  return out;
}

std::vector<std::string> mechanisms_of(smtpreply::auth_mechanism_range r) {
  std::vector<std::string> out;
  for (auto m : r) out.emplace_back(m.name);
  return out;
}

bool inside(std::string_view part, const std::string& whole) {
  if (part.empty()) return true;
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace

// constexpr proofs: a reply and its capabilities read at compile time.
namespace {
constexpr std::string_view k_gmail =
    "250-smtp.gmail.com at your service, [192.0.2.1]\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n"
    "250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SMTPUTF8\r\n";
constexpr smtpreply::ehlo_view ehlo_at_compile_time(std::string_view s) {
  return smtpreply::parse_ehlo(smtpreply::parse_reply(s).value).value;
}
constexpr std::size_t count_caps(std::string_view s) { return ehlo_at_compile_time(s).capabilities().size(); }
}  // namespace
static_assert(ehlo_at_compile_time(k_gmail).size().value == 35882577);
static_assert(ehlo_at_compile_time(k_gmail).domain() == "smtp.gmail.com");
static_assert(ehlo_at_compile_time(k_gmail).starttls() && ehlo_at_compile_time(k_gmail).chunking());
static_assert(count_caps(k_gmail) == 7);
static_assert(ehlo_at_compile_time("250-mx\r\n250 starttls\r\n").starttls());
static_assert(!ehlo_at_compile_time("250-mx\r\n250 STARTTLSX\r\n").starttls());
static_assert(ehlo_at_compile_time("250-mx\r\n250 AUTH=LOGIN\r\n").auth().has(auth_mechanism::login));
static_assert(!smtpreply::parse_ehlo(smtpreply::parse_reply("502 no\r\n").value));
static_assert(smtpreply::detail::ehlo_impl::is_rfc3339_date_time("2030-01-01T00:00:00Z"));
static_assert(smtpreply::diff_starttls(ehlo_at_compile_time("250-mx\r\n250 STARTTLS\r\n"),
                                       ehlo_at_compile_time("250-mx\r\n250 AUTH PLAIN\r\n"))
                  .appeared.has(ehlo_keyword::auth));

TEST_CASE("a typical EHLO reply", "[ehlo]") {
  const auto p = parse(std::string(k_gmail));
  REQUIRE(p.ehlo);
  const ehlo_view& v = p.ehlo.value;
  CHECK(v.domain() == "smtp.gmail.com");
  CHECK(v.greeting() == "at your service, [192.0.2.1]");
  CHECK(v.flags().empty());
  CHECK(v.capability_lines() == 7);
  CHECK(keywords_of(v) == std::vector<std::string>{"SIZE", "8BITMIME", "STARTTLS", "ENHANCEDSTATUSCODES", "PIPELINING",
                                                   "CHUNKING", "SMTPUTF8"});
  CHECK(v.size().state == param_state::value);
  CHECK(v.size().value == 35882577);
  CHECK(v.eightbitmime());
  CHECK(v.starttls());
  CHECK(v.enhancedstatuscodes());
  CHECK(v.pipelining());
  CHECK(v.chunking());
  CHECK(v.smtputf8());
  CHECK_FALSE(v.dsn());
  CHECK_FALSE(v.binarymime());
  CHECK_FALSE(v.requiretls());
  CHECK(v.auth().empty());
  CHECK_FALSE(v.has(ehlo_keyword::auth));
  CHECK(params_of(v.find("size")) == std::vector<std::string>{"35882577"});
  for (const auto& c : v.capabilities()) {
    CHECK(inside(c.keyword, p.bytes));
    CHECK(c.valid_keyword);
    CHECK(c.id != ehlo_keyword::unknown);
  }
}

TEST_CASE("keywords compare without regard to case (Go's lowercase starttls)", "[ehlo]") {
  for (const char* spelling : {"starttls", "StartTLS", "STARTTLS", "sTaRtTlS"}) {
    INFO(spelling);
    const auto p = parse(ehlo_reply({"PIPELINING", spelling}));
    const ehlo_view& v = p.ehlo.value;
    CHECK(v.starttls());
    CHECK(v.has("STARTTLS"));
    CHECK(v.has("starttls"));
    CHECK(v.find(ehlo_keyword::starttls).keyword == spelling);  // exact bytes kept
    CHECK(v.flags().empty());
  }
  const auto p = parse(ehlo_reply({"size 1000", "auth login", "8bitmime", "mt-priority mixer"}));
  CHECK(p.ehlo.value.size().value == 1000);
  CHECK(p.ehlo.value.auth().has(auth_mechanism::login));
  CHECK(p.ehlo.value.eightbitmime());
  CHECK(p.ehlo.value.mt_priority().policy == smtpreply::mt_priority_policy::mixer);
}

TEST_CASE("keyword prefixes do not count (curl's prefix matching)", "[ehlo]") {
  const auto p = parse(ehlo_reply({"STARTTLSX", "XSTARTTLS", "STARTTLS-NOT", "SIZEX 100", "SIZE=100", "AUTHX PLAIN",
                                   "PIPELININGX", "LIMITSX RCPTMAX=1"}));
  const ehlo_view& v = p.ehlo.value;
  CHECK_FALSE(v.starttls());
  CHECK_FALSE(v.pipelining());
  CHECK(v.size().state == param_state::absent);
  CHECK(v.auth().empty());
  CHECK(v.limits().state == param_state::absent);
  CHECK(v.keywords().empty());
  CHECK_FALSE(v.has("STARTTLS"));
  CHECK_FALSE(v.has("START"));
  CHECK(v.has("startTLSx"));
  // Unknown keywords are kept, "SIZE=100" as an invalid one.
  CHECK(keywords_of(v) == std::vector<std::string>{"STARTTLSX", "XSTARTTLS", "STARTTLS-NOT", "SIZEX", "SIZE=100",
                                                   "AUTHX", "PIPELININGX", "LIMITSX"});
  CHECK(v.flags().has(ehlo_flag::invalid_keyword));
  CHECK_FALSE(v.find("SIZE=100").valid_keyword);
  CHECK(params_of(v.find("sizex")) == std::vector<std::string>{"100"});
}

TEST_CASE("STARTTLS in the greeting prose is not a capability (nodemailer, curl)", "[ehlo]") {
  const auto p = parse(ehlo_reply({"PIPELINING"}, "mx.example.org Hi, we do STARTTLS AUTH PLAIN and SIZE 10"));
  const ehlo_view& v = p.ehlo.value;
  CHECK(v.domain() == "mx.example.org");
  CHECK(v.greeting() == "Hi, we do STARTTLS AUTH PLAIN and SIZE 10");
  CHECK_FALSE(v.starttls());
  CHECK(v.auth().empty());
  CHECK(v.size().state == param_state::absent);
  CHECK(keywords_of(v) == std::vector<std::string>{"PIPELINING"});

  // Even when the domain itself spells a keyword.
  const auto q = parse("250-STARTTLS\r\n250 SIZE 5\r\n");
  CHECK(q.ehlo.value.domain() == "STARTTLS");
  CHECK_FALSE(q.ehlo.value.starttls());
  CHECK(q.ehlo.value.size().value == 5);
}

TEST_CASE("a one-line EHLO reply (Ruby loses everything)", "[ehlo]") {
  const auto p = parse("250 mx.example.org\r\n");
  REQUIRE(p.ehlo);
  const ehlo_view& v = p.ehlo.value;
  CHECK(v.domain() == "mx.example.org");
  CHECK(v.greeting().empty());
  CHECK(v.capability_lines() == 0);
  CHECK(v.capabilities().size() == 0);
  CHECK(v.capabilities().begin() == v.capabilities().end());
  CHECK(v.keywords().empty());
  CHECK(v.flags().empty());
  CHECK_FALSE(v.find("mx.example.org"));
  CHECK(v.auth_mechanisms().size() == 0);

  const auto g = parse("250 mx.example.org Hello client [192.0.2.7]\r\n");
  CHECK(g.ehlo.value.domain() == "mx.example.org");
  CHECK(g.ehlo.value.greeting() == "Hello client [192.0.2.7]");

  // The same server with one capability more keeps both.
  const auto two = parse("250-mx.example.org\r\n250 PIPELINING\r\n");
  CHECK(two.ehlo.value.domain() == "mx.example.org");
  CHECK(two.ehlo.value.pipelining());

  const auto bare = parse("250\r\n");
  CHECK(bare.ehlo.value.domain().empty());
  CHECK(bare.ehlo.value.flags().has(ehlo_flag::missing_domain));
}

TEST_CASE("only a 250 is an EHLO success", "[ehlo]") {
  for (const char* text : {"502 5.5.2 Command not recognized\r\n", "550 go away\r\n", "220 mx ESMTP\r\n",
                           "421 4.3.2 shutting down\r\n", "251-mx\r\n251 SIZE 1\r\n"}) {
    INFO(text);
    const auto p = parse(text);
    CHECK_FALSE(p.ehlo);
    CHECK(p.ehlo.error == smtpreply::ehlo_errc::not_250);
    CHECK(smtpreply::name(p.ehlo.error) == "not_250");
  }
}

TEST_CASE("legacy AUTH= lines merge into AUTH (JavaMail, Outlook)", "[ehlo][auth]") {
  const auto p = parse(ehlo_reply({"AUTH LOGIN PLAIN", "AUTH=LOGIN PLAIN", "SIZE 10"}));
  const ehlo_view& v = p.ehlo.value;
  CHECK(v.flags().has(ehlo_flag::legacy_auth));
  CHECK(v.flags().has(ehlo_flag::duplicate_keyword));
  CHECK(v.auth().has(auth_mechanism::login));
  CHECK(v.auth().has(auth_mechanism::plain));
  CHECK_FALSE(v.auth().has(auth_mechanism::cram_md5));
  CHECK(mechanisms_of(v.auth_mechanisms()) == std::vector<std::string>{"LOGIN", "PLAIN"});
  CHECK(keywords_of(v) == std::vector<std::string>{"AUTH", "SIZE"});
  CHECK(params_of(v.find("AUTH")) == std::vector<std::string>{"LOGIN", "PLAIN", "LOGIN", "PLAIN"});

  // Only the legacy form: AUTH is still advertised, named by its bytes.
  const auto q = parse(ehlo_reply({"AUTH=LOGIN", "PIPELINING"}));
  const ehlo_view& w = q.ehlo.value;
  CHECK(w.has(ehlo_keyword::auth));
  CHECK(w.has("auth"));
  CHECK(w.find(ehlo_keyword::auth).keyword == "AUTH");
  CHECK(inside(w.find(ehlo_keyword::auth).keyword, q.bytes));
  CHECK(mechanisms_of(w.auth_mechanisms()) == std::vector<std::string>{"LOGIN"});
  CHECK(w.flags().has(ehlo_flag::legacy_auth));
  CHECK_FALSE(w.flags().has(ehlo_flag::duplicate_keyword));
  CHECK_FALSE(w.has("AUTH=LOGIN"));

  const auto empty = parse(ehlo_reply({"AUTH="}));
  CHECK(empty.ehlo.value.flags().has(ehlo_flag::auth_malformed));
  CHECK(empty.ehlo.value.auth().empty());
}

TEST_CASE("AUTH mechanisms: a set plus unknown names as views", "[ehlo][auth]") {
  const auto p = parse(ehlo_reply({"AUTH PLAIN X-PROPRIETARY xoauth2 x-proprietary SCRAM-SHA-256-PLUS OAUTHBEARER"}));
  const ehlo_view& v = p.ehlo.value;
  CHECK(v.flags().empty());
  CHECK(v.auth().has(auth_mechanism::plain));
  CHECK(v.auth().has(auth_mechanism::xoauth2));
  CHECK(v.auth().has(auth_mechanism::scram_sha_256_plus));
  CHECK(v.auth().has(auth_mechanism::oauthbearer));
  CHECK_FALSE(v.auth().has(auth_mechanism::scram_sha_256));
  CHECK(mechanisms_of(v.unknown_auth_mechanisms()) == std::vector<std::string>{"X-PROPRIETARY"});
  CHECK(mechanisms_of(v.auth_mechanisms()) ==
        std::vector<std::string>{"PLAIN", "X-PROPRIETARY", "xoauth2", "SCRAM-SHA-256-PLUS", "OAUTHBEARER"});
  for (auto m : v.auth_mechanisms()) {
    CHECK(inside(m.name, p.bytes));
    if (m.id != auth_mechanism::none) CHECK(smtpreply::sasl_name(m.id).size() == m.name.size());
  }

  for (const char* bad : {"AUTH", "AUTH PLAIN BAD!NAME", "AUTH ABCDEFGHIJKLMNOPQRSTU", "AUTH LOGIN \xc3\xa9"}) {
    INFO(bad);
    const auto q = parse(ehlo_reply({bad}), smtpreply::parse_options::lenient_all());
    CHECK(q.ehlo.value.flags().has(ehlo_flag::auth_malformed));
    CHECK(q.ehlo.value.has(ehlo_keyword::auth));
  }
  const auto twenty = parse(ehlo_reply({"AUTH ABCDEFGHIJKLMNOPQRST"}));
  CHECK_FALSE(twenty.ehlo.value.flags().has(ehlo_flag::auth_malformed));

  // A hostile list is read up to a bound, and says so.
  std::string many = "AUTH";
  for (int i = 0; i < 100; ++i) many += " M" + std::to_string(i);
  many += " PLAIN";
  const auto big = parse(ehlo_reply({many}));
  CHECK(big.ehlo.value.flags().has(ehlo_flag::auth_truncated));
  CHECK(big.ehlo.value.auth_mechanisms().size() == ehlo_view::max_auth_tokens);
  CHECK_FALSE(big.ehlo.value.auth().has(auth_mechanism::plain));
}

TEST_CASE("SIZE (RFC 1870): absent, no value, 0, a number, malformed", "[ehlo][size]") {
  struct row {
    std::vector<std::string> lines;
    param_state state;
    std::uint64_t value;
    bool malformed_flag;
  };
  const std::vector<row> rows = {
      {{"PIPELINING"}, param_state::absent, 0, false},
      {{"SIZE"}, param_state::no_value, 0, false},
      {{"SIZE 0"}, param_state::value, 0, false},  // no fixed maximum
      {{"SIZE 35882577"}, param_state::value, 35882577, false},
      {{"size 000"}, param_state::value, 0, false},
      {{"SIZE 18446744073709551615"}, param_state::value, 18446744073709551615ull, false},
      {{"SIZE 18446744073709551616"}, param_state::malformed, 0, true},  // overflow
      {{"SIZE 99999999999999999999999"}, param_state::malformed, 0, true},
      {{"SIZE 10M"}, param_state::malformed, 0, true},
      {{"SIZE -1"}, param_state::malformed, 0, true},
      {{"SIZE +5"}, param_state::malformed, 0, true},
      {{"SIZE 1 2"}, param_state::malformed, 0, true},
      {{"SIZE 100", "SIZE 100"}, param_state::value, 100, false},
      {{"SIZE 100", "SIZE 200"}, param_state::malformed, 0, true},
      {{"SIZE", "SIZE 200"}, param_state::malformed, 0, true},
  };
  for (const auto& r : rows) {
    INFO(r.lines[0] << (r.lines.size() > 1 ? " + " + r.lines[1] : ""));
    const auto p = parse(ehlo_reply(r.lines));
    const auto s = p.ehlo.value.size();
    CHECK(s.state == r.state);
    CHECK(s.value == r.value);
    CHECK(s.advertised() == (r.state != param_state::absent));
    CHECK(p.ehlo.value.flags().has(ehlo_flag::size_malformed) == r.malformed_flag);
  }
  const auto c = parse(ehlo_reply({"SIZE 100", "size 200"}));
  CHECK(c.ehlo.value.flags().has(ehlo_flag::conflicting_params));
  CHECK(c.ehlo.value.flags().has(ehlo_flag::duplicate_keyword));
}

TEST_CASE("extensions without parameters", "[ehlo]") {
  struct row {
    const char* keyword;
    ehlo_keyword id;
    bool (ehlo_view::*accessor)() const noexcept;
  };
  const row rows[] = {
      {"PIPELINING", ehlo_keyword::pipelining, &ehlo_view::pipelining},
      {"STARTTLS", ehlo_keyword::starttls, &ehlo_view::starttls},
      {"8BITMIME", ehlo_keyword::eightbitmime, &ehlo_view::eightbitmime},
      {"BINARYMIME", ehlo_keyword::binarymime, &ehlo_view::binarymime},
      {"CHUNKING", ehlo_keyword::chunking, &ehlo_view::chunking},
      {"SMTPUTF8", ehlo_keyword::smtputf8, &ehlo_view::smtputf8},
      {"ENHANCEDSTATUSCODES", ehlo_keyword::enhancedstatuscodes, &ehlo_view::enhancedstatuscodes},
      {"DSN", ehlo_keyword::dsn, &ehlo_view::dsn},
      {"REQUIRETLS", ehlo_keyword::requiretls, &ehlo_view::requiretls},
  };
  for (const row& r : rows) {
    INFO(r.keyword);
    const auto p = parse(ehlo_reply({"X-OTHER", r.keyword}));
    const ehlo_view& v = p.ehlo.value;
    CHECK((v.*r.accessor)());
    CHECK(v.has(r.id));
    CHECK(v.keywords() == [&] {
      smtpreply::ehlo_keyword_set s;
      s.add(r.id);
      return s;
    }());
    CHECK(v.flags().empty());
    CHECK(smtpreply::keyword_text(r.id) == r.keyword);
    // Only this one: no other accessor claims it.
    int claimed = 0;
    for (const row& other : rows) claimed += (v.*other.accessor)() ? 1 : 0;
    CHECK(claimed == 1);

    const auto q = parse(ehlo_reply({std::string(r.keyword) + " yes"}));
    CHECK((q.ehlo.value.*r.accessor)());
    CHECK(q.ehlo.value.flags().has(ehlo_flag::unexpected_param));
  }
}

TEST_CASE("DELIVERBY (RFC 2852)", "[ehlo]") {
  struct row {
    const char* line;
    param_state state;
    std::uint64_t value;
  };
  const row rows[] = {
      {"DELIVERBY", param_state::no_value, 0},
      {"DELIVERBY 240", param_state::value, 240},
      {"deliverby 0", param_state::value, 0},
      {"DELIVERBY 999999999", param_state::value, 999999999},
      {"DELIVERBY 1000000000", param_state::malformed, 0},  // more than 9 digits
      {"DELIVERBY 4m", param_state::malformed, 0},
      {"DELIVERBY 1 2", param_state::malformed, 0},
  };
  for (const row& r : rows) {
    INFO(r.line);
    const auto p = parse(ehlo_reply({r.line}));
    CHECK(p.ehlo.value.deliverby().state == r.state);
    CHECK(p.ehlo.value.deliverby().value == r.value);
    CHECK(p.ehlo.value.flags().has(ehlo_flag::deliverby_malformed) == (r.state == param_state::malformed));
    CHECK(p.ehlo.value.has(ehlo_keyword::deliverby));
  }
  CHECK(parse(ehlo_reply({"SIZE"})).ehlo.value.deliverby().state == param_state::absent);
}

TEST_CASE("MT-PRIORITY (RFC 6710)", "[ehlo]") {
  using smtpreply::mt_priority_policy;
  struct row {
    const char* line;
    param_state state;
    mt_priority_policy policy;
    const char* policy_name;
  };
  const row rows[] = {
      {"MT-PRIORITY", param_state::no_value, mt_priority_policy::none, ""},
      {"MT-PRIORITY MIXER", param_state::value, mt_priority_policy::mixer, "MIXER"},
      {"mt-priority stanag4406", param_state::value, mt_priority_policy::stanag4406, "stanag4406"},
      {"MT-PRIORITY NSEP", param_state::value, mt_priority_policy::nsep, "NSEP"},
      {"MT-PRIORITY LOCAL-POLICY", param_state::value, mt_priority_policy::other, "LOCAL-POLICY"},
      {"MT-PRIORITY A B", param_state::malformed, mt_priority_policy::none, ""},
      {"MT-PRIORITY BAD!", param_state::malformed, mt_priority_policy::none, "BAD!"},
  };
  for (const row& r : rows) {
    INFO(r.line);
    const auto p = parse(ehlo_reply({r.line}));
    const auto m = p.ehlo.value.mt_priority();
    CHECK(m.state == r.state);
    CHECK(m.policy == r.policy);
    CHECK(m.policy_name == r.policy_name);
    CHECK(p.ehlo.value.flags().has(ehlo_flag::mt_priority_malformed) == (r.state == param_state::malformed));
  }
  CHECK(smtpreply::name(mt_priority_policy::stanag4406) == "stanag4406");
}

TEST_CASE("FUTURERELEASE (RFC 4865)", "[ehlo]") {
  struct row {
    const char* line;
    param_state state;
    std::uint64_t interval;
    const char* when;
  };
  const row rows[] = {
      {"FUTURERELEASE 604800 2030-01-01T00:00:00Z", param_state::value, 604800, "2030-01-01T00:00:00Z"},
      {"futurerelease 86400 2030-06-30T23:59:60.123+02:00", param_state::value, 86400, "2030-06-30T23:59:60.123+02:00"},
      {"FUTURERELEASE 1 2030-01-01t00:00:00z", param_state::value, 1, "2030-01-01t00:00:00z"},
      {"FUTURERELEASE", param_state::malformed, 0, ""},  // both parameters are required
      {"FUTURERELEASE 604800", param_state::malformed, 0, ""},
      {"FUTURERELEASE 1209600 999999999", param_state::malformed, 0, ""},  // seen in the wild
      {"FUTURERELEASE 1 2030-13-01T00:00:00Z", param_state::malformed, 0, ""},
      {"FUTURERELEASE 1 2030-01-00T00:00:00Z", param_state::malformed, 0, ""},
      {"FUTURERELEASE 1 2030-01-01T24:00:00Z", param_state::malformed, 0, ""},
      {"FUTURERELEASE 1 2030-01-01T00:00:00", param_state::malformed, 0, ""},
      {"FUTURERELEASE 1 2030-01-01T00:00:00.Z", param_state::malformed, 0, ""},
      {"FUTURERELEASE 1 2030-01-01T00:00:00+0200", param_state::malformed, 0, ""},
      {"FUTURERELEASE 18446744073709551616 2030-01-01T00:00:00Z", param_state::malformed, 0, ""},
      {"FUTURERELEASE 1 2030-01-01T00:00:00Z extra", param_state::malformed, 0, ""},
  };
  for (const row& r : rows) {
    INFO(r.line);
    const auto p = parse(ehlo_reply({r.line}));
    const auto f = p.ehlo.value.futurerelease();
    CHECK(f.state == r.state);
    CHECK(f.max_interval == r.interval);
    CHECK(f.max_date_time == r.when);
    CHECK(p.ehlo.value.flags().has(ehlo_flag::futurerelease_malformed) == (r.state == param_state::malformed));
  }
}

TEST_CASE("FUTURERELEASE repeated in another case is not a conflict", "[ehlo]") {
  // Found by fuzz_ehlo: RFC 3339 allows 't' and 'z'.
  const auto p = parse(ehlo_reply({"FUTURERELEASE 9 2030-01-01T00:00:00Z", "futurerelease 9 2030-01-01t00:00:00z"}));
  CHECK(p.ehlo.value.futurerelease().state == param_state::value);
  CHECK_FALSE(p.ehlo.value.flags().has(ehlo_flag::conflicting_params));
  const auto q = parse(ehlo_reply({"FUTURERELEASE 9 2030-01-01T00:00:00Z", "FUTURERELEASE 9 2030-01-02T00:00:00Z"}));
  CHECK(q.ehlo.value.futurerelease().state == param_state::malformed);
  CHECK(q.ehlo.value.flags().has(ehlo_flag::conflicting_params));
}

TEST_CASE("lookups take one exact keyword", "[ehlo]") {
  const auto p = parse(ehlo_reply({"SIZE 100", "AUTH=PLAIN", "X-A B"}));
  const ehlo_view& v = p.ehlo.value;
  CHECK(v.has("size"));
  CHECK_FALSE(v.has("SIZE 100"));
  CHECK_FALSE(v.has("SIZ"));
  CHECK_FALSE(v.has("X-A B"));
  CHECK(v.has("x-a"));
  CHECK_FALSE(v.has("AUTH=PLAIN"));
  CHECK_FALSE(v.has("AUTH="));
  CHECK(v.has("Auth"));
  CHECK_FALSE(v.has(""));
  CHECK_FALSE(v.has("mx.example.org"));
}

TEST_CASE("LIMITS (RFC 9422)", "[ehlo]") {
  const auto p = parse(ehlo_reply({"LIMITS RCPTMAX=100 MAILMAX=10 RCPTDOMAINMAX=5"}));
  auto l = p.ehlo.value.limits();
  CHECK(l.state == param_state::value);
  CHECK(l.rcptmax.value == 100);
  CHECK(l.mailmax.value == 10);
  CHECK(l.rcptdomainmax.value == 5);
  CHECK(l.rcptmax.has_value());
  CHECK(p.ehlo.value.flags().empty());

  const auto some = parse(ehlo_reply({"limits mailmax=1000 X-FUTURE FUTURE_VALUE=a=b"}));
  l = some.ehlo.value.limits();
  CHECK(l.state == param_state::value);
  CHECK(l.mailmax.value == 1000);
  CHECK(l.rcptmax.state == param_state::absent);
  CHECK(l.rcptdomainmax.state == param_state::absent);
  CHECK(some.ehlo.value.flags().empty());
  CHECK(params_of(some.ehlo.value.find("LIMITS")) ==
        std::vector<std::string>{"mailmax=1000", "X-FUTURE", "FUTURE_VALUE=a=b"});

  CHECK(parse(ehlo_reply({"LIMITS"})).ehlo.value.limits().state == param_state::no_value);
  CHECK(parse(ehlo_reply({"SIZE"})).ehlo.value.limits().state == param_state::absent);

  for (const char* bad : {"LIMITS RCPTMAX=1000000", "LIMITS RCPTMAX", "LIMITS RCPTMAX=", "LIMITS RCPTMAX=x1",
                          "LIMITS =5", "LIMITS MAILMAX=-1", "LIMITS RCPTMAX=1 RCPTMAX=2"}) {
    INFO(bad);
    const auto q = parse(ehlo_reply({bad}));
    CHECK(q.ehlo.value.flags().has(ehlo_flag::limits_malformed));
    CHECK(q.ehlo.value.limits().state == param_state::malformed);
  }
  const auto one_bad = parse(ehlo_reply({"LIMITS RCPTMAX=9999999 MAILMAX=7"}));
  CHECK(one_bad.ehlo.value.limits().rcptmax.state == param_state::malformed);
  CHECK(one_bad.ehlo.value.limits().mailmax.value == 7);
  const auto same = parse(ehlo_reply({"LIMITS RCPTMAX=3", "LIMITS RCPTMAX=3 MAILMAX=2"}));
  CHECK(same.ehlo.value.limits().rcptmax.value == 3);
  CHECK(same.ehlo.value.limits().mailmax.value == 2);
  CHECK_FALSE(same.ehlo.value.flags().has(ehlo_flag::conflicting_params));
}

TEST_CASE("unknown keywords are kept; duplicates merged", "[ehlo]") {
  const auto p = parse(ehlo_reply({"ETRN", "X-EXPS GSSAPI NTLM", "VRFY", "etrn", "X-EXPS LOGIN", "XCLIENT NAME ADDR"}));
  const ehlo_view& v = p.ehlo.value;
  CHECK(keywords_of(v) == std::vector<std::string>{"ETRN", "X-EXPS", "VRFY", "XCLIENT"});
  CHECK(v.flags().has(ehlo_flag::duplicate_keyword));
  CHECK(params_of(v.find("x-exps")) == std::vector<std::string>{"GSSAPI", "NTLM", "LOGIN"});
  CHECK(params_of(v.find("XCLIENT")) == std::vector<std::string>{"NAME", "ADDR"});
  CHECK(v.find("ETRN").keyword.data() < v.find("VRFY").keyword.data());  // the first occurrence
  CHECK(v.find("ETRN").id == ehlo_keyword::unknown);
  CHECK(v.capabilities().size() <= v.capability_lines());
  CHECK(v.capability_lines() == 6);
  CHECK(v.auth().empty());  // X-EXPS mechanisms are not AUTH's
}

TEST_CASE("malformed lines are reported, not guessed", "[ehlo]") {
  // An empty line and a line starting with SP have no keyword: dropped.
  const auto p = parse("250-mx\r\n250-\r\n250- SIZE 100\r\n250 PIPELINING\r\n");
  CHECK(p.ehlo.value.flags().has(ehlo_flag::invalid_keyword));
  CHECK(p.ehlo.value.size().state == param_state::absent);
  CHECK(keywords_of(p.ehlo.value) == std::vector<std::string>{"PIPELINING"});
  CHECK(p.ehlo.value.capability_lines() == 3);

  const auto q = parse(ehlo_reply({"X_UNDERSCORE 1", "-DASH", "SIZE\t100"}));
  CHECK(q.ehlo.value.flags().has(ehlo_flag::invalid_keyword));
  CHECK(q.ehlo.value.size().state == param_state::absent);
  CHECK(keywords_of(q.ehlo.value) == std::vector<std::string>{"X_UNDERSCORE", "-DASH", "SIZE\t100"});

  // Extra spaces: the tokens are still exact, and the fact is flagged.
  const auto s = parse(ehlo_reply({"SIZE  100", "PIPELINING "}));
  CHECK(s.ehlo.value.flags().has(ehlo_flag::invalid_param));
  CHECK_FALSE(s.ehlo.value.flags().has(ehlo_flag::unexpected_param));
  CHECK(s.ehlo.value.size().value == 100);
  CHECK(params_of(s.ehlo.value.find("SIZE")) == std::vector<std::string>{"100"});

  const auto t = parse(ehlo_reply({"X-A caf\xc3\xa9"}), smtpreply::parse_options::lenient_all());
  CHECK(t.ehlo.value.flags().has(ehlo_flag::invalid_param));
}

TEST_CASE("lenient reply forms still give the capabilities", "[ehlo]") {
  using smtpreply::leniency;
  const auto lf = parse("250-mx\n250-SIZE 7\n250 STARTTLS\n", {leniency::bare_lf, smtpreply::limits{}});
  CHECK(lf.ehlo.value.size().value == 7);
  CHECK(lf.ehlo.value.starttls());
  CHECK(params_of(lf.ehlo.value.find("SIZE")) == std::vector<std::string>{"7"});

  const auto gaps =
      parse("250-mx\r\n\r\n250-SIZE 7\r\n\r\n250 AUTH PLAIN\r\n", {leniency::empty_line, smtpreply::limits{}});
  CHECK(gaps.ehlo.value.size().value == 7);
  CHECK(gaps.ehlo.value.auth().has(auth_mechanism::plain));
  CHECK(gaps.ehlo.value.capability_lines() == 2);

  // MailKit's bare final "250".
  const auto bare = parse("250-mx\r\n250-PIPELINING\r\n250\r\n");
  CHECK(bare.ehlo.value.pipelining());
  CHECK(bare.ehlo.value.flags().has(ehlo_flag::invalid_keyword));
}

TEST_CASE("capabilities before and after STARTTLS", "[ehlo][starttls]") {
  using smtpreply::starttls_flag;
  // Healthy: STARTTLS goes, AUTH comes.
  const auto b1 = parse(ehlo_reply({"PIPELINING", "SIZE 100", "STARTTLS"}));
  const auto a1 = parse(ehlo_reply({"PIPELINING", "SIZE 100", "AUTH PLAIN LOGIN"}));
  auto d = smtpreply::diff_starttls(b1.ehlo.value, a1.ehlo.value);
  CHECK(d.vanished.empty());
  CHECK(d.appeared.has(ehlo_keyword::auth));
  CHECK(d.auth_appeared.has(auth_mechanism::plain));
  CHECK(d.auth_vanished.empty());
  CHECK(d.flags == static_cast<std::uint32_t>(starttls_flag::capability_appeared));

  // Suspicious: a mechanism offered only in the clear, a capability gone,
  // STARTTLS still offered, SIZE changed.
  const auto b2 = parse(ehlo_reply({"STARTTLS", "AUTH PLAIN LOGIN X-SECRET", "SIZE 100", "X-FOO", "CHUNKING"}));
  const auto a2 = parse(ehlo_reply({"starttls", "AUTH=PLAIN", "SIZE 200", "X-BAR"}));
  d = smtpreply::diff_starttls(b2.ehlo.value, a2.ehlo.value);
  CHECK(d.vanished.has(ehlo_keyword::chunking));
  CHECK_FALSE(d.vanished.has(ehlo_keyword::starttls));
  CHECK(d.auth_vanished.has(auth_mechanism::login));
  CHECK_FALSE(d.auth_vanished.has(auth_mechanism::plain));
  CHECK(d.unknown_auth_vanished == 1);
  CHECK(d.unknown_vanished == 1);
  CHECK(d.unknown_appeared == 1);
  CHECK(d.changed.has(ehlo_keyword::size));
  CHECK(d.changed.has(ehlo_keyword::auth));
  CHECK(d.has(starttls_flag::capability_vanished));
  CHECK(d.has(starttls_flag::capability_appeared));
  CHECK(d.has(starttls_flag::auth_only_before_tls));
  CHECK(d.has(starttls_flag::params_changed));
  CHECK(d.has(starttls_flag::starttls_after_tls));
  CHECK_FALSE(d.has(starttls_flag::no_starttls_before));

  // The same list, AUTH spelt differently: no change.
  const auto b3 = parse(ehlo_reply({"STARTTLS", "AUTH LOGIN PLAIN"}));
  const auto a3 = parse(ehlo_reply({"auth plain", "AUTH=LOGIN"}));
  d = smtpreply::diff_starttls(b3.ehlo.value, a3.ehlo.value);
  CHECK(d.flags == 0);

  const auto none = parse(ehlo_reply({"PIPELINING"}));
  d = smtpreply::diff_starttls(none.ehlo.value, none.ehlo.value);
  CHECK(d.flags == static_cast<std::uint32_t>(starttls_flag::no_starttls_before));
}

TEST_CASE("names are stable and distinct", "[ehlo]") {
  std::vector<std::string> seen;
  for (auto k : smtpreply::all_ehlo_keywords) {
    CHECK(smtpreply::name(k) != "unknown");
    CHECK(!smtpreply::keyword_text(k).empty());
    CHECK(smtpreply::source(k).substr(0, 4) == "RFC ");
    // The typed id of the RFC spelling is the keyword itself.
    const auto p = parse(ehlo_reply({std::string(smtpreply::keyword_text(k))}));
    CHECK(p.ehlo.value.has(k));
    seen.emplace_back(smtpreply::name(k));
  }
  for (auto m : smtpreply::all_auth_mechanisms) {
    CHECK(smtpreply::name(m) != "none");
    const auto p = parse(ehlo_reply({"AUTH " + std::string(smtpreply::sasl_name(m))}));
    CHECK(p.ehlo.value.auth().has(m));
    CHECK(p.ehlo.value.unknown_auth_mechanisms().size() == 0);
    seen.emplace_back(smtpreply::name(m));
  }
  std::uint32_t bits = 0;
  for (auto f : smtpreply::all_ehlo_flags) {
    CHECK(smtpreply::name(f) != "unknown");
    CHECK((bits & static_cast<std::uint32_t>(f)) == 0);
    bits |= static_cast<std::uint32_t>(f);
    seen.emplace_back(smtpreply::name(f));
  }
  for (auto f : smtpreply::all_starttls_flags) CHECK(smtpreply::name(f) != "unknown");
  for (auto s : {param_state::absent, param_state::no_value, param_state::value, param_state::malformed}) {
    CHECK(!smtpreply::name(s).empty());
  }
  std::sort(seen.begin(), seen.end());
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
}

TEST_CASE("a hostile EHLO reply: the capability lines looked at are capped (issue 11 #1)", "[ehlo]") {
  // 1,000 distinct unknown keywords (52 KB, inside the default limits) used to
  // cost a walk over every earlier line for each line: quadratic.
  std::string text = "250-mx.example.org\r\n";
  for (int i = 0; i < 1000; ++i) text += "250-XKEYWORD" + std::to_string(i) + " A B\r\n";
  text += "250 SIZE 1000\r\n";
  const parsed p = parse(text);
  const ehlo_view& v = p.ehlo.value;
  CHECK(v.flags().has(ehlo_flag::too_many_capabilities));
  CHECK(v.capability_lines() == ehlo_view::max_capability_lines);
  CHECK(v.capabilities().size() == ehlo_view::max_capability_lines);
  CHECK_FALSE(v.has(ehlo_keyword::size));  // beyond the cap: ignored, as documented
  CHECK(v.has("XKEYWORD127"));
  CHECK_FALSE(v.has("XKEYWORD128"));
  for (const auto& c : v.capabilities()) CHECK(c.params.size() == 2);
  const smtpreply::starttls_diff d = smtpreply::diff_starttls(v, v);
  CHECK(d.flags == static_cast<std::uint32_t>(smtpreply::starttls_flag::no_starttls_before));  // only that
  CHECK(d.unknown_vanished == 0);

  // At the cap exactly: nothing is flagged or lost.
  std::string at_cap = "250-mx.example.org\r\n";
  for (std::uint32_t i = 1; i < ehlo_view::max_capability_lines; ++i) at_cap += "250-X" + std::to_string(i) + "\r\n";
  at_cap += "250 SIZE 1000\r\n";
  const parsed q = parse(at_cap);
  CHECK_FALSE(q.ehlo.value.flags().has(ehlo_flag::too_many_capabilities));
  CHECK(q.ehlo.value.size().value == 1000);
}
