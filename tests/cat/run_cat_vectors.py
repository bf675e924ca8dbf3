#!/usr/bin/env python3
"""Runs smtpreply-cat over every tests/cat/*.in file and compares its output
with the matching .out file (JSON lines) and its exit status (first line of
.out: "# exit N" and optional "# args ..."). Each vector is also fed in
chunks of 1, 2, 3 and 7 bytes: the output must not change."""
import pathlib
import subprocess
import sys


def main() -> int:
    cat, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    passed = failed = 0
    for vector in sorted(folder.glob("*.in")):
        expected_lines = vector.with_suffix(".out").read_text().splitlines()
        header = [l for l in expected_lines if l.startswith("# ")]
        body = [l for l in expected_lines if not l.startswith("# ")]
        exit_code = int(next(l.split()[2] for l in header if l.startswith("# exit")))
        args = next((l.split()[2:] for l in header if l.startswith("# args")), [])
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
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
