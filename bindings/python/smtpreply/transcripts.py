"""Transcripts in the forms people have, read line by line: swaks output,
Postfix and Exim logs (SMTP chat and "said:" / "SMTP error" lines), Sendmail
``>>>``/``<<<`` transcripts and ``C:``/``S:`` prefixed lines. Each server
reply keeps the command it answers: by count in a session (RFC 2920, the
:class:`~smtpreply.PipelineTracker`), or as the log line states it.

>>> reader = TranscriptReader()
>>> for line in (b"<-  220 mx ESMTP", b" -> EHLO me", b"<-  250 mx", b" -> RCPT TO:<a@b>", b"<** 550 5.1.1 no"):
...     for r in reader.feed_line(line):
...         print(r.line, r.reply.code, r.result.answered.name, r.format)
1 220 GREETING swaks
3 250 EHLO swaks
5 550 RCPT swaks

The formats (:data:`TRANSCRIPT_FORMATS`) and what is read of each:

* ``swaks``: ``<-``, ``<**``, ``<~``, ``<~*`` server lines; `` ->``, ``**>``,
  `` ~>``, ``*~>`` client lines; ``===``, ``***`` and other lines skipped.
* ``postfix``: syslog or journal lines of ``postfix/smtp``, ``postfix/lmtp``
  (client) and ``postfix/smtpd`` (server): the chat lines that
  ``debug_peer_list`` logs (``< host[addr]:25: 250 ...``,
  ``> host[addr]:25: EHLO ...``; one session per process id, a new one after
  QUIT's reply, or at a greeting after QUIT, whose reply Postfix does not
  log) and the status lines: ``host X said: 550 ... (in reply to RCPT TO
  command)``, ``host X refused to talk to me: 554 ...`` (the greeting),
  ``status=sent (250 ...)`` (end of DATA), and smtpd's ``reject: RCPT from
  host[addr]: 550 ...; from=<...>`` (skipped for a process whose chat lines
  the log has: they repeat it).
* ``exim``: debug output (``SMTP<<``, ``SMTP>>``, ``SMTP|>``, ``SMTP+>``;
  the indented continuation lines of a multi-line reply, other debug lines
  skipped) and main-log lines ``... SMTP error from remote mail server after
  RCPT TO:<a@b>: 550 ...`` (in debug output these repeat the chat: skipped).
* ``sendmail``: ``>>>`` client and ``<<<`` server lines, as in the
  transcript of a bounce (a new session at each ``while talking to``).
* ``cs``: ``C:``/``S:`` prefixed lines (see :class:`~smtpreply.Transcript`).

A log line that states its command is a reply on its own; its ``offset``
counts from the start of that reply (0). A multi-line reply that a log
flattened onto one line (``550-5.7.1 a 550 5.7.1 b``) is restored.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, Optional, Union

from ._options import Options
from ._smtpreply import Command, Leniency, TrackFlag, _unflatten
from .session import (
    TrackResult,
    Transcript,
    TranscriptReply,
    check_reply,
    command_from_line,
)

__all__ = ["TRANSCRIPT_FORMATS", "FormatReply", "TranscriptReader", "detect_format"]

TRANSCRIPT_FORMATS = ("swaks", "postfix", "exim", "sendmail", "cs")

# ---- One pattern per kind of line -------------------------------------------------------
_CS = re.compile(rb"[ \t]*([CS]):[ ]?")
_CS_DETECT = re.compile(rb"[ \t]*[CS]:(?: |$)")  # claims a line only with the space (not "S:journalling")
_SWAKS = re.compile(rb"(<- |<\*\*|<~ |<~\*| ->|\*\*>| ~>|\*~>)(?: (.*))?$", re.DOTALL)
_SWAKS_INFO = re.compile(rb"(===|\*\*\*) ")
_POSTFIX = re.compile(rb".*?\bpostfix[\w.-]*/(?:[\w.-]+/)*(smtpd|smtp|lmtp)\[(\d+)\]: (.*)$", re.DOTALL)
_POSTFIX_CHAT = re.compile(rb"([<>]) [^ ]*\[[^\]]*\](?::\d+)?: ?(.*)$", re.DOTALL)
_POSTFIX_SAID = re.compile(rb".*?\bsaid: (\d{3}(?:[ -].*)?) \(in reply to (.+?) command\)", re.DOTALL)
_POSTFIX_REFUSED = re.compile(rb".*?\brefused to talk to me: (\d{3}(?:[ -].*?)?)\)?$", re.DOTALL)
_POSTFIX_SENT = re.compile(rb".*?\bstatus=sent \((\d{3}(?:[ -].*?)?)\)$", re.DOTALL)
# smtpd: "NOQUEUE: reject: RCPT from h[1.2.3.4]: 550 5.1.1 <a@b>: ...; from=<x> to=<a@b> proto=ESMTP helo=<h>"
_POSTFIX_REJECT = re.compile(rb".*?\breject: ([A-Z]+) from [^ ]*\[[^\]]*\](?::\d+)?: (\d{3}(?:[ -].*?)?); from=<", re.DOTALL)
_EXIM_DEBUG = re.compile(rb".*?\bSMTP(<<|>>|\|>|\+>) (.*)$", re.DOTALL)
_EXIM_CONT = re.compile(rb"[ \t]{2,}(\d{3}(?:[ -].*)?)$", re.DOTALL)
_EXIM_LOG = re.compile(rb".*?\bSMTP error from remote (?:mail server|mailer) after (.+?): (\d{3}(?:[ -].*)?)$", re.DOTALL)
_SENDMAIL = re.compile(rb"(>>>|<<<)(?: (.*))?$", re.DOTALL)
_SENDMAIL_SESSION = re.compile(rb".*\bwhile talking to ", re.DOTALL)
_REPLY_LINE = re.compile(rb"\d{3}(?:[ -]|$)")
_FLATTENED = re.compile(rb"(\d{3})-")


def detect_format(line: bytes) -> Optional[str]:
    """The transcript format a line belongs to, or None (raw server bytes,
    or a line no format claims). Reads one line."""
    line = line.rstrip(b"\r\n")
    if _CS_DETECT.match(line):
        return "cs"
    if _SWAKS.match(line) or _SWAKS_INFO.match(line):
        return "swaks"
    if _POSTFIX.match(line):
        return "postfix"
    if _EXIM_DEBUG.match(line) or _EXIM_LOG.match(line):
        return "exim"
    if _SENDMAIL.match(line):
        return "sendmail"
    return None


@dataclasses.dataclass(frozen=True)
class FormatReply(TranscriptReply):
    """A :class:`~smtpreply.TranscriptReply` with where it came from: the
    ``format`` and, in a log of several sessions, its ``session``
    (``"postfix/smtp[1234]"``; ``""`` otherwise)."""

    format: str = ""
    session: str = ""


def _log_command(text: bytes) -> Command:
    """The command a log names: "RCPT TO", "end of DATA", "MAIL FROM:<a>", ..."""
    words = text.strip().lower()
    words = words.removeprefix(b"pipelined ")
    if words in (b"end of data", b"end of data command"):
        return Command.END_OF_DATA
    if words.startswith((b"initial connection", b"initial protocol greeting", b"connect")):
        return Command.GREETING
    return command_from_line(words)  # "rcpt to", "mail from:<a@b> size=1", "ehlo mx": the verb


class TranscriptReader:
    """Reads a transcript line by line, in any of the :data:`TRANSCRIPT_FORMATS`
    (``format=None``: the first line that one format claims decides; lines
    before it are skipped). :meth:`feed_line` returns the replies a line
    completes, each a :class:`FormatReply`; :meth:`finish` at the end raises
    :class:`~smtpreply.ParseError` (``incomplete``) when a reply is unfinished.
    Errors are those of :class:`~smtpreply.Transcript`."""

    def __init__(self, format: Optional[str] = None, *, options: Optional[Options] = None,
                 lenient: Union[bool, Leniency] = False) -> None:
        if format is not None and format not in TRANSCRIPT_FORMATS:
            raise ValueError(f"format must be one of {', '.join(TRANSCRIPT_FORMATS)}, not {format!r}")
        self.format = format
        self._options = options
        self._lenient = lenient
        self._line = 0
        self._sessions: dict[str, Transcript] = {}
        self._closed: set[str] = set()
        self._exim_server_in: Optional[bool] = None  # True: SMTP<< carries replies
        self._exim_continues = False
        #: the transcript of the last reply or error (for its ``line_of``)
        self.current: Optional[Transcript] = None

    @property
    def line(self) -> int:
        """Lines read so far."""
        return self._line

    def _session(self, key: str) -> Transcript:
        t = self._sessions.get(key)
        if t is None or key in self._closed:
            self._closed.discard(key)
            t = Transcript(options=self._options, lenient=self._lenient)
            self._sessions[key] = t
        self.current = t
        return t

    def _wrap(self, found: list[TranscriptReply], key: str) -> list[FormatReply]:
        out = []
        for r in found:
            if r.result.answered is Command.QUIT and self.format != "cs":
                self._closed.add(key)  # the next line of this session starts a new one
            out.append(FormatReply(r.reply, r.line, r.result, self.format or "", key))
        return out

    def _server(self, key: str, text: bytes) -> list[FormatReply]:
        return self._wrap(self._session(key).server(text, line=self._line), key)

    def _client(self, key: str, text: bytes) -> list[FormatReply]:
        self._session(key).client(text, line=self._line)
        return []

    def _standalone(self, key: str, wire: bytes, command: Command) -> list[FormatReply]:
        """A reply a log line states with its command: parsed on its own."""
        from ._smtpreply import parse

        self.current = None  # an error here is at this line
        reply = parse(wire, options=self._options, lenient=self._lenient if self._options is None else False)
        check = check_reply(command, reply) if command is not Command.NONE else check_reply(Command.NONE, reply)
        flags = TrackFlag.CODE_NOT_LISTED if check.name == "NOT_LISTED" else TrackFlag(0)
        result = TrackResult(command, check, flags, 0, reply.code)
        return [FormatReply(reply, self._line, result, self.format or "", key)]

    def feed_line(self, line: bytes) -> list[FormatReply]:
        """One line (with or without its line end)."""
        self._line += 1
        if line.endswith(b"\n"):
            line = line[:-1]
        if line.endswith(b"\r"):
            line = line[:-1]
        if self.format is None:
            found = detect_format(line)
            if found is None:
                return []
            self.format = found
        if self.format == "cs":
            t = self._session("")
            t._line = self._line - 1
            return self._wrap(t.feed_line(line), "")
        readers: dict[str, Callable[[bytes], list[FormatReply]]] = {
            "swaks": self._swaks, "postfix": self._postfix, "exim": self._exim, "sendmail": self._sendmail}
        return readers[self.format](line)

    def finish(self) -> None:
        for t in self._sessions.values():
            self.current = t
            t.finish()

    # ---- the formats ------------------------------------------------------------------
    def _swaks(self, line: bytes) -> list[FormatReply]:
        m = _SWAKS.match(line)
        if m is None:
            return []
        text = m.group(2) or b""
        if m.group(1).startswith(b"<"):
            return self._server("", text[1:] if m.group(1) == b"<- " and text.startswith(b" ") else text)
        return self._client("", text)

    def _postfix(self, line: bytes) -> list[FormatReply]:
        m = _POSTFIX.match(line)
        if m is None:
            return []
        program, pid, rest = m.group(1), m.group(2), m.group(3)
        key = f"postfix/{program.decode()}[{pid.decode()}]"
        chat = _POSTFIX_CHAT.match(rest)
        if chat:
            incoming = chat.group(1) == b"<"
            from_server = incoming if program != b"smtpd" else not incoming
            if not from_server:
                return self._client(key, chat.group(2))
            t = self._sessions.get(key)
            if t is not None and t.tracker.front is Command.QUIT and chat.group(2)[:3] == b"220":
                # postfix/smtp sends QUIT and logs no reply: a greeting starts the next connection
                self._closed.add(key)
            return self._server(key, chat.group(2))
        if key in self._sessions or (b"status=" not in rest and b"reject: " not in rest):
            return []  # the chat lines of this process showed it; "send attr reason = ..." repeats it
        said = _POSTFIX_SAID.match(rest)
        if said:
            return self._standalone(key, _unflatten(said.group(1)), _log_command(said.group(2)))
        refused = _POSTFIX_REFUSED.match(rest)
        if refused:
            return self._standalone(key, _unflatten(refused.group(1)), Command.GREETING)
        sent = _POSTFIX_SENT.match(rest)
        if sent:  # "status=sent (250 2.0.0 Ok: queued as X)": the reply to the end of DATA
            return self._standalone(key, _unflatten(sent.group(1)), Command.END_OF_DATA)
        reject = _POSTFIX_REJECT.match(rest)
        if reject:
            return self._standalone(key, _unflatten(reject.group(2)), _log_command(reject.group(1)))
        return []

    def _exim(self, line: bytes) -> list[FormatReply]:
        m = _EXIM_DEBUG.match(line)
        if m:
            arrow, text = m.group(1), m.group(2)
            if self._exim_server_in is None:
                self._exim_server_in = arrow == b"<<" and _REPLY_LINE.match(text) is not None
            reply = (arrow == b"<<") == self._exim_server_in and arrow not in (b"|>", b"+>")
            if reply:
                self._exim_continues = text[3:4] == b"-"
                return self._server("", text)
            self._exim_continues = False
            return self._client("", text)
        if self._exim_continues:
            # The other lines of a multi-line reply, indented under the first
            # (debug lines such as "read response data: size=19" in between).
            c = _EXIM_CONT.match(line)
            if c:
                self._exim_continues = c.group(1)[3:4] == b"-"
                return self._server("", c.group(1))
            return []
        if self._exim_server_in is not None:
            return []  # debug output: the "SMTP error from ..." lines repeat what the chat showed
        log = _EXIM_LOG.match(line)
        if log:
            return self._standalone("", _unflatten(log.group(2)), _log_command(log.group(1)))
        return []

    def _sendmail(self, line: bytes) -> list[FormatReply]:
        if _SENDMAIL_SESSION.match(line):
            self._closed.add("")
            return []
        m = _SENDMAIL.match(line)
        if m is None:
            return []
        if m.group(1) == b"<<<":
            return self._server("", m.group(2) or b"")
        return self._client("", m.group(2) or b"")

