// Benchmark corpora: generated at run time from a fixed seed, so nothing
// large is committed and every run (and every machine) parses the same bytes.
// The generator counts what it writes, which gives every adapter an answer
// that does not come from the code under test.
#ifndef SMTPREPLY_BENCH_CORPUS_HPP
#define SMTPREPLY_BENCH_CORPUS_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

/// What every adapter must report for a corpus.
struct checksum {
  std::uint64_t replies = 0;
  std::uint64_t lines = 0;
  std::uint64_t code_sum = 0;  ///< sum of the reply codes (one per reply)
  std::uint64_t bad = 0;       ///< adapter-specific failures (parse errors, leftovers)

  void add_reply(std::uint64_t line_count, unsigned code) noexcept {
    ++replies;
    lines += line_count;
    code_sum += code;
  }
  friend bool operator==(const checksum& a, const checksum& b) noexcept {
    return a.replies == b.replies && a.lines == b.lines && a.code_sum == b.code_sum && a.bad == b.bad;
  }
  friend bool operator!=(const checksum& a, const checksum& b) noexcept { return !(a == b); }
};

struct corpus {
  std::string name;
  std::string data;
  checksum expected;
};

/// splitmix64: its output is the same with every standard library, unlike
/// std::uniform_int_distribution.
class rng {
 public:
  explicit rng(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// Uniform enough in [lo, hi] for a corpus (the modulo bias is irrelevant).
  std::size_t between(std::size_t lo, std::size_t hi) noexcept {
    return lo + static_cast<std::size_t>(next() % (hi - lo + 1));
  }
  bool chance(unsigned percent) noexcept { return next() % 100 < percent; }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) noexcept {
    return items[between(0, N - 1)];
  }

 private:
  std::uint64_t state_;
};

namespace gen {

inline constexpr const char* words[] = {
    "mail",   "queue",   "relay",     "accepted", "rejected", "mailbox", "policy",    "sender",
    "server", "service", "temporary", "domain",   "address",  "message", "delivery",  "please",
    "try",    "again",   "later",     "limit",    "account",  "user",    "invalid",   "quota",
    "host",   "network", "blocked",   "spam",     "content",  "unknown", "recipient", "local"};

inline constexpr const char* hosts[] = {"mx.example.org",  "mail.example.net", "smtp.example.com",
                                        "mx1.example.edu", "in.example.io",    "mx02.mail.example"};

inline constexpr const char* alphanum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

class writer {
 public:
  writer(std::string& out, checksum& sum, rng& r) : out_(out), sum_(sum), r_(r) {}

  /// One reply: every line but the last gets '-', the last ' '.
  void reply(unsigned code, const std::vector<std::string>& texts) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      out_ += std::to_string(code);
      out_ += i + 1 < texts.size() ? '-' : ' ';
      out_ += texts[i];
      out_ += "\r\n";
    }
    sum_.add_reply(texts.size(), code);
  }
  void reply(unsigned code, std::string text) { reply(code, std::vector<std::string>{std::move(text)}); }

  std::string id(std::size_t length) {
    std::string s;
    for (std::size_t i = 0; i < length; ++i) s += alphanum[r_.between(0, 61)];
    return s;
  }
  std::string hex_id(std::size_t length) {
    std::string s;
    for (std::size_t i = 0; i < length; ++i) s += alphanum[r_.between(0, 15)];
    return s;
  }
  std::string ip() { return "192.0.2." + std::to_string(r_.between(1, 254)); }
  std::string address() {
    return "<" + std::string(r_.pick(words)) + std::to_string(r_.between(1, 999)) + "@" + r_.pick(hosts) + ">";
  }
  /// Words up to about `length` bytes.
  std::string prose(std::size_t length) {
    std::string s;
    while (s.size() < length) {
      if (!s.empty()) s += ' ';
      s += r_.pick(words);
    }
    return s;
  }
  rng& random() { return r_; }

 private:
  std::string& out_;
  checksum& sum_;
  rng& r_;
};

enum class mta { postfix, exim, exchange, gmail, sendmail };

