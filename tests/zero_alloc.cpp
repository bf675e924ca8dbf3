// Counts every operator new and malloc while parsing a large multi-reply
// buffer, strict and lenient, whole and one byte at a time, and with the
// batch API; fails unless zero.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <smtpreply/classify.hpp>
#include <smtpreply/smtpreply.hpp>
#include <string>

namespace {
std::atomic<long> g_allocations{0};
std::atomic<bool> g_counting{false};
void note() {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

// Every allocation path of the program goes through these.
void* operator new(std::size_t n) {
  note();
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  note();
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return operator new(n, std::nothrow); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

// Sanitizer runtimes own malloc; there only operator new is counted.
#if defined(__SANITIZE_ADDRESS__)
#define SMTPREPLY_COUNT_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define SMTPREPLY_COUNT_MALLOC 0
#endif
#endif
#ifndef SMTPREPLY_COUNT_MALLOC
#define SMTPREPLY_COUNT_MALLOC 1
#endif

#if SMTPREPLY_COUNT_MALLOC
// glibc: malloc is interposable; forward to the real one.
extern "C" void* __libc_malloc(std::size_t);
extern "C" void* __libc_calloc(std::size_t, std::size_t);
extern "C" void* __libc_realloc(void*, std::size_t);
extern "C" void* malloc(std::size_t n) {
  note();
  return __libc_malloc(n);
}
extern "C" void* calloc(std::size_t a, std::size_t b) {
  note();
  return __libc_calloc(a, b);
}
extern "C" void* realloc(void* p, std::size_t n) {
  note();
  return __libc_realloc(p, n);
}
#endif

static long parse_all(const std::string& input, const smtpreply::parse_options& options, std::size_t chunk,
                      long& replies) {
  smtpreply::reply_parser parser{options};
  std::size_t start = 0;
  std::size_t available = chunk == 0 ? input.size() : 0;
  long checksum = 0;
  for (;;) {
    const std::string_view unconsumed(input.data() + start, available - start);
    const smtpreply::feed_result r = parser.feed(unconsumed);
    if (r) {
      ++replies;
      checksum += r.value.code().value();
      for (const std::string_view text : r.value.lines()) checksum += static_cast<long>(text.size());
      start += r.consumed;
    } else if (r.status == smtpreply::feed_status::error) {
      return -1;
    } else if (available < input.size()) {
      available = chunk == 0 ? input.size() : (input.size() - available < chunk ? input.size() : available + chunk);
    } else {
      return parser.finish(unconsumed) ? checksum : -1;
    }
  }
}

int main() {
  // Built before counting starts: the only allocations of the program.
  std::string input;
  for (int i = 0; i < 2000; ++i) {
    input += "220-mx.example.org ESMTP\r\n220 ready\r\n";
    input += "250-mx.example.org Hello\r\n250-SIZE 35882577\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n";
    input += "250 2.1.0 Sender OK\r\n550 5.7.606 Access denied, banned sending IP\r\n";
    input += "451 4.7.1 Greylisted, try again in 300 seconds\r\n354 Go ahead\r\n221 2.0.0 Bye\r\n";
  }
  std::string lenient_input = input + "250-a\n\r\n251 b caf\xc3\xa9 \xb0\r\n";

  // The hooks must see allocations, or a zero below proves nothing.
  g_counting = true;
  int* volatile probe = new int(1);  // volatile: the pair may not be elided
  delete probe;
#if SMTPREPLY_COUNT_MALLOC
  void* volatile raw = std::malloc(16);
  std::free(raw);
#endif
  g_counting = false;
  const long hook_check = g_allocations.exchange(0);

  long replies = 0;
  g_counting = true;
  const long whole = parse_all(input, {}, 0, replies);
  const long bytewise = parse_all(input, {}, 1, replies);
  const long chunked = parse_all(input, {}, 4096, replies);
  const long lenient = parse_all(lenient_input, smtpreply::parse_options::lenient_all(), 7, replies);
  // The batch API over the whole buffer, strict and lenient.
  long batch = 0;
  const auto batch_strict = smtpreply::for_each_reply(input, {}, [&](const smtpreply::reply& r) {
    batch += r.code().value();
    for (const std::string_view text : r.lines()) batch += static_cast<long>(text.size());
  });
  const auto batch_lenient = smtpreply::for_each_reply(lenient_input, smtpreply::parse_options::lenient_all(),
                                                       [&](const smtpreply::reply&) { ++replies; });
  const auto single = smtpreply::parse_reply("250 2.0.0 OK\r\n");
  const auto line = smtpreply::parse_line("250-SIZE 100\r\n");
  // EHLO view, pipeline tracker and catalog: also allocation-free.
  const auto ehlo_reply = smtpreply::parse_reply(
      "250-mx.example.org Hello\r\n250-SIZE 35882577\r\n250-AUTH PLAIN LOGIN XOAUTH2\r\n250 STARTTLS\r\n");
  const auto ehlo = smtpreply::parse_ehlo(ehlo_reply.value);
  long ehlo_ok = ehlo && ehlo.value.starttls() && ehlo.value.size().value == 35882577 ? 1 : 0;
  for (const auto capability : ehlo.value.capabilities()) ehlo_ok += capability ? 1 : 0;
  smtpreply::pipeline_tracker tracker;
  tracker.push(smtpreply::command::mail);
  tracker.push(smtpreply::command::rcpt);
  const bool tracked = !tracker.on_reply(smtpreply::reply_code{250}).unmatched() &&
                       !tracker.on_reply(smtpreply::reply_code{550}).unmatched() &&
                       tracker.on_reply(smtpreply::reply_code{250}).unmatched();
  const auto compared = smtpreply::compare(smtpreply::reply_code{250}, smtpreply::reply_code{421});
  // classify(): parsed replies, flattened text and Diagnostic-Code fields.
  const auto bounce = smtpreply::parse_reply(
      "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 - gsmtp\r\n");
  const bool classified =
      bounce && smtpreply::classify(bounce.value, smtpreply::command::rcpt).reason == smtpreply::reason::user_unknown &&
      smtpreply::classify("451 4.7.1 Greylisted, try again in 300 seconds").retry_after == 300 &&
      smtpreply::classify(smtpreply::from_diagnostic_code("smtp; 552-5.2.2 a 552 5.2.2 Over quota")).reason ==
          smtpreply::reason::mailbox_full;
  g_counting = false;

  const long allocations = g_allocations.load();
  std::printf("replies parsed: %ld, allocations while parsing: %ld (hook self-check saw %ld)\n", replies, allocations,
              hook_check);
  const bool ok = hook_check >= 1 + SMTPREPLY_COUNT_MALLOC && allocations == 0 && whole > 0 && whole == bytewise &&
                  whole == chunked && lenient > whole && batch_strict && batch == whole && batch_lenient && single &&
                  line && ehlo_ok == 4 && tracked && compared.differences != 0 && classified &&
                  replies == 5 * 7 * 2000 + 2;
  std::puts(ok ? "zero allocation: 1 passed, 0 failed" : "zero allocation: 0 passed, 1 failed");
  return ok ? 0 : 1;
}
