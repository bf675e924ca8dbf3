#!/usr/bin/env bash
# Debian packages that the Python stage's tests drive as real tools: swaks
# (tests/python/test_transcripts.py runs it against a loopback aiosmtpd and
# parses its output) and GNU time (it measures the peak RSS of a 200 MiB
# streaming run). Installed when run as root; otherwise the tests that
# need a package skip and say which one.
set -euo pipefail
packages=(swaks time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "Debian packages for the Python tests: ${packages[*]} installed"
elif [ "$(id -u)" = 0 ]; then
  echo "installing Debian packages for the Python tests: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "not root: the tests that need ${missing[*]} will skip" >&2
fi
