#!/usr/bin/env bash
# OPTIONAL (SMTPREPLY_CROSS=1 or SMTPREPLY_SLOW=1): the C++ test suite on
# other architectures, built with Debian's cross compilers and run under
# qemu-user (docs/portability.md):
#   aarch64  aarch64-linux-gnu-g++, run by qemu-aarch64 (the NEON scan
#            kernels, checked to be the ones compiled in)
#   i686     i686-linux-gnu-g++ -m32 (g++-multilib conflicts with the aarch64
#            cross compiler in Debian, so the 32-bit build uses the i686 one),
#            run natively where the kernel runs 32-bit code, else qemu-i386
# For each: the Catch2 suite, the zero-allocation check, the no-exceptions /
# no-RTTI build, every header alone with -fno-exceptions -fno-rtti, and every
# fuzz target replaying its committed corpus. Statically linked, so no
# foreign loader or libraries are needed at run time.
# Catch2: Debian 12's v2 is one header, used as is; Debian 13's v3 is a
# compiled library: its headers plus the foreign architecture's libCatch2
# (multiarch catch2:arm64 / catch2:i386).
#   SMTPREPLY_CROSS=1 ROOT=$PWD OUT=$PWD/build/test bash scripts/test.d/60-cross.sh [aarch64] [i686]
# Budget: about 4 minutes per architecture on 2 cores.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=${OUT:-$ROOT/build/test}
JOBS=${JOBS:-2}
. "$ROOT/scripts/lib.sh"
optional_stage SMTPREPLY_CROSS "run the aarch64 and 32-bit x86 tests"
arches=("$@")
((${#arches[@]})) || arches=(aarch64 i686)
W=$OUT/cross
mkdir -p "$W"

ensure_debian_packages qemu-user catch2 clang  # clang: fuzzer/FuzzedDataProvider.h for the replays

# FuzzedDataProvider.h, copied alone (the rest of clang's headers would break g++).
fdp=$(ls -d /usr/lib/llvm-*/lib/clang/*/include/fuzzer/FuzzedDataProvider.h 2>/dev/null | sort -V | tail -n 1)
mkdir -p "$W/fdp/fuzzer"
[ -n "$fdp" ] && cp "$fdp" "$W/fdp/fuzzer/"

# Catch2 headers in a directory of their own (never -I/usr/include for a cross compiler).
rm -rf "$W/catch2"
mkdir -p "$W/catch2"
cp -r /usr/include/catch2 "$W/catch2/"
catch_v3=0
[ -f /usr/include/catch2/catch_all.hpp ] && catch_v3=1

run_arch() {
  local arch=$1 triplet cxx debarch qemu runner=() flags=()
  case $arch in
    aarch64) triplet=aarch64-linux-gnu debarch=arm64 cxx=aarch64-linux-gnu-g++ qemu=qemu-aarch64 runner=(qemu-aarch64) ;;
    i686) triplet=i686-linux-gnu debarch=i386 cxx=i686-linux-gnu-g++ qemu=qemu-i386 flags=(-m32) ;;
    *) bad "unknown architecture $arch"; return ;;
  esac
  ensure_debian_packages "g++-$triplet" || { bad "$arch: no cross compiler"; return; }
  local B=$W/$arch catch_libs=()
  rm -rf "$B"
  mkdir -p "$B/obj"
  if ((catch_v3)); then
    if ! dpkg --print-foreign-architectures | grep -qx "$debarch"; then
      dpkg --add-architecture "$debarch"
    fi
    ensure_debian_packages "catch2:$debarch" || { bad "$arch: catch2:$debarch"; return; }
    catch_libs=("/usr/lib/$triplet/libCatch2Main.a" "/usr/lib/$triplet/libCatch2.a")
  fi
  if [ "$arch" = i686 ]; then
    printf 'int main() { return 0; }\n' >"$B/probe.cpp"
    "$cxx" -m32 -static "$B/probe.cpp" -o "$B/probe"
    "$B/probe" 2>/dev/null || runner=(qemu-i386)
  fi
  local warn=(-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
  local common=("${flags[@]}" -std=c++17 -O1 -g0 "${warn[@]}" -I"$ROOT/include")
  echo "--- $arch: $("$cxx" --version | head -n 1); running with ${runner[*]:-the native kernel}"

  # Every header alone, without exceptions and RTTI.
  local hfail=0
  while read -r h; do
    printf '#include <%s>\n' "$h" >"$B/header.cpp"
    "$cxx" "${common[@]}" -fno-exceptions -fno-rtti -fsyntax-only "$B/header.cpp" || { echo "$h" >&2; hfail=1; }
  done < <(cd "$ROOT/include" && find smtpreply -name '*.hpp' | LC_ALL=C sort)
  if ((hfail == 0)); then ok "$arch: every header alone with -fno-exceptions -fno-rtti"; else bad "$arch: headers"; fi

  # The scan kernel the build runs (detail::scan_path): NEON on aarch64, the
  # SWAR loops on i686 (no SSE2 there by default). The Catch2 suite asserts
  # the same and compares every kernel with the plain loop.
  local want_path got_path
  case $arch in aarch64) want_path=neon ;; *) want_path=swar ;; esac
  printf '#include <smtpreply/detail/scan.hpp>\n#include <cstdio>\nint main() { std::puts(smtpreply::detail::scan_path); }\n' \
    >"$B/scan_path.cpp"
  if "$cxx" "${common[@]}" -static "$B/scan_path.cpp" -o "$B/scan_path" &&
    got_path=$("${runner[@]}" "$B/scan_path") && [ "$got_path" = "$want_path" ]; then
    ok "$arch: scan path $got_path"
  else
    bad "$arch: scan path ${got_path:-?}, expected $want_path"
  fi

  # The Catch2 suite, two compiles at a time.
  # Every source must compile: a file that does not would otherwise just be
  # left out of the link (test_classify.cpp was, for want of its data path).
  local srcs=("$ROOT/tests/main.cpp" "$ROOT"/tests/test_*.cpp)
  printf '%s\n' "${srcs[@]}" | xargs -P "$JOBS" -I{} sh -c \
    'exec "$0" "$@" -c "{}" -o "'"$B"'/obj/$(basename "{}").o"' "$cxx" "${common[@]}" -I"$ROOT/tests" -I"$W/catch2" \
    -DSMTPREPLY_TEST_DATA_DIR="\"$ROOT/tests/data\"" 2>"$B/compile.log" || true
  local objs=("$B"/obj/*.o)
  if ((${#objs[@]} != ${#srcs[@]})); then
    grep -E 'error' "$B/compile.log" | head -n 20 >&2
    bad "$arch: Catch2 suite: ${#objs[@]} of ${#srcs[@]} sources compiled"
  elif "$cxx" "${flags[@]}" -static "$B"/obj/*.o "${catch_libs[@]}" -o "$B/tests" 2>>"$B/compile.log"; then
    if "${runner[@]}" "$B/tests" >"$B/tests.log" 2>&1; then
      ok "$arch: Catch2 suite: $(grep -E 'All tests passed|test cases' "$B/tests.log" | tail -n 1)"
    else
      tail -n 30 "$B/tests.log" >&2
      bad "$arch: Catch2 suite"
    fi
  else
    head -n 40 "$B/compile.log" >&2
    bad "$arch: Catch2 suite did not build"
  fi

  # Zero allocation, and a build with neither exceptions nor RTTI.
  # zero_alloc replaces malloc, which static glibc cannot take: linked
  # dynamically and run by qemu with the cross toolchain's libraries.
  if "$cxx" "${common[@]}" "$ROOT/tests/zero_alloc.cpp" -o "$B/zero_alloc" &&
    "$qemu" -L "/usr/$triplet" "$B/zero_alloc" >"$B/zero.log" 2>&1; then
    ok "$arch: zero allocation"
  else
    cat "$B/zero.log" >&2 || true
    bad "$arch: zero allocation"
  fi
  if "$cxx" "${common[@]}" -fno-exceptions -fno-rtti -static "$ROOT/tests/build/no_exceptions.cpp" -o "$B/no_exceptions" &&
    "${runner[@]}" "$B/no_exceptions" >/dev/null 2>&1; then
    ok "$arch: -fno-exceptions -fno-rtti build runs"
  else
    bad "$arch: -fno-exceptions -fno-rtti"
  fi

  # Every fuzz target over its committed corpus.
  local rfail=0 rcount=0
  for src in "$ROOT"/fuzz/fuzz_*.cc; do
    local name
    name=$(basename "$src" .cc)
    [ -d "$ROOT/fuzz/corpus/$name" ] || continue
    if grep -qE 'FuzzedDataProvider|fuzz_common\.hpp' "$src" && [ ! -f "$W/fdp/fuzzer/FuzzedDataProvider.h" ]; then
      echo "$arch: no FuzzedDataProvider.h, not replaying $name"
      continue
    fi
    if "$cxx" "${common[@]}" -isystem "$W/fdp" -static "$ROOT/fuzz/replay_main.cc" "$src" -o "$B/$name" 2>>"$B/fuzz.log" &&
      "${runner[@]}" "$B/$name" "$ROOT/fuzz/corpus/$name" >>"$B/fuzz.log" 2>&1; then
      rcount=$((rcount + 1))
    else
      echo "$arch: $name failed" >&2
      rfail=1
    fi
  done
  if ((rfail == 0)); then ok "$arch: $rcount fuzz corpora replayed"; else tail -n 20 "$B/fuzz.log" >&2; bad "$arch: fuzz replay"; fi
}

for arch in "${arches[@]}"; do run_arch "$arch"; done
summary "cross"
