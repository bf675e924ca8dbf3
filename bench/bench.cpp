// smtpreply benchmarks: the streaming parser (whole buffer and chunked), the
// line and enhanced-code parsers, naive baselines and limit proxies, all in
// one binary and one run. Every adapter's checksum (replies, lines, sum of
// codes) is checked against the corpus generator's before it is timed; a
// mismatch skips the benchmark with an error and makes the exit status 1.
//
//   smtpreply_bench [--corpus-bytes=N] [--min-time=SECONDS] [--smoke] [--benchmark_...]
//
// --smoke: 64 KiB corpora and one iteration each (checks every checksum fast).
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <smtpreply/batch.hpp>
#include <smtpreply/catalog.hpp>
#include <smtpreply/classify.hpp>
#include <smtpreply/ehlo.hpp>
#include <smtpreply/enhanced.hpp>
#include <smtpreply/reply_parser.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters.hpp"
#include "baselines.hpp"
#include "corpus.hpp"

namespace {

using bench::checksum;
using bench::smtpreply_batch;
using bench::smtpreply_chunked;
using bench::smtpreply_socket_loop;
using bench::smtpreply_whole;

int g_checked = 0;
int g_failed = 0;
int g_checked_classify = 0;
int g_failed_classify = 0;

/// parse_line() over every line.
BENCH_NOINLINE checksum smtpreply_lines(std::string_view in) noexcept {
  checksum c;
  std::uint64_t lines = 0;
  while (!in.empty()) {
    const smtpreply::line_result l = smtpreply::parse_line(in);
    if (!l) {
      ++c.bad;
      break;
    }
    ++lines;
    if (l.is_last) {
      c.add_reply(lines, l.code.value());
      lines = 0;
    }
    in.remove_prefix(l.length);
  }
  return c;
}

// The enhanced-code parser runs over the first line of every reply: its
// checksum counts codes that reply::enhanced() would report (well-formed, of
// the reply's class, not on 3xx) and sums them.
struct first_line {
  std::string_view text;
  unsigned code;
};

void add_enhanced(checksum& c, smtpreply::enhanced_code e) noexcept {
  ++c.replies;
  c.code_sum += e.klass * 1000000u + e.subject * 1000u + e.detail;
}

BENCH_NOINLINE checksum smtpreply_enhanced(const std::vector<first_line>& items) noexcept {
  checksum c;
  for (const first_line& f : items) {
    ++c.lines;
    const smtpreply::enhanced_in_text e = smtpreply::find_enhanced(f.text);
    const unsigned klass = f.code / 100;
    if (e.presence == smtpreply::enhanced_presence::valid && klass != 3 && e.code.klass == klass) {
      add_enhanced(c, e.code);
    }
  }
  return c;
}

// parse_ehlo() over every 250 reply, walking its capabilities: the checksum
// counts one line for the greeting and one per capability (the corpora
// repeat no keyword, so that is the reply's line count).
BENCH_NOINLINE checksum smtpreply_ehlo(std::string_view in) noexcept {
  checksum c;
  smtpreply::reply_parser parser;
  while (!in.empty()) {
    const smtpreply::feed_result r = parser.feed(in);
    if (!r) {
      ++c.bad;
      break;
    }
    in.remove_prefix(r.consumed);
    if (r.value.code().value() != 250) continue;
    const smtpreply::ehlo_result e = smtpreply::parse_ehlo(r.value);
    if (!e) {
      ++c.bad;
      continue;
    }
    std::uint64_t lines = 1;
    for (const smtpreply::ehlo_capability cap : e.value.capabilities()) lines += cap ? 1u : 0u;
    c.add_reply(lines, 250);
  }
  return c;
}

// Catalog look-ups (explain + advise) for every reply's code and enhanced
// code: the checksum counts the codes the catalog knows as "lines", checked
// against the RFC list below, written out independently of the catalog.
constexpr unsigned rfc_codes[] = {211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 454, 455,
                                  500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556};

BENCH_NOINLINE checksum smtpreply_catalog(const std::vector<first_line>& items) noexcept {
  checksum c;
  for (const first_line& f : items) {
    const smtpreply::reply_code code{static_cast<std::uint16_t>(f.code)};
    const smtpreply::explanation e = smtpreply::explain(code);
    const smtpreply::action a =
        smtpreply::advise(code, smtpreply::find_enhanced(f.text).code, smtpreply::command::none);
    benchmark::DoNotOptimize(a);
    c.add_reply(e.known ? 1u : 0u, e.code.value());
  }
  return c;
}

// classify() on every reply of a corpus (parse, then classify the reply):
// checked like the parser (replies, lines, codes), plus "2yz is delivered".
BENCH_NOINLINE checksum smtpreply_classify(std::string_view in) noexcept {
  checksum c;
  smtpreply::reply_parser parser;
  while (!in.empty()) {
    const smtpreply::feed_result r = parser.feed(in);
    if (!r) {
      ++c.bad;
      break;
    }
    const smtpreply::classification k = smtpreply::classify(r.value);
    if (k.code != r.value.code() || (k.code.is_positive_completion() && k.reason != smtpreply::reason::delivered)) {
      ++c.bad;
    }
    benchmark::DoNotOptimize(k);
    c.add_reply(r.value.line_count(), r.value.code().value());
    in.remove_prefix(r.consumed);
  }
  return c;
}

// The target: classify() of a typical two-line bounce reply, already
// parsed, in well under a microsecond.
constexpr std::string_view typical_reply =
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
    "550 5.1.1 double-checking the recipient's email address for typos - gsmtp\r\n";

void bm_classify_typical(benchmark::State& state) {
  const smtpreply::parse_result p = smtpreply::parse_reply(typical_reply);
  ++g_checked_classify;
  if (!p || smtpreply::classify(p.value, smtpreply::command::rcpt).reason != smtpreply::reason::user_unknown) {
    ++g_failed_classify;
    state.SkipWithError("classify() of the typical reply is not user_unknown");
    return;
  }
  for (auto _ : state) {
    smtpreply::classification c = smtpreply::classify(p.value, smtpreply::command::rcpt);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(typical_reply.size()));
}

// ---- Registration ---------------------------------------------------------------

struct corpus_data {
  bench::corpus corpus;
  std::vector<first_line> first_lines;
  checksum enhanced_expected;
  checksum ehlo_expected;
  checksum catalog_expected;
};

struct settings {
  std::size_t corpus_bytes = std::size_t{8} << 20;
  double min_time = 0.3;
  bool smoke = false;
};

void configure(benchmark::internal::Benchmark* b, const settings& s) {
  b->Unit(benchmark::kMillisecond);
  if (s.smoke) {
    b->Iterations(1);
  } else {
    b->MinTime(s.min_time);
  }
}

/// Checks `fn` once against `expected`, then times it.
void add(const settings& s, const std::string& name, const checksum& expected, std::size_t bytes, std::uint64_t items,
         std::function<checksum()> fn) {
  auto* b = benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
    const checksum got = fn();
    ++g_checked;
    if (got != expected) {
      ++g_failed;
      char msg[256];
      std::snprintf(msg, sizeof msg, "checksum mismatch: replies %llu/%llu lines %llu/%llu codes %llu/%llu bad %llu",
                    static_cast<unsigned long long>(got.replies), static_cast<unsigned long long>(expected.replies),
                    static_cast<unsigned long long>(got.lines), static_cast<unsigned long long>(expected.lines),
                    static_cast<unsigned long long>(got.code_sum), static_cast<unsigned long long>(expected.code_sum),
                    static_cast<unsigned long long>(got.bad));
      std::fprintf(stderr, "%s: %s\n", name.c_str(), msg);
      state.SkipWithError(msg);
      return;
    }
    for (auto _ : state) {
      checksum r = fn();
      benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(items));
    state.counters["items"] = static_cast<double>(items);
  });
  configure(b, s);
}

