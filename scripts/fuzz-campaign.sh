#!/usr/bin/env bash
# Long local fuzzing campaigns and corpus minimisation.
#
#   scripts/fuzz-campaign.sh [-t SECONDS] [-j WORKERS] [TARGET...]
#       fuzz each target (default: all) for SECONDS (default 600) with WORKERS
#       parallel processes (default 2) sharing one working corpus in
#       build/fuzz-campaign/corpus/<target>, seeded from fuzz/corpus/<target>.
#   scripts/fuzz-campaign.sh --merge [TARGET...]
#       minimise: keep fuzz/corpus/<target>/ and add from the working corpus only
#       the inputs that reach new coverage (libFuzzer -merge=1), ready to commit.
#   scripts/fuzz-campaign.sh --cmin [TARGET...]
#       rebuild fuzz/corpus/<target>/ from scratch as the smallest set covering
#       what the named seeds and the working corpus cover (named seeds first).
#
# Findings go to build/fuzz-campaign/artifacts/. Reproduce one with
#   build/fuzz-campaign/bin/<target> <file>        (prints the input as \xNN)
# and keep it as a regression: copy it into fuzz/corpus/<target>/ under a
# descriptive name, so ctest replays it on every run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${FUZZ_CAMPAIGN_DIR:-$ROOT/build/fuzz-campaign}
seconds=600
workers=2
mode=fuzz
targets=()
while (($#)); do
  case $1 in
    -t) seconds=$2; shift ;;
    -j) workers=$2; shift ;;
    --merge) mode=merge ;;
    --cmin) mode=cmin ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    *) targets+=("$1") ;;
  esac
  shift
done

BIN=$DIR/bin
mkdir -p "$BIN" "$DIR/corpus" "$DIR/artifacts" "$DIR/logs"
CXX=${CXX:-clang++} \
  CXXFLAGS=${CXXFLAGS:-"-O2 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link"} \
  LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:--fsanitize=fuzzer} OUT=$BIN bash "$ROOT/fuzz/build.sh"
if ((${#targets[@]} == 0)); then
  for f in "$BIN"/fuzz_*; do
    case $f in *.dict | *.options | *.zip) ;; *) targets+=("$(basename "$f")") ;; esac
  done
fi

max_len() {
  local file=$ROOT/fuzz/$1.options
  [ -f "$file" ] && sed -n 's/^[[:space:]]*max_len[[:space:]]*=[[:space:]]*//p' "$file" | head -n 1
  return 0
}

for t in "${targets[@]}"; do
  seeds=$ROOT/fuzz/corpus/$t
  work=$DIR/corpus/$t
  mkdir -p "$seeds" "$work"
  len=$(max_len "$t")
  extra=()
  [ -n "$len" ] && extra+=(-max_len="$len")
  case $mode in
    fuzz)
      echo "fuzzing $t for ${seconds}s with $workers workers"
      "$BIN/$t" -max_total_time="$seconds" -jobs="$workers" -workers="$workers" -timeout=10 \
        -dict="$BIN/$t.dict" -artifact_prefix="$DIR/artifacts/$t-" -print_final_stats=1 "${extra[@]}" \
        "$work" "$seeds" >"$DIR/logs/$t.log" 2>&1 || echo "$t: finding(s), see $DIR/artifacts and $DIR/logs/$t.log"
      ;;
    merge)
      before=$(find "$seeds" -type f | wc -l)
      "$BIN/$t" -merge=1 "${extra[@]}" "$seeds" "$work" >"$DIR/logs/$t.merge.log" 2>&1
      echo "$t: $before -> $(find "$seeds" -type f | wc -l) corpus files"
      ;;
    cmin)
      fresh=$DIR/cmin/$t
      rm -rf "$fresh"
      mkdir -p "$fresh"
      # Named seeds and regressions stay as they are; SHA-1 names are fuzzer finds.
      find "$seeds" -maxdepth 1 -type f ! -regex '.*/[0-9a-f]\{40\}' -exec cp {} "$fresh"/ \;
      "$BIN/$t" -merge=1 "${extra[@]}" "$fresh" "$seeds" "$work" >"$DIR/logs/$t.cmin.log" 2>&1
      rm -rf "$seeds"
      mv "$fresh" "$seeds"
      echo "$t: $(find "$seeds" -type f | wc -l) corpus files"
      ;;
  esac
done
