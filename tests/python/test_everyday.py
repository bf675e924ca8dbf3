"""Issue 13, Python API: enums print as ids, advise()/explain() inputs,
smtplib/aiosmtplib interop with the command inferred, EnhancedCode ordering,
Reply.to_dict(), ehlo() of smtplib's tuple, options' types."""

from __future__ import annotations

import enum
import json
import logging
import smtplib
import subprocess
import sys

import aiosmtplib
import pytest
import smtpreply
from conftest import ROOT
from smtpreply import (
    Action,
    CodeCheck,
    Command,
    EnhancedCode,
    Flag,
    Leniency,
    Reason,
    ReplyClass,
    ReplyCode,
    TextEncoding,
    TrackFlag,
    advise,
    command_of,
    explain,
)

ENUMS = [getattr(smtpreply, name) for name in smtpreply.__all__
         if isinstance(getattr(smtpreply, name), enum.EnumMeta)]


# ---- point 10: enums print as their stable lower-case ids --------------------------
def test_every_enum_prints_its_id() -> None:
    assert len(ENUMS) >= 20
    for cls in ENUMS:
        for member in cls:
            if member.name is None:
                continue
            assert str(member) == member.name.lower(), member
            assert f"{member}" == member.name.lower()
            assert "%s" % member == member.name.lower()  # noqa: UP031 (logging's formatting)


def test_examples_of_the_issue(caplog: pytest.LogCaptureFixture) -> None:
    assert f"{Action.RETRY_LATER}" == "retry_later"
    assert str(ReplyClass.TRANSIENT_NEGATIVE) == "transient_negative"
    assert f"{Reason.MAILBOX_FULL:>14}|" == "  mailbox_full|"
    assert str(CodeCheck.NOT_LISTED) == "not_listed" and str(TextEncoding.UTF8) == "utf8"
    with caplog.at_level(logging.INFO):
        logging.getLogger("t").info("action=%s class=%s", Action.RETRY_LATER, ReplyClass.TRANSIENT_NEGATIVE)
    assert "action=retry_later class=transient_negative" in caplog.text


def test_int_and_flag_behaviour_is_kept() -> None:
    assert int(Action.RETRY_LATER) == Action.RETRY_LATER and isinstance(ReplyClass.TRANSIENT_NEGATIVE, int)
    assert f"{ReplyClass.TRANSIENT_NEGATIVE:d}" == "4" and f"{Command.RCPT:03d}" == f"{int(Command.RCPT):03d}"
    assert repr(Action.RETRY_LATER).startswith("<Action.RETRY_LATER")
    both = Flag.BARE_LF | Flag.EMPTY_LINE
    assert str(both) == "bare_lf|empty_line" and both & Flag.BARE_LF
    assert str(Flag(0)) == "0" and str(Leniency.NONE) == "none"
    assert str(TrackFlag.NO_PENDING_COMMAND) == "no_pending_command"
    # json.dumps writes an IntEnum as the int it is (json never asks an int
    # subclass); the JSON forms (to_dict(), --json) carry the ids.
    assert json.dumps(Action.RETRY_LATER) == str(int(Action.RETRY_LATER))


# ---- point 8: advise() and explain() take the same inputs ------------------------------------

SAME_INPUTS = [
    smtpreply.parse(b"552 5.2.2 Over quota\r\n"),
    552,
    ReplyCode(552),
    "552",
    "552 5.2.2 Over quota",
    "552-5.2.2 Over quota\n552 5.2.2 try later",
    "552-5.2.2 Over quota 552 5.2.2 try later",  # flattened, as logs carry it
    (552, b"5.2.2 Over quota"),
    smtplib.SMTPResponseException(552, b"5.2.2 Over quota"),
    aiosmtplib.SMTPResponseException(552, "5.2.2 Over quota"),
]


@pytest.mark.parametrize("value", SAME_INPUTS, ids=lambda v: type(v).__name__)
def test_advise_and_explain_take_the_same_inputs(value: object) -> None:
    assert explain(value).code == 552  # type: ignore[arg-type]
    assert advise(value, command=Command.RCPT) is Action.RETRY_LATER  # type: ignore[arg-type]
    assert advise(value, command="rcpt") is Action.RETRY_LATER  # type: ignore[arg-type]


