#!/usr/bin/env bash
# CMake as a user meets it, with no test or benchmark packages looked up:
#  1. README step 4, run as written in a copy of the tree (configured with
#     -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON),
#     builds smtpreply-cat, which parses the README's input.
#  2. `cmake --install` with nothing built installs exactly the headers (every
#     include/smtpreply/**.hpp), the CMake package and the pkg-config file,
#     with the right include path in the exported target.
#  3. SMTPREPLY_INSTALL_EXAMPLES=ON installs smtpreply-cat as well.
#  4. A FetchContent user exporting its own target: works with
#     SMTPREPLY_INSTALL=ON, fails with OFF (what README says).
# Budget: about 20 seconds (one small compile).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
W=$OUT/cmake-user
rm -rf "$W"
mkdir -p "$W"
. "$ROOT/scripts/lib.sh"
no_find="-DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON"

# ---- 1. README step 4, as written --------------------------------------------
# The tracked files only, as a fresh clone has them.
mkdir -p "$W/src"
git -C "$ROOT" ls-files -z --cached |
  (cd "$ROOT" && xargs -0 cp --parents -t "$W/src" 2>/dev/null || true)
step4=$(awk '/^4\. /{f=1} f && /^   ```sh/{g=1; next} g && /^   ```/{exit} g{sub(/^   /, ""); print}' "$ROOT/README.md")
if ! grep -q 'cmake -S . -B build' <<<"$step4"; then
  bad "README step 4 has no 'cmake -S . -B build' command"
else
  script=${step4//cmake -S . -B build/cmake -S . -B build $no_find}
  if (cd "$W/src" && bash -euo pipefail -c "$script") >"$W/step4.out" 2>"$W/step4.err" &&
    grep -q '"code": 250' "$W/step4.out"; then
    ok "README step 4 (smtpreply-cat printed: $(grep -m1 "\"code\": 250" "$W/step4.out" | head -c 100))"
  else
    cat "$W/step4.out" "$W/step4.err" >&2
    bad "README step 4"
  fi
  if grep -q 'smtpreply: tests, benchmarks and fuzzers skipped' "$W/step4.out" "$W/step4.err" &&
    ! grep -q 'smtpreply_tests' "$W/src/build/build.ninja" "$W/src/build/Makefile" 2>/dev/null; then
    ok "user configure: no developer parts, one-line note"
  else
    bad "user configure built developer parts or printed no note"
  fi
fi

# ---- 2. cmake --install without a build ---------------------------------------
cmake -S "$ROOT" -B "$W/build" $no_find >"$W/configure.log" 2>&1
cmake --install "$W/build" --prefix "$W/prefix" >"$W/install.log" 2>&1 || { cat "$W/install.log" >&2; bad "cmake --install without a build"; }
(cd "$W/prefix" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$W/installed.txt"
{
  (cd "$ROOT" && find include/smtpreply -name '*.hpp') # headers, by glob
  printf '%s\n' share/cmake/smtpreply/smtpreplyConfig.cmake share/cmake/smtpreply/smtpreplyConfigVersion.cmake \
    share/cmake/smtpreply/smtpreplyTargets.cmake share/pkgconfig/smtpreply.pc
} | LC_ALL=C sort >"$W/expected.txt"
if diff -u "$W/expected.txt" "$W/installed.txt"; then
  ok "cmake --install without a build: $(wc -l <"$W/installed.txt") files, headers + package + .pc only"
else
  bad "cmake --install without a build installed other files"
fi
if grep -q 'INTERFACE_INCLUDE_DIRECTORIES "${_IMPORT_PREFIX}/include"' "$W/prefix/share/cmake/smtpreply/smtpreplyTargets.cmake"; then
  ok "exported include path is <prefix>/include"
else
  grep INTERFACE_INCLUDE_DIRECTORIES "$W/prefix/share/cmake/smtpreply/smtpreplyTargets.cmake" >&2 || true
  bad "exported include path"
fi

# ---- 3. the example binary only when asked -------------------------------------
cmake -S "$ROOT" -B "$W/build" -DSMTPREPLY_INSTALL_EXAMPLES=ON >>"$W/configure.log" 2>&1
cmake --build "$W/build" --target smtpreply-cat >"$W/build.log" 2>&1
cmake --install "$W/build" --prefix "$W/prefix-examples" >>"$W/install.log" 2>&1
if [ -x "$W/prefix-examples/bin/smtpreply-cat" ] && [ ! -e "$W/prefix/bin" ]; then
  ok "smtpreply-cat installed with SMTPREPLY_INSTALL_EXAMPLES=ON only"
else
  bad "SMTPREPLY_INSTALL_EXAMPLES"
fi

# ---- 4. FetchContent + SMTPREPLY_INSTALL for users who export their targets ------
mkdir -p "$W/fetch"
cat >"$W/fetch/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.16)
project(fetch_user LANGUAGES CXX)
include(FetchContent)
FetchContent_Declare(smtpreply SOURCE_DIR "$ROOT")
FetchContent_MakeAvailable(smtpreply)
add_library(mylib INTERFACE)
target_link_libraries(mylib INTERFACE smtpreply::smtpreply)
install(TARGETS mylib EXPORT mylibTargets)
install(EXPORT mylibTargets DESTINATION share/cmake/mylib)
EOF
if cmake -S "$W/fetch" -B "$W/fetch-on" -DSMTPREPLY_INSTALL=ON >"$W/fetch-on.log" 2>&1; then
  ok "FetchContent with SMTPREPLY_INSTALL=ON exports smtpreply with the user's target"
else
  cat "$W/fetch-on.log" >&2
  bad "FetchContent with SMTPREPLY_INSTALL=ON"
fi
if ! cmake -S "$W/fetch" -B "$W/fetch-off" >"$W/fetch-off.log" 2>&1 && grep -q 'not in any export set' "$W/fetch-off.log"; then
  ok "FetchContent without SMTPREPLY_INSTALL: CMake names the missing export (as README says)"
else
  bad "FetchContent without SMTPREPLY_INSTALL did not fail as documented"
fi

summary "cmake user"
