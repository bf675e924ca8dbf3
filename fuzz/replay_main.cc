// A main() for the fuzz targets without libFuzzer (any compiler): runs every
// file named on the command line, and every file in every directory named,
// through LLVMFuzzerTestOneInput once. ctest uses it to replay
// fuzz/corpus/<target>/ as regression tests under ASan and UBSan.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// The slow-unit budget: one input may take at most this long (milliseconds;
// SMTPREPLY_SLOW_UNIT_MS overrides it, 0 turns it off). Every target is
// linear in its input, so a slow unit is a bug (issue 11: an EHLO reply took
// 6.5 s per run under ASan), not bad luck.
double budget_ms() {
  const char* env = std::getenv("SMTPREPLY_SLOW_UNIT_MS");
  return env != nullptr ? std::atof(env) : 2000.0;
}

double slowest_ms = 0;
std::string slowest_name;

int run_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.string().c_str());
    return 1;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // An exact-size copy, so AddressSanitizer catches a read past the end.
  std::vector<std::uint8_t> exact(bytes.begin(), bytes.end());
  std::printf("replay %s (%zu bytes)\n", path.string().c_str(), exact.size());
  std::fflush(stdout);  // name the input before a crash can hide it
  const auto start = std::chrono::steady_clock::now();
  LLVMFuzzerTestOneInput(exact.data(), exact.size());
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (ms > slowest_ms) {
    slowest_ms = ms;
    slowest_name = path.string();
  }
  const double budget = budget_ms();
  if (budget > 0 && ms > budget) {
    std::printf("slow unit: %s took %.0f ms, over the budget of %.0f ms (SMTPREPLY_SLOW_UNIT_MS)\n",
                path.string().c_str(), ms, budget);
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t runs = 1;
  int failures = 0;
  static const std::uint8_t nothing = 0;
  LLVMFuzzerTestOneInput(&nothing, 0);  // the empty input, always
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        failures += run_file(f);
        ++runs;
      }
    } else if (std::filesystem::exists(arg, ec)) {
      failures += run_file(arg);
      ++runs;
    } else {
      std::printf("%s: no such corpus, nothing to replay from it\n", argv[i]);
    }
  }
  if (!slowest_name.empty()) std::printf("slowest unit: %s, %.1f ms\n", slowest_name.c_str(), slowest_ms);
  std::printf("%zu passed, %d failed\n", runs - static_cast<std::size_t>(failures), failures);
  return failures == 0 ? 0 : 1;
}
