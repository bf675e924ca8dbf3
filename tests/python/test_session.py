"""check_reply(), the command/code table, PipelineTracker, transcripts, and
the `smtpreply ehlo` and `smtpreply parse` (transcript mode) commands."""

from __future__ import annotations

import io
import json
import pathlib

import pytest
import smtpreply
from hypothesis import given, settings
from hypothesis import strategies as st
from smtpreply import (
    CodeCheck,
    Command,
    PipelineTracker,
    ReplyRole,
    TrackFlag,
    TranscriptError,
    check_reply,
    check_transcript,
    cli,
    command_from_line,
    expected_replies,
)
from test_cli import run

# ---- check_reply and the table ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "code", "check"),
    [
        (Command.GREETING, 220, CodeCheck.LISTED),
        (Command.GREETING, 554, CodeCheck.LISTED),
        (Command.GREETING, 421, CodeCheck.ANY_COMMAND),
        (Command.GREETING, 500, CodeCheck.NOT_LISTED),  # not a command: only 421 is universal
        (Command.EHLO, 250, CodeCheck.LISTED),
        (Command.MAIL, 552, CodeCheck.LISTED),
        (Command.RCPT, 251, CodeCheck.LISTED),
        (Command.RCPT, 501, CodeCheck.ANY_COMMAND),
        (Command.DATA, 354, CodeCheck.LISTED),
        (Command.DATA, 250, CodeCheck.NOT_LISTED),  # "250 2.0.0 Resetting" to DATA
        (Command.END_OF_DATA, 250, CodeCheck.LISTED),
        (Command.END_OF_DATA, 354, CodeCheck.NOT_LISTED),
        (Command.RSET, 250, CodeCheck.LISTED),
        (Command.QUIT, 221, CodeCheck.LISTED),
        (Command.QUIT, 250, CodeCheck.NOT_LISTED),
        (Command.AUTH, 334, CodeCheck.LISTED),
        (Command.AUTH, 535, CodeCheck.LISTED),
        (Command.STARTTLS, 220, CodeCheck.LISTED),
        (Command.STARTTLS, 454, CodeCheck.LISTED),
        (Command.BDAT, 250, CodeCheck.LISTED),
        (Command.NONE, 250, CodeCheck.UNKNOWN_COMMAND),
    ],
)
def test_check_reply(command: Command, code: int, check: CodeCheck) -> None:
    assert check_reply(command, code) is check
    assert check_reply(command, smtpreply.parse(f"{code} x\r\n")) is check


def test_check_reply_rejects_bad_codes() -> None:
    with pytest.raises(ValueError):
        check_reply(Command.MAIL, 1000)
    with pytest.raises(TypeError):
        check_reply(Command.MAIL, "250")  # type: ignore[arg-type]


def test_expected_replies_agree_with_check_reply() -> None:
    for command in Command:
        listed = {int(r.code) for r in expected_replies(command)}
        for code in range(1000):
            check = check_reply(command, code)
            if command is Command.NONE:
                assert check is CodeCheck.UNKNOWN_COMMAND
            else:
                assert (check is not CodeCheck.NOT_LISTED) == (code in listed), (command, code)


def test_the_table_has_sources_and_roles() -> None:
    rows = expected_replies()
    assert len(rows) > 90
    assert all(r.source.startswith("RFC ") for r in rows)
    assert not [r for r in rows if r.command is Command.NONE]
    # The rows RFC 5321 4.3.2 allows for every command are marked, not repeated as a pseudo-command.
    assert {int(r.code) for r in rows if r.any_command} == {421, 500, 501, 521}
    assert not [r for r in rows if r.command is Command.QUIT and int(r.code) == 521]
    roles = {(r.command, int(r.code)): r.role for r in rows}
    assert roles[(Command.DATA, 354)] is ReplyRole.INTERMEDIATE and roles[(Command.AUTH, 334)] is ReplyRole.INTERMEDIATE
    assert roles[(Command.MAIL, 250)] is ReplyRole.SUCCESS and roles[(Command.RCPT, 550)] is ReplyRole.ERROR
    assert any(r.source == "RFC 7504 section 3" and int(r.code) == 521 for r in expected_replies(Command.GREETING))


