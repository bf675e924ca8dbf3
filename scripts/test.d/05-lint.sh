#!/usr/bin/env bash
# The declared tooling, run: clang-format (.clang-format) on every tracked C++
# file and ruff (pyproject.toml's rule set) on every tracked Python file. Both
# come pinned from scripts/requirements-test.txt, so every machine formats the
# same way. A file that needs formatting, or a ruff finding, fails the stage.
# Fix with: clang-format -i FILE... ; ruff check --fix.
# Budget: a few seconds.
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
. "$ROOT/scripts/lib.sh"
BIN=${VENV:?}/bin
cd "$ROOT"

mapfile -t cxx < <(git ls-files '*.hpp' '*.cpp' '*.cc' '*.h' | grep -v -e '^single_include/')
if "$BIN/clang-format" --dry-run -Werror "${cxx[@]}"; then
  ok "clang-format: ${#cxx[@]} C++ files formatted as .clang-format says"
else
  bad "clang-format: files above need clang-format -i"
fi

# The extension's stub is generated (40-python checks that it is current).
mapfile -t py < <(git ls-files '*.py' '*.pyi' | grep -v -x 'bindings/python/smtpreply/_smtpreply.pyi')
if "$BIN/ruff" check --quiet "${py[@]}"; then
  ok "ruff: ${#py[@]} Python files clean"
else
  bad "ruff: findings above"
fi

summary "lint"
