#!/usr/bin/env bash
# The Python package: build and install it from the repository (not editable)
# into a fresh virtual environment, then run its pytest suite (live loopback
# SMTP server included), check the type stubs (stubtest, mypy --strict, stub
# freshness), smoke-test the command, and fuzz it briefly with atheris.
# Budget: about 3 minutes on 2 cores.
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
PY=${PYTHON:-python3}
WORK=$OUT/python
PYVENV=$OUT/pyvenv
FUZZ_SECONDS=${PYTHON_FUZZ_SECONDS:-20}
passed=0
failed=0
check() {  # check NAME COMMAND...: run one check, count it
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name" >&2
  fi
}

rm -rf "$PYVENV" "$WORK"
mkdir -p "$WORK"
"$PY" -m venv "$PYVENV"
pip_install() { "$PYVENV/bin/python" -m pip install -q --disable-pip-version-check "$@"; }
pip_install -r "$ROOT/scripts/requirements-test.txt"

# Not editable, from the repository, in build isolation: what `pip install .` does.
echo "building and installing the package"
CMAKE_BUILD_PARALLEL_LEVEL=1 pip_install "$ROOT" \
  --config-settings=cmake.define.SMTPREPLY_PYTHON_WERROR=ON

# Run from outside the repository so that only the installed package imports.
cd "$WORK"
export MYPY_CACHE_DIR=$WORK/mypy-cache PYTHONDONTWRITEBYTECODE=1
PYBIN=$PYVENV/bin

"$PYBIN/smtpreply" --help >/dev/null
"$PYBIN/python" -m smtpreply --version

pytest_status=0
"$PYBIN/python" -m pytest "$ROOT/tests/python" -q -p no:cacheprovider --rootdir "$ROOT" || pytest_status=$?

check stubtest "$PYBIN/python" -m mypy.stubtest smtpreply \
  --allowlist "$ROOT/bindings/python/stubtest-allowlist.txt"
check "stubs up to date" "$PYBIN/python" "$ROOT/bindings/python/tools/generate_stubs.py" --check
check "mypy --strict examples" "$PYBIN/mypy" --strict --no-error-summary "$ROOT"/examples/python/*.py
check "mypy --strict package" "$PYBIN/mypy" --strict --no-error-summary -p smtpreply
check "benchmark smoke run" "$PYBIN/python" "$ROOT/bench/python/bench_replies.py" --quick

if pip_install atheris 2>"$WORK/atheris-install.log"; then
  mkdir -p "$WORK/fuzz-corpus"
  cp "$ROOT"/tests/cat/*.in "$WORK/fuzz-corpus/"  # seeds
  check "atheris ${FUZZ_SECONDS}s" "$PYBIN/python" "$ROOT/tests/python/fuzz_smtpreply.py" \
    -max_total_time="$FUZZ_SECONDS" -artifact_prefix="$WORK/fuzz-" "$WORK/fuzz-corpus"
else
  echo "skipping the atheris run: atheris does not install for $("$PYBIN/python" -V) here" \
       "($(tail -n 1 "$WORK/atheris-install.log"))"
fi

echo "python checks: $passed passed, $failed failed"
[ "$pytest_status" = 0 ] && [ "$failed" = 0 ]