@pytest.mark.parametrize(
    ("line", "command"),
    [
        ("EHLO client.example.org", Command.EHLO),
        ("helo x", Command.HELO),
        ("MAIL FROM:<a@example.org> SIZE=100", Command.MAIL),
        ("rcpt to:<b@example.org>", Command.RCPT),
        ("DATA\r\n", Command.DATA),
        (".", Command.END_OF_DATA),
        (".\r\n", Command.END_OF_DATA),
        ("BDAT 86 LAST", Command.BDAT),
        ("StartTLS", Command.STARTTLS),
        ("AUTH PLAIN dGVzdA==", Command.AUTH),
        ("QUIT", Command.QUIT),
        ("MAILX FROM:<a>", Command.NONE),
        ("..", Command.NONE),
        ("", Command.NONE),
    ],
)
def test_command_from_line(line: str, command: Command) -> None:
    assert command_from_line(line) is command
    assert command_from_line(line.encode()) is command


# ---- PipelineTracker -----------------------------------------------------------------------
def test_replies_pair_with_commands_by_count() -> None:
    t = PipelineTracker()
    for c in ("MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", Command.RCPT, "DATA"):
        assert t.push(c)
    assert (t.pending, t.front, t.pushed) == (4, Command.MAIL, 4)
    results = [t.on_reply(code) for code in (250, 550, 250, 354)]
    assert [r.answered for r in results] == [Command.MAIL, Command.RCPT, Command.RCPT, Command.DATA]
    assert [r.sequence for r in results] == [0, 1, 2, 3]
    assert all(r.check is CodeCheck.LISTED and r.flags == TrackFlag(0) and r.fits for r in results)
    assert [int(r.code) for r in results] == [250, 550, 250, 354]
    assert (t.pending, t.matched, t.unmatched, t.front) == (0, 4, 0, Command.NONE)


def test_one_reply_too_many_is_flagged_not_paired() -> None:  # nodemailer, MailKit, aiosmtplib
    t = PipelineTracker()
    t.push(Command.MAIL)
    t.push(Command.RCPT)
    assert t.on_reply(250).answered is Command.MAIL
    assert t.on_reply(250).answered is Command.RCPT
    extra = t.on_reply(smtpreply.parse(b"250 2.1.5 Ok\r\n"))
    assert extra.answered is Command.NONE and extra.unmatched and extra.sequence is None
    assert extra.flags == TrackFlag.NO_PENDING_COMMAND and not extra.fits
    # The next command still gets the next reply.
    t.push(Command.DATA)
    assert t.on_reply(354).answered is Command.DATA
    assert (t.replies, t.matched, t.unmatched) == (4, 3, 1)


def test_unsolicited_421() -> None:
    t = PipelineTracker()
    r = t.on_reply(421)
    assert r.flags == TrackFlag.UNSOLICITED_421 | TrackFlag.CLOSING and r.unmatched and r.fits
    t.push(Command.RCPT)
    answered = t.on_reply(421)
    assert answered.answered is Command.RCPT and answered.check is CodeCheck.ANY_COMMAND
    assert answered.flags == TrackFlag.CLOSING


def test_ehlo_not_250_and_codes_not_listed() -> None:
    t = PipelineTracker()
    t.push("EHLO me")
    r = t.on_reply(502)
    assert r.flags == TrackFlag.EHLO_NOT_250 and r.check is CodeCheck.LISTED
    t.push(Command.DATA)
    r = t.on_reply(250)
    assert r.flags == TrackFlag.CODE_NOT_LISTED and r.check is CodeCheck.NOT_LISTED and not r.fits


def test_a_full_ring_counts_what_it_cannot_store() -> None:
    t = PipelineTracker()
    assert t.capacity == 64
    assert all(t.push(Command.RCPT) for _ in range(64))
    assert not t.push(Command.QUIT)
    assert (t.pending, t.overflowed) == (65, 1)
    for _ in range(64):
        assert t.on_reply(250).answered is Command.RCPT
    last = t.on_reply(221)
    assert last.answered is Command.NONE and TrackFlag.UNTRACKED_COMMAND in last.flags and last.sequence == 64
    t.reset()
    assert (t.pushed, t.replies, t.pending) == (0, 0, 0)
    assert "pending=0" in repr(t)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(list(Command)), st.integers(0, 999)), max_size=300))
