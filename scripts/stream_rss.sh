#!/usr/bin/env bash
# Peak RSS of `smtpreply parse --json` (or another command) streaming 200 MiB
# of 10-line replies from a pipe: memory must be bounded by the parser's
# limits, not by the input. Prints GNU time's "peak RSS ... KiB".
#
#   scripts/stream_rss.sh                                  # smtpreply parse --json
#   scripts/stream_rss.sh build/examples/smtpreply-cat     # the C++ example
#   MIB=1000 scripts/stream_rss.sh
set -euo pipefail
MIB=${MIB:-200}
PY=${PYTHON:-python3}
cmd=("$@")
((${#cmd[@]})) || cmd=(smtpreply parse --json)
"$PY" - "$MIB" <<'PY' | /usr/bin/time -f "peak RSS %M KiB, %e s" "${cmd[@]}" | wc -l | sed 's/$/ replies/'
import sys
reply = b"".join(b"250-" + b"x" * 1000 + b"\r\n" for _ in range(9)) + b"250 " + b"y" * 1000 + b"\r\n"
block = reply * ((1 << 20) // len(reply) + 1)
sent, total = 0, int(sys.argv[1]) << 20
while sent < total:
    sys.stdout.buffer.write(block)
    sent += len(block)
PY
