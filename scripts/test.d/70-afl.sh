#!/usr/bin/env bash
# A second fuzzing engine (issue 11 point 14): AFL++ (Debian package afl++)
# on the same targets as libFuzzer. Every fuzz/fuzz_*.cc defines
# LLVMFuzzerTestOneInput; afl-clang-fast++ with -fsanitize=fuzzer links it
# with AFL++'s own driver (libAFLDriver, persistent mode) instead of
# libFuzzer, with ASan and UBSan (AFL_USE_ASAN/AFL_USE_UBSAN). Each target is
# fuzzed for AFL_SECONDS from its committed corpus with fuzz/smtp.dict, two at
# a time; a crash or hang fails the stage and is kept in $OUT/afl/<target>/.
# New inputs stay in $OUT/afl, never in the repository.
#
# OPTIONAL (SMTPREPLY_AFL=1 or SMTPREPLY_SLOW=1): it needs afl++, and its
# fuzzing time adds to the test command's.
#
#   SMTPREPLY_AFL=1 ROOT=$PWD OUT=$PWD/build/test JOBS=2 bash scripts/test.d/70-afl.sh
#   AFL_SECONDS=300 ...        # longer runs (default 20 s per target)
#   AFL_TARGETS="fuzz_ehlo fuzz_catalog" ...   # only these
#
# Budget with the defaults: about 3-4 minutes on 2 idle cores (build, then 10 targets x 20 s, two at a
# time); measured 6.7 minutes with JOBS=1 on a busy machine.
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
JOBS=${JOBS:-2}
AFL_SECONDS=${AFL_SECONDS:-20}
. "$ROOT/scripts/lib.sh"
optional_stage SMTPREPLY_AFL "run the AFL++ campaign"
ensure_debian_packages afl++ clang || command -v afl-clang-fast++ >/dev/null || exit 1

WORK=$OUT/afl
rm -rf "$WORK"
mkdir -p "$WORK/bin" "$WORK/logs"
targets=()
if [ -n "${AFL_TARGETS:-}" ]; then
  read -r -a targets <<<"$AFL_TARGETS"
else
  for src in "$ROOT"/fuzz/fuzz_*.cc; do targets+=("$(basename "$src" .cc)"); done
fi

echo "afl: building ${#targets[@]} targets with afl-clang-fast++ (ASan, UBSan, AFL++ driver)"
build() {
  AFL_QUIET=1 AFL_USE_ASAN=1 AFL_USE_UBSAN=1 afl-clang-fast++ -std=c++17 -O1 -g -fsanitize=fuzzer \
    -I"$ROOT/include" "$ROOT/fuzz/$1.cc" -o "$WORK/bin/$1" >"$WORK/logs/$1.build.log" 2>&1 ||
    echo failed >"$WORK/logs/$1.build.failed"
}
for t in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= JOBS)); do wait -n || true; done
  build "$t" &
done
wait

fuzz() {
  local t=$1 seeds=$WORK/$1/seeds
  mkdir -p "$seeds"
  # AFL++ wants at least one seed; the corpus files, else one empty line.
  if [ -d "$ROOT/fuzz/corpus/$t" ] && [ -n "$(ls -A "$ROOT/fuzz/corpus/$t")" ]; then
    cp "$ROOT/fuzz/corpus/$t"/* "$seeds/"
  else
    printf '\n' >"$seeds/empty"
  fi
  local rc=0
  AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    AFL_SKIP_BIN_CHECK=1 AFL_IGNORE_SEED_PROBLEMS=1 \
    timeout $((AFL_SECONDS + 300)) afl-fuzz -V "$AFL_SECONDS" -m none -t 2000 -i "$seeds" -o "$WORK/$t/out" \
    -x "$ROOT/fuzz/smtp.dict" -- "$WORK/bin/$t" >"$WORK/logs/$t.log" 2>&1 || rc=$?
  echo "$rc" >"$WORK/logs/$t.rc"
}
for t in "${targets[@]}"; do
  [ -e "$WORK/logs/$t.build.failed" ] && continue
  while (($(jobs -rp | wc -l) >= JOBS)); do wait -n || true; done
  fuzz "$t" &
done
wait

printf '%-22s %12s %10s %8s %8s  %s\n' target executions exec/s corpus crashes result
for t in "${targets[@]}"; do
  if [ -e "$WORK/logs/$t.build.failed" ]; then
    bad "$t: build failed"
    tail -n 20 "$WORK/logs/$t.build.log"
    continue
  fi
  stats=$WORK/$t/out/default/fuzzer_stats
  stat() { sed -n "s/^$1[[:space:]]*: //p" "$stats" 2>/dev/null | head -n 1; }
  crashes=$(find "$WORK/$t/out/default/crashes" "$WORK/$t/out/default/hangs" -type f ! -name README.txt 2>/dev/null | wc -l)
  rc=$(cat "$WORK/logs/$t.rc" 2>/dev/null || echo missing)
  if [ "$rc" = 0 ] && [ -f "$stats" ] && [ "$crashes" = 0 ]; then
    result=ok
    passed=$((passed + 1))
  else
    result="FAILED (exit $rc)"
    failed=$((failed + 1))
  fi
  printf '%-22s %12s %10s %8s %8s  %s\n' "$t" "$(stat execs_done)" "$(stat execs_per_sec)" "$(stat corpus_count)" \
    "$crashes" "$result"
done
for t in "${targets[@]}"; do
  found=$(find "$WORK/$t/out/default/crashes" "$WORK/$t/out/default/hangs" -type f ! -name README.txt 2>/dev/null | head -n 1)
  if [ -n "$found" ]; then
    printf '\n--- %s: %s\n' "$t" "$found"
    "$WORK/bin/$t" "$found" 2>&1 | tail -n 20 || true
  elif [ "$(cat "$WORK/logs/$t.rc" 2>/dev/null || echo missing)" != 0 ]; then
    printf '\n--- %s: last lines of %s\n' "$t" "$WORK/logs/$t.log"
    tail -n 20 "$WORK/logs/$t.log"
  fi
done
summary afl
