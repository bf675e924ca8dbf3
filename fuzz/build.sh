#!/bin/bash -eu
# Builds every fuzz target the OSS-Fuzz / ClusterFuzzLite way, so the project
# can be submitted unchanged: the service's build.sh only has to call this.
#
#   $CXX, $CXXFLAGS      compiler and flags (sanitizers, coverage) chosen by the service
#   $LIB_FUZZING_ENGINE  link flags of the engine (e.g. -fsanitize=fuzzer)
#   $OUT                 where fuzzers, <target>.dict, <target>.options and
#                        <target>_seed_corpus.zip go
#   $SRC                 optional; the repository is found from this script
#
# Locally (what scripts/test.d/20-fuzz.sh does):
#   CXX=clang++ CXXFLAGS="-O1 -g -fsanitize=address,undefined,fuzzer-no-link" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/fuzzers fuzz/build.sh
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${CXX:?}" "${OUT:?}" "${LIB_FUZZING_ENGINE:?}"
CXXFLAGS=${CXXFLAGS:-}
mkdir -p "$OUT"

zip_dir() {  # zip_dir DIR ZIP: the files of DIR, flat
  if command -v zip >/dev/null; then
    (cd "$1" && zip -q -j "$2" ./*)
  else
    python3 - "$1" "$2" <<'PY'
import pathlib, sys, zipfile
src, dst = pathlib.Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(dst, "w") as z:
    for f in sorted(p for p in src.iterdir() if p.is_file()):
        z.write(f, f.name)
PY
  fi
}

# One binary per fuzz/fuzz_*.cc: nothing to register by hand.
for src in "$ROOT"/fuzz/fuzz_*.cc; do
  name=$(basename "$src" .cc)
  # shellcheck disable=SC2086  # the flag variables are lists
  $CXX $CXXFLAGS -std=c++17 -I"$ROOT/include" "$src" -o "$OUT/$name" $LIB_FUZZING_ENGINE
  cp "$ROOT/fuzz/smtp.dict" "$OUT/$name.dict"
  if [ -f "$ROOT/fuzz/$name.options" ]; then cp "$ROOT/fuzz/$name.options" "$OUT/$name.options"; fi
  corpus=$ROOT/fuzz/corpus/$name
  rm -f "$OUT/${name}_seed_corpus.zip"
  if [ -d "$corpus" ] && [ -n "$(ls -A "$corpus")" ]; then zip_dir "$corpus" "$OUT/${name}_seed_corpus.zip"; fi
done