def test_enhanced_as_a_string() -> None:
    assert advise(550, enhanced="5.2.2") == advise(550, enhanced=EnhancedCode(5, 2, 2)) is Action.RETRY_LATER
    assert advise("5.2.2") is advise(EnhancedCode(5, 2, 2))
    assert explain("5.2.2").code == EnhancedCode(5, 2, 2)


@pytest.mark.parametrize("bad", [None, 1.5, b"550", object(), True, [550]])
def test_wrong_types_are_a_clean_type_error(bad: object) -> None:
    for fn in (advise, explain):
        with pytest.raises(TypeError) as e:
            fn(bad)  # type: ignore[arg-type]
        text = str(e.value)
        assert "a Reply, a reply code" in text and "smtplib" in text and "_smtpreply" not in text
    with pytest.raises(TypeError, match="enhanced must be"):
        advise(550, enhanced=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="command must be"):
        advise(550, command=2.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tls must be"):
        advise(550, tls="yes")  # type: ignore[arg-type]


# ---- point 9: the command from the exception's type --------------------------------------------
@pytest.mark.parametrize(("exc", "command"), [
    (smtplib.SMTPRecipientsRefused({"a@b": (552, b"5.2.2 full")}), Command.RCPT),
    (smtplib.SMTPSenderRefused(552, b"5.3.4 too big", "a@b"), Command.MAIL),
    (smtplib.SMTPDataError(552, b"5.3.4 too big"), Command.END_OF_DATA),
    (smtplib.SMTPHeloError(501, b"5.5.4 bad"), Command.EHLO),
    (smtplib.SMTPConnectError(421, b"4.7.0 busy"), Command.GREETING),
    (smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials"), Command.AUTH),
    (smtplib.SMTPResponseException(552, b"x"), Command.NONE),
    (aiosmtplib.SMTPRecipientRefused(552, "5.2.2 full", "a@b"), Command.RCPT),
    (aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(552, "5.2.2 full", "a@b")]), Command.RCPT),
    (aiosmtplib.SMTPSenderRefused(552, "5.3.4 too big", "a@b"), Command.MAIL),
    (aiosmtplib.SMTPDataError(552, "5.3.4 too big"), Command.END_OF_DATA),
    (aiosmtplib.SMTPHeloError(501, "5.5.4 bad"), Command.EHLO),
    (aiosmtplib.SMTPConnectResponseError(421, "4.7.0 busy"), Command.GREETING),
])
def test_command_of_exceptions(exc: BaseException, command: Command) -> None:
    assert command_of(exc) is command


def test_advise_an_exception_uses_its_command() -> None:
    # 552 to RCPT is "mailbox full, try later"; to end of DATA it is "too big": give up
    assert advise(smtplib.SMTPRecipientsRefused({"a@b": (552, b"5.2.2 Over quota")})) is Action.RETRY_LATER
    assert advise(aiosmtplib.SMTPRecipientRefused(552, "Over quota", "a@b")) is Action.RETRY_LATER
    assert advise(smtplib.SMTPDataError(552, b"Message too big")) is Action.GIVE_UP
    assert advise(smtplib.SMTPResponseException(552, b"Over quota")) is Action.GIVE_UP  # command unknown
    with pytest.raises(TypeError, match="holds 2"):
        advise(smtplib.SMTPRecipientsRefused({"a@b": (552, b"x"), "c@d": (550, b"y")}))


def test_everything_smtplib_accepts() -> None:
    long_line = b"x" * 8186  # 8192 octets with "250-" and CRLF: smtplib's _MAXLINE
    many = b"\n".join([long_line] * 2000)  # 16 MB, 2000 lines: smtplib has no line count limit
    r = smtpreply.from_smtplib((250, many))
    assert r.line_count == 2000 and r.line_bytes[0] == long_line
    assert smtpreply.from_aiosmtplib(aiosmtplib.SMTPResponse(250, many.decode())).line_count == 2000


def test_what_aiosmtplib_send_returns() -> None:
    errors = {"a@b": aiosmtplib.SMTPResponse(452, "4.2.2 full")}
    got = smtpreply.from_aiosmtplib((errors, "2.0.0 Ok: queued as 4C2F1"))
    assert list(got) == ["a@b"] and got["a@b"].code == 452
    assert smtpreply.from_aiosmtplib(({}, "2.0.0 Ok")) == {}


