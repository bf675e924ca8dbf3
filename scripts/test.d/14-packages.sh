#!/usr/bin/env bash
# Package-manager entries and the sdist, each tested offline:
#  1. one version everywhere: meson.build, ports/smtpreply/vcpkg.json and the
#     Python metadata agree with include/smtpreply/version.hpp;
#  2. Meson (meson and ninja from PyPI): the top-level build compiles
#     smtpreply-cat and `meson install` puts every include/smtpreply/**.hpp
#     and smtpreply.pc in place; a consumer project gets smtpreply as a
#     subproject through dependency('smtpreply', fallback: ...) and runs;
#  3. Conan 2 (PyPI): `conan create conan/` packages the headers and builds
#     and runs conan/test_package (no remote: the recipe has no requirements);
#  4. cibuildwheel accepts [tool.cibuildwheel] and selects exactly the wheels wanted;
#  5. the sdist (python -m build --sdist): no fuzz corpus, benchmark results
#     or CI files; every header, CMake file and the license in it; PEP 639
#     license fields, 3.9-3.14 classifiers, project URLs and no relative link
#     in the PyPI description.
# Budget: about 40 seconds (three small compiles).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
W=$OUT/packages
rm -rf "$W"
mkdir -p "$W"
. "$ROOT/scripts/lib.sh"
PY=python3
[ -n "${VENV:-}" ] && [ -x "$VENV/bin/python" ] && PY=$VENV/bin/python
BIN=$(dirname "$PY")
need=()
for tool in meson ninja conan cmake; do [ -x "$BIN/$tool" ] || command -v "$tool" >/dev/null || need+=("$tool"); done
[ -x "$BIN/pyproject-build" ] || need+=(build)
((${#need[@]} == 0)) || "$PY" -m pip install -q --disable-pip-version-check "${need[@]}"
export PATH=$BIN:$PATH

version=$(sed -n 's/^#define SMTPREPLY_VERSION_STRING "\(.*\)"/\1/p' "$ROOT/include/smtpreply/version.hpp")

# ---- 1. one version -------------------------------------------------------------------
meson_version=$(sed -n "s/^  version: '\(.*\)',/\1/p" "$ROOT/meson.build")
vcpkg_version=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$ROOT/ports/smtpreply/vcpkg.json")
if [ "$meson_version" = "$version" ] && [ "$vcpkg_version" = "$version" ]; then
  ok "version $version in version.hpp, meson.build and vcpkg.json"
else
  bad "versions differ: version.hpp $version, meson.build '$meson_version', vcpkg.json '$vcpkg_version'"
fi

# ---- 2. Meson ----------------------------------------------------------------------------
if meson setup "$W/meson" "$ROOT" >"$W/meson-setup.log" 2>&1 && meson compile -C "$W/meson" >"$W/meson-build.log" 2>&1 &&
  printf '250 OK\r\n' | "$W/meson/smtpreply-cat" | grep -q '"code": 250'; then
  ok "meson: smtpreply-cat built and runs"
else
  tail -n 30 "$W"/meson-*.log >&2
  bad "meson top-level build"
fi
if DESTDIR=$W/meson-dest meson install -C "$W/meson" --no-rebuild >"$W/meson-install.log" 2>&1; then
  prefix=$(meson introspect --buildoptions "$W/meson" | "$PY" -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
  inc=$(meson introspect --buildoptions "$W/meson" | "$PY" -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="includedir"))')
  dest=$W/meson-dest$prefix
  missing=0
  while read -r h; do [ -f "$dest/$inc/$h" ] || { echo "meson install lacks $h" >&2; missing=1; }; done \
    < <(cd "$ROOT/include" && find smtpreply -name '*.hpp')
  pc=$(find "$dest" -name smtpreply.pc | head -n 1)
  if ((missing == 0)) && [ -n "$pc" ] && grep -q "^Version: $version" "$pc"; then
    ok "meson install: every header and smtpreply.pc ($version)"
  else
    bad "meson install"
  fi
else
  cat "$W/meson-install.log" >&2
  bad "meson install"
fi
mkdir -p "$W/meson-consumer/subprojects/smtpreply"
git -C "$ROOT" ls-files -z --cached -- include meson.build meson_options.txt examples LICENSE |
  (cd "$ROOT" && xargs -0 cp --parents -t "$W/meson-consumer/subprojects/smtpreply" 2>/dev/null || true)
cat >"$W/meson-consumer/meson.build" <<'EOF'
project('consumer', 'cpp', default_options: ['cpp_std=c++17', 'warning_level=3', 'werror=true'])
smtpreply_dep = dependency('smtpreply', fallback: ['smtpreply', 'smtpreply_dep'])
test('consumer', executable('consumer', 'main.cpp', dependencies: smtpreply_dep))
EOF
cp "$ROOT/tests/consumer/main.cpp" "$W/meson-consumer/main.cpp"
if PKG_CONFIG_PATH=/nonexistent meson setup "$W/meson-consumer/build" "$W/meson-consumer" --wrap-mode=nodownload \
  >"$W/meson-consumer.log" 2>&1 && meson test -C "$W/meson-consumer/build" >>"$W/meson-consumer.log" 2>&1 &&
  grep -q 'Subproject smtpreply finished' "$W/meson-consumer.log"; then
  ok "meson consumer: smtpreply as a subproject, dependency() fallback, test passes"
else
  tail -n 30 "$W/meson-consumer.log" >&2
  bad "meson consumer"
fi

# ---- 3. Conan 2 ----------------------------------------------------------------------------
# From a copy: test_package builds in its own folder, which must not be the repository.
export CONAN_HOME=$W/conan-home
mkdir -p "$W/conan-src"
git -C "$ROOT" ls-files -z --cached -- conan include LICENSE |
  (cd "$ROOT" && xargs -0 cp --parents -t "$W/conan-src" 2>/dev/null || true)
if conan profile detect >"$W/conan.log" 2>&1 &&
  conan create "$W/conan-src/conan" --no-remote --build=missing -s compiler.cppstd=17 >>"$W/conan.log" 2>&1 &&
  grep -q "smtpreply $version: 421 transient_negative" "$W/conan.log"; then
  ok "conan create conan/ (smtpreply/$version, test_package ran)"
else
  tail -n 40 "$W/conan.log" >&2
  bad "conan create"
fi

# ---- 4. cibuildwheel reads [tool.cibuildwheel] (it rejects unknown options) ----------------
[ -x "$BIN/cibuildwheel" ] || "$PY" -m pip install -q --disable-pip-version-check cibuildwheel
ids=""
for platform in linux macos windows; do
  ids="$ids $(cd "$ROOT" && "$BIN/cibuildwheel" --print-build-identifiers --platform "$platform" . 2>"$W/cibw.err" | tr '\n' ' ')"
done
count() { tr ' ' '\n' <<<"$ids" | grep -cE "$1" || true; }
if [ "$(count '^cp3(9|1[0-4])-manylinux_x86_64$')" = 6 ] && [ "$(count '^cp3(9|1[0-4])-manylinux_aarch64$')" = 6 ] &&
  [ "$(count '^cp3(9|1[0-4])-musllinux_x86_64$')" = 6 ] && [ "$(count '^cp3(9|1[0-4])-macosx_(x86_64|arm64)$')" = 12 ] &&
  [ "$(count '^cp3(9|1[0-4])-win_amd64$')" = 6 ] && [ "$(count '.')" = 36 ]; then
  ok "cibuildwheel: 36 wheels (CPython 3.9-3.14 x manylinux x86_64/aarch64, musllinux x86_64, macOS x2, Windows)"
else
  cat "$W/cibw.err" >&2
  echo "identifiers:$ids" >&2
  bad "cibuildwheel build identifiers"
fi

# ---- 5. the sdist ----------------------------------------------------------------------------
if "$PY" -m build --sdist --outdir "$W/sdist" "$ROOT" >"$W/sdist.log" 2>&1; then
  sdist=$(ls "$W"/sdist/*.tar.gz)
  tar tzf "$sdist" | sed 's|^[^/]*/||' | LC_ALL=C sort >"$W/sdist.txt"
  unwanted=$(grep -E '^(fuzz/corpus/|bench/results/|\.github/|\.clusterfuzzlite/|\.ci/|ports/|conan/|single_include/)' \
    "$W/sdist.txt" || true)
  lacking=$(cd "$ROOT" && { find include/smtpreply -name '*.hpp'; echo CMakeLists.txt; echo LICENSE;
    find cmake bindings/python -type f -not -path '*/__pycache__/*'; } | LC_ALL=C sort | comm -23 - "$W/sdist.txt")
  if [ -z "$unwanted" ] && [ -z "$lacking" ]; then
    ok "sdist $(basename "$sdist"): $(wc -l <"$W/sdist.txt") files, $(du -k "$sdist" | cut -f1) KiB, trimmed and complete"
  else
    echo "unwanted: $unwanted" >&2
    echo "lacking: $lacking" >&2
    bad "sdist contents"
  fi
  tar xzf "$sdist" -O --wildcards '*/PKG-INFO' >"$W/PKG-INFO"
  if "$PY" - "$W/PKG-INFO" <<'EOF'
import email, re, sys
msg = email.message_from_string(open(sys.argv[1], encoding="utf-8").read())
problems = []
if msg["License-Expression"] != "MIT": problems.append("License-Expression")
if "LICENSE" not in (msg.get_all("License-File") or []): problems.append("License-File")
if any(c.startswith("License ::") for c in msg.get_all("Classifier") or []): problems.append("license classifier with PEP 639")
for v in range(9, 15):
    if f"Programming Language :: Python :: 3.{v}" not in (msg.get_all("Classifier") or []): problems.append(f"3.{v}")
urls = dict(u.split(", ", 1) for u in msg.get_all("Project-URL") or [])
for key in ("Homepage", "Documentation", "Source", "Issues", "Changelog"):
    if key not in urls: problems.append(f"Project-URL {key}")
body = msg.get_payload()
relative = [m for m in re.findall(r"\]\(([^)\s]+)\)", body) if not m.startswith(("http://", "https://", "#", "mailto:"))]
if relative: problems.append(f"relative links in the description: {relative}")
print("PKG-INFO problems:", problems) if problems else None
sys.exit(1 if problems else 0)
EOF
  then
    ok "sdist metadata: PEP 639 license, 3.9-3.14, project URLs, absolute links"
  else
    bad "sdist metadata"
  fi
else
  tail -n 30 "$W/sdist.log" >&2
  bad "sdist"
fi

summary "packages"
