#!/usr/bin/env bash
# Line and branch coverage of the headers, per header, by the Catch2 tests and
# the fuzz corpora: builds tests/test_*.cpp into one test program and every
# fuzz/fuzz_*.cc with its replay main (no libFuzzer), all with clang
# source-based coverage (-fprofile-instr-generate -fcoverage-mapping), runs the
# tests, replays fuzz/corpus/<target>/, merges the profiles and reports with
# llvm-cov: a table per header and the totals.
#
#   scripts/coverage.sh                          # tests + corpora: table per header + totals
#   scripts/coverage.sh --corpus-only            # the fuzz corpora alone (what fuzzing reaches)
#   scripts/coverage.sh --html                   # also build/coverage/html/index.html
#   scripts/coverage.sh --fail-under 95 90       # exit 1 when any header is below 95% lines or 90% branches
#   scripts/coverage.sh --fail-under 95 90 --bar ehlo.hpp=93/88   # a per-header exception (stated, printed)
#   scripts/coverage.sh --include DIR            # measure the headers in DIR/smtpreply instead
#   scripts/coverage.sh -j 2                     # compile jobs (default: $JOBS, else 2)
#   scripts/coverage.sh reply_parser.hpp code.hpp  # only these headers (under include/smtpreply)
#
# A corpus input that fails its target, or a failing test, is reported (the
# profile of that program is lost: abort() skips the profile writer), and the
# script exits 1.
#
# COVERAGE_DIR (default build/coverage) holds the binaries, profiles and report.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${COVERAGE_DIR:-$ROOT/build/coverage}
html=0
with_tests=1
INCLUDE=$ROOT/include
JOBS=${JOBS:-2}
min_lines=""
min_branches=""
headers=()
bars=()
while (($#)); do
  case $1 in
    --html) html=1 ;;
    --corpus-only) with_tests=0 ;;
    --fail-under) min_lines=$2; min_branches=$3; shift 2 ;;
    --bar) bars+=("$2"); shift ;;
    --bar=*) bars+=("${1#--bar=}") ;;
    --include) INCLUDE=$(cd "$2" && pwd); shift ;;
    -j) JOBS=$2; shift ;;
    -*) echo "usage: $0 [--html] [--corpus-only] [--fail-under LINES% BRANCHES%] [--bar HEADER=L/B]... [--include DIR] [-j N] [HEADER...]" >&2; exit 2 ;;
    *) headers+=("$1") ;;
  esac
  shift
done

pick() {  # the first tool that exists: versioned (Debian) or plain
  for t in "$@"; do command -v "$t" >/dev/null && { echo "$t"; return; }; done
  echo "none of: $*" >&2
  exit 1
}
CXX=$(pick clang++-14 clang++)
PROFDATA=$(pick llvm-profdata-14 llvm-profdata)
COV=$(pick llvm-cov-14 llvm-cov)

rm -rf "$DIR"
mkdir -p "$DIR/bin" "$DIR/obj" "$DIR/profiles" "$DIR/logs"
FLAGS=(-std=c++17 -O0 -g -fprofile-instr-generate -fcoverage-mapping -I"$INCLUDE")

# Every compile is one line of $DIR/jobs, run JOBS at a time.
jobs_file=$DIR/jobs
: >"$jobs_file"
compile() {  # compile NAME ARGS...: a job logging to $DIR/logs/NAME.build.log
  printf '%q ' "$1" "$CXX" "${FLAGS[@]}" "${@:2}" >>"$jobs_file"
  printf '\n' >>"$jobs_file"
}
targets=()
for src in "$ROOT"/fuzz/fuzz_*.cc; do
  name=$(basename "$src" .cc)
  targets+=("$name")
  compile "$name" "$ROOT/fuzz/replay_main.cc" "$src" -o "$DIR/bin/$name"
done
tests=()
if ((with_tests)); then
  if [ -f /usr/include/catch2/catch.hpp ] || [ -f /usr/include/catch2/catch_all.hpp ]; then
    tests=("$ROOT"/tests/test_*.cpp)
    compile main -I"$ROOT/tests" -c "$ROOT/tests/main.cpp" -o "$DIR/obj/main.o"
    for src in "${tests[@]}"; do
      name=$(basename "$src" .cpp)
      compile "$name" -I"$ROOT/tests" -DSMTPREPLY_TEST_DATA_DIR="\"$ROOT/tests/data\"" -c "$src" -o "$DIR/obj/$name.o"
    done
  else
    echo "warning: no Catch2 (catch2/catch.hpp): the tests are not measured, the corpora only" >&2
  fi
