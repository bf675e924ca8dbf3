"""smtplib and aiosmtplib against a real aiosmtpd server on 127.0.0.1 (see
conftest.py): what they raise and return, turned into classified replies.
Each result is also checked against the same reply read off the wire by
ReplyParser, so the rebuilt replies are compared with the real bytes."""

from __future__ import annotations

import asyncio
import smtplib
import socket
from email.message import EmailMessage

import aiosmtplib
import pytest
import smtpreply
from smtpreply import EnhancedClass, ReplyCategory, ReplyClass, from_aiosmtplib, from_smtplib

FROM = "sender@example.org"


def message(to: list[str]) -> EmailMessage:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = FROM, ", ".join(to), "test"
    m.set_content("hello\n")
    return m


def on_the_wire(server: tuple[str, int], *commands: bytes) -> list[smtpreply.Reply]:
    """The replies to `commands` (sent one by one), read with ReplyParser."""
    parser = smtpreply.ReplyParser()
    got: list[smtpreply.Reply] = []
    with socket.create_connection(server, timeout=10) as sock:
        for command in (None, *commands):
            if command is not None:
                sock.sendall(command + b"\r\n")
            replies: list[smtpreply.Reply] = []
            while not replies:
                chunk = sock.recv(4096)
                assert chunk, "server closed early"
                replies = parser.feed(chunk)
            got += replies
        sock.sendall(b"QUIT\r\n")
    return got[1:]  # without the greeting


def same_reply(a: smtpreply.Reply, b: smtpreply.Reply) -> bool:
    return (a.code, a.lines, a.enhanced) == (b.code, b.lines, b.enhanced)


def test_smtplib_some_recipients_refused(smtp_server: tuple[str, int]) -> None:
    rcpts = ["ok@example.org", "unknown@example.org", "full@example.org", "policy@example.org"]
    with smtplib.SMTP(*smtp_server, timeout=10) as s:
        refused = s.sendmail(FROM, rcpts, message(rcpts).as_bytes())
    replies = from_smtplib(refused)
    assert set(replies) == {"unknown@example.org", "full@example.org", "policy@example.org"}
    unknown, full, policy = replies["unknown@example.org"], replies["full@example.org"], replies["policy@example.org"]
    assert unknown.code == 550 and unknown.is_permanent and unknown.enhanced == "5.1.1"
    assert full.code == 452 and full.is_transient and full.enhanced == "4.2.2"
    assert full.enhanced is not None and full.enhanced.status_class is EnhancedClass.PERSISTENT_TRANSIENT_FAILURE
    assert policy.lines == ("5.7.1 Message rejected by policy", "5.7.1 See https://example.org/policy")
    assert policy.enhanced == "5.7.1" and policy.category is ReplyCategory.MAIL_SYSTEM
    wire = on_the_wire(
        smtp_server, b"EHLO me", b"MAIL FROM:<sender@example.org>",
        b"RCPT TO:<unknown@example.org>", b"RCPT TO:<full@example.org>", b"RCPT TO:<policy@example.org>",
    )
    assert same_reply(wire[2], unknown) and same_reply(wire[3], full) and same_reply(wire[4], policy)


def test_smtplib_all_recipients_refused(smtp_server: tuple[str, int]) -> None:
    rcpts = ["unknown@example.org", "full@example.org"]
    with smtplib.SMTP(*smtp_server, timeout=10) as s, pytest.raises(smtplib.SMTPRecipientsRefused) as info:
        s.sendmail(FROM, rcpts, message(rcpts).as_bytes())
    replies = from_smtplib(info.value)
    assert {k: int(v.code) for k, v in replies.items()} == {"unknown@example.org": 550, "full@example.org": 452}
    expected = ("5.1.1 <unknown@example.org>: Recipient address rejected: User unknown",)
    assert replies["unknown@example.org"].lines == expected


def test_smtplib_421_on_mail(smtp_server: tuple[str, int]) -> None:
    with smtplib.SMTP(*smtp_server, timeout=10) as s, pytest.raises(smtplib.SMTPSenderRefused) as info:
        s.sendmail("shutdown@example.org", ["ok@example.org"], b"Subject: x\r\n\r\nx\r\n")
    assert isinstance(info.value, smtplib.SMTPResponseException)
    r = from_smtplib(info.value)
    assert r.code == 421 and r.reply_class is ReplyClass.TRANSIENT_NEGATIVE
    assert r.category is ReplyCategory.CONNECTIONS and r.enhanced == "4.3.2"
    assert r.lines == ("4.3.2 Service shutting down",)
    _, wire = on_the_wire(smtp_server, b"EHLO me", b"MAIL FROM:<shutdown@example.org>")
    assert same_reply(wire, r)


def test_smtplib_421_on_rcpt_closes_and_refuses(smtp_server: tuple[str, int]) -> None:
    rcpts = ["ok@example.org", "closing@example.org"]
    with smtplib.SMTP(*smtp_server, timeout=10) as s, pytest.raises(smtplib.SMTPRecipientsRefused) as info:
        s.sendmail(FROM, rcpts, b"Subject: x\r\n\r\nx\r\n")
    r = from_smtplib(info.value)["closing@example.org"]
    assert r.code == 421 and r.is_transient and r.enhanced == "4.7.0"


