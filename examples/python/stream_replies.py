#!/usr/bin/env python3
"""Talk to an SMTP server and classify its replies as they stream in.

    python examples/python/stream_replies.py mail.example.org 25

Sends EHLO, then NOOP and QUIT pipelined in one write, and reads the socket
in small pieces: the parser keeps partial replies between reads and returns
every complete one, in order.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator

import smtpreply


def replies(sock: socket.socket, parser: smtpreply.ReplyParser) -> Iterator[smtpreply.Reply]:
    """Every reply the server sends until it closes the connection."""
    while chunk := sock.recv(64):  # small reads on purpose: replies span them
        yield from parser.feed(chunk)
    parser.finish()  # raises ParseError("incomplete") if the server stopped mid-reply


def describe(reply: smtpreply.Reply) -> str:
    enhanced = f" [{reply.enhanced}]" if reply.enhanced is not None else ""
    return f"{reply.code}{enhanced} {reply.reply_class.name.lower()}: {reply.lines[0]!r} ({reply.line_count} lines)"


def main(host: str, port: int) -> int:
    parser = smtpreply.ReplyParser(lenient=True)  # tolerate what real servers send, and flag it
    with socket.create_connection((host, port), timeout=10) as sock:
        stream = replies(sock, parser)
        greeting = next(stream)
        print(describe(greeting))
        if not greeting.is_positive_completion:
            return 1
        sock.sendall(b"EHLO client.example\r\n")
        print(describe(next(stream)))
        sock.sendall(b"NOOP\r\nQUIT\r\n")  # pipelined: two replies may arrive in one read
        for reply in stream:
            print(describe(reply))
            if reply.flags:
                print(f"  tolerated or noticed: {reply.flags!r}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} HOST PORT")
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
