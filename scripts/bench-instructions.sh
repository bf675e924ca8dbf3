#!/usr/bin/env bash
# Instructions per reply, counted by callgrind: one pass of each adapter over
# each 1 MiB corpus. Unlike times, the counts do not move with the machine's
# load, so a change to the hot path can be judged on a busy machine. The
# "x floor" column divides by the floor proxy's count on the same corpus.
#
#   scripts/bench-instructions.sh                     # every corpus and adapter
#   CORPORA="short" ADAPTERS="floor batch" scripts/bench-instructions.sh
#   ARCH=x86-64 scripts/bench-instructions.sh         # the portable build
#
# ARCH is the -march of the build: x86-64-v3 (AVX2) by default, not native,
# because valgrind does not decode AVX-512 instructions.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ARCH=${ARCH:-x86-64-v3}
BUILD=${BUILD:-$ROOT/build/bench-instructions-$ARCH}
CORPORA=${CORPORA:-mixed short long ehlo}
ADAPTERS=${ADAPTERS:-floor batch strict chunk512 feed512}
BYTES=${BYTES:-1048576}
command -v valgrind >/dev/null || { echo "bench-instructions.sh: valgrind is not installed" >&2; exit 2; }

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSMTPREPLY_BUILD_BENCH=ON \
  -DSMTPREPLY_BENCH_NATIVE=OFF -DCMAKE_CXX_FLAGS="-march=$ARCH" -DSMTPREPLY_BUILD_TESTS=OFF -DSMTPREPLY_BUILD_FUZZ=OFF \
  -DSMTPREPLY_BUILD_EXAMPLES=OFF -DSMTPREPLY_BUILD_PYTHON=OFF -DSMTPREPLY_INSTALL=OFF >/dev/null
cmake --build "$BUILD" -j "${JOBS:-2}" --target smtpreply_instructions >/dev/null
bin=$BUILD/bench/smtpreply_instructions

# The function whose instructions count, per adapter.
function_of() {
  case $1 in
    floor) echo 'bench::floor_replies*' ;;
    batch) echo 'bench::smtpreply_batch*' ;;
    strict) echo 'bench::smtpreply_whole*' ;;
    chunk*) echo 'bench::smtpreply_socket_loop*' ;;
    feed*) echo 'bench::smtpreply_chunked*' ;;
    *) echo "unknown adapter $1" >&2; exit 2 ;;
  esac
}

printf '| corpus | adapter | instructions/reply | x floor |\n|---|---|---|---|\n'
for corpus in $CORPORA; do
  floor=
  for adapter in $ADAPTERS; do
    out=$(mktemp)
    replies=$(valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
      --toggle-collect="$(function_of "$adapter")" "$bin" "$corpus" "$adapter" "$BYTES" 2>/dev/null)
    total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}')
    rm -f "$out"
    per=$(awk -v t="$total" -v r="$replies" 'BEGIN { printf "%.1f", t / r }')
    [ "$adapter" = floor ] && floor=$per
    ratio=-
    [ -n "$floor" ] && ratio=$(awk -v a="$per" -v f="$floor" 'BEGIN { printf "%.2fx", a / f }')
    printf '| %s | %s | %s | %s |\n' "$corpus" "$adapter" "$per" "$ratio"
  done
done
