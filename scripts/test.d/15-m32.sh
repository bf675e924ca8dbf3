#!/usr/bin/env bash
# 32-bit build (i386, 32-bit size_t) of the C++ tests and of every fuzz
# target's corpus replay, under AddressSanitizer and UBSan: size_t
# arithmetic that wraps only when size_t has 32 bits (issue 11 defect 3:
# start + limit with a limit near 2^32) fails here and nowhere else.
#
# Compiler: g++ -m32 when it works (g++-multilib), else the Debian cross
# compiler i686-linux-gnu-g++ (run through its own loader). As root, with
# neither, installs g++-i686-linux-gnu: not g++-multilib, which conflicts with
# the Debian cross compilers (installing one removes the other).
#
#   SMTPREPLY_M32=0       skip this stage
#   M32_TESTS="test_reply_parser test_enhanced"   only these tests/*.cpp (default: all)
#
# Budget: about 2 minutes on 2 idle cores (-O0: compiling is most of the time).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
JOBS=${JOBS:-2}
if [ "${SMTPREPLY_M32:-1}" = 0 ]; then
  echo "m32: skipped (SMTPREPLY_M32=0)"
  exit 0
fi
WORK=$OUT/m32
rm -rf "$WORK"
mkdir -p "$WORK/obj" "$WORK/inc" "$WORK/logs"

probe=$WORK/probe.cpp
printf '#include <string>\nint main() { return sizeof(std::size_t) == 4 ? 0 : 1; }\n' >"$probe"
pick_compiler() {
  if g++ -m32 -o "$WORK/probe" "$probe" 2>/dev/null && "$WORK/probe"; then
    CXX=(g++ -m32)
    RUN=()
  elif command -v i686-linux-gnu-g++ >/dev/null && [ -x /usr/i686-linux-gnu/lib/ld-linux.so.2 ]; then
    CXX=(i686-linux-gnu-g++)
    RUN=(/usr/i686-linux-gnu/lib/ld-linux.so.2 --library-path /usr/i686-linux-gnu/lib)
  else
    return 1
  fi
}
if ! pick_compiler; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++-i686-linux-gnu >/dev/null
  fi
  pick_compiler || {
    echo "m32: no 32-bit compiler (run as root to install g++-i686-linux-gnu, or SMTPREPLY_M32=0 to skip)" >&2
    exit 1
  }
fi
echo "m32: ${CXX[*]}"

# The cross compiler does not search /usr/include: give it the two
# third-party headers the tests need, and nothing else from the host.
[ -f /usr/include/catch2/catch.hpp ] && ln -s /usr/include/catch2 "$WORK/inc/catch2"
fdp=$(ls /usr/lib/llvm-*/lib/clang/*/include/fuzzer/FuzzedDataProvider.h 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$fdp" ]; then
  mkdir -p "$WORK/inc/fuzzer"
  ln -s "$fdp" "$WORK/inc/fuzzer/FuzzedDataProvider.h"
fi

FLAGS=(-std=c++17 -O0 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  -isystem "$WORK/inc" -I"$ROOT/include" -I"$ROOT/tests" -DSMTPREPLY_TEST_DATA_DIR=\"$ROOT/tests/data\")
WARN=(-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

# One compile per line of $WORK/jobs, JOBS at a time; a failure is kept in its log.
jobs_file=$WORK/jobs
: >"$jobs_file"
compile() {  # compile NAME ARGS...: a job that writes $WORK/logs/NAME.log
  printf '%q ' "$1" "${CXX[@]}" "${@:2}" >>"$jobs_file"
  printf '\n' >>"$jobs_file"
}

tests=()
if [ -f /usr/include/catch2/catch.hpp ]; then
  if [ -n "${M32_TESTS:-}" ]; then
    for t in $M32_TESTS; do tests+=("$ROOT/tests/$t.cpp"); done
  else
    tests=("$ROOT"/tests/test_*.cpp)
  fi
  compile main "${FLAGS[@]}" -c "$ROOT/tests/main.cpp" -o "$WORK/obj/main.o"
  for src in "${tests[@]}"; do
    name=$(basename "$src" .cpp)
    compile "$name" "${FLAGS[@]}" "${WARN[@]}" -c "$src" -o "$WORK/obj/$name.o"
  done
else
  echo "m32: no Catch2 v2 single header (catch2/catch.hpp): C++ tests skipped, corpus replays only"
fi
targets=()
if [ -n "$fdp" ]; then
  for src in "$ROOT"/fuzz/fuzz_*.cc; do
    name=$(basename "$src" .cc)
    targets+=("$name")
    compile "$name" "${FLAGS[@]}" "${WARN[@]}" "$ROOT/fuzz/replay_main.cc" "$src" -o "$WORK/$name"
  done
else
  echo "m32: no fuzzer/FuzzedDataProvider.h (install clang): corpus replays skipped"
fi

run_job() {
  eval "set -- $1"
  local name=$1
  shift
  "$@" >"$WORK/logs/$name.log" 2>&1 || echo "compile failed: $name" >>"$WORK/logs/$name.log.failed"
}
export -f run_job
export WORK
xargs -d '\n' -P "$JOBS" -I{} bash -c 'run_job "$1"' _ {} <"$jobs_file"

passed=0
failed=0
report() {  # report NAME STATUS
  if [ "$2" = 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf '\n--- m32 %s failed; last lines of %s\n' "$1" "$WORK/logs/$1.log"
    tail -n 30 "$WORK/logs/$1.log"
  fi
}
for f in "$WORK"/logs/*.log.failed; do
  [ -e "$f" ] || continue
  report "$(basename "$f" .log.failed)" 1
done

if ((${#tests[@]})) && [ ! -e "$WORK/logs/main.log.failed" ]; then
  objs=("$WORK/obj/main.o")
  for src in "${tests[@]}"; do objs+=("$WORK/obj/$(basename "$src" .cpp).o"); done
  if "${CXX[@]}" "${FLAGS[@]}" -o "$WORK/tests" "${objs[@]}" >"$WORK/logs/link.log" 2>&1; then
    rc=0
    "${RUN[@]}" "$WORK/tests" >"$WORK/logs/tests.log" 2>&1 || rc=$?
    tail -n 2 "$WORK/logs/tests.log"
    report tests "$rc"
  else
    report link 1
  fi
fi
for name in "${targets[@]}"; do
  [ -e "$WORK/logs/$name.log.failed" ] && continue
  rc=0
  "${RUN[@]}" "$WORK/$name" "$ROOT/fuzz/corpus/$name" >"$WORK/logs/replay_$name.log" 2>&1 || rc=$?
  echo "$name: $(tail -n 1 "$WORK/logs/replay_$name.log")"
  report "replay_$name" "$rc"
done
echo "m32: $passed passed, $failed failed"
((failed == 0))
