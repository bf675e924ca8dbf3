"""Writing replies: the inverse of parsing."""

from __future__ import annotations

from typing import Iterable, Union

from ._code import ReplyCode

__all__ = ["format_reply"]


def format_reply(code: Union[int, ReplyCode], text: Union[str, bytes, Iterable[Union[str, bytes]]] = "") -> bytes:
    """The wire form of a reply (RFC 5321 section 4.2): ``code-text CRLF``
    for every line but the last, ``code SP text CRLF`` for the last (``code
    CRLF`` when its text is empty).

    ``text`` is one string (lines separated by ``"\\n"``, as smtplib joins
    them) or an iterable of lines, each ``str`` (encoded as UTF-8 with
    ``surrogateescape``) or ``bytes``.

    >>> format_reply(250, "mx.example.org\\nSIZE 1000")
    b'250-mx.example.org\\r\\n250 SIZE 1000\\r\\n'
    >>> format_reply(354)
    b'354\\r\\n'
    """
    value = int(ReplyCode(code))  # ValueError outside 000-999
    if isinstance(text, (str, bytes)):
        parts = text.split("\n") if isinstance(text, str) else text.split(b"\n")
        lines: list[bytes] = [_as_bytes(line) for line in parts]
    else:
        lines = [_as_bytes(line) for line in text]
    if not lines:
        lines = [b""]
    prefix = b"%03d" % value
    out = bytearray()
    for i, line in enumerate(lines):
        if b"\r" in line or b"\n" in line:
            raise ValueError(f"a reply line cannot contain CR or LF: {line!r}")
        last = i == len(lines) - 1
        out += prefix
        if not last:
            out += b"-"
        elif line:
            out += b" "
        out += line + b"\r\n"
    return bytes(out)


def _as_bytes(line: Union[str, bytes]) -> bytes:
    if isinstance(line, str):
        return line.encode("utf-8", "surrogateescape")
    if isinstance(line, (bytes, bytearray, memoryview)):
        return bytes(line)
    raise TypeError(f"a reply line must be str or bytes, not {type(line).__name__}")
