"""smtpreply.scan() and classify_many(): the columns agree with parse_all()
and classify(), errors stop the scan where parse_all() raises, and large
inputs are scanned with the GIL released."""

from __future__ import annotations

import random

import pytest
import smtpreply
from conftest import CountingThread
from smtpreply import Command, Flag, Reason, classify, classify_many, parse_all, scan

SESSION = (b"220-mx.example.org ESMTP\r\n220 ready\r\n"
           b"250-mx.example.org Hello\r\n250-SIZE 35882577\r\n250 SMTPUTF8\r\n"
           b"250 2.1.0 Sender OK\r\n550 5.7.606 Access denied, banned sending IP\r\n"
           b"451 4.7.1 Greylisted, try again in 300 seconds\r\n354 Go ahead\r\n221 2.0.0 Bye\r\n")

PIECES = [b"250 OK\r\n", b"250-a\r\n", b"250 b\r\n", b"550 5.1.1 x\r\n", b"421-4.7.0 x\r\n", b"521 5.7.1 y\r\n",
          b"220 caf\xc3\xa9\r\n", b"250 \xb0\r\n", b"250 bare\n", b"\r\n", b"25", b"X", b"651 x\r\n",
          b"250 " + b"a" * 600 + b"\r\n"]


def packed(reply: smtpreply.Reply) -> int:
    e = reply.enhanced
    return 0 if e is None else int(e.status_class) * 1000000 + e.subject * 1000 + e.detail


def check_against_parse_all(data: bytes, lenient: bool) -> None:
    s = scan(data, lenient=lenient)
    try:
        replies = parse_all(data, lenient=lenient)
        error = None
    except smtpreply.ParseError as e:
        replies = list(e.replies)
        error = e
    assert len(s) == len(replies)
    assert s.offsets.tolist() == [r.offset for r in replies]
    assert s.lengths.tolist() == [len(r.raw) for r in replies]
    assert s.codes.tolist() == [int(r.code) for r in replies]
    assert s.lines.tolist() == [len(r.lines) for r in replies]
    assert s.enhanced.tolist() == [packed(r) for r in replies]
    assert s.flags.tolist() == [int(r.flags) for r in replies]
    assert len(s.reasons) == 0 and len(s.actions) == 0
    if error is None:
        assert s.error is None and s.consumed == len(data) and s.check() is s
    else:
        assert (s.error, s.error_offset) == (error.reason, error.offset)
        with pytest.raises(smtpreply.ParseError) as caught:
            s.check()
        assert (caught.value.reason, caught.value.offset) == (error.reason, error.offset)


def test_columns_of_a_session() -> None:
    s = scan(SESSION * 3)
    assert len(s) == 21
    assert s.codes.format == "H" and s.offsets.format == "Q" and s.flags.format == "I"
    assert s.codes.tolist()[:8] == [220, 250, 250, 550, 451, 354, 221, 220]
    assert s.enhanced.tolist()[:4] == [0, 0, 2001000, 5007606]
    check_against_parse_all(SESSION * 3, False)


def test_random_streams_agree_with_parse_all() -> None:
    rng = random.Random(15)
    for _ in range(400):
        data = b"".join(rng.choice(PIECES) for _ in range(rng.randint(0, 10)))
        if rng.random() < 0.2:
            data = data[: rng.randint(0, len(data))]
        for lenient in (False, True):
            check_against_parse_all(data, lenient)


def test_errors_stop_the_scan() -> None:
    s = scan(b"250 ok\r\n250 bare\n251 x\r\n")
    assert (len(s), s.error, s.error_offset, s.consumed) == (1, "bare_lf", 16, 8)
    s = scan(b"250 ok\r\n251 cut")
    assert (len(s), s.error, s.error_offset, s.consumed) == (1, "incomplete", 8, 8)
    assert scan(b"250 bare\n", lenient=True).flags.tolist() == [int(Flag.BARE_LF)]
    assert scan(b"").error is None and len(scan(b"")) == 0


def test_inputs_and_options() -> None:
    for data in (SESSION, bytearray(SESSION), memoryview(SESSION), SESSION.decode()):
        assert scan(data).codes.tolist() == scan(SESSION).codes.tolist()
    opts = smtpreply.Options(max_reply_lines=2)
    assert scan(SESSION, options=opts).error == "too_many_lines"
    with pytest.raises(TypeError):
        scan(12)  # type: ignore[arg-type]


def test_classify_many_agrees_with_classify() -> None:
    data = SESSION + b"550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 gsmtp\r\n"
    for command in (None, Command.RCPT):
        s = classify_many(data, command=command)
        replies = parse_all(data)
        expected = [classify(r, command=command) for r in replies]
        assert [Reason(x) for x in s.reasons] == [c.reason for c in expected]
        assert [smtpreply.Action(x) for x in s.actions] == [c.action for c in expected]
        assert s.codes.tolist() == [int(r.code) for r in replies]


def test_columns_grow_past_the_first_capacity() -> None:
    # The first capacity is one reply per 64 bytes: short replies overflow it several times.
    data = (b"250 ok\r\n" + b"550 5.1.1 no\r\n" + b"250-a\r\n250 b\r\n") * 5000
    check_against_parse_all(data, False)
    s = classify_many(data, command=Command.RCPT)
    assert len(s) == len(s.reasons) == len(s.actions) == 15000
    assert s.reasons.tolist()[:3] == [int(classify(r, command=Command.RCPT).reason) for r in parse_all(data)[:3]]
    assert len(scan(b"")) == 0 and scan(b"").error is None


def test_parse_all_of_bytes_bytearray_and_str_agree_on_a_large_input() -> None:
    # Whatever the input's type (bytes and str are read in place or encoded, others through the buffer protocol).
    data = SESSION * (smtpreply.SCAN_NOGIL_BYTES // len(SESSION) + 2)
    for text in (data, data + b"250 ok\r\n550-no\r\n", data[:-1]):  # whole, an unfinished reply, a cut line
        results = []
        for given in (text, bytearray(text), text.decode()):
            try:
                results.append((parse_all(given), None))
            except smtpreply.ParseError as e:
                results.append((list(e.replies), (e.reason, e.offset)))
        assert results[0] == results[1] == results[2]
        replies = results[0][0]
        assert [r.offset for r in replies] == [r.offset for r in parse_all(bytearray(text[:replies[-1].offset]))] + [
            replies[-1].offset]
        assert b"".join(r.raw for r in replies) == text[: replies[-1].offset + len(replies[-1].raw)]


def test_large_inputs_scan_with_another_thread_running(counting_thread: CountingThread) -> None:
    data = SESSION * (2 * smtpreply.SCAN_NOGIL_BYTES // len(SESSION) + 1)
    assert len(data) >= smtpreply.SCAN_NOGIL_BYTES
    # A smoke test: the GIL-free path runs beside another Python thread (its timing is in the benchmark).
    with counting_thread:
        total = sum(len(scan(data)) for _ in range(20))
    assert total == 20 * 7 * (len(data) // len(SESSION))
    assert counting_thread.count > 0
