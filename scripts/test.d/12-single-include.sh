#!/usr/bin/env bash
# The single header single_include/smtpreply/smtpreply.hpp (scripts/amalgamate.py):
#  1. it is current: regenerated and compared (fix: python3 scripts/amalgamate.py);
#  2. it compiles under the strict consumer flags (g++ list, clang -Weverything);
#  3. the README example, smtpreply-cat (against tests/cat vectors), the Catch2
#     suite, the zero-allocation check and the no-exceptions build are compiled
#     against it alone: a shim directory maps every smtpreply/*.hpp include to
#     the single header, and include/ is not on the path.
# Budget: about 1.5 minutes on 2 cores (mostly the Catch2 suite).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
JOBS=${JOBS:-2}
W=$OUT/single-include
SINGLE=$ROOT/single_include/smtpreply/smtpreply.hpp
rm -rf "$W"
mkdir -p "$W/shim"
# Catch2 (v2 on Debian 12, v3 on 13) and a compiler (test.sh installs them too).
. "$ROOT/scripts/lib.sh"
ensure_debian_packages g++ catch2 || true
PY=python3
[ -n "${VENV:-}" ] && [ -x "$VENV/bin/python" ] && PY=$VENV/bin/python

# ---- 1. current ------------------------------------------------------------------
if "$PY" "$ROOT/scripts/amalgamate.py" --check; then ok "single header is current"; else bad "single header is stale"; fi

# ---- 2. strict flags -------------------------------------------------------------
printf '#include <smtpreply/smtpreply.hpp>\n' >"$W/strict.cpp"
if g++ -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast \
  -Wswitch-enum -Wswitch-default -Wundef -Werror -I"$ROOT/single_include" "$W/strict.cpp"; then
  ok "g++ strict flags"
else bad "g++ strict flags"; fi
if ! command -v clang++ >/dev/null; then
  echo "clang++ not installed: skipping the -Weverything check"
elif clang++ -std=c++17 -fsyntax-only -Weverything -Wno-c++98-compat -Wno-c++98-compat-pedantic -Werror \
  -I"$ROOT/single_include" "$W/strict.cpp"; then
  ok "clang++ -Weverything"
else bad "clang++ -Weverything"; fi

# ---- 3. examples and tests against the single header only -------------------------
(cd "$ROOT/include" && find smtpreply -name '*.hpp') | while read -r h; do
  mkdir -p "$W/shim/$(dirname "$h")"
  printf '#include "%s"  // the single header only\n' "$SINGLE" >"$W/shim/$h"
done
awk '/readme-example:begin/{f=1; next} /readme-example:end/{f=0} f && !/^```/' "$ROOT/README.md" >"$W/readme_example.cpp"
cat >"$W/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.16...3.31)
project(smtpreply_single_include LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
find_package(Catch2 REQUIRED)
set(WARN -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
add_library(single INTERFACE)
target_include_directories(single INTERFACE "$W/shim")
file(GLOB tests "$ROOT/tests/test_*.cpp")
add_executable(tests "$ROOT/tests/main.cpp" \${tests})
target_include_directories(tests PRIVATE "$ROOT/tests")
target_compile_options(tests PRIVATE \${WARN})
target_compile_definitions(tests PRIVATE SMTPREPLY_TEST_DATA_DIR="$ROOT/tests/data")
if(TARGET Catch2::Catch2WithMain)
  target_link_libraries(tests PRIVATE single Catch2::Catch2WithMain)
else()
  target_link_libraries(tests PRIVATE single Catch2::Catch2)
endif()
add_executable(readme_example "$W/readme_example.cpp")
add_executable(smtpreply-cat "$ROOT/examples/smtpreply_cat.cpp")
add_executable(zero_alloc "$ROOT/tests/zero_alloc.cpp")
add_executable(no_exceptions "$ROOT/tests/build/no_exceptions.cpp")
target_compile_options(no_exceptions PRIVATE -fno-exceptions -fno-rtti)
foreach(t readme_example smtpreply-cat zero_alloc no_exceptions)
  target_link_libraries(\${t} PRIVATE single)
  target_compile_options(\${t} PRIVATE \${WARN})
endforeach()
EOF
# The shim must be all the build sees: a check that include/ is not reachable.
printf '#include <smtpreply/smtpreply.hpp>\n#ifndef SMTPREPLY_SINGLE_INCLUDE\n#error not the single header\n#endif\n' \
  >"$W/which.cpp"
if g++ -std=c++17 -fsyntax-only -I"$W/shim" "$W/which.cpp"; then ok "shim resolves to the single header"; else bad "shim"; fi
if cmake -S "$W" -B "$W/build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >"$W/configure.log" 2>&1 &&
  cmake --build "$W/build" -j "$JOBS" >"$W/build.log" 2>&1; then
  ok "README example, smtpreply-cat, Catch2 suite, zero-alloc, no-exceptions built against the single header"
  if [ "$("$W/build/readme_example")" = "421 transient_negative 4.3.2" ]; then ok "README example output"; else bad "README example output"; fi
  if "$PY" "$ROOT/tests/cat/run_cat_vectors.py" "$W/build/smtpreply-cat" "$ROOT/tests/cat" >"$W/cat.log" 2>&1; then
    ok "smtpreply-cat vectors"
  else
    cat "$W/cat.log" >&2
    bad "smtpreply-cat vectors"
  fi
  if "$W/build/tests" >"$W/tests.log" 2>&1; then ok "Catch2 suite: $(tail -n 2 "$W/tests.log" | tr -s ' \n' ' ')"; else tail -n 30 "$W/tests.log" >&2; bad "Catch2 suite"; fi
  if "$W/build/zero_alloc" >"$W/zero_alloc.log" 2>&1; then ok "zero allocation"; else cat "$W/zero_alloc.log" >&2; bad "zero allocation"; fi
  if "$W/build/no_exceptions" >/dev/null 2>&1; then ok "no exceptions, no RTTI"; else bad "no exceptions, no RTTI"; fi
else
  tail -n 40 "$W/configure.log" "$W/build.log" >&2
  bad "build against the single header"
fi

summary "single header"
