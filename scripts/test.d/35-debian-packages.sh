#!/usr/bin/env bash
# Debian packages that the Python stage's tests drive as real tools: swaks
# (tests/python/test_transcripts.py runs it against a loopback aiosmtpd and
# parses its output) and GNU time (it measures the peak RSS of a 200 MiB
# streaming run). Installed when run as root; otherwise the tests that
# need a package skip and say which one.
set -euo pipefail
. "${ROOT:?}/scripts/lib.sh"
if APT_NO_RECOMMENDS=1 ensure_debian_packages swaks time; then
  echo "Debian packages for the Python tests: swaks time installed"
else
  echo "not root: the tests that need swaks or GNU time will skip" >&2
fi