inline std::vector<std::string> ehlo_lines(writer& w, mta style, const std::string& host) {
  rng& r = w.random();
  std::vector<std::string> l;
  switch (style) {
    case mta::postfix:
      l = {host,
           "PIPELINING",
           "SIZE " + std::to_string(r.between(10, 50) * 1048576),
           "VRFY",
           "ETRN",
           "STARTTLS",
           "ENHANCEDSTATUSCODES",
           "8BITMIME",
           "DSN",
           "SMTPUTF8",
           "CHUNKING"};
      break;
    case mta::exim:
      l = {host + " Hello client.example [" + w.ip() + "]",
           "SIZE 52428800",
           "8BITMIME",
           "PIPELINING",
           "PIPE_CONNECT",
           "AUTH PLAIN LOGIN",
           "CHUNKING",
           "STARTTLS",
           "SMTPUTF8",
           "HELP"};
      break;
    case mta::exchange:
      l = {host + " Hello [" + w.ip() + "]",
           "SIZE 157286400",
           "PIPELINING",
           "DSN",
           "ENHANCEDSTATUSCODES",
           "STARTTLS",
           "8BITMIME",
           "BINARYMIME",
           "CHUNKING",
           "SMTPUTF8"};
      break;
    case mta::gmail:
      l = {"mx.google.com at your service, [" + w.ip() + "]",
           "SIZE 157286400",
           "8BITMIME",
           "STARTTLS",
           "ENHANCEDSTATUSCODES",
           "PIPELINING",
           "CHUNKING",
           "SMTPUTF8"};
      break;
    case mta::sendmail:
      l = {host + " Hello client.example [" + w.ip() + "], pleased to meet you",
           "ENHANCEDSTATUSCODES",
           "PIPELINING",
           "8BITMIME",
           "SIZE 20000000",
           "DSN",
           "ETRN",
           "AUTH DIGEST-MD5 CRAM-MD5",
           "DELIVERBY",
           "HELP"};
      break;
  }
  return l;
}

inline void session(writer& w) {
  rng& r = w.random();
  const auto style = static_cast<mta>(r.between(0, 4));
  const std::string host = r.pick(hosts);
  const bool esc = style != mta::exim;  // Exim does not send enhanced codes by default
  const std::string gs =                // Gmail's trailer: a session id and "gsmtp"
      style == mta::gmail ? " " + w.id(20) + "." + std::to_string(r.between(1, 999)) + " - gsmtp" : "";
  switch (style) {
    case mta::postfix: w.reply(220, host + " ESMTP Postfix (Debian/GNU)"); break;
    case mta::exim: w.reply(220, host + " ESMTP Exim 4.96 Mon, 01 Jan 2024 12:00:00 +0000"); break;
    case mta::exchange:
      w.reply(220, host + " Microsoft ESMTP MAIL Service ready at Mon, 1 Jan 2024 12:00:00 +0000");
      break;
    case mta::gmail: w.reply(220, "mx.google.com ESMTP" + gs); break;
    case mta::sendmail:
      if (r.chance(30)) {  // a multi-line banner
        w.reply(220, {host + " ESMTP Sendmail 8.17.1/8.17.1; Mon, 1 Jan 2024 12:00:00 GMT",
                      "Unauthorized access prohibited", "All activity is logged"});
      } else {
        w.reply(220, host + " ESMTP Sendmail 8.17.1/8.17.1; Mon, 1 Jan 2024 12:00:00 GMT");
      }
      break;
  }
  w.reply(250, ehlo_lines(w, style, host));
  if (r.chance(40)) {
    w.reply(220, esc ? "2.0.0 Ready to start TLS" : "TLS go ahead");
    w.reply(250, ehlo_lines(w, style, host));
  }
  if (r.chance(20)) {
    w.reply(334, "VXNlcm5hbWU6");
    w.reply(334, "UGFzc3dvcmQ6");
    w.reply(235, esc ? "2.7.0 Authentication successful" : "Authentication succeeded");
  }
  const std::size_t messages = r.between(1, 3);
  for (std::size_t m = 0; m < messages; ++m) {
    w.reply(250, esc ? (style == mta::exchange ? "2.1.0 Sender OK" : "2.1.0 Ok" + gs) : "OK");
    bool any_rcpt = false;
    const std::size_t recipients = r.between(1, 4);
    for (std::size_t i = 0; i < recipients; ++i) {
      if (!r.chance(10)) {
        w.reply(250, esc ? (style == mta::exchange ? "2.1.5 Recipient OK" : "2.1.5 Ok" + gs) : "Accepted");
        any_rcpt = true;
        continue;
      }
      switch (r.between(0, 4)) {  // the ~10% failures, with long texts
        case 0:
          w.reply(450, "4.2.0 " + w.address() +
                           ": Recipient address rejected: Greylisted, see "
                           "http://postgrey.example/help/" +
                           host + ".html");
          break;
        case 1:
          w.reply(550, {"5.1.1 The email account that you tried to reach does not exist. Please try",
                        "5.1.1 double-checking the recipient's email address for typos or",
                        "5.1.1 unnecessary spaces. For more information, go to",
                        "5.1.1  https://support.google.com/mail/?p=NoSuchUser" + gs});
          break;
        case 2:
          w.reply(550, "5.7.1 Service unavailable, Client host [" + w.ip() + "] blocked using zen.spamhaus.example; " +
                           w.prose(40));
          break;
        case 3: w.reply(452, "4.5.3 Too many recipients"); break;
        default:
          w.reply(451, "4.7.1 " + w.address() + ": Recipient address rejected: " + w.prose(r.between(20, 60)));
          break;
      }
    }
    if (!any_rcpt) {
      w.reply(554, esc ? "5.5.1 Error: no valid recipients" : "No valid recipients");
      continue;
    }
    w.reply(354, style == mta::exim ? "Enter message, ending with \".\" on a line by itself"
                                    : "End data with <CR><LF>.<CR><LF>");
    if (r.chance(4)) {
      w.reply(552, "5.3.4 Message size exceeds fixed limit");
    } else {
      switch (style) {
        case mta::postfix: w.reply(250, "2.0.0 Ok: queued as " + w.hex_id(10)); break;
        case mta::exim: w.reply(250, "OK id=" + w.id(6) + "-" + w.id(6) + "-" + w.id(2)); break;
        case mta::exchange:
          w.reply(250, "2.6.0 <" + w.id(24) + "@" + host + "> [InternalId=" + std::to_string(r.between(1, 1u << 30)) +
                           "] Queued mail for delivery");
          break;
        case mta::gmail: w.reply(250, "2.0.0 OK  1704110400" + gs); break;
        case mta::sendmail: w.reply(250, "2.0.0 " + w.id(14) + " Message accepted for delivery"); break;
      }
    }
    if (m + 1 < messages) w.reply(250, esc ? "2.0.0 Ok" : "Reset OK");  // RSET
  }
  w.reply(221, esc ? "2.0.0 Bye" : host + " closing connection");
}

