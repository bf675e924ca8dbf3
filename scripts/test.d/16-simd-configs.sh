#!/usr/bin/env bash
# The scan configurations (issue 11 point 14, issue 15 point 5):
# detail/scan.hpp picks AVX2, SSE2 (with or without run-time AVX2 dispatch)
# or 8-byte SWAR at compile time, so each is a different program. This stage
# builds the fuzz targets that run the scans (the scan itself, the line and
# reply parsers, the EHLO view) and the scan unit tests (tests/test_scan.cpp:
# every kernel the build has against the plain loop, at every alignment and
# length 0..300) with clang, ASan and UBSan, once per configuration:
#
#   scalar    -DSMTPREPLY_NO_SIMD                        SWAR and byte loops only
#   sse2      -mno-avx2 -DSMTPREPLY_NO_RUNTIME_DISPATCH  the x86-64 baseline alone
#   dispatch  -mno-avx2                                  SSE2, AVX2 chosen at run time
#                                                        (what wheels and distributions run)
#   avx2      -mavx2                                     only where the CPU has AVX2
#
# and replays every committed corpus under each. A probe checks that each
# build really has the scan it is named after (detail::scan_vector_bytes:
# 8, 16, 16, 32; detail::scan_path). The ctest runs cover the dispatching
# build (gcc) and AVX2 (clang with -mavx2) for the C++ tests; 15-m32.sh
# covers 32-bit and 60-cross.sh NEON on aarch64 under qemu.
#
#   SMTPREPLY_SIMD_CONFIGS=0   skip this stage
#
# Budget: about 2 minutes on 2 idle cores.
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
JOBS=${JOBS:-2}
. "$ROOT/scripts/lib.sh"
if [ "${SMTPREPLY_SIMD_CONFIGS:-1}" = 0 ]; then
  echo "simd configs: skipped (SMTPREPLY_SIMD_CONFIGS=0)"
  exit 0
fi
ensure_debian_packages clang libclang-rt-dev || command -v clang++ >/dev/null || exit 1
case $(uname -m) in x86_64 | amd64) ;; *)
  echo "simd configs: not x86-64 ($(uname -m)): scalar only"
  ;;
esac

WORK=$OUT/simd-configs
rm -rf "$WORK"
mkdir -p "$WORK/logs"
TARGETS=(fuzz_scan fuzz_line fuzz_reply_strict fuzz_reply_lenient fuzz_ehlo)
declare -A FLAGS_OF=([scalar]="-DSMTPREPLY_NO_SIMD" [sse2]="-mno-avx2 -DSMTPREPLY_NO_RUNTIME_DISPATCH"
  [dispatch]="-mno-avx2" [avx2]="-mavx2")
declare -A PROBE_OF=([scalar]="8 swar" [sse2]="16 sse2" [dispatch]="16 sse2+avx2-dispatch" [avx2]="32 avx2")
configs=(scalar)
if [ "$(uname -m)" = x86_64 ]; then
  configs+=(sse2 dispatch)
  if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then configs+=(avx2); else echo "simd configs: no AVX2 on this CPU, avx2 skipped"; fi
fi
CXXFLAGS_COMMON=(-std=c++17 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror -I"$ROOT/include")

jobs_file=$WORK/jobs
: >"$jobs_file"
printf '#include <smtpreply/detail/scan.hpp>\n#include <cstdio>\nint main() { std::printf("%%u %%s\\n", smtpreply::detail::scan_vector_bytes, smtpreply::detail::scan_path); }\n' \
  >"$WORK/probe.cpp"
for c in "${configs[@]}"; do
  mkdir -p "$WORK/$c"
  # shellcheck disable=SC2086  # FLAGS_OF holds a flag list
  printf '%q ' probe-$c clang++ "${CXXFLAGS_COMMON[@]}" ${FLAGS_OF[$c]} "$WORK/probe.cpp" -o "$WORK/$c/probe" >>"$jobs_file"
  printf '\n' >>"$jobs_file"
  # shellcheck disable=SC2086
  printf '%q ' "$c-test_scan" clang++ "${CXXFLAGS_COMMON[@]}" ${FLAGS_OF[$c]} -I"$ROOT/tests" "$ROOT/tests/main.cpp" \
    "$ROOT/tests/test_scan.cpp" -o "$WORK/$c/test_scan" >>"$jobs_file"
  printf '\n' >>"$jobs_file"
  for t in "${TARGETS[@]}"; do
    # shellcheck disable=SC2086
    printf '%q ' "$c-$t" clang++ "${CXXFLAGS_COMMON[@]}" ${FLAGS_OF[$c]} "$ROOT/fuzz/replay_main.cc" "$ROOT/fuzz/$t.cc" \
      -o "$WORK/$c/$t" >>"$jobs_file"
    printf '\n' >>"$jobs_file"
  done
done
run_job() {
  eval "set -- $1"
  local name=$1
  shift
  "$@" >"$WORK/logs/$name.build.log" 2>&1 || echo failed >"$WORK/logs/$name.build.failed"
}
export -f run_job
export WORK
xargs -d '\n' -P "$JOBS" -I{} bash -c 'run_job "$1"' _ {} <"$jobs_file"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
for c in "${configs[@]}"; do
  if [ -e "$WORK/logs/probe-$c.build.failed" ]; then
    bad "$c: probe does not build"
    tail -n 20 "$WORK/logs/probe-$c.build.log"
  elif [ "$("$WORK/$c/probe")" = "${PROBE_OF[$c]}" ]; then
    ok "$c: scan_vector_bytes, scan_path = ${PROBE_OF[$c]}"
  else
    bad "$c: scan_vector_bytes, scan_path = $("$WORK/$c/probe"), expected ${PROBE_OF[$c]}"
  fi
  if [ -e "$WORK/logs/$c-test_scan.build.failed" ]; then
    bad "$c test_scan: build failed"
    tail -n 20 "$WORK/logs/$c-test_scan.build.log"
  elif "$WORK/$c/test_scan" >"$WORK/logs/$c-test_scan.log" 2>&1; then
    ok "$c test_scan: $(grep -E 'All tests passed|test cases' "$WORK/logs/$c-test_scan.log" | tail -n 1)"
  else
    bad "$c test_scan: failed (see $WORK/logs/$c-test_scan.log)"
    tail -n 30 "$WORK/logs/$c-test_scan.log"
  fi
  for t in "${TARGETS[@]}"; do
    if [ -e "$WORK/logs/$c-$t.build.failed" ]; then
      bad "$c $t: build failed"
      tail -n 20 "$WORK/logs/$c-$t.build.log"
      continue
    fi
    if "$WORK/$c/$t" "$ROOT/fuzz/corpus/$t" >"$WORK/logs/$c-$t.replay.log" 2>&1; then
      ok "$c $t: $(tail -n 1 "$WORK/logs/$c-$t.replay.log")"
    else
      bad "$c $t: replay failed (see $WORK/logs/$c-$t.replay.log)"
      grep -v '^replay ' "$WORK/logs/$c-$t.replay.log" | tail -n 20
    fi
  done
done
summary "simd configs"
