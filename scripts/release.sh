#!/usr/bin/env bash
# Release artefacts for the version in include/smtpreply/version.hpp
# (docs/releasing.md):
#   dist/smtpreply-X.Y.Z.tar.gz   the source tree of a commit (git archive),
#                                 single header included
#   dist/smtpreply.hpp            the single header, as its own download
#   dist/SHA256SUMS
#
#   scripts/release.sh            # for the tag vX.Y.Z: HEAD must be tagged, CHANGELOG dated
#   scripts/release.sh --snapshot # any commit, CHANGELOG may say (unreleased); what the tests run
#   scripts/release.sh --out DIR  # somewhere else than dist/
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
out=$ROOT/dist
snapshot=0
while (($#)); do
  case $1 in
    --snapshot) snapshot=1 ;;
    --out) out=$2; shift ;;
    *) echo "usage: $0 [--snapshot] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
cd "$ROOT"
version=$(sed -n 's/^#define SMTPREPLY_VERSION_STRING "\(.*\)"/\1/p' include/smtpreply/version.hpp)
[ -n "$version" ] || { echo "no SMTPREPLY_VERSION_STRING in version.hpp" >&2; exit 1; }
tag=v$version

fail() { echo "release: $*" >&2; exit 1; }
git diff --quiet HEAD -- include single_include || [ "$snapshot" = 1 ] || fail "uncommitted changes in the headers"
python3 scripts/amalgamate.py --check >/dev/null || fail "single_include is stale: python3 scripts/amalgamate.py"
heading=$(grep -m1 -E "^## $version( |$)" CHANGELOG.md || true)
[ -n "$heading" ] || fail "CHANGELOG.md has no '## $version' section"
if [ "$snapshot" = 0 ]; then
  grep -qE "^## $version \([0-9]{4}-[0-9]{2}-[0-9]{2}\)$" <<<"$heading" || fail "CHANGELOG heading must be '## $version (YYYY-MM-DD)', is '$heading'"
  [ "$(git rev-parse -q --verify "refs/tags/$tag^{commit}" || true)" = "$(git rev-parse HEAD)" ] ||
    fail "HEAD is not tagged $tag (git tag -a $tag -m 'smtpreply $version')"
fi

mkdir -p "$out"
name=smtpreply-$version
git archive --format=tar.gz --prefix="$name/" -o "$out/$name.tar.gz" HEAD
cp single_include/smtpreply/smtpreply.hpp "$out/smtpreply.hpp"
(cd "$out" && sha256sum "$name.tar.gz" smtpreply.hpp >SHA256SUMS)
echo "release $version ($(git rev-parse --short HEAD)):"
(cd "$out" && ls -l "$name.tar.gz" smtpreply.hpp SHA256SUMS | awk '{print "  " $NF " " $5 " bytes"}')
