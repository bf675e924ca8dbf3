#!/usr/bin/env bash
# Coverage gate (issue 11 point 12): line and branch coverage of every header
# under include/smtpreply/ (and detail/) by the Catch2 tests plus the fuzz
# corpus replays, clang source-based coverage, through scripts/coverage.sh.
# Prints the per-header table and fails when a header is below its bar.
#
# The bar is 95% lines and 90% branches for every header. A header that
# cannot reach it gets its own bar in BARS below, with the measured figure
# and the reason, so that no bar is lowered silently.
#
#   SMTPREPLY_COVERAGE=0   skip this stage
#
# Budget: about 1.5 minutes on 2 idle cores (compiling the tests at -O0 with
# coverage is most of it).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
JOBS=${JOBS:-2}
. "$ROOT/scripts/lib.sh"
if [ "${SMTPREPLY_COVERAGE:-1}" = 0 ]; then
  echo "coverage: skipped (SMTPREPLY_COVERAGE=0)"
  exit 0
fi
ensure_debian_packages clang llvm catch2 || { command -v clang++ >/dev/null && command -v llvm-cov >/dev/null; } || exit 1

MIN_LINES=95
MIN_BRANCHES=90
# Per-header exceptions: HEADER=LINES/BRANCHES  (measured; why)
# The headers below hold compile-time-only code: table validators called by
# static_assert (their "return false" branches are taken only by a broken
# table, which does not compile) and the constant-evaluation path of
# detail/scan.hpp. A run-time profile cannot reach those; tests/test_fuzz_regressions.cpp runs the
# validators at run time (and on broken tables where they are templates).
# Measured on the commit that set them (tests + committed corpora):
BARS=(
  "detail/scan.hpp=95/86" # 98.26% / 89.13%: the constexpr loop of find_lf() runs only in constant evaluation
  "enum_info.hpp=86/82"   # 86.49% / 82.69%: the validators' failure paths run for the tests' own tables only
)

rc=0
COVERAGE_DIR=$OUT/coverage JOBS=$JOBS bash "$ROOT/scripts/coverage.sh" -j "$JOBS" \
  --fail-under "$MIN_LINES" "$MIN_BRANCHES" "${BARS[@]/#/--bar=}" || rc=$?
if [ "$rc" = 0 ]; then ok "every header at or above its bar"; else bad "coverage below the bar (or a failing test or replay): see above"; fi
summary coverage
