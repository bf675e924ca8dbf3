#!/usr/bin/env bash
# The headers under the strictest flags a consumer may use, included as
# ordinary (non-system) headers, as a copy or pkg-config's -I gives them:
#   g++:     -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
#            -Wold-style-cast -Wswitch-enum -Wswitch-default -Wundef -Werror
#   clang++: -Weverything minus the C++98-compat groups, -Werror
# Every include/smtpreply/**.hpp (found by glob, detail/ too) alone in C++17,
# then the umbrella header in C++20, with -mavx2 (the AVX2 scan paths), and
# with -fno-exceptions -fno-rtti. Budget: about a minute.
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
W=$OUT/headers-strict
rm -rf "$W"
mkdir -p "$W"
. "$ROOT/scripts/lib.sh"
ensure_debian_packages g++ clang
GCC_FLAGS=(-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast -Wswitch-enum
  -Wswitch-default -Wundef -Werror)
CLANG_FLAGS=(-Weverything -Wno-c++98-compat -Wno-c++98-compat-pedantic -Werror)
check() {  # check CXX STD SOURCE EXTRA...: compile one translation unit
  local cxx=$1 std=$2 src=$3
  shift 3
  local flags=("${GCC_FLAGS[@]}")
  [ "$cxx" = clang++ ] && flags=("${CLANG_FLAGS[@]}")
  if "$cxx" -std="$std" -fsyntax-only "${flags[@]}" "$@" -I"$ROOT/include" "$src" 2>"$W/last.err"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $cxx -std=$std $* $(head -n 1 "$src")" >&2
    head -n 20 "$W/last.err" >&2
  fi
}

mapfile -t headers < <(cd "$ROOT/include" && find smtpreply -name '*.hpp' | LC_ALL=C sort)
for h in "${headers[@]}"; do
  src=$W/$(tr '/.' '__' <<<"$h").cpp
  printf '#include <%s>\n' "$h" >"$src"
  for cxx in g++ clang++; do check "$cxx" c++17 "$src"; done
done
umbrella=$W/umbrella.cpp
printf '#include <smtpreply/smtpreply.hpp>\nint main() { return smtpreply::parse_reply("250 OK\\r\\n") ? 0 : 1; }\n' >"$umbrella"
for cxx in g++ clang++; do
  check "$cxx" c++20 "$umbrella"
  [ "$(uname -m)" = x86_64 ] && check "$cxx" c++17 "$umbrella" -mavx2
  check "$cxx" c++17 "$umbrella" -fno-exceptions -fno-rtti
done
echo "strict headers (${#headers[@]} headers): $passed passed, $failed failed"
((failed == 0))
