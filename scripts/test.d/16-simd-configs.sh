#!/usr/bin/env bash
# The scan configurations (issue 11 point 14): detail/scan.hpp picks AVX2,
# SSE2 or 8-byte SWAR at compile time, so each is a different program. This
# stage builds the fuzz targets that run the scans (the scan itself, the line
# and reply parsers, the EHLO view) three times with clang, ASan and UBSan:
#
#   scalar  -DSMTPREPLY_NO_SIMD   SWAR and byte loops only
#   sse2    -mno-avx2             the x86-64 baseline
#   avx2    -mavx2                only where the CPU has AVX2
#
# and replays every committed corpus under each. A probe checks that each
# build really has the scan width it is named after
# (detail::scan_vector_bytes: 8, 16, 32). The ctest runs cover SSE2 (gcc) and
# AVX2 (clang with -mavx2) for the C++ tests; 15-m32.sh covers 32-bit.
#
#   SMTPREPLY_SIMD_CONFIGS=0   skip this stage
#
# Budget: about 1 minute on 2 idle cores.
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
declare -A FLAGS_OF=([scalar]="-DSMTPREPLY_NO_SIMD" [sse2]="-mno-avx2" [avx2]="-mavx2")
declare -A WIDTH_OF=([scalar]=8 [sse2]=16 [avx2]=32)
configs=(scalar)
if [ "$(uname -m)" = x86_64 ]; then
  configs+=(sse2)
  if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then configs+=(avx2); else echo "simd configs: no AVX2 on this CPU, avx2 skipped"; fi
fi
CXXFLAGS_COMMON=(-std=c++17 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror -I"$ROOT/include")

jobs_file=$WORK/jobs
: >"$jobs_file"
printf '#include <smtpreply/detail/scan.hpp>\n#include <cstdio>\nint main() { std::printf("%%u\\n", smtpreply::detail::scan_vector_bytes); }\n' \
  >"$WORK/probe.cpp"
for c in "${configs[@]}"; do
  mkdir -p "$WORK/$c"
  # shellcheck disable=SC2086  # FLAGS_OF holds a flag list
  printf '%q ' probe-$c clang++ "${CXXFLAGS_COMMON[@]}" ${FLAGS_OF[$c]} "$WORK/probe.cpp" -o "$WORK/$c/probe" >>"$jobs_file"
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
  elif [ "$("$WORK/$c/probe")" = "${WIDTH_OF[$c]}" ]; then
    ok "$c: scan_vector_bytes = ${WIDTH_OF[$c]}"
  else
    bad "$c: scan_vector_bytes = $("$WORK/$c/probe"), expected ${WIDTH_OF[$c]}"
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
