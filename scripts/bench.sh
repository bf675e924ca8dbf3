#!/usr/bin/env bash
# Runs the C++ benchmarks and prints one table: corpus x parser -> ns/reply,
# GB/s, share of the best limit proxy, and speed-up over each baseline.
# Writes bench/results/latest.md (the table) and bench/results/bench.png.
# The last line states the headline figures.
#
#   scripts/bench.sh                      # Release, -march=native, 3 repetitions
#   REPS=5 MIN_TIME=0.5 scripts/bench.sh  # steadier numbers
#   NATIVE=OFF scripts/bench.sh           # portable build (SSE2 on x86-64)
#   scripts/bench.sh --benchmark_filter='^mixed/'   # extra arguments go to the binary
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-$ROOT/build/bench-release}
VENV=${VENV:-$ROOT/build/bench-venv}
REPS=${REPS:-3}
MIN_TIME=${MIN_TIME:-0.3}
NATIVE=${NATIVE:-ON}
RESULTS=$ROOT/bench/results

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check matplotlib cmake ninja
export PATH="$VENV/bin:$PATH"

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSMTPREPLY_BUILD_BENCH=ON \
  -DSMTPREPLY_BENCH_NATIVE="$NATIVE" -DSMTPREPLY_BUILD_TESTS=OFF -DSMTPREPLY_BUILD_FUZZ=OFF \
  -DSMTPREPLY_BUILD_EXAMPLES=OFF -DSMTPREPLY_BUILD_PYTHON=OFF -DSMTPREPLY_INSTALL=OFF >/dev/null
cmake --build "$BUILD" -j "${JOBS:-1}" --target smtpreply_bench

json=$BUILD/results.json
"$BUILD/bench/smtpreply_bench" --min-time="$MIN_TIME" --benchmark_repetitions="$REPS" \
  --benchmark_out="$json" --benchmark_out_format=json "$@" >"$BUILD/console.txt"
"$VENV/bin/python" "$ROOT/bench/report.py" "$json" --markdown "$RESULTS/latest.md" --png "$RESULTS/bench.png"
