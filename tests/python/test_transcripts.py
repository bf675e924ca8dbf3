"""Issue 13, command line: transcript formats (swaks run live against a
loopback aiosmtpd, Postfix, Exim, Sendmail, C:/S:), advice per reply and
--fail-on, pasted input, JSON for jq, explain/ehlo inputs, usage and help,
streaming with bounded memory, I/O errors. Every test runs the installed
`smtpreply` command in a subprocess."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import threading
from typing import Any, Optional

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from smtpreply import TRANSCRIPT_FORMATS, Command, TranscriptReader, detect_format

FIXTURES = ROOT / "tests" / "python" / "fixtures" / "transcripts"
SCRIPT = shutil.which("smtpreply", path=os.path.dirname(sys.executable)) or "smtpreply"


def run(*args: str, data: bytes = b"", stdin: Any = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([SCRIPT, *args], input=None if stdin is not None else data, stdin=stdin,
                          capture_output=True, check=False, timeout=120)


def records(got: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    text = got.stdout.decode("utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def summary(objs: list[dict[str, Any]]) -> list[tuple[int, Optional[str], str]]:
    return [(o["code"], o["command"], o["action"]) for o in objs]


# ---- point 1: transcript formats ---------------------------------------------------------
def test_swaks_fixture_from_a_real_run() -> None:
    got = run("parse", "--json", str(FIXTURES / "swaks-aiosmtpd.txt"))
    objs = records(got)
    assert got.returncode == 0
    assert summary(objs) == [
        (220, "greeting", "done"), (250, "ehlo", "done"), (250, "mail", "done"), (250, "rcpt", "done"),
        (550, "rcpt", "give_up"), (452, "rcpt", "retry_later"), (354, "data", "continue_request"),
        (250, "end_of_data", "done"), (221, "quit", "done"),
    ]
    assert {o["format"] for o in objs} == {"swaks"} and all(o["check"] == "listed" for o in objs)
    assert objs[1]["lines"] == ["localhost", "SIZE 33554432", "8BITMIME", "SMTPUTF8", "HELP"]
    assert objs[4]["reason"] == "user_unknown" and objs[5]["reason"] == "mailbox_full"
    two = records(run("parse", "--json", str(FIXTURES / "swaks-multiline-550.txt")))
    assert two[3]["lines"] == ["5.7.1 Message rejected by policy", "5.7.1 See https://example.org/policy"]


def _swaks(port: int, *args: str) -> bytes:
    swaks = shutil.which("swaks")
    if swaks is None:
        pytest.skip("swaks is not installed (Debian package swaks; scripts/test.d/35-debian-packages.sh installs it)")
    done = subprocess.run([swaks, "--server", f"127.0.0.1:{port}", "--helo", "client.example", *args],
                          capture_output=True, check=False, timeout=60)
    return done.stdout


def test_live_swaks_against_loopback_aiosmtpd(smtp_server: tuple[str, int]) -> None:
    transcript = _swaks(smtp_server[1], "--from", "a@example.org", "--to", "b@example.org,full@example.org")
    assert transcript.startswith(b"=== Trying 127.0.0.1:")
    got = run("parse", "--json", data=transcript)
    assert got.returncode == 0, got.stderr
    assert summary(records(got)) == [
        (220, "greeting", "done"), (250, "ehlo", "done"), (250, "mail", "done"), (250, "rcpt", "done"),
        (452, "rcpt", "retry_later"), (354, "data", "continue_request"), (250, "end_of_data", "done"),
        (221, "quit", "done"),
    ]
    # a 421 to MAIL, and --fail-on for scripts
    refused = _swaks(smtp_server[1], "--from", "shutdown@example.org", "--to", "b@example.org")
    assert run("parse", data=refused).returncode == 0
    failed = run("parse", "--fail-on", "4xx", data=refused)
    assert failed.returncode == 5 and b"reconnect" in failed.stdout
    assert run("parse", "--fail-on", "5xx", data=refused).returncode == 0
    assert run("parse", "--fail-on", "give_up,reconnect", data=refused).returncode == 5
    # the EHLO reply out of the same transcript
    ehlo = run("ehlo", "--json", data=refused)
    assert ehlo.returncode == 0 and json.loads(ehlo.stdout)["capabilities"][0] == {
        "keyword": "SIZE", "params": ["33554432"]}


def test_postfix_chat_lines_by_session() -> None:
    objs = records(run("parse", "--json", str(FIXTURES / "postfix-debug-peer.log")))
    client = [o for o in objs if o["session"] == "postfix/smtp[21934]"]
    server = [o for o in objs if o["session"] == "postfix/smtpd[21940]"]
    assert summary(server) == [(220, "greeting", "done"), (250, "ehlo", "done")]
    assert summary(client) == [
        (220, "greeting", "done"), (250, "ehlo", "done"), (250, "mail", "done"), (250, "rcpt", "done"),
        (452, "rcpt", "retry_later"), (354, "data", "continue_request"), (250, "end_of_data", "done"),
        (221, "quit", "done"),
        (220, "greeting", "done"), (250, "ehlo", "done"),  # the same process's next connection
    ]
    assert all(o["format"] == "postfix" and o["check"] == "listed" for o in objs)


def test_postfix_said_lines_keep_their_command() -> None:
    got = run("parse", "--json", str(FIXTURES / "postfix-said.log"))
    objs = records(got)
    assert got.returncode == 0
    assert [(o["line"], o["code"], o["command"], o["action"], o["reason"]) for o in objs] == [
        (2, 550, "rcpt", "give_up", "user_unknown"),
        (3, 552, "rcpt", "retry_later", "mailbox_full"),   # 552 to RCPT is 452 (RFC 5321 4.5.3.1.10)
        (4, 554, "end_of_data", "give_up", "spam"),
        (5, 421, "greeting", "retry_other_host", "too_many_connections"),
        (6, 451, "mail", "retry_later", "greylisted"),
    ]
    assert objs[1]["lines"] == ["5.2.2 The email account that you tried to reach is over quota.",
                                "5.2.2 Please direct the recipient to https://support.example.net/answer/6558"]


def test_exim_debug_and_main_log() -> None:
    objs = records(run("parse", "--json", str(FIXTURES / "exim-debug.txt")))
    assert summary(objs) == [
        (220, "greeting", "done"), (250, "ehlo", "done"), (250, "mail", "done"), (250, "rcpt", "done"),
        (550, "rcpt", "give_up"), (354, "data", "continue_request"), (250, "end_of_data", "done"),
        (221, "quit", "done"),
    ]
    assert objs[1]["lines"][-1] == "HELP" and len(objs[1]["lines"]) == 6
    main = records(run("parse", "--json", str(FIXTURES / "exim-main.log")))
    assert [(o["code"], o["command"], o["action"]) for o in main] == [
        (550, "rcpt", "give_up"), (451, "rcpt", "retry_later"), (554, "end_of_data", "give_up"),
        (421, "greeting", "retry_other_host")]


def test_postfix_from_a_real_run() -> None:
    """Postfix 3.7 with debug_peer_list = 127.0.0.1: its smtp client delivering to
    aiosmtpd, its smtpd receiving from swaks (fixtures/README.md)."""
    got = run("parse", "--json", str(FIXTURES / "postfix-debug-peer-real.log"))
    objs = records(got)
    assert got.returncode == 0
    client = [(o["line"], o["code"], o["command"], o["action"]) for o in objs if o["session"] == "postfix/smtp[10707]"]
    server = [(o["code"], o["command"], o["action"]) for o in objs if o["session"] == "postfix/smtpd[10709]"]
    assert client[:9] == [
        (7, 220, "greeting", "done"), (9, 250, "ehlo", "done"), (18, 250, "mail", "done"), (21, 250, "rcpt", "done"),
        (24, 550, "rcpt", "give_up"), (55, 552, "rcpt", "retry_later"), (85, 550, "rcpt", "give_up"),
        (115, 354, "data", "continue_request"), (119, 250, "end_of_data", "done")]
    assert client[9][:3] == (129, 220, "greeting")  # the next connection: Postfix logs no reply to QUIT
    assert client[-2:] == [(411, 451, "mail", "retry_later"), (444, 250, "rset", "done")]
    # smtpd logs no message content: its 250 still answers the end of DATA
    assert server == [(220, "greeting", "done"), (250, "ehlo", "done"), (250, "mail", "done"), (250, "rcpt", "done"),
                      (354, "data", "continue_request"), (250, "end_of_data", "done"), (221, "quit", "done")]
    assert all(o["check"] == "listed" for o in objs)  # the "send attr reason = ..." lines are not replies
    status = records(run("parse", "--json", str(FIXTURES / "postfix-status-real.log")))
    assert [(o["line"], o["code"], o["command"], o["action"], o["reason"]) for o in status] == [
        (1, 550, "rcpt", "give_up", "policy_violation"), (2, 552, "rcpt", "retry_later", "mailbox_full"),
        (3, 550, "rcpt", "give_up", "user_unknown"), (4, 250, "end_of_data", "done", "delivered"),
        (5, 250, "end_of_data", "done", "delivered"), (7, 250, "end_of_data", "done", "delivered"),
        (8, 451, "mail", "retry_later", "greylisted")]
    assert status[0]["lines"] == ["5.7.1 Message rejected by policy", "5.7.1 See https://example.org/policy"]
    swaks = records(run("parse", "--json", str(FIXTURES / "swaks-postfix-real.txt")))
    assert [o["command"] for o in swaks] == ["greeting", "ehlo", "mail", "rcpt", "data", "end_of_data", "quit"]
    assert len(swaks[1]["lines"]) == 10 and swaks[1]["lines"][-1] == "CHUNKING"


def test_postfix_smtpd_reject_lines() -> None:
    line = (b"Nov 29 10:00:00 mail postfix/smtpd[3]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 550 5.1.1 "
            b"<x@example.org>: Recipient address rejected: User unknown in local recipient table; "
            b"from=<a@example.net> to=<x@example.org> proto=ESMTP helo=<client>\n")
    (obj,) = records(run("parse", "--json", data=line))
    assert (obj["code"], obj["command"], obj["action"], obj["reason"]) == (550, "rcpt", "give_up", "user_unknown")


def test_exim_from_a_real_run() -> None:
    """exim4 -d+transport delivering to aiosmtpd on 127.0.0.1 (fixtures/README.md)."""
    got = run("parse", "--json", str(FIXTURES / "exim-debug-real.txt"))
    objs = records(got)
    assert got.returncode == 0
    session = [(220, "greeting", "done"), (250, "ehlo", "done"), (250, "mail", "done"), (250, "rcpt", "done")]
    ending = [(354, "data", "continue_request"), (250, "end_of_data", "done"), (221, "quit", "done")]
    assert summary(objs) == session + [(550, "rcpt", "give_up"), (452, "rcpt", "retry_later"),
                                       (550, "rcpt", "give_up")] + ending + session + ending  # then the bounce
    assert objs[1]["lines"] == ["localhost", "SIZE 33554432", "8BITMIME", "SMTPUTF8", "HELP"]  # debug lines between
    assert objs[6]["lines"] == ["5.7.1 Message rejected by policy", "5.7.1 See https://example.org/policy"]
    main = records(run("parse", "--json", str(FIXTURES / "exim-mainlog-real.log")))
    assert [(o["code"], o["command"], o["action"], o["reason"]) for o in main] == [
        (550, "rcpt", "give_up", "user_unknown"), (452, "rcpt", "retry_later", "mailbox_full"),
        (550, "rcpt", "give_up", "policy_violation")]
    assert main[2]["lines"] == objs[6]["lines"]  # the "\n" Exim writes between lines


def test_sendmail_transcript() -> None:
    objs = records(run("parse", "--json", str(FIXTURES / "sendmail-dsn.txt")))
    assert summary(objs) == [(250, "mail", "done"), (550, "rcpt", "give_up"), (503, "data", "fix_request"),
                             (452, "rcpt", "retry_later")]
    assert objs[-1]["lines"] == ["4.2.2 Mailbox full", "4.2.2 Try again later"]


def test_cs_transcripts_still_work_and_from_overrides() -> None:
    data = b"S: 220 mx\nC: EHLO me\nS: 250 mx\nC: RCPT TO:<a@b>\nS: 552 5.2.2 full\n"
    objs = records(run("parse", "--json", data=data))
    assert summary(objs) == [(220, "greeting", "done"), (250, "ehlo", "done"), (552, "rcpt", "retry_later")]
    assert objs[0]["format"] == "cs"
    raw = run("parse", "--json", "--from", "raw", data=b"250 ok\r\n")
    assert records(raw)[0]["code"] == 250 and "format" not in records(raw)[0]


def test_reader_api_and_detection() -> None:
    assert detect_format(b"<-  220 mx") == "swaks"
    assert detect_format(b"Nov 29 10:00:00 h postfix/smtp[1]: > mx[1.2.3.4]:25: QUIT") == "postfix"
    assert detect_format(b"  SMTP<< 220 mx") == "exim" and detect_format(b">>> DATA") == "sendmail"
    assert detect_format(b"S: 220 mx") == "cs" and detect_format(b"220 mx") is None
    # Exim's debug output has these; they claim nothing
    assert detect_format(b">>>>>>>>>>>>>>>> deliveries are done >>>>>>>>>>>>>>>>") is None
    assert detect_format(b"S:journalling alice@example.org") is None
    reader = TranscriptReader()
    got = [r for line in (FIXTURES / "exim-main.log").read_bytes().splitlines() for r in reader.feed_line(line)]
    assert [r.result.answered for r in got] == [Command.RCPT, Command.RCPT, Command.END_OF_DATA, Command.GREETING]
    with pytest.raises(ValueError):
        TranscriptReader("qmail")


# ---- point 2: what a person pastes --------------------------------------------------------
def test_lf_endings_error_names_the_option() -> None:
    got = run("parse", data=b"250-mx\n250 ok\n")
    assert got.returncode == 1 and b"--lenient" in got.stderr and b"pasted" in got.stderr
    ok = run("parse", "--lenient", "--json", data=b"250-mx\n250 ok\n")
    assert ok.returncode == 0 and records(ok)[0]["flags"] == ["bare_lf"]


def test_unterminated_last_line() -> None:
    got = run("parse", data=b"550 5.1.1 no such user")
    assert got.returncode == 3 and b"--unterminated-ok" in got.stderr
    ok = run("parse", "--unterminated-ok", "--json", data=b"250 ok\r\n550 5.1.1 no such user")
    objs = records(ok)
    assert ok.returncode == 0 and [o["code"] for o in objs] == [250, 550]
    assert "unterminated" not in objs[0] and objs[1]["unterminated"] is True
    table = run("parse", "--unterminated-ok", data=b"550 5.1.1 no such user")
    assert table.returncode == 0 and b"no final line ending" in table.stdout
    # a pasted transcript's last line needs no line ending
    assert records(run("parse", "--json", data=b"S: 220 mx\nC: QUIT\nS: 221 bye"))[-1]["code"] == 221


# ---- point 3: JSON for jq, the table's escapes ---------------------------------------------
def test_every_subcommand_has_json_lines() -> None:
    cases = [
        (["parse", "--json"], b"250 ok\r\n"),
        (["ehlo", "--json"], b"250-mx\r\n250 SIZE 10\r\n"),
        (["explain", "--json", "421"], b""),
        (["explain", "--json", "550 5.1.1 user unknown"], b""),
        (["compare", "--json", "250", "421"], b""),
        (["classify", "--json"], b"550 5.1.1 user unknown\n"),
    ]
    for args, data in cases:
        got = run(*args, data=data)
        assert got.returncode == 0, (args, got.stderr)
        lines = got.stdout.decode("utf-8").split("\n")
        assert lines[-1] == "" and len(lines) >= 2, args
        for line in lines[:-1]:
            assert isinstance(json.loads(line), dict), args


def test_table_escapes_code_points_above_ff_as_u() -> None:
    got = run("parse", "--lenient", data="250 a\u200bb\U000e0001c\x01 café ".encode("utf-8") + b"\xfe\r\n")
    assert got.returncode == 0
    text = got.stdout.decode("utf-8")
    assert "a\\u200bb\\U000e0001c\\x01 café" in text and "\\xfe" in text and "\\x200b" not in text


# ---- point 4: advice ------------------------------------------------------------------------
def test_fail_on_raw_replies_and_actions() -> None:
    data = b"250 ok\r\n452 4.2.2 full\r\n"
    assert run("parse", data=data).returncode == 0
    assert run("parse", "--fail-on", "5xx", data=data).returncode == 0
    assert run("parse", "--fail-on", "4xx", data=data).returncode == 5
    assert run("parse", "--fail-on", "retry_later", data=data).returncode == 5
    assert run("parse", "--fail-on", "5xx", "--fail-on", "give_up", data=data).returncode == 0


# ---- point 5: explain, ehlo, usage, help ---------------------------------------------------
def test_explain_takes_a_whole_reply_from_an_argument_or_stdin() -> None:
    arg = run("explain", "--json", "552 5.2.2 Mailbox full", "--command", "rcpt")
    doc = json.loads(arg.stdout)
    assert doc["classification"]["reason"] == "mailbox_full" and doc["code"]["code"] == 552
    piped = run("explain", "--json", "--command", "rcpt", data=b"552-5.2.2 Mailbox full\r\n552 5.2.2 try later\r\n")
    assert piped.returncode == 0 and json.loads(piped.stdout)["classification"]["action"] == "retry_later"
    assert run("explain", data=b"421\n").returncode == 0


def test_ehlo_picks_the_reply_out_of_a_banner_dump() -> None:
    got = run("ehlo", "--json", data=b"220 mx.example.org ESMTP\r\n250-mx.example.org\r\n250 SIZE 1000\r\n")
    assert got.returncode == 0 and json.loads(got.stdout)["size"] == {"advertised": True, "limit": 1000}
    only = run("ehlo", data=b"220 mx.example.org ESMTP\r\n")
    assert only.returncode == 1 and b"no reply to EHLO" in only.stderr


def test_no_subcommand_is_usage_on_stderr() -> None:
    got = run()
    assert got.returncode == 2 and got.stdout == b"" and b"usage:" in got.stderr


def test_help_is_wrapped_and_lists_only_its_exit_codes() -> None:
    env = dict(os.environ, COLUMNS="80")
    for command, codes in {"parse": "012345", "ehlo": "0123", "explain": "02", "compare": "02",
                           "classify": "02"}.items():
        got = subprocess.run([SCRIPT, command, "--help"], capture_output=True, check=True, env=env).stdout.decode()
        long_lines = [line for line in got.splitlines() if len(line) > 80 and not line.startswith("  ")]
        assert not long_lines, (command, long_lines)
        section = got.split("exit status:")[1]
        assert "".join(re.findall(r"(?m)^  (\d)  ", section)) == codes, command


# ---- point 6: streaming ----------------------------------------------------------------------
def test_parse_prints_each_reply_while_the_input_is_open() -> None:
    for args in (["parse", "--json"], ["parse", "--json", "--from", "swaks"]):
        proc = subprocess.Popen([SCRIPT, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert proc.stdin is not None and proc.stdout is not None
        first = b"220 mx ready\r\n" if "swaks" not in args else b"<-  220 mx ready\n"
        proc.stdin.write(first)
        proc.stdin.flush()
        line = proc.stdout.readline()  # returns before the input is closed
        assert json.loads(line)["code"] == 220
        proc.stdin.write(b"221 bye\r\n" if "swaks" not in args else b" -> QUIT\n<-  221 bye\n")
        proc.stdin.close()
        assert json.loads(proc.stdout.readline())["code"] == 221
        proc.stdout.close()
        assert proc.wait(timeout=60) == 0


def _peak_rss_kib(args: list[str], block: bytes, total: int, tmp: pathlib.Path) -> tuple[int, int, bytes]:
    """Streams `total` bytes (`block` repeated) into `smtpreply ARGS`; returns
    its exit status, peak RSS in KiB and the last output line. GNU time
    measures: the child of a small process, because a child that Python
    forks (or vforks) starts its peak at the size of the test process."""
    if not os.path.exists("/usr/bin/time"):
        pytest.skip("needs GNU time (Debian package time; scripts/test.d/35-debian-packages.sh installs it)")
    report = tmp / "rss"
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", str(report), SCRIPT, *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    tail: list[bytes] = [b""]

    def drain() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            tail[0] = line

    reader = threading.Thread(target=drain)
    reader.start()
    sent = 0
    while sent < total:
        proc.stdin.write(block)
        sent += len(block)
    proc.stdin.close()
    reader.join()
    proc.stdout.close()
    status = proc.wait(timeout=600)
    return status, int(report.read_text().split()[-1]), tail[0]


def test_200_mb_of_replies_stream_in_bounded_memory(tmp_path: pathlib.Path) -> None:
    reply = b"".join(b"250-" + b"x" * 1000 + b"\r\n" for _ in range(9)) + b"250 " + b"y" * 1000 + b"\r\n"
    block = reply * ((1 << 20) // len(reply) + 1)
    total = 200 * (1 << 20)
    status, rss, last = _peak_rss_kib(["parse", "--json"], block, total, tmp_path)
    assert status == 0 and json.loads(last)["code"] == 250
    print(f"smtpreply parse --json, {total >> 20} MiB in: peak RSS {rss / 1024:.1f} MiB")
    assert rss < 100 * 1024  # KiB: a generous bound; the figure is in docs/python.md


def test_a_long_transcript_streams_in_bounded_memory(tmp_path: pathlib.Path) -> None:
    session = (FIXTURES / "swaks-aiosmtpd.txt").read_bytes()
    block = session * ((1 << 18) // len(session) + 1)
    status, rss, last = _peak_rss_kib(["parse", "--json", "--from", "swaks"], block, 8 * (1 << 20), tmp_path)
    assert status == 0 and json.loads(last)["code"] == 221
    print(f"smtpreply parse --json --from swaks, 8 MiB in: peak RSS {rss / 1024:.1f} MiB")
    assert rss < 100 * 1024


# ---- point 7: I/O errors ------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["parse", "ehlo", "classify"])
def test_a_directory_as_input_is_one_line_and_status_2(command: str, tmp_path: pathlib.Path) -> None:
    got = run(command, str(tmp_path))
    assert got.returncode == 2 and b"Traceback" not in got.stderr
    assert got.stderr.decode().strip().count("\n") == 0 and "Is a directory" in got.stderr.decode()
    with open(os.devnull, "rb") as empty:
        assert run(command, stdin=empty).returncode in (0, 1, 3)  # empty stdin is not an I/O error


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["parse"], ["parse", "--json"], ["explain", "421"], ["compare", "250", "421"],
                                  ["ehlo"], ["classify"]])
def test_a_write_error_is_one_line_and_status_2(args: list[str]) -> None:
    data = b"250-mx\r\n250 SIZE 10\r\n" if args[0] in ("parse", "ehlo") else b"550 5.1.1 unknown\n"
    with open("/dev/full", "wb") as full:
        got = subprocess.run([SCRIPT, *args], input=data, stdout=full, stderr=subprocess.PIPE, check=False,
                             timeout=60)
    assert got.returncode == 2, got.stderr
    assert got.stderr.decode().count("\n") == 1 and b"No space left on device" in got.stderr
    assert b"Traceback" not in got.stderr and b"Exception ignored" not in got.stderr


# ---- robustness: any lines, any format --------------------------------------------------------
_PREFIXES = [b"<-  ", b"<** ", b" -> ", b"S: ", b"C: ", b">>> ", b"<<< ", b"  SMTP<< ", b"  SMTP>> ", b"         ",
             b"Nov 29 10:00:00 h postfix/smtp[1]: < mx[192.0.2.1]:25: ",
             b"Nov 29 10:00:00 h postfix/smtpd[2]: > c[192.0.2.2]: ",
             b"Nov 29 10:00:00 h postfix/smtp[3]: Q: to=<a@b>, status=bounced (host h said: ",
             b"2026-11-29 10:00:00 X ** a@b: SMTP error from remote mail server after RCPT TO:<a@b>: "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PREFIXES),
                          st.binary(max_size=40) | st.sampled_from([b"250 ok", b"250-x", b"354 go", b"550 5.1.1 no",
                                                                     b"DATA", b".", b"QUIT", b"221 bye"])),
                max_size=30),
       st.sampled_from([None, "swaks", "postfix", "exim", "sendmail", "cs"]))
def test_reader_raises_only_value_errors(lines: list[tuple[bytes, bytes]], fmt: Optional[str]) -> None:
    reader = TranscriptReader(fmt, lenient=True)
    try:
        for prefix, text in lines:
            for r in reader.feed_line(prefix + text):
                assert 1 <= r.line <= reader.line and r.format in TRANSCRIPT_FORMATS
        reader.finish()
    except ValueError:  # ParseError, TranscriptError: the documented errors
        pass