fi
run_job() {
  eval "set -- $1"
  local name=$1
  shift
  "$@" >"$DIR/logs/$name.build.log" 2>&1 || echo failed >"$DIR/logs/$name.build.failed"
}
export -f run_job
export DIR
xargs -d '\n' -P "$JOBS" -I{} bash -c 'run_job "$1"' _ {} <"$jobs_file"
build_failures=0
for f in "$DIR"/logs/*.build.failed; do
  [ -e "$f" ] || continue
  n=$(basename "$f" .build.failed)
  echo "error: building $n failed:" >&2
  tail -n 20 "$DIR/logs/$n.build.log" >&2
  build_failures=$((build_failures + 1))
done
((build_failures == 0)) || exit 1

objects=()
run_failures=0
if ((${#tests[@]})); then
  libs=()
  [ -f /usr/include/catch2/catch_all.hpp ] && libs=(-lCatch2Main -lCatch2)
  test_objs=("$DIR/obj/main.o")
  for src in "${tests[@]}"; do test_objs+=("$DIR/obj/$(basename "$src" .cpp).o"); done
  "$CXX" "${FLAGS[@]}" "${test_objs[@]}" "${libs[@]}" -o "$DIR/bin/tests"
  if ! LLVM_PROFILE_FILE="$DIR/profiles/tests.profraw" "$DIR/bin/tests" >"$DIR/logs/tests.log" 2>&1; then
    echo "warning: the tests fail (see $DIR/logs/tests.log); their coverage is missing" >&2
    run_failures=$((run_failures + 1))
  fi
  echo "tests: $(tail -n 2 "$DIR/logs/tests.log" | tr '\n' ' ')"
  objects+=(-object "$DIR/bin/tests")
fi
for name in "${targets[@]}"; do
  if ! LLVM_PROFILE_FILE="$DIR/profiles/$name.profraw" "$DIR/bin/$name" "$ROOT/fuzz/corpus/$name" \
      >"$DIR/logs/$name.replay.log" 2>&1; then
    echo "warning: $name fails on its corpus (see $DIR/logs/$name.replay.log); its coverage is missing" >&2
    run_failures=$((run_failures + 1))
  fi
  echo "$name: $(tail -n 1 "$DIR/logs/$name.replay.log")"
  objects+=(-object "$DIR/bin/$name")
done
"$PROFDATA" merge -sparse "$DIR"/profiles/*.profraw -o "$DIR/all.profdata"

# Only the library's headers count; the first -object is positional for llvm-cov.
# Inline functions a binary does not use leave empty records that llvm-cov
# reports as "mismatched data" against the binaries that do use them: harmless.
cov_args=("${objects[1]}" "${objects[@]:2}" -instr-profile "$DIR/all.profdata")
sources=()
for h in "${headers[@]}"; do sources+=("$INCLUDE/smtpreply/$h"); done
((${#sources[@]})) || sources=("$INCLUDE/smtpreply")
if ((html)); then
  "$COV" show "${cov_args[@]}" -format=html -show-branches=count -output-dir "$DIR/html" "${sources[@]}" 2> >(grep -v 'mismatched data' >&2)
  echo "html report: $DIR/html/index.html"
fi

"$COV" export -summary-only "${cov_args[@]}" "${sources[@]}" 2> >(grep -v 'mismatched data' >&2) >"$DIR/summary.json"
python3 - "$DIR/summary.json" "$INCLUDE/smtpreply/" "$min_lines" "$min_branches" "${bars[@]}" <<'PY' | tee "$DIR/report.txt"
import json, sys
data = json.load(open(sys.argv[1]))["data"][0]
prefix, min_l, min_b = sys.argv[2], sys.argv[3], sys.argv[4]
bars = {}
for b in sys.argv[5:]:
    h, lb = b.split("=")
    l, br = lb.split("/")
    bars[h] = (float(l), float(br))
def pct(s):
    return 100.0 * s["covered"] / s["count"] if s["count"] else 100.0
rows = []
for f in sorted(data["files"], key=lambda f: f["filename"]):
    name = f["filename"][len(prefix):] if f["filename"].startswith(prefix) else f["filename"]
    s = f["summary"]
    rows.append((name, s["lines"], s["branches"]))
gate = bool(min_l)
failed = 0
print(f"{'header':<24} {'lines':>16} {'branches':>16}   {'bar':<10} result")
for name, l, b in rows:
    need_l, need_b = bars.get(name, (float(min_l), float(min_b)) if gate else (0.0, 0.0))
    good = pct(l) >= need_l and pct(b) >= need_b
    failed += not good
    bar = f"{need_l:g}/{need_b:g}" + ("*" if name in bars else "") if gate else "-"
    print(f"{name:<24} {pct(l):6.2f}% {l['covered']:4}/{l['count']:<4} {pct(b):6.2f}% {b['covered']:4}/{b['count']:<4}   "
          f"{bar:<10} {'ok' if good else 'BELOW'}")
t = data["totals"]
print(f"headers: lines {pct(t['lines']):.2f}% ({t['lines']['covered']}/{t['lines']['count']}), "
      f"branches {pct(t['branches']):.2f}% ({t['branches']['covered']}/{t['branches']['count']})")
unknown = sorted(set(bars) - {r[0] for r in rows})
if unknown:
    print(f"unknown headers in --bar: {', '.join(unknown)}")
    failed += len(unknown)
if bars:
    print("* a per-header bar below the default, stated in the caller")
if gate:
    print(f"coverage: {len(rows) - failed} passed, {failed} failed (need {min_l}% lines, {min_b}% branches per header)")
    sys.exit(1 if failed else 0)
PY
((run_failures == 0))
