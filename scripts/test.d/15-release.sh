#!/usr/bin/env bash
# Release artefacts (scripts/release.sh --snapshot): the source tarball of
# HEAD with the single header, the single header alone and SHA256SUMS; the
# tarball unpacks into smtpreply-X.Y.Z/, its checksums verify, and a user
# configures and installs the headers from it with CMake (no build).
# Budget: a few seconds.
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
W=$OUT/release
rm -rf "$W"
mkdir -p "$W"
. "$ROOT/scripts/lib.sh"
version=$(sed -n 's/^#define SMTPREPLY_VERSION_STRING "\(.*\)"/\1/p' "$ROOT/include/smtpreply/version.hpp")
name=smtpreply-$version

if bash "$ROOT/scripts/release.sh" --snapshot --out "$W/dist"; then ok "scripts/release.sh --snapshot"; else bad "scripts/release.sh"; fi
if (cd "$W/dist" && sha256sum -c --quiet SHA256SUMS); then ok "SHA256SUMS verify"; else bad "SHA256SUMS"; fi
tar xzf "$W/dist/$name.tar.gz" -C "$W"
missing=""
for f in LICENSE CHANGELOG.md CMakeLists.txt single_include/smtpreply/smtpreply.hpp include/smtpreply/smtpreply.hpp; do
  [ -f "$W/$name/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ] && cmp -s "$W/dist/smtpreply.hpp" "$W/$name/single_include/smtpreply/smtpreply.hpp"; then
  ok "$name.tar.gz unpacks into $name/ with headers, single header, license and changelog"
else
  bad "tarball lacks:$missing"
fi
if cmake -S "$W/$name" -B "$W/build" >"$W/cmake.log" 2>&1 && cmake --install "$W/build" --prefix "$W/prefix" >>"$W/cmake.log" 2>&1 &&
  [ -f "$W/prefix/include/smtpreply/smtpreply.hpp" ] && [ -f "$W/prefix/share/cmake/smtpreply/smtpreplyConfig.cmake" ]; then
  ok "headers installed from the tarball with CMake, nothing built"
else
  tail -n 20 "$W/cmake.log" >&2
  bad "install from the tarball"
fi
summary "release"
