"""The ``smtpreply`` command. Run ``smtpreply --help``.

Exit status (every subcommand):
  0  success
  1  the input is malformed (a parse error; ``ehlo``: also a reply that is not 250)
  2  usage error, an invalid code, or a file that cannot be read
  3  the input ended inside a reply (``parse``, ``ehlo``)
  4  ``parse`` of a transcript: a reply does not fit its command (a code no
     RFC lists for it, or a reply with no command pending)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import IO, TYPE_CHECKING, Any, Callable, Optional, Sequence

from . import __version__
from ._errors import ParseError
from ._options import Options
from ._smtpreply import Command, Flag, Leniency, Reply, ReplyClass, ReplyParser, TrackFlag
from .session import Transcript, TranscriptError, TranscriptReply, is_transcript, split_lines

if TYPE_CHECKING:
    from .capabilities import Ehlo

__all__ = ["main"]

EXIT_OK = 0
EXIT_PARSE_ERROR = 1
EXIT_USAGE = 2
EXIT_INCOMPLETE = 3
EXIT_MISFIT = 4

_EXIT_CODES = """\
exit status:
  0  success
  1  the input is malformed (parse error); ehlo: also a reply that is not 250
  2  usage error, an invalid code, or a file that cannot be read
  3  the input ended inside a reply
  4  transcript: a reply does not fit its command (code not listed, or no command pending)
"""


# ---- Output helpers ------------------------------------------------------------
_HEX = "0123456789abcdef"
_COMMAND_NAMES = [c.name.lower() for c in Command if c.name not in ("NONE",)]


def json_string(data: bytes) -> str:
    """A JSON string for bytes, exactly as smtpreply-cat writes it: bytes
    above 127 (and controls, DEL) as ``\\u00XX``, so any bytes round-trip."""
    out = ['"']
    for b in data:
        if b == 0x22 or b == 0x5C:
            out.append("\\" + chr(b))
        elif b < 0x20 or b >= 0x7F:
            out.append("\\u00" + _HEX[b >> 4] + _HEX[b & 15])
        else:
            out.append(chr(b))
    out.append('"')
    return "".join(out)


def flag_names(flags: Flag) -> list[str]:
    """The stable names of the flags set, in bit order (as the C++ ``name(flag)``)."""
    return [f.name.lower() for f in sorted(Flag, key=int) if f.name and flags & f]


def reply_json(reply: Reply) -> str:
    """One line of smtpreply-cat's JSON output for a reply."""
    lines = ", ".join(json_string(line) for line in reply.line_bytes)
    enhanced = f'"{reply.enhanced}"' if reply.enhanced is not None else "null"
    flags = ", ".join(json_string(name.encode()) for name in flag_names(reply.flags))
    return (
        f'{{"offset": {reply.offset}, "length": {len(reply.raw)}, "code": {int(reply.code)}, '
        f'"lines": [{lines}], "enhanced": {enhanced}, "flags": [{flags}]}}'
    )


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


def printable(data: bytes) -> str:
    """Text for a terminal: UTF-8 where valid, ``\\xNN`` for other bytes and controls."""
    text = data.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in text)


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


def read_input(path: Optional[str]) -> bytes:
    if path is None or path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()


