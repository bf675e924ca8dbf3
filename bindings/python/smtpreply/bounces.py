"""Bounce messages (RFC 3464 delivery status notifications) read with the
standard library's :mod:`email` package: one :class:`Record` per recipient,
with the final recipient, the DSN action and status, the remote MTA, the
SMTP reply taken from the Diagnostic-Code field, and its classification.

>>> raw = (b"From: MAILER-DAEMON@example.org\\r\\nTo: a@example.org\\r\\nSubject: failure\\r\\n"
...        b"MIME-Version: 1.0\\r\\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\\r\\n\\r\\n"
...        b"--B\\r\\nContent-Type: text/plain\\r\\n\\r\\nfailed\\r\\n"
...        b"--B\\r\\nContent-Type: message/delivery-status\\r\\n\\r\\n"
...        b"Reporting-MTA: dns; mx.example.org\\r\\n\\r\\n"
...        b"Final-Recipient: rfc822; b@example.com\\r\\nAction: failed\\r\\nStatus: 5.2.2\\r\\n"
...        b"Remote-MTA: dns; mx.example.com\\r\\n"
...        b"Diagnostic-Code: smtp; 552-5.2.2 The email account that you tried to reach is\\r\\n"
...        b" over quota. 552 5.2.2 - gsmtp\\r\\n--B--\\r\\n")
>>> [(r.recipient, r.action, str(r.status), str(r.classification.reason)) for r in read(raw)]
[('b@example.com', 'failed', '5.2.2', 'mailbox_full')]
"""

from __future__ import annotations

import dataclasses
import email
import email.message
import email.policy
import re
from typing import Iterator, List, Optional, Union

from ._smtpreply import Command, EnhancedCode, Reply
from .classify import Classification, classify, find_enhanced, from_diagnostic_code

__all__ = ["Record", "read", "records"]

_FOLD = re.compile(r"\r?\n[ \t]+")
_IN_REPLY_TO = re.compile(r"in reply to (?:end of )?([A-Za-z]+)(?: [A-Za-z]+)? command", re.IGNORECASE)
_COMMANDS = {
    "MAIL": Command.MAIL,
    "RCPT": Command.RCPT,
    "DATA": Command.END_OF_DATA,
    "EHLO": Command.EHLO,
    "HELO": Command.HELO,
    "BDAT": Command.BDAT,
}


@dataclasses.dataclass(frozen=True)
class Record:
    """One recipient of a delivery status notification."""

    recipient: Optional[str]           #: Final-Recipient address (type stripped)
    original_recipient: Optional[str]  #: Original-Recipient address, if given
    action: Optional[str]              #: failed, delayed, delivered, relayed or expanded
    status: Optional[EnhancedCode]     #: Status (RFC 3463 code)
    remote_mta: Optional[str]          #: Remote-MTA name (type stripped)
    diagnostic_type: Optional[str]     #: "smtp", "X-Postfix", ...
    diagnostic: Optional[str]          #: the Diagnostic-Code text, unfolded
    reply: Optional[Reply]             #: the SMTP reply in the diagnostic, when there is one
    classification: Classification     #: from the reply, else the diagnostic text, else the status

    @property
    def permanent(self) -> bool:
        """Hard bounce: the classification says so, or the DSN failed with a 5.x.x status."""
        if self.classification.code is not None or self.diagnostic:
            return self.classification.permanent
        return self.action == "failed" and self.status is not None and self.status.is_permanent


def _value(block: email.message.Message, name: str) -> Optional[str]:
    v = block.get(name)
    if v is None:
        return None
    return _FOLD.sub(" ", str(v)).strip()


def _address(v: Optional[str]) -> Optional[str]:
    if v is None:
        return None
    return v.split(";", 1)[1].strip() if ";" in v else v


def _message(message: Union[email.message.Message, bytes, str]) -> email.message.Message:
    if isinstance(message, email.message.Message):
        return message
    if isinstance(message, (bytes, bytearray)):
        return email.message_from_bytes(bytes(message), policy=email.policy.compat32)
    if isinstance(message, str):
        return email.message_from_string(message, policy=email.policy.compat32)
    raise TypeError(f"read() takes an email.message.Message, bytes or str, not {type(message).__name__}")


def _status_blocks(msg: email.message.Message) -> Iterator[email.message.Message]:
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        if isinstance(payload, list):  # the email package splits the header blocks
            blocks = payload
        else:  # an unparsed body: split it ourselves
            text = payload if isinstance(payload, str) else ""
            chunks = re.split(r"\r?\n\s*\r?\n", text)
            blocks = [email.message_from_string(b.strip() + "\n") for b in chunks if b.strip()]
        for block in blocks[1:]:  # the first block is per-message
            if isinstance(block, email.message.Message):
                yield block


def _command(msg: email.message.Message) -> Command:
    """The command named by a Postfix-style "(in reply to RCPT TO command)"."""
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            body = part.get_payload(decode=True)
            text = body.decode("utf-8", "replace") if isinstance(body, bytes) else ""
            m = _IN_REPLY_TO.search(text)
            if m:
                return _COMMANDS.get(m.group(1).upper(), Command.NONE)
    return Command.NONE


def records(message: Union[email.message.Message, bytes, str]) -> Iterator[Record]:
    """Yields one :class:`Record` per recipient block of the DSN."""
    msg = _message(message)
    command = _command(msg)
    for block in _status_blocks(msg):
        status_text = _value(block, "Status")
        status = find_enhanced(status_text) if status_text else None
        diag_field = _value(block, "Diagnostic-Code")
        diag = from_diagnostic_code(diag_field) if diag_field else None
        if diag is not None and diag.reply is not None:
            c = classify(diag.reply, command=command)
        elif diag is not None and diag.text:
            c = classify(diag.text, command=command)
        else:
            c = classify(str(status) if status is not None else "", command=command)
        yield Record(
            recipient=_address(_value(block, "Final-Recipient")),
            original_recipient=_address(_value(block, "Original-Recipient")),
            action=(_value(block, "Action") or "").lower() or None,
            status=status,
            remote_mta=_address(_value(block, "Remote-MTA")),
            diagnostic_type=diag.type or None if diag is not None else None,
            diagnostic=diag.text if diag is not None else None,
            reply=diag.reply if diag is not None else None,
            classification=c,
        )


def read(message: Union[email.message.Message, bytes, str]) -> List[Record]:
    """Reads a bounce (an :class:`email.message.Message`, or its bytes or
    text) and returns one :class:`Record` per recipient; an empty list when
    the message carries no ``message/delivery-status`` part."""
    return list(records(message))