def test_smtplib_421_after_data(smtp_server: tuple[str, int]) -> None:
    with smtplib.SMTP(*smtp_server, timeout=10) as s, pytest.raises(smtplib.SMTPDataError) as info:
        s.sendmail(FROM, ["datafail@example.org"], b"Subject: x\r\n\r\nx\r\n")
    r = from_smtplib(info.value)
    assert r.code == 421 and r.lines == ("4.3.2 Shutting down during DATA",)


def test_smtplib_tuples_from_commands(smtp_server: tuple[str, int]) -> None:
    with smtplib.SMTP(*smtp_server, timeout=10) as s:
        ehlo = from_smtplib(s.ehlo("client.example"))
        noop = from_smtplib(s.noop())
        greylisted = from_smtplib(s.mail("greylisted@example.org"))
    assert ehlo.code == 250 and ehlo.is_multiline
    (wire_ehlo,) = on_the_wire(smtp_server, b"EHLO client.example")
    assert same_reply(wire_ehlo, ehlo)
    assert noop.code == 250
    assert greylisted.code == 451 and greylisted.enhanced == "4.7.1" and greylisted.is_transient


def test_from_smtplib_rejects_other_types_and_bad_codes() -> None:
    with pytest.raises(TypeError):
        from_smtplib("550 no")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        from_smtplib({"a@b": "550 no"})  # type: ignore[dict-item]
    # smtplib says -1 when the server sent no code (e.g. QQ's NUL bytes).
    with pytest.raises(smtpreply.ParseError) as info:
        from_smtplib(smtplib.SMTPResponseException(-1, b"\x00\x00\x00"))
    assert info.value.reason == "invalid_code"


def test_from_smtplib_keeps_odd_text_and_flags_it() -> None:
    r = from_smtplib((535, "\u8ba4\u8bc1\u5931\u8d25".encode("gbk")))
    assert r.encoding is smtpreply.TextEncoding.OTHER_8BIT and r.flags & smtpreply.Flag.INVALID_UTF8
    assert r.line_bytes[0].decode("gbk") == "\u8ba4\u8bc1\u5931\u8d25"
    with pytest.raises(smtpreply.ParseError):
        from_smtplib((535, b"\xc8\xcf"), options=smtpreply.Options())  # strict, if asked


# ---- aiosmtplib --------------------------------------------------------------------
def test_aiosmtplib_send_errors_and_responses(smtp_server: tuple[str, int]) -> None:
    host, port = smtp_server

    async def run() -> tuple[dict[str, aiosmtplib.SMTPResponse], aiosmtplib.SMTPResponse]:
        rcpts = ["ok@example.org", "unknown@example.org", "policy@example.org"]
        errors, _ = await aiosmtplib.send(message(rcpts), hostname=host, port=port, sender=FROM, recipients=rcpts)
        client = aiosmtplib.SMTP(hostname=host, port=port)
        await client.connect()
        ehlo = await client.ehlo()
        await client.quit()
        return errors, ehlo

    errors, ehlo = asyncio.run(run())
    replies = from_aiosmtplib(errors)
    assert {k: int(v.code) for k, v in replies.items()} == {"unknown@example.org": 550, "policy@example.org": 550}
    assert replies["policy@example.org"].line_count == 2
    r = from_aiosmtplib(ehlo)
    assert r.code == 250 and r.is_multiline
    (wire,) = on_the_wire(smtp_server, f"EHLO {socket.getfqdn()}".encode())
    assert wire.code == r.code and wire.lines[1:] == r.lines[1:]


def test_aiosmtplib_exceptions(smtp_server: tuple[str, int]) -> None:
    host, port = smtp_server

    async def send(sender: str, rcpts: list[str]) -> None:
        await aiosmtplib.send(message(rcpts), hostname=host, port=port, sender=sender, recipients=rcpts)

    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
        asyncio.run(send(FROM, ["unknown@example.org", "full@example.org"]))
    replies = from_aiosmtplib(refused.value)
    assert replies["full@example.org"].is_transient and replies["unknown@example.org"].is_permanent
    with pytest.raises(aiosmtplib.SMTPSenderRefused) as sender:
        asyncio.run(send("shutdown@example.org", ["ok@example.org"]))
    r = from_aiosmtplib(sender.value)
    assert r.code == 421 and r.enhanced == "4.3.2" and r.category is ReplyCategory.CONNECTIONS


def test_from_aiosmtplib_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        from_aiosmtplib(42)  # type: ignore[call-overload]


def test_lone_cr_from_a_library_is_kept_and_flagged() -> None:
    # Found by the fuzz target: smtplib keeps a CR inside a line.
    r = from_smtplib((550, b"a\rb\nc\r"))
    assert r.line_bytes == (b"a\rb", b"c\r") and r.flags & smtpreply.Flag.CONTROL_CHARACTER
    with pytest.raises(smtpreply.ParseError) as info:
        from_smtplib((550, b"a\rb"), options=smtpreply.Options())
    assert info.value.reason == "control_character"