def test_tracker_against_a_model(events: list[Command | int]) -> None:
    """A list-based model of RFC 2920 counting: a ring of 64 names, and a
    count of the commands pushed after it filled."""
    t = PipelineTracker()
    stored: list[Command] = []
    lost = matched = 0
    for e in events:
        if isinstance(e, Command):
            fits = not lost and len(stored) < 64
            assert t.push(e) is fits
            if fits:
                stored.append(e)
            else:
                lost += 1
            continue
        r = t.on_reply(e)
        if stored:
            command = stored.pop(0)
            assert (r.answered, r.sequence, r.check) == (command, matched, check_reply(command, e))
            matched += 1
        elif lost:
            lost -= 1
            assert r.answered is Command.NONE and r.sequence == matched and TrackFlag.UNTRACKED_COMMAND in r.flags
            matched += 1
        else:
            assert r.unmatched and r.flags & (TrackFlag.NO_PENDING_COMMAND | TrackFlag.UNSOLICITED_421)
        assert (TrackFlag.CLOSING in r.flags) == (e in (221, 421))
        assert t.pushed == t.matched + t.pending and t.replies == t.matched + t.unmatched
        assert (t.matched, t.pending) == (matched, len(stored) + lost)


# ---- Transcripts -------------------------------------------------------------------------
# RFC 5321 Appendix D.1, as printed there (indented).
APPENDIX_D = b"""\
   S: 220 foo.com Simple Mail Transfer Service Ready
   C: EHLO bar.com
   S: 250-foo.com greets bar.com
   S: 250-8BITMIME
   S: 250-SIZE
   S: 250-DSN
   S: 250 HELP
   C: MAIL FROM:<Smith@bar.com>
   S: 250 OK
   C: RCPT TO:<Jones@foo.com>
   S: 250 OK
   C: RCPT TO:<Green@foo.com>
   S: 550 No such user here
   C: RCPT TO:<Brown@foo.com>
   S: 250 OK
   C: DATA
   S: 354 Start mail input; end with <CRLF>.<CRLF>
   C: Blah blah blah...
   C: ...etc. etc. etc.
   C: .
   S: 250 OK
   C: QUIT
   S: 221 foo.com Service closing transmission channel
"""

# RFC 2920 section 3.2 style: pipelined, with annotations.
PIPELINED = b"""\
S: <wait for open connection>
C: <open connection to server>
S: 220 innovation.fictional.com SMTP service ready
C: EHLO dbc.mtview.ca.us
S: 250-innovation.fictional.com
S: 250-PIPELINING
S: 250 DSN
C: MAIL FROM:<mrose@dbc.mtview.ca.us>
C: RCPT TO:<ned@innovation.fictional.com>
C: RCPT TO:<dan@innovation.fictional.com>
C: RCPT TO:<kvc@innovation.fictional.com>
C: DATA
S: 250 sender <mrose@dbc.mtview.ca.us> OK
S: 250 recipient <ned@innovation.fictional.com> OK
S: 250 recipient <dan@innovation.fictional.com> OK
S: 250 recipient <kvc@innovation.fictional.com> OK
S: 354 enter mail, end with line containing only "."
C: Subject: hello
C: QUIT is only text here
C: .
C: QUIT
S: 250 message sent
S: 221 goodbye
"""

APPENDIX_D_COMMANDS = [Command.GREETING, Command.EHLO, Command.MAIL, Command.RCPT, Command.RCPT, Command.RCPT,
                       Command.DATA, Command.END_OF_DATA, Command.QUIT]


def test_appendix_d_transcript() -> None:
    checked = check_transcript(APPENDIX_D)
    assert [c.result.answered for c in checked] == APPENDIX_D_COMMANDS
    assert [int(c.reply.code) for c in checked] == [220, 250, 250, 250, 550, 250, 354, 250, 221]
    assert [c.line for c in checked] == [1, 3, 9, 11, 13, 15, 17, 21, 23]
    assert all(c.result.check is CodeCheck.LISTED for c in checked)
    assert checked[1].reply.lines == ("foo.com greets bar.com", "8BITMIME", "SIZE", "DSN", "HELP")
    assert smtpreply.ehlo(checked[1].reply).dsn
    assert checked[-1].result.flags == TrackFlag.CLOSING


