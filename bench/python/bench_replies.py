#!/usr/bin/env python3
"""Python benchmark: smtpreply's streaming parser against smtplib's
getreply() and a minimal pure-Python split loop, on generated corpora.

    python bench/python/bench_replies.py            # full run (~30 s)
    python bench/python/bench_replies.py --quick    # a smoke run (~2 s)
    python bench/python/bench_replies.py --gil      # scan() with and without the GIL released, by size

Every contender first parses each corpus once and must agree on the number
of replies, their codes and their line counts; only then is it timed. Times
are the best of several runs, per reply.

* smtpreply: ReplyParser.feed() over 64 KiB reads (as from a socket), then
  each reply's code (a ReplyCode, which is an int) and line count.
* parse_all: smtpreply.parse_all() over the whole buffer (the C++ batch
  API), then each reply's code and line count.
* scan: smtpreply.scan() over the whole buffer: columns, no object per
  reply. Checked through its codes and line counts, timed alone (the
  columns are its result; reading them per reply in Python would build the
  objects it avoids).
* smtplib: SMTP.getreply(), reading from an in-memory file (its socket file
  replaced by io.BytesIO), which returns (code, message).
* split loop: bytes.split(b"\\r\\n") and a loop over lines: no validation at
  all, a lower bound for anything written in Python.

--gil times scan() on slices of the mixed corpus (1 KiB to 4 MiB) twice,
releasing the GIL while parsing and not, interleaved, best of many runs: the
difference is what a release and re-acquire cost when no other thread wants
the GIL. Then the same with another thread running Python code (median): a
release may hand that thread the GIL until the switch interval ends.
smtpreply.SCAN_NOGIL_BYTES (from which scan() releases the GIL) is set from
this table (docs/python.md, Performance).
"""

from __future__ import annotations

import argparse
import io
import platform
import random
import smtplib
import statistics
import threading
import time
from typing import Callable

import smtpreply
from smtpreply.bulk import _run as scan_with_threshold

READ = 65536

WORDS = ["mail", "queue", "relay", "accepted", "rejected", "mailbox", "policy", "sender", "recipient", "service",
         "closing", "ok", "temporarily", "unavailable", "example.org", "domain", "user", "unknown", "quota"]
SHORT = [
    (220, "mx.example.org ESMTP Postfix"), (250, "2.1.0 Ok"), (250, "2.1.5 Ok"),
    (354, "End data with <CR><LF>.<CR><LF>"),
    (250, "2.0.0 Ok: queued as 4C2F1A0B3"), (221, "2.0.0 Bye"), (421, "4.3.2 Service shutting down"),
    (450, "4.2.0 Mailbox unavailable"), (451, "4.7.1 Greylisted, try again later"),
    (550, "5.1.1 <user@example.org>: Recipient address rejected: User unknown"), (535, "5.7.8 Authentication failed"),
    (334, "VXNlcm5hbWU6"), (235, "2.7.0 Authentication successful"), (252, "2.0.0 Cannot VRFY user"),
]
EHLO_KEYWORDS = ["PIPELINING", "SIZE 35882577", "ETRN", "STARTTLS", "AUTH PLAIN LOGIN XOAUTH2", "ENHANCEDSTATUSCODES",
                 "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING", "BINARYMIME", "DELIVERBY", "REQUIRETLS",
                 "LIMITS RCPTMAX=100 MAILMAX=10"]


def wire(code: int, lines: list[str]) -> bytes:
    return "".join(f"{code}-{t}\r\n" for t in lines[:-1]).encode() + f"{code} {lines[-1]}\r\n".encode()


def short_reply(rng: random.Random) -> bytes:
    code, text = rng.choice(SHORT)
    return wire(code, [text])


def ehlo_reply(rng: random.Random) -> bytes:
    keywords = rng.sample(EHLO_KEYWORDS, rng.randint(5, len(EHLO_KEYWORDS)))
    return wire(250, [f"mx{rng.randint(1, 99)}.example.org Hello client.example [192.0.2.{rng.randint(1, 254)}]"]
                + keywords)


def long_reply(rng: random.Random) -> bytes:
    code = rng.choice([550, 554, 451, 250])
    lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) for _ in range(rng.randint(3, 12))]
    lines[0] = f"{code // 100}.7.1 " + lines[0]
    return wire(code, lines)


def corpus(kind: str, count: int, seed: int = 5321) -> bytes:
    rng = random.Random(seed)
    makers: dict[str, Callable[[random.Random], bytes]] = {"short": short_reply, "ehlo": ehlo_reply,
                                                           "long": long_reply}
    if kind == "mixed":
        return b"".join(rng.choices([short_reply, ehlo_reply, long_reply], weights=[80, 15, 5])[0](rng)
                        for _ in range(count))
    return b"".join(makers[kind](rng) for _ in range(count))


# ---- Contenders: each returns [(code, line count), ...] -----------------------------
def with_smtpreply(data: bytes) -> list[tuple[int, int]]:  # ReplyCode is an int
    parser = smtpreply.ReplyParser()
    out = []
    for i in range(0, len(data), READ):
        for reply in parser.feed(data[i : i + READ]):
            out.append((reply.code, reply.line_count))
    parser.finish()
    return out


def with_parse_all(data: bytes) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = [(reply.code, reply.line_count) for reply in smtpreply.parse_all(data)]
    return out


def with_scan(data: bytes) -> list[tuple[int, int]]:
    s = smtpreply.scan(data)
    return list(zip(s.codes.tolist(), s.lines.tolist()))


