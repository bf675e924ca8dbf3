"""Parsed, classified replies from what :mod:`smtplib` and aiosmtplib give you.

Both libraries keep only a code and the lines' text, each line stripped and
joined with ``"\\n"``. These helpers rebuild the reply's wire form from that
and parse it, so you get a :class:`~smtpreply.Reply` with its class,
enhanced status code and flags. They parse leniently by default (the bytes
already got past the library); pass ``options=`` to change that.

>>> import smtplib
>>> err = smtplib.SMTPSenderRefused(421, b"4.3.2 Service shutting down", "a@example.org")
>>> r = from_smtplib(err)
>>> r.code, r.is_transient, str(r.enhanced)
(ReplyCode(421), True, '4.3.2')
>>> str(command_of(err))   # SMTPSenderRefused: the reply to MAIL
'mail'

They accept what the libraries accept: lines of up to 8192 octets (smtplib's
``_MAXLINE``, aiosmtplib's ``MAX_LINE_LENGTH``) and any number of lines.
"""

from __future__ import annotations

import smtplib
from typing import Mapping, Optional, Protocol, Sequence, Tuple, Union, overload

from ._code import ReplyCode
from ._errors import ParseError
from ._options import Options
from ._smtpreply import Command, Leniency, Reply, parse

__all__ = ["command_of", "from_aiosmtplib", "from_code_and_text", "from_smtplib"]

# What the libraries accept: 8192-octet lines (code and CRLF included; the
# text they keep is stripped, so rebuilt lines are never longer), any number.
_MAX_LINE = 8192
_UNLIMITED = 0xFFFFFFFF
_LENIENT = Options(lenient=Leniency.ALL, max_line_octets=_MAX_LINE + 6, max_auth_line_octets=_MAX_LINE + 6,
                   max_reply_octets=_UNLIMITED, max_reply_lines=_UNLIMITED)

# The command an exception's reply answers, by class name (smtplib's and
# aiosmtplib's names; aiosmtplib need not be importable).
_COMMANDS = {
    "SMTPRecipientsRefused": Command.RCPT,
    "SMTPRecipientRefused": Command.RCPT,
    "SMTPSenderRefused": Command.MAIL,
    "SMTPDataError": Command.END_OF_DATA,
    "SMTPHeloError": Command.EHLO,
    "SMTPConnectError": Command.GREETING,
    "SMTPConnectResponseError": Command.GREETING,
    "SMTPAuthenticationError": Command.AUTH,
}


def command_of(obj: object) -> Command:
    """The command whose reply an smtplib or aiosmtplib exception carries,
    from its type: ``SMTPRecipientsRefused``/``SMTPRecipientRefused`` → RCPT,
    ``SMTPSenderRefused`` → MAIL, ``SMTPDataError`` → END_OF_DATA (smtplib
    also raises it when DATA itself is refused), ``SMTPHeloError`` → EHLO
    (or HELO), ``SMTPConnectError``/``SMTPConnectResponseError`` → GREETING,
    ``SMTPAuthenticationError`` → AUTH; ``Command.NONE`` for anything else
    (a generic ``SMTPResponseException``, a tuple, a ``Reply``).
    :func:`~smtpreply.advise`, :func:`~smtpreply.explain` and
    :func:`~smtpreply.classify` use it when given an exception."""
    for cls in type(obj).__mro__:
        if cls.__module__.split(".")[0] in ("smtplib", "aiosmtplib") and cls.__name__ in _COMMANDS:
            return _COMMANDS[cls.__name__]
    return Command.NONE


class CodeAndMessage(Protocol):
    """What aiosmtplib's ``SMTPResponse`` and ``SMTPResponseException`` have."""

    @property
    def code(self) -> int: ...

    @property
    def message(self) -> str: ...


class RecipientRefused(CodeAndMessage, Protocol):
    """aiosmtplib's ``SMTPRecipientRefused``."""

    @property
    def recipient(self) -> str: ...


class RecipientsRefused(Protocol):
    """aiosmtplib's ``SMTPRecipientsRefused``."""

    @property
    def recipients(self) -> Sequence[RecipientRefused]: ...


def from_code_and_text(code: int, text: Union[str, bytes], *, options: Optional[Options] = None) -> Reply:
    """A reply from a code and its lines' text joined with ``"\\n"`` (the
    form smtplib and aiosmtplib return). Raises :class:`ParseError`
    (``invalid_code``) for the ``-1`` those libraries use when the server
    sent no parseable code, and whatever the parse finds wrong."""
    if isinstance(code, bool) or not isinstance(code, int):
        raise TypeError(f"code must be an int, not {type(code).__name__}")
    try:
        ReplyCode(code)  # the C++ range check
    except ValueError:
        raise ParseError("invalid_code", 0, f"the server sent no valid reply code (the library says {code})") from None
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogateescape")
    elif not isinstance(text, (bytes, bytearray)):
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    lines = bytes(text).split(b"\n")
    # Not format_reply(): a lone CR inside a line got past the library and is
    # kept (reported as CONTROL_CHARACTER, or an error when parsing strictly).
    prefix = b"%03d" % code
    wire = b"".join(prefix + b"-" + line + b"\r\n" for line in lines[:-1]) + prefix + b" " + lines[-1] + b"\r\n"
    return parse(wire, options=options or _LENIENT)