void register_corpus(const settings& s, const corpus_data& cd, const std::string& label, bool all) {
  const std::string_view in = cd.corpus.data;
  const checksum& x = cd.corpus.expected;
  const std::size_t n = in.size();
  const std::uint64_t r = x.replies;
  const auto name = [&](const char* adapter) { return label + "/" + adapter; };
  const smtpreply::parse_options strict{};
  const smtpreply::parse_options lenient = smtpreply::parse_options::lenient_all();

  add(s, name("strict"), x, n, r, [=] { return smtpreply_whole(in, strict); });
  // One byte at a time through feed() (no copy): the parser's own cost per
  // byte, which must not grow with the input (the sizes of "mixed_*").
  add(s, name("feed1"), x, n, r, [=] { return smtpreply_chunked(in, 1); });
  if (!all) return;
  add(s, name("chunk1"), x, n, r, [=] { return smtpreply_socket_loop(in, 1); });
  add(s, name("floor"), x, n, r, [=] { return bench::floor_replies(in); });
  add(s, name("batch"), x, n, r, [=] { return smtpreply_batch(in, strict); });
  add(s, name("batch_lenient"), x, n, r, [=] { return smtpreply_batch(in, lenient); });
  add(s, name("lenient"), x, n, r, [=] { return smtpreply_whole(in, lenient); });
  for (std::size_t chunk : {std::size_t{16}, std::size_t{512}, std::size_t{4096}}) {
    add(s, name(("chunk" + std::to_string(chunk)).c_str()), x, n, r, [=] { return smtpreply_socket_loop(in, chunk); });
  }
  add(s, name("feed512"), x, n, r, [=] { return smtpreply_chunked(in, 512); });
  add(s, name("line_parser"), x, n, r, [=] { return smtpreply_lines(in); });
  const std::vector<first_line>* items = &cd.first_lines;
  add(s, name("enhanced"), cd.enhanced_expected, n, items->size(), [=] { return smtpreply_enhanced(*items); });
  add(s, name("catalog"), cd.catalog_expected, n, items->size(), [=] { return smtpreply_catalog(*items); });
  add(s, name("classify"), x, n, r, [=] { return smtpreply_classify(in); });
  if (label == "ehlo") {  // EHLO replies only: other corpora's 250 texts are prose, not keywords
    add(s, name("ehlo_view"), cd.ehlo_expected, n, cd.ehlo_expected.replies, [=] { return smtpreply_ehlo(in); });
  }
  add(s, name("regex"), x, n, r, [=] { return bench::regex_lines(in); });
  add(s, name("getline_stoi"), x, n, r, [=] { return bench::getline_stoi(in); });
  add(s, name("sscanf"), x, n, r, [=] { return bench::sscanf_lines(in); });
  add(s, name("istringstream"), x, n, r, [=] { return bench::istringstream_lines(in); });
  add(s, name("memchr_split"), x, n, r, [=] { return bench::memchr_split(in); });
  add(s, name("simd_split"), x, n, r, [=] { return bench::simd_split(in); });
  add(s, name("read_once"), x, n, r, [=] { return bench::read_once(in); });
}