# ---- smtpreply parse ---------------------------------------------------------------
def cmd_parse(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    try:
        data = read_input(args.file)
    except OSError as e:
        print(f"smtpreply: {args.file}: {e.strerror or e}", file=err)
        return EXIT_USAGE
    defaults = Options()
    options = Options(
        lenient=Leniency.ALL if args.lenient else Leniency.NONE,
        max_line_octets=args.max_line_octets or defaults.max_line_octets,
        max_auth_line_octets=defaults.max_auth_line_octets,
        max_reply_octets=args.max_reply_octets or defaults.max_reply_octets,
        max_reply_lines=args.max_reply_lines or defaults.max_reply_lines,
    )
    style = Style(use_colour(args.color, out))
    if args.transcript or is_transcript(data):
        return _parse_transcript(data, options, args, style, out, err)
    show: Callable[[Reply], None]
    if args.json:
        show = lambda reply: print(reply_json(reply), file=out)  # noqa: E731
    else:
        print(style.bold(f"{'offset':>7}  code  {'enhanced':<9} {'class':<22} text"), file=out)
        show = lambda reply: _print_row(reply, style, out)  # noqa: E731

    parser = ReplyParser(options=options)
    chunk = args.chunk or max(len(data), 1)
    try:
        for start in range(0, len(data), chunk):
            for reply in parser.feed(data[start : start + chunk]):
                show(reply)
        parser.finish()
    except ParseError as e:
        for reply in e.replies:
            show(reply)
        incomplete = e.reason == "incomplete"
        if args.json:
            print(
                f'{{"incomplete": true, "offset": {e.offset}}}'
                if incomplete
                else f'{{"error": "{e.reason}", "offset": {e.offset}}}',
                file=out,
            )
        else:
            out.flush()
            what = "input ended inside a reply" if incomplete else f"error: {e.reason}"
            print(f"smtpreply: {what} at byte {e.offset}: {e.message}", file=err)
        return EXIT_INCOMPLETE if incomplete else EXIT_PARSE_ERROR
    return EXIT_OK


def _print_row(reply: Reply, style: Style, out: IO[str]) -> None:
    enhanced = str(reply.enhanced) if reply.enhanced is not None else "-"
    klass = reply.reply_class.name.lower().replace("_", " ")
    pad = " " * 48
    texts = [printable(line) for line in reply.line_bytes]
    code = style.for_class(reply.reply_class, f"{int(reply.code):03d}")
    print(f"{reply.offset:>7}  {code}   {enhanced:<9} {klass:<22} {texts[0]}", file=out)
    for text in texts[1:]:
        print(pad + text, file=out)
    names = flag_names(reply.flags)
    if names:
        print(pad + style.dim("flags: " + ", ".join(names)), file=out)


# ---- smtpreply parse, transcript mode ----------------------------------------------------
def _names(flags: int, cls: type[TrackFlag]) -> list[str]:
    return [f.name.lower() for f in sorted(cls, key=int) if f.name and flags & f]


def transcript_json(t: TranscriptReply) -> str:
    """A reply line of ``parse --json`` with the transcript's fields added."""
    r = t.result
    command = json_string(r.answered.name.lower().encode()) if r.answered is not Command.NONE else "null"
    track = ", ".join(json_string(n.encode()) for n in _names(r.flags, TrackFlag))
    return (
        reply_json(t.reply)[:-1]
        + f', "line": {t.line}, "command": {command}, "check": "{r.check.name.lower()}", "track": [{track}]}}'
    )


def _parse_transcript(
    data: bytes, options: Options, args: argparse.Namespace, style: Style, out: IO[str], err: IO[str]
) -> int:
    transcript = Transcript(options=options)
    misfit = False

    def show(t: TranscriptReply) -> None:
        nonlocal misfit
        misfit = misfit or not t.result.fits
        if args.json:
            print(transcript_json(t), file=out)
        else:
            _print_transcript_row(t, style, out)

    if not args.json:
        print(style.bold(f"{'line':>6}  code  {'enhanced':<9} {'command':<12} {'check':<15} text"), file=out)
    try:
        for line in split_lines(data):
            for t in transcript.feed_line(line):
                show(t)
        transcript.finish()
    except TranscriptError as e:
        if args.json:
            print(f'{{"error": "{e.reason}", "line": {e.line}}}', file=out)
        else:
            out.flush()
            print(f"smtpreply: line {e.line}: no C: or S: prefix", file=err)
        return EXIT_PARSE_ERROR
    except ParseError as e:
        for t in transcript.checked_before_error:
            show(t)
        incomplete = e.reason == "incomplete"
        at_line = transcript.line_of(e.offset)
        if args.json:
            print(
                f'{{"incomplete": true, "offset": {e.offset}, "line": {at_line}}}'
                if incomplete
                else f'{{"error": "{e.reason}", "offset": {e.offset}, "line": {at_line}}}',
                file=out,
            )
        else:
            out.flush()
            what = "input ended inside a reply" if incomplete else f"error: {e.reason}"
            print(f"smtpreply: {what} at line {at_line}: {e.message}", file=err)
        return EXIT_INCOMPLETE if incomplete else EXIT_PARSE_ERROR
    return EXIT_MISFIT if misfit else EXIT_OK


def _print_transcript_row(t: TranscriptReply, style: Style, out: IO[str]) -> None:
    reply, r = t.reply, t.result
    enhanced = str(reply.enhanced) if reply.enhanced is not None else "-"
    command = r.answered.name.lower() if r.answered is not Command.NONE else "-"
    check = r.check.name.lower()
    pad = " " * 53
    texts = [printable(line) for line in reply.line_bytes]
    code = style.for_class(reply.reply_class, f"{int(reply.code):03d}")
    if not r.fits:
        check = style.for_class(ReplyClass.PERMANENT_NEGATIVE, f"{check:<15}")
    else:
        check = f"{check:<15}"
    print(f"{t.line:>6}  {code}   {enhanced:<9} {command:<12} {check} {texts[0]}", file=out)
    for text in texts[1:]:
        print(pad + text, file=out)
    names = flag_names(reply.flags)
    if names:
        print(pad + style.dim("flags: " + ", ".join(names)), file=out)
    track = _names(r.flags, TrackFlag)
    if track:
        print(pad + style.dim("track: " + ", ".join(track)), file=out)


# ---- smtpreply ehlo ------------------------------------------------------------------
def cmd_ehlo(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .capabilities import EhloError, ehlo

    try:
        data = read_input(args.file)
    except OSError as e:
        print(f"smtpreply: {args.file}: {e.strerror or e}", file=err)
        return EXIT_USAGE
    try:
        model = ehlo(data, lenient=args.lenient)
    except EhloError as e:
        if args.json:
            print(f'{{"error": "{e.reason}", "code": {int(e.code)}}}', file=out)
        else:
            print(f"smtpreply: not a successful EHLO reply: {int(e.code):03d} (only 250 is)", file=err)
        return EXIT_PARSE_ERROR
    except ParseError as e:
        incomplete = e.reason == "incomplete"
        if args.json:
            print(f'{{"error": "{e.reason}", "offset": {e.offset}}}', file=out)
        else:
            print(f"smtpreply: error: {e.reason} at byte {e.offset}: {e.message}", file=err)
        return EXIT_INCOMPLETE if incomplete else EXIT_PARSE_ERROR
    if args.json:
        print(ehlo_json(model.to_dict()), file=out)
        return EXIT_OK
    style = Style(use_colour(args.color, out))
    _print_ehlo(model, style, out)
    return EXIT_OK


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def ehlo_json(d: dict[str, Any]) -> str:
    """``smtpreply ehlo --json``: one object, strings escaped as in ``parse
    --json`` (bytes above 127 as \\u00XX, so any bytes round-trip)."""
    caps = ", ".join(
        f'{{"keyword": {json_string(_bytes(c["keyword"]))}, '
        f'"params": [{", ".join(json_string(_bytes(p)) for p in c["params"])}]}}'
        for c in d["capabilities"]
    )
    mechs = ", ".join(json_string(_bytes(m)) for m in d["auth_mechanisms"])
    size = d["size"]
    limit = "null" if size["limit"] is None else str(size["limit"])
    flags = ", ".join(json_string(_bytes(f)) for f in d["flags"])
    return (
        f'{{"domain": {json_string(_bytes(d["domain"]))}, "greeting": {json_string(_bytes(d["greeting"]))}, '
        f'"capabilities": [{caps}], "auth_mechanisms": [{mechs}], '
        f'"size": {{"advertised": {"true" if size["advertised"] else "false"}, "limit": {limit}}}, '
        f'"flags": [{flags}]}}'
    )


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
        try:
            data = read_input(None if path == "-" else path)
        except OSError as e:
            print(f"smtpreply: {path}: {e.strerror or e}", file=err)
            return EXIT_USAGE
        rows.extend(_classify_rows(data, "<stdin>" if path == "-" else path, command))
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False), file=out)
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

    w = _CLASSIFY_WORDS[lang]
    info = reason_info(c.reason)
    rows = [
        (w["reason"], f"{c.reason} — {info.description}"),
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

    words = args.code
    if words == ["-"]:
        words = [read_input(None).decode("utf-8", "surrogateescape")]
    code = " ".join(w.strip() for w in words).strip()
    if len(code.split()) > 1:  # a whole reply ("550 5.1.1 user unknown"), not a single code
        return _explain_reply(code, args, out, err)
    try:
        x = explain(code)
    except ValueError as e:
        print(f"smtpreply: not a reply code (like 421) or an enhanced code (like 5.7.1): {code!r} ({e})",
              file=err)
        return EXIT_USAGE
    out.write(render(x, args.format, lang=args.lang))
    return EXIT_OK


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
        print(json.dumps(doc, ensure_ascii=False), file=out)
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

    try:
        c = compare(args.a, args.b)
    except ValueError as e:
        print(f"smtpreply: {e}", file=err)
        return EXIT_USAGE
    out.write(render(c, args.format, lang=args.lang))
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
    p.add_argument("--lang", choices=LANGUAGES, default="en",
                   help="language of the output: en (English) or id (Indonesian)")


# ---- The command line ----------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="smtpreply",
        description="Understand SMTP server replies: parse raw server bytes into replies "
        "(code, enhanced status code, lines, anomalies), check a session transcript, read the "
        "capabilities of an EHLO reply, explain a code or a whole reply, compare two codes, classify "
        "why replies and bounces failed.",
        epilog="examples:\n"
        "  printf '250-mx.example.org\\r\\n250 SIZE 1000\\r\\n' | smtpreply parse\n"
        "  smtpreply parse --json --lenient transcript.bin\n"
        "  smtpreply parse session.txt          # C:/S: lines: each reply checked against its command\n"
        "  smtpreply ehlo --json ehlo-reply.bin\n"
        "  smtpreply explain 421\n"
        "  smtpreply explain '552 5.2.2 Over quota' --lang id\n"
        "  smtpreply classify --json bounce.eml\n"
        "  smtpreply compare 250 421 --lang id\n\n" + _EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"smtpreply {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "parse",
        help="parse raw server bytes (a file or stdin) into replies",
        description="Read raw SMTP server bytes from FILE (or stdin) and show every reply. Strict "
        "RFC 5321 unless --lenient. With --json, print one JSON object per reply, exactly as the "
        "C++ example smtpreply-cat does:\n"
        '  {"offset": O, "length": L, "code": 250, "lines": [...], "enhanced": "2.1.0" or null, '
        '"flags": [...]}\n'
        'then, on failure, {"error": NAME, "offset": K} or {"incomplete": true, "offset": O}.\n\n'
        "Transcript mode (--transcript, or automatic when the first line starts with C: or S:): "
        "server lines (S:) are parsed as replies, prefix stripped and CRLF restored; client lines "
        "(C:) are queued as commands, and each reply is checked against the command it answers "
        "(RFC 5321 4.3.2; replies pair with commands by count, RFC 2920). A transcript that starts "
        "with a server line starts with the greeting; after 354 to DATA, client lines are message "
        "content up to '.'; annotations like <wait for open connection> and blank lines are skipped. "
        "The table gains the command and the check; --json adds to each object\n"
        '  "line": N, "command": "rcpt" or null, "check": "listed", "track": [...]\n'
        "where check is listed, any_command, not_listed or unknown_command and track holds the "
        "tracker's flags (unsolicited_421, no_pending_command, ehlo_not_250, code_not_listed, "
        "untracked_command, closing); offsets count the server bytes only, and errors add "
        '"line". A line without a prefix is {"error": "no_prefix", "line": N}.',
        epilog="examples:\n"
        "  printf 'S: 220 mx ready\\nC: EHLO me\\nS: 250 mx\\nC: DATA\\nS: 250 ok\\n' | smtpreply parse\n"
        "      (exits 4: no RFC lists 250 as an answer to DATA)\n\n"
        + _EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="the bytes to read (default: stdin)")
    p.add_argument("--json", action="store_true", help="one JSON object per reply (machine-readable)")
    p.add_argument(
        "--lenient",
        action="store_true",
        help="tolerate bare LF, TAB or missing separators, odd codes, mixed codes, empty lines, "
        "non-UTF-8 text and control characters, and report each as a flag",
    )
    p.add_argument("--chunk", type=positive_int, metavar="N", help="feed the parser N bytes at a time")
    p.add_argument("--max-line-octets", type=positive_int, metavar="N", help="longest line (default 2048)")
    p.add_argument("--max-reply-octets", type=positive_int, metavar="N", help="largest reply (default 65536)")
    p.add_argument("--max-reply-lines", type=positive_int, metavar="N", help="most lines per reply (default 1024)")
    p.add_argument("--transcript", action="store_true",
                   help="read C:/S: prefixed session lines (the default when the first line has a prefix)")
    _add_colour_option(p)
    p.set_defaults(run=cmd_parse)

    h = sub.add_parser(
        "ehlo",
        help="the capabilities of one EHLO reply (a file or stdin)",
        description="Read one raw reply to EHLO from FILE (or stdin) and show its domain, greeting and "
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
        "  printf '250-mx.example.org\\r\\n250-SIZE 1000\\r\\n250 starttls\\r\\n' | smtpreply ehlo --json\n\n"
        + _EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
        epilog="examples:\n  smtpreply explain 421\n  smtpreply explain 5.7.1 --format markdown --lang id\n\n"
        + _EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    e.add_argument("code", metavar="CODE", nargs="+",
                   help="a reply code (421), an enhanced status code (5.7.1), or a whole reply as the server "
                   "sent it ('550 5.1.1 user unknown'; '-' reads it from stdin), which is classified too")
    e.add_argument("--command", choices=[c for c in _COMMAND_NAMES], metavar="CMD",
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
        + _EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    k.add_argument("files", nargs="*", metavar="FILE", help="inputs (default: stdin; '-' is stdin)")
    k.add_argument("--json", action="store_true", help="one JSON object per reply or recipient")
    k.add_argument("--command", choices=[c for c in _COMMAND_NAMES], metavar="CMD",
                   help="the command the replies answer (rcpt, mail, end_of_data, ...)")
    _add_colour_option(k)
    k.set_defaults(run=cmd_classify)
    c = sub.add_parser(
        "compare",
        help="two codes side by side: meanings, key differences, when each applies",
        description="Compare two basic reply codes (250 421) or two enhanced status codes (4.7.1 5.7.1).",
        epilog="examples:\n  smtpreply compare 250 421\n  smtpreply compare 250 421 --format markdown --lang id\n\n"
        + _EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(out)
        return EXIT_USAGE
    try:
        status: int = args.run(args, out, err)
        out.flush()
        return status
    except BrokenPipeError:
        # The reader went away (`smtpreply parse | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
