"""A generated Postfix maillog of any size, for the column API at scale
(tests/python/test_dask.py, test_spark.py, bench/python/bench_frames.py and
docs/scale.md's recipes).

Delivery status lines of postfix/smtp carry the remote server's reply
(``status=sent (250 ...)``, ``said: 550 ... (in reply to RCPT TO
command)``): short and long ones, Gmail's multi-line replies flattened onto
one line, deferrals with a stated delay, 8-bit UTF-8 text, and a few
malformed replies; the queue manager's lines carry none. The same seed gives
the same bytes.

    python tests/python/maillog_sample.py OUTDIR --size 2G --files 16   # 16 files of 128 MiB

(about 30 MiB/s per process: 2 GiB in about a minute).

:data:`REPLY_PATTERN` takes the reply and the command it answers out of a
line (for ``pandas.Series.str.extract``); lines without a reply give nulls.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["REPLY_PATTERN", "classify_lines", "maillog_lines", "parse_size", "write_maillog"]

REPLY_PATTERN = r"(?:said: |status=sent \()(?P<reply>.*?)(?: \(in reply to (?P<command>.+?) command\))?\)$"

_USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar"]
_DOMAINS = [("gmail.com", "gmail-smtp-in.l.google.com", "142.250.27.26"),
            ("outlook.com", "outlook-com.olc.protection.outlook.com", "52.101.42.2"),
            ("example.org", "mx.example.org", "192.0.2.25"),
            ("example.net", "mail.example.net", "198.51.100.7"),
            ("beispiel.de", "mx01.beispiel.de", "203.0.113.9")]

# (weight, dsn status, reply, command): {q} a queue id, {r} the recipient, {n} a number.
_OUTCOMES = [
    (50, "sent", "250 2.0.0 Ok: queued as {q}", None),
    (6, "sent", "250 2.0.0 OK  {n} x{q}.37 - gsmtp", None),
    (8, "bounced", "550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table", "RCPT TO"),
    (6, "bounced", "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 "
                   "double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. "
                   "For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
                   "x{q}.{n} - gsmtp", "RCPT TO"),
    (5, "deferred", "451 4.7.1 <{r}>: Recipient address rejected: Greylisted, try again in 300 seconds",
     "RCPT TO"),
    (4, "deferred", "452 4.2.2 The email account that you tried to reach is over quota. x{q} - gsmtp",
     "end of DATA"),
    (3, "bounced", "552 5.2.2 <{r}>: Mailbox full", "end of DATA"),
    (4, "bounced", "550 5.7.1 Service unavailable, Client host [198.51.100.{n}] blocked using Spamhaus. "
                   "To request removal from this list see https://www.spamhaus.org/query/ip/198.51.100.{n} "
                   "(AS3130) [AM4PEPF0000{q}.eurprd04.prod.outlook.com]", "MAIL FROM"),
    (3, "deferred", "421 4.7.0 [198.51.100.{n}] Our system has detected an unusual rate of unsolicited mail. "
                    "x{q} - gsmtp", "MAIL FROM"),
    (2, "bounced", "554 5.7.9 Message not accepted for policy reasons.", "end of DATA"),
    (2, "bounced", "550 5.1.1 <{r}>: Empfänger unbekannt / Postfach für {r} existiert nicht", "RCPT TO"),
    (2, "deferred", "450 4.2.0 <{r}>: Recipient address rejected: Mailbox temporarily unavailable", "RCPT TO"),
    (1, "bounced", "55O 5.1.1 <{r}>: no such user (a letter O in the code)", "RCPT TO"),  # invalid_code
    (1, "bounced", "550-5.7.1 Mixed codes 551 5.7.1 are rejected", "RCPT TO"),  # cut off: incomplete
    (1, "deferred", "451 4.3.0 Temporary lookup failure\ttry later", "RCPT TO"),  # a tab in the text: valid
]
_QMGR = ["from=<{s}>, size={n}, nrcpt=1 (queue active)", "removed"]


def maillog_lines(count: int, *, seed: int = 0, start: int = 0) -> Iterator[str]:
    """``count`` maillog lines (no line ends); ``start``: the first line's number (the clock)."""
    rnd = random.Random(seed)
    weights = [w for w, *_ in _OUTCOMES]
    for i in range(start, start + count):
        second = i // 40
        stamp = f"Nov 29 {(second // 3600) % 24:02d}:{(second // 60) % 60:02d}:{second % 60:02d}"
        q = f"{rnd.getrandbits(40):010X}"
        pid = 1000 + rnd.randrange(30000)
        if rnd.random() < 0.15:
            text = rnd.choice(_QMGR).format(s=f"{rnd.choice(_USERS)}@shop.example", n=rnd.randrange(1, 10**6))
            yield f"{stamp} mx1 postfix/qmgr[{pid}]: {q}: {text}"
            continue
        _, status, reply, command = rnd.choices(_OUTCOMES, weights)[0]
        domain, host, addr = rnd.choice(_DOMAINS)
        rcpt = f"{rnd.choice(_USERS)}{rnd.randrange(1000)}@{domain}"
        reply = reply.format(q=q, r=rcpt, n=rnd.randrange(1, 255))
        delay = rnd.randrange(1, 5000) / 100
        head = (f"{stamp} mx1 postfix/smtp[{pid}]: {q}: to=<{rcpt}>, relay={host}[{addr}]:25, delay={delay}, "
                f"delays=0.01/0/0.2/{delay}, dsn={reply[4:9] if reply[4:5].isdigit() else '5.0.0'}, "
                f"status={status}")
        if command is None:
            yield f"{head} ({reply})"
        else:
            yield f"{head} (host {host}[{addr}] said: {reply} (in reply to {command} command))"


def write_maillog(path: pathlib.Path, size: int, *, seed: int = 0) -> int:
    """Writes lines to ``path`` until it holds at least ``size`` bytes;
    returns the number of lines."""
    n = 0
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        while written < size:
            block = "".join(line + "\n" for line in maillog_lines(4096, seed=seed * 1_000_003 + n, start=n))
            f.write(block)
            written += len(block.encode("utf-8"))
            n += 4096
    return n


def classify_lines(lines: Any) -> Any:
    """The recipe run on a pandas Series of log lines (one Dask partition,
    one Spark batch): each line's reply and command taken out by Arrow's
    regex kernel (RE2, no Python object per line), then
    :func:`smtpreply.classify_column`; lines without a reply give null rows.
    A DataFrame with the lines' index."""
    import pyarrow as pa  # imported where it runs: in a Dask or Spark worker
    import pyarrow.compute as pc
    import smtpreply

    parts = pc.extract_regex(pa.array(lines, from_pandas=True), REPLY_PATTERN)
    result = smtpreply.classify_column(pc.struct_field(parts, "reply"), command=pc.struct_field(parts, "command"),
                                       output="pandas")
    result.index = lines.index
    return result


def parse_size(text: str) -> int:
    """``"64M"``, ``"2G"``, ``"1500000"`` -> bytes."""
    m = re.fullmatch(r"(\d+)([KMG]?)", text.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    return int(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=pathlib.Path)
    ap.add_argument("--size", type=parse_size, default=parse_size("64M"), help="total bytes (e.g. 2G)")
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for i in range(args.files):
        path = args.outdir / f"maillog.{i:03d}"
        lines = write_maillog(path, args.size // args.files, seed=args.seed + i)
        print(f"{path}: {lines} lines")


if __name__ == "__main__":
    main()
