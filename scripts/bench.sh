#!/usr/bin/env bash
# Runs the C++ benchmarks and prints one table: corpus x parser -> ns/reply,
# GB/s, share of the best limit proxy, and speed-up over each baseline.
# Writes bench/results/latest.md (the table) and bench/results/bench.png.
# The last line states the headline figures.
#
#   scripts/bench.sh                      # Release, -march=native, 3 repetitions
#   REPS=5 MIN_TIME=0.5 scripts/bench.sh  # steadier numbers
#   NATIVE=OFF scripts/bench.sh           # portable build (SSE2; the AVX2 scan chosen at run time)
#   scripts/bench.sh --benchmark_filter='^mixed/'   # extra arguments go to the binary
#   MODE=compare scripts/bench.sh         # portable build against -march=native (below)
#
# MODE=compare builds both (build/bench-release and build/bench-portable),
# runs them in turn ROUNDS times (default 2; the order alternates), each
# with REPS_COMPARE repetitions (default 5), and prints per corpus and row the median
# CPU ns/reply of each build and the portable/native ratio (issue 15: within
# 1.1x). Rows: COMPARE_FILTER (default strict, batch and chunk512 on the four
# corpora). Writes bench/results/portable.md.
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

if [ "${MODE:-}" = compare ]; then
  REPS=${REPS_COMPARE:-5}
  ROUNDS=${ROUNDS:-2}
  FILTER=${COMPARE_FILTER:-'^(mixed|short|long|ehlo)/(strict|batch|chunk512)/'}
  bins=()
  for native in ON OFF; do
    dir=$BUILD
    [ "$native" = OFF ] && dir=${BUILD_PORTABLE:-$ROOT/build/bench-portable}
    cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSMTPREPLY_BUILD_BENCH=ON \
      -DSMTPREPLY_BENCH_NATIVE="$native" -DSMTPREPLY_BUILD_TESTS=OFF -DSMTPREPLY_BUILD_FUZZ=OFF \
      -DSMTPREPLY_BUILD_EXAMPLES=OFF -DSMTPREPLY_BUILD_PYTHON=OFF -DSMTPREPLY_INSTALL=OFF >/dev/null
    cmake --build "$dir" -j "${JOBS:-1}" --target smtpreply_bench
    bins+=("$dir/bench/smtpreply_bench")
  done
  mkdir -p "$RESULTS"
  "$VENV/bin/python" - "$ROUNDS" "$REPS" "$MIN_TIME" "$FILTER" "${bins[@]}" "$@" <<'PY' | tee "$RESULTS/portable.md"
import json, statistics, subprocess, sys
rounds, reps, min_time, flt, native, portable = sys.argv[1:7]
extra = sys.argv[7:]
runs = {"native": native, "portable": portable}
times: dict[str, dict[str, list[float]]] = {}
for r in range(int(rounds)):
    for name in (["native", "portable"] if r % 2 == 0 else ["portable", "native"]):
        out = subprocess.run([runs[name], f"--min-time={min_time}", f"--benchmark_repetitions={reps}",
                              f"--benchmark_filter={flt}", "--benchmark_format=json", *extra],
                             capture_output=True, text=True, check=True).stdout
        for b in json.loads(out)["benchmarks"]:
            if b.get("run_type") != "iteration" or b.get("error_occurred"):
                continue
            row = b["run_name"].split("/min_time")[0]
            scale = {"ns": 1e0, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
            times.setdefault(row, {}).setdefault(name, []).append(b["cpu_time"] * scale / b["items"])
print(f"Portable (no -march) against -march=native: median CPU ns/reply of {rounds} x {reps} runs each")
print()
print("| row | -march=native | portable | portable / native |")
print("|---|---|---|---|")
worst = 0.0
for row, t in times.items():
    n, p = statistics.median(t["native"]), statistics.median(t["portable"])
    worst = max(worst, p / n)
    print(f"| {row} | {n:.1f} | {p:.1f} | {p / n:.2f}x |")
print()
print(f"worst portable/native: {worst:.2f}x")
PY
  exit 0
fi

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSMTPREPLY_BUILD_BENCH=ON \
  -DSMTPREPLY_BENCH_NATIVE="$NATIVE" -DSMTPREPLY_BUILD_TESTS=OFF -DSMTPREPLY_BUILD_FUZZ=OFF \
  -DSMTPREPLY_BUILD_EXAMPLES=OFF -DSMTPREPLY_BUILD_PYTHON=OFF -DSMTPREPLY_INSTALL=OFF >/dev/null
cmake --build "$BUILD" -j "${JOBS:-1}" --target smtpreply_bench

json=$BUILD/results.json
"$BUILD/bench/smtpreply_bench" --min-time="$MIN_TIME" --benchmark_repetitions="$REPS" \
  --benchmark_out="$json" --benchmark_out_format=json "$@" >"$BUILD/console.txt"
"$VENV/bin/python" "$ROOT/bench/report.py" "$json" --markdown "$RESULTS/latest.md" --png "$RESULTS/bench.png"
