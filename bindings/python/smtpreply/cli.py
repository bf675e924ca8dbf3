"""The ``smtpreply`` command. Run ``smtpreply --help``.

Exit status (each subcommand's help lists the ones it can produce):
  0  success
  1  the input is malformed (a parse error; ``ehlo``: also a reply that is not 250)
  2  usage error, an invalid code, or an input or output error (a file that
     cannot be read, a full disk): one line on stderr, never a traceback
  3  the input ended inside a reply (``parse``, ``ehlo``)
  4  ``parse`` of a transcript: a reply does not fit its command (a code no
     RFC lists for it, or a reply with no command pending)
  5  ``parse --fail-on``: a reply of that class or action was seen
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import textwrap
from typing import IO, TYPE_CHECKING, Any, Callable, Iterator, Optional, Sequence

from . import __version__
from ._errors import ParseError
from ._options import Options
from ._smtpreply import Action, Command, Flag, Leniency, Reply, ReplyClass, ReplyParser, TrackFlag
from .session import TranscriptError, TranscriptReply
from .transcripts import TRANSCRIPT_FORMATS, FormatReply, TranscriptReader, detect_format

if TYPE_CHECKING:
    from .capabilities import Ehlo

__all__ = ["main"]

EXIT_OK = 0
EXIT_PARSE_ERROR = 1
EXIT_USAGE = 2
EXIT_INCOMPLETE = 3
EXIT_MISFIT = 4
EXIT_FAIL_ON = 5

_EXIT_TEXT = {
    EXIT_OK: "success",
    EXIT_PARSE_ERROR: "the input is malformed (a parse error)",
    EXIT_USAGE: "usage error, or a read or write error (one line on stderr)",
    EXIT_INCOMPLETE: "the input ended inside a reply",
    EXIT_MISFIT: "transcript: a reply does not fit its command (code not listed, or no command pending)",
    EXIT_FAIL_ON: "--fail-on: a reply of that class or action was seen",
}


def exit_codes(*codes: int, **notes: str) -> str:
    """The "exit status:" section of a subcommand's help: only its codes."""
    lines = ["exit status:"]
    for code in codes:
        lines.append(f"  {code}  {notes.get(f'e{code}', _EXIT_TEXT[code])}")
    return "\n".join(lines) + "\n"


_EXIT_CODES = exit_codes(0, 1, 2, 3, 4, 5,
                         e1="the input is malformed (parse error); ehlo: also a reply that is not 250",
                         e3="the input ended inside a reply (parse, ehlo)",
                         e4="transcript (parse): a reply does not fit its command",
                         e5="parse --fail-on: a reply of that class or action was seen")


class InputError(Exception):
    """A read error: one line on stderr, exit status 2."""


# ---- Output helpers ------------------------------------------------------------
_COMMAND_NAMES = [c.name.lower() for c in Command if c.name not in ("NONE",)]
_ESCAPED = re.compile("[\udc80-\udcff]")


def dumps(obj: Any) -> str:
    """JSON text for jq: valid UTF-8 stays UTF-8 (``ensure_ascii=False``);
    a byte that is not UTF-8, decoded with ``surrogateescape`` to U+DC80 to
    U+DCFF, is written as that escape (``"\\udcff"`` for the byte 0xFF), so
    ``json.loads(...).encode("utf-8", "surrogateescape")`` gives the bytes
    back. No valid UTF-8 decodes to those code points: nothing is ambiguous."""
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False))


def json_string(data: bytes) -> str:
    """The JSON string of bytes, as :func:`dumps` writes it."""
    return dumps(data.decode("utf-8", "surrogateescape"))


def flag_names(flags: Flag) -> list[str]:
    """The stable names of the flags set, in bit order (as the C++ ``name(flag)``)."""
    return [str(f) for f in sorted(Flag, key=int) if f.name and flags & f]


def reply_json(reply: Reply) -> str:
    """One line of ``parse --json`` (and of smtpreply-cat) for a reply: ``Reply.to_dict()``."""
    return dumps(reply.to_dict())


class Style:
    """ANSI colours, or nothing when not writing to a terminal."""

    _CLASS = {
        ReplyClass.POSITIVE_COMPLETION: "32",
        ReplyClass.POSITIVE_INTERMEDIATE: "36",
        ReplyClass.TRANSIENT_NEGATIVE: "33",
        ReplyClass.PERMANENT_NEGATIVE: "31",
        ReplyClass.UNKNOWN: "35",
    }

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, sgr: str, text: str) -> str:
        return f"\033[{sgr}m{text}\033[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def for_class(self, reply_class: ReplyClass, text: str) -> str:
        return self._wrap(self._CLASS.get(reply_class, "0"), text)