def test_pipelined_transcript_with_annotations() -> None:
    checked = check_transcript(PIPELINED.decode())
    assert [c.result.answered for c in checked] == APPENDIX_D_COMMANDS[:3] + [Command.RCPT] * 3 + [
        Command.DATA, Command.END_OF_DATA, Command.QUIT]
    assert all(c.result.fits and c.result.check is CodeCheck.LISTED for c in checked)


def test_auth_exchange_in_a_transcript() -> None:
    text = b"S: 220 mx\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: dXNlcg==\nS: 334 UGFzc3dvcmQ6\nC: cGFzcw==\n" \
           b"S: 235 2.7.0 Authentication successful\nC: XCLIENT NAME=x\nS: 220 ok\nC: NOOP\nS: 250 ok\n"
    checked = check_transcript(text)
    assert [c.result.answered for c in checked] == [Command.GREETING] + [Command.AUTH] * 3 + [
        Command.NONE, Command.NOOP]
    assert [c.result.check for c in checked][:4] == [CodeCheck.LISTED] * 4
    assert checked[4].result.check is CodeCheck.UNKNOWN_COMMAND and checked[4].result.fits


def test_transcript_misfits() -> None:
    text = b"S: 220 mx\nC: DATA\nS: 250 2.0.0 Resetting\nS: 250 one too many\n"
    checked = check_transcript(text)
    assert checked[1].result.check is CodeCheck.NOT_LISTED
    assert checked[2].result.flags == TrackFlag.NO_PENDING_COMMAND
    # A transcript that starts with the client has no greeting.
    assert check_transcript(b"C: NOOP\nS: 250 ok\n")[0].result.answered is Command.NOOP


def test_transcript_errors() -> None:
    with pytest.raises(TranscriptError) as info:
        check_transcript(b"S: 220 mx\n250 no prefix\n")
    assert (info.value.reason, info.value.line) == ("no_prefix", 2)
    with pytest.raises(smtpreply.ParseError) as perr:
        check_transcript(b"S: 220 mx\nC: EHLO x\nS: 250-mx\n")
    assert perr.value.reason == "incomplete"
    with pytest.raises(smtpreply.ParseError) as perr:
        check_transcript(b"S: 220 mx\nS: 2x0 bad\n")
    assert perr.value.reason == "invalid_code" and perr.value.offset == 9


# ---- The command line ---------------------------------------------------------------------
EHLO_REPLY = (b"250-mx.example.org Hello [192.0.2.1], we do STARTTLS\r\n250-SIZE 35882577\r\n"
              b"250-auth LOGIN plain\r\n250-AUTH=LOGIN\r\n250-X-Vendor Mixed Case\r\n250 starttls\r\n")


def test_ehlo_json_shape() -> None:
    got = run("ehlo", "--json", data=EHLO_REPLY)
    assert got.returncode == 0 and got.stderr == b""
    lines = got.stdout.decode().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0]) == {
        "domain": "mx.example.org",
        "greeting": "Hello [192.0.2.1], we do STARTTLS",
        "capabilities": [
            {"keyword": "SIZE", "params": ["35882577"]},
            {"keyword": "AUTH", "params": ["LOGIN", "plain", "LOGIN"]},
            {"keyword": "X-VENDOR", "params": ["Mixed", "Case"]},
            {"keyword": "STARTTLS", "params": []},
        ],
        "auth_mechanisms": ["LOGIN", "PLAIN"],
        "size": {"advertised": True, "limit": 35882577},
        "flags": ["duplicate_keyword", "legacy_auth"],
    }
    assert list(json.loads(lines[0])) == ["domain", "greeting", "capabilities", "auth_mechanisms", "size", "flags"]