# ---- point 11: to_dict(), EnhancedCode ordering, ehlo() tuple, Options types ---------------------
def test_reply_to_dict_is_the_json_schema() -> None:
    r = smtpreply.parse(b"250-caf\xc3\xa9\r\n250 2.1.0 x\xff\r\n", lenient=True)
    assert r.to_dict() == {"offset": 0, "length": 25, "code": 250, "lines": ["café", "2.1.0 x\udcff"],
                           "enhanced": None, "flags": ["invalid_utf8"]}
    assert list(smtpreply.parse(b"250 2.1.0 ok\r\n").to_dict()) == ["offset", "length", "code", "lines",
                                                                    "enhanced", "flags"]
    assert smtpreply.parse(b"250 2.1.0 ok\r\n").to_dict()["enhanced"] == "2.1.0"


def test_enhanced_code_total_ordering() -> None:
    a, b = EnhancedCode(4, 2, 2), EnhancedCode(5, 2, 10)
    same = EnhancedCode(4, 2, 2)
    assert a < b and a <= b and b > a and b >= a and a <= same and a >= same and not a < same and a != b
    assert sorted([EnhancedCode(5, 10, 1), EnhancedCode(5, 2, 1), EnhancedCode(4, 7, 1)]) == [
        EnhancedCode(4, 7, 1), EnhancedCode(5, 2, 1), EnhancedCode(5, 10, 1)]
    assert a == "4.2.2" and a != "4.2.3"
    assert a.__eq__(422) is NotImplemented and a.__lt__("4.2.2") is NotImplemented  # type: ignore[operator]
    assert (a == 422) is False and a != None  # noqa: E711 (NotImplemented: Python's fallback)
    for op in ("__lt__", "__le__", "__gt__", "__ge__"):
        assert getattr(a, op)(1) is NotImplemented
    with pytest.raises(TypeError):
        _ = a < 5  # type: ignore[operator]


def test_ehlo_takes_smtplibs_tuple(smtp_server: tuple[str, int]) -> None:
    with smtplib.SMTP(*smtp_server, timeout=30) as smtp:
        answer = smtp.ehlo("client.example")
    model = smtpreply.ehlo(answer)
    assert model.size.limit == 33554432 and "8BITMIME" in {c.keyword for c in model.capabilities}
    with pytest.raises(TypeError):
        smtpreply.ehlo((250,))  # type: ignore[arg-type]


def test_options_types() -> None:
    assert smtpreply.Options(lenient=True).lenient is smtpreply.Leniency.ALL
    with pytest.raises(TypeError, match="max_line_octets"):
        smtpreply.Options(max_line_octets="512")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lenient"):
        smtpreply.Options(lenient=3.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_reply_lines"):
        smtpreply.Options(max_reply_lines=0)


def test_options_lenient_true_passes_mypy_strict(tmp_path: pytest.TempPathFactory) -> None:
    source = tmp_path / "uses_options.py"  # type: ignore[operator]
    source.write_text("import smtpreply\nopts = smtpreply.Options(lenient=True)\n"
                      "lenient: smtpreply.Leniency = opts.lenient\n")
    got = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(source)],
                         capture_output=True, text=True, check=False, timeout=300)
    assert got.returncode == 0, got.stdout + got.stderr


# ---- point 12: the sender examples, against a loopback aiosmtpd ---------------------------------
@pytest.mark.parametrize("example", ["send_with_smtplib.py", "send_with_aiosmtplib.py"])
def test_sender_examples(example: str, smtp_server: tuple[str, int]) -> None:
    def send(*args: str) -> dict[str, str]:
        got = subprocess.run([sys.executable, str(ROOT / "examples/python" / example), smtp_server[0],
                              str(smtp_server[1]), *args], capture_output=True, text=True, check=False, timeout=60)
        assert got.returncode == 0, got.stderr
        return dict(line.split() for line in got.stdout.splitlines())

    assert send("a@example.org", "b@example.org", "quota@example.org", "unknown@example.org") == {
        "b@example.org": "done",
        "quota@example.org": "retry_later",  # a 552 to RCPT: is_transient would have said give up
        "unknown@example.org": "give_up",
    }
    assert send("shutdown@example.org", "b@example.org") == {"b@example.org": "reconnect"}  # 421 to MAIL
    assert send("a@example.org", "quota@example.org") == {"quota@example.org": "retry_later"}  # all refused