@overload
def from_smtplib(obj: smtplib.SMTPResponseException, *, options: Optional[Options] = None) -> Reply: ...
@overload
def from_smtplib(obj: Tuple[int, Union[bytes, str]], *, options: Optional[Options] = None) -> Reply: ...
@overload
def from_smtplib(obj: smtplib.SMTPRecipientsRefused, *, options: Optional[Options] = None) -> dict[str, Reply]: ...
@overload
def from_smtplib(
    obj: Mapping[str, Tuple[int, Union[bytes, str]]], *, options: Optional[Options] = None
) -> dict[str, Reply]: ...
def from_smtplib(
    obj: Union[
        smtplib.SMTPResponseException,
        smtplib.SMTPRecipientsRefused,
        Tuple[int, Union[bytes, str]],
        Mapping[str, Tuple[int, Union[bytes, str]]],
    ],
    *,
    options: Optional[Options] = None,
) -> Union[Reply, dict[str, Reply]]:
    """Parsed replies from what smtplib raises or returns.

    * ``SMTPResponseException`` and its subclasses (``SMTPSenderRefused``,
      ``SMTPDataError``, ``SMTPAuthenticationError``, ...): their
      ``smtp_code`` and ``smtp_error`` → a :class:`Reply`.
    * a ``(code, message)`` tuple, as ``SMTP.ehlo()``, ``docmd()``,
      ``rcpt()``... return → a :class:`Reply`.
    * ``SMTPRecipientsRefused`` (its ``recipients`` dict) or the dict that
      ``sendmail()``/``send_message()`` return for refused recipients →
      ``{recipient: Reply}``.

    The command the reply answers is ``command_of(obj)`` (RCPT for
    ``SMTPRecipientsRefused``, MAIL for ``SMTPSenderRefused``, ...).
    """
    if isinstance(obj, smtplib.SMTPResponseException):
        return from_code_and_text(obj.smtp_code, obj.smtp_error, options=options)
    if isinstance(obj, smtplib.SMTPRecipientsRefused):
        return _each(obj.recipients, options)
    if isinstance(obj, tuple) and len(obj) == 2:
        return from_code_and_text(obj[0], obj[1], options=options)
    if isinstance(obj, Mapping):
        return _each(obj, options)
    raise TypeError(
        "from_smtplib() takes an SMTPResponseException, an SMTPRecipientsRefused, a (code, message) tuple "
        f"or a dict of them, not {type(obj).__name__}"
    )


def _each(items: Mapping[str, Tuple[int, Union[bytes, str]]], options: Optional[Options]) -> dict[str, Reply]:
    out: dict[str, Reply] = {}
    for recipient, value in items.items():
        if not (isinstance(value, tuple) and len(value) == 2):
            raise TypeError(f"expected a (code, message) tuple for {recipient!r}, not {type(value).__name__}")
        out[recipient] = from_code_and_text(value[0], value[1], options=options)
    return out


@overload
def from_aiosmtplib(obj: CodeAndMessage, *, options: Optional[Options] = None) -> Reply: ...
@overload
def from_aiosmtplib(obj: RecipientsRefused, *, options: Optional[Options] = None) -> dict[str, Reply]: ...
@overload
def from_aiosmtplib(obj: Mapping[str, CodeAndMessage], *, options: Optional[Options] = None) -> dict[str, Reply]: ...
@overload
def from_aiosmtplib(
    obj: Tuple[Mapping[str, CodeAndMessage], str], *, options: Optional[Options] = None
) -> dict[str, Reply]: ...
def from_aiosmtplib(
    obj: Union[
        CodeAndMessage, RecipientsRefused, Mapping[str, CodeAndMessage], Tuple[Mapping[str, CodeAndMessage], str]
    ],
    *,
    options: Optional[Options] = None,
) -> Union[Reply, dict[str, Reply]]:
    """Parsed replies from what aiosmtplib returns or raises (aiosmtplib
    need not be importable: any object with ``code`` and ``message`` will do).

    * ``SMTPResponse`` and ``SMTPResponseException`` (and subclasses such as
      ``SMTPRecipientRefused``, ``SMTPDataError``) → a :class:`Reply`.
    * ``SMTPRecipientsRefused`` → ``{recipient: Reply}``.
    * what ``aiosmtplib.send()`` and ``SMTP.sendmail()``/``send_message()``
      return, ``(errors, message)``: ``errors`` maps each refused recipient
      to its ``SMTPResponse`` and ``message`` is the text of the final reply
      to the end of DATA (no code: it was 250) → ``{recipient: Reply}`` for
      the refused ones; the errors dict alone works too.

    The command the reply answers is ``command_of(obj)``.
    """
    if isinstance(obj, tuple) and len(obj) == 2 and isinstance(obj[0], Mapping) and isinstance(obj[1], str):
        obj = obj[0]
    if isinstance(obj, Mapping):
        return {recipient: _one(value, options) for recipient, value in obj.items()}
    recipients = getattr(obj, "recipients", None)
    if isinstance(recipients, (list, tuple)):
        return {item.recipient: _one(item, options) for item in recipients}
    return _one(obj, options)


def _one(obj: object, options: Optional[Options]) -> Reply:
    code = getattr(obj, "code", None)
    message = getattr(obj, "message", None)
    if not isinstance(code, int) or not isinstance(message, (str, bytes)):
        raise TypeError(
            "from_aiosmtplib() takes an SMTPResponse, an SMTPResponseException, an SMTPRecipientsRefused, "
            f"a dict of responses or what send() returns, not {type(obj).__name__}"
        )
    return from_code_and_text(code, message, options=options)