def use_colour(choice: str, stream: IO[str]) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _escape_char(c: str) -> str:
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte that is not UTF-8 (surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    if n <= 0xFF:
        return f"\\x{n:02x}"
    return f"\\u{n:04x}" if n <= 0xFFFF else f"\\U{n:08x}"


def printable(data: bytes) -> str:
    """Text for a terminal: UTF-8 where valid; a byte that is not UTF-8 and
    control characters up to U+00FF as ``\\xNN``; other unprintable code
    points as ``\\uNNNN`` or ``\\UNNNNNNNN`` (as Python writes them)."""
    text = data.decode("utf-8", "surrogateescape")
    return "".join(c if c.isprintable() or c == " " else _escape_char(c) for c in text)


# ---- Argument types --------------------------------------------------------------
def positive_int(text: str) -> int:
    """1 to 4294967295, like smtpreply-cat."""
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= value <= 0xFFFFFFFF:
        raise argparse.ArgumentTypeError(f"must be between 1 and 4294967295: {text}")
    return value


_CLASSES = {"2xx": 2, "3xx": 3, "4xx": 4, "5xx": 5}
_ACTIONS = {str(a): a for a in Action}


def fail_on(text: str) -> list[str]:
    """--fail-on: reply classes (5xx) and actions (retry_later), comma-separated."""
    out = []
    for word in text.lower().replace(" ", "").split(","):
        if word not in _CLASSES and word not in _ACTIONS:
            raise argparse.ArgumentTypeError(
                f"{word!r} is neither a class ({', '.join(_CLASSES)}) nor an action ({', '.join(_ACTIONS)})")
        out.append(word)
    return out


# ---- Input: read as it arrives -----------------------------------------------------------
READ_SIZE = 65536


def read_chunks(path: Optional[str], size: int = READ_SIZE) -> Iterator[bytes]:
    """The input's bytes as they arrive (``read1``: what is there, up to
    ``size``). An OSError becomes :class:`InputError`."""
    name = "<stdin>" if path is None or path == "-" else path
    try:
        f = sys.stdin.buffer if path is None or path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None
    try:
        while True:
            try:
                data = f.read1(size) if hasattr(f, "read1") else f.read(size)
            except OSError as e:
                raise InputError(f"{name}: {e.strerror or e}") from None
            if not data:
                return
            yield data
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def read_input(path: Optional[str]) -> bytes:
    """All of an input (for the subcommands that read one small document)."""
    return b"".join(read_chunks(path))


_REPLY_START_LINE = re.compile(rb"\s*\d{3}(?:[- \r\n]|$)")
DETECT_OCTETS = 65536


def sniff(chunks: Iterator[bytes], forced: Optional[str]) -> tuple[str, Iterator[bytes]]:
    """The input's format, reading no more than needed: the first non-blank
    line decides (a reply code: raw server bytes; a line one transcript
    format claims: that format); otherwise the first claimed line within
    64 KiB; otherwise raw. Returns the format and the whole input again."""
    if forced is not None and forced != "auto":
        return forced, chunks
    head = b""
    found: Optional[str] = None
    decided = False
    for chunk in chunks:
        head += chunk
        lines = head.split(b"\n")
        complete = lines[:-1]
        first = True
        for line in complete:
            if not line.strip():
                continue
            if first and _REPLY_START_LINE.match(line):
                found, decided = "raw", True
                break
            first = False
            found = detect_format(line)
            if found is not None:
                decided = True
                break
        if decided or len(head) >= DETECT_OCTETS:
            break
    if found is None and not decided:
        rest = head.split(b"\n")[-1] if len(head) < DETECT_OCTETS else b""
        found = detect_format(rest) if rest.strip() and not _REPLY_START_LINE.match(rest) else None
    return found or "raw", itertools.chain([head], chunks)


def _slices(data: bytes, size: Optional[int]) -> Iterator[bytes]:
    if not size or size >= len(data):
        yield data
        return
    for start in range(0, len(data), size):
        yield data[start:start + size]


# ---- smtpreply parse ---------------------------------------------------------------
def _hint(reason: str) -> str:
    """Which option would accept what failed."""
    if reason == "bare_lf":
        return " (lines end in LF alone, as text pasted from a terminal does: --lenient accepts that and reports " \
               "the bare_lf flag)"
    if reason.upper() in Leniency.__members__:
        return f" (--lenient accepts this and reports the {reason} flag)"
    return ""


class _Run:
    """Shared state of one ``parse``: options, output, the exit status."""

    def __init__(self, args: argparse.Namespace, out: IO[str], err: IO[str]) -> None:
        self.args, self.out, self.err = args, out, err
        defaults = Options()
        self.options = Options(
            lenient=Leniency.ALL if args.lenient else Leniency.NONE,
            max_line_octets=args.max_line_octets or defaults.max_line_octets,
            max_auth_line_octets=defaults.max_auth_line_octets,
            max_reply_octets=args.max_reply_octets or defaults.max_reply_octets,
            max_reply_lines=args.max_reply_lines or defaults.max_reply_lines,
        )
        self.style = Style(use_colour(args.color, out))
        self.fail_on = set(itertools.chain.from_iterable(args.fail_on or []))
        self.failed = False
        self.misfit = False

    def action(self, reply: Reply, command: Command) -> Action:
        from .catalog import advise

        return advise(reply, command=command)

    def note(self, reply: Reply, action: Action) -> None:
        if not self.fail_on:
            return
        digit = f"{reply.code.first_digit}xx"
        if digit in self.fail_on or str(action) in self.fail_on:
            self.failed = True

    def status(self) -> int:
        return EXIT_FAIL_ON if self.failed else EXIT_MISFIT if self.misfit else EXIT_OK


def cmd_parse(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    run = _Run(args, out, err)
    fmt, chunks = sniff(read_chunks(args.file), "cs" if args.transcript else args.input_format)
    if fmt == "raw":
        return _parse_raw(chunks, run)
    return _parse_transcript(chunks, fmt, run)


def _parse_raw(chunks: Iterator[bytes], run: _Run) -> int:
    args, out, err, style = run.args, run.out, run.err, run.style

    def show(reply: Reply, unterminated: bool = False) -> None:
        action = run.action(reply, Command.NONE)
        run.note(reply, action)
        if args.json:
            d = reply.to_dict()
            if unterminated:
                d["unterminated"] = True
            print(dumps(d), file=out)
        else:
            _print_row(reply, style, out, unterminated)

    if not args.json:
        print(style.bold(f"{'offset':>7}  code  {'enhanced':<9} {'class':<22} text"), file=out)
    parser = ReplyParser(options=run.options)
    last = b""
    try:
        for data in chunks:
            for piece in _slices(data, args.chunk):
                for reply in parser.feed(piece):
                    show(reply)
            if data:
                last = data[-1:]
            out.flush()  # output per reply while the input is still open
        if args.unterminated_ok and parser.buffered and last != b"\n":
            replies = parser.feed(b"\n" if last == b"\r" else b"\r\n")
            for i, reply in enumerate(replies):
                show(reply, unterminated=i == len(replies) - 1)
        parser.finish()
    except ParseError as e:
        for reply in e.replies:
            show(reply)
        incomplete = e.reason == "incomplete"
        if args.json:
            print(
                dumps({"incomplete": True, "offset": e.offset})
                if incomplete
                else dumps({"error": e.reason, "offset": e.offset}),
                file=out,
            )
        else:
            out.flush()
            what = "input ended inside a reply" if incomplete else f"error: {e.reason}"
            hint = _hint(e.reason)
            if incomplete and last not in (b"\n", b""):
                hint = " (the input does not end with a line ending: --unterminated-ok takes the last line as complete)"
            print(f"smtpreply: {what} at byte {e.offset}: {e.message}{hint}", file=err)
        return EXIT_INCOMPLETE if incomplete else EXIT_PARSE_ERROR
    return run.status()


def _print_row(reply: Reply, style: Style, out: IO[str], unterminated: bool = False) -> None:
    enhanced = str(reply.enhanced) if reply.enhanced is not None else "-"
    klass = str(reply.reply_class).replace("_", " ")
    pad = " " * 48
    texts = [printable(line) for line in reply.line_bytes]
    code = style.for_class(reply.reply_class, f"{int(reply.code):03d}")
    print(f"{reply.offset:>7}  {code}   {enhanced:<9} {klass:<22} {texts[0]}", file=out)
    for text in texts[1:]:
        print(pad + text, file=out)
    names = flag_names(reply.flags) + (["no final line ending (--unterminated-ok)"] if unterminated else [])
    if names:
        print(pad + style.dim("flags: " + ", ".join(names)), file=out)


# ---- smtpreply parse, transcript mode ----------------------------------------------------
def _names(flags: int, cls: type[TrackFlag]) -> list[str]:
    return [str(f) for f in sorted(cls, key=int) if f.name and flags & f]


def transcript_record(t: TranscriptReply, action: Action, fmt: str) -> dict[str, Any]:
    """A reply of ``parse --json`` in transcript mode: ``Reply.to_dict()``
    and where it was, what it answers, how it fits, what to do, why."""
    from .classify import classify

    r = t.result
    d: dict[str, Any] = t.reply.to_dict()
    d.update({
        "line": t.line,
        "command": str(r.answered) if r.answered is not Command.NONE else None,
        "check": str(r.check),
        "track": _names(r.flags, TrackFlag),
        "action": str(action),
        "reason": str(classify(t.reply, command=r.answered).reason),
        "format": fmt,
        "session": (t.session or None) if isinstance(t, FormatReply) else None,
    })
    return d


def transcript_json(t: TranscriptReply) -> str:
    """A reply line of ``parse --json`` with the transcript's fields added."""
    from .catalog import advise

    return dumps(transcript_record(t, advise(t.reply, command=t.result.answered), "cs"))


_LINE_LIMIT = 1 << 20


def _lines(chunks: Iterator[bytes], before_read: Optional[Callable[[], None]] = None) -> Iterator[bytes]:
    """Lines as they arrive, split at LF, each without its CR LF or LF; a
    last line without a line end is a line. Longer lines than 1 MiB are
    an input error (no transcript line is that long). ``before_read`` runs
    before waiting for more input (to flush the output)."""
    rest = b""
    while True:
        if before_read is not None:
            before_read()
        data = next(chunks, None)
        if data is None:
            break
        parts = (rest + data).split(b"\n")
        rest = parts.pop()
        if len(rest) > _LINE_LIMIT:
            raise InputError(f"a line longer than {_LINE_LIMIT} octets: not a transcript")
        for line in parts:
            yield line[:-1] if line.endswith(b"\r") else line
    if rest:
        yield rest[:-1] if rest.endswith(b"\r") else rest


def _parse_transcript(chunks: Iterator[bytes], fmt: str, run: _Run) -> int:
    args, out, err, style = run.args, run.out, run.err, run.style
    reader = TranscriptReader(fmt, options=run.options)

    def show(t: TranscriptReply) -> None:
        run.misfit = run.misfit or not t.result.fits
        action = run.action(t.reply, t.result.answered)
        run.note(t.reply, action)
        if args.json:
            print(dumps(transcript_record(t, action, fmt)), file=out)
        else:
            _print_transcript_row(t, action, style, out)

    if not args.json:
        print(style.bold(f"{'line':>6}  code  {'enhanced':<9} {'command':<12} {'check':<15} {'action':<17} text"),
              file=out)
    try:
        for line in _lines(chunks, out.flush):  # output while the input is still open
            for t in reader.feed_line(line):
                show(t)
        reader.finish()
    except TranscriptError as e:
        if args.json:
            print(dumps({"error": e.reason, "line": e.line}), file=out)
        else:
            out.flush()
            print(f"smtpreply: line {e.line}: no C: or S: prefix", file=err)
        return EXIT_PARSE_ERROR
    except ParseError as e:
        current = reader.current
        for before in current.checked_before_error if current is not None else []:
            show(before)
        incomplete = e.reason == "incomplete"
        at_line = current.line_of(e.offset) if current is not None else reader.line
        if args.json:
            print(
                dumps({"incomplete": True, "offset": e.offset, "line": at_line})
                if incomplete
                else dumps({"error": e.reason, "offset": e.offset, "line": at_line}),
                file=out,
            )
        else:
            out.flush()
            what = "input ended inside a reply" if incomplete else f"error: {e.reason}"
            print(f"smtpreply: {what} at line {at_line}: {e.message}{_hint(e.reason)}", file=err)
        return EXIT_INCOMPLETE if incomplete else EXIT_PARSE_ERROR
    return run.status()


def _print_transcript_row(t: TranscriptReply, action: Action, style: Style, out: IO[str]) -> None:
    from .classify import classify

    reply, r = t.reply, t.result
    enhanced = str(reply.enhanced) if reply.enhanced is not None else "-"
    command = str(r.answered) if r.answered is not Command.NONE else "-"
    check = str(r.check)
    pad = " " * 71
    texts = [printable(line) for line in reply.line_bytes]
    code = style.for_class(reply.reply_class, f"{int(reply.code):03d}")
    if not r.fits:
        check = style.for_class(ReplyClass.PERMANENT_NEGATIVE, f"{check:<15}")
    else:
        check = f"{check:<15}"
    print(f"{t.line:>6}  {code}   {enhanced:<9} {command:<12} {check} {action!s:<17} {texts[0]}", file=out)
    for text in texts[1:]:
        print(pad + text, file=out)
    names = flag_names(reply.flags)
    if names:
        print(pad + style.dim("flags: " + ", ".join(names)), file=out)
    track = _names(r.flags, TrackFlag)
    if track:
        print(pad + style.dim("track: " + ", ".join(track)), file=out)
    if reply.is_negative:
        print(pad + style.dim("reason: " + str(classify(reply, command=r.answered).reason)), file=out)
    if isinstance(t, FormatReply) and t.session:
        print(pad + style.dim("session: " + t.session), file=out)


# ---- smtpreply ehlo ------------------------------------------------------------------
class NoEhloReply(Exception):
    """A transcript or dump without a reply to EHLO."""


def ehlo_reply(data: bytes, lenient: bool) -> Reply:
    """The reply to EHLO in what a person has: the reply alone; a banner and
    EHLO dump (the 220 greeting before it is skipped); or a transcript in
    any format ``parse`` reads (the last reply to EHLO or LHLO, so the one
    after STARTTLS when there are two)."""
    from ._smtpreply import parse_all

    fmt, _ = sniff(iter([data]), None)
    if fmt != "raw":
        reader = TranscriptReader(fmt, lenient=lenient)
        found: Optional[Reply] = None
        for line in _lines(iter([data])):
            for t in reader.feed_line(line):
                if t.result.answered in _EHLO_COMMANDS:
                    found = t.reply
        reader.finish()
        if found is None:
            raise NoEhloReply(f"no reply to EHLO in this {fmt} transcript")
        return found
    replies = list(parse_all(data, lenient=lenient))
    while len(replies) > 1 and replies[0].code == 220:  # the banner
        replies = replies[1:]
    if not replies:
        raise ParseError("incomplete", 0, "no reply in the input")
    if replies[0].code == 220:
        raise NoEhloReply("only a greeting (220): no reply to EHLO")
    if len(replies) > 1:
        raise ParseError("trailing_data", replies[1].offset,
                         "more than a greeting and one reply (give the reply to EHLO, or a transcript)")
    return replies[0]


_EHLO_COMMANDS = {c for c in Command if c.name in ("EHLO", "LHLO")}


def cmd_ehlo(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .capabilities import EhloError, ehlo

    data = read_input(args.file)
    try:
        model = ehlo(ehlo_reply(data, args.lenient))
    except NoEhloReply as e:
        if args.json:
            print(dumps({"error": "no_ehlo_reply"}), file=out)
        else:
            print(f"smtpreply: {e}", file=err)
        return EXIT_PARSE_ERROR
    except EhloError as e:
        if args.json:
            print(dumps({"error": e.reason, "code": int(e.code)}), file=out)
        else:
            print(f"smtpreply: not a successful EHLO reply: {int(e.code):03d} (only 250 is)", file=err)
        return EXIT_PARSE_ERROR
    except ParseError as e:
        incomplete = e.reason == "incomplete"
        if args.json:
            print(dumps({"error": e.reason, "offset": e.offset}), file=out)
        else:
            print(f"smtpreply: error: {e.reason} at byte {e.offset}: {e.message}{_hint(e.reason)}", file=err)
        return EXIT_INCOMPLETE if incomplete else EXIT_PARSE_ERROR
    except TranscriptError as e:
        if args.json:
            print(dumps({"error": e.reason, "line": e.line}), file=out)
        else:
            print(f"smtpreply: line {e.line}: no C: or S: prefix", file=err)
        return EXIT_PARSE_ERROR
    if args.json:
        print(ehlo_json(model.to_dict()), file=out)
        return EXIT_OK
    style = Style(use_colour(args.color, out))
    _print_ehlo(model, style, out)
    return EXIT_OK


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def ehlo_json(d: dict[str, Any]) -> str:
    """``smtpreply ehlo --json``: ``Ehlo.to_dict()``, strings as :func:`dumps` writes them."""
    return dumps(d)


def _print_ehlo(model: Ehlo, style: Style, out: IO[str]) -> None:
    from ._smtpreply import _keyword_source
    from .capabilities import EhloFlag, EhloKeyword, ParamState

    print(f"{style.bold('domain')}    {printable(_bytes(model.domain))}", file=out)
    if model.greeting:
        print(f"{style.bold('greeting')}  {printable(_bytes(model.greeting))}", file=out)
    print(style.bold("capabilities") + ("" if model.capabilities else "  (none)"), file=out)
    width = max((len(c.keyword) for c in model.capabilities), default=0)
    for c in model.capabilities:
        note = (_keyword_source(c.kind) if c.kind is not EhloKeyword.UNKNOWN
                else "unknown keyword" if c.valid_keyword else "invalid keyword")
        params = printable(_bytes(" ".join(c.params)))
        print(f"  {printable(_bytes(c.keyword)):<{width}}  {params:<30} {style.dim(note)}", file=out)
    size = model.size
    if size.advertised:
        what = {ParamState.NO_VALUE: "no limit announced", ParamState.MALFORMED: "malformed"}.get(
            size.state, f"{size.limit} octets" if size.limit else "no fixed maximum (0)")
        print(f"{style.bold('size')}      {what}", file=out)
    if model.auth_mechanisms:
        print(f"{style.bold('auth')}      {printable(_bytes(' '.join(model.auth_mechanisms)))}", file=out)
    flags = [f.name.lower() for f in sorted(EhloFlag, key=int) if f.name and model.flags & f]
    print(f"{style.bold('flags')}     {', '.join(flags) if flags else '(none)'}", file=out)


# ---- smtpreply classify -----------------------------------------------------------------
_REPLY_START = re.compile(rb"^(\d{3})([ -]|$)")
_DIAGNOSTIC = re.compile(rb"^(?:diagnostic-code:\s*)?[A-Za-z][A-Za-z0-9-]*\s*;", re.IGNORECASE)


def _is_bounce(data: bytes) -> bool:
    head = data[:65536].lower()
    return b"message/delivery-status" in head


def _text_items(data: bytes) -> list[bytes]:
    """Reply texts of a log-like input: one per line, except that the lines of
    a multi-line reply (550-... then 550 ...) are kept together."""
    items: list[bytes] = []
    pending: list[bytes] = []
    for raw in data.splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _REPLY_START.match(line)
        if pending:
            pending.append(line)
            if m and m.group(2) != b"-" and line[:3] == pending[0][:3]:
                items.append(b"\r\n".join(pending))
                pending = []
            continue
        if m and m.group(2) == b"-":
            pending = [line]
            continue
        items.append(line)
    if pending:
        items.append(b"\r\n".join(pending))
    return items


def _classify_rows(data: bytes, name: str, command: Any) -> list[dict[str, Any]]:
    from . import bounces
    from .classify import classify, from_diagnostic_code

    rows: list[dict[str, Any]] = []
    if _is_bounce(data):
        for r in bounces.read(data):
            rows.append({"input": name, "recipient": r.recipient, "status": str(r.status) if r.status else None,
                         "text": r.diagnostic or "", **r.classification.as_dict()})
        return rows
    for item in _text_items(data):
        if _DIAGNOSTIC.match(item) and not _REPLY_START.match(item):
            d = from_diagnostic_code(item)
            c = d.classify(command=command)
            text = d.text
        else:
            c = classify(item, command=command)
            text = item.decode("utf-8", "surrogateescape").replace("\r\n", " ")
        rows.append({"input": name, "recipient": None, "status": None, "text": text, **c.as_dict()})
    return rows


def cmd_classify(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    command = Command[args.command.upper()] if args.command else None
    rows: list[dict[str, Any]] = []
    for path in args.files or ["-"]:
        data = read_input(None if path == "-" else path)
        rows.extend(_classify_rows(data, "<stdin>" if path == "-" else path, command))
    if args.json:
        for row in rows:
            print(dumps(row), file=out)
        return EXIT_OK
    style = Style(use_colour(args.color, out))
    header = f"{'reason':<20} {'action':<16} {'hard':<5} {'retry':>6}  {'rule':<34} text"
    print(style.bold(header), file=out)
    for row in rows:
        retry = str(row["retry_after"]) if row["retry_after"] else "-"
        who = f"{row['recipient']}: " if row["recipient"] else ""
        text = printable((who + row["text"]).encode("utf-8", "surrogateescape"))
        if len(text) > 100:
            text = text[:97] + "..."
        rule = row["rule"] + (f" ({row['provider']})" if row["provider"] else "")
        print(f"{row['reason']:<20} {row['action']:<16} {'yes' if row['permanent'] else 'no':<5} {retry:>6}  "
              f"{rule:<34} {text}", file=out)
    return EXIT_OK


_CLASSIFY_WORDS = {
    "en": {"title": "Classification of this reply", "reason": "Reason", "action": "Action", "hard": "Hard bounce",
           "yes": "yes", "no": "no", "rule": "Decided by", "source": "Source", "provider": "Provider",
           "retry": "Retry after (seconds)", "meaning": "Meaning of the code"},
    "id": {"title": "Klasifikasi balasan ini", "reason": "Alasan", "action": "Tindakan",
           "hard": "Kegagalan permanen (hard bounce)", "yes": "ya", "no": "tidak", "rule": "Diputuskan oleh",
           "source": "Sumber", "provider": "Penyedia", "retry": "Coba lagi setelah (detik)",
           "meaning": "Arti kodenya"},
}


def _render_classification(c: Any, fmt: str, lang: str) -> str:
    from .classify import reason_info
    from .i18n import translate

    w = _CLASSIFY_WORDS[lang]
    info = reason_info(c.reason)
    rows = [
        (w["reason"], f"{c.reason} — {translate(info.description, lang)}"),
        (w["action"], c.action.name.lower()),
        (w["hard"], w["yes"] if c.permanent else w["no"]),
        (w["rule"], f"{c.rule.id} ({c.rule.kind})" + (f": \"{c.rule.matched}\"" if c.rule.matched else "")),
        (w["source"], c.rule.source),
    ]
    if c.provider:
        rows.append((w["provider"], c.provider))
    if c.retry_after:
        rows.append((w["retry"], str(c.retry_after)))
    if fmt == "markdown":
        return f"## {w['title']}\n\n" + "".join(f"- **{k}:** {v}\n" for k, v in rows) + "\n"
    width = max(len(k) for k, _ in rows)
    return f"{w['title']}\n" + "".join(f"  {k:<{width}}  {v}\n" for k, v in rows) + "\n"


# ---- smtpreply explain / compare --------------------------------------------------------
def cmd_explain(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .catalog import explain
    from .render import render

    if args.json:
        args.format = "json"
    words = args.code
    if words in ([], ["-"]):  # the reply (or code) from stdin, as pasted: one line or several
        if not words and sys.stdin.isatty():
            print("smtpreply explain: give a code or a reply, or pipe one in (see --help)", file=err)
            return EXIT_USAGE
        words = [read_input(None).decode("utf-8", "surrogateescape")]
    code = " ".join(w.strip() for w in words).strip()
    if len(code.split()) > 1 or "\n" in code:  # a whole reply ("550 5.1.1 user unknown"), not a single code
        return _explain_reply(code, args, out, err)
    try:
        x = explain(code)
    except ValueError as e:
        print(f"smtpreply: not a reply code (like 421) or an enhanced code (like 5.7.1): {code!r} ({e})",
              file=err)
        return EXIT_USAGE
    _write_rendering(render(x, args.format, lang=args.lang), args, out)
    return EXIT_OK


def _write_rendering(text: str, args: argparse.Namespace, out: IO[str]) -> None:
    """--json: the rendering's JSON on one line (JSON lines, as every subcommand)."""
    out.write(dumps(json.loads(text)) + "\n" if args.json else text)


def _explain_reply(text: str, args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """explain with a whole pasted reply: its classification, then its codes' meanings."""
    from .catalog import explain
    from .classify import classify
    from .render import render

    if not text:
        print("smtpreply: nothing to explain", file=err)
        return EXIT_USAGE
    if args.format == "html":
        print("smtpreply: --format html explains a code, not a whole reply (the site's paste box does that)", file=err)
        return EXIT_USAGE
    c = classify(text, command=Command[args.command.upper()] if args.command else None)
    if args.format == "json":
        doc: dict[str, Any] = {"classification": c.as_dict()}
        if c.code is not None:
            doc["code"] = json.loads(render(explain(int(c.code)), "json"))
        if c.enhanced is not None:
            doc["enhanced"] = json.loads(render(explain(c.enhanced), "json"))
        print(dumps(doc), file=out)
        return EXIT_OK
    out.write(_render_classification(c, args.format, args.lang))
    if c.code is not None:
        out.write(render(explain(int(c.code)), args.format, lang=args.lang))
    if c.enhanced is not None:
        out.write("\n" + render(explain(c.enhanced), args.format, lang=args.lang))
    return EXIT_OK


def cmd_compare(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .catalog import compare
    from .render import render

    if args.json:
        args.format = "json"
    try:
        c = compare(args.a, args.b)
    except ValueError as e:
        print(f"smtpreply: {e}", file=err)
        return EXIT_USAGE
    _write_rendering(render(c, args.format, lang=args.lang), args, out)
    return EXIT_OK


def _add_colour_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the table: auto (only on a terminal, unless NO_COLOR is set), always, never",
    )


def _add_render_options(p: argparse.ArgumentParser) -> None:
    from .render import FORMATS, LANGUAGES

    p.add_argument("--format", choices=FORMATS, default="text",
                   help="output format (html: a whole page with no external resource)")
    p.add_argument("--json", action="store_true", help="one JSON object (the same as --format json)")
    p.add_argument("--lang", choices=LANGUAGES, default="en",
                   help="language of the output: en (English) or id (Indonesian)")


# ---- The command line ----------------------------------------------------------------
class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Wraps the prose of descriptions and epilogs to the terminal's width;
    lines that start with a space (examples, JSON shapes) are kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for line in text.splitlines():
            if not line.strip() or line.startswith(" "):
                out.append(indent + line)
            else:
                out.append(textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent))
        return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def build_parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="smtpreply",
        description="Understand SMTP server replies: parse raw server bytes or a session transcript (swaks "
        "output, Postfix and Exim logs, Sendmail transcripts, C:/S: lines) into replies, each checked against "
        "its command with what to do about it; read the capabilities of an EHLO reply; explain a code or a "
        "whole reply; compare two codes; classify why replies and bounces failed.",
        epilog="examples:\n"
        "  printf '250-mx.example.org\\r\\n250 SIZE 1000\\r\\n' | smtpreply parse\n"
        "  smtpreply parse --json --lenient transcript.bin\n"
        "  swaks --to a@example.org --server mx.example.org | smtpreply parse --fail-on 5xx\n"
        "  grep ' said: ' /var/log/mail.log | smtpreply parse --json | jq -r .action\n"
        "  smtpreply ehlo --json ehlo-reply.bin\n"
        "  smtpreply explain 421\n"
        "  smtpreply explain '552 5.2.2 Over quota' --command rcpt\n"
        "  smtpreply classify --json bounce.eml\n"
        "  smtpreply compare 250 421 --lang id\n\n"
        "Every subcommand takes --json (JSON lines: one object per record) and --help.\n\n" + _EXIT_CODES,
        formatter_class=HelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"smtpreply {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "parse",
        help="parse raw server bytes or a transcript (a file or stdin) into replies",
        description="Read raw SMTP server bytes, or a session transcript, from FILE (or stdin) as it arrives, "
        "and show every reply as soon as it is complete; memory stays bounded by the limits, whatever the "
        "input's size. Strict RFC 5321 unless --lenient: an error says which option would accept the input "
        "(text pasted from a terminal has LF line endings: --lenient; no final line ending: --unterminated-ok). "
        "With --json, one JSON object per reply (the form of Reply.to_dict() and of the C++ example "
        "smtpreply-cat):\n"
        '  {"offset": O, "length": L, "code": 250, "lines": [...], "enhanced": "2.1.0" or null, "flags": [...]}\n'
        'then, on failure, {"error": NAME, "offset": K} or {"incomplete": true, "offset": O}. Text is UTF-8; a '
        'byte that is not UTF-8 is written as "\\udcXX" (0xff as "\\udcff"), so Python\'s '
        "json.loads(...).encode('utf-8', 'surrogateescape') gives the bytes back. A reply whose last line had "
        'no line ending (--unterminated-ok) has "unterminated": true.\n\n'
        "Transcripts are recognised by their first recognisable line (--from to say which): swaks output "
        "(<-, <**, ->, ~>, ===), Postfix logs (debug_peer_list chat lines '< host[addr]:25: 250 ...' and "
        "'said: 550 ... (in reply to RCPT TO command)' lines), Exim (SMTP<< / SMTP>> debug lines, 'SMTP error "
        "from remote mail server after RCPT TO:<a@b>: 550 ...' main-log lines), Sendmail (>>> and <<<) and "
        "C:/S: lines. Each reply is checked against the command it answers (RFC 5321 4.3.2; by count in a "
        "session, RFC 2920; as the log line states it otherwise), and --json adds to each object\n"
        '  "line": N, "command": "rcpt" or null, "check": "listed", "track": [...], "action": "retry_later", '
        '"reason": "mailbox_full", "format": "swaks", "session": "postfix/smtp[123]" or null\n'
        "where check is listed, any_command, not_listed or unknown_command, track holds the tracker's flags "
        "(unsolicited_421, no_pending_command, ehlo_not_250, code_not_listed, untracked_command, closing), "
        "action is what a client should do (advise()) and reason why the reply failed (classify()); offsets "
        'count the server bytes of the session; errors add "line". In a C:/S: transcript a line without a '
        'prefix is {"error": "no_prefix", "line": N}.',
        epilog="examples:\n"
        "  printf 'S: 220 mx ready\\nC: EHLO me\\nS: 250 mx\\nC: DATA\\nS: 250 ok\\n' | smtpreply parse\n"
        "      (exits 4: no RFC lists 250 as an answer to DATA)\n"
        "  swaks --to a@example.org --server mx.example.org 2>&1 | smtpreply parse --fail-on 5xx,retry_later\n"
        "  printf '550 5.1.1 no such user' | smtpreply parse --unterminated-ok --json\n\n"
        + exit_codes(0, 1, 2, 3, 4, 5),
        formatter_class=HelpFormatter,
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="the bytes to read (default: stdin)")
    p.add_argument("--json", action="store_true", help="one JSON object per reply (JSON lines)")
    p.add_argument(
        "--lenient",
        action="store_true",
        help="tolerate bare LF, TAB or missing separators, odd codes, mixed codes, empty lines, "
        "non-UTF-8 text and control characters, and report each as a flag",
    )
    p.add_argument("--unterminated-ok", action="store_true",
                   help="input that ends without a line ending: take the last line as complete (the reply is "
                   'marked "unterminated" in --json, "no final line ending" in the table)')
    p.add_argument("--from", dest="input_format", choices=("auto", "raw") + TRANSCRIPT_FORMATS, default="auto",
                   help="what the input is: raw server bytes, or a transcript (swaks, postfix, exim, sendmail, "
                   "cs for C:/S: lines); default: recognised from the first recognisable line")
    p.add_argument("--fail-on", type=fail_on, action="append", metavar="WHAT",
                   help="exit with status 5 when a reply is of a class (2xx, 3xx, 4xx, 5xx) or needs an action "
                   "(retry_later, give_up, reconnect, ...); comma-separated or repeated")
    p.add_argument("--chunk", type=positive_int, metavar="N", help="feed the parser N bytes at a time")
    p.add_argument("--max-line-octets", type=positive_int, metavar="N", help="longest line (default 2048)")
    p.add_argument("--max-reply-octets", type=positive_int, metavar="N", help="largest reply (default 65536)")
    p.add_argument("--max-reply-lines", type=positive_int, metavar="N", help="most lines per reply (default 1024)")
    p.add_argument("--transcript", action="store_true",
                   help="read C:/S: prefixed session lines (the same as --from cs)")
    _add_colour_option(p)
    p.set_defaults(run=cmd_parse)

    h = sub.add_parser(
        "ehlo",
        help="the capabilities of one EHLO reply (a file or stdin)",
        description="Read the reply to EHLO from FILE (or stdin): the reply alone, a banner and EHLO dump (the "
        "220 greeting is skipped), or a transcript in any format parse reads (the last reply to EHLO). Show its "
        "domain, greeting and "
        "capabilities: keywords compared without regard to case, exact tokens (STARTTLSX is not "
        "STARTTLS), the greeting line never scanned for keywords, legacy AUTH= merged into AUTH, "
        "typed SIZE, AUTH and the other extensions; what breaks an RFC's grammar is flagged. "
        "With --json, exactly one object:\n"
        '  {"domain": D, "greeting": G, "capabilities": [{"keyword": "SIZE", "params": ["35882577"]}, ...], '
        '"auth_mechanisms": ["LOGIN", "PLAIN"], "size": {"advertised": true, "limit": N or null}, '
        '"flags": [...]}\n'
        "(keywords and mechanisms upper-cased, parameter case kept), or on failure "
        '{"error": NAME, "offset": K} or {"error": "not_250", "code": C}.',
        epilog="examples:\n"
        "  printf '250-mx.example.org\\r\\n250-SIZE 1000\\r\\n250 starttls\\r\\n' | smtpreply ehlo --json\n"
        "  printf '220 mx ESMTP\\r\\n250-mx\\r\\n250 SIZE 1000\\r\\n' | smtpreply ehlo   # banner + EHLO\n"
        "  swaks --quit-after EHLO --server mx.example.org | smtpreply ehlo\n\n"
        + exit_codes(0, 1, 2, 3, e1="the input is malformed, the reply is not 250, or there is no reply to EHLO"),
        formatter_class=HelpFormatter,
    )
    h.add_argument("file", nargs="?", metavar="FILE", help="the reply's bytes (default: stdin)")
    h.add_argument("--json", action="store_true", help="one JSON object (machine-readable)")
    h.add_argument("--lenient", action="store_true",
                   help="tolerate what parse --lenient tolerates in the reply's lines")
    _add_colour_option(h)
    h.set_defaults(run=cmd_ehlo)

    try:
        from . import catalog  # noqa: F401  (present when the core has the catalog)
    except ImportError:  # pragma: no cover
        return top
    e = sub.add_parser(
        "explain",
        help="what a reply code or enhanced status code means and what to do about it",
        description="Explain a basic reply code (421) or an enhanced status code (5.7.1): its class, "
        "meaning, when you see it, how to fix it, the recommended action and the defining RFC.",
        epilog="examples:\n  smtpreply explain 421\n  smtpreply explain 5.7.1 --format markdown --lang id\n"
        "  smtpreply explain '550 5.1.1 <a@example.org>: user unknown' --command rcpt\n"
        "  pbpaste | smtpreply explain        # a reply from stdin, one line or several\n\n"
        + exit_codes(0, 2, e2="usage error, not a code, or a read or write error"),
        formatter_class=HelpFormatter,
    )
    e.add_argument("code", metavar="CODE", nargs="*",
                   help="a reply code (421), an enhanced status code (5.7.1), or a whole reply as the server "
                   "sent it ('550 5.1.1 user unknown'; '-' or nothing reads it from stdin), which is classified too")
    e.add_argument("--command", choices=list(_COMMAND_NAMES), metavar="CMD",
                   help="the command a pasted reply answers (rcpt, mail, end_of_data, ...)")
    _add_render_options(e)
    e.set_defaults(run=cmd_explain)
    k = sub.add_parser(
        "classify",
        help="why replies failed and what to do: reply text, Diagnostic-Code lines or bounce messages",
        description="Classify SMTP replies: read reply text (one reply per line; the lines of a multi-line "
        "reply are kept together; a multi-line reply flattened onto one line works too), RFC 3464 "
        "Diagnostic-Code lines ('smtp; 550 5.1.1 ...'), or bounce messages (.eml files with a "
        "message/delivery-status part: one row per recipient), from FILEs or stdin. Prints the reason, "
        "the action, whether it is a hard bounce, a stated retry delay and the rule that decided; with "
        "--json one object per reply:\n"
        '  {"input": F, "recipient": R or null, "status": "5.2.2" or null, "text": T, "reason": "mailbox_full", '
        '"action": "retry_later", "permanent": false, "rule": ID, "rule_kind": K, "matched": M or null, '
        '"source": S, "provider": P or null, "retry_after": N or null, "code": 552, "enhanced": "5.2.2"}',
        epilog="examples:\n"
        "  echo '550 5.1.1 <a@example.com>: Recipient address rejected: User unknown' | smtpreply classify\n"
        "  smtpreply classify --json bounce1.eml bounce2.eml\n"
        "  grep -h 'said:' /var/log/mail.log | sed 's/.*said: //' | smtpreply classify --command rcpt\n\n"
        + exit_codes(0, 2),
        formatter_class=HelpFormatter,
    )
    k.add_argument("files", nargs="*", metavar="FILE", help="inputs (default: stdin; '-' is stdin)")
    k.add_argument("--json", action="store_true", help="one JSON object per reply or recipient")
    k.add_argument("--command", choices=list(_COMMAND_NAMES), metavar="CMD",
                   help="the command the replies answer (rcpt, mail, end_of_data, ...)")
    _add_colour_option(k)
    k.set_defaults(run=cmd_classify)
    c = sub.add_parser(
        "compare",
        help="two codes side by side: meanings, key differences, when each applies",
        description="Compare two basic reply codes (250 421) or two enhanced status codes (4.7.1 5.7.1).",
        epilog="examples:\n  smtpreply compare 250 421\n  smtpreply compare 250 421 --format markdown --lang id\n\n"
        + exit_codes(0, 2, e2="usage error, codes that are not comparable, or a read or write error"),
        formatter_class=HelpFormatter,
    )
    c.add_argument("a", metavar="A", help="the first code")
    c.add_argument("b", metavar="B", help="the second code")
    _add_render_options(c)
    c.set_defaults(run=cmd_compare)
    s = sub.add_parser("site", help="write the reference site (a page per code, reason and comparison; en and id)",
                       description="Write the static reference site into OUTDIR: a page per basic code, enhanced "
                       "status code, reason and comparison, in English and Indonesian, an index, an offline "
                       "search and a box that explains a pasted reply. Open OUTDIR/index.html.")
    s.add_argument("outdir", metavar="OUTDIR", help="where to write the site")
    s.set_defaults(run=cmd_site)
    return top


def _discard_stdout() -> None:
    """After a write error or a closed pipe: what is still buffered for
    stdout goes nowhere, so that exiting does not report it again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def cmd_site(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .site import build_site

    try:
        stats = build_site(args.outdir)
    except OSError as e:
        print(f"smtpreply: {args.outdir}: {e.strerror or e}", file=err)
        return EXIT_USAGE
    print(f"smtpreply: wrote {stats.pages} pages to {args.outdir} in {stats.seconds:.1f} s", file=out)
    return EXIT_OK


def main(argv: Optional[Sequence[str]] = None, out: Optional[IO[str]] = None, err: Optional[IO[str]] = None) -> int:
    """Runs the command; returns its exit status."""
    if out is None and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # JSON and tables are UTF-8 whatever the locale
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_usage(err)
        print("smtpreply: error: a command is required (parse, ehlo, explain, classify, compare); "
              "see smtpreply --help", file=err)
        return EXIT_USAGE
    try:
        status: int = args.run(args, out, err)
        out.flush()
        return status
    except InputError as e:
        try:
            out.flush()
        except OSError:
            _discard_stdout()
        print(f"smtpreply: {e}", file=err)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`smtpreply parse | head`): not an error of ours.
        _discard_stdout()
        return EXIT_OK
    except OSError as e:  # writing: a full disk (>/dev/full), a closed terminal
        _discard_stdout()
        print(f"smtpreply: cannot write the output: {e.strerror or e}", file=err)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
