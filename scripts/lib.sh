# Shell helpers shared by scripts/test.sh and its stages (source it).

# A heading in the log.
step() { printf '\n=== %s ===\n' "$*"; }

# ensure_debian_packages PKG...: installs the missing ones when run as root;
# otherwise names them and fails (return 1), so the caller can decide.
# APT_NO_RECOMMENDS=1 leaves out recommended packages.
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    local extra=()
    [ "${APT_NO_RECOMMENDS:-0}" = 1 ] && extra=(--no-install-recommends)
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${extra[@]}" "${missing[@]}" >/dev/null
  else
    echo "missing Debian packages (run as root to install): ${missing[*]}" >&2
    return 1
  fi
}

# venv_install PYTHON ARGS...: pip install into the environment of PYTHON, quietly.
venv_install() {
  local py=$1
  shift
  "$py" -m pip install -q --disable-pip-version-check "$@"
}

# The test tools, listed once (scripts/requirements-test.txt).
test_requirements() { echo "${ROOT:?}/scripts/requirements-test.txt"; }

# A stage's checks: ok/bad count them, summary prints the closing line that CI
# reads ("NAME: N passed, M failed") and fails when any check failed.
passed=0
failed=0
ok() {
  passed=$((passed + 1))
  echo "ok: $*"
}
bad() {
  failed=$((failed + 1))
  echo "FAILED: $*" >&2
}
summary() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" = 0 ]
}

# optional_stage VAR WHAT: an optional stage runs when VAR or SMTPREPLY_SLOW
# is set; otherwise it says how to run it and the stage ends here (passed).
optional_stage() {
  local var=$1
  if [ -z "${!var:-}${SMTPREPLY_SLOW:-}" ]; then
    echo "skipped: set $var=1 (or SMTPREPLY_SLOW=1) to $2"
    exit 0
  fi
}
