"""The `smtpreply` command: the smtpreply-cat vectors through `smtpreply
parse --json`, the table, exit codes, help."""

from __future__ import annotations

import io
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
import smtpreply
from conftest import ROOT
from smtpreply import cli

VECTORS = sorted((ROOT / "tests" / "cat").glob("*.in"))
SCRIPT = shutil.which("smtpreply", path=os.path.dirname(sys.executable)) or "smtpreply"


def expected(vector: pathlib.Path) -> tuple[list[str], int, list[str]]:
    lines = vector.with_suffix(".out").read_text().splitlines()
    header = [line for line in lines if line.startswith("# ")]
    body = [line for line in lines if not line.startswith("# ")]
    status = int(next(line.split()[2] for line in header if line.startswith("# exit")))
    args = next((line.split()[2:] for line in header if line.startswith("# args")), [])
    return body, status, args


def run(*args: str, data: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([SCRIPT, *args], input=data, capture_output=True, check=False, env=env, timeout=60)


def test_there_are_vectors() -> None:
    assert len(VECTORS) >= 5


@pytest.mark.parametrize("vector", VECTORS, ids=[v.stem for v in VECTORS])
@pytest.mark.parametrize("chunk", [None, 1, 2, 3, 7])
def test_cat_vectors_through_the_console_script(vector: pathlib.Path, chunk: int | None) -> None:
    body, status, args = expected(vector)
    extra = [] if chunk is None else ["--chunk", str(chunk)]
    got = run("parse", "--json", *args, *extra, data=vector.read_bytes())
    assert got.stdout.decode().splitlines() == body
    assert got.returncode == status


@pytest.mark.parametrize("vector", VECTORS[:2], ids=[v.stem for v in VECTORS[:2]])
def test_file_argument_and_python_m(vector: pathlib.Path) -> None:
    body, status, args = expected(vector)
    got = subprocess.run(
        [sys.executable, "-m", "smtpreply", "parse", "--json", *args, str(vector)],
        capture_output=True, check=False, timeout=60,
    )
    assert (got.stdout.decode().splitlines(), got.returncode) == (body, status)


def test_json_keeps_utf8_and_escapes_only_invalid_bytes() -> None:
    raw = b'250 a"b\\c \x7f\x01 caf\xc3\xa9 \xff\xe2\x82\r\n'
    got = run("parse", "--json", "--lenient", data=raw)
    line = got.stdout.decode("utf-8")  # valid UTF-8 throughout
    assert got.stdout.endswith(b"}\n") and line.count("\n") == 1
    assert line.strip() == ('{"offset": 0, "length": 24, "code": 250, "lines": ["a\\"b\\\\c \x7f\\u0001 café '
                            '\\udcff\\udce2\\udc82"], "enhanced": null, '
                            '"flags": ["invalid_utf8", "control_character"]}')
    decoded = json.loads(line)
    assert decoded["lines"][0].encode("utf-8", "surrogateescape") == b'a"b\\c \x7f\x01 caf\xc3\xa9 \xff\xe2\x82'
    assert json.loads(line) == smtpreply.parse(raw, lenient=True).to_dict()


def test_table_output() -> None:
    got = run("parse", data=(ROOT / "tests/cat/basic.in").read_bytes())
    text = got.stdout.decode()
    assert got.returncode == 0 and "\033[" not in text  # no colour when piped
    rows = text.splitlines()
    assert rows[0].split() == ["offset", "code", "enhanced", "class", "text"]
    assert rows[1].split()[:5] == ["0", "220", "-", "positive", "completion"]
    assert rows[2].strip() == "ready"
    assert "2.1.0" in rows[3] and "flags: esc_hash_prefix" in rows[5]


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    raw = b"550 5.1.1 no\r\n"
    assert "\033[31m550" in run("parse", "--color", "always", data=raw).stdout.decode()
    assert "\033[" not in run("parse", "--color", "never", data=raw).stdout.decode()
    assert not cli.use_colour("auto", io.StringIO())  # not a terminal


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_on_a_terminal_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert cli.use_colour("auto", Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli.use_colour("auto", Tty())
    assert cli.use_colour("always", Tty())


def test_table_errors_go_to_stderr_with_the_exit_code() -> None:
    got = run("parse", data=b"250 ok\r\n250-x\n")
    assert got.returncode == 1 and b"bare_lf" in got.stderr and b"at byte 13" in got.stderr
    assert b"250" in got.stdout
    got = run("parse", data=b"250-x\r\n")
    assert got.returncode == 3 and b"inside a reply" in got.stderr


@pytest.mark.parametrize(
    "args",
    [["parse", "--chunk", "0"], ["parse", "--chunk", "x"], ["parse", "--max-line-octets", "4294967296"],
     ["parse", "--bogus"], ["frobnicate"], [], ["parse", "--fail-on", "6xx"], ["parse", "--from", "qmail"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    got = run(*args)
    assert got.returncode == 2 and got.stdout == b"" and b"usage: smtpreply" in got.stderr


def test_unreadable_file_exits_2(tmp_path: pathlib.Path) -> None:
    got = run("parse", str(tmp_path / "missing.bin"))
    assert got.returncode == 2 and b"missing.bin" in got.stderr


def test_help_explains_commands_and_exit_codes() -> None:
    top = run("--help")
    assert top.returncode == 0
    for word in (b"parse", b"exit status", b"stdin"):
        assert word in top.stdout
    sub = run("parse", "--help").stdout
    for word in (b"--json", b"--lenient", b"--chunk", b"--max-line-octets", b"--max-reply-octets",
                 b"--max-reply-lines", b"3  the input ended inside a reply"):
        assert word in sub
    assert run("--version").stdout.decode().startswith("smtpreply ")


def test_in_process_main_matches_the_script() -> None:
    vector = ROOT / "tests/cat/lenient.in"
    body, status, args = expected(vector)
    out = io.StringIO()
    assert cli.main(["parse", "--json", *args, str(vector)], out=out) == status
    assert out.getvalue().splitlines() == body


def test_limits_options_reach_the_parser() -> None:
    raw = b"250-a\r\n250-b\r\n250 c\r\n"
    assert run("parse", "--json", "--max-reply-lines", "2", data=raw).stdout.strip() == (
        b'{"error": "too_many_lines", "offset": 14}'
    )
    assert run("parse", "--json", "--max-reply-octets", "10", data=raw).returncode == 1
    assert run("parse", "--json", "--max-reply-lines", "3", data=raw).returncode == 0
