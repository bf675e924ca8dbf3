#!/usr/bin/env bash
# Line and branch coverage of the headers by the fuzz corpus: builds every
# fuzz/fuzz_*.cc with its replay main (no libFuzzer) and clang source-based
# coverage, replays fuzz/corpus/<target>/, and reports with llvm-cov.
#
#   scripts/coverage.sh                          # table per header + totals
#   scripts/coverage.sh --html                   # also build/coverage/html/index.html
#   scripts/coverage.sh --fail-under 95 90       # exit 1 below 95% lines or 90% branches
#   scripts/coverage.sh --include DIR            # measure the headers in DIR/smtpreply instead
#   scripts/coverage.sh reply_parser.hpp code.hpp  # only these headers (under include/smtpreply)
#
# A corpus input that fails its target is reported (and its target's profile
# is lost: abort() skips the profile writer), and the script exits 1.
#
# COVERAGE_DIR (default build/coverage) holds the binaries, profiles and report.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${COVERAGE_DIR:-$ROOT/build/coverage}
html=0
INCLUDE=$ROOT/include
min_lines=""
min_branches=""
headers=()
while (($#)); do
  case $1 in
    --html) html=1 ;;
    --fail-under) min_lines=$2; min_branches=$3; shift 2 ;;
    --include) INCLUDE=$(cd "$2" && pwd); shift ;;
    -*) echo "usage: $0 [--html] [--fail-under LINES% BRANCHES%] [--include DIR] [HEADER...]" >&2; exit 2 ;;
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
mkdir -p "$DIR/bin" "$DIR/profiles"
objects=()
replay_failures=0
for src in "$ROOT"/fuzz/fuzz_*.cc; do
  name=$(basename "$src" .cc)
  "$CXX" -std=c++17 -O0 -g -fprofile-instr-generate -fcoverage-mapping -I"$INCLUDE" \
    "$ROOT/fuzz/replay_main.cc" "$src" -o "$DIR/bin/$name"
  if ! LLVM_PROFILE_FILE="$DIR/profiles/$name.profraw" "$DIR/bin/$name" "$ROOT/fuzz/corpus/$name" \
      >"$DIR/$name.replay.log" 2>&1; then
    echo "warning: $name fails on its corpus (see $DIR/$name.replay.log); its coverage is missing" >&2
    replay_failures=$((replay_failures + 1))
  fi
  objects+=(-object "$DIR/bin/$name")
done
"$PROFDATA" merge -sparse "$DIR"/profiles/*.profraw -o "$DIR/corpus.profdata"

# Only the library's headers count; the first -object is positional for llvm-cov.
# Inline functions a binary does not use leave empty records that llvm-cov
# reports as "mismatched data" against the binaries that do use them: harmless.
cov_args=("${objects[@]:1}" -instr-profile "$DIR/corpus.profdata")
sources=()
for h in "${headers[@]}"; do sources+=("$INCLUDE/smtpreply/$h"); done
((${#sources[@]})) || sources=("$INCLUDE/smtpreply")
"$COV" report "${cov_args[@]}" "${sources[@]}" 2> >(grep -v 'mismatched data' >&2) | tee "$DIR/report.txt"
if ((html)); then
  "$COV" show "${cov_args[@]}" -format=html -show-branches=count -output-dir "$DIR/html" "${sources[@]}" 2> >(grep -v 'mismatched data' >&2)
  echo "html report: $DIR/html/index.html"
fi

"$COV" export -summary-only "${cov_args[@]}" "${sources[@]}" 2> >(grep -v 'mismatched data' >&2) >"$DIR/summary.json"
python3 - "$DIR/summary.json" "$min_lines" "$min_branches" <<'PY'
import json, sys
totals = json.load(open(sys.argv[1]))["data"][0]["totals"]
lines, branches = totals["lines"], totals["branches"]
print(f"headers: lines {lines['percent']:.2f}% ({lines['covered']}/{lines['count']}), "
      f"branches {branches['percent']:.2f}% ({branches['covered']}/{branches['count']})")
if sys.argv[2]:
    ok = lines["percent"] >= float(sys.argv[2]) and branches["percent"] >= float(sys.argv[3])
    print(f"coverage: {int(ok)} passed, {int(not ok)} failed (need {sys.argv[2]}% lines, {sys.argv[3]}% branches)")
    sys.exit(0 if ok else 1)
PY
((replay_failures == 0))
