"""examples/python/stream_replies.py against the live loopback server."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_streaming_example_talks_to_a_real_server(smtp_server: tuple[str, int]) -> None:
    host, port = smtp_server
    got = subprocess.run(
        [sys.executable, str(ROOT / "examples/python/stream_replies.py"), host, str(port)],
        capture_output=True, check=False, timeout=60, text=True,
    )
    assert got.returncode == 0, got.stderr
    lines = got.stdout.splitlines()
    assert lines[0].startswith("220 positive_completion")
    assert lines[1].startswith("250 positive_completion") and "lines)" in lines[1]
    assert lines[2].startswith("250 ") and lines[3].startswith("221 ")