@pytest.mark.parametrize(("raw", "size"), [(b"250-mx\r\n250 SIZE\r\n", {"advertised": True, "limit": None}),
                                           (b"250-mx\r\n250 SIZE 0\r\n", {"advertised": True, "limit": None}),
                                           (b"250 mx\r\n", {"advertised": False, "limit": None})])
def test_ehlo_json_size_without_a_limit(raw: bytes, size: dict[str, object]) -> None:
    assert json.loads(run("ehlo", "--json", data=raw).stdout)["size"] == size


def test_ehlo_json_escapes_bytes_like_parse() -> None:
    got = run("ehlo", "--json", data=b"250-mx.example.org caf\xc3\xa9\r\n250 PIPELINING\r\n")
    assert '"greeting": "café"'.encode() in got.stdout  # UTF-8 stays UTF-8
    assert json.loads(got.stdout)["greeting"].encode("utf-8", "surrogateescape") == b"caf\xc3\xa9"


@pytest.mark.parametrize(
    ("raw", "args", "status", "error"),
    [
        (b"502 5.5.2 Command not recognized\r\n", [], 1, {"error": "not_250", "code": 502}),
        (b"250-mx\r\n250 a\n", [], 1, {"error": "bare_lf", "offset": 13}),
        (b"250-mx\r\n", [], 3, {"error": "incomplete", "offset": 0}),
        (b"250 mx\r\n250 again\r\n", [], 1, {"error": "trailing_data", "offset": 8}),
    ],
)
def test_ehlo_errors(raw: bytes, args: list[str], status: int, error: dict[str, object]) -> None:
    got = run("ehlo", "--json", *args, data=raw)
    assert got.returncode == status
    assert [json.loads(line) for line in got.stdout.decode().splitlines()] == [error]
    table = run("ehlo", *args, data=raw)
    assert table.returncode == status and table.stdout == b"" and table.stderr


def test_ehlo_lenient_and_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "ehlo.bin"
    path.write_bytes(EHLO_REPLY.replace(b"\r\n", b"\n"))
    assert run("ehlo", "--json", str(path)).returncode == 1
    got = run("ehlo", "--json", "--lenient", str(path))
    assert got.returncode == 0 and json.loads(got.stdout)["auth_mechanisms"] == ["LOGIN", "PLAIN"]
    assert run("ehlo", str(tmp_path / "missing")).returncode == 2


def test_ehlo_table() -> None:
    got = run("ehlo", data=EHLO_REPLY)
    text = got.stdout.decode()
    assert got.returncode == 0 and "\033[" not in text
    rows = text.splitlines()
    assert rows[0].split() == ["domain", "mx.example.org"]
    assert any(r.split()[:2] == ["SIZE", "35882577"] and "RFC 1870" in r for r in rows)
    assert any(r.split()[0] == "X-VENDOR" and "unknown keyword" in r for r in rows)
    assert any(r.split() == ["auth", "LOGIN", "PLAIN"] for r in rows)
    assert rows[-1].split() == ["flags", "duplicate_keyword,", "legacy_auth"]


def transcript_objects(data: bytes, *args: str) -> tuple[list[dict[str, object]], int]:
    got = run("parse", "--json", *args, data=data)
    return [json.loads(line) for line in got.stdout.decode().splitlines()], got.returncode


def test_parse_detects_a_transcript() -> None:
    objects, status = transcript_objects(APPENDIX_D)
    assert status == 0
    assert [o["command"] for o in objects] == [c.name.lower() for c in APPENDIX_D_COMMANDS]
    assert all(o["check"] == "listed" for o in objects)
    assert [o["track"] for o in objects] == [[]] * 8 + [["closing"]]
    assert [o["line"] for o in objects] == [1, 3, 9, 11, 13, 15, 17, 21, 23]
    first = objects[0]
    assert list(first) == ["offset", "length", "code", "lines", "enhanced", "flags", "line", "command", "check",
                           "track", "action", "reason", "format", "session"]
    server = b"".join(line.split(b"S: ", 1)[1] + b"\r\n" for line in APPENDIX_D.splitlines() if b"S: " in line)
    for o in objects:  # offsets count the server bytes (prefix stripped, CRLF restored)
        start, length = o["offset"], o["length"]
        assert isinstance(start, int) and isinstance(length, int)
        assert server[start:start + length].startswith(str(o["code"]).encode())
    assert objects[-1]["offset"] + objects[-1]["length"] == len(server)  # type: ignore[operator]


