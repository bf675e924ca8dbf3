"""Shared fixtures: a real SMTP server (aiosmtpd) on 127.0.0.1, and paths."""

from __future__ import annotations

import pathlib
import socket
from collections.abc import Iterator
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


class RefusingHandler:
    """An aiosmtpd handler that answers certain addresses the way real servers
    refuse: by local part. Everything else is accepted."""

    MAIL = {
        "shutdown": "421 4.3.2 Service shutting down",
        "greylisted": "451 4.7.1 Greylisted, try again later",
    }
    RCPT = {
        "unknown": "550 5.1.1 <{addr}>: Recipient address rejected: User unknown",
        "full": "452 4.2.2 Mailbox full",
        "quota": "552 5.2.2 Over quota",  # 552 to RCPT: treat as 452 (RFC 5321 4.5.3.1.10)
        "closing": "421 4.7.0 Too many errors, closing connection",
        "policy": "550-5.7.1 Message rejected by policy\r\n550 5.7.1 See https://example.org/policy",
    }

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        answer = self.MAIL.get(address.partition("@")[0])
        if answer:
            return answer
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        answer = self.RCPT.get(address.partition("@")[0])
        if answer:
            return answer.format(addr=address)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if any(r.startswith("datafail@") for r in envelope.rcpt_tos):
            return "421 4.3.2 Shutting down during DATA"
        return "250 2.0.0 Ok: queued as 4C2F1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[str, int]]:
    """(host, port) of a live aiosmtpd server for the whole session."""
    from aiosmtpd.controller import Controller

    controller = Controller(RefusingHandler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield "127.0.0.1", controller.port
    finally:
        controller.stop()


class CountingThread:
    """Another Python thread that counts while a test runs: if a parse
    that releases the GIL runs beside it, its count is above zero."""

    def __init__(self) -> None:
        import threading

        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            n += 1
        self.count = n

    def __enter__(self) -> CountingThread:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture
def counting_thread() -> CountingThread:
    """A CountingThread, started with `with counting_thread:`."""
    return CountingThread()
