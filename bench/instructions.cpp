// One pass of one adapter over one generated corpus, for callgrind:
// instruction counts do not move with the machine's load, unlike time.
// scripts/bench-instructions.sh runs it under callgrind for every corpus and
// adapter and prints instructions per reply.
//
//   smtpreply_instructions CORPUS ADAPTER [BYTES]
//   CORPUS: mixed | short | long | ehlo
//   ADAPTER: floor | batch | strict | chunkN (the README's socket loop, N-byte
//            reads) | feedN (feed() per reply on N-byte reads, no copy)
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "adapters.hpp"
#include "baselines.hpp"
#include "corpus.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s CORPUS ADAPTER [BYTES]\n", argv[0]);
    return 2;
  }
  const std::string adapter = argv[2];
  const std::size_t bytes = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : std::size_t{1} << 20;
  const bench::corpus corpus = bench::make_corpus(argv[1], bytes);
  const std::string_view in = corpus.data;
  bench::checksum c;
  if (adapter == "floor") {
    c = bench::floor_replies(in);
  } else if (adapter == "batch") {
    c = bench::smtpreply_batch(in, smtpreply::parse_options{});
  } else if (adapter == "strict") {
    c = bench::smtpreply_whole(in, smtpreply::parse_options{});
  } else if (adapter.rfind("chunk", 0) == 0) {
    c = bench::smtpreply_socket_loop(in, std::strtoull(adapter.c_str() + 5, nullptr, 10));
  } else if (adapter.rfind("feed", 0) == 0) {
    c = bench::smtpreply_chunked(in, std::strtoull(adapter.c_str() + 4, nullptr, 10));
  } else {
    std::fprintf(stderr, "unknown adapter %s\n", adapter.c_str());
    return 2;
  }
  if (c != corpus.expected) {
    std::fprintf(stderr, "checksum mismatch\n");
    return 1;
  }
  std::printf("%llu\n", static_cast<unsigned long long>(c.replies));
  return 0;
}