def test_parse_transcript_flag_and_exit_codes() -> None:
    objects, status = transcript_objects(b"S: 220 mx\nC: DATA\nS: 250 2.0.0 Resetting\nS: 421 bye\n", "--transcript")
    assert status == 4
    assert [(o["command"], o["check"], o["track"]) for o in objects] == [
        ("greeting", "listed", []), ("data", "not_listed", ["code_not_listed"]),
        (None, "unknown_command", ["unsolicited_421", "closing"])]
    objects, status = transcript_objects(b"S: 220 mx\nC: RSET\nS: 250 ok\nS: 250 again\n")
    assert status == 4 and objects[-1]["track"] == ["no_pending_command"]
    objects, status = transcript_objects(b"S: 220 mx\nC: EHLO x\nS: 250-mx\n")
    assert status == 3 and objects[-1] == {"incomplete": True, "offset": 8, "line": 3}
    objects, status = transcript_objects(b"S: 220 mx\nC: EHLO x\nS: 250-mx\nS: 250 a\x01\n")
    assert status == 1 and objects[-1] == {"error": "control_character", "offset": 21, "line": 4}
    objects, status = transcript_objects(b"S: 220 mx\nC: EHLO x\nS: 250-mx\nS: 250 a\x01\n", "--lenient")
    assert status == 0 and objects[-1]["flags"] == ["control_character"]
    objects, status = transcript_objects(b"S: 220 mx\nhello\n")
    assert status == 1 and objects[-1] == {"error": "no_prefix", "line": 2}


def test_parse_transcript_table() -> None:
    got = run("parse", data=b"S: 220 mx ready\nC: DATA\nS: 250 2.0.0 Resetting\n")
    rows = got.stdout.decode().splitlines()
    assert got.returncode == 4
    assert rows[0].split() == ["line", "code", "enhanced", "command", "check", "action", "text"]
    assert rows[1].split() == ["1", "220", "-", "greeting", "listed", "done", "mx", "ready"]
    assert rows[2].split() == ["3", "250", "2.0.0", "data", "not_listed", "done", "2.0.0", "Resetting"]
    assert rows[3].split() == ["track:", "code_not_listed"]
    got = run("parse", data=b"S: 220 mx\nS: 2x0\n")
    assert got.returncode == 1 and b"at line 2" in got.stderr


def test_raw_input_is_not_a_transcript() -> None:
    assert run("parse", "--json", data=b"250 ok\r\n").stdout.strip() == (
        b'{"offset": 0, "length": 8, "code": 250, "lines": ["ok"], "enhanced": null, "flags": []}')


def test_help_documents_ehlo_transcripts_and_exit_codes() -> None:
    top = run("--help").stdout
    for word in (b"ehlo", b"4  transcript"):
        assert word in top
    sub = run("ehlo", "--help").stdout
    for word in (b"--json", b"--lenient", b"auth_mechanisms", b"not_250", b"1  the input is malformed"):
        assert word in sub
    parse = run("parse", "--help").stdout
    for word in (b"--transcript", b"C:", b"not_listed", b"no_prefix"):
        assert word in parse


