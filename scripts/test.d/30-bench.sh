#!/usr/bin/env bash
# Benchmarks smoke run: builds the Google Benchmark binary (Release, the
# SIMD this CPU has) and runs every adapter once on small corpora, so that
# each one's checksum is verified; any mismatch fails the stage. No timing
# is judged here. Budget: under 2 minutes on 2 cores (mostly the build).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
JOBS=${JOBS:-2}
BUILD=$OUT/bench

. "$ROOT/scripts/lib.sh"
if ! ensure_debian_packages libbenchmark-dev; then
  echo "0 passed, 1 failed"
  exit 1
fi

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSMTPREPLY_BUILD_BENCH=ON \
  -DSMTPREPLY_BENCH_NATIVE=ON -DSMTPREPLY_BUILD_TESTS=OFF -DSMTPREPLY_BUILD_FUZZ=OFF \
  -DSMTPREPLY_BUILD_EXAMPLES=OFF -DSMTPREPLY_BUILD_PYTHON=OFF -DSMTPREPLY_INSTALL=OFF >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target smtpreply_bench

# --smoke: 64 KiB corpora, one iteration per adapter. The binary exits 1 on
# any checksum mismatch and ends with "checksums: N passed, M failed".
status=0
"$BUILD/bench/smtpreply_bench" --smoke >"$BUILD/smoke.txt" 2>"$BUILD/smoke.err" || status=$?
summary=$(grep '^checksums:' "$BUILD/smoke.err" || true)
if [ "$status" != 0 ] || [ -z "$summary" ]; then
  cat "$BUILD/smoke.txt" "$BUILD/smoke.err" >&2
  if [ -n "$summary" ]; then echo "${summary#checksums: }"; else echo "0 passed, 1 failed"; fi
  exit 1
fi
printf 'benchmarks run: %s\n' "$(grep -c '/iterations:1 ' "$BUILD/smoke.txt")"
echo "${summary#checksums: }"
