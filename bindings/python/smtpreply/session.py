"""Replies checked against the commands they answer (RFC 5321 section 4.3.2
and the extension RFCs), a pipeline tracker that pairs replies with commands
strictly by count (RFC 2920 section 3.1), and a checker for session
transcripts written with ``C:``/``S:`` prefixes, as in the RFCs' examples.

>>> check_reply(Command.DATA, 250)    # "250 2.0.0 Resetting" in answer to DATA
<CodeCheck.NOT_LISTED: 2>
>>> t = PipelineTracker()
>>> for line in ("MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "DATA"):
...     _ = t.push(line)
>>> [t.on_reply(code).answered.name for code in (250, 250, 354)]
['MAIL', 'RCPT', 'DATA']
>>> t.on_reply(250).flags                # one reply too many: nothing pending
<TrackFlag.NO_PENDING_COMMAND: 2>
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Optional, Union

from ._code import ReplyCode
from ._errors import ParseError
from ._options import Options
from ._smtpreply import (
    CodeCheck,
    Command,
    Leniency,
    Reply,
    ReplyParser,
    ReplyRole,
    TrackFlag,
    _check_reply,
    _command_from_line,
    _expected_replies,
    _PipelineTracker,
)

__all__ = [
    "CodeCheck",
    "Command",
    "ExpectedReply",
    "PipelineTracker",
    "ReplyRole",
    "TrackFlag",
    "TrackResult",
    "Transcript",
    "TranscriptError",
    "TranscriptReply",
    "check_reply",
    "check_transcript",
    "command_from_line",
    "expected_replies",
    "is_transcript",
]

CodeLike = Union[Reply, int]


def _code_of(reply: CodeLike) -> int:
    if isinstance(reply, Reply):
        return int(reply.code)
    if isinstance(reply, int) and not isinstance(reply, bool):
        return int(reply)
    raise TypeError(f"expected a Reply or a reply code, not {type(reply).__name__}")


def check_reply(command: Command, reply: CodeLike) -> CodeCheck:
    """Whether the RFCs list the reply's code as an answer to ``command``:
    ``LISTED`` (the command's own row), ``ANY_COMMAND`` (421, 500, 501; 521 but to QUIT),
    ``NOT_LISTED``, or ``UNKNOWN_COMMAND`` for ``Command.NONE``."""
    return _check_reply(Command(command), _code_of(reply))


def command_from_line(line: Union[str, bytes]) -> Command:
    """The command a client line sends: its verb up to a space, any case,
    exactly (``MAILX`` is ``NONE``); ``"."`` alone is ``END_OF_DATA``. A
    trailing CRLF or LF is ignored."""
    if isinstance(line, str):
        line = line.encode("utf-8", "surrogateescape")
    elif not isinstance(line, bytes):
        raise TypeError(f"command_from_line() takes str or bytes, not {type(line).__name__}")
    return _command_from_line(line)


@dataclasses.dataclass(frozen=True)
class ExpectedReply:
    """One (command, code) pair of the C++ ``command_reply_table``: ``code``
    answers ``command``, says ``source`` (e.g. ``"RFC 5321 section 4.3.2"``).
    ``any_command`` marks the codes RFC 5321 4.3.2 (and RFC 7504 for 521)
    allow for every command rather than list for this one."""

    command: Command
    code: ReplyCode
    role: ReplyRole
    any_command: bool
    source: str


_TABLE: tuple[ExpectedReply, ...] = _expected_replies()


def expected_replies(command: Optional[Command] = None) -> tuple[ExpectedReply, ...]:
    """The command/code table: every (command, code) pair, or those of one
    command, so that ``check_reply(c, code)`` is ``NOT_LISTED`` exactly when
    no row of ``expected_replies(c)`` has ``code``."""
    if command is None:
        return _TABLE
    return tuple(r for r in _TABLE if r.command is command)


@dataclasses.dataclass(frozen=True)
class TrackResult:
    """How one reply matched."""

    answered: Command
    """the command it answers; NONE when nothing (known) was pending"""
    check: CodeCheck
    flags: TrackFlag
    sequence: Optional[int]
    """0-based push index of the command answered; None for a reply with nothing pending"""
    code: ReplyCode

    @property
    def unmatched(self) -> bool:
        """A reply with nothing to answer (desync or unsolicited 421)."""
        return self.sequence is None

    @property
    def fits(self) -> bool:
        """Not a reply too many, and not a code unlisted for its command."""
        return not self.flags & (TrackFlag.NO_PENDING_COMMAND | TrackFlag.CODE_NOT_LISTED)


class PipelineTracker:
    """Pairs replies with commands strictly by count, never by code or text
    (RFC 2920 section 3.1): :meth:`push` every command that gets a reply, in
    the order sent (``GREETING`` first, ``END_OF_DATA`` for the final ".",
    ``AUTH`` again for each SASL response line, one ``BDAT`` per chunk), and
    give :meth:`on_reply` every reply in the order received.

    Holds :attr:`capacity` (64) commands; pushes beyond that are counted but
    their names are lost (``TrackFlag.UNTRACKED_COMMAND``). Invariants:
    ``pushed == matched + pending`` and ``replies == matched + unmatched``.
    """

    __slots__ = ("_t",)

    def __init__(self) -> None:
        self._t = _PipelineTracker()

    def push(self, command: Union[Command, str, bytes]) -> bool:
        """Queues a command, or the command a client line sends (see
        :func:`command_from_line`; a line with an unknown verb, such as
        ``XCLIENT ...``, is queued as ``Command.NONE``: its reply still
        counts). False if the ring was full (the command is still counted).

        Never guesses: an empty or indented line, or one that does not start
        with a verb, raises ``ValueError``; a ``bool`` raises ``TypeError``."""
        if isinstance(command, bool):
            raise TypeError("push() takes a Command or a client line, not bool")
        if not isinstance(command, Command):
            if isinstance(command, int):
                command = Command(command)
            elif isinstance(command, (str, bytes)):
                line = command.encode("utf-8", "surrogateescape") if isinstance(command, str) else command
                parsed = command_from_line(line)
                if parsed is Command.NONE and not _VERB.match(line.rstrip(b"\r\n")):
                    raise ValueError(f"not a client command line: {command!r}")
                command = parsed
            else:
                raise TypeError(f"push() takes a Command or a client line, not {type(command).__name__}")
        return self._t.push(command)

    def on_reply(self, reply: CodeLike) -> TrackResult:
        """Matches the next reply (a :class:`Reply` or a code) to the oldest
        pending command."""
        code = _code_of(reply)
        result: TrackResult = self._t.on_reply(code)
        return result

    def reset(self) -> None:
        self._t.reset()

    @property
    def front(self) -> Command:
        """The command the next reply will answer (NONE if nothing, or only
        untracked commands, are pending)."""
        return self._t.front

    @property
    def pending(self) -> int:
        return self._t.pending

    @property
    def capacity(self) -> int:
        return self._t.capacity

    @property
    def pushed(self) -> int:
        return self._t.pushed

    @property
    def replies(self) -> int:
        return self._t.replies

    @property
    def matched(self) -> int:
        return self._t.matched

    @property
    def unmatched(self) -> int:
        return self._t.unmatched

    @property
    def overflowed(self) -> int:
        return self._t.overflowed

    def __repr__(self) -> str:
        return f"<PipelineTracker pending={self.pending} front={self.front.name} replies={self.replies}>"


# ---- Transcripts ---------------------------------------------------------------------
_PREFIX = re.compile(rb"[ \t]*([CS]):[ ]?")
_ANNOTATION = re.compile(rb"<[^<>]*>")  # "<wait for open connection>", "<CRLF>" in RFC examples
_VERB = re.compile(rb"[A-Za-z][A-Za-z0-9-]*(?: |$)")


def is_transcript(data: bytes) -> bool:
    """Whether the first non-blank line starts with ``C:`` or ``S:`` (raw
    server bytes never do: a reply starts with its code)."""
    start = 0
    while start < len(data):  # reads only up to the first non-blank line
        end = data.find(b"\n", start)
        line = data[start:] if end < 0 else data[start:end]
        if line.strip():
            return _PREFIX.match(line) is not None
        if end < 0:
            break
        start = end + 1
    return False


def split_lines(data: bytes) -> list[bytes]:
    """Transcript lines: split at LF only (a lone CR stays in its line, for
    the reply parser to judge), each without its CR LF or LF."""
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


class TranscriptError(ValueError):
    """A transcript line with neither a ``C:`` nor an ``S:`` prefix.

    Attributes: ``reason`` (``"no_prefix"``), ``line`` (1-based).
    """

    def __init__(self, reason: str, line: int) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"transcript line {line} has no C: or S: prefix (reason: {reason})")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.reason, self.line))


@dataclasses.dataclass(frozen=True)
class TranscriptReply:
    """A server reply of a transcript, checked against its command."""

    reply: Reply
    """its ``offset`` counts bytes of the server lines only (prefixes stripped, CRLF restored)"""
    line: int
    """the transcript line (1-based) where it starts"""
    result: TrackResult


class Transcript:
    """Checks a session transcript line by line. Server lines (``S:``) are
    parsed as replies (prefix and one space stripped, CRLF restored); client
    lines (``C:``) are pushed to a :class:`PipelineTracker`, and each reply
    is matched with its command:

    * a transcript that starts with a server line starts with ``GREETING``;
    * after a 354 answering DATA, client lines are message content up to
      ``.`` (``END_OF_DATA``); a server line before the ``.`` (a log that
      shows no content) ends the content too; client lines after a BDAT that
      are not commands are its chunk;
    * after a 334 answering AUTH, the next client line is a SASL response
      (``AUTH`` again);
    * a client line with an unknown verb (``XCLIENT ...``) is pushed as
      ``Command.NONE`` (its reply still counts); other client lines, and
      annotations like ``<wait for open connection>``, are skipped;
    * blank lines are skipped; any other line raises :class:`TranscriptError`.
    """

    def __init__(self, *, options: Optional[Options] = None, lenient: Union[bool, Leniency] = False) -> None:
        self.parser = ReplyParser(options=options, lenient=lenient)
        self.tracker = PipelineTracker()
        self._line = 0
        self._started = False
        self._data = False      # inside DATA content
        self._bdat = False      # after BDAT: non-command lines are its chunk
        self._sasl = False      # the next client line answers a 334
        # Where each server line starts in the server stream, and its transcript line.
        self._start_offsets: list[int] = []
        self._start_lines: list[int] = []
        #: after a ParseError: the replies the failing line completed before it, checked
        self.checked_before_error: list[TranscriptReply] = []

    def line_of(self, offset: int) -> int:
        """The transcript line of a server-stream offset (as in a Reply's or
        a ParseError's ``offset``). O(log n): the starts are in stream order."""
        i = bisect.bisect_right(self._start_offsets, offset)
        return self._start_lines[i - 1] if i else 0

    def feed_line(self, line: bytes) -> list[TranscriptReply]:
        """One transcript line (with or without its line end); returns the
        replies it completes. Raises :class:`ParseError` (offsets in the
        server stream, see :meth:`line_of`; the replies completed before the
        error are in :attr:`checked_before_error`) or :class:`TranscriptError`."""
        self._line += 1
        if line.endswith(b"\n"):
            line = line[:-1]
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line.strip():
            return []
        m = _PREFIX.match(line)
        if m is None:
            raise TranscriptError("no_prefix", self._line)
        text = line[m.end():]
        if _ANNOTATION.fullmatch(text.strip()):
            return []
        if m.group(1) == b"C":
            self.client(text, line=self._line)
            return []
        return self.server(text, line=self._line)

    def client(self, text: bytes, *, line: Optional[int] = None) -> None:
        """A line the client sent (without prefix and line end), for
        transcripts in other formats (see :mod:`smtpreply.transcripts`)."""
        if line is not None:
            self._line = line
        self._started = True
        self._client(text)

    def server(self, text: bytes, *, line: Optional[int] = None) -> list[TranscriptReply]:
        """A line the server sent (without prefix and line end); returns the
        replies it completes. Only the starts of the server lines of replies
        not yet returned (and of the last 1024 lines) are kept for
        :meth:`line_of`, so memory stays bounded on an endless transcript."""
        if line is not None:
            self._line = line
        if not self._started:
            self._started = True
            self.tracker.push(Command.GREETING)
        if self._data and self.parser.buffered == 0:
            # A reply during message content: the transcript did not show the
            # final "." (Postfix's smtpd logs no content), and a server
            # answers only after it.
            self._data = False
            self.tracker.push(Command.END_OF_DATA)
        if len(self._start_offsets) > 2048 and self.parser.buffered == 0:
            del self._start_offsets[:-1024]
            del self._start_lines[:-1024]
        self._start_offsets.append(self.parser.position + self.parser.buffered)
        self._start_lines.append(self._line)
        return [self._checked(r) for r in self._feed(text + b"\r\n")]

    def finish(self) -> None:
        """At the end: raises ParseError("incomplete") if a reply is unfinished."""
        self.parser.finish()

    def _feed(self, data: bytes) -> list[Reply]:
        try:
            return self.parser.feed(data)
        except ParseError as e:
            # Replies that the failing line completed before the error are checked too.
            self.checked_before_error = [self._checked(r) for r in e.replies]
            raise

    def _client(self, text: bytes) -> None:
        if self._data:
            if text == b".":
                self._data = False
                self.tracker.push(Command.END_OF_DATA)
            return
        if self._sasl:
            self._sasl = False
            self.tracker.push(Command.AUTH)
            return
        command = command_from_line(text)
        if command is not Command.NONE:
            self._bdat = command is Command.BDAT
            self.tracker.push(command)
        elif not self._bdat and _VERB.match(text):
            self.tracker.push(Command.NONE)

    def _checked(self, reply: Reply) -> TranscriptReply:
        result = self.tracker.on_reply(reply)
        if result.answered is Command.DATA and reply.code == 354:
            self._data = True
        if result.answered is Command.AUTH and reply.code == 334:
            self._sasl = True
        return TranscriptReply(reply, self.line_of(reply.offset), result)


def check_transcript(
    data: Union[bytes, str], *, options: Optional[Options] = None, lenient: Union[bool, Leniency] = False
) -> list[TranscriptReply]:
    """Every server reply of a transcript, checked against its command (see
    :class:`Transcript`). Raises :class:`ParseError` or
    :class:`TranscriptError`."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    t = Transcript(options=options, lenient=lenient)
    out: list[TranscriptReply] = []
    for line in split_lines(data):
        out += t.feed_line(line)
    t.finish()
    return out
