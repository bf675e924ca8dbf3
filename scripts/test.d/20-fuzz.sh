#!/usr/bin/env bash
# Bounded fuzzing. Builds every fuzz/fuzz_*.cc with clang, libFuzzer, ASan
# and UBSan through fuzz/build.sh (the OSS-Fuzz entry point, so it cannot rot)
# and runs each target for FUZZ_SECONDS from its committed corpus, two at a
# time. A crash, leak, timeout, sanitizer report or property failure fails the
# stage; its reproducer is kept in $OUT/fuzz-artifacts/.
# Budget: about 3 minutes on 2 cores (build under 1 minute, then 8 targets x
# 30 s, two at a time). Longer runs: FUZZ_SECONDS=600, or scripts/fuzz-campaign.sh.
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
PARALLEL=${FUZZ_JOBS:-${JOBS:-2}}
WORK=$OUT/fuzz
BIN=$WORK/bin
ARTIFACTS=$OUT/fuzz-artifacts

# clang with libFuzzer and the sanitizer runtimes (test.sh installs them too).
. "$ROOT/scripts/lib.sh"
ensure_debian_packages clang libclang-rt-dev || command -v clang++ >/dev/null || exit 1

rm -rf "$WORK" "$ARTIFACTS"
mkdir -p "$BIN" "$WORK/corpus" "$WORK/logs" "$ARTIFACTS"

echo "building the fuzz targets (clang++, libFuzzer, ASan, UBSan)"
# Where the CPU has AVX2, fuzz the AVX2 scan paths (the replay tests in the
# ctest runs cover the SSE2 and scalar paths).
arch_flags=""
grep -qw avx2 /proc/cpuinfo 2>/dev/null && arch_flags="-mavx2"
CXX=clang++ \
  CXXFLAGS="$arch_flags -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
-fsanitize=fuzzer-no-link -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror" \
  LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=$BIN bash "$ROOT/fuzz/build.sh"

targets=()
for f in "$BIN"/fuzz_*; do
  case $f in *.dict | *.options | *.zip) continue ;; esac
  targets+=("$(basename "$f")")
done
echo "fuzzing ${#targets[@]} targets for ${FUZZ_SECONDS}s each, $PARALLEL at a time"

option() {  # option TARGET NAME: a value from fuzz/TARGET.options, if any
  local file=$ROOT/fuzz/$1.options
  [ -f "$file" ] && sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//p" "$file" | head -n 1
  return 0
}

run_target() {
  local name=$1
  local timeout  # slow-unit budget in seconds: fuzz/NAME.options, else 10
  timeout=$(option "$name" timeout)
  local args=(-max_total_time="$FUZZ_SECONDS" -timeout="${timeout:-10}" -rss_limit_mb=2560 -print_final_stats=1
    -artifact_prefix="$ARTIFACTS/$name-" -dict="$BIN/$name.dict")
  local max_len
  max_len=$(option "$name" max_len)
  [ -n "$max_len" ] && args+=(-max_len="$max_len")
  mkdir -p "$WORK/corpus/$name"  # new inputs go here, not into the repository
  local dirs=("$WORK/corpus/$name")
  [ -d "$ROOT/fuzz/corpus/$name" ] && dirs+=("$ROOT/fuzz/corpus/$name")
  local rc=0
  "$BIN/$name" "${args[@]}" "${dirs[@]}" >"$WORK/logs/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$WORK/logs/$name.rc"
}

declare -A status_of=()
for name in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= PARALLEL)); do wait -n || true; done
  run_target "$name" &
done
wait
for name in "${targets[@]}"; do status_of[$name]=$(cat "$WORK/logs/$name.rc" 2>/dev/null || echo missing); done

stat() { sed -n "s/^stat::$2:[[:space:]]*//p" "$WORK/logs/$1.log" | tail -n 1; }
passed=0
failed=0
printf '%-22s %12s %10s %8s  %s\n' target executions exec/s new result
for name in "${targets[@]}"; do
  found=$(find "$ARTIFACTS" -name "$name-*" | head -n 1)
  if [ "${status_of[$name]}" = 0 ] && [ -z "$found" ]; then
    result=ok
    passed=$((passed + 1))
  else
    result="FAILED (exit ${status_of[$name]})"
    failed=$((failed + 1))
  fi
  printf '%-22s %12s %10s %8s  %s\n' "$name" "$(stat "$name" number_of_executed_units)" \
    "$(stat "$name" average_exec_per_sec)" "$(stat "$name" new_units_added)" "$result"
done
for name in "${targets[@]}"; do
  found=$(find "$ARTIFACTS" -name "$name-*" | head -n 1)
  if [ "${status_of[$name]}" != 0 ] || [ -n "$found" ]; then
    printf '\n--- %s: last lines of %s\n' "$name" "$WORK/logs/$name.log"
    grep -v '^#[0-9]' "$WORK/logs/$name.log" | tail -n 40
    echo "reproducer: ${found:-none written}  (replay: $BIN/$name <file>)"
  fi
done
((failed == 0)) || echo "fuzz findings kept in $ARTIFACTS"
summary "fuzz targets"
