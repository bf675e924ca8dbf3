#!/usr/bin/env bash
# Builds the whole site into OUTDIR (default build/site) with one command:
#   OUTDIR/docs/   the project's documentation (README, docs/*.md, Python API) by Sphinx
#   OUTDIR/cpp/    the C++ API reference by Doxygen
#   OUTDIR/en/, OUTDIR/id/, OUTDIR/assets/   the reference pages: `smtpreply site OUTDIR`
# Needs the package installed (`pip install .`), sphinx and myst-parser (PyPI) and
# doxygen (Debian). PYTHON selects the interpreter (default: python3).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUTDIR=$(mkdir -p "${1:-$ROOT/build/site}" && cd "${1:-$ROOT/build/site}" && pwd)
PY=${PYTHON:-python3}
start=$(date +%s)

VERSION=$("$PY" -c 'import smtpreply; print(smtpreply.__version__)')
rm -rf "$OUTDIR/cpp" "$OUTDIR/docs"
mkdir -p "$OUTDIR/cpp"
SMTPREPLY_ROOT=$ROOT SMTPREPLY_VERSION=$VERSION SMTPREPLY_DOXYGEN_OUT=$OUTDIR/cpp doxygen "$ROOT/docs/site/Doxyfile"

"$PY" -m sphinx -q -b html -c "$ROOT/docs/site" -d "$OUTDIR/.doctrees" "$ROOT" "$OUTDIR/docs"
rm -rf "$OUTDIR/.doctrees" "$OUTDIR/docs/.buildinfo"
# The documentation's entry point (Sphinx puts the root document where it lives in the tree).
cat >"$OUTDIR/docs/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=docs/site/index.html">
<title>smtpreply documentation</title>
</head>
<body>
<main>
<p><a href="docs/site/index.html">smtpreply documentation</a></p>
</main>
</body>
</html>
HTML

"$PY" -m smtpreply site "$OUTDIR"
echo "site: $OUTDIR ($(find "$OUTDIR" -name '*.html' | wc -l) HTML files) in $(($(date +%s) - start)) s"
