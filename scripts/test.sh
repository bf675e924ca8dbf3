#!/usr/bin/env bash
# Runs every test of smtpreply: C++ (gcc + ASan/UBSan, clang C++20), build
# hygiene, clang-tidy, fuzz corpus replay and bounded fuzzing, benchmarks
# smoke run, and the Python package in a fresh virtual environment.
# Run as root on a fresh Debian 12/13 machine, it installs what is missing.
#
#   scripts/test.sh            # everything
#   FUZZ_SECONDS=60 scripts/test.sh   # longer fuzzing per target
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=${JOBS:-2}
OUT=${SMTPREPLY_TEST_DIR:-$ROOT/build/test}
mkdir -p "$OUT"
. "$ROOT/scripts/lib.sh"

# ---- 1. Debian packages ----------------------------------------------------
ensure_debian_packages g++ clang libclang-rt-dev llvm catch2 libbenchmark-dev clang-tidy pkg-config

# ---- 2. Python virtual environment with the build and test tools ----------
VENV=$OUT/venv
if [ ! -x "$VENV/bin/python" ]; then
  step "creating $VENV"
  python3 -m venv "$VENV"
fi
venv_install "$VENV/bin/python" -r "$(test_requirements)"
export PATH="$VENV/bin:$PATH"

# ---- 3. C++: gcc, C++17, ASan + UBSan ---------------------------------------
step "C++ tests: g++ C++17, AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S "$ROOT" --preset debug-sanitize -B "$OUT/gcc-asan" -DCMAKE_CXX_COMPILER=g++ -DCMAKE_CXX_STANDARD=17 >/dev/null
cmake --build "$OUT/gcc-asan" -j "$JOBS"
ctest --test-dir "$OUT/gcc-asan" --output-on-failure -j "$JOBS"

# ---- 4. C++: clang, C++20, optimised -----------------------------------------
# With AVX2 where the CPU has it, so the tests run the AVX2 scan paths here
# and the SSE2 ones in the gcc build.
arch_flags=""
grep -qw avx2 /proc/cpuinfo 2>/dev/null && arch_flags="-mavx2"
step "C++ tests: clang++ C++20, -O2 $arch_flags"
cmake -S "$ROOT" --preset release -B "$OUT/clang" -DCMAKE_CXX_FLAGS="$arch_flags" -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_STANDARD=20 -DSMTPREPLY_BUILD_BENCH=OFF >/dev/null
cmake --build "$OUT/clang" -j "$JOBS"
ctest --test-dir "$OUT/clang" --output-on-failure -j "$JOBS" -E '^fuzz_run_'

# ---- 5. Every header under both compilers and both standards -------------------
step "headers: g++/clang++ x C++17/C++20, -Werror, also -fno-exceptions -fno-rtti"
checks=0
for cxx in g++ clang++; do
  for std in c++17 c++20; do
    for h in "$ROOT"/include/smtpreply/*.hpp "$ROOT"/include/smtpreply/detail/*.hpp; do
      "$cxx" -std=$std -fsyntax-only -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror \
        -fno-exceptions -fno-rtti -I"$ROOT/include" -x c++ "$h"
      checks=$((checks + 1))
    done
  done
done
echo "header checks: $checks passed, 0 failed"

# ---- 6. clang-tidy on the headers --------------------------------------------
step "clang-tidy on every header"
tidy_src=$OUT/tidy_all_headers.cpp
: >"$tidy_src"
for h in "$ROOT"/include/smtpreply/*.hpp; do echo "#include <smtpreply/$(basename "$h")>" >>"$tidy_src"; done
clang-tidy --quiet "$tidy_src" -- -std=c++17 -I"$ROOT/include"
echo "clang-tidy: 1 passed, 0 failed"

# ---- 7. Further stages (fuzzing, benchmarks, Python) -------------------------
stages=0
for stage in "$ROOT"/scripts/test.d/*.sh; do
  [ -e "$stage" ] || continue
  step "$(basename "$stage")"
  ROOT=$ROOT OUT=$OUT JOBS=$JOBS VENV=$VENV bash "$stage"
  stages=$((stages + 1))
done

step "all tests passed"
# The closing line: the C++ builds (2), header checks, clang-tidy and every stage
# (optional stages that were skipped count as passed: they said so above).
echo "test.sh: $((stages + 4)) passed, 0 failed"
