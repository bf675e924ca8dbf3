"""The ``smtpreply`` command. Run ``smtpreply --help``.

Exit status (every subcommand):
  0  success
  1  the input is malformed (a parse error)
  2  usage error, an invalid code, or a file that cannot be read
  3  the input ended inside a reply (``parse``)
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO, Callable, Optional, Sequence

from . import __version__
from ._errors import ParseError
from ._options import Options
from ._smtpreply import Flag, Leniency, Reply, ReplyClass, ReplyParser

__all__ = ["main"]

EXIT_OK = 0
EXIT_PARSE_ERROR = 1
EXIT_USAGE = 2
EXIT_INCOMPLETE = 3

_EXIT_CODES = """\
exit status:
  0  success
  1  the input is malformed (parse error)
  2  usage error, an invalid code, or a file that cannot be read
  3  the input ended inside a reply
"""


# ---- Output helpers ------------------------------------------------------------
_HEX = "0123456789abcdef"


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


# ---- smtpreply explain / compare --------------------------------------------------------
def cmd_explain(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from .catalog import explain
    from .render import render

    try:
        x = explain(args.code)
    except ValueError as e:
        print(f"smtpreply: not a reply code (like 421) or an enhanced code (like 5.7.1): {args.code!r} ({e})",
              file=err)
        return EXIT_USAGE
    out.write(render(x, args.format, lang=args.lang))
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


def _add_render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="output format")
    p.add_argument("--lang", choices=("en", "id"), default="en",
                   help="language of headings and labels: en (English) or id (Indonesian)")


# ---- The command line ----------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="smtpreply",
        description="Understand SMTP server replies: parse raw server bytes into replies "
        "(code, enhanced status code, lines, anomalies), explain a code, compare two codes.",
        epilog="examples:\n"
        "  printf '250-mx.example.org\\r\\n250 SIZE 1000\\r\\n' | smtpreply parse\n"
        "  smtpreply parse --json --lenient transcript.bin\n"
        "  smtpreply explain 421\n"
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
        'then, on failure, {"error": NAME, "offset": K} or {"incomplete": true, "offset": O}.',
        epilog=_EXIT_CODES,
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
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the table: auto (only on a terminal, unless NO_COLOR is set), always, never",
    )
    p.set_defaults(run=cmd_parse)

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
    e.add_argument("code", metavar="CODE", help="a reply code (421) or an enhanced status code (5.7.1)")
    _add_render_options(e)
    e.set_defaults(run=cmd_explain)
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
    return top


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
