#!/usr/bin/env python3
"""Runs smtpreply-cat over every tests/cat/*.in file and compares its output
with the matching .out file (JSON lines) and its exit status (first line of
.out: "# exit N" and optional "# args ..."). Each vector is also fed in
chunks of 1, 2, 3 and 7 bytes: the output must not change.

Then streaming: a reply is printed while the input is still open, and
200 MiB of replies go through in bounded memory (peak RSS from wait4,
printed; asserted below 64 MiB, a generous bound: it is about 3 MiB)."""
import json
import os
import pathlib
import subprocess
import sys
import threading


def streams(cat: str) -> bool:
    proc = subprocess.Popen([cat], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"220 mx ready\r\n")
    proc.stdin.flush()
    first = json.loads(proc.stdout.readline())  # before the input is closed
    proc.stdin.write(b"221 bye\r\n")
    proc.stdin.close()
    second = json.loads(proc.stdout.readline())
    proc.stdout.close()
    return proc.wait() == 0 and (first["code"], second["code"], second["offset"]) == (220, 221, 14)


def peak_rss_kib(cat: str, mib: int) -> tuple[int, int, int]:
    reply = b"".join(b"250-" + b"x" * 1000 + b"\r\n" for _ in range(9)) + b"250 " + b"y" * 1000 + b"\r\n"
    block = reply * ((1 << 20) // len(reply) + 1)
    # Under AddressSanitizer, freed memory waits in a 256 MB quarantine: keep
    # it small so that the peak measures the program, not the sanitizer.
    asan = os.environ.get("ASAN_OPTIONS", "")
    quarantine = "quarantine_size_mb=1:thread_local_quarantine_size_kb=64"
    env = dict(os.environ, ASAN_OPTIONS=(asan + ":" if asan else "") + quarantine)
    proc = subprocess.Popen([cat], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    assert proc.stdin is not None and proc.stdout is not None
    count = [0]

    def drain() -> None:
        assert proc.stdout is not None
        for _ in proc.stdout:
            count[0] += 1

    reader = threading.Thread(target=drain)
    reader.start()
    sent = 0
    while sent < mib << 20:
        proc.stdin.write(block)
        sent += len(block)
    proc.stdin.close()
    reader.join()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss, count[0]


def main() -> int:
    cat, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    passed = failed = 0
    for vector in sorted(folder.glob("*.in")):
        expected_lines = vector.with_suffix(".out").read_text().splitlines()
        header = [line for line in expected_lines if line.startswith("# ")]
        body = [line for line in expected_lines if not line.startswith("# ")]
        exit_code = int(next(line.split()[2] for line in header if line.startswith("# exit")))
        args = next((line.split()[2:] for line in header if line.startswith("# args")), [])
        data = vector.read_bytes()
        for chunk in (None, 1, 2, 3, 7):
            extra = [] if chunk is None else ["--chunk", str(chunk)]
            run = subprocess.run([cat, *args, *extra], input=data, capture_output=True, check=False)
            got = run.stdout.decode().splitlines()
            if got != body or run.returncode != exit_code:
                failed += 1
                print(f"FAIL {vector.name} chunk={chunk}: exit {run.returncode} (want {exit_code})")
                for line in got:
                    print(f"  got:  {line}")
                for line in body:
                    print(f"  want: {line}")
                break
        else:
            passed += 1
    if streams(cat):
        passed += 1
    else:
        failed += 1
        print("FAIL streaming: no reply printed while the input was open")
    status, rss, replies = peak_rss_kib(cat, 200)
    print(f"200 MiB streamed: {replies} replies, peak RSS {rss} KiB")
    if status == 0 and replies == 20895 and rss < 64 * 1024:
        passed += 1
    else:
        failed += 1
        print(f"FAIL bounded memory: exit {status}, {replies} replies, peak RSS {rss} KiB")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