def with_smtplib(data: bytes) -> list[tuple[int, int]]:
    client = smtplib.SMTP()  # not connected: getreply() reads self.file
    client.file = io.BytesIO(data)
    end = len(data)
    out = []
    while client.file.tell() < end:
        code, message = client.getreply()
        out.append((code, message.count(b"\n") + 1))
    return out


def with_split_loop(data: bytes) -> list[tuple[int, int]]:
    out = []
    lines = 0
    for line in data.split(b"\r\n")[:-1]:
        lines += 1
        if line[3:4] != b"-":
            out.append((int(line[:3]), lines))
            lines = 0
    return out


CONTENDERS: dict[str, Callable[[bytes], list[tuple[int, int]]]] = {
    "smtpreply": with_smtpreply,
    "parse_all": with_parse_all,
    "scan": with_scan,
    "smtplib": with_smtplib,
    "split loop": with_split_loop,
}


# What is timed, where it differs from what is checked.
TIMED: dict[str, Callable[[bytes], object]] = {"scan": smtpreply.scan}


def best_times(data: bytes, repeat: int) -> dict[str, float]:
    """Best time of each contender; runs are interleaved so that a noisy
    moment on a shared machine does not favour one of them."""
    best = {name: float("inf") for name in CONTENDERS}
    for _ in range(repeat):
        for name, fn in CONTENDERS.items():
            start = time.perf_counter()
            TIMED.get(name, fn)(data)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def gil_table(repeat: int) -> None:
    """scan() with the GIL released and held, per input size (see --gil)."""
    data = corpus("mixed", 40000)
    print(f"scan() of mixed replies, GIL released vs held (best of {repeat}+ interleaved runs; "
          f"SCAN_NOGIL_BYTES is {smtpreply.SCAN_NOGIL_BYTES}); with a busy thread: median")
    print(f"{'bytes':>8} {'replies':>7} {'held':>10} {'released':>10} {'cost':>8} {'cost %':>7}   "
          f"{'busy thread: held':>17} {'released':>10}")
    for kib in (1, 4, 16, 64, 256, 1024, 4096):
        cut = data.rfind(b"\r\n", 0, kib * 1024) + 2  # end between lines (and replies: see the check)
        while smtpreply.scan(data[:cut]).error is not None:
            cut = data.rfind(b"\r\n", 0, cut - 2) + 2
        piece = data[:cut]
        runs = max(repeat, int(4e6 // len(piece)))  # small inputs: more runs
        held, released = time_scans(piece, runs, min)
        busy_held, busy_released = time_scans(piece, repeat, statistics.median, busy=True)
        print(f"{len(piece):>8} {len(smtpreply.scan(piece)):>7} {held * 1e6:>7.1f} us {released * 1e6:>7.1f} us "
              f"{(released - held) * 1e9:>5.0f} ns {(released - held) / held * 100:>6.1f}%   "
              f"{busy_held * 1e6:>14.1f} us {busy_released * 1e6:>7.1f} us")


def time_scans(piece: bytes, runs: int, pick: Callable[[list[float]], float],
               busy: bool = False) -> tuple[float, float]:
    """scan(piece) with the GIL held and released, interleaved; with
    `busy`, while another thread runs Python code (and wants the GIL)."""
    stop = threading.Event()
    spinner = threading.Thread(target=lambda: [None for _ in iter(stop.is_set, True)], daemon=True)
    if busy:
        spinner.start()
        time.sleep(0.01)
    times: tuple[list[float], list[float]] = ([], [])
    try:
        for _ in range(runs):
            for out, threshold in zip(times, (len(piece) + 1, 0)):
                start = time.perf_counter()
                scan_with_threshold(piece, None, False, False, smtpreply.Command.NONE, threshold)
                out.append(time.perf_counter() - start)
    finally:
        stop.set()
        if busy:
            spinner.join()
    return pick(times[0]), pick(times[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small corpora, few repeats (a smoke run)")
    ap.add_argument("--replies", type=int, default=20000, help="replies per corpus (default 20000)")
    ap.add_argument("--repeat", type=int, default=9, help="timed runs per measurement; the best counts")
    ap.add_argument("--gil", action="store_true", help="only the GIL-release table of scan() (see above)")
    args = ap.parse_args()
    if args.gil:
        gil_table(max(args.repeat, 20))
        return 0
    count, repeat = (2000, 2) if args.quick else (args.replies, args.repeat)

    print(f"smtpreply {smtpreply.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"{platform.processor() or platform.platform()}")
    print(f"{'corpus':<7} {'replies':>7} {'KiB':>6}  " + "  ".join(f"{name:>14}" for name in CONTENDERS)
          + "  smtplib/: feed  parse_all   scan")
    status = 0
    for kind in ("mixed", "short", "long", "ehlo"):
        data = corpus(kind, count)
        reference = with_smtplib(data)
        for name, fn in CONTENDERS.items():
            if fn(data) != reference:
                print(f"{kind}: {name} disagrees with smtplib; not timed")
                status = 1
        if status:
            continue
        per_reply = {name: t / len(reference) * 1e9 for name, t in best_times(data, repeat).items()}
        ratios = [per_reply["smtplib"] / per_reply[name] for name in ("smtpreply", "parse_all", "scan")]
        print(f"{kind:<7} {len(reference):>7} {len(data) / 1024:>6.0f}  "
              + "  ".join(f"{per_reply[name]:>9.0f} ns/r" for name in CONTENDERS) + "  "
              + " ".join(f"{r:>8.1f}x" for r in ratios))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