std::unique_ptr<corpus_data> prepare(std::string_view name, std::size_t bytes) {
  auto cd = std::make_unique<corpus_data>();
  cd->corpus = bench::make_corpus(name, bytes);
  // The first lines, and the enhanced codes replies report, for "enhanced".
  std::string_view in = cd->corpus.data;
  smtpreply::reply_parser parser;
  while (!in.empty()) {
    const smtpreply::feed_result r = parser.feed(in);
    if (!r) break;
    cd->first_lines.push_back({r.value.first_line(), r.value.code().value()});
    ++cd->enhanced_expected.lines;
    if (r.value.has_enhanced()) add_enhanced(cd->enhanced_expected, r.value.enhanced());
    const unsigned code = r.value.code().value();
    bool listed = false;
    for (const unsigned x : rfc_codes) listed = listed || x == code;
    cd->catalog_expected.add_reply(listed ? 1u : 0u, code);
    if (code == 250) cd->ehlo_expected.add_reply(r.value.line_count(), 250);
    in.remove_prefix(r.consumed);
  }
  return cd;
}

std::string size_label(std::size_t bytes) {
  if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + "MiB";
  if (bytes % 1024 == 0) return std::to_string(bytes >> 10) + "KiB";
  return std::to_string(bytes) + "B";
}

const char* simd_level() {
#if defined(__AVX2__)
  return "avx2";
#elif defined(SMTPREPLY_SIMD_DISPATCH_AVX2)
  return smtpreply::detail::cpu_has_avx2() ? "sse2, avx2 scan chosen at run time" : "sse2 (no avx2 on this cpu)";
#elif defined(__SSE2__)
  return "sse2";
#else
  return "scalar";
#endif
}

bool take_flag(const char* arg, const char* flag, const char** value) {
  const std::size_t len = std::strlen(flag);
  if (std::strncmp(arg, flag, len) != 0) return false;
  if (arg[len] == '=') {
    *value = arg + len + 1;
    return true;
  }
  if (arg[len] == '\0') {
    *value = "";
    return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  settings s;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const char* v = nullptr;
    if (take_flag(argv[i], "--corpus-bytes", &v)) {
      s.corpus_bytes = static_cast<std::size_t>(std::strtoull(v, nullptr, 10));
    } else if (take_flag(argv[i], "--min-time", &v)) {
      s.min_time = std::strtod(v, nullptr);
    } else if (take_flag(argv[i], "--smoke", &v)) {
      s.smoke = true;
      s.corpus_bytes = std::size_t{64} << 10;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  std::vector<std::unique_ptr<corpus_data>> corpora;
  for (const char* name : {"mixed", "short", "long", "ehlo"}) {
    corpora.push_back(prepare(name, s.corpus_bytes));
    const bench::corpus& c = corpora.back()->corpus;
    benchmark::AddCustomContext("corpus_" + c.name, std::to_string(c.data.size()) + " bytes, " +
                                                        std::to_string(c.expected.replies) + " replies, " +
                                                        std::to_string(c.expected.lines) + " lines");
    register_corpus(s, *corpora.back(), c.name, true);
  }
  // Linear cost: the same session mix at 1/128 and 1/8 of the size.
  for (std::size_t bytes : {s.corpus_bytes / 128, s.corpus_bytes / 8}) {
    corpora.push_back(prepare("mixed", bytes));
    register_corpus(s, *corpora.back(), "mixed_" + size_label(bytes), false);
  }
  {
    auto* b = benchmark::RegisterBenchmark("classify/typical_2_line", bm_classify_typical);
    b->Unit(benchmark::kNanosecond);
    if (s.smoke) {
      b->Iterations(1);
    } else {
      b->MinTime(s.min_time);
    }
  }
  benchmark::AddCustomContext("simd", simd_level());
#if defined(__clang__)
  benchmark::AddCustomContext("compiler", "clang++ " __clang_version__);
#else
  benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#endif

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g_checked += g_checked_classify;
  g_failed += g_failed_classify;
  std::fprintf(stderr, "checksums: %d passed, %d failed\n", g_checked - g_failed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