inline void short_reply(writer& w) {
  rng& r = w.random();
  static constexpr struct {
    unsigned code;
    const char* text;
  } shorts[] = {{250, "OK"},       {250, "2.1.0 Ok"}, {250, "2.1.5 Ok"}, {221, "Bye"},
                {354, "Go ahead"}, {250, "Accepted"}, {235, "2.7.0 OK"}, {250, "2.0.0 Ok"}};
  const auto& s = r.pick(shorts);
  w.reply(s.code, s.text);
}

inline void long_reply(writer& w) {
  rng& r = w.random();
  const bool fail = r.chance(50);
  const unsigned code = fail ? 550 : 250;
  const std::string esc = fail ? "5.7.1 " : "2.0.0 ";
  std::vector<std::string> lines;
  const std::size_t n = r.between(2, 6);
  for (std::size_t i = 0; i < n; ++i) {
    // 4 (code, separator) + 6 (ESC) + text + 2 (CRLF): 480-512 octets.
    std::string text = esc + w.prose(r.between(460, 490));
    if (text.size() > 506) text.resize(506);
    lines.push_back(std::move(text));
  }
  w.reply(code, lines);
}

inline void ehlo_reply(writer& w) {
  rng& r = w.random();
  w.reply(250, ehlo_lines(w, static_cast<mta>(r.between(0, 4)), r.pick(hosts)));
}

}  // namespace gen

/// The four corpora: "mixed", "short", "long", "ehlo"; at least `bytes` each.
inline corpus make_corpus(std::string_view name, std::size_t bytes, std::uint64_t seed = 20240101) {
  corpus c;
  c.name = std::string(name);
  c.data.reserve(bytes + 8192);
  rng r{seed};
  gen::writer w{c.data, c.expected, r};
  while (c.data.size() < bytes) {
    if (name == "mixed") {
      gen::session(w);
    } else if (name == "short") {
      gen::short_reply(w);
    } else if (name == "long") {
      gen::long_reply(w);
    } else {
      gen::ehlo_reply(w);
    }
  }
  return c;
}

}  // namespace bench

#endif  // SMTPREPLY_BENCH_CORPUS_HPP