def test_in_process_main(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "session.txt"
    path.write_bytes(APPENDIX_D)
    out = io.StringIO()
    assert cli.main(["parse", "--json", str(path)], out=out) == 0
    assert out.getvalue().splitlines() == run("parse", "--json", data=APPENDIX_D).stdout.decode().splitlines()
    path.write_bytes(EHLO_REPLY)
    out = io.StringIO()
    assert cli.main(["ehlo", "--json", str(path)], out=out) == 0
    assert json.loads(out.getvalue())["domain"] == "mx.example.org"
    out = io.StringIO()
    assert cli.main(["parse", "--json", "--transcript", "/dev/null"], out=out) == 0 and out.getvalue() == ""


# ---- Against a real server ------------------------------------------------------------------
def test_ehlo_and_a_pipelined_group_against_a_live_server(smtp_server: tuple[str, int]) -> None:
    import socket

    host, port = smtp_server
    parser = smtpreply.ReplyParser()
    tracker = PipelineTracker()
    with socket.create_connection((host, port), timeout=30) as sock:

        def replies(n: int) -> list[smtpreply.Reply]:
            got: list[smtpreply.Reply] = []
            while len(got) < n:
                chunk = sock.recv(4096)
                assert chunk, "the server closed the connection"
                got += parser.feed(chunk)
            return got

        tracker.push(Command.GREETING)
        assert tracker.on_reply(replies(1)[0]).answered is Command.GREETING
        sock.sendall(b"EHLO client.example.org\r\n")
        tracker.push("EHLO client.example.org")
        (answer,) = replies(1)
        assert tracker.on_reply(answer).check is CodeCheck.LISTED
        caps = smtpreply.ehlo(answer)
        assert caps.size.advertised and caps.size.limit is not None and caps.eightbitmime and caps.smtputf8
        assert caps.domain and all(c.keyword == c.keyword.upper() for c in caps.capabilities)
        # One write, several commands: the replies pair with them by count.
        group = [b"MAIL FROM:<a@example.org>", b"RCPT TO:<unknown@example.org>", b"RCPT TO:<b@example.org>",
                 b"DATA"]
        sock.sendall(b"".join(line + b"\r\n" for line in group))
        for line in group:
            tracker.push(line)
        results = [tracker.on_reply(r) for r in replies(4)]
        assert [r.answered for r in results] == [Command.MAIL, Command.RCPT, Command.RCPT, Command.DATA]
        assert [int(r.code) for r in results] == [250, 550, 250, 354]
        assert all(r.check is CodeCheck.LISTED for r in results)
        sock.sendall(b"Subject: x\r\n\r\nhello\r\n.\r\nQUIT\r\n")
        tracker.push(Command.END_OF_DATA)
        tracker.push(Command.QUIT)
        done = [tracker.on_reply(r) for r in replies(2)]
        assert [(r.answered, int(r.code), r.check) for r in done] == [
            (Command.END_OF_DATA, 250, CodeCheck.LISTED), (Command.QUIT, 221, CodeCheck.LISTED)]
    assert (tracker.pending, tracker.unmatched) == (0, 0)


# Issue 11 #7: the tracker never guesses a command from a line that is not one.
@pytest.mark.parametrize("line", ["", "  MAIL FROM:<a>", b"\tRCPT TO:<b>", "123 not a verb", "-x"])
def test_tracker_refuses_lines_that_are_not_commands(line: object) -> None:
    t = PipelineTracker()
    with pytest.raises(ValueError, match="not a client command line"):
        t.push(line)  # type: ignore[arg-type]
    assert t.pushed == 0 and t.pending == 0


def test_tracker_refuses_bool_and_other_types() -> None:
    t = PipelineTracker()
    with pytest.raises(TypeError):
        t.push(True)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        t.push(3.0)  # type: ignore[arg-type]
    assert t.pushed == 0
    assert t.push("XCLIENT NAME=x\r\n") and t.front is Command.NONE  # an unknown verb still counts
    assert t.push("quit") and t.pending == 2


# Issue 11 #2: linear transcript checking.
def test_is_transcript_reads_only_the_first_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import smtpreply.session as session_module

    def no_split(data: bytes) -> list[bytes]:
        raise AssertionError("is_transcript() must not split the whole input")

    monkeypatch.setattr(session_module, "split_lines", no_split)
    assert session_module.is_transcript(b"\r\n  \nC: EHLO x\r\n" + b"S: 250 ok\r\n" * 1000)
    assert not session_module.is_transcript(b"250 ok\r\n" + b"x" * 100_000)


def test_line_of_many_pairs() -> None:
    pairs = 2000
    text = b"S: 220 mx\r\n" + b"".join(b"C: NOOP\r\nS: 250 ok\r\n" for _ in range(pairs))
    replies = check_transcript(text)
    assert len(replies) == pairs + 1
    assert [r.line for r in replies[:3]] == [1, 3, 5]
    assert replies[-1].line == 2 * pairs + 1
    assert all(r.result.check is CodeCheck.LISTED for r in replies)
